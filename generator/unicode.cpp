#include "unicode.hpp"

#include <algorithm>
#include <iterator>

namespace errspec::unicode {

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& code_point) {
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

namespace {

struct Range {
    char32_t first, last;
};

// Default_Ignorable_Code_Point as of Unicode 15 (DerivedCoreProperties.txt), its reserved code
// points included (they are there so that characters assigned later are ignorable too), merged
// with U+2028-U+2029 and U+FFF9-U+FFFB. Sorted.
constexpr Range invisible_ranges[] = {
    {0x00AD, 0x00AD},    // soft hyphen
    {0x034F, 0x034F},    // combining grapheme joiner
    {0x061C, 0x061C},    // Arabic letter mark
    {0x115F, 0x1160},    // Hangul choseong and jungseong fillers
    {0x17B4, 0x17B5},    // Khmer inherent vowels
    {0x180B, 0x180F},    // Mongolian variation selectors and vowel separator
    {0x200B, 0x200F},    // zero width space, non-joiner, joiner; left-to-right and right-to-left marks
    {0x2028, 0x202E},    // line and paragraph separators; bidirectional embeddings and overrides
    {0x2060, 0x206F},    // word joiner, invisible operators, bidirectional isolates, deprecated formats
    {0x3164, 0x3164},    // Hangul filler
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFEFF, 0xFEFF},    // zero width no-break space (byte-order mark)
    {0xFFA0, 0xFFA0},    // halfwidth Hangul filler
    {0xFFF0, 0xFFFB},    // reserved; interlinear annotation controls
    {0x1BCA0, 0x1BCA3},  // shorthand format controls
    {0x1D173, 0x1D17A},  // musical symbol format controls
    {0xE0000, 0xE0FFF},  // tags, variation selectors supplement
};

}  // namespace

bool is_invisible(char32_t code_point) {
    const auto after = std::upper_bound(std::begin(invisible_ranges), std::end(invisible_ranges), code_point,
                                        [](char32_t c, const Range& range) { return c < range.first; });
    return after != std::begin(invisible_ranges) && code_point <= std::prev(after)->last;
}

}  // namespace errspec::unicode
