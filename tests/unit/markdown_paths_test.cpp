// The plain-text path of the Markdown renderer against the parsed one (libcmark): the same bytes
// in every form, for every text of every spec in the repository and for generated texts that
// come close to Markdown syntax; and the plain path is taken for the texts it exists for.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "markdown.hpp"
#include "markdown_paths.hpp"

namespace fs = std::filesystem;
using errspec::markdown::Forms;
using errspec::markdown::Rendered;
namespace paths = errspec::markdown::paths;

namespace {

const std::vector<Forms> kAllForms = {{true, true}, {true, false}, {false, true}, {false, false}};
const std::vector<int> kHeadingLevels = {2, 4, 6};

void check_same(const Rendered& actual, const Rendered& expected) {
    CHECK(actual.markdown == expected.markdown);
    CHECK(actual.markdown_inline == expected.markdown_inline);
    CHECK(actual.html == expected.html);
    CHECK(actual.html_inline == expected.html_inline);
}

// Every scalar of a YAML document, keys included. A budget of nodes keeps an alias bomb among the
// broken specs from being walked a billion times.
void collect_scalars(const YAML::Node& root, std::vector<std::string>& texts) {
    std::vector<YAML::Node> pending = {root};
    for (int budget = 100000; !pending.empty() && budget > 0; --budget) {
        const YAML::Node node = pending.back();
        pending.pop_back();
        if (node.IsScalar()) {
            texts.push_back(node.Scalar());
        } else if (node.IsSequence()) {
            for (const YAML::Node& child : node) pending.push_back(child);
        } else if (node.IsMap()) {
            for (const auto& entry : node) {
                pending.push_back(entry.first);
                pending.push_back(entry.second);
            }
        }
    }
}

std::vector<std::string> spec_texts() {
    std::vector<std::string> texts;
    for (const char* folder : {"spec", "tests"}) {
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(ERRSPEC_SOURCE_DIR) / folder)) {
            if (entry.path().extension() != ".yaml" || entry.path().string().find("node_modules") != std::string::npos) continue;
            try {
                collect_scalars(YAML::LoadFile(entry.path().string()), texts);
            } catch (const YAML::Exception&) {
                // a broken spec of tests/bad: its scalars are not needed
            }
        }
    }
    return texts;
}

// Texts one character away from Markdown, and what the plain path must see through: block
// markers, breaks, indents, inline syntax, bare links, MDX's JavaScript, broken UTF-8.
const std::vector<std::string> kNearMisses = {
    "1. x", "1) x", "1.x", "1.5 seconds", "12345678901. x", "0. zero", "- x", "-x", "+ x", "+x", "* x", "= x",
    "=", "===", "---", "***", "___", "# x", "#x", "x #", "> x", ">x", "x > y", "x >", "~~~", "```", "x ~~y~~",
    "www.example", "www.example.com", "see www.example.com.", "http://example.com", "a:b", "a: b", "a://b",
    "x!", "x!y", "x![y](z)", "![y](z)", "a@b.c", "x@", "x&y", "x&amp;", "x &#123; y", "x <b> y", "x<y",
    "a\\b", "a\\", "a`b`", "a*b*", "a_b_", "a[b]", "a]b", "a[b](c)", "a|b", "a$b", "a{b}", "a\"b\"", "a'b'",
    " x", "   x", "    x", "x ", "x  ", " ", "\tx", "x\ty", "x\t", "x\ny", "x\n", "x  \ny", "x\\\ny", "x\r\ny",
    "x\ry", "import x", "export const x", "importance", "x\x7Fy", std::string("x\0y", 3), "x\x01y",
    "caf\xC3\xA9", "\xC3\xA9t\xC3\xA9", "x \xE2\x80\x94 y", "x\xC3", "x\xC0\xAFy", "x\xED\xA0\x80y",
    "x\xF4\x90\x80\x80y", "\xEF\xBB\xBFx", "x\xEF\xBB\xBFy", "x\xC2\xA0", "\xC2\xA0x", "x\xE2\x80\xA8y",
};

// Random texts over letters, digits, spaces and every ASCII punctuation character: mostly words,
// so that many are plain, with a punctuation character here and there; then short texts over a
// few letters, a space and one punctuation character, which pair up into constructs (`a _b_`),
// and that character in the places where constructs begin and end.
std::vector<std::string> random_texts() {
    const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    std::mt19937 random(16);
    auto pick = [&random](const std::string& from) {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
    };
    std::vector<std::string> texts;
    for (int n = 0; n < 4000; ++n) {
        std::string text;
        for (int i = std::uniform_int_distribution<int>(1, 24)(random); i > 0; --i) {
            const int kind = std::uniform_int_distribution<int>(0, 9)(random);
            text += pick(kind < 7 ? letters : kind < 8 ? std::string(" ") : punctuation);
        }
        texts.push_back(text);
    }
    for (const char mark : punctuation) {
        for (int n = 0; n < 200; ++n) {
            std::string text;
            for (int i = std::uniform_int_distribution<int>(1, 8)(random); i > 0; --i) text += pick(std::string("ab1 ") + mark + mark);
            texts.push_back(text);
        }
        for (std::string text : {"a @", "a@", "a @b", "a @b@", "a @b@ c", "a @@b@@ c", "a@b@c", "a @b c@ d", "1@ b", "1@b",
                                 "a @ b @ c", "a @@@ b", "a @@@", "@", "@a", "@ a", "a b@"}) {
            std::replace(text.begin(), text.end(), '@', mark);
            texts.push_back(text);
        }
    }
    return texts;
}

// Each text once: the broken specs repeat theirs by the thousand.
std::vector<std::string> corpus() {
    std::set<std::string> texts;
    for (const std::vector<std::string>& part : {spec_texts(), random_texts(), kNearMisses}) texts.insert(part.begin(), part.end());
    return {texts.begin(), texts.end()};
}

}  // namespace

TEST_CASE("a plain text renders as libcmark's path renders it, in every form") {
    std::size_t plain = 0;
    const std::vector<std::string> texts = corpus();
    for (const std::string& text : texts) {
        INFO("text: \"" << text << "\"");
        for (const Forms forms : kAllForms) {
            const std::optional<Rendered> fast = paths::render_plain(text, forms);
            plain += fast.has_value() ? 1 : 0;
            for (const int level : kHeadingLevels) {
                const Rendered parsed = paths::render_parsed(text, level, forms);
                if (fast) check_same(*fast, parsed);
                check_same(errspec::markdown::render(text, level, forms), parsed);
            }
        }
    }
    // The differential above means little unless both paths ran often.
    CHECK(plain > texts.size());
    CHECK(plain < texts.size() * kAllForms.size() * 3 / 4);
}

TEST_CASE("a list of plain texts renders as libcmark's path renders it, in every form") {
    const std::vector<std::string> texts = corpus();
    std::vector<std::string> plain_texts;
    for (const std::string& text : texts) {
        if (paths::render_plain(text, {})) plain_texts.push_back(text);
    }
    std::mt19937 random(7);
    auto pick = [&random](const std::vector<std::string>& from) {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
    };
    std::size_t plain_lists = 0;
    for (int n = 0; n < 3000; ++n) {
        std::vector<std::string> items;
        const int count = std::uniform_int_distribution<int>(1, 4)(random);
        for (int i = 0; i < count; ++i) {
            // Mostly plain items, so that many lists are plain throughout.
            items.push_back(std::uniform_int_distribution<int>(0, 9)(random) < 8 ? pick(plain_texts) : pick(texts));
        }
        INFO("items: " << items.size() << ", first: \"" << items.front() << "\", last: \"" << items.back() << "\"");
        for (const bool ordered : {true, false}) {
            for (const Forms forms : kAllForms) {
                const std::optional<Rendered> fast = paths::render_plain_list(items, ordered, forms);
                plain_lists += fast.has_value() ? 1 : 0;
                const int level = kHeadingLevels[static_cast<std::size_t>(n) % kHeadingLevels.size()];
                const Rendered parsed = paths::render_list_parsed(items, ordered, level, forms);
                if (fast) check_same(*fast, parsed);
                check_same(errspec::markdown::render_list(items, ordered, level, forms), parsed);
            }
        }
    }
    CHECK(plain_lists > 3000);
    CHECK(plain_lists < 3000 * 2 * kAllForms.size());
}

TEST_CASE("ordinary sentences take the plain path, Markdown syntax does not") {
    for (const std::string text :
         {"Token scope request upload field key.", "The API key is missing or malformed.",
          "Wait, then retry: the limit resets after 60 seconds (see the Retry-After header).",
          "Ask your admin's team - \"owners\" > members - for access, or mail support@example.com!",
          "Pr\xC3\xBC" "fen Sie den Schl\xC3\xBC" "ssel \xE2\x80\x94 bitte.", "import the file again", "404 Not Found"}) {
        INFO(text);
        CHECK(paths::render_plain(text, {}).has_value());
    }
    for (const std::string text : {"Send `key`.", "A *bold* claim.", "See [docs](https://x.y).", "1. First",
                                   "- item", "# Title", "> quote", "two\nlines", " indented", "trailing ",
                                   "a <b>", "a &amp; b", "a \\ b", "\xEF\xBB\xBFx", "x\xC3"}) {
        INFO(text);
        CHECK_FALSE(paths::render_plain(text, {}).has_value());
    }
    CHECK(paths::render_plain_list({"Check the key.", "Retry."}, true, {}).has_value());
    CHECK_FALSE(paths::render_plain_list({"Check the key.", "Send `key`."}, true, {}).has_value());
    CHECK_FALSE(paths::render_plain_list({}, false, {}).has_value());
}

TEST_CASE("a plain list is written as the parsed path writes a tight list") {
    // Spelled out once, read against CommonMark: markers, numbering, the HTML list, the one-line forms.
    const Rendered ordered = errspec::markdown::render_list({"Check the key.", "Retry \"now\"!"}, true, 4);
    CHECK(ordered.markdown == "1. Check the key.\n2. Retry \"now\"\\!");
    CHECK(ordered.html == "<ol>\n<li>Check the key.</li>\n<li>Retry &quot;now&quot;!</li>\n</ol>");
    CHECK(ordered.markdown_inline == "1\\. Check the key. 2. Retry \"now\"\\!");
    CHECK(ordered.html_inline == "1. Check the key. 2. Retry &quot;now&quot;!");
    const Rendered bullets = errspec::markdown::render_list({"One", "Two"}, false, 4);
    CHECK(bullets.markdown == "- One\n- Two");
    CHECK(bullets.html == "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>");
    CHECK(bullets.markdown_inline == "One Two");
    CHECK(bullets.html_inline == "One Two");
}
