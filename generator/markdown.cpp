#include "markdown.hpp"

#include <cmark.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <set>

#include "escape.hpp"
#include "markdown_paths.hpp"
#include "unicode.hpp"

namespace errspec::markdown {
namespace {

// Deeper nesting than this (block quotes in list items in block quotes, emphasis in links, ...)
// is no document anyone writes. Such a text is shown as plain text, which keeps the recursive
// writer below shallow whatever the input.
constexpr int max_nesting = 48;

// Two lists in a row would merge into one when written back with the same marker, and two block
// quotes in a row trip markdownlint: a link reference definition that nothing uses (CommonMark's
// idiom for a comment, valid MDX too) keeps them apart and renders as nothing.
constexpr const char* block_separator = "[//]: #";

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

cmark_node_type type_of(cmark_node* node) { return cmark_node_get_type(node); }

std::string literal_of(cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text != nullptr ? text : "";
}

std::string url_of(cmark_node* node) {
    const char* url = cmark_node_get_url(node);
    return url != nullptr ? url : "";
}

std::string title_of(cmark_node* node) {
    const char* title = cmark_node_get_title(node);
    return title != nullptr ? title : "";
}

std::string fence_info_of(cmark_node* node) {
    const char* info = cmark_node_get_fence_info(node);
    return info != nullptr ? info : "";
}

// cmark's renderers return buffers from malloc.
std::string take_string(char* buffer) {
    std::string text(buffer);
    std::free(buffer);
    return text;
}

cmark_node* new_text(const std::string& text) {
    cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(node, text.c_str());
    return node;
}

bool is_container(cmark_node_type type) {
    switch (type) {
    case CMARK_NODE_DOCUMENT: case CMARK_NODE_BLOCK_QUOTE: case CMARK_NODE_LIST: case CMARK_NODE_ITEM:
    case CMARK_NODE_PARAGRAPH: case CMARK_NODE_HEADING: case CMARK_NODE_EMPH: case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK: case CMARK_NODE_IMAGE: case CMARK_NODE_CUSTOM_BLOCK: case CMARK_NODE_CUSTOM_INLINE:
        return true;
    default:
        return false;
    }
}

// The nodes under `root`, itself included, parents before children. Collected first so that the
// tree can be changed while they are visited.
std::vector<cmark_node*> preorder(cmark_node* root) {
    std::vector<cmark_node*> nodes;
    cmark_iter* iter = cmark_iter_new(root);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        if (event == CMARK_EVENT_ENTER) nodes.push_back(cmark_iter_get_node(iter));
    }
    cmark_iter_free(iter);
    return nodes;
}

// Counted without recursion: this is what guards the recursion elsewhere.
bool nested_too_deep(cmark_node* root) {
    int depth = 0;
    cmark_iter* iter = cmark_iter_new(root);
    bool too_deep = false;
    for (cmark_event_type event; !too_deep && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        if (!is_container(type_of(cmark_iter_get_node(iter)))) continue;
        depth += event == CMARK_EVENT_ENTER ? 1 : -1;
        too_deep = depth > max_nesting;
    }
    cmark_iter_free(iter);
    return too_deep;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

// A paragraph showing `text` literally, one source line per line; nothing when it is blank.
cmark_node* literal_paragraph(std::string_view text) {
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    for (const std::string& line : split_lines(text)) {
        const std::string trimmed = trim(line);  // leading spaces could make the line a code block
        if (trimmed.empty()) continue;
        if (cmark_node_first_child(paragraph) != nullptr) {
            cmark_node_append_child(paragraph, cmark_node_new(CMARK_NODE_SOFTBREAK));
        }
        cmark_node_append_child(paragraph, new_text(trimmed));
    }
    if (cmark_node_first_child(paragraph) != nullptr) return paragraph;
    cmark_node_free(paragraph);
    return nullptr;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

bool is_safe_url(std::string_view url) {
    return (url.size() > 1 && url.front() == '#') || starts_with_ignoring_case(url, "http://") ||
           starts_with_ignoring_case(url, "https://") || starts_with_ignoring_case(url, "mailto:");
}

bool inside_link(cmark_node* node) {
    for (cmark_node* up = cmark_node_parent(node); up != nullptr; up = cmark_node_parent(up)) {
        if (type_of(up) == CMARK_NODE_LINK) return true;
    }
    return false;
}

// Puts the children of `node` in its place and deletes it.
void unwrap(cmark_node* node) {
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
}

void replace(cmark_node* node, cmark_node* replacement) {
    if (replacement != nullptr) cmark_node_insert_before(node, replacement);
    cmark_node_free(node);
}

// An image turns into a link to it, so that no page loads anything.
void image_to_link(cmark_node* image) {
    const std::string url = url_of(image);
    if (!is_safe_url(url) || inside_link(image)) {
        unwrap(image);
        return;
    }
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, url.c_str());
    cmark_node_set_title(link, title_of(image).c_str());
    while (cmark_node* child = cmark_node_first_child(image)) cmark_node_append_child(link, child);
    replace(image, link);
}

bool has_visible_text(cmark_node* node) {
    for (cmark_node* inner : preorder(node)) {
        const cmark_node_type type = type_of(inner);
        if ((type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) && !trim(literal_of(inner)).empty()) return true;
    }
    return false;
}

// Raw HTML, unsafe links and images go; what remains is text, emphasis, code and safe links.
void neutralise(cmark_node* document) {
    for (cmark_node* node : preorder(document)) {
        switch (type_of(node)) {
        case CMARK_NODE_HTML_BLOCK: replace(node, literal_paragraph(literal_of(node))); break;
        case CMARK_NODE_HTML_INLINE: replace(node, new_text(literal_of(node))); break;
        case CMARK_NODE_IMAGE: image_to_link(node); break;
        case CMARK_NODE_LINK:
            // A link inside a link (from an image's alt text) is not allowed in HTML.
            if (!is_safe_url(url_of(node)) || inside_link(node)) unwrap(node);
            break;
        default: break;
        }
    }
    std::vector<cmark_node*> empty_headings;
    for (cmark_node* node : preorder(document)) {
        const cmark_node_type type = type_of(node);
        if (type == CMARK_NODE_LINK) {
            std::string title = title_of(node);
            std::replace_if(title.begin(), title.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
            cmark_node_set_title(node, title.c_str());
            // A link needs a name a reader (and a screen reader) can see: its URL if nothing else.
            if (!has_visible_text(node)) cmark_node_append_child(node, new_text(url_of(node)));
        } else if (type == CMARK_NODE_HEADING && !has_visible_text(node)) {
            empty_headings.push_back(node);
        } else if (type == CMARK_NODE_CODE_BLOCK && fence_info_of(node).empty()) {
            // Every code block says its language (markdownlint MD040); "text" claims nothing.
            cmark_node_set_fence_info(node, "text");
        }
    }
    // An empty heading has nothing to say, and nothing is under it in the tree.
    for (cmark_node* heading : empty_headings) cmark_node_free(heading);
}

// The text's headings go under the page heading it sits under: the top ones at
// `first_level`, the others below them, none more than one level deeper than the one before.
void move_headings(cmark_node* document, int first_level) {
    std::vector<cmark_node*> headings;
    int top = 6;
    for (cmark_node* node : preorder(document)) {
        if (type_of(node) != CMARK_NODE_HEADING) continue;
        headings.push_back(node);
        top = std::min(top, cmark_node_get_heading_level(node));
    }
    int previous = first_level - 1;
    for (cmark_node* heading : headings) {
        const int level = std::clamp(std::min(cmark_node_get_heading_level(heading) - top + first_level, previous + 1), 1, 6);
        cmark_node_set_heading_level(heading, level);
        previous = level;
    }
}

NodePtr parse_safe(std::string_view text, int first_heading_level) {
    NodePtr document(cmark_parse_document(text.data(), text.size(), CMARK_OPT_VALIDATE_UTF8));
    if (nested_too_deep(document.get())) {
        document.reset(cmark_node_new(CMARK_NODE_DOCUMENT));
        if (cmark_node* paragraph = literal_paragraph(text)) cmark_node_append_child(document.get(), paragraph);
    }
    neutralise(document.get());
    move_headings(document.get(), first_heading_level);
    return document;
}

// ---- writing CommonMark ------------------------------------------------------------------------
// cmark's own CommonMark writer indents bullets, pads list markers and separates lists with HTML
// comments, which MDX rejects and markdownlint flags; this one writes the plain style every
// consumer reads the same way: ATX headings, `-` bullets, `1.` numbers, fenced code.

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_alpha(c); }

// Whether the `&` at `at` would start a character reference (&amp; &#123; &#x7B;) if left alone.
bool starts_entity(std::string_view text, std::size_t at) {
    std::size_t i = at + 1;
    if (i < text.size() && text[i] == '#') {
        ++i;
        if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) ++i;
    }
    const std::size_t name = i;
    while (i < text.size() && is_ascii_alnum(text[i])) ++i;
    return i > name && i < text.size() && text[i] == ';';
}

// Where the run of characters from `at` on that append_text writes as they stand ends: at the
// first one its switch treats apart (those it escapes or looks around) or a control character.
std::size_t end_of_ordinary_run(std::string_view text, std::size_t at) {
    static constexpr auto ordinary = [] {
        std::array<bool, 256> table{};
        for (std::size_t c = 0x20; c < table.size(); ++c) table[c] = true;
        for (const char c : std::string_view("<{}&\\`*_[]#|~$:.@!")) table[static_cast<unsigned char>(c)] = false;
        return table;
    }();
    while (at < text.size() && ordinary[static_cast<unsigned char>(text[at])]) ++at;
    return at;
}

// Text that renders as itself in CommonMark, GFM and MDX, whatever the writer puts before or
// after it. `line_start`: the text begins a line, where more characters start blocks.
// Nothing of it can start a link either: GFM (and MDX with remark-gfm) links a bare URL, `www.`
// name or e-mail address, and such a link runs on over the backtick of a code span that follows
// it. A link is a link only where the author wrote one, as the HTML form (cmark) shows it.
void append_text(std::string& out, std::string_view text, bool line_start) {
    std::size_t i = 0;
    if (line_start) {
        for (; i < text.size() && text[i] == ' '; ++i) out += "&#32;";  // not an indented code block
        const std::string_view rest = text.substr(i);
        std::size_t digits = 0;
        while (digits < rest.size() && is_ascii_digit(rest[digits])) ++digits;
        if (digits > 0 && digits < rest.size() && (rest[digits] == '.' || rest[digits] == ')')) {
            out.append(rest.substr(0, digits)).append("\\").push_back(rest[digits]);  // not a numbered item
            i += digits + 1;
        } else if (!rest.empty() && (rest[0] == '-' || rest[0] == '+' || rest[0] == '=' || rest[0] == '>')) {
            out.append("\\").push_back(rest[0]);  // not a bullet, setext underline or block quote
            i += 1;
        } else if (escape::starts_mdx_esm(rest)) {
            out += rest[0] == 'i' ? "&#105;" : "&#101;";  // MDX reads such a line as JavaScript
            i += 1;
        }
    }
    for (; i < text.size(); ++i) {
        // Runs of what is written as it stands, most of any text, are copied at once.
        const std::size_t run_end = end_of_ordinary_run(text, i);
        out.append(text, i, run_end - i);
        i = run_end;
        if (i == text.size()) break;
        const char c = text[i];
        switch (c) {
        // Entities, not backslashes, for what MDX reads as JSX or an expression.
        case '<': out += "&lt;"; break;
        case '{': out += "&#123;"; break;
        case '}': out += "&#125;"; break;
        case '&': out += starts_entity(text, i) ? "&amp;" : "&"; break;
        // `|` splits GFM table cells, `~` is GFM strikethrough, `$` math on sites that have it.
        case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|': case '~': case '$':
            out.append("\\").push_back(c);
            break;
        case ':':
            // remark-directive (Docusaurus) reads `:name` as a directive; `://` ends a URL's scheme.
            if (i + 1 < text.size() && (is_ascii_alpha(text[i + 1]) || text.substr(i + 1, 2) == "//")) out += '\\';
            out += c;
            break;
        case '.':
            if (i >= 3 && starts_with_ignoring_case(text.substr(i - 3), "www")) out += '\\';  // `www.` starts a link
            out += c;
            break;
        case '@': out += "\\@"; break;  // an e-mail address
        case '!':
            // Before a link, which may follow the text, `!` would make it an image.
            if (i + 1 == text.size()) out += '\\';
            out += c;
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "&#" + std::to_string(static_cast<int>(c)) + ";";  // a tab, say: nothing invisible
            } else {
                out += c;
            }
        }
    }
}

// A code span showing `code`; nothing for an empty code, which no code span can show (two
// backticks would open a span that a later one closes).
std::string code_span_in(std::string_view code, bool in_table_cell) {
    if (code.empty()) return {};
    // Most codes hold no backtick, pipe or line break and do not start and end with a space: the
    // content is the code, in single backticks. (The page asks for two spans of every code.)
    if (code.find_first_of("`|\n\r") == std::string_view::npos && !(code.front() == ' ' && code.back() == ' ')) {
        std::string span;
        span.reserve(code.size() + 2);
        span += '`';
        span += code;
        span += '`';
        return span;
    }
    std::string content;
    std::size_t backslashes = 0;  // how many backslashes end `code` so far
    for (const char c : code) {
        if (c == '|' && in_table_cell) {
            // GFM splits a row into cells before it reads code spans: `\|` does not split it, and
            // becomes `|` again. micromark pairs the backslashes before it first, so that `\\|`
            // ends the cell: the run before `\|` must be even, and an odd one shows one backslash
            // more, since no code span in a GFM table can show an odd run before a pipe.
            if (backslashes % 2 == 1) content += '\\';
            content += "\\|";
        } else {
            content += c == '\n' || c == '\r' ? ' ' : c;
        }
        backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    // The fence is the shortest run of backticks that the content does not hold.
    std::set<std::size_t> runs;
    for (std::size_t i = 0; i < content.size();) {
        const std::size_t end = std::min(content.find_first_not_of('`', i), content.size());
        if (end > i) runs.insert(end - i);
        i = end > i ? end : i + 1;
    }
    std::size_t length = 1;
    while (runs.count(length) != 0) ++length;
    const std::string fence(length, '`');
    // A space each side keeps a backtick at either end off the fence; the parser drops one each
    // side again whenever both are there (and the content is not all spaces).
    const bool pad = !content.empty() && (content.front() == '`' || content.back() == '`' ||
                                          (content.front() == ' ' && content.back() == ' ' &&
                                           content.find_first_not_of(' ') != std::string::npos));
    return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
}

// `specials`, and an `&` that would start a character reference, backslash-escaped: the form for
// link destinations, link titles and info strings, where escapes and entities are read.
std::string backslash_escaped(std::string_view text, std::string_view specials) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (specials.find(text[i]) != std::string_view::npos || (text[i] == '&' && starts_entity(text, i))) out += '\\';
        out += text[i];
    }
    return out;
}

// Percent-encoded: spaces and control characters (a destination holds none), `<` `>` `{` `}` that
// MDX would look at twice, `|`, which would split a table cell, and the backtick, which would
// open a code span that outranks the link; HTML renderers encode these in the href all the same.
// Then parentheses and backslashes, which could end it, escaped.
std::string link_destination(std::string_view url) {
    static const char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F || std::string_view("<>{}|`").find(c) != std::string_view::npos) {
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0xF];
        } else {
            encoded += c;
        }
    }
    return backslash_escaped(encoded, "()\\");
}

struct InlineStyle {
    bool one_line = false;       // soft and hard breaks become spaces (headings, table cells)
    bool in_table_cell = false;  // pipes in code spans are escaped too
};

void write_inlines(cmark_node* parent, const InlineStyle& style, std::string& out, bool& line_start) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr; node = cmark_node_next(node)) {
        const bool at_line_start = line_start;
        line_start = false;
        switch (type_of(node)) {
        case CMARK_NODE_TEXT: {
            // cmark splits a text at escapes and entities: the pieces are one text to escape, or a
            // URL split in two would not be seen.
            std::string text = literal_of(node);
            while (cmark_node_next(node) != nullptr && type_of(cmark_node_next(node)) == CMARK_NODE_TEXT) {
                node = cmark_node_next(node);
                text += literal_of(node);
            }
            append_text(out, text, at_line_start);
            break;
        }
        case CMARK_NODE_CODE: out += code_span_in(literal_of(node), style.in_table_cell); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            if (style.one_line) {
                out += ' ';
            } else {
                out += type_of(node) == CMARK_NODE_LINEBREAK ? "\\\n" : "\n";  // no trailing spaces
                line_start = true;
            }
            break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG: {
            const char* marker = type_of(node) == CMARK_NODE_EMPH ? "*" : "**";
            out += marker;
            write_inlines(node, style, out, line_start);
            out += marker;
            break;
        }
        case CMARK_NODE_LINK: {
            out += '[';
            write_inlines(node, style, out, line_start);
            out += "](" + link_destination(url_of(node));
            const std::string title = title_of(node);
            if (!title.empty()) out += " \"" + backslash_escaped(title, "\"\\|<{}`") + "\"";
            out += ')';
            break;
        }
        default: break;  // nothing else is left after neutralise()
        }
    }
}

std::string inline_markdown(cmark_node* parent, const InlineStyle& style) {
    std::string out;
    bool line_start = true;
    write_inlines(parent, style, out, line_start);
    return out;
}

using Lines = std::vector<std::string>;

void write_block(cmark_node* node, Lines& out);

// A list that cannot start in the middle of a paragraph (CommonMark 5.2): it needs a blank line.
bool can_interrupt_paragraph(cmark_node* list) {
    cmark_node* first_item = cmark_node_first_child(list);
    const bool empty_item = first_item == nullptr || cmark_node_first_child(first_item) == nullptr;
    return !empty_item && (cmark_node_get_list_type(list) == CMARK_BULLET_LIST || cmark_node_get_list_start(list) == 1);
}

bool same_kind_containers(cmark_node* a, cmark_node* b) {
    const cmark_node_type type = type_of(a);
    if (type != type_of(b)) return false;
    return type == CMARK_NODE_BLOCK_QUOTE ||
           (type == CMARK_NODE_LIST && cmark_node_get_list_type(a) == cmark_node_get_list_type(b));
}

void write_children(cmark_node* parent, bool tight, Lines& out) {
    cmark_node* previous = nullptr;
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr; node = cmark_node_next(node)) {
        if (previous != nullptr) {
            const bool separate = same_kind_containers(previous, node);
            const bool needs_blank = type_of(previous) == CMARK_NODE_PARAGRAPH && type_of(node) == CMARK_NODE_LIST &&
                                     !can_interrupt_paragraph(node);
            if (!tight || separate || needs_blank) out.emplace_back();
            if (separate) {
                out.emplace_back(block_separator);
                out.emplace_back();
            }
        }
        write_block(node, out);
        previous = node;
    }
}

void append_prefixed(const Lines& inner, const std::string& first_prefix, const std::string& prefix,
                     const std::string& blank_prefix, Lines& out) {
    for (std::size_t i = 0; i < inner.size(); ++i) {
        if (inner[i].empty()) {
            out.push_back(blank_prefix);  // no trailing spaces on a blank line
        } else {
            out.push_back((i == 0 ? first_prefix : prefix) + inner[i]);
        }
    }
}

void write_code_block(cmark_node* node, Lines& out) {
    const std::string info = fence_info_of(node);
    const std::string code = literal_of(node);
    // Backticks unless the info string holds one (then a backtick fence could not carry it).
    const char fence_char = info.find('`') == std::string::npos ? '`' : '~';
    std::size_t longest = 0, run = 0;
    for (const char c : code) {
        run = c == fence_char ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), fence_char);
    out.push_back(fence + backslash_escaped(info, "\\"));
    for (const std::string& line : split_lines(code)) out.push_back(line);
    out.push_back(fence);
}

void write_list(cmark_node* list, Lines& out) {
    const bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    const bool tight = cmark_node_get_list_tight(list) != 0;
    int number = cmark_node_get_list_start(list);
    for (cmark_node* item = cmark_node_first_child(list); item != nullptr; item = cmark_node_next(item)) {
        if (item != cmark_node_first_child(list) && !tight) out.emplace_back();
        const std::string marker = ordered ? std::to_string(number++) + "." : "-";
        Lines inner;
        write_children(item, tight, inner);
        if (inner.empty()) {
            out.push_back(marker);
        } else {
            append_prefixed(inner, marker + " ", std::string(marker.size() + 1, ' '), "", out);
        }
    }
}

void write_block(cmark_node* node, Lines& out) {
    switch (type_of(node)) {
    case CMARK_NODE_PARAGRAPH:
        for (std::string& line : split_lines(inline_markdown(node, {}))) out.push_back(std::move(line));
        break;
    case CMARK_NODE_HEADING:
        out.push_back(std::string(static_cast<std::size_t>(cmark_node_get_heading_level(node)), '#') + " " +
                      inline_markdown(node, {true, false}));
        break;
    case CMARK_NODE_THEMATIC_BREAK: out.emplace_back("***"); break;  // `---` could underline a heading
    case CMARK_NODE_CODE_BLOCK: write_code_block(node, out); break;
    case CMARK_NODE_BLOCK_QUOTE: {
        Lines inner;
        write_children(node, false, inner);
        append_prefixed(inner, "> ", "> ", ">", out);
        break;
    }
    case CMARK_NODE_LIST: write_list(node, out); break;
    default: break;  // nothing else is left after neutralise()
    }
}

std::string join_lines(const Lines& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i == 0 ? "" : "\n") + lines[i];
    return out;
}

// ---- HTML and the one-line forms ------------------------------------------------------------------

std::string html_of(cmark_node* node) {
    // CMARK_OPT_DEFAULT is cmark's safe mode: no raw HTML, no unsafe URLs, whatever got through.
    std::string html = take_string(cmark_render_html(node, CMARK_OPT_DEFAULT));
    // cmark writes void elements XHTML-style (<br />, <hr />); a `/>` cannot come from text,
    // where `>` is always &gt;.
    for (std::size_t at = html.find(" />"); at != std::string::npos; at = html.find(" />", at)) html.erase(at, 2);
    while (!html.empty() && html.back() == '\n') html.pop_back();
    return html;
}

// A code block's code on one line, as a code span in its place shows it.
std::string one_line_code(cmark_node* code_block) {
    std::string code = literal_of(code_block);
    while (!code.empty() && code.back() == '\n') code.pop_back();
    std::replace(code.begin(), code.end(), '\n', ' ');
    return code;
}

// Runs every block of `document` together into one paragraph: the inlines of each paragraph and
// heading one after another, code blocks as code spans, items of ordered lists numbered.
cmark_node* flatten(cmark_node* document) {
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    std::string pending_number;
    std::vector<NodePtr> line_breaks;
    for (cmark_node* node : preorder(document)) {
        const cmark_node_type type = type_of(node);
        if (type == CMARK_NODE_ITEM) {
            cmark_node* list = cmark_node_parent(node);
            if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
                int number = cmark_node_get_list_start(list);
                for (cmark_node* before = cmark_node_previous(node); before != nullptr; before = cmark_node_previous(before)) ++number;
                pending_number = std::to_string(number) + ". ";
            }
            continue;
        }
        if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING && type != CMARK_NODE_CODE_BLOCK) continue;
        const std::string code = type == CMARK_NODE_CODE_BLOCK ? one_line_code(node) : std::string();
        if (type == CMARK_NODE_CODE_BLOCK && code.empty()) continue;  // an empty code block shows nothing
        const bool first = cmark_node_first_child(paragraph) == nullptr;
        if (!first || !pending_number.empty()) cmark_node_append_child(paragraph, new_text((first ? "" : " ") + pending_number));
        pending_number.clear();
        if (type == CMARK_NODE_CODE_BLOCK) {
            cmark_node* span = cmark_node_new(CMARK_NODE_CODE);
            cmark_node_set_literal(span, code.c_str());
            cmark_node_append_child(paragraph, span);
        } else {
            while (cmark_node* child = cmark_node_first_child(node)) {
                const cmark_node_type child_type = type_of(child);
                if (child_type == CMARK_NODE_SOFTBREAK || child_type == CMARK_NODE_LINEBREAK) {
                    // One line: no <br> in a table cell either. The break is freed at the end, as
                    // the loop still comes to it (preorder listed it): freeing it here was a use
                    // after free for every paragraph of more than one line.
                    cmark_node_insert_before(child, new_text(" "));
                    cmark_node_unlink(child);
                    line_breaks.emplace_back(child);
                } else {
                    cmark_node_append_child(paragraph, child);
                }
            }
        }
    }
    while (cmark_node* child = cmark_node_first_child(document)) cmark_node_free(child);
    cmark_node_append_child(document, paragraph);
    return paragraph;
}

Rendered render_document(cmark_node* document, Forms forms) {
    Rendered out;
    if (forms.markdown) {
        Lines lines;
        write_children(document, false, lines);
        out.markdown = join_lines(lines);
    }
    if (forms.html) out.html = html_of(document);
    cmark_node* paragraph = flatten(document);
    if (cmark_node_first_child(paragraph) != nullptr) {
        if (forms.markdown) out.markdown_inline = inline_markdown(paragraph, {true, true});
        if (forms.html) {
            std::string html = html_of(paragraph);  // <p>...</p>
            out.html_inline = html.substr(3, html.size() - 7);
        }
    }
    return out;
}

// ---- plain text, without libcmark -----------------------------------------------------------------

// Whether libcmark reads `text` as one paragraph of text nodes that together are `text`, nothing
// changed: then every form is what render_document writes for that paragraph, and the text can
// skip the parser. Conservative: whatever could start or end any construct disqualifies it.
bool is_plain(std::string_view text) {
    // A letter or digit first starts no block but a numbered item ("1." or "1)"), and is no
    // indent, no byte-order mark (which the parser drops); a space last would be dropped.
    if (text.empty() || !is_ascii_alnum(text.front()) || text.back() == ' ') return false;
    std::size_t digits = 0;
    while (digits < text.size() && is_ascii_digit(text[digits])) ++digits;
    if (digits < text.size() && (text[digits] == '.' || text[digits] == ')')) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x80) {
            char32_t code_point = 0;
            const std::size_t length = unicode::decode_utf8(text, i, code_point);
            if (length == 0) return false;  // the parser replaces invalid UTF-8
            i += length - 1;
        } else if (byte < 0x20 || byte == 0x7F) {
            return false;  // line breaks and tabs among them
        } else {
            switch (text[i]) {
            // Escapes, code, emphasis, links and images, raw HTML, entities (`!` makes an image
            // only before `[`).
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '&': return false;
            default: break;
            }
        }
    }
    return true;
}

// Text as cmark_render_html escapes it (not in its secure mode, which also encodes `'` and `/`).
void append_html_text(std::string& out, std::string_view text) {
    std::size_t copied = 0;  // the characters before this went out already
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char* entity = nullptr;
        switch (text[i]) {
        case '"': entity = "&quot;"; break;
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        default: continue;
        }
        out.append(text.substr(copied, i - copied)).append(entity);
        copied = i + 1;
    }
    out.append(text.substr(copied));
}

}  // namespace

namespace paths {

std::optional<Rendered> render_plain(std::string_view text, Forms forms) {
    if (!is_plain(text)) return std::nullopt;
    Rendered out;
    if (forms.markdown) {
        append_text(out.markdown, text, true);
        out.markdown_inline = out.markdown;  // one line already
    }
    if (forms.html) {
        append_html_text(out.html_inline, text);
        out.html = "<p>" + out.html_inline + "</p>";
    }
    return out;
}

// A tight list, as write_list and cmark_render_html write it; the one-line forms are one text,
// as flatten() runs the items together, numbered when ordered.
std::optional<Rendered> render_plain_list(const std::vector<std::string>& items, bool ordered, Forms forms) {
    if (items.empty() || !std::all_of(items.begin(), items.end(), [](const std::string& item) { return is_plain(item); })) {
        return std::nullopt;
    }
    Rendered out;
    std::string run_together;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string number = std::to_string(i + 1) + ".";
        if (forms.markdown) {
            out.markdown += (i == 0 ? "" : "\n") + (ordered ? number : "-") + " ";
            append_text(out.markdown, items[i], true);
        }
        if (forms.html) {
            out.html += "\n<li>";
            append_html_text(out.html, items[i]);
            out.html += "</li>";
        }
        run_together += (i == 0 ? "" : " ") + (ordered ? number + " " : "") + items[i];
    }
    if (forms.markdown) append_text(out.markdown_inline, run_together, true);
    if (forms.html) {
        out.html = (ordered ? "<ol>" : "<ul>") + out.html + (ordered ? "\n</ol>" : "\n</ul>");
        append_html_text(out.html_inline, run_together);
    }
    return out;
}

Rendered render_parsed(std::string_view text, int first_heading_level, Forms forms) {
    if (text.empty()) return {};
    const NodePtr document = parse_safe(text, first_heading_level);
    return render_document(document.get(), forms);
}

Rendered render_list_parsed(const std::vector<std::string>& items, bool ordered, int first_heading_level, Forms forms) {
    if (items.empty()) return {};
    const NodePtr document(cmark_node_new(CMARK_NODE_DOCUMENT));
    cmark_node* list = cmark_node_new(CMARK_NODE_LIST);
    cmark_node_set_list_type(list, ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST);
    if (ordered) {
        cmark_node_set_list_start(list, 1);
        cmark_node_set_list_delim(list, CMARK_PERIOD_DELIM);
    }
    bool tight = true;  // every item one paragraph: no blank lines, no <p> in the items
    for (const std::string& text : items) {
        const NodePtr parsed = parse_safe(text, first_heading_level);
        cmark_node* item = cmark_node_new(CMARK_NODE_ITEM);
        cmark_node* first = cmark_node_first_child(parsed.get());
        if (first != nullptr && (type_of(first) != CMARK_NODE_PARAGRAPH || cmark_node_next(first) != nullptr)) tight = false;
        while (cmark_node* block = cmark_node_first_child(parsed.get())) cmark_node_append_child(item, block);
        cmark_node_append_child(list, item);
    }
    cmark_node_set_list_tight(list, tight ? 1 : 0);
    cmark_node_append_child(document.get(), list);
    return render_document(document.get(), forms);
}

}  // namespace paths

Rendered render(std::string_view text, int first_heading_level, Forms forms) {
    if (text.empty()) return {};
    if (std::optional<Rendered> plain = paths::render_plain(text, forms)) return std::move(*plain);
    return paths::render_parsed(text, first_heading_level, forms);
}

Rendered render_list(const std::vector<std::string>& items, bool ordered, int first_heading_level, Forms forms) {
    if (std::optional<Rendered> plain = paths::render_plain_list(items, ordered, forms)) return std::move(*plain);
    return paths::render_list_parsed(items, ordered, first_heading_level, forms);
}

std::string plain_text(std::string_view text) {
    const NodePtr document(cmark_parse_document(text.data(), text.size(), CMARK_OPT_VALIDATE_UTF8));
    std::string words;
    cmark_iter* iter = cmark_iter_new(document.get());
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER) words += literal_of(node);  // empty for containers
        const cmark_node_type type = type_of(node);
        if (type < CMARK_NODE_FIRST_INLINE || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            words += ' ';  // around blocks and between lines
        }
    }
    cmark_iter_free(iter);
    std::string line;
    for (const char c : words) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (line.empty() || line.back() == ' ')) continue;
        line += space ? ' ' : c;
    }
    if (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

std::string code_span(std::string_view text) { return text.empty() ? std::string() : code_span_in(text, false); }

std::string table_code_span(std::string_view text) { return text.empty() ? std::string() : code_span_in(text, true); }

}  // namespace errspec::markdown
