// The adversarial specs (tests/adversarial/) through every target errspec has, whichever exist
// when the test runs: each target generates with no word but the lint's warnings on the traps the
// specs set on purpose, the docs pages show every code, title and message literally and let none of
// the spec's markup through, YAML outputs parse, and no generated code carries an invisible
// character raw. The C++ is compiled by two compilers and round-tripped by
// tests/adversarial/CMakeLists.txt.
#include <catch2/catch.hpp>

#include <cmark.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "support/run.hpp"
#include "targets.hpp"
#include "unicode.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

std::vector<fs::path> adversarial_specs() {
    std::vector<fs::path> specs;
    for (const auto& entry : fs::directory_iterator(fs::path(ERRSPEC_SOURCE_DIR) / "tests" / "adversarial")) {
        if (entry.path().extension() == ".yaml") specs.push_back(entry.path());
    }
    std::sort(specs.begin(), specs.end());
    return specs;
}

// Every output of `spec` for one target.
std::map<std::string, std::string> generate(const fs::path& spec, std::string_view target) {
    const TempDir out;
    const RunResult result = run(errspec_command() + " generate '" + spec.string() + "' -o '" + out.path().string() +
                                 "' --target " + std::string(target));
    INFO(spec.filename().string() << " --target " << target << ":\n" << result.err);
    REQUIRE(result.exit_code == 0);
    // Codes outside ASCII or alike, raw invisible characters: the lint's, and nothing else.
    static const std::regex lint_warning(
        R"(.*: warning: (invisible character |bidirectional control |code .* (holds U\+|differs from |looks the same as |is written without quotes)).*)");
    std::istringstream lines(result.err);
    for (std::string line; std::getline(lines, line);) CHECK(std::regex_match(line, lint_warning));
    std::map<std::string, std::string> files;
    for (const auto& [name, state] : snapshot(out.path())) files[name] = state.content;
    return files;
}

bool ends_with(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Markdown as a permissive renderer shows it: raw HTML passes through (CMARK_OPT_UNSAFE), so any
// markup the page lets through shows up in the HTML.
std::string markdown_to_html(const std::string& markdown) {
    const std::unique_ptr<char, decltype(&std::free)> html(
        cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_UNSAFE), &std::free);
    return html.get();
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::size_t count(const std::string& text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Runs of white space as one space, none at the ends: HTML shows text so.
std::string collapse_spaces(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

void append_utf8(std::string& out, unsigned long code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// The text a browser shows: no script or style contents, no tags, entities decoded.
std::string visible_text(const std::string& html) {
    const std::string html_lower = lower(html);
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        if (html[i] == '<') {
            for (const std::string element : {"script", "style"}) {
                if (html_lower.compare(i + 1, element.size(), element) == 0) {
                    i = std::min(html_lower.find("</" + element, i), html.size());
                }
            }
            i = std::min(html.find('>', i), html.size() - 1) + 1;
        } else if (html[i] == '&') {
            const std::size_t semicolon = html.find(';', i);
            const std::string entity = semicolon == std::string::npos ? "" : html.substr(i + 1, semicolon - i - 1);
            static const std::map<std::string, std::string> named = {
                {"lt", "<"}, {"gt", ">"}, {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
            if (named.count(entity)) {
                out += named.at(entity);
            } else if (entity.size() > 1 && entity[0] == '#') {
                const bool hex = entity[1] == 'x' || entity[1] == 'X';
                append_utf8(out, std::stoul(entity.substr(hex ? 2 : 1), nullptr, hex ? 16 : 10));
            } else {
                out += '&';
                ++i;
                continue;
            }
            i = semicolon + 1;
        } else {
            out += html[i++];
        }
    }
    return out;
}

// Every tag of a page (lower case), script and style contents skipped: where markup would act.
std::string tags_of(const std::string& html) {
    const std::string html_lower = lower(html);
    std::string tags;
    for (std::size_t open = html_lower.find('<'); open != std::string::npos; open = html_lower.find('<', open + 1)) {
        const std::size_t close = std::min(html_lower.find('>', open), html_lower.size() - 1);
        tags += html_lower.substr(open, close + 1 - open);
        for (const std::string element : {"script", "style"}) {
            if (html_lower.compare(open + 1, element.size(), element) == 0) {
                open = std::min(html_lower.find("</" + element, close), html_lower.size() - 1);
                tags += "</" + element;
            }
        }
        open = std::max(open, close);
    }
    return tags;
}

// Markup no template writes for a spec, or writes the same number of times for any spec: in the
// tags of a page, each must appear as often as in the page of a plain spec.
const std::vector<std::string_view> dangerous_markup = {"<script",  "</script", "<iframe",     "<img", "<object",
                                                         "<embed",   " onerror=", " onclick=", "javascript:", "</title"};

void check_page(const std::string& page, const std::string& plain_page, const std::vector<std::string>& literals) {
    const std::string tags = tags_of(page), plain_tags = tags_of(plain_page);
    for (const std::string_view markup : dangerous_markup) {
        INFO("markup: " << markup);
        CHECK(count(tags, markup) == count(plain_tags, markup));
    }
    const std::string shown = collapse_spaces(visible_text(page));
    for (const std::string& literal : literals) {
        INFO("text the page must show literally: " << literal);
        CHECK(shown.find(collapse_spaces(literal)) != std::string::npos);
    }
}

// Every scalar of a YAML document.
void collect_scalars(const YAML::Node& node, std::set<std::string>& scalars) {
    if (node.IsScalar()) scalars.insert(node.Scalar());
    if (node.IsSequence()) {
        for (const YAML::Node& item : node) collect_scalars(item, scalars);
    }
    if (node.IsMap()) {
        for (const auto& member : node) {
            collect_scalars(member.first, scalars);
            collect_scalars(member.second, scalars);
        }
    }
}

// The invisible characters (unicode::is_invisible) in `text`, as code points.
std::vector<unsigned> invisible_characters(const std::string& text) {
    std::vector<unsigned> found;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const std::size_t length = errspec::unicode::decode_utf8(text, i, c);
        if (length == 0) FAIL("not UTF-8 at byte " << i);
        if (errspec::unicode::is_invisible(c)) found.push_back(static_cast<unsigned>(c));
        i += length;
    }
    return found;
}

// Every string in a JSON value, one after another.
std::string strings_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    std::string out;
    if (value.is_array()) {
        for (const nlohmann::json& item : value) out += strings_of(item);
    } else if (value.is_object()) {
        for (const auto& [key, item] : value.items()) out += key + strings_of(item);
    }
    return out;
}

}  // namespace

TEST_CASE("no invisible or bidirectional-control character reaches generated code raw") {
    std::size_t in_specs = 0;
    for (const fs::path& spec : adversarial_specs()) {
        INFO(spec.filename().string());
        const RunResult model_run = run(errspec_command() + " model '" + spec.string() + "'");
        REQUIRE(model_run.exit_code == 0);
        in_specs += invisible_characters(strings_of(nlohmann::json::parse(model_run.out))).size();
        for (const std::string_view target : {"cpp", "cpp-client", "typescript", "openapi"}) {
            for (const auto& [name, content] : generate(spec, target)) {
                INFO(name);
                CHECK(invisible_characters(content).empty());
            }
        }
    }
    // The specs' texts hold them, as their models show: else this test would prove nothing.
    CHECK(in_specs >= 2);
}

TEST_CASE("the adversarial specs generate through every target, and docs show their texts literally") {
    const fs::path plain_spec = fs::path(ERRSPEC_SOURCE_DIR) / "spec" / "trakkr.yaml";
    for (const fs::path& spec : adversarial_specs()) {
        const RunResult model_run = run(errspec_command() + " model '" + spec.string() + "'");
        REQUIRE(model_run.exit_code == 0);
        const nlohmann::json model = nlohmann::json::parse(model_run.out);
        std::vector<std::string> literals = {model.at("api").at("name")}, codes;
        for (const nlohmann::json& error : model.at("errors")) {
            codes.push_back(error.at("code"));
            for (const char* key : {"code", "title", "message"}) literals.push_back(error.at(key));
        }
        for (const errspec::Target& target : errspec::all_targets()) {
            INFO(spec.filename().string() << " through " << target.name);
            const std::map<std::string, std::string> files = generate(spec, target.name);
            REQUIRE_FALSE(files.empty());
            const std::map<std::string, std::string> plain_files = generate(plain_spec, target.name);
            const auto plain_page = [&](std::string_view suffix) {
                for (const auto& [name, content] : plain_files) {
                    if (ends_with(name, suffix)) return content;
                }
                FAIL("the plain spec's output has no " << suffix);
                return std::string();
            };
            for (const auto& [name, content] : files) {
                INFO(name);
                if (ends_with(name, ".md")) {
                    check_page(markdown_to_html(content), markdown_to_html(plain_page(".md")), literals);
                } else if (ends_with(name, ".html")) {
                    check_page(content, plain_page(".html"), literals);
                } else if (ends_with(name, ".yaml")) {
                    std::set<std::string> scalars;
                    collect_scalars(YAML::Load(content), scalars);
                    for (const std::string& code : codes) CHECK(scalars.count(code) == 1);
                }
            }
        }
    }
}

TEST_CASE("a hostile spec file name puts nothing of its own into any output") {
    const TempDir dir;
    // A line break would end the banner's comment in C++, TypeScript and YAML; the rest, the
    // HTML and Markdown comments.
    const fs::path spec = dir.path() / "evil\nint injected = 1; --> <script>alert(1) ??.yaml";
    fs::copy_file(fs::path(ERRSPEC_SOURCE_DIR) / "spec" / "trakkr.yaml", spec);
    std::size_t outputs = 0;
    for (const errspec::Target& target : errspec::all_targets()) {
        for (const auto& [name, content] : generate(spec, target.name)) {
            INFO(name);
            ++outputs;
            CHECK(content.find("injected = 1") == std::string::npos);
            CHECK(content.find("<script>alert(1)") == std::string::npos);
        }
    }
    CHECK(outputs > 0);
}
