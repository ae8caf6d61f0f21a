// What errspec knows of Unicode without a library: reading UTF-8, and which characters are
// invisible. The escapers and the checks share these, so that what the checks warn about is what
// the generated code escapes.
#pragma once

#include <cstddef>
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

}  // namespace errspec::unicode
