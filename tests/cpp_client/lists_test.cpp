// Envelopes whose errors sit in a list (JSON:API, GraphQL): every error of a response decoded, the
// first by decode_error, several encoded; a status typed as a JSON string; bodies of 10 000
// elements and elements of the wrong shape.
#include <chrono>

#include "support.hpp"

using nlohmann::json;

namespace {

const std::string kTwoJsonApiErrors =
    R"({"errors":[{"status":"422","code":"invalid_attribute","title":"Invalid attribute","detail":"Title must not be blank.",)"
    R"("source":{"pointer":"/data/attributes/title"}},{"status":"404","code":"not_found","detail":"No such author."}],)"
    R"("jsonapi":{"version":"1.1"}})";

// The body of a JSON:API response whose list holds `count` copies of `element`.
std::string jsonapi_body(std::size_t count, const std::string& element) {
    std::string body = R"({"errors":[)";
    for (std::size_t i = 0; i < count; ++i) body += (i == 0 ? "" : ",") + element;
    return body + "]}";
}

// The fastest of three runs of `run`, in microseconds.
template <typename Run>
long long fastest_of_three(Run run) {
    long long best = -1;
    for (int i = 0; i < 3; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
        if (best < 0 || took < best) best = took;
    }
    return best;
}

}  // namespace

TEST_CASE("decode_errors returns every error of a list, each with its own code, message and details", "[cpp-client][lists]") {
    const auto errors = jsonapi::decode_errors(422, {{"X-Request-Id", "req_7"}}, kTwoJsonApiErrors);
    REQUIRE(errors.size() == 2);
    CHECK(jsonapi::error_of(errors[0]) == jsonapi::Error::InvalidAttribute);
    CHECK(errors[0].message == "Title must not be blank.");
    CHECK(errors[0].details.json() == json{{"pointer", "/data/attributes/title"}});
    CHECK(jsonapi::error_of(errors[1]) == jsonapi::Error::NotFound);
    CHECK(errors[1].message == "No such author.");
    CHECK(errors[1].details.empty());
    for (const auto& error : errors) {
        CHECK(error.request_id == "req_7");  // what the response carries outside the list, for each
        CHECK(error.status == 422);           // the response's error status wins over the element's
    }
    // decode_error keeps returning one: the first.
    const auto first = jsonapi::decode_error(422, {}, kTwoJsonApiErrors);
    CHECK(jsonapi::error_of(first) == jsonapi::Error::InvalidAttribute);
    CHECK(first.details.json() == json{{"pointer", "/data/attributes/title"}});
}

TEST_CASE("a status typed string is read from a string only, and written as one", "[cpp-client][lists]") {
    const auto decode_status = [](const std::string& status) {
        return jsonapi::decode_error(200, {}, R"({"errors":[{"status":)" + status + R"(,"code":"conflict"}]})").status;
    };
    CHECK(decode_status(R"("409")") == 409);  // an answer with HTTP 200 takes the body's status
    CHECK(decode_status("409") == 200);       // a number where the spec says string is not read
    CHECK(decode_status(R"("4o9")") == 200);
    const json encoded = json::parse(jsonapi::encode_error(jsonapi::Error::UnsupportedMediaType));
    CHECK(encoded["errors"][0]["status"] == "415");
    CHECK(encoded["errors"][0]["code"] == "unsupported_media_type");
}

TEST_CASE("encode_errors writes one list element per error; decode_errors reads them back", "[cpp-client][lists]") {
    const std::string body = jsonapi::encode_errors(
        {jsonapi::item(jsonapi::Error::InvalidAttribute, "Title must not be blank.", json{{"pointer", "/data/attributes/title"}}),
         jsonapi::item(jsonapi::Error::NotFound)});
    CHECK(body ==
          R"({"errors":[{"status":"422","code":"invalid_attribute","title":"Invalid attribute","detail":"Title must not be blank.",)"
          R"("source":{"pointer":"/data/attributes/title"}},{"status":"404","code":"not_found","title":"Resource not found",)"
          R"("detail":"The resource does not exist."}],"jsonapi":{"version":"1.1"}})");
    const auto errors = jsonapi::decode_errors(422, {}, body);
    REQUIRE(errors.size() == 2);
    CHECK(jsonapi::error_of(errors[0]) == jsonapi::Error::InvalidAttribute);
    CHECK(jsonapi::error_of(errors[1]) == jsonapi::Error::NotFound);
    CHECK(errors[1].message == "The resource does not exist.");
    // No error at all: the list is empty, and decoding it still gives one (unrecognised) error.
    CHECK(jsonapi::encode_errors({}) == R"({"errors":[],"jsonapi":{"version":"1.1"}})");
    CHECK(jsonapi::decode_errors(422, {}, jsonapi::encode_errors({})).size() == 1);
    // The single-error encoder writes a list of one.
    CHECK(json::parse(jsonapi::encode_error(jsonapi::Error::NotFound))["errors"].size() == 1);
}

TEST_CASE("GraphQL: errors of an HTTP 200 answer, each with its extensions.code", "[cpp-client][lists]") {
    const std::string body =
        R"({"errors":[{"message":"Invalid email address.","extensions":{"code":"BAD_USER_INPUT"},"path":["signUp"]},)"
        R"({"message":"Unexpected error.","locations":[{"line":2,"column":3}],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null})";
    const auto errors = graphql::decode_errors(200, {}, body);
    REQUIRE(errors.size() == 2);
    CHECK(graphql::error_of(errors[0]) == graphql::Error::BadUserInput);
    CHECK(errors[0].message == "Invalid email address.");
    CHECK(graphql::error_of(errors[1]) == graphql::Error::InternalServerError);
    CHECK(errors[1].status == 200);
    // A list element's `extensions` of the wrong shape, an `errors` that is no list: unrecognised.
    CHECK(graphql::error_of(graphql::decode_error(200, {}, R"({"errors":[{"extensions":["BAD_USER_INPUT"]}]})")) ==
          graphql::Error::Unknown);
    CHECK(graphql::error_of(graphql::decode_error(200, {}, R"({"errors":{"message":"x","extensions":{"code":"BAD_REQUEST"}}})")) ==
          graphql::Error::Unknown);
    // A code outside an element is not the element's.
    CHECK(graphql::error_of(graphql::decode_error(400, {}, R"({"extensions":{"code":"BAD_REQUEST"},"errors":[{}]})")) ==
          graphql::Error::Unknown);
}

TEST_CASE("list elements of the wrong shape are skipped or unrecognised, never thrown on", "[cpp-client][lists]") {
    const std::string body =
        R"({"errors":[1,"x",null,true,[{"code":"not_found"}],{"code":5},{"code":{"nested":"not_found"}},{},)"
        R"({"status":"404","code":"not_found","source":[1,{"pointer":"/a"}]},[[[]]]]})";
    std::vector<errspec::ApiError> errors;
    REQUIRE_NOTHROW(errors = jsonapi::decode_errors(404, {}, body));
    REQUIRE(errors.size() == 4);  // one per object element
    CHECK(errors[0].code == "5");
    CHECK(jsonapi::error_of(errors[0]) == jsonapi::Error::Unknown);
    CHECK(errors[1].code.empty());
    CHECK(errors[2].code.empty());
    CHECK(jsonapi::error_of(errors[3]) == jsonapi::Error::NotFound);
    CHECK(errors[3].details.json() == json::parse(R"([1,{"pointer":"/a"}])"));
    // Truncated inside the list: the elements read so far, unrecognised, with what they held.
    const auto truncated = jsonapi::decode_errors(422, {}, R"({"errors":[{"code":"not_found"},{"code":"confl)");
    REQUIRE(truncated.size() == 2);
    CHECK(truncated[0].code == "not_found");
    CHECK(jsonapi::error_of(truncated[0]) == jsonapi::Error::Unknown);
    // A list nested deeper than kMaxBodyDepth stops the read without a throw.
    CHECK_NOTHROW(jsonapi::decode_errors(400, {}, R"({"errors":[)" + std::string(100000, '[')));
}

TEST_CASE("a body of 10 000 list elements decodes every one, in time linear in the body", "[cpp-client][lists]") {
    const std::string element = R"({"status":"422","code":"invalid_attribute","detail":"Bad.","source":{"pointer":"/data/attributes/title"}})";
    const std::string small = jsonapi_body(10000, element);
    const auto errors = jsonapi::decode_errors(422, {}, small);
    REQUIRE(errors.size() == 10000);
    CHECK(jsonapi::error_of(errors.back()) == jsonapi::Error::InvalidAttribute);
    CHECK(errors.back().details.json()["pointer"] == "/data/attributes/title");
    CHECK(jsonapi::error_of(jsonapi::decode_error(422, {}, small)) == jsonapi::Error::InvalidAttribute);
    // Four times the elements take about four times as long (a quadratic reader: sixteen).
    const std::string large = jsonapi_body(40000, element);
    const long long small_time = fastest_of_three([&] { jsonapi::decode_errors(422, {}, small); });
    const long long large_time = fastest_of_three([&] { jsonapi::decode_errors(422, {}, large); });
    INFO("10 000 elements: " << small_time << " us; 40 000: " << large_time << " us");
    CHECK(large_time < 8 * small_time + 2000);
    // Elements of the wrong shape, as many.
    const std::string wrong = jsonapi_body(10000, R"([{"code":"not_found"}],7,{"source":[[{}]]})");
    CHECK(jsonapi::decode_errors(422, {}, wrong).size() == 10000);
}

TEST_CASE("integer codes typed string are written as text and read only from text", "[cpp-client][lists]") {
    CHECK(textcodes::encode_error(textcodes::Error::E20404) == R"({"code":"20404","msg":"No such record."})");
    CHECK(textcodes::error_of(textcodes::decode_error(404, {}, R"({"code":"20404"})")) == textcodes::Error::E20404);
    const auto number = textcodes::decode_error(404, {}, R"({"code":20404})");
    CHECK(textcodes::error_of(number) == textcodes::Error::Unknown);
    CHECK(number.code.empty());
}

TEST_CASE("Stripe: decline_code is the subcode of card_declined, typed and written back", "[cpp-client][subcodes]") {
    const std::string body = R"({"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",)"
                             R"("message":"Your card has insufficient funds."}})";
    const auto declined = stripe::decode_error(402, {{"Request-Id", "req_1"}}, body);
    CHECK(stripe::error_of(declined) == stripe::Error::CardDeclined);
    CHECK(declined.subcode == "insufficient_funds");
    CHECK(stripe::subcode_of(declined) == stripe::Subcode::InsufficientFunds);
    CHECK(stripe::code_of(stripe::Subcode::LostCard) == "lost_card");
    CHECK(stripe::code_of(stripe::Subcode::Unknown).empty());
    // A decline code the spec does not list, or one under another code: kept as sent, not typed.
    const auto newer = stripe::decode_error(402, {}, R"({"error":{"code":"card_declined","decline_code":"new_reason"}})");
    CHECK(newer.subcode == "new_reason");
    CHECK(stripe::subcode_of(newer) == stripe::Subcode::Unknown);
    const auto elsewhere = stripe::decode_error(402, {}, R"({"error":{"code":"expired_card","decline_code":"lost_card"}})");
    CHECK(stripe::subcode_of(elsewhere) == stripe::Subcode::Unknown);
    // Encoding: the subcode where given, left out otherwise.
    const json encoded = json::parse(stripe::encode_error(stripe::Error::CardDeclined, "", "", {}, stripe::Subcode::StolenCard));
    CHECK(encoded["error"]["decline_code"] == "stolen_card");
    CHECK_FALSE(json::parse(stripe::encode_error(stripe::Error::CardDeclined))["error"].contains("decline_code"));
    const auto items = json::parse(jsonapi::encode_errors({jsonapi::item(jsonapi::Error::NotFound)}));
    CHECK(items["errors"].size() == 1);
}
