// What errspec knows of Unicode without a library: reading UTF-8, and which characters are
// invisible. The escapers and the checks share these, so that what the checks warn about is what
// the generated code escapes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace errspec::unicode {

// Length of the valid UTF-8 sequence at `i`, or 0 if it is not one (overlong forms, surrogates
// and code points above U+10FFFF included); `code_point` gets its value.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& code_point);

// A character that shows nothing, or changes how the text around it shows without being seen:
// Unicode's Default_Ignorable_Code_Point (zero-width spaces and joiners, the soft hyphen,
// bidirectional controls, byte-order marks, Hangul fillers, variation selectors, tags), the line
// and paragraph separators U+2028 and U+2029 (which end a line in JavaScript before ES2019 and in
// some editors, and not in others), and the interlinear annotation controls U+FFF9-U+FFFB. A
// fixed table rather than a library's current data, so that generated code does not change with
// the library's version; tests compare it with ICU's.
bool is_invisible(char32_t code_point);

// Whether the eight bytes at `at` (which must be there) are ASCII, and whether they are printable
// ASCII (no control character, no DEL): specs are mostly ASCII, and the passes over a whole spec
// skip it eight bytes at a time (bit tricks as in "Bit Twiddling Hacks": a byte below n, a zero byte).
inline std::uint64_t eight_bytes(const char* at) {
    std::uint64_t word = 0;
    std::memcpy(&word, at, sizeof word);
    return word;
}
inline constexpr std::uint64_t k_each_byte = 0x0101010101010101ull, k_high_bits = 0x8080808080808080ull;
inline bool eight_ascii(const char* at) { return (eight_bytes(at) & k_high_bits) == 0; }
inline bool eight_printable_ascii(const char* at) {
    const std::uint64_t word = eight_bytes(at);
    const std::uint64_t below_space = (word - k_each_byte * 0x20) & ~word & k_high_bits;
    const std::uint64_t del_zeroed = word ^ (k_each_byte * 0x7F);
    const std::uint64_t del = (del_zeroed - k_each_byte) & ~del_zeroed & k_high_bits;
    return ((word & k_high_bits) | below_space | del) == 0;
}

}  // namespace errspec::unicode
