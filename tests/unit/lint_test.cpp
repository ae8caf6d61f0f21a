// The lint: which characters are invisible (against ICU's data), where lint_text points, and the
// rules on codes through the loader and checker, beyond what tests/bad/lint_*.yaml shows.
#include <catch2/catch.hpp>

#include <unicode/uchar.h>

#include <algorithm>

#include "lint.hpp"
#include "pipeline.hpp"
#include "targets.hpp"
#include "unicode.hpp"

using namespace errspec;

namespace {

// "line:column: message" of each diagnostic, in the order found.
std::vector<std::string> located(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.all()) {
        out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message);
    }
    return out;
}

std::vector<std::string> lint_of_text(const std::string& text) {
    Diagnostics diagnostics("t.yaml");
    lint_text(text, diagnostics);
    return located(diagnostics);
}

// The diagnostics of a spec whose errors have these codes, each written as given (and followed by
// other keys of the error, if it says so: "RATE_LIMITED, name: Upper").
std::vector<Diagnostic> check_codes(const std::vector<std::string>& codes) {
    std::string text = "errspec: 1\napi: {id: shop, name: Shop}\nenvelope: {body: {error: {code: \"${code}\"}}}\nerrors:\n";
    for (const std::string& code : codes) {
        text += "  - {code: " + code + ", status: 400, title: T, message: M, description: D, fix: [F]}\n";
    }
    Diagnostics diagnostics("shop.yaml");
    load_checked_text(text, "shop.yaml", diagnostics);
    return diagnostics.all();
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("the invisible characters are ICU's default ignorables, the line separators and the annotation controls") {
    std::size_t invisible = 0;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        const bool ignorable = u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
        const bool expected = ignorable || c == 0x2028 || c == 0x2029 || (c >= 0xFFF9 && c <= 0xFFFB);
        if (unicode::is_invisible(c) != expected) FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(c));
        invisible += expected;
    }
    CHECK(invisible > 4000);  // the tag and variation selector blocks are most of them
    for (const char32_t c : {0x200B, 0x200D, 0x202E, 0x2066, 0xFEFF, 0x061C, 0x00AD, 0xE0041}) {
        CHECK(unicode::is_invisible(c));
    }
    for (const char32_t c : {0x20, 0x41, 0xA0, 0xE9, 0x202F, 0x3000, 0x1F600}) CHECK_FALSE(unicode::is_invisible(c));
}

TEST_CASE("lint_text points at each invisible character by line and byte column") {
    const std::vector<std::string> found = lint_of_text("a\u200Bb\n\u00E9 x\u202E\n# \u2066");
    REQUIRE(found.size() == 3);
    CHECK(starts_with(found[0], "1:2: invisible character U+200B ZERO WIDTH SPACE: "));
    CHECK(starts_with(found[1], "2:5: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE: "));
    CHECK(starts_with(found[2], "3:3: bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE: "));
    CHECK(found[0].find("write it as the escape \\u200B in a double-quoted string") != std::string::npos);
    CHECK(lint_of_text("tag \U000E0041")[0].find("U+E0041 TAG LATIN CAPITAL LETTER A") != std::string::npos);
    CHECK(lint_of_text("tag \U000E0041")[0].find("\\U000E0041") != std::string::npos);
}

TEST_CASE("emoji sequences are not traps, and the same characters elsewhere are") {
    CHECK(lint_of_text("\U0001F469\u200D\U0001F4BB \u26A0\uFE0F 1\uFE0F\u20E3 \U0001F44B\U0001F3FD\u200D\u2642\uFE0F").empty());
    CHECK(lint_of_text("a\uFE0F").size() == 1);          // a variation selector after a letter
    CHECK(lint_of_text("\U0001F469\u200D").size() == 1);  // a joiner that joins nothing
    CHECK(lint_of_text("a\u200D\U0001F4BB").size() == 1);
    CHECK(lint_of_text("\\u200B written as an escape").empty());
}

TEST_CASE("past a hundred invisible characters, one warning counts the rest") {
    std::string text = "x";
    for (int i = 0; i < 250; ++i) text += "\u200B";
    const std::vector<std::string> found = lint_of_text(text);
    REQUIRE(found.size() == 101);
    CHECK(starts_with(found[99], "1:299: invisible character U+200B"));
    CHECK(found[100] == "1:302: 150 more invisible characters from here on are not listed one by one");
}

TEST_CASE("a plain code is judged by how YAML 1.1 and 1.2 readers type it, and a quoted one never") {
    const std::vector<Diagnostic> plain =
        check_codes({"no", "off", "0x1F", ".inf", "'yes'", "\"0x20\"", "not_found", "1.2.3", "0x"});
    REQUIRE(plain.size() == 4);
    CHECK(starts_with(plain[0].message, "code no is written without quotes: errspec reads the string 'no', but YAML 1.1 readers read the boolean false"));
    CHECK(starts_with(plain[1].message, "code off is written without quotes"));
    CHECK(plain[2].message.find("YAML 1.1 and 1.2 readers read the integer 31 (hexadecimal)") != std::string::npos);
    CHECK(plain[3].message.find("errspec reads the string '.inf', but YAML 1.1 and 1.2 readers read the "
                                "floating-point number .inf") != std::string::npos);
    for (const Diagnostic& d : plain) CHECK(d.severity == Severity::warning);

    // Decimal integers are the same to every reader; leading zeros are not.
    const std::vector<Diagnostic> integers = check_codes({"404", "-1", "0", "0017", "-007"});
    REQUIRE(integers.size() == 2);
    CHECK(integers[0].message == "code 0017 is written without quotes: errspec reads the integer 17 and sends 17, not "
                                 "0017, and YAML 1.1 readers read the integer 15 (octal); write 17, or quote it "
                                 "(\"0017\") for a string code");
    CHECK(starts_with(integers[1].message, "code -007 is written without quotes: errspec reads the integer -7 and sends -7, not -007;"));

    // Past any YAML number's length the regular expressions do not run (they recurse per character).
    CHECK(check_codes({"0x" + std::string(100000, 'F')}).empty());
}

TEST_CASE("look-alike codes: each against the first, not where the checker reports the pair already") {
    const std::vector<Diagnostic> found =
        check_codes({"rate_limited", "RATE_LIMITED, name: Upper", "rate-limited", "1", "-1", "'1'"});
    std::vector<std::string> messages;
    for (const Diagnostic& d : found) messages.push_back(std::to_string(d.severity == Severity::error) + " " + d.message);
    // The code's C++ name collides with the first's: an error, and no warning besides; integer
    // codes are numbers, not letters, and mixed with strings are an error of their own.
    CHECK(std::count_if(messages.begin(), messages.end(), [](const std::string& m) { return starts_with(m, "0 "); }) == 1);
    CHECK(std::find(messages.begin(), messages.end(),
                    "0 code 'RATE_LIMITED' differs from 'rate_limited' (line 5) only in case or separators: readers, "
                    "and clients that normalise codes, take them for one; rename one so that their letters differ, "
                    "or merge them") != messages.end());
}

TEST_CASE("among twenty thousand codes, each look-alike is found against the first it looks like") {
    std::vector<std::string> codes;
    for (int i = 0; i < 20000; ++i) codes.push_back("code_" + std::to_string(i));
    codes.push_back("CODE_19999, name: Upper");
    codes.push_back("\"c\u043Ede_7\", name: Cyrillic");
    const std::vector<Diagnostic> found = check_codes(codes);
    CHECK(found.size() == 3);
    const auto has = [&](std::string_view part) {
        return std::any_of(found.begin(), found.end(),
                           [&](const Diagnostic& d) { return d.message.find(part) != std::string::npos; });
    };
    CHECK(has("'CODE_19999' differs from 'code_19999' (line 20004)"));
    CHECK(has("holds U+043E CYRILLIC SMALL LETTER O"));
    CHECK(has("'c\\u043Ede_7' looks the same as 'code_7' (line 12)"));
}

TEST_CASE("generation reports the lint's warnings of every spec in file order, with the other diagnostics, and renders") {
    // Generation runs a spec's lint beside building its views; `errspec check` and a run stopped
    // by an error run it at once. Each way, a spec's warnings come in line order with its other
    // diagnostics, and the specs in the order given.
    const auto spec = [](const std::string& id, const std::string& second_code) {
        return "errspec: 1\napi: {id: " + id + ", name: N}\nenvelope: {body: {error: {code: \"${code}\"}}}\nerrors:\n"
               "  - {code: rate_limited, status: 429, title: T, message: M, description: D, fix: [F]}\n"
               "  - {code: " + second_code + ", status: 400, title: T}\n";
    };
    const std::vector<std::pair<std::string, std::string>> specs = {{"a.yaml", spec("a", "RATE_LIMITED, name: Upper")},
                                                                    {"b.yaml", spec("b", "no")}};
    const auto described = [](const std::vector<Diagnostic>& diagnostics) {
        std::vector<std::string> out;
        for (const Diagnostic& d : diagnostics) out.push_back(d.file + ":" + std::to_string(d.pos.line) + " " + d.message.substr(0, 20));
        return out;
    };
    // The second error of each has no description or fix: the checker's warnings, on its line
    // before the lint's at the code.
    const std::vector<std::string> expected = {"a.yaml:6 no description", "a.yaml:6 no fix text",
                                               "a.yaml:6 code 'RATE_LIMITED' ", "b.yaml:6 no description",
                                               "b.yaml:6 no fix text", "b.yaml:6 code no is written w"};
    const Generation generated = generate_texts(specs, {find_target("markdown")}, TemplateSet{});
    CHECK(generated.ok());
    CHECK(generated.files.size() == 2);
    CHECK(described(generated.diagnostics) == expected);
    const Generation checked = generate_texts(specs, {}, TemplateSet{});
    CHECK(described(checked.diagnostics) == expected);

    // With an error in the second spec, nothing renders; the first spec's warning is still there.
    const Generation stopped =
        generate_texts({specs[0], {"b.yaml", spec("b", "rate_limited")}}, {find_target("markdown")}, TemplateSet{});
    CHECK_FALSE(stopped.ok());
    CHECK(stopped.files.empty());
    const std::vector<std::string> stopped_described = described(stopped.diagnostics);
    REQUIRE(stopped_described.size() > 3);
    CHECK(std::vector<std::string>(stopped_described.begin(), stopped_described.begin() + 3) ==
          std::vector<std::string>(expected.begin(), expected.begin() + 3));
    CHECK(stopped_described[3].rfind("b.yaml:", 0) == 0);
}

TEST_CASE("eight bytes at a time tell ASCII and printable ASCII as one byte at a time does") {
    const auto each_ascii = [](const std::string& bytes) {
        return std::all_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    };
    const auto each_printable = [](const std::string& bytes) {
        return std::all_of(bytes.begin(), bytes.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte >= 0x20 && byte < 0x7F;
        });
    };
    std::vector<std::string> words;
    // Every byte value at every place among printable neighbours, and beside every other value.
    for (int value = 0; value < 256; ++value) {
        for (std::size_t at = 0; at < 8; ++at) {
            std::string word(8, 'a');
            word[at] = static_cast<char>(value);
            words.push_back(word);
            for (int other = 0; other < 256; other += 17) {
                word[(at + 1) % 8] = static_cast<char>(other);
                words.push_back(word);
            }
        }
    }
    std::uint64_t state = 88172645463325252ull;  // xorshift: the same words on every run
    for (int i = 0; i < 100000; ++i) {
        std::string word(8, ' ');
        for (char& c : word) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            c = static_cast<char>(state % 4 == 0 ? state >> 8 : 0x1C + (state >> 8) % 0x68);  // mostly near the bounds
        }
        words.push_back(word);
    }
    for (const std::string& word : words) {
        INFO(word);
        CHECK(unicode::eight_ascii(word.data()) == each_ascii(word));
        CHECK(unicode::eight_printable_ascii(word.data()) == each_printable(word));
    }
}
