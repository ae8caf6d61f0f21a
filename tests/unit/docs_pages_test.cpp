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
#include <iterator>
#include <map>
#include <regex>
#include <set>
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

std::vector<fs::path> with_hostile(std::vector<fs::path> specs) {
    specs.push_back(kHostileSpec);
    return specs;
}

// Codes in scripts, emoji, digits and punctuation that no ASCII slug covers, or that slug alike.
const fs::path kOddCodesSpec = kSourceDir / "tests/web/odd-codes.yaml";

// Every spec the docs tests render: the seeds, the public formats, the hostile and odd-codes specs.
std::vector<fs::path> every_docs_spec() {
    std::vector<fs::path> specs = seed_specs();
    for (const auto& entry : fs::directory_iterator(kSourceDir / "tests/formats")) {
        if (entry.path().extension() == ".yaml") specs.push_back(entry.path());
    }
    std::sort(specs.begin() + static_cast<std::ptrdiff_t>(seed_specs().size()), specs.end());
    specs.push_back(kHostileSpec);
    specs.push_back(kOddCodesSpec);
    return specs;
}

struct Pages {
    std::string markdown, html;
};

Pages pages_of(const Generation& generation);

Pages generate_pages(const fs::path& spec, const TemplateSet& templates = TemplateSet{},
                     const errspec::GenerateOptions& options = {}) {
    return pages_of(errspec::generate({spec.string()}, {errspec::find_target("markdown"), errspec::find_target("html")},
                                      templates, options));
}

Pages generate_pages_of_text(const std::string& spec, const errspec::GenerateOptions& options = {}) {
    return pages_of(errspec::generate_texts({{"spec.yaml", spec}},
                                            {errspec::find_target("markdown"), errspec::find_target("html")},
                                            TemplateSet{}, options));
}

Pages pages_of(const Generation& generation) {
    std::string errors;
    for (const std::string& error : generation.errors) errors += error + "\n";
    for (const auto& diagnostic : generation.diagnostics) errors += diagnostic.message + "\n";
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
        if (error["fix"]) {
            for (const YAML::Node& step : error["fix"]) facts.fix_steps.push_back(step.as<std::string>());
        }
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

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

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
        line = std::regex_replace(line, std::regex(R"(^<a id="[A-Za-z][A-Za-z0-9_-]*"></a>$)"), "");
        // Code spans: a backtick run up to the next run of the same length.
        for (std::size_t at = line.find('`'); at != std::string::npos; at = line.find('`', at)) {
            if (at > 0 && line[at - 1] == '\\') {
                ++at;
                continue;
            }
            // The run of backticks at `from`, to the end of the line if need be.
            const auto run_end = [&](std::size_t from) { return std::min(line.find_first_not_of('`', from), line.size()); };
            const std::size_t length = run_end(at) - at;
            const std::string ticks(length, '`');
            std::size_t close = line.find(ticks, at + length);
            while (close != std::string::npos && run_end(close) - close != length) close = line.find(ticks, run_end(close));
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
        CHECK(contains(pages.html, "<article class=\"error\" id=\"" + std::string(anchor) + "\""));
        CHECK(contains(pages.html, "href=\"#" + std::string(anchor) + "\""));
    }
    // The code as written is an id too: the heading's in HTML; in Markdown docs sites make the
    // heading `### `missing_api_key`` that id themselves, and an upper-case code gets an anchor.
    CHECK(contains(pages.html, "<h3 id=\"missing_api_key\"><code>missing_api_key</code>"));
    CHECK(contains(pages.markdown, "\n### `missing_api_key`\n"));
    const Pages upper = generate_pages(kSourceDir / "spec/trackpilots.yaml");
    CHECK(contains(upper.html, "<h3 id=\"INVALID_API_KEY\"><code>INVALID_API_KEY</code>"));
    CHECK(contains(upper.markdown, "<a id=\"invalid-api-key\"></a>\n<a id=\"INVALID_API_KEY\"></a>\n\n### `INVALID_API_KEY`\n"));
}

TEST_CASE("both pages have the same anchors, each a valid id, once") {
    for (const fs::path& spec : every_docs_spec()) {
        INFO(spec.filename().string());
        const Pages pages = generate_pages(spec);
        std::set<std::string> html_ids, markdown_ids;
        const std::regex id(R"re(\sid="([^"]*)")re");
        for (std::sregex_iterator it(pages.html.begin(), pages.html.end(), id), end; it != end; ++it) {
            const std::string value = (*it)[1];
            INFO(value);
            // html-validate's recommended valid-id: a letter, then letters, digits, '-' and '_'.
            CHECK(std::regex_match(value, std::regex("[A-Za-z][A-Za-z0-9_-]*")));
            CHECK(html_ids.insert(value).second);
        }
        for (std::sregex_iterator it(pages.markdown.begin(), pages.markdown.end(), id), end; it != end; ++it) {
            markdown_ids.insert((*it)[1]);
        }
        // The HTML page's own widgets (search box, skip target) have no Markdown counterpart, and
        // the lower-case code ids come from the docs site's heading slugs.
        for (const std::string& markdown_id : markdown_ids) {
            INFO(markdown_id);
            CHECK(html_ids.count(markdown_id) == 1);
        }
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
        CHECK(contains(page, "Back off and retry: internal_error . Retry with exponential backoff."));
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
        const std::regex anchor(R"(<a id="[A-Za-z][A-Za-z0-9_-]*">|</a>)");
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
    CHECK(contains(pages.html, "<h3 id=\"A_B\">"));
    CHECK(contains(pages.html, "<article class=\"error\" id=\"code-9lives\""));
    CHECK(contains(pages.html, "<section id=\"section-script-alert-section-script\">"));
    CHECK(contains(pages.html, "<section id=\"section-script-alert-section-script-2\">"));
}

TEST_CASE("the documented --templates example restyles both pages") {
    const Pages pages = generate_pages(kSourceDir / "spec/trendtrack.yaml", TemplateSet(kSourceDir / "examples/docs-templates"));
    CHECK(pages.markdown.rfind("---\ntitle: \"Trendtrack error reference\"\n", 0) == 0);
    CHECK_FALSE(contains(pages.markdown, "\n# Trendtrack"));  // the docs site prints the title
    CHECK(contains(pages.markdown, "<a id=\"missing-api-key\"></a>"));
    CHECK(contains(pages.html, "--accent: #6d28d9;"));
    CHECK(contains(pages.html, "<article class=\"error\" id=\"missing-api-key\""));
}

namespace {

// Every number a spec holds (in any text or value), and the seconds and minutes of a whole number
// of milliseconds: what a page may say about retrying.
std::set<long long> numbers_in(const std::string& text) {
    std::set<long long> numbers;
    const std::regex number(R"(\d+)");
    for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it) {
        if (it->length() > 15) continue;
        const long long n = std::stoll(it->str());
        numbers.insert(n);
        if (n % 1000 == 0) numbers.insert(n / 1000);
        if (n % 60000 == 0) numbers.insert(n / 60000);
    }
    return numbers;
}

// The numbers of a page's text that stand in a sentence about retrying and that `allowed` lacks.
std::vector<std::string> retry_numbers_not_in(const std::string& page_text, const std::set<long long>& allowed) {
    std::vector<std::string> unknown;
    const std::regex sentence(R"([^.;!?]+)");
    const std::regex retry_words(R"(\b(retry|retrying|back off|backoff|attempts?|wait)\b)", std::regex::icase);
    const std::regex number(R"(\b\d+\b)");
    for (std::sregex_iterator it(page_text.begin(), page_text.end(), sentence), end; it != end; ++it) {
        const std::string text = it->str();
        if (!std::regex_search(text, retry_words)) continue;
        for (std::sregex_iterator n(text.begin(), text.end(), number); n != end; ++n) {
            if (n->length() > 15 || allowed.count(std::stoll(n->str())) == 0) unknown.push_back(n->str() + " in: " + text);
        }
    }
    return unknown;
}

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The `notes:` texts anywhere in a spec.
void collect_notes(const YAML::Node& node, std::vector<std::string>& notes) {
    if (node.IsMap()) {
        for (const auto& entry : node) {
            if (entry.first.as<std::string>() == "notes" && entry.second.IsScalar()) notes.push_back(entry.second.as<std::string>());
            collect_notes(entry.second, notes);
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) collect_notes(item, notes);
    }
}

// The headings of levels 1 to 3 of a Markdown page, as text: what docs sites list in a table of
// contents.
std::vector<std::string> toc_headings(const std::string& markdown) {
    std::vector<std::string> headings;
    cmark_node* document = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
    cmark_iter* iter = cmark_iter_new(document);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_HEADING) continue;
        if (cmark_node_get_heading_level(node) > 3) continue;
        char* html = cmark_render_html(node, CMARK_OPT_DEFAULT);
        headings.push_back(visible_text(html));
        std::free(html);
    }
    cmark_iter_free(iter);
    cmark_node_free(document);
    return headings;
}

}  // namespace

TEST_CASE("the retry-number check catches a number the spec does not hold") {
    const std::set<long long> allowed = numbers_in("status: 429\nmax_delay_ms: 30000\n");
    CHECK(retry_numbers_not_in("Retry after 30 s. Status 429, then retry.", allowed).empty());
    CHECK(retry_numbers_not_in("Back off: wait 500 ms before the first retry.", allowed).size() == 1);
    CHECK(retry_numbers_not_in("Give up after 3 attempts in all.", allowed).size() == 1);
    CHECK(retry_numbers_not_in("The key has 3 scopes.", allowed).empty());  // not about retrying
}

TEST_CASE("a page says about retrying no number that its spec does not hold") {
    for (const fs::path& spec : with_hostile(seed_specs())) {
        INFO(spec.filename().string());
        const Pages pages = generate_pages(spec);
        const std::set<long long> allowed = numbers_in(file_text(spec));
        for (const std::string& text : {markdown_visible_text(pages.markdown), visible_text(pages.html)}) {
            const std::vector<std::string> unknown = retry_numbers_not_in(text, allowed);
            INFO(join_lines(unknown));
            CHECK(unknown.empty());
        }
    }
    // With a `retry:` block its numbers are on the page (hostile.yaml: 250 ms, 8 s, 7 attempts, 90 s).
    const std::string hostile = visible_text(generate_pages(kHostileSpec).html);
    CHECK(contains(hostile, "wait 250 ms before the first retry and twice as long before each next one, up to 8 s, and "
                            "stop after 7 attempts in all"));
    CHECK(contains(hostile, "give up when it asks for more than 90 s"));
}

TEST_CASE("a code whose spec says nothing of retrying or of its message gets no advice or message on the page") {
    const Pages pages = generate_pages(kSourceDir / "spec/trendtrack.yaml");
    const std::string markdown = markdown_visible_text(pages.markdown);
    // missing_api_key: the one documented message; invalid_api_key: none, and no retry: line.
    CHECK(contains(markdown, "Status: 401 Unauthorized Message: Missing API key. The Authorization header"));
    CHECK(contains(markdown, "Status: 401 Unauthorized The header was present"));
    CHECK_FALSE(contains(markdown, "Do not retry"));
    CHECK(contains(markdown, "Retry: Retry with exponential backoff."));
}

TEST_CASE("no maintainer note reaches a page") {
    std::size_t notes_seen = 0;
    for (const fs::path& spec : with_hostile(seed_specs())) {
        INFO(spec.filename().string());
        std::vector<std::string> notes;
        collect_notes(YAML::LoadFile(spec.string()), notes);
        notes_seen += notes.size();
        const Pages pages = generate_pages(spec);
        for (const std::string& note : notes) {
            INFO(note);
            CHECK_FALSE(contains(markdown_visible_text(pages.markdown), collapse_whitespace(note)));
            CHECK_FALSE(contains(visible_text(pages.html), collapse_whitespace(note)));
            CHECK_FALSE(contains(pages.html, note));
            CHECK_FALSE(contains(pages.markdown, note));
        }
    }
    CHECK(notes_seen >= 8);  // the seed specs' moved captions and the hostile spec's notes
}

TEST_CASE("no heading text repeats at levels 1 to 3 of a Markdown page") {
    for (const fs::path& spec : with_hostile(seed_specs())) {
        INFO(spec.filename().string());
        std::set<std::string> seen;
        for (const std::string& heading : toc_headings(generate_pages(spec).markdown)) {
            INFO(heading);
            CHECK(seen.insert(heading).second);
        }
        CHECK(seen.size() > 3);
    }
}

TEST_CASE("the envelope shape shows JSON types, and no example invents a value") {
    const Pages trackpilots = generate_pages(kSourceDir / "spec/trackpilots.yaml");
    CHECK(contains(trackpilots.markdown, "\n  \"statusCode\": ${status},\n"));
    CHECK(contains(trackpilots.markdown, "\n  \"statusMessage\": \"${statusMessage}\",\n"));
    const Pages creatoraudit = generate_pages(kSourceDir / "spec/creatoraudit.yaml");
    CHECK(contains(creatoraudit.markdown, "\n  \"errors\": ${details}\n"));
    CHECK(contains(generate_pages(kSourceDir / "spec/admaxxer.yaml").markdown, "\n    \"details\": ${details}\n"));
    for (const fs::path& spec : seed_specs()) {
        const Pages pages = generate_pages(spec);
        // The OpenAPI document's examples too (generated/ is a fresh render: the golden test).
        const std::string openapi = file_text(kSourceDir / "generated" / (spec.stem().string() + "-errors.openapi.yaml"));
        REQUIRE_FALSE(openapi.empty());
        for (const std::string& page : {pages.markdown, pages.html, openapi}) {
            CHECK_FALSE(std::regex_search(page, std::regex(R"(("|&quot;)(errors|details)("|&quot;): \{\})")));
        }
    }
    // A body the document does not show: the code's own values, `${name}` where it gives none.
    CHECK(contains(creatoraudit.markdown, "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nX-Request-ID: "
                                          "${request_id}\n\n{\n  \"code\": \"FORBIDDEN\",\n  \"request_id\": \"${request_id}\"\n}"));
    CHECK(contains(markdown_visible_text(creatoraudit.markdown),
                   "Where the API's documentation shows no response for a code, the code's section shows this shape"));
    CHECK_FALSE(contains(trackpilots.markdown, "Where the API's documentation shows no response"));
}

TEST_CASE("request headers are listed apart from response headers") {
    const Pages pages = generate_pages(kSourceDir / "spec/creatoraudit.yaml");
    const std::size_t request = pages.markdown.find("\n## Request headers\n");
    const std::size_t response = pages.markdown.find("\n## Response headers\n");
    REQUIRE(request != std::string::npos);
    REQUIRE(response != std::string::npos);
    CHECK(pages.markdown.find("| `Idempotency-Key` |") > request);
    CHECK(pages.markdown.find("| `X-RateLimit-Reset` |") < request);
    CHECK(contains(pages.html, "<h2>Request headers"));
}

TEST_CASE("a long fix stays out of the summary table, a short one is in it") {
    const Pages pages = generate_pages(kSourceDir / "spec/trackpilots.yaml");
    const std::size_t table_end = pages.markdown.find("\n\n", pages.markdown.find("| Code | Status | Meaning |"));
    const std::string table = pages.markdown.substr(0, table_end);
    CHECK_FALSE(contains(table, "Check your current plan"));
    CHECK(contains(table, "| [`PLAN_EXPIRED`](#plan-expired) | 401 | **Plan expired**"));
    CHECK(contains(table, "Fix: Make sure your API key value"));
}

namespace {

// A spec whose name and summary hold what could end, break or fool YAML front matter: quotes,
// colons, `#`, a `---` line, line breaks, a line separator, non-ASCII, invisible and bidi
// characters, a byte-order mark, an emoji, markup.
const std::string kFrontMatterSpec = R"(errspec: 1
api:
  id: shop_two
  name: "Shop \"2\": 'the' #1\n---\nbest\u202E\u200B\uFEFF caf\u00e9 \U0001F600"
  summary: "Read `error.code`: **not** the message.\n---\nA \"quote\"\u2028 & <b>tag</b>\n\n---"
envelope:
  body: {error: {code: "${code}", message: "${message}"}}
errors:
  - code: out_of_stock
    status: 409
    title: Out of stock
)";

struct FrontMatter {
    YAML::Node values;
    std::string rest;  // the page after it
};

FrontMatter split_front_matter(const std::string& page) {
    REQUIRE(page.rfind("---\n", 0) == 0);
    const std::size_t end = page.find("\n---\n", 3);
    REQUIRE(end != std::string::npos);
    return {YAML::Load(page.substr(4, end - 4)), page.substr(end + 5)};
}

}  // namespace

TEST_CASE("front matter is opt-in, and its values read back as the spec's texts") {
    errspec::GenerateOptions with_front_matter;
    with_front_matter.front_matter = true;
    const Pages plain = generate_pages_of_text(kFrontMatterSpec);
    const Pages pages = generate_pages_of_text(kFrontMatterSpec, with_front_matter);
    CHECK(plain.markdown.rfind("# Shop", 0) == 0);  // the default page: its # title, no front matter

    const FrontMatter front = split_front_matter(pages.markdown);
    REQUIRE(front.values.IsMap());
    CHECK(front.values.size() == 3);
    CHECK(front.values["title"].as<std::string>() ==
          "Shop \"2\": 'the' #1\n---\nbest\u202E\u200B\uFEFF caf\u00e9 \U0001F600 error reference");
    // What a reader sees of the summary, the Markdown's `---` lines a heading's underline and a rule.
    CHECK(front.values["description"].as<std::string>() ==
          "Read error.code: not the message. A \"quote\"\u2028 & <b>tag</b>");
    CHECK(front.values["slug"].as<std::string>() == "shop_two-errors");
    // One line per value, ASCII only, each a double-quoted scalar that no reader types otherwise.
    std::istringstream lines(pages.markdown.substr(4, pages.markdown.find("\n---\n", 3) - 4));
    int count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        INFO(line);
        CHECK(std::regex_match(line, std::regex(R"((title|description|slug): "[\x20-\x7e]*")")));
    }
    CHECK(count == 3);
    // In place of the # title, and the rest of the page unchanged; the HTML page has none.
    CHECK(front.rest == plain.markdown.substr(plain.markdown.find('\n') + 1));
    CHECK(pages.html == plain.html);
}

TEST_CASE("front matter leaves out a description the spec does not give") {
    errspec::GenerateOptions with_front_matter;
    with_front_matter.front_matter = true;
    const Pages pages = generate_pages_of_text(
        "errspec: 1\napi: {id: bare, name: Bare}\nenvelope:\n  body: {code: \"${code}\"}\nerrors:\n  - {code: gone, status: 410, title: Gone}\n", with_front_matter);
    const FrontMatter front = split_front_matter(pages.markdown);
    CHECK(front.values.size() == 2);
    CHECK(front.values["title"].as<std::string>() == "Bare error reference");
    CHECK(front.values["slug"].as<std::string>() == "bare-errors");
}

namespace {

// The first group of every match of `pattern` in `page`.
std::set<std::string> matches_of(const std::string& page, const std::regex& pattern) {
    std::set<std::string> found;
    for (std::sregex_iterator it(page.begin(), page.end(), pattern), end; it != end; ++it) found.insert((*it)[1]);
    return found;
}

}  // namespace

TEST_CASE("every in-page link lands on an id of its page") {
    for (const fs::path& spec : every_docs_spec()) {
        INFO(spec.filename().string());
        const Pages pages = generate_pages(spec);
        const std::set<std::string> html_ids = matches_of(pages.html, std::regex(R"re(\sid="([^"]*)")re"));
        const std::set<std::string> html_links = matches_of(pages.html, std::regex(R"re(\shref="#([^"]*)")re"));
        // The Markdown page's own anchors, not the ids a docs site may derive from its headings.
        const std::set<std::string> markdown_ids = matches_of(pages.markdown, std::regex(R"re(<a id="([^"]*)"></a>)re"));
        const std::set<std::string> markdown_links = matches_of(pages.markdown, std::regex(R"re(\]\(#([^)\s]*)\))re"));
        CHECK_FALSE(html_links.empty());
        for (const std::string& link : html_links) {
            INFO("html: #" << link);
            CHECK(html_ids.count(link) == 1);
        }
        for (const std::string& link : markdown_links) {
            INFO("markdown: #" << link);
            CHECK(markdown_ids.count(link) == 1);
        }
        CHECK_FALSE(markdown_links.empty());
    }
}

TEST_CASE("a code's section links to the codes documented with it, never to itself") {
    const Pages pages = generate_pages(kSourceDir / "spec/trendtrack.yaml");
    const std::regex article(R"re(<article class="error" id="([^"]+)"[^>]*>([\s\S]*?)</article>)re");
    std::size_t sections = 0;
    for (std::sregex_iterator it(pages.html.begin(), pages.html.end(), article), end; it != end; ++it, ++sections) {
        const std::string anchor = (*it)[1];
        std::string body = (*it)[2];
        INFO(anchor);
        // Its own permalink aside.
        body = std::regex_replace(body, std::regex("<a class=\"self\" href=\"#" + anchor + "\""), "");
        CHECK_FALSE(contains(body, "href=\"#" + anchor + "\""));
    }
    CHECK(sections == 12);
    const std::string markdown = pages.markdown;
    const std::size_t revoked = markdown.find("\n### `credential_revoked`\n");
    REQUIRE(revoked != std::string::npos);
    const std::string section = markdown.substr(revoked, markdown.find("\n### ", revoked + 1) - revoked);
    CHECK(contains(section, "Documented together with [`credential_not_found`](#credential-not-found) and "
                            "[`credential_expired`](#credential-expired)"));
    CHECK_FALSE(contains(section, "(#credential-revoked)"));
    CHECK(contains(pages.html, "<p>Documented together with <a href=\"#credential-not-found\"><code>credential_not_found"
                               "</code></a> and <a href=\"#credential-expired\">"));
}

TEST_CASE("an example shows its headers when it has any") {
    const Pages pages = generate_pages_of_text(R"(errspec: 1
api: {id: shop, name: Shop}
envelope:
  body: {error: {code: "${code}", message: "${message}"}}
headers: {retry_after: Retry-After}
errors:
  - code: slow_down
    status: 429
    title: Slow down
    examples:
      - headers: {Retry-After: "30", X-RateLimit-Remaining: "0"}
        body: '{"error": {"code": "slow_down", "message": "Slow down."}}'
      - body: '{"error": {"code": "slow_down", "message": "Slower."}}'
)");
    CHECK(contains(pages.markdown, "```http\nHTTP/1.1 429 Too Many Requests\nContent-Type: application/json\n"
                                   "Retry-After: 30\nX-RateLimit-Remaining: 0\n\n{\"error\": {\"code\": \"slow_down\", "
                                   "\"message\": \"Slow down.\"}}\n```"));
    CHECK(contains(pages.markdown, "```http\nHTTP/1.1 429 Too Many Requests\nContent-Type: application/json\n\n"
                                   "{\"error\": {\"code\": \"slow_down\", \"message\": \"Slower.\"}}\n```"));
    CHECK(contains(visible_text(pages.html), "HTTP/1.1 429 Too Many Requests Content-Type: application/json "
                                             "Retry-After: 30 X-RateLimit-Remaining: 0 {"));
    // A body the page builds from the envelope has the headers the spec names: Trendtrack's
    // rate_limited shows the Retry-After its fix depends on.
    const std::string trendtrack = generate_pages(kSourceDir / "spec/trendtrack.yaml").markdown;
    const std::size_t rate_limited = trendtrack.find("\n### `rate_limited`\n");
    REQUIRE(rate_limited != std::string::npos);
    CHECK(trendtrack.find("X-Request-Id: ${request_id}\nRetry-After: ${retry_after}\n", rate_limited) <
          trendtrack.find("\n## ", rate_limited));
}
