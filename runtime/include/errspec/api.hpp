// What the runtime knows of one API: its errors as a table the generated `x_errors.cpp` fills in
// (the cpp target), and the std::error_category every API's error codes belong to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "errspec/condition.hpp"
#include "errspec/version.hpp"

namespace errspec {

// How a client should react to an error: never retry, retry with exponential backoff, or wait
// for the Retry-After the server sent.
enum class RetryKind : std::uint8_t { Never, Backoff, AfterRetryAfter };

// A text of an API's table: where it sits in the table's `texts`. Offsets rather than pointers, as
// gperf's --pic has them: a position-independent program (the default build) relocates every
// pointer of a table when it loads, 24 bytes of relocation each on x86-64.
struct TextSpan {
    std::uint32_t offset, size;
};

// One error of a spec. ErrorTable reads its texts.
struct ErrorInfo {
    TextSpan code, title;
    // The message sent when none is given: the spec's, or its title when the spec's message names
    // parameters (a `{param}` template is never sent nor reported).
    TextSpan message;
    TextSpan category;
    TextSpan anchor;  // of its section on the API's error reference page
    int status;
    RetryKind retry;
    condition cond;
    bool retry_safe;  // the server never acts on a request it answers with this error
};

// Every error of one API.
struct ErrorTable {
    std::string_view id, name, docs_url;
    const char* texts;                // every text of `info`, one after the other
    const ErrorInfo* info;            // info[0] stands for "not in the spec"
    const std::uint16_t* info_index;  // per enum value, its row of `info` (0 for unused values)
    std::size_t value_count;
    std::optional<std::uint16_t> (*value_of_code)(std::string_view code) noexcept;
    const std::error_category& (*category)() noexcept;

    // The row of an enum value; info[0] for Unknown, unrecognised errors' values and unused values.
    const ErrorInfo& at(int value) const noexcept {
        const auto index = static_cast<std::size_t>(value);
        return value >= 0 && index < value_count ? info[info_index[index]] : info[0];
    }
    std::string_view text(TextSpan span) const noexcept { return {texts + span.offset, span.size}; }
    // The texts of an enum value's row.
    std::string_view code(int value) const noexcept { return text(at(value).code); }
    std::string_view title(int value) const noexcept { return text(at(value).title); }
    std::string_view message(int value) const noexcept { return text(at(value).message); }
    std::string_view category_id(int value) const noexcept { return text(at(value).category); }
    std::string_view anchor(int value) const noexcept { return text(at(value).anchor); }
};

// The error_category of one API, named after its id: message() is the error's default message
// (never a template), default_error_condition() its errspec::condition.
class ApiCategory final : public std::error_category {
public:
    explicit ApiCategory(const ErrorTable& table) noexcept : table_(table) {}
    const char* name() const noexcept override;
    std::string message(int value) const override;
    std::error_condition default_error_condition(int value) const noexcept override;

private:
    const ErrorTable& table_;
};

}  // namespace errspec
