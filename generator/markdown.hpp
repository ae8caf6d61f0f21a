// Spec texts that the format defines as Markdown (descriptions, fix steps, sections), rendered for
// the docs pages. The text is parsed as CommonMark (libcmark) and made harmless before it is
// written out again, so nothing a spec says can add markup to a page, run script, load anything
// or break the structure around it:
// * raw HTML, block or inline, becomes literal text;
// * a link whose URL is not http://, https://, mailto: or an in-page #fragment becomes its text;
// * an image becomes a link to its URL (or its alt text when the URL is unsafe): a page loads
//   nothing;
// * headings move under the heading the text sits under, one level at a time;
// * a text nested deeper than any real document is (a hostile one) is shown as plain text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace errspec::markdown {

struct Rendered {
    std::string markdown;         // CommonMark blocks, also safe as MDX and GFM: no raw HTML, and
                                  // `<`, `{`, `}` in text are entities
    std::string markdown_inline;  // the same on one line with the blocks run together: inline
                                  // Markdown for a GFM table cell (every `|` escaped)
    std::string html;             // HTML blocks
    std::string html_inline;      // HTML phrasing content (no block elements), for a table cell
};

// `first_heading_level` (2 to 6): the level a top-level heading of the text gets, one below the
// heading of the page section the text sits in. Every form is empty for an empty text.
Rendered render(std::string_view text, int first_heading_level);

// Several texts as the items of one list, numbered when `ordered`. The inline forms number the
// items of an ordered list ("1. … 2. …").
Rendered render_list(const std::vector<std::string>& items, bool ordered, int first_heading_level);

// Plain text as a Markdown code span that shows it literally: a backtick fence that no run of
// backticks in the text can close, newlines as spaces. Empty for an empty text.
std::string code_span(std::string_view text);

// The same inside a GFM table cell, where every `|` is escaped too (GFM unescapes it there, but
// would show the backslash anywhere else).
std::string table_code_span(std::string_view text);

}  // namespace errspec::markdown
