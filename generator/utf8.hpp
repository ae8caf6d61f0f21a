// UTF-8 decoding, for the stages that check or escape text character by character.
#pragma once

#include <cstddef>
#include <string_view>

namespace errspec::utf8 {

// Length of the valid UTF-8 sequence at `i`, or 0 if it is not one (overlong forms, surrogates
// and code points above U+10FFFF included); `code_point` gets its value.
inline std::size_t decode(std::string_view s, std::size_t i, char32_t& code_point) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        code_point = b0;
        return 1;
    }
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        code_point = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        code_point = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        code_point = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
        code_point = (code_point << 6) | (byte(i + k) & 0x3Fu);
    }
    return length;
}

}  // namespace errspec::utf8
