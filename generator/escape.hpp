// Escaping of spec text for each target language. The view model stores every form a template may
// need, so templates never escape anything themselves.
#pragma once

#include <string>
#include <string_view>

namespace errspec::escape {

// The inside of a C++ string literal: quotes, backslashes, control characters, '?' (so no
// trigraph can form) and invisible characters (unicode::is_invisible: bidirectional controls for
// -Wbidi-chars, zero-width characters, byte-order marks) are escaped; other UTF-8 stays.
std::string cpp_string(std::string_view text);

// Text for one `//` comment line: newlines become spaces, invisible characters are written as
// \u (or \U) escapes, and a line never ends in a backslash or "??/" (which would continue it).
std::string cpp_comment(std::string_view text);

// A JSON string literal, quotes included, ASCII-only so that any file encoding keeps it intact.
std::string json_string(std::string_view text);

// A YAML double-quoted scalar, ASCII-only: json_string's escapes, except that a character above
// U+FFFF is one \U escape, since YAML readers need not pair JSON's surrogate escapes.
std::string yaml_string(std::string_view text);

// Plain text inside Markdown (CommonMark, MDX, GFM table cells): every character that could
// start markup is escaped, newlines become spaces, and what would start a block or MDX's
// JavaScript at the start of a line is defused. The text renders literally wherever it stands.
std::string markdown_text(std::string_view text);

// Whether MDX reads a line that starts with `text` as JavaScript (an `import` or `export`).
bool starts_mdx_esm(std::string_view text);

// Plain text inside HTML element content or a double-quoted attribute.
std::string html_text(std::string_view text);

// A URL fragment id: lower-case ASCII letters, digits and '-', derived from the text.
std::string anchor(std::string_view text);

}  // namespace errspec::escape
