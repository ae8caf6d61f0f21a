#include "markdown.hpp"

#include "escape.hpp"

namespace errspec::markdown {

// First version: render as literal text. Replaced by a real CommonMark pass for the docs targets.
std::string to_markdown(std::string_view text) { return escape::markdown_text(text); }

std::string to_html(std::string_view text) { return escape::html_text(text); }

}  // namespace errspec::markdown
