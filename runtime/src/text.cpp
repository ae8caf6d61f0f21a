#include "text.hpp"

#include <algorithm>

#include "errspec/client.hpp"

namespace errspec {

bool equals_ignoring_case(std::string_view text, std::string_view lower) noexcept {
    return text.size() == lower.size() && std::equal(text.begin(), text.end(), lower.begin(),
                                                     [](char a, char b) { return text::ascii_lower(a) == b; });
}

namespace text {

bool starts_with_ignoring_case(std::string_view text, std::string_view lower) noexcept {
    return text.size() >= lower.size() && equals_ignoring_case(text.substr(0, lower.size()), lower);
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::optional<long long> parse_digits(std::string_view text, long long max) noexcept {
    if (text.empty()) return std::nullopt;
    long long value = 0;
    for (const char c : text) {
        if (!is_digit(c)) return std::nullopt;
        value = value > (max - (c - '0')) / 10 ? max : value * 10 + (c - '0');
    }
    return value;
}

namespace {

// The length of the well-formed UTF-8 sequence at `i` (RFC 3629), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
    const auto continuation = [&](std::size_t k, unsigned low = 0x80, unsigned high = 0xBF) {
        return byte(k) >= low && byte(k) <= high;
    };
    const unsigned lead = byte(0);
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const bool second = lead == 0xE0   ? continuation(1, 0xA0)
                            : lead == 0xED ? continuation(1, 0x80, 0x9F)
                                           : continuation(1);
        return second && continuation(2) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const bool second = lead == 0xF0   ? continuation(1, 0x90)
                            : lead == 0xF4 ? continuation(1, 0x80, 0x8F)
                                           : continuation(1);
        return second && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::size_t append_character(std::string& out, std::string_view text, std::size_t i) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
        out += kReplacementCharacter;
        return 1;
    }
    out.append(text, i, length);
    return length;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) i += append_character(out, text, i);
    return out;
}

}  // namespace text
}  // namespace errspec
