// One decoded error response of any API, and the exception that carries one: shared by every
// generated client, so one catch, one logger or one retry loop serves every API.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <nlohmann/json_fwd.hpp>

#include "errspec/api.hpp"

namespace errspec {

// The `details` of an error body: any JSON value, kept as it came. Only the forward declaration
// of nlohmann::json is needed to hold one; include <nlohmann/json.hpp> to read json().
class Details {
public:
    Details() noexcept = default;
    Details(const nlohmann::json& value);  // NOLINT: implicit, as encoders take a json
    Details(nlohmann::json&& value);       // NOLINT
    // Nothing: the body had no details (or they were null).
    bool empty() const noexcept { return value_ == nullptr; }
    // The details as compact JSON text; "null" when empty.
    std::string text() const;
    // The details as JSON; null when empty.
    const nlohmann::json& json() const noexcept;

private:
    std::shared_ptr<const nlohmann::json> value_;  // shared: copying an ApiError stays cheap
};

// One error response, as decoded.
struct ApiError {
    const ErrorTable* api = nullptr;  // the API whose client decoded it
    // The error's enum value in its API; 0 when the spec does not know the error (a proxy's page,
    // a code newer than the spec).
    std::uint16_t value = 0;
    // The HTTP status of the response; when that is no error status (below 400: an API that
    // answers errors with 200, or 0: not known) and the body mirrors one, the body's.
    int status = 0;
    std::string code, message, request_id;
    // The finer code under the code, as sent where the spec puts ${subcode} (Stripe's decline_code);
    // "" when there is none. The generated subcode_of() types it.
    std::string subcode;
    std::optional<std::chrono::milliseconds> retry_after;  // from Retry-After (or retry-after-ms)
    Details details;

    bool recognized() const noexcept { return value != 0; }
    std::string_view api_name() const noexcept;
    std::string_view docs_url() const noexcept;  // the API's error reference (api.docs_url); "" without one
    // The URL of the error's own section of that page, as Stripe's doc_url; the page's URL for an
    // unrecognised error; "" when the spec has no docs_url.
    std::string code_docs_url() const;
    RetryKind retry_kind() const noexcept;  // the code's advice, or for an unrecognised error its status's
    bool retry_safe() const noexcept;
    // Never zero: an unrecognised error has the value unrecognized_error_value(status), in the API's category.
    std::error_code error_code() const noexcept;
    // The error's condition; for an unrecognised error, the one its status gives.
    std::error_condition condition() const noexcept;
};

// An error response as an exception. code() is the error's error_code; what() reads
// "API name: code (status): message [request id]", on one line, with credentials the server
// echoed (an Authorization value, a token=..., a password) masked.
class ApiException : public std::system_error {
public:
    explicit ApiException(ApiError error);
    const ApiError& error() const noexcept { return state_->error; }
    const char* what() const noexcept override { return state_->summary.c_str(); }

private:
    struct State {
        ApiError error;
        std::string summary;
    };
    std::shared_ptr<const State> state_;  // shared: copying an exception must not throw
};

// `text` with whatever looks like a credential replaced by "[redacted]": what ApiException's
// what() applies to the server's texts. Over-masking a log line is cheap; a leaked key is not.
std::string redact_credentials(std::string_view text);

}  // namespace errspec
