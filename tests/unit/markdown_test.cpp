// The Markdown texts of a spec, rendered for the docs pages: hostile input must come out inert,
// and the Markdown written back must mean exactly what the HTML shows.
#include <catch2/catch.hpp>

#include <cmark.h>

#include <cstdlib>
#include <string>

#include "markdown.hpp"

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

// Every `|` escaped, so a table cell holding the text stays one cell.
bool pipes_escaped(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '|' && (i == 0 || text[i - 1] != '\\')) return false;
    }
    return true;
}

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
    CHECK(contains(out.markdown, "[support@example.com](mailto:support@example.com)"));
    CHECK_FALSE(contains(out.markdown, "<"));
    CHECK(html_of_markdown(out.markdown) == out.html);
    CHECK(pipes_escaped(out.markdown_inline));
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
    CHECK(pipes_escaped(out.markdown_inline));
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
