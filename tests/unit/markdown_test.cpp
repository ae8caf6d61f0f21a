// The Markdown texts of a spec, rendered for the docs pages: hostile input must come out inert,
// and the Markdown written back must mean exactly what the HTML shows.
#include <catch2/catch.hpp>

#include <cmark.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "markdown.hpp"

using errspec::markdown::code_span;
using errspec::markdown::render;
using errspec::markdown::render_list;
using errspec::markdown::table_code_span;

namespace {

constexpr int kUnderH3 = 4;  // a text in a code's section: its headings start at <h4>

// What any CommonMark renderer makes of the Markdown form, in the same HTML dialect as the html
// form (void elements without the slash).
std::string html_of_markdown(const std::string& markdown) {
    cmark_node* document = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_VALIDATE_UTF8);
    char* buffer = cmark_render_html(document, CMARK_OPT_DEFAULT);
    std::string html(buffer);
    std::free(buffer);
    cmark_node_free(document);
    for (std::size_t at = html.find(" />"); at != std::string::npos; at = html.find(" />", at)) html.erase(at, 2);
    while (!html.empty() && html.back() == '\n') html.pop_back();
    return html;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Whether a GFM table cell holding `text` stays one cell, as micromark (MDX, remark) splits a
// row: a backslash takes the backslash or pipe after it along, and any other pipe ends the cell.
bool stays_one_cell(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == '|')) {
            ++i;
        } else if (text[i] == '|') {
            return false;
        }
    }
    return true;
}

// What GFM parses as the inline content of a cell holding `text`: every `\|` a `|` again.
std::string cell_content(const std::string& text) {
    std::string content;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '|')) content += text[i];
    }
    return content;
}

// What cmark parses from a Markdown text: every node type, the code of every code span, the URL
// of every link, and the literal text.
struct Parse {
    std::set<cmark_node_type> types;
    std::vector<std::string> codes;
    std::vector<std::string> urls;
    std::string text;

    explicit Parse(const std::string& markdown) {
        cmark_node* document = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_VALIDATE_UTF8);
        cmark_iter* iter = cmark_iter_new(document);
        for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
            if (event != CMARK_EVENT_ENTER) continue;
            cmark_node* node = cmark_iter_get_node(iter);
            const cmark_node_type type = cmark_node_get_type(node);
            types.insert(type);
            if (type == CMARK_NODE_CODE) codes.emplace_back(cmark_node_get_literal(node));
            if (type == CMARK_NODE_TEXT) text += cmark_node_get_literal(node);
            if (type == CMARK_NODE_LINK) urls.emplace_back(cmark_node_get_url(node));
        }
        cmark_iter_free(iter);
        cmark_node_free(document);
    }

    // Neither raw HTML nor an image: all that is left is text, code, emphasis and links.
    bool inert() const {
        return types.count(CMARK_NODE_HTML_BLOCK) == 0 && types.count(CMARK_NODE_HTML_INLINE) == 0 &&
               types.count(CMARK_NODE_IMAGE) == 0;
    }
};

}  // namespace

TEST_CASE("ordinary Markdown keeps its meaning in every form") {
    const auto out = render("Check that you send `Authorization: Bearer <key>` (not *x-api-key*).", kUnderH3);
    CHECK(out.markdown == "Check that you send `Authorization: Bearer <key>` (not *x-api-key*).");
    CHECK(out.html == "<p>Check that you send <code>Authorization: Bearer &lt;key&gt;</code> (not <em>x-api-key</em>).</p>");
    CHECK(out.markdown_inline == out.markdown);
    CHECK(out.html_inline ==
          "Check that you send <code>Authorization: Bearer &lt;key&gt;</code> (not <em>x-api-key</em>).");
}

TEST_CASE("an empty or blank text renders as nothing") {
    for (const char* text : {"", "   \n\n  "}) {
        const auto out = render(text, kUnderH3);
        CHECK(out.markdown.empty());
        CHECK(out.markdown_inline.empty());
        CHECK(out.html.empty());
        CHECK(out.html_inline.empty());
    }
}

TEST_CASE("raw HTML becomes literal text") {
    SECTION("a script block") {
        const auto out = render("<script>alert(document.cookie)</script>", kUnderH3);
        CHECK(out.html == "<p>&lt;script&gt;alert(document.cookie)&lt;/script&gt;</p>");
        CHECK_FALSE(contains(out.markdown, "<"));
        CHECK(html_of_markdown(out.markdown) == out.html);
    }
    SECTION("an inline image with an event handler") {
        const auto out = render("Broken <img src=x onerror=alert(1)> here", kUnderH3);
        CHECK(out.html == "<p>Broken &lt;img src=x onerror=alert(1)&gt; here</p>");
        CHECK(out.markdown == "Broken &lt;img src=x onerror=alert(1)> here");
    }
    SECTION("a comment, an iframe and a style block over several lines") {
        const auto out = render("<!-- hidden -->\n\n<iframe src=\"https://evil.example\">\n  </iframe>\n\n<style>\nbody{display:none}\n</style>", kUnderH3);
        CHECK_FALSE(contains(out.html, "<iframe"));
        CHECK_FALSE(contains(out.html, "<style"));
        CHECK_FALSE(contains(out.html, "<!--"));
        CHECK(contains(out.html, "&lt;!-- hidden --&gt;"));
        CHECK(html_of_markdown(out.markdown) == out.html);
    }
}

TEST_CASE("links that are not http, https, mailto or an in-page fragment become their text") {
    for (const char* text : {"[click](javascript:alert(1))", "[click](JaVaScRiPt:alert(1))",
                             "[click](jav&#x61;script:alert(1))", "[click](  javascript:alert(1) )",
                             "[click](vbscript:msgbox(1))", "[click](data:text/html;base64,PHNjcmlwdD4=)",
                             "[click](file:///etc/passwd)", "[click][ref]\n\n[ref]: javascript:alert(1)",
                             "[click](<javascript:alert(1)>)", "[click](/relative/path)", "[click](#)"}) {
        INFO(text);
        const auto out = render(text, kUnderH3);
        CHECK(out.html == "<p>click</p>");
        CHECK(out.markdown == "click");
    }
    const auto autolink = render("<javascript:alert(1)>", kUnderH3);
    CHECK_FALSE(contains(autolink.html, "href"));
    CHECK(autolink.markdown == "javascript\\:alert(1)");
}

TEST_CASE("safe links stay links, autolinks included") {
    const auto out = render("See [the docs](https://example.com/a_(b) \"Title \\\"q\\\" |\"), <https://x.test/?a=1&b=2>, "
                            "<support@example.com> and [below](#rate-limited).",
                            kUnderH3);
    CHECK(out.html == "<p>See <a href=\"https://example.com/a_(b)\" title=\"Title &quot;q&quot; |\">the docs</a>, "
                      "<a href=\"https://x.test/?a=1&amp;b=2\">https://x.test/?a=1&amp;b=2</a>, "
                      "<a href=\"mailto:support@example.com\">support@example.com</a> and "
                      "<a href=\"#rate-limited\">below</a>.</p>");
    // MDX has no <autolinks>: every link is written [text](url).
    CHECK(contains(out.markdown, "[support\\@example.com](mailto:support@example.com)"));
    CHECK_FALSE(contains(out.markdown, "<"));
    CHECK(html_of_markdown(out.markdown) == out.html);
    CHECK(stays_one_cell(out.markdown_inline));
}

TEST_CASE("a link without visible text shows its URL") {
    CHECK(render("[](https://example.com)", kUnderH3).html == "<p><a href=\"https://example.com\">https://example.com</a></p>");
}

TEST_CASE("images become links, so that a page loads nothing") {
    SECTION("an image with a safe URL links to it") {
        const auto out = render("![Logo *v2*](https://cdn.example.com/logo.png \"The logo\")", kUnderH3);
        CHECK(out.html == "<p><a href=\"https://cdn.example.com/logo.png\" title=\"The logo\">Logo <em>v2</em></a></p>");
        CHECK(out.markdown == "[Logo *v2*](https://cdn.example.com/logo.png \"The logo\")");
    }
    SECTION("an image with an unsafe URL is its alt text") {
        const auto out = render("![pixel](data:image/png;base64,iVBORw0KGgo=)", kUnderH3);
        CHECK(out.html == "<p>pixel</p>");
    }
    SECTION("an image inside a link is the link's text") {
        const auto out = render("[![badge](https://img.example/b.svg)](https://example.com)", kUnderH3);
        CHECK(out.html == "<p><a href=\"https://example.com\">badge</a></p>");
    }
    SECTION("no form has an image") {
        const auto out = render("![a](https://x.test/a.png) and ![b](x.png)", kUnderH3);
        CHECK_FALSE(contains(out.html, "<img"));
        CHECK_FALSE(contains(out.html_inline, "<img"));
        CHECK_FALSE(contains(out.markdown, "!["));
    }
}

TEST_CASE("what MDX reads as JSX, expressions or JavaScript stays text") {
    const auto out = render("Use {process.env.KEY} in <Client apiKey={key} />.\n\nimport x from 'y'\nexport const a = 1", kUnderH3);
    CHECK(out.markdown == "Use &#123;process.env.KEY&#125; in &lt;Client apiKey=&#123;key&#125; />.\n\n"
                          "&#105;mport x from 'y'\n&#101;xport const a = 1");
    CHECK(html_of_markdown(out.markdown) == out.html);
    // Inside code, braces and angle brackets are literal in MDX as in CommonMark.
    CHECK(render("`{a}` and `<b>`", kUnderH3).markdown == "`{a}` and `<b>`");
    // Words that merely start with the keywords are prose.
    CHECK(render("important", kUnderH3).markdown == "important");
}

TEST_CASE("text that looks like Markdown or GFM syntax renders literally") {
    for (const char* text :
         {"1986\\. A great year", "\\- not a bullet", "\\+ not a bullet", "\\# not a heading", "\\> not a quote",
          "a\n\\=\\=\\=", "a\n\\-\\-\\-", "\\*not emphasis\\*", "snake\\_case\\_name", "\\[not a link\\](x)",
          "a \\| b \\| c", "\\~~not struck\\~~", "Costs $1 = 1,000 credits, minimum $10.", "Bearer:token and :::note",
          "&amp;copy; is not &copy; and &#123; is not {", "back\\\\slash", "tab\there", "line one\\\nline two",
          "\\`not code\\`", "\\<b\\>not html\\</b\\>", "a  \nhard break"}) {
        INFO(text);
        const auto out = render(text, kUnderH3);
        CHECK(html_of_markdown(out.markdown) == out.html);
        CHECK(html_of_markdown(out.markdown_inline) == "<p>" + out.html_inline + "</p>");
    }
    CHECK(render("Costs $1", kUnderH3).markdown == "Costs \\$1");
    CHECK(render("tab\there", kUnderH3).markdown == "tab&#9;here");
}

TEST_CASE("block structure survives being written back") {
    for (const char* text : {
             "- a\n- b\n  1. nested\n  2. list\n- c",
             "1. one\n\n   more of one\n\n2. two\n\n   ```sh\n   make\n   ```",
             "- a\n\n* b (a second list)",
             "1. a\n\n2) b (a second numbered list)",
             "- item\n\n  5. starts at five",
             "> quoted\n>\n> ```\n> code\n>\n>   indented\n> ```\n\n> another quote",
             "***\n\ntext\n\n---",
             "````md\n```\nfence inside\n```\n````",
             "~~~ js `weird` info\ncode\n~~~",
             "    indented code\n\n\ttabbed",
             "Para\n\n-\n\n- after an empty item",
             "# Title\n\nSetext\n======\n\n###### Six",
             "- [ ] not a task\n- [x] done?",
             "``code with ` tick`` and ` `` ` and `  padded  `",
         }) {
        INFO(text);
        const auto out = render(text, 3);
        CHECK(html_of_markdown(out.markdown) == out.html);
    }
}

TEST_CASE("markdownlint's style: dash bullets, single-space markers, fenced code with a language") {
    const auto out = render("* a\n* b\n\n+ c\n\n```\ncode\n```\n\n    indented", 3);
    CHECK(out.markdown == "- a\n- b\n\n[//]: #\n\n- c\n\n```text\ncode\n```\n\n```text\nindented\n```");
}

TEST_CASE("headings move under the page section the text sits in") {
    const auto out = render("# A\n\n### B\n\n## C", kUnderH3);
    CHECK(out.markdown == "#### A\n\n##### B\n\n##### C");
    CHECK(out.html == "<h4>A</h4>\n<h5>B</h5>\n<h5>C</h5>");
    CHECK(render("# A\n## B\n### C", 5).markdown == "##### A\n\n###### B\n\n###### C");
    // An empty heading is dropped rather than left as an empty <h4>.
    CHECK(render("#\n\ntext", kUnderH3).html == "<p>text</p>");
}

TEST_CASE("the one-line forms fit a table cell") {
    const auto out = render("First | paragraph with `a|b`.\n\n- item one\n- item two\n\n```\ncode\nblock\n```\n\n## Heading", kUnderH3);
    CHECK(out.markdown_inline == "First \\| paragraph with `a\\|b`. item one item two `code block` Heading");
    CHECK(out.html_inline == "First | paragraph with <code>a|b</code>. item one item two <code>code block</code> Heading");
    CHECK(stays_one_cell(out.markdown_inline));
}

TEST_CASE("lists of texts: numbered when ordered, tight unless an item has blocks") {
    SECTION("tight") {
        const auto out = render_list({"Log in.", "Open **Settings → API**."}, true, 5);
        CHECK(out.markdown == "1. Log in.\n2. Open **Settings → API**.");
        CHECK(out.html == "<ol>\n<li>Log in.</li>\n<li>Open <strong>Settings → API</strong>.</li>\n</ol>");
        // Escaped as at the start of any line, so that no placement can make it a list.
        CHECK(out.markdown_inline == "1\\. Log in. 2. Open **Settings → API**.");
        CHECK(out.html_inline == "1. Log in. 2. Open <strong>Settings → API</strong>.");
    }
    SECTION("loose, with a code block in an item") {
        const auto out = render_list({"Run:\n\n```sh\nmake\n```", "Done."}, false, 5);
        CHECK(out.markdown == "- Run:\n\n  ```sh\n  make\n  ```\n\n- Done.");
        CHECK(html_of_markdown(out.markdown) == out.html);
    }
    SECTION("hostile items") {
        const auto out = render_list({"<script>x</script>", "[a](javascript:b)"}, false, 5);
        CHECK(out.html == "<ul>\n<li>&lt;script&gt;x&lt;/script&gt;</li>\n<li>a</li>\n</ul>");
    }
    CHECK(render_list({}, true, 5).markdown.empty());
}

TEST_CASE("a text nested deeper than any real document is shown as plain text") {
    const std::string quotes(100000, '>');
    const auto out = render(quotes + " deep", kUnderH3);
    std::string escaped;
    for (const char c : quotes) escaped += c == '>' ? "&gt;" : "";
    CHECK(out.html == "<p>" + escaped + " deep</p>");
    CHECK(html_of_markdown(out.markdown) == out.html);
    const std::string lists = [] {
        std::string text;
        for (int i = 0; i < 200; ++i) text += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
        return text;
    }();
    CHECK(contains(render(lists, kUnderH3).html, "- x"));
}

TEST_CASE("table code spans show plain text literally in a cell") {
    CHECK(table_code_span("error.code") == "`error.code`");
    CHECK(table_code_span("a|b") == "`a\\|b`");
    CHECK(table_code_span("x`y") == "``x`y``");
    CHECK(table_code_span("`x") == "`` `x ``");
    CHECK(table_code_span("two\nlines") == "`two lines`");
    CHECK(table_code_span("").empty());
}

// ---- code spans stay closed and links stay links wherever the writer puts them -----------------
// Each class below once let a spec text out of its code span, or made a link an image; cmark's
// parse of every Markdown form (and of the one-line form as a GFM table cell reads it) must show
// no raw HTML and no image, and every code span with its code.

namespace {

// Whether micromark's GFM extension could start a link in `markdown` (one that runs on over the
// code span or link after it): a `://`, `www.` or `@` that no backslash stops.
bool starts_gfm_autolink(const std::string& markdown) {
    for (std::size_t i = 0; i < markdown.size(); ++i) {
        const bool escaped = i > 0 && markdown[i - 1] == '\\';
        const std::string_view rest = std::string_view(markdown).substr(i);
        if (!escaped && (rest.substr(0, 3) == "://" || rest.front() == '@')) return true;
        if (rest.size() >= 4 && (rest[0] | 0x20) == 'w' && (rest[1] | 0x20) == 'w' && (rest[2] | 0x20) == 'w' &&
            rest[3] == '.') {
            return true;
        }
    }
    return false;
}

// What a code span in a GFM table cell shows of `code`: the code, but an odd run of backslashes
// before a pipe, which no cell can show (micromark pairs backslashes before it splits the row),
// with one backslash more.
std::string shown_in_cell(const std::string& code) {
    std::string shown;
    std::size_t run = 0;
    for (const char c : code) {
        if (c == '|' && run % 2 == 1) shown += '\\';
        shown += c;
        run = c == '\\' ? run + 1 : 0;
    }
    return shown;
}

// The block form, and the one-line form as the content of a GFM table cell.
std::vector<std::string> forms_of(const errspec::markdown::Rendered& out) {
    CHECK(stays_one_cell(out.markdown_inline));
    return {out.markdown, cell_content(out.markdown_inline)};
}

struct Case {
    const char* text;
    std::vector<std::string> codes;  // what the text's code spans show
};

// Every form of the text shows its code spans whole and nothing of them outside: no `{`, `<` or
// script as text, no raw HTML, no image, and nothing a GFM autolink could start at.
void check_code_spans_kept(const Case& item) {
    INFO(item.text);
    for (const std::string& form : forms_of(render(item.text, kUnderH3))) {
        INFO(form);
        const Parse parse(form);
        CHECK(parse.inert());
        CHECK(parse.codes == item.codes);
        CHECK_FALSE(starts_gfm_autolink(form));
        CHECK(parse.text.find_first_of("{<") == std::string::npos);
        CHECK_FALSE(contains(parse.text, "alert"));
    }
}

}  // namespace

TEST_CASE("an empty code block leaves the code spans after it closed in the one-line form") {
    const Case cases[] = {
        {"```\n```\n\n``a`b {alert(document.domain)}``", {"a`b {alert(document.domain)}"}},
        {"~~~\n\n~~~\n\n`<b>bold</b>` and `{x}`", {"<b>bold</b>", "{x}"}},
        {"1. ```\n   ```\n2. `<img src=x onerror=alert(1)>`", {"<img src=x onerror=alert(1)>"}},
    };
    for (const Case& item : cases) check_code_spans_kept(item);
}

TEST_CASE("a bare URL, www. name or e-mail address before a code span leaves the span whole") {
    const Case cases[] = {
        {"see https://example.com`{alert(1)}` now", {"{alert(1)}"}},
        {"see HTTP://EXAMPLE.COM/path`<b>x</b>`", {"<b>x</b>"}},
        {"see www.example.com`{alert(2)}`", {"{alert(2)}"}},
        {"see WwW.example.com`{alert(3)}`", {"{alert(3)}"}},
        {"mail x@example.com`{alert(4)}`", {"{alert(4)}"}},
        {"see ftp\\://example.com`{alert(5)}`", {"{alert(5)}"}},  // one text to cmark, in two nodes
        {"see https://example.com[link](#below)`{alert(6)}`", {"{alert(6)}"}},
    };
    for (const Case& item : cases) check_code_spans_kept(item);
    // What the reader sees is the text as written.
    CHECK(Parse(render("see https://example.com and www.example.com", kUnderH3).markdown).text ==
          "see https://example.com and www.example.com");
}

TEST_CASE("a backslash before a pipe never ends a table cell") {
    const Case cases[] = {
        {"a `\\|{alert(1)}` b", {"\\|{alert(1)}"}},
        {"a `\\\\|{alert(2)}` b", {"\\\\|{alert(2)}"}},
        {"a `\\\\\\|{alert(3)}` b", {"\\\\\\|{alert(3)}"}},
        {"a `x\\` | `|` \\| \\\\| b", {"x\\", "|"}},
        {"[a\\|](https://a.example/\\| \"t\\\\|\")", {}},
    };
    for (const Case& item : cases) {
        INFO(item.text);
        const auto out = render(item.text, kUnderH3);
        CHECK(stays_one_cell(out.markdown_inline));
        const Parse block(out.markdown);
        CHECK(block.inert());
        CHECK(block.codes == item.codes);
        const Parse cell(cell_content(out.markdown_inline));
        CHECK(cell.inert());
        CHECK(cell.text == block.text);
        CHECK(cell.urls == block.urls);
        std::vector<std::string> shown;
        for (const std::string& code : item.codes) shown.push_back(shown_in_cell(code));
        CHECK(cell.codes == shown);
    }
}

TEST_CASE("a literal ! before a link never makes it an image") {
    const struct {
        const char* text;
        std::string url;
    } cases[] = {
        {"\\![x](https://evil.example/p.png)", "https://evil.example/p.png"},
        {"Wow\\![x](https://a.example/1)", "https://a.example/1"},
        {"*em*\\![x](https://a.example/2)", "https://a.example/2"},
        {"`code`\\![x](https://a.example/3)", "https://a.example/3"},
        {"Look!<https://a.example/4>", "https://a.example/4"},
        {"![x](javascript:alert(1))![y](https://a.example/5)", "https://a.example/5"},
    };
    for (const auto& item : cases) {
        INFO(item.text);
        for (const std::string& form : forms_of(render(item.text, kUnderH3))) {
            INFO(form);
            const Parse parse(form);
            CHECK(parse.inert());
            CHECK(parse.urls == std::vector<std::string>{item.url});
        }
    }
}

TEST_CASE("a link's URL or title never opens a code span") {
    const auto out = render("[x](<https://a.example/`y`> \"t`z\") and `{alert(1)}`", kUnderH3);
    for (const std::string& form : forms_of(out)) {
        INFO(form);
        const Parse parse(form);
        CHECK(parse.inert());
        CHECK(parse.urls == std::vector<std::string>{"https://a.example/%60y%60"});
        CHECK(parse.codes == std::vector<std::string>{"{alert(1)}"});
    }
}

TEST_CASE("every code span shows its code, in a paragraph and in a table cell") {
    // Every text of up to five characters from those that matter to a code span.
    const std::string alphabet = "`\\| a{<";
    std::vector<std::string> codes = {""};
    for (std::size_t begin = 0, length = 0; length < 5; ++length) {
        const std::size_t end = codes.size();
        for (std::size_t i = begin; i < end; ++i) {
            for (const char c : alphabet) codes.push_back(codes[i] + c);
        }
        begin = end;
    }
    for (const std::string& code : codes) {
        INFO(code);
        if (code.empty()) {
            CHECK(code_span(code).empty());
            CHECK(table_code_span(code).empty());
            continue;
        }
        CHECK(Parse("x " + code_span(code) + " y").codes == std::vector<std::string>{code});
        const std::string cell = table_code_span(code);
        CHECK(stays_one_cell(cell));
        CHECK(Parse("x " + cell_content(cell) + " y").codes == std::vector<std::string>{shown_in_cell(code)});
    }
}

TEST_CASE("plain text is what a reader sees of a Markdown text, on one line") {
    using errspec::markdown::plain_text;
    CHECK(plain_text("Always parse `error.code`, **not** the\nhuman [message](https://x.example).") ==
          "Always parse error.code, not the human message.");
    CHECK(plain_text("# Heading\n\n- one\n- two\n\n```\ncode  block\n```\n\n---\n\nlast") ==
          "Heading one two code block last");
    CHECK(plain_text("A <script>alert(1)</script> &amp; ![alt text](https://x.example/i.png)") ==
          "A <script>alert(1)</script> & alt text");
    CHECK(plain_text("<div>\nblock\n</div>\n\nafter") == "<div> block </div> after");
    CHECK(plain_text("  \n\t ").empty());
}
