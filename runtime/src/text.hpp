// Byte-level text helpers of the runtime: ASCII case, digits, UTF-8 repair. Internal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace errspec::text {

// The longest Retry-After kept: a longer wait means "do not retry" as much as any, and the bound
// keeps conversions to finer units far from overflow.
inline constexpr long long kMaxRetryAfterSeconds = 2147483647;  // 68 years

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z'; }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }

bool starts_with_ignoring_case(std::string_view text, std::string_view lower) noexcept;
std::string_view trim(std::string_view text) noexcept;  // spaces and tabs at both ends

// A run of decimal digits, saturating at `max`; nothing when `text` is not all digits.
std::optional<long long> parse_digits(std::string_view text, long long max) noexcept;

// Appends the character at `i`, or U+FFFD for its first byte when it is not well-formed UTF-8
// (RFC 3629); returns how many bytes of `text` that took.
std::size_t append_character(std::string& out, std::string_view text, std::size_t i);

// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD: header values
// are bytes, and a std::string of an ApiError must survive nlohmann::json::dump().
std::string valid_utf8(std::string_view text);

}  // namespace errspec::text
