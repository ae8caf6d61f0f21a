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
// The Markdown forms are written from the parsed text, node by node, so that each node reads back
// as itself in CommonMark, GFM and MDX whatever stands before or after it: text escapes every
// character that could start or end a construct (`<` `{` `}` and character references as
// entities, so MDX sees no JSX and no expression), code is a code span that nothing in it or next
// to it can close early, and a link is `[text](url)` with a URL and title that open nothing.
// Links: a link is one the author wrote (a Markdown link, reference link or <autolink>, or an
// image, which becomes a link) and points where the author pointed it. A bare URL or e-mail
// address in the text is text to CommonMark and to MDX's syntax; a GFM renderer (GitHub,
// remark-gfm) may link it to the URL it shows, never beyond the text that holds it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace errspec::markdown {

struct Rendered {
    std::string markdown;         // CommonMark blocks, also safe as MDX and GFM
    std::string markdown_inline;  // the same on one line with the blocks run together: inline
                                  // Markdown for a GFM table cell (no `|` ends the cell)
    std::string html;             // HTML blocks
    std::string html_inline;      // HTML phrasing content (no block elements), for a table cell
};

// Which forms to write; the others stay empty (a page in one format prints the forms of that one).
struct Forms {
    bool markdown = true;
    bool html = true;
};

// `first_heading_level` (2 to 6): the level a top-level heading of the text gets, one below the
// heading of the page section the text sits in. Every form is empty for an empty text.
Rendered render(std::string_view text, int first_heading_level, Forms forms = {});

// Several texts as the items of one list, numbered when `ordered`. The inline forms number the
// items of an ordered list ("1. … 2. …").
Rendered render_list(const std::vector<std::string>& items, bool ordered, int first_heading_level, Forms forms = {});

// What a reader sees of a Markdown text, as one line of plain text: the text of its inlines, code
// and raw HTML as written, every run of whitespace (line and block breaks included) one space.
// For places that take no markup, such as a docs site's front matter `description`.
std::string plain_text(std::string_view text);

// Plain text as a Markdown code span that shows it literally: a backtick fence that no run of
// backticks in the text can close, newlines as spaces. Empty for an empty text.
std::string code_span(std::string_view text);

// The same inside a GFM table cell, where every `|` is escaped too (GFM unescapes it there, but
// would show the backslash anywhere else). An odd run of backslashes right before a `|` shows one
// backslash more: no code span in a GFM table can show it (micromark, which MDX sites use, pairs
// the backslashes before it splits the row, so that `\\|` would end the cell).
std::string table_code_span(std::string_view text);

}  // namespace errspec::markdown
