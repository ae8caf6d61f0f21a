// The seed documents' own example bodies (/work/shared/seeds/00*.txt), copied verbatim, and the
// values each document says they carry. Nothing here is taken from the generator's output.
#include "support.hpp"

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("Trendtrack: the stable error envelope", "[cpp-client][seeds]") {
    // 000: "Every API error returns the same envelope. Always parse error.code".
    const std::string body = R"({
  "error": {
    "code": "missing_api_key",
    "message": "Missing API key.",
    "requestId": "req_123"
  }
})";
    const auto decoded = trendtrack::decode_error(401, {}, body);
    CHECK(trendtrack::error_of(decoded) == trendtrack::Error::MissingApiKey);
    CHECK(decoded.code == "missing_api_key");
    CHECK(decoded.message == "Missing API key.");
    CHECK(decoded.request_id == "req_123");
    CHECK(decoded.status == 401);

    // "include the X-Request-Id response header (or the requestId field)".
    const auto from_header = trendtrack::decode_error(
        429, {{"x-request-id", "req_456"}, {"Retry-After", "30"}},
        R"({"error":{"code":"rate_limited","message":"Rate limited."}})");
    CHECK(trendtrack::error_of(from_header) == trendtrack::Error::RateLimited);
    CHECK(from_header.request_id == "req_456");
    // "Respect the Retry-After header before retrying."
    CHECK(trendtrack::decide_retry(from_header, 1, errspec::Idempotency::idempotent).delay == milliseconds(30000));

    // The body wins over the header.
    CHECK(trendtrack::decode_error(401, {{"X-Request-Id", "req_header"}}, body).request_id == "req_123");

    // A five-megabyte message is kept whole; the exception's line is cut short.
    const std::string long_message(5u << 20, 'm');
    const auto long_body = trendtrack::decode_error(
        401, {}, trendtrack::encode_error(trendtrack::Error::MissingApiKey, long_message, "req_123"));
    CHECK(trendtrack::error_of(long_body) == trendtrack::Error::MissingApiKey);
    CHECK(long_body.message == long_message);
    CHECK(std::string(errspec::ApiException(long_body).what()).size() <= std::string("Trendtrack: ").size() + 1024 + 3);

    // A cut-off body: not trusted, but what it held is kept.
    const auto truncated = trendtrack::decode_error(401, {}, body.substr(0, body.find("\"requestId\"")));
    CHECK(trendtrack::error_of(truncated) == trendtrack::Error::Unknown);
    CHECK(truncated.code == "missing_api_key");
    CHECK(truncated.message == "Missing API key.");
}

TEST_CASE("Trackpilots: the five documented bodies", "[cpp-client][seeds]") {
    struct Vector {
        trackpilots::Error error;
        const char* code;
        const char* status_message;
        const char* message;
    };
    // 001: one body per code, each with its own statusMessage.
    const Vector vectors[] = {
        {trackpilots::Error::AuthorizationHeaderMissing, "AUTHORIZATION_HEADER_MISSING",
         "Authentication token header is missing", "Authorization header is missing"},
        {trackpilots::Error::InvalidApiKeySchema, "INVALID_API_KEY_SCHEMA", "Invalid authentication token schema",
         "Authorization header must start with 'Bearer'"},
        {trackpilots::Error::ApiKeyMissing, "API_KEY_MISSING", "Authentication token is missing",
         "API key value is missing"},
        {trackpilots::Error::InvalidApiKey, "INVALID_API_KEY", "Authentication failed",
         "Provided API key is invalid or inactive"},
        {trackpilots::Error::PlanExpired, "PLAN_EXPIRED", "Upgrade required", "Upgrade required to use Trackpilots APIs"},
    };
    for (const Vector& v : vectors) {
        INFO(v.code);
        const std::string body = std::string(R"({
  "success": false,
  "statusCode": 401,
  "statusMessage": ")") + v.status_message + R"(",
  "data": null,
  "error": {
    "message": ")" + v.message + R"(",
    "code": ")" + v.code + R"("
  }
})";
        const auto decoded = trackpilots::decode_error(401, {}, body);
        CHECK(trackpilots::error_of(decoded) == v.error);
        CHECK(decoded.code == v.code);
        CHECK(decoded.message == v.message);
        CHECK(decoded.status == 401);
        CHECK(decoded.details.empty());

        // Encoding writes the documented body, member for member and in the document's order.
        CHECK(trackpilots::encode_error(v.error) == nlohmann::ordered_json::parse(body).dump());
        // Trackpilots' JavaScript switch throws for every one of them; so does the stub here.
        CHECK_THROWS_AS(trackpilots::handle_error(decoded, 1, errspec::Idempotency::idempotent), errspec::ApiException);
    }

    // The status is mirrored in the body: an error answered with 200 still reads as its 401.
    const auto mirrored = trackpilots::decode_error(200, {}, trackpilots::encode_error(trackpilots::Error::PlanExpired));
    CHECK(trackpilots::error_of(mirrored) == trackpilots::Error::PlanExpired);
    CHECK(mirrored.status == 401);

    const errspec::ApiException exception(trackpilots::decode_error(401, {}, trackpilots::encode_error(trackpilots::Error::PlanExpired)));
    CHECK(std::string(exception.what()) == "Trackpilots: PLAN_EXPIRED (401): Upgrade required to use Trackpilots APIs");
}

TEST_CASE("Admaxxer: the response envelope with details and meta.request_id", "[cpp-client][seeds]") {
    // 004: "Response Envelope".
    const std::string body = R"({
  "error": {
    "code": "insufficient_scope",
    "message": "This endpoint requires the 'pixel:write' scope",
    "details": { "required": "pixel:write", "available": ["pixel:read"] }
  },
  "meta": { "request_id": "req_abc123" }
})";
    const auto decoded = admaxxer::decode_error(403, {}, body);
    CHECK(admaxxer::error_of(decoded) == admaxxer::Error::InsufficientScope);
    CHECK(decoded.code == "insufficient_scope");
    CHECK(decoded.message == "This endpoint requires the 'pixel:write' scope");
    CHECK(decoded.request_id == "req_abc123");
    CHECK(decoded.details.json() == json{{"required", "pixel:write"}, {"available", {"pixel:read"}}});
    CHECK(json::parse(admaxxer::encode_error(admaxxer::Error::InsufficientScope, decoded.message, "req_abc123",
                                             decoded.details)) == json::parse(body));

    const std::string deep_details =
        R"({"error":{"code":"invalid_body","details":)" + std::string(200000, '[') + R"(}})";
    const auto too_deep = admaxxer::decode_error(400, {}, deep_details);
    CHECK(admaxxer::error_of(too_deep) == admaxxer::Error::Unknown);
    CHECK(too_deep.code == "invalid_body");
    CHECK(too_deep.details.empty());

    // Retry advice is per code: two 503s, two answers. "ingest_unavailable ... Contact support",
    // "tinybird_error ... Retry after a short backoff".
    const auto idempotent = errspec::Idempotency::idempotent;
    const auto ingest = admaxxer::decode_error(503, {}, R"({"error":{"code":"ingest_unavailable"}})");
    const auto tinybird = admaxxer::decode_error(503, {}, R"({"error":{"code":"tinybird_error"}})");
    CHECK(admaxxer::decide_retry(ingest, 1, idempotent).reason == errspec::RetryReason::not_retryable);
    const auto backoff = admaxxer::decide_retry(tinybird, 1, idempotent);
    REQUIRE(backoff.retry);
    CHECK(backoff.delay <= milliseconds(500));  // spec-format.md's default initial_delay_ms
    // "rate_limit_exceeded: Caller exceeded 60 req/minute. Respect the Retry-After header."
    const auto limited = admaxxer::decode_error(429, {{"Retry-After", "60"}},
                                                R"({"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded"}})");
    CHECK(admaxxer::decide_retry(limited, 1, idempotent).delay == milliseconds(60000));
    // ... and a POST may retry it too: a 429 with Retry-After says the request was not processed.
    CHECK(admaxxer::decide_retry(limited, 1, errspec::Idempotency::not_idempotent).delay == milliseconds(60000));
}

TEST_CASE("Admaxxer: the scope is a typed message parameter, and its encoder formats the message", "[cpp-client][seeds]") {
    // The document's message names the route's scope: "This endpoint requires the 'pixel:write' scope".
    CHECK(admaxxer::messages::InsufficientScope("pixel:write") == "This endpoint requires the 'pixel:write' scope");
    const std::string body = admaxxer::encoders::InsufficientScope("pixel:read", "req_1");
    const auto decoded = admaxxer::decode_error(403, {}, body);
    CHECK(admaxxer::error_of(decoded) == admaxxer::Error::InsufficientScope);
    CHECK(decoded.message == "This endpoint requires the 'pixel:read' scope");
    CHECK(decoded.request_id == "req_1");

    // The typed encoder takes details too: it produces the document's own "Response Envelope".
    const json documented = json::parse(R"({
  "error": {
    "code": "insufficient_scope",
    "message": "This endpoint requires the 'pixel:write' scope",
    "details": { "required": "pixel:write", "available": ["pixel:read"] }
  },
  "meta": { "request_id": "req_abc123" }
})");
    CHECK(json::parse(admaxxer::encoders::InsufficientScope("pixel:write", "req_abc123", documented["error"]["details"])) ==
          documented);

    // Without its parameter, no {scope} template goes on the wire or into a log: the title does.
    const json untyped = json::parse(admaxxer::encode_error(admaxxer::Error::InsufficientScope));
    CHECK(untyped["error"]["message"] == "Insufficient scope");
    CHECK(admaxxer::message(admaxxer::Error::InsufficientScope) == "Insufficient scope");
    CHECK(make_error_code(admaxxer::Error::InsufficientScope).message() == "Insufficient scope");
}

TEST_CASE("Trakkr: no code on the wire, errors told apart by message and status", "[cpp-client][seeds]") {
    // 003: the "Code Example" response, shown as 401 (the table says 403 for an invalid key).
    const std::string invalid = R"({
 "error": "Invalid API key"
})";
    for (const int status : {401, 403}) {
        const auto decoded = trakkr::decode_error(status, {}, invalid);
        CHECK(trakkr::error_of(decoded) == trakkr::Error::InvalidApiKey);
        CHECK(decoded.code == "invalid_api_key");
        CHECK(decoded.message == "Invalid API key");
    }
    // The table: 401 "Missing API key".
    const auto missing = trakkr::decode_error(401, {}, R"({"error": "Missing API key"})");
    CHECK(trakkr::error_of(missing) == trakkr::Error::MissingApiKey);
    CHECK(missing.message == "Missing API key");

    const auto other = trakkr::decode_error(401, {}, R"({"error": "Key sk_live_xxxxxxxxxxxx is suspended"})");
    CHECK(trakkr::error_of(other) == trakkr::Error::Unknown);
    CHECK(other.code.empty());
    CHECK(other.message == "Key sk_live_xxxxxxxxxxxx is suspended");
    CHECK(trakkr::error_of(trakkr::decode_error(401, {}, R"({"error": {"message": "Invalid API key"}})")) == trakkr::Error::Unknown);

    CHECK(std::string(errspec::ApiException(trakkr::decode_error(401, {}, invalid)).what()) ==
          "Trakkr: invalid_api_key (401): Invalid API key");
}

TEST_CASE("CreatorAudit: request_id mirrors X-Request-ID, 403s differ by code", "[cpp-client][seeds]") {
    // 002: "Every response includes an X-Request-ID header (mirrored as request_id in error bodies)".
    const auto decoded = creatoraudit::decode_error(
        403, {{"X-Request-ID", "req_h"}}, R"({"code":"QUOTA_EXCEEDED","message":"Quota exceeded","request_id":"req_b"})");
    CHECK(creatoraudit::error_of(decoded) == creatoraudit::Error::QuotaExceeded);
    CHECK(decoded.request_id == "req_b");
    // "403 covers a few cases ... Branch on the code field to tell them apart".
    for (const auto& [code, error] : {std::pair{"FORBIDDEN", creatoraudit::Error::Forbidden},
                                      std::pair{"INSUFFICIENT_SCOPE", creatoraudit::Error::InsufficientScope},
                                      std::pair{"QUOTA_EXCEEDED", creatoraudit::Error::QuotaExceeded}}) {
        CHECK(creatoraudit::error_of(creatoraudit::decode_error(403, {}, std::string(R"({"code":")") + code + "\"}")) == error);
    }
    // QUOTA_EXCEEDED: "Remove unused accounts or upgrade, then retry": no automatic retry.
    CHECK_FALSE(creatoraudit::decide_retry(decoded, 1, errspec::Idempotency::idempotent).retry);
    // RATE_LIMITED: "Retry-After when present, then back off exponentially".
    const auto limited = creatoraudit::decode_error(429, {{"retry-after", "2"}}, R"({"code":"RATE_LIMITED"})");
    CHECK(creatoraudit::decide_retry(limited, 1, errspec::Idempotency::idempotent).delay == milliseconds(2000));
    // 422: "The body includes an errors array describing each invalid field".
    const json errors = json::array({{{"field", "platform"}, {"message", "must be instagram or tiktok"}}});
    const auto validation = creatoraudit::decode_error(
        422, {}, creatoraudit::encode_error(creatoraudit::Error::ValidationError, {}, "req_1", errors));
    CHECK(creatoraudit::error_of(validation) == creatoraudit::Error::ValidationError);
    CHECK(validation.details.json() == errors);
}
