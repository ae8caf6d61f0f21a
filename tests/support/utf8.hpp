// A code point as UTF-8, for tests that build texts character by character.
#pragma once

#include <string>

namespace errspec_test {

inline std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) return out += static_cast<char>(c);
    if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    return out += static_cast<char>(0x80 | (c & 0x3F));
}

}  // namespace errspec_test
