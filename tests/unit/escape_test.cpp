#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "escape.hpp"
#include "support/utf8.hpp"
#include "unicode.hpp"

using namespace errspec::escape;
using errspec_test::utf8;

TEST_CASE("C++ string escaping leaves no way out of the literal") {
    CHECK(cpp_string(R"(say "hi" \ now)") == R"(say \"hi\" \\ now)");
    CHECK(cpp_string("line\nbreak\ttab") == "line\\nbreak\\ttab");
    CHECK(cpp_string("??/") == "\\?\\?/");  // no trigraph can form
    CHECK(cpp_string(std::string("nul\0x", 5)) == "nul\\000x");
    CHECK(cpp_string("caf\xC3\xA9") == "caf\xC3\xA9");  // UTF-8 stays readable
    CHECK(cpp_string("a\xE2\x80\xAE" "b") == "a\\342\\200\\256b");  // a bidi override does not
}

TEST_CASE("C++ comment text cannot end the comment or continue it") {
    CHECK(cpp_comment("two\nlines") == "two lines");
    CHECK(cpp_comment("ends in backslash \\") == "ends in backslash \\ .");
    CHECK(cpp_comment("ends in trigraph ??/") == "ends in trigraph ??/ .");
    CHECK(cpp_comment("*/ is harmless in // comments") == "*/ is harmless in // comments");
    CHECK(cpp_comment("x\xE2\x80\xAEy") == "x\\u202Ey");
}

TEST_CASE("no invisible character stays raw in a C++ string literal or comment") {
    std::size_t tried = 0;
    for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
        if (!errspec::unicode::is_invisible(c)) continue;
        ++tried;
        const std::string text = "a" + utf8(c) + "b";
        const std::string literal = cpp_string(text), comment = cpp_comment(text);
        std::string octal;
        for (const char byte : utf8(c)) octal += "\\" + std::to_string(static_cast<unsigned char>(byte) >> 6) +
                                                 std::to_string((static_cast<unsigned char>(byte) >> 3) & 7) +
                                                 std::to_string(static_cast<unsigned char>(byte) & 7);
        if (literal != "a" + octal + "b") FAIL_CHECK(literal);
        char escape[16];
        std::snprintf(escape, sizeof escape, c > 0xFFFF ? "\\U%08X" : "\\u%04X", static_cast<unsigned>(c));
        if (comment != "a" + std::string(escape) + "b") FAIL_CHECK(comment);
    }
    CHECK(tried > 4000);
    // Visible characters beyond ASCII stay as they are.
    CHECK(cpp_string("\xC2\xA0\xE6\x97\xA5\xF0\x9F\x98\x80") == "\xC2\xA0\xE6\x97\xA5\xF0\x9F\x98\x80");
    CHECK(cpp_comment("\xC2\xA0\xE6\x97\xA5\xF0\x9F\x98\x80") == "\xC2\xA0\xE6\x97\xA5\xF0\x9F\x98\x80");
}

TEST_CASE("JSON strings are ASCII and safe inside HTML script blocks") {
    CHECK(json_string("a\"b\\c") == R"("a\"b\\c")");
    CHECK(json_string("</script>") == R"("\u003c/script\u003e")");
    CHECK(json_string("caf\xC3\xA9") == R"("caf\u00e9")");
    CHECK(json_string("\xF0\x9F\x98\x80") == R"("\ud83d\ude00")");
}

TEST_CASE("YAML strings are JSON strings with astral characters as one escape") {
    CHECK(yaml_string("a: \"b\" # c") == R"("a: \"b\" # c")");
    CHECK(yaml_string("caf\xC3\xA9\n") == R"("caf\u00e9\n")");
    CHECK(yaml_string("\xF0\x9F\x98\x80") == R"("\U0001f600")");
}

TEST_CASE("Markdown text escaping makes every character literal") {
    CHECK(markdown_text("a|b") == "a\\|b");
    CHECK(markdown_text("<script>") == "&lt;script&gt;");
    CHECK(markdown_text("{props}") == "&#123;props&#125;");
    CHECK(markdown_text("*bold* _it_ `code`") == "\\*bold\\* \\_it\\_ \\`code\\`");
    CHECK(markdown_text("1. item") == "1\\. item");
    CHECK(markdown_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript\\:alert\\(1\\)\\)");
    CHECK(markdown_text("Wow![x](https://a.example)") == "Wow\\!\\[x\\]\\(https\\://a\\.example\\)");
}

TEST_CASE("Markdown text at the start of a line starts no block and no MDX JavaScript") {
    CHECK(markdown_text("export const a = alert(1)") == "&#101;xport const a = alert\\(1\\)");
    CHECK(markdown_text("import x from 'y'") == "&#105;mport x from 'y'");
    CHECK(markdown_text("export") == "&#101;xport");
    CHECK(markdown_text("exports and imports") == "exports and imports");
    CHECK(markdown_text("    indented") == "&#32;&#32;&#32;&#32;indented");
    CHECK(markdown_text("===") == "\\===");
    CHECK(markdown_text("> quote") == "&gt; quote");
    CHECK(markdown_text("# heading") == "\\# heading");
}

TEST_CASE("HTML escaping covers content and attributes") {
    CHECK(html_text(R"x(<img src=x onerror="alert('1')">&)x") ==
          "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
}

TEST_CASE("anchors are lower-case words joined by dashes") {
    CHECK(anchor("PLAN_EXPIRED") == "plan-expired");
    CHECK(anchor("missing_api_key") == "missing-api-key");
    CHECK(anchor("  Rate limit!  ") == "rate-limit");
    CHECK(anchor("ошибка").empty());
}
