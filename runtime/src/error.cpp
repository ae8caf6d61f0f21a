// The shared error type, its exception, and the error categories.
#include "errspec/error.hpp"

#include <nlohmann/json.hpp>

#include "text.hpp"

namespace errspec {
namespace {

// An ApiError that no client decoded (default-constructed) belongs to this empty API.
constexpr ErrorInfo kNoErrors[] = {{{}, {}, {}, {}, {}, 0, RetryKind::Never, condition::unknown, false}};
constexpr std::uint16_t kNoIndex[] = {0};
const std::error_category& no_api_category() noexcept;
constexpr ErrorTable kNoApi = {"errspec", "", "", "", kNoErrors, kNoIndex, 1,
                               [](std::string_view) noexcept -> std::optional<std::uint16_t> { return std::nullopt; },
                               no_api_category};
const std::error_category& no_api_category() noexcept {
    static const ApiCategory instance(kNoApi);
    return instance;
}

const ErrorTable& api_of(const ApiError& error) noexcept { return error.api != nullptr ? *error.api : kNoApi; }

class ConditionCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "errspec"; }
    std::string message(int value) const override { return std::string(to_string(static_cast<condition>(value))); }
};

constexpr std::size_t kMaxSummaryBytes = 1024;

// `text` cut to at most `max` bytes, at a character boundary, with "..." when cut.
std::string shortened(std::string text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + "...";
}

// One text of the server's (code, message, request id) as it goes into the summary: valid UTF-8,
// credentials masked, on one line (no log injection). Cut first so that the cost does not grow
// with the message; a credential cut short is still masked whole, as the scan sees it.
std::string summary_part(const std::string& text) {
    std::string part = redact_credentials(text::valid_utf8(shortened(text, 2 * kMaxSummaryBytes)));
    for (char& c : part) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    }
    return part;
}

// "API: code (status): message [request id]" as one line of valid UTF-8, at most kMaxSummaryBytes
// (+ "...") after the API's name. Each text of the server's is masked on its own, so a credential
// in the message cannot take the request id with it.
std::string summary(const ApiError& error) {
    std::string text = error.code.empty() ? "unknown error" : summary_part(error.code);
    text += " (" + std::to_string(error.status) + ")";
    if (!error.message.empty()) text += ": " + summary_part(error.message);
    if (!error.request_id.empty()) text += " [" + summary_part(error.request_id) + "]";
    const std::string api = error.api_name().empty() ? "" : std::string(error.api_name()) + ": ";
    return api + shortened(std::move(text), kMaxSummaryBytes);
}

}  // namespace

const std::error_category& condition_category() noexcept {
    static const ConditionCategory instance;
    return instance;
}

const char* ApiCategory::name() const noexcept { return table_.id.data(); }

std::string ApiCategory::message(int value) const {
    if (is_unrecognized_error_value(value) && value > kUnrecognizedErrorValue) {
        return "unrecognised " + std::string(table_.id) + " error (HTTP " +
               std::to_string(value - kUnrecognizedErrorValue) + ")";
    }
    if (value == 0 || &table_.at(value) == &table_.info[0]) return "unrecognised " + std::string(table_.id) + " error";
    return std::string(table_.message(value));
}

std::error_condition ApiCategory::default_error_condition(int value) const noexcept {
    if (is_unrecognized_error_value(value)) {
        return make_error_condition(condition_of_status(value - kUnrecognizedErrorValue));
    }
    return make_error_condition(table_.at(value).cond);
}

Details::Details(const nlohmann::json& value)
    : value_(value.is_null() ? nullptr : std::make_shared<const nlohmann::json>(value)) {}

Details::Details(nlohmann::json&& value)
    : value_(value.is_null() ? nullptr : std::make_shared<const nlohmann::json>(std::move(value))) {}

std::string Details::text() const { return json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

const nlohmann::json& Details::json() const noexcept {
    static const nlohmann::json null;
    return value_ != nullptr ? *value_ : null;
}

std::string_view ApiError::api_name() const noexcept { return api_of(*this).name; }
std::string_view ApiError::docs_url() const noexcept { return api_of(*this).docs_url; }

std::string ApiError::code_docs_url() const {
    const std::string_view page = docs_url();
    const std::string_view anchor = api_of(*this).anchor(value);
    if (page.empty() || anchor.empty()) return std::string(page);
    return std::string(page) + "#" + std::string(anchor);
}
bool ApiError::retry_safe() const noexcept { return api_of(*this).at(value).retry_safe; }

std::error_code ApiError::error_code() const noexcept {
    return {recognized() ? value : unrecognized_error_value(status), api_of(*this).category()};
}

std::error_condition ApiError::condition() const noexcept {
    return make_error_condition(recognized() ? api_of(*this).at(value).cond : condition_of_status(status));
}

ApiException::ApiException(ApiError error)
    : std::system_error(error.error_code()),
      state_(std::make_shared<const State>(State{error, summary(error)})) {}

}  // namespace errspec
