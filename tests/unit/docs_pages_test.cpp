// The markdown and html targets' pages, rendered in memory from the seed specs and the hostile
// spec: every code, status and fix step is on both pages, nothing from a spec became markup, and
// the Markdown stays within what MDX and CommonMark read alike.
#include <catch2/catch.hpp>

#include <cmark.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "markdown.hpp"
#include "pipeline.hpp"
#include "targets.hpp"
#include "write.hpp"

namespace {

namespace fs = std::filesystem;
using errspec::Generation;
using errspec::TemplateSet;

const fs::path kSourceDir = ERRSPEC_SOURCE_DIR;

std::vector<fs::path> seed_specs() {
    std::vector<fs::path> specs;
    for (const auto& entry : fs::directory_iterator(kSourceDir / "spec")) {
        if (entry.path().extension() == ".yaml") specs.push_back(entry.path());
    }
    std::sort(specs.begin(), specs.end());
    return specs;
}

const fs::path kHostileSpec = kSourceDir / "tests/web/hostile.yaml";

struct Pages {
    std::string markdown, html;
};

Pages generate_pages(const fs::path& spec, const TemplateSet& templates = TemplateSet{}) {
    const Generation generation =
        errspec::generate({spec.string()}, {errspec::find_target("markdown"), errspec::find_target("html")}, templates);
    std::string errors;
    for (const std::string& error : generation.errors) errors += error + "\n";
    INFO(errors);
    REQUIRE(generation.ok());
    errspec::MemorySink sink;
    std::vector<std::string> problems;
    REQUIRE(sink.accept(generation.files, problems));
    Pages pages;
    for (const auto& [name, content] : sink.files()) {
        if (name.size() > 10 && name.compare(name.size() - 10, 10, "-errors.md") == 0) pages.markdown = content;
        if (name.size() > 12 && name.compare(name.size() - 12, 12, "-errors.html") == 0) pages.html = content;
    }
    REQUIRE_FALSE(pages.markdown.empty());
    REQUIRE_FALSE(pages.html.empty());
    return pages;
}

// What the spec says, read straight from its YAML: the oracle the pages are checked against.
struct SpecFacts {
    std::vector<std::string> codes, statuses, fix_steps;  // fix steps in Markdown
};

SpecFacts facts_of(const fs::path& spec) {
    const YAML::Node root = YAML::LoadFile(spec.string());
    SpecFacts facts;
    for (const YAML::Node& error : root["errors"]) {
        facts.codes.push_back(error["code"].as<std::string>());
        facts.statuses.push_back(error["status"].as<std::string>());
        for (const YAML::Node& step : error["fix"]) facts.fix_steps.push_back(step.as<std::string>());
    }
    return facts;
}

std::string html_of_markdown(const std::string& markdown) {
    cmark_node* document = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
    char* html = cmark_render_html(document, CMARK_OPT_UNSAFE);  // our own anchors stay as they are
    std::string out(html);
    std::free(html);
    cmark_node_free(document);
    return out;
}

std::string collapse_whitespace(const std::string& text) {
    std::string collapsed;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
        collapsed += space ? ' ' : c;
    }
    return collapsed;
}

// What a reader sees of an HTML text: tags dropped, entities decoded, whitespace runs as one space.
std::string visible_text(const std::string& html) {
    static const std::map<std::string, std::string> entities = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}};
    std::string text;
    bool in_tag = false;
    for (std::size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (in_tag) {
            in_tag = c != '>';
            continue;
        }
        if (c == '<') {
            in_tag = true;
            text += ' ';
            continue;
        }
        const auto entity = std::find_if(entities.begin(), entities.end(),
                                         [&](const auto& e) { return html.compare(i, e.first.size(), e.first) == 0; });
        if (c == '&' && entity != entities.end()) {
            text += entity->second;
            i += entity->first.size() - 1;
        } else {
            text += c;
        }
    }
    return collapse_whitespace(text);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The same for a Markdown page, rendered as plain CommonMark: GFM tables stay paragraphs there,
// so their pipes are dropped.
std::string markdown_visible_text(const std::string& markdown) {
    std::string text = visible_text(html_of_markdown(markdown));
    text.erase(std::remove(text.begin(), text.end(), '|'), text.end());
    return collapse_whitespace(text);
}

// The Markdown page with code spans, fenced code blocks and its own code anchors cut out: what
// MDX parses as Markdown text.
std::string markdown_outside_code(const std::string& page) {
    std::string out;
    std::istringstream lines(page);
    std::string line, fence;
    while (std::getline(lines, line)) {
        const std::size_t indent = line.find_first_not_of(' ');
        const std::string trimmed = indent == std::string::npos ? "" : line.substr(indent);
        const std::size_t run = trimmed.find_first_not_of('`');
        if (!trimmed.empty() && trimmed[0] == '`' && (run == std::string::npos || run >= 3)) {
            const std::string marker = trimmed.substr(0, run == std::string::npos ? trimmed.size() : run);
            if (fence.empty()) {
                fence = marker;
                continue;
            }
            if (marker.size() >= fence.size() && trimmed.find_first_not_of('`', marker.size()) == std::string::npos) {
                fence.clear();
                continue;
            }
        }
        if (!fence.empty()) continue;
        line = std::regex_replace(line, std::regex(R"(^<a id="[a-z0-9-]+"></a>$)"), "");
        // Code spans: a backtick run up to the next run of the same length.
        for (std::size_t at = line.find('`'); at != std::string::npos; at = line.find('`', at)) {
            if (at > 0 && line[at - 1] == '\\') {
                ++at;
                continue;
            }
            const std::size_t length = line.find_first_not_of('`', at) - at;
            const std::string ticks(length, '`');
            std::size_t close = line.find(ticks, at + length);
            while (close != std::string::npos && line.find_first_not_of('`', close) - close != length) {
                close = line.find(ticks, line.find_first_not_of('`', close));
            }
            if (close == std::string::npos) break;
            line.erase(at, close + length - at);
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("every code, status and fix step of each seed spec is on both pages") {
    for (const fs::path& spec : seed_specs()) {
        INFO(spec.filename().string());
        const Pages pages = generate_pages(spec);
        const SpecFacts facts = facts_of(spec);
        const std::string markdown_text = markdown_visible_text(pages.markdown);
        const std::string html_text = visible_text(pages.html);
        for (std::size_t i = 0; i < facts.codes.size(); ++i) {
            INFO(facts.codes[i]);
            CHECK(contains(markdown_text, facts.codes[i]));
            CHECK(contains(html_text, facts.codes[i]));
            CHECK(contains(markdown_text, "Status: " + facts.statuses[i]));
            CHECK(contains(html_text, "Status " + facts.statuses[i]));
        }
        for (const std::string& step : facts.fix_steps) {
            INFO(step);
            const std::string words = visible_text(errspec::markdown::render(step, 5).html);
            CHECK(contains(markdown_text, words));
            CHECK(contains(html_text, words));
        }
    }
}

TEST_CASE("each code's section has a stable anchor, linked from the code table") {
    const Pages pages = generate_pages(kSourceDir / "spec/trendtrack.yaml");
    for (const char* anchor : {"missing-api-key", "credential-not-found", "rate-limited", "internal-error"}) {
        INFO(anchor);
        CHECK(contains(pages.markdown, "<a id=\"" + std::string(anchor) + "\"></a>"));
        CHECK(contains(pages.markdown, "](#" + std::string(anchor) + ")"));
        CHECK(contains(pages.html, "<article class=\"error\" id=\"" + std::string(anchor) + "\">"));
        CHECK(contains(pages.html, "href=\"#" + std::string(anchor) + "\""));
    }
}

TEST_CASE("fix steps are numbered where the spec orders them") {
    const Pages pages = generate_pages(kSourceDir / "spec/trackpilots.yaml");
    CHECK(contains(pages.markdown, "#### How to fix\n\n1. **Check your current plan.**"));
    CHECK(contains(pages.html, "<h4>How to fix</h4>\n<ol>\n<li><strong>Check your current plan.</strong>"));
    CHECK(contains(pages.markdown, "#### How to fix\n\n- Add the `Authorization` header"));
}

TEST_CASE("the pages carry the envelope, a worked example, the headers, retry advice and support") {
    const Pages pages = generate_pages(kSourceDir / "spec/trendtrack.yaml");
    for (const std::string& page : {markdown_visible_text(pages.markdown), visible_text(pages.html)}) {
        CHECK(contains(page, "\"requestId\": \"${request_id}\""));
        CHECK(contains(page, "HTTP/1.1 401 Unauthorized Content-Type: application/json X-Request-Id: req_123"));
        CHECK(contains(page, "X-Credits-Remaining The workspace's remaining credit balance"));
        CHECK(contains(page, "Retry-After Sent with rate_limited"));
        CHECK(contains(page, "Retry with exponential backoff: wait 500 ms"));
        CHECK(contains(page, "Request shape surprises"));
        CHECK(contains(page, "Quote the request id when you contact support: it is in the X-Request-Id response header "
                             "and the error body's error.requestId member"));
    }
}

TEST_CASE("the pages are the same bytes every time: no dates, no versions") {
    const fs::path spec = kSourceDir / "spec/admaxxer.yaml";
    const Pages first = generate_pages(spec), second = generate_pages(spec);
    CHECK(first.markdown == second.markdown);
    CHECK(first.html == second.html);
    CHECK_FALSE(std::regex_search(first.html, std::regex(R"(\b20\d\d-\d\d-\d\d\b|errspec \d)")));
}

TEST_CASE("nothing from a hostile spec becomes markup on either page") {
    const Pages pages = generate_pages(kHostileSpec);

    SECTION("HTML: the page's own search is its only script, and nothing has a handler or loads") {
        std::size_t scripts = 0;
        for (std::size_t at = pages.html.find("<script"); at != std::string::npos; at = pages.html.find("<script", at + 1)) ++scripts;
        CHECK(scripts == 1);
        CHECK_FALSE(std::regex_search(pages.html, std::regex(R"(<[a-zA-Z][^>]*\son[a-z]+\s*=)")));
        const std::string body = pages.html.substr(pages.html.find("<body>"));
        CHECK_FALSE(std::regex_search(body, std::regex(R"(<(img|iframe|svg|style|object|embed|marquee|details|base|form)\b)")));
        CHECK_FALSE(std::regex_search(pages.html, std::regex(R"(href="(?!#|https?:|mailto:))")));
    }

    SECTION("Markdown: the only raw HTML is the code anchors, and no link or image is unsafe") {
        cmark_node* document = cmark_parse_document(pages.markdown.data(), pages.markdown.size(), CMARK_OPT_DEFAULT);
        cmark_iter* iter = cmark_iter_new(document);
        // `<a id="..."></a>` on a line of its own is a paragraph holding two inline HTML nodes.
        const std::regex anchor(R"(<a id="[a-z0-9-]+">|</a>)");
        for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
            if (event != CMARK_EVENT_ENTER) continue;
            cmark_node* node = cmark_iter_get_node(iter);
            const cmark_node_type type = cmark_node_get_type(node);
            if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
                INFO(cmark_node_get_literal(node));
                CHECK(std::regex_match(std::string(cmark_node_get_literal(node)), anchor));
            }
            CHECK(type != CMARK_NODE_IMAGE);
            if (type == CMARK_NODE_LINK) {
                const std::string url = cmark_node_get_url(node);
                INFO(url);
                CHECK(std::regex_search(url, std::regex(R"(^(#|https?://|mailto:))")));
            }
        }
        cmark_iter_free(iter);
        cmark_node_free(document);
    }

    SECTION("Markdown: outside code, no character that MDX reads as JSX or an expression") {
        for (const Pages& seed_or_hostile : {pages, generate_pages(kSourceDir / "spec/trackpilots.yaml")}) {
            const std::string prose = markdown_outside_code(seed_or_hostile.markdown);
            INFO(prose);
            CHECK(prose.find_first_of("{}<") == std::string::npos);
            CHECK_FALSE(std::regex_search(prose, std::regex(R"((^|\n)(import|export)\b)")));
        }
    }

    SECTION("the spec's words are still all there, as text") {
        const std::string text = visible_text(pages.html);
        CHECK(contains(text, "<script>alert('description')</script>"));
        CHECK(contains(text, "Text with backticks"));
        CHECK(contains(text, "{braces}"));
        CHECK(contains(markdown_visible_text(pages.markdown), "{process.env.SECRET}"));
    }
}

TEST_CASE("repeated titles and shared anchors get told apart") {
    const Pages pages = generate_pages(kHostileSpec);
    CHECK(contains(pages.markdown, "\n## Retries\n"));
    CHECK(contains(pages.markdown, "\n## Retries \\(2\\)\n"));
    CHECK(contains(pages.markdown, "\n## Retries \\(3\\)\n"));
    CHECK(contains(pages.html, "id=\"a-b\""));
    CHECK(contains(pages.html, "id=\"a-b-3\""));
    CHECK(contains(pages.html, "<section id=\"section_section-script-alert-section-script\">"));
    CHECK(contains(pages.html, "<section id=\"section_section-script-alert-section-script_2\">"));
}

TEST_CASE("the documented --templates example restyles both pages") {
    const Pages pages = generate_pages(kSourceDir / "spec/trendtrack.yaml", TemplateSet(kSourceDir / "examples/docs-templates"));
    CHECK(pages.markdown.rfind("---\ntitle: \"Trendtrack error reference\"\n", 0) == 0);
    CHECK_FALSE(contains(pages.markdown, "\n# Trendtrack"));  // the docs site prints the title
    CHECK(contains(pages.markdown, "<a id=\"missing-api-key\"></a>"));
    CHECK(contains(pages.html, "--accent: #6d28d9;"));
    CHECK(contains(pages.html, "<article class=\"error\" id=\"missing-api-key\">"));
}
