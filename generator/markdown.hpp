// Spec texts that the format defines as Markdown (descriptions, fix steps, sections): rendered as
// Markdown in the docs, yet never able to inject raw HTML, scripts, remote images or unsafe links.
#pragma once

#include <string>
#include <string_view>

namespace errspec::markdown {

// Markdown safe to embed in a CommonMark/MDX page as a block.
std::string to_markdown(std::string_view text);

// The same text rendered as an HTML fragment, safe to embed in a page.
std::string to_html(std::string_view text);

}  // namespace errspec::markdown
