// The two ways markdown::render and markdown::render_list get their forms, apart, so that tests
// can hold one against the other. Most spec texts are a sentence with no Markdown in it; parsing
// each with libcmark and writing it back was 8% of the instructions errspec ran for 10 000 codes
// (`--target cpp,markdown`). Such a plain text gets its forms written directly, as the parsed path
// would write them: byte for byte the same, which tests/unit/markdown_paths_test.cpp checks on
// every text of every spec and on generated near misses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "markdown.hpp"

namespace errspec::markdown::paths {

// The forms of a text that libcmark provably reads as one paragraph of literal text; nothing for
// any other text. The heading level does not matter: such a text has no heading.
std::optional<Rendered> render_plain(std::string_view text, Forms forms);

// The same for a list whose items are all such texts; nothing if any item is not, or none is given.
std::optional<Rendered> render_plain_list(const std::vector<std::string>& items, bool ordered, Forms forms);

// Any text, parsed with libcmark, made harmless and written out again.
Rendered render_parsed(std::string_view text, int first_heading_level, Forms forms);
Rendered render_list_parsed(const std::vector<std::string>& items, bool ordered, int first_heading_level, Forms forms);

}  // namespace errspec::markdown::paths
