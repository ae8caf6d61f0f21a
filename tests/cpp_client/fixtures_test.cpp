// Envelope shapes the seeds do not have, from the fixtures in specs/: a code inside a URL, integer
// codes, a status mirrored inside a string, status-only and message_contains rules, retry-after-ms,
// and the HTTP-date forms of Retry-After.
#include "support.hpp"

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("a code inside a URL counts only when prefix and suffix both match", "[cpp-client][fixtures]") {
    const auto decode = [](const std::string& type) {
        return problems::decode_error(429, {}, R"({"type":")" + type + R"(","detail":"Too many requests."})");
    };
    CHECK(problems::error_of(decode("https://errors.example.com/problems/rate-limited.html")) == problems::Error::RateLimited);
    CHECK(decode("https://errors.example.com/problems/rate-limited.html").code == "rate-limited");
    for (const char* type : {"https://errors.example.com/problems/rate-limited.json",
                             "http://errors.example.com/problems/rate-limited.html", "about:blank", "rate-limited"}) {
        INFO(type);
        const auto decoded = decode(type);
        CHECK(problems::error_of(decoded) == problems::Error::Unknown);
        CHECK(decoded.code == type);  // the raw value, kept whole
        CHECK(decoded.message == "Too many requests.");
    }
    CHECK(decode("https://errors.example.com/problems/.html").code.empty());  // both match; the code is empty
    // gRPC's UNKNOWN is a code like any other; value 0 stays "not in the spec".
    CHECK(problems::error_of(decode("https://errors.example.com/problems/UNKNOWN.html")) == problems::Error::UnknownCode);
    CHECK(problems::Error::UnknownCode != problems::Error::Unknown);
}

TEST_CASE("the lone request id wins over the embedded one; nested details are kept", "[cpp-client][fixtures]") {
    const std::string body = R"({"type":"https://errors.example.com/problems/invalid-input.html",
        "instance":"urn:request:embedded","context":{"errors":[{"field":"a","codes":[1,2]}],"trace":{"id":"lone"}}})";
    const auto decoded = problems::decode_error(400, {{"X-Trace-Id", "header"}}, body);
    CHECK(problems::error_of(decoded) == problems::Error::InvalidInput);
    CHECK(decoded.request_id == "lone");
    CHECK(decoded.details.json() == json::parse(R"([{"field":"a","codes":[1,2]}])"));
    // Members in other places or of other types are not taken for the envelope's.
    const auto misplaced = problems::decode_error(
        400, {}, R"({"type":["https://errors.example.com/problems/timeout.html"],"trace":{"id":"x"},"context":{"trace":"y"}})");
    CHECK(problems::error_of(misplaced) == problems::Error::Unknown);
    CHECK(misplaced.code.empty());
    CHECK(misplaced.request_id.empty());
}

TEST_CASE("encoding writes constants, embedded placeholders and leaves out what has no value", "[cpp-client][fixtures]") {
    CHECK(problems::encode_error(problems::Error::Timeout) ==
          R"({"type":"https://errors.example.com/problems/timeout.html","title":"Request timeout","status":408,)"
          R"("detail":"The request took too long.","meta":{"api_version":3,"tags":["alpha","beta"],"empty":{}}})");
    CHECK(json::parse(problems::encode_error(problems::Error::Timeout, "", "r1", json::array()))["context"] ==
          json{{"trace", {{"id", "r1"}}}, {"errors", json::array()}});
    CHECK(numeric::encode_error(numeric::Error::E20404, "", "t-1") ==
          R"({"ok":false,"code":20404,"error":{"status":"HTTP 404","msg":"No such record.","hint":"Check the id."},"data":null,"trace":"t-1"})");
    CHECK(json::parse(numeric::encode_error(numeric::Error::E40001))["error"]["hint"] == "See the documentation.");
}

TEST_CASE("integer codes decode from the number and from its string form", "[cpp-client][fixtures]") {
    for (const char* code : {"20404", "\"20404\""}) {
        const auto decoded = numeric::decode_error(404, {}, std::string(R"({"code":)") + code + R"(,"error":{"msg":"No such record."}})");
        CHECK(numeric::error_of(decoded) == numeric::Error::E20404);
        CHECK(decoded.code == "20404");
    }
    for (const char* code : {"20404.0", "2.0404e4", "-20404", "99999999999999999999", "true", "null", "{}"}) {
        INFO(code);
        CHECK(numeric::error_of(numeric::decode_error(404, {}, std::string(R"({"code":)") + code + "}")) == numeric::Error::Unknown);
    }
    CHECK(numeric::decode_error(503, {}, R"({"code":50300,"trace":12345})").request_id == "12345");
}

TEST_CASE("a status mirrored in the body stands in for a status that is no error status", "[cpp-client][fixtures]") {
    const std::string body = R"({"code":20404,"error":{"status":"HTTP 404"}})";
    CHECK(numeric::decode_error(200, {}, body).status == 404);
    CHECK(numeric::decode_error(0, {}, body).status == 404);
    CHECK(numeric::decode_error(502, {}, body).status == 502);  // the response's own error status wins
    CHECK(numeric::decode_error(200, {}, R"({"code":20404,"error":{"status":"HTTP 4040"}})").status == 200);
    CHECK(numeric::decode_error(200, {}, R"({"code":20404,"error":{"status":"404"}})").status == 200);
}

TEST_CASE("code-less errors are told apart by status, exact message and contained text", "[cpp-client][fixtures]") {
    const auto decode = [](int status, const std::string& message) {
        return matchrules::decode_error(status, {}, json{{"error", {{"text", message}}}}.dump());
    };
    CHECK(matchrules::error_of(decode(403, "You hit the rate limit. Slow down.")) == matchrules::Error::RateLimited);
    CHECK(matchrules::error_of(decode(403, "Over the rate limit again")) == matchrules::Error::RateLimited);
    CHECK(matchrules::error_of(decode(403, "Forbidden")) == matchrules::Error::Forbidden);
    CHECK(matchrules::error_of(decode(403, "Forbidden.")) == matchrules::Error::Unknown);
    CHECK(decode(403, "Forbidden.").message == "Forbidden.");
    CHECK(matchrules::error_of(decode(401, "Forbidden")) == matchrules::Error::Unknown);
    CHECK(matchrules::error_of(decode(404, "anything at all")) == matchrules::Error::NotFound);
    CHECK(decode(404, "anything at all").code == "not_found");
    CHECK(matchrules::error_of(matchrules::decode_error(404, {}, "{}")) == matchrules::Error::NotFound);
    CHECK(matchrules::error_of(matchrules::decode_error(404, {}, "null")) == matchrules::Error::Unknown);
    CHECK(matchrules::error_of(matchrules::decode_error(404, {}, "<html>404</html>")) == matchrules::Error::Unknown);
    // The mirrored status decides where the response's does not (an error answered with 200).
    CHECK(matchrules::error_of(matchrules::decode_error(200, {}, R"({"error":{"text":"Forbidden"},"statusCode":403})")) ==
          matchrules::Error::Forbidden);
}

TEST_CASE("retry is decided per code: a 429 that means quota exhausted is not retried", "[cpp-client][fixtures]") {
    const auto decode = [](const std::string& code, const Headers& headers) {
        return problems::decode_error(429, headers, problems::encode_error(*problems::error_from_code(code)));
    };
    const Headers wait_ten = {{"Retry-After", "10"}};
    const auto decide = [](const errspec::ApiError& error, int attempt) {
        return problems::decide_retry(error, attempt, errspec::Idempotency::idempotent);
    };
    CHECK(decide(decode("quota-exhausted", wait_ten), 1).reason == errspec::RetryReason::not_retryable);
    CHECK(decide(decode("rate-limited", wait_ten), 1).delay == milliseconds(10000));
    // The fixture's policy: at most 60 s of Retry-After, five attempts.
    CHECK(decide(decode("rate-limited", {{"Retry-After", "61"}}), 1).reason == errspec::RetryReason::retry_after_too_long);
    CHECK(decide(decode("rate-limited", wait_ten), 4).retry);
    CHECK(decide(decode("rate-limited", wait_ten), 5).reason == errspec::RetryReason::attempts_exhausted);
    const errspec::RetryPolicy policy = problems::kRetryPolicy;
    CHECK(policy.max_attempts == 5);
    CHECK(policy.initial_delay == milliseconds(100));
    CHECK(policy.max_delay == milliseconds(2000));
    CHECK(policy.max_retry_after == milliseconds(60000));
}

TEST_CASE("retry-after-ms is preferred and kept to the millisecond", "[cpp-client][fixtures]") {
    const auto retry_after = [](const Headers& headers) {
        return problems::decode_error(429, headers, problems::encode_error(problems::Error::RateLimited)).retry_after;
    };
    CHECK(retry_after({{"retry-after-ms", "1500"}}) == milliseconds(1500));
    CHECK(retry_after({{"Retry-After-Ms", "2000"}}) == seconds(2));
    CHECK(retry_after({{"retry-after-ms", "0"}}) == seconds(0));
    CHECK(retry_after({{"Retry-After", "30"}, {"retry-after-ms", "250"}}) == milliseconds(250));
    CHECK(retry_after({{"retry-after-ms", "soon"}, {"Retry-After", "30"}}) == seconds(30));
    CHECK(retry_after({{"retry-after-ms", "999999999999999999999999"}}) == seconds(2147483647));
    // Specs without the header do not read it.
    CHECK_FALSE(trendtrack::decode_error(429, {{"retry-after-ms", "1500"}}, "{}").retry_after.has_value());
}

TEST_CASE("Retry-After as an HTTP-date in each of its three forms", "[cpp-client][fixtures]") {
    // RFC 9110's example instant, Sun, 06 Nov 1994 08:49:37 GMT, is 784111777 s after the epoch.
    const auto at = [](long long epoch_seconds) { return std::chrono::system_clock::time_point(seconds(epoch_seconds)); };
    const auto now = at(784111777 - 90);
    CHECK(errspec::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == seconds(90));
    CHECK(errspec::parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now) == seconds(90));
    CHECK(errspec::parse_retry_after("Sun Nov  6 08:49:37 1994", now) == seconds(90));
    CHECK(errspec::parse_retry_after("  Sun, 06 Nov 1994 08:49:37 GMT\t", now) == seconds(90));
    CHECK(errspec::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now + std::chrono::milliseconds(300)) == seconds(90));
    CHECK(errspec::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at(784111777 + 5)) == seconds(0));
    CHECK(errspec::parse_retry_after("Thu, 29 Feb 1996 00:00:00 GMT", at(825552000)) == seconds(0));
    // RFC 850's two-digit year: more than 50 years ahead means the century before.
    CHECK(errspec::parse_retry_after("Friday, 01-Jan-99 00:00:00 GMT", at(915148800 - 10)) == seconds(10));
    CHECK(errspec::parse_retry_after("Saturday, 01-Jan-00 00:00:00 GMT", at(946684800 - 10)) == seconds(10));
    // Far beyond what system_clock holds: capped, no overflow.
    CHECK(errspec::parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == seconds(2147483647));
    for (const char* bad : {"Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37", "Sun, 31 Nov 1994 08:49:37 GMT",
                            "Sun, 29 Feb 1995 08:49:37 GMT", "Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                            "Sun, 6 Nov 1994 08:49:37 GMT", "06 Nov 1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
                            "Sun, 06 Nov 1994 08:49:37 GMT extra", "", "Sun", "Sun,", "Sun, 06 Nov 1994 08:49", "1e3",
                            "Sun, 06 Nov 1994 08:49:37 GMT\xFF"}) {
        INFO(bad);
        CHECK_FALSE(errspec::parse_retry_after(bad, now).has_value());
    }
}

TEST_CASE("hostile strings survive encoding and decoding", "[cpp-client][fixtures]") {
    const json body = json::parse(hostile::encode_error(hostile::Error::QuoteCode, {}, "r\xC3\xA9q"));
    CHECK(body["we\"ird\\key"]["?\?/"] == "quote\"code");
    CHECK(body["we\"ird\\key"]["line\nbreak"] == "Message with \"quotes\", \\backslash\\, ?\?/ trigraph, \u202e bidi, newline\nand tab\t.");
    CHECK(body["*/"] == "prefix \" \\ ?\?/ \xEF\xAC\x81" "eld \xE2\x9C\x93 \u2066 suffix \u202e");
    CHECK(body["bidi\u202ekey"] == "constant with \u2066 isolate and \" quote");
    CHECK(body["\xC3\xA9 \xC3\xBCn\xC3\xAF"] == "r\xC3\xA9q");
    CHECK(hostile::decode_error(503, {}, hostile::encode_error(hostile::Error::Caf)).message ==
          "Le caf\xC3\xA9 est ferm\xC3\xA9. \xE2\x98\x95 \xF0\x9D\x84\x9E");
}
