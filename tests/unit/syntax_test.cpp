// parse_yaml parses a long `errors:` list in pieces, side by side. Whatever the text, that must
// give the tree and the diagnostics of parsing it in one piece: these tests parse every spec the
// repository holds, and texts laid out to mislead the split, both ways.
#include <catch2/catch.hpp>

#include <filesystem>
#include <limits>

#include "support/run.hpp"
#include "support/same_syntax.hpp"
#include "syntax.hpp"

using namespace errspec;

namespace {

constexpr std::size_t always_split = 0, never_split = std::numeric_limits<std::size_t>::max();

struct Parsed {
    SyntaxTree tree;
    std::vector<std::string> diagnostics;
};

Parsed parse(const std::string& text, std::size_t split_from_bytes) {
    Diagnostics diagnostics("spec.yaml");
    Parsed parsed{parse_yaml(text, diagnostics, split_from_bytes), {}};
    for (const Diagnostic& d : diagnostics.sorted()) parsed.diagnostics.push_back(format_diagnostic(d));
    return parsed;
}

// Parses `text` both ways; returns whether it was split.
bool parses_alike(const std::string& text) {
    const Parsed split = parse(text, always_split);
    const Parsed whole = parse(text, never_split);
    CHECK(errspec_test::same_syntax(split.tree, whole.tree));
    CHECK(split.diagnostics == whole.diagnostics);
    CHECK(whole.tree.pieces.empty());
    return !split.tree.pieces.empty();
}

const std::string head = "errspec: 1\napi: {id: shop, name: Shop}\nenvelope: {body: {error: {code: \"${code}\"}}}\n";

}  // namespace

TEST_CASE("every spec, broken spec and adversarial spec of the repository parses alike in pieces and whole") {
    const std::filesystem::path root(ERRSPEC_SOURCE_DIR);
    std::size_t split = 0, files = 0;
    for (const char* folder : {"spec", "tests/bad", "tests/hostile", "examples/consumer/spec"}) {
        for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
            if (entry.path().extension() != ".yaml") continue;
            INFO(entry.path().string());
            split += parses_alike(errspec_test::read_text(entry.path()));
            ++files;
        }
    }
    CHECK(files > 70);
    CHECK(split >= 5);  // at least the seeds were split: the comparison compared pieces
}

TEST_CASE("texts laid out to mislead the split parse alike in pieces and whole") {
    const std::string item = "  - code: a\n    status: 400\n    message: m\n";
    SECTION("a plain layout is split") {
        CHECK(parses_alike(head + "errors:\n" + item + "  - code: b\n    status: 401\n"));
    }
    SECTION("items at column 0, comments and blank lines between them") {
        CHECK(parses_alike(head + "errors: # the list\n# first\n- code: a\n\n  # inside\n- code: b\n   # deeper\n"));
    }
    SECTION("a quoted text whose next line looks like an item") {
        // yaml-cpp closes a quoted text at the end of its input: the probe after the piece tells.
        CHECK_FALSE(parses_alike(head + "errors:\n  - code: \"a\n  - code: b\"\n  - code: c\n"));
        CHECK_FALSE(parses_alike(head + "errors:\n  - code: 'a\n  - b'\n  - code: c\n"));
        CHECK_FALSE(parses_alike("summary: \"x\nerrors:\n  - a\n  - b\"\n"));
        CHECK_FALSE(parses_alike("errors: \"x\nerrors:\n  - a\n  - b\"\n"));
    }
    SECTION("a flow list over several lines") {
        CHECK_FALSE(parses_alike(head + "errors:\n  - fix: [a,\n  - b]\n  - code: c\n"));
    }
    SECTION("block scalars, and CRLF line breaks") {
        CHECK(parses_alike(head + "errors:\n  - description: |\n      - not an item\n\n  - code: b\n"));
        CHECK(parses_alike("errspec: 1\r\nerrors:\r\n  - code: a\r\n  - code: b\r\n"));
    }
    SECTION("an alias to an anchor in another item, or in the head") {
        CHECK_FALSE(parses_alike(head + "errors:\n  - &first {code: a}\n  - *first\n"));
        CHECK_FALSE(parses_alike("x: &s 400\nerrors:\n  - {status: *s}\n  - {status: *s}\n"));
    }
    SECTION("the list does not end the text, or the text has a second document") {
        CHECK_FALSE(parses_alike(head + "errors:\n" + item + item + "sections: []\n"));
        CHECK_FALSE(parses_alike(head + "errors:\n" + item + "---\n" + item));
    }
    SECTION("errors that are not a top-level block list, or broken texts") {
        CHECK_FALSE(parses_alike(head + "errors: [a,\n  b]\n"));
        CHECK_FALSE(parses_alike("outer:\n  errors:\n  - a\n  - b\n"));
        CHECK_FALSE(parses_alike(head + "errors:\n  - code: a\n\t- code: b\n"));
        CHECK_FALSE(parses_alike(head + "errors:\n  - code: a\n  - code: [b\n"));
        CHECK_FALSE(parses_alike("errors:\nerrors:\n  - a\n  - b\n"));
    }
}
