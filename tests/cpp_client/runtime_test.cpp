// The errspec runtime across APIs: docs/client-semantics.md's test vectors (shared with the
// TypeScript client), conditions, error codes, header containers, call_with_retry and credential
// masking.
#include "support.hpp"

#include <errspec/call_with_retry.hpp>

#include <map>

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

json read_vectors(const std::string& name) {
    std::ifstream in(std::string(CPP_CLIENT_VECTORS_DIR) + "/" + name);
    REQUIRE(in.good());
    return json::parse(in);
}

std::optional<milliseconds> optional_ms(const json& value) {
    if (value.is_null()) return std::nullopt;
    return milliseconds(value.get<long long>());
}

errspec::RetryKind retry_kind_named(const std::string& name) {
    if (name == "backoff") return errspec::RetryKind::Backoff;
    if (name == "after_retry_after") return errspec::RetryKind::AfterRetryAfter;
    REQUIRE(name == "never");
    return errspec::RetryKind::Never;
}

std::optional<errspec::TransportFailure> transport_named(const std::string& name) {
    for (const auto kind : {errspec::TransportFailure::connect_failed, errspec::TransportFailure::timed_out,
                            errspec::TransportFailure::connection_lost}) {
        if (errspec::to_string(kind) == name) return kind;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("every retry decision vector of tests/vectors/retry_decisions.json", "[cpp-client][runtime]") {
    const json vectors = read_vectors("retry_decisions.json");
    REQUIRE(vectors.size() > 0);
    for (const json& vector : vectors) {
        INFO(vector["name"].get<std::string>());
        const json& failure = vector["failure"];
        errspec::FailureFacts facts;
        if (failure.contains("transport")) {
            const auto kind = transport_named(failure["transport"]);
            REQUIRE(kind.has_value());
            facts = *kind;
        } else {
            facts.retry_kind = retry_kind_named(failure["retry_kind"]);
            const auto condition = parse_condition_name(failure["condition"]);
            REQUIRE(condition.has_value());
            facts.cond = *condition;
            facts.retry_after = optional_ms(failure["retry_after_ms"]);
            facts.retry_safe = failure["retry_safe"];
            // The condition a response's status gives agrees with the vector's own.
            CHECK(errspec::condition_of_status(failure["status"]) == facts.cond);
        }
        const json& policy_json = vector["policy"];
        errspec::RetryPolicy policy;
        policy.max_attempts = policy_json["max_attempts"];
        policy.initial_delay = milliseconds(policy_json["initial_delay_ms"].get<long long>());
        policy.max_delay = milliseconds(policy_json["max_delay_ms"].get<long long>());
        policy.max_retry_after = milliseconds(policy_json["max_retry_after_ms"].get<long long>());
        const auto idempotency = vector["idempotent"].get<bool>() ? errspec::Idempotency::idempotent
                                                                  : errspec::Idempotency::not_idempotent;

        const errspec::RetryDecision decision =
            errspec::decide_retry(facts, vector["attempt"], policy, idempotency, vector["random"].get<double>());
        const json& expect = vector["expect"];
        CHECK(decision.retry == expect["retry"].get<bool>());
        CHECK(decision.delay == milliseconds(expect["delay_ms"].get<long long>()));
        CHECK(errspec::to_string(decision.reason) == expect["reason"].get<std::string>());
        CHECK(decision.retry_after == optional_ms(expect["retry_after_ms"]));
    }
}

TEST_CASE("every status of tests/vectors/conditions.json maps to its condition", "[cpp-client][runtime]") {
    const json vectors = read_vectors("conditions.json");
    REQUIRE(vectors.size() == 501);
    for (const json& vector : vectors) {
        INFO(vector["status"]);
        CHECK(errspec::to_string(errspec::condition_of_status(vector["status"])) == vector["condition"].get<std::string>());
    }
}

TEMPLATE_LIST_TEST_CASE("every error's error_code maps to its condition, the same set for every API", "[cpp-client][runtime]", AllApis) {
    const json& model = model_of(TestType::id);
    for (const json& error : model["errors"]) {
        INFO(TestType::id << " " << error["code"]);
        const auto condition = parse_condition_name(error["condition"]);
        REQUIRE(condition.has_value());
        const std::error_code ec = make_error_code(error_named<TestType>(error["code"]));
        CHECK(ec);
        CHECK(ec == *condition);
        CHECK(ec.default_error_condition() == errspec::make_error_condition(*condition));
        CHECK(ec.default_error_condition().category() == errspec::condition_category());
        CHECK(ec.message() == error["wire_message"].get<std::string>());  // never a {param} template
        for (const errspec::condition other : errspec::kAllConditions) {
            if (other != *condition) CHECK_FALSE(ec == other);
        }
    }
    // An unrecognised error: a value of its own, never 0, in the API's category.
    const errspec::ApiError proxy = TestType::decode_error(502, Headers{}, "<html><body>502 Bad Gateway</body></html>");
    CHECK(proxy.error_code().value() == errspec::kUnrecognizedErrorValue + 502);
    CHECK(proxy.error_code().category() == TestType::error_category());
    CHECK(proxy.condition() == errspec::condition::unavailable);
    // Its error_code alone, passed on, still compares equal to the condition its status gives.
    CHECK(proxy.error_code() == errspec::condition::unavailable);
    CHECK(proxy.error_code().message() == "unrecognised " + std::string(TestType::id) + " error (HTTP 502)");
    CHECK(std::string(TestType::error_category().name()) == TestType::id);
}

TEST_CASE("conditions compare equal across APIs", "[cpp-client][runtime]") {
    const std::error_code trendtrack_ec = trendtrack::Error::MissingApiKey;
    const std::error_code trakkr_ec = trakkr::Error::MissingApiKey;
    const std::error_code admaxxer_ec = admaxxer::Error::MissingAuthorization;
    CHECK(trendtrack_ec != trakkr_ec);  // different APIs, different codes ...
    for (const std::error_code& ec : {trendtrack_ec, trakkr_ec, admaxxer_ec}) {
        CHECK(ec == errspec::condition::unauthenticated);  // ... one condition
        CHECK(ec != errspec::condition::permission_denied);
    }
    CHECK(trendtrack_ec.default_error_condition() == trakkr_ec.default_error_condition());
    CHECK(std::error_code(creatoraudit::Error::QuotaExceeded) == errspec::condition::resource_exhausted);
    CHECK(std::error_code(trendtrack::Error::RateLimited) == errspec::condition::rate_limited);
}

TEST_CASE("decode_error reads headers from any range of pairs and from a lookup callback", "[cpp-client][runtime]") {
    const std::string body = R"({"error":{"code":"rate_limited","message":"Rate limited."}})";
    const std::multimap<std::string, std::string> multimap = {{"Retry-After", "3"}, {"X-REQUEST-ID", "req_m"}};
    const std::vector<std::pair<std::string_view, std::string_view>> views = {{"retry-after", "4"}, {"x-request-id", "req_v"}};
    const std::map<std::string, std::string> map = {{"Retry-After", "5"}};
    const auto callback = [](std::string_view lower_name) -> std::optional<std::string> {
        if (lower_name == "retry-after") return "6";
        if (lower_name == "x-request-id") return "req_c";
        return std::nullopt;
    };
    const auto from_multimap = trendtrack::decode_error(429, multimap, body);
    CHECK(from_multimap.retry_after == std::chrono::seconds(3));
    CHECK(from_multimap.request_id == "req_m");
    CHECK(trendtrack::decode_error(429, views, body).retry_after == std::chrono::seconds(4));
    CHECK(trendtrack::decode_error(429, views, body).request_id == "req_v");
    CHECK(trendtrack::decode_error(429, map, body).retry_after == std::chrono::seconds(5));
    const auto from_callback = trendtrack::decode_error(429, callback, body);
    CHECK(from_callback.retry_after == std::chrono::seconds(6));
    CHECK(from_callback.request_id == "req_c");
    CHECK(trendtrack::error_of(from_callback) == trendtrack::Error::RateLimited);
}

TEST_CASE("an ApiError of one API is no error of another", "[cpp-client][runtime]") {
    const auto trendtrack_error = trendtrack::decode_error(401, {}, R"({"error":{"code":"invalid_api_key"}})");
    CHECK(trendtrack::error_of(trendtrack_error) == trendtrack::Error::InvalidApiKey);
    CHECK(trakkr::error_of(trendtrack_error) == trakkr::Error::Unknown);
    CHECK(trendtrack_error.api_name() == "Trendtrack");
}

TEST_CASE("call_with_retry waits as decided and says why it gave up", "[cpp-client][runtime]") {
    std::vector<milliseconds> waits;
    errspec::RetryHooks hooks;
    hooks.sleep = [&](milliseconds delay) { waits.push_back(delay); };
    hooks.random = [] { return 0.5; };
    errspec::RetryPolicy policy;
    policy.max_attempts = 4;
    policy.initial_delay = milliseconds(100);

    // A transport failure, a 429 with Retry-After, then success.
    const auto result = errspec::call_with_retry(
        [&](int attempt) -> errspec::Outcome<std::string> {
            if (attempt == 1) return errspec::TransportFailure::connect_failed;
            if (attempt == 2) {
                return trendtrack::decode_error(429, Headers{{"Retry-After", "2"}}, R"({"error":{"code":"rate_limited"}})");
            }
            return std::string("done");
        },
        policy, errspec::Idempotency::not_idempotent, hooks);
    REQUIRE(std::holds_alternative<std::string>(result.outcome));
    CHECK(std::get<std::string>(result.outcome) == "done");
    CHECK(result.attempts == 3);
    CHECK_FALSE(result.gave_up.has_value());
    CHECK(waits == std::vector<milliseconds>{milliseconds(50), milliseconds(2000)});

    // A 500 of a POST: no retry, reason not_idempotent.
    waits.clear();
    const auto refused = errspec::call_with_retry(
        [&](int) -> errspec::Outcome<int> { return trendtrack::decode_error(500, {}, R"({"error":{"code":"internal_error"}})"); },
        policy, errspec::Idempotency::not_idempotent, hooks);
    CHECK(refused.attempts == 1);
    REQUIRE(refused.gave_up.has_value());
    CHECK(refused.gave_up->reason == errspec::RetryReason::not_idempotent);
    CHECK(waits.empty());

    // Idempotent: retried until the attempts are used up.
    const auto exhausted = errspec::call_with_retry(
        [&](int) -> errspec::Outcome<int> { return errspec::TransportFailure::timed_out; }, policy,
        errspec::Idempotency::idempotent, hooks);
    CHECK(exhausted.attempts == 4);
    REQUIRE(exhausted.gave_up.has_value());
    CHECK(exhausted.gave_up->reason == errspec::RetryReason::attempts_exhausted);
    CHECK(waits == std::vector<milliseconds>{milliseconds(50), milliseconds(100), milliseconds(200)});
}

TEST_CASE("credentials of every shape are masked, and ordinary words are not", "[cpp-client][runtime]") {
    const std::string secret = "S3cretValue0123456789";
    // Each names a shape (issue 18 and the class around it): schemes other than Bearer and Basic,
    // values with characters no token68 holds, a scheme followed by what looks like another.
    const std::vector<std::string> leaking = {
        "Authorization: token ghp_" + secret,
        "Authorization: Token " + secret,
        "password=p@ss" + secret,
        "Bearer basic" + secret,
        "Bearer Bearer " + secret,
        "Authorization: Digest username=\"me\", response=\"" + secret + "\"",
        "Authorization: ApiKey " + secret,
        "DPoP " + secret,
        "{\"client_secret\": \"a b " + secret + "\"}",
        "access_token=" + secret + "&next=1",
        "X-Api-Key: " + secret,
        "Cookie: session=" + secret + "; theme=dark",
        "see https://admin:" + secret + "@example.com/x",
        "key ghp_" + secret + " leaked",
        "sk_live_" + secret,
        "xoxb-" + secret,
        "eyJhbGciOiJIUzI1NiJ9." + secret,
        "AKIA" + secret,
        "PASSWORD: '" + secret + "'",
        "passwd=" + secret + ",user=x",
    };
    for (const std::string& text : leaking) {
        const std::string masked = errspec::redact_credentials(text);
        INFO(text << " -> " << masked);
        CHECK(masked.find(secret) == std::string::npos);
        CHECK(masked.find("p@ss") == std::string::npos);
        CHECK(masked.find("[redacted]") != std::string::npos);
    }
    for (const std::string& text : {std::string("Token expired, sign in again."), std::string("Basic plan required"),
                                    std::string("Invalid API key."), std::string("Rate limited (429): retry later")}) {
        CHECK(errspec::redact_credentials(text) == text);
    }
}
