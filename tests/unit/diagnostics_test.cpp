#include <catch2/catch.hpp>

#include "diagnostics.hpp"

using errspec::Diagnostics;
using errspec::format_diagnostic;

TEST_CASE("diagnostics print in GCC's format") {
    Diagnostics diagnostics("spec/x.yaml");
    diagnostics.error({3, 7}, "duplicate key 'code' in an error");
    diagnostics.warning({1, 1}, "no fix text");
    diagnostics.error({}, "no such file");
    const auto all = diagnostics.all();
    REQUIRE(all.size() == 3);
    CHECK(format_diagnostic(all[0]) == "spec/x.yaml:3:7: error: duplicate key 'code' in an error");
    CHECK(format_diagnostic(all[1]) == "spec/x.yaml:1:1: warning: no fix text");
    CHECK(format_diagnostic(all[2]) == "spec/x.yaml: error: no such file");
    CHECK(diagnostics.error_count() == 2);
}

TEST_CASE("diagnostics sort top to bottom") {
    Diagnostics diagnostics("x.yaml");
    diagnostics.error({9, 1}, "late");
    diagnostics.error({2, 5}, "early");
    diagnostics.error({2, 3}, "earlier");
    const auto sorted = diagnostics.sorted();
    CHECK(sorted[0].message == "earlier");
    CHECK(sorted[1].message == "early");
    CHECK(sorted[2].message == "late");
}

TEST_CASE("diagnostics escape every character that could act on a terminal or reorder the line") {
    using errspec::printable;
    // C0 controls, DEL, C1 controls (as UTF-8), bidirectional controls and line separators.
    CHECK(printable("a\nb\rc\td\x1b]0;title\x07") == "a\\nb\\rc\\td\\x1b]0;title\\x07");
    CHECK(printable(std::string("nul\0del\x7f", 8)) == "nul\\x00del\\x7f");
    CHECK(printable("\xc2\x80\xc2\x85\xc2\x9b") == "\\u0080\\u0085\\u009b");
    CHECK(printable("\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9") ==
          "\\u061c\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069");
    CHECK(printable("\xe2\x80\xa8\xe2\x80\xa9") == "\\u2028\\u2029");
    // Bytes that are not UTF-8 (a lone C1 byte, a truncated sequence, an overlong form).
    CHECK(printable("\x9b" "2J \xe2\x80 \xc0\xaf") == "\\x9b2J \\xe2\\x80 \\xc0\\xaf");
    // Everything else stays as it is.
    CHECK(printable("caf\xc3\xa9 \xe2\x98\x95 \xf0\x9d\x84\x9e 'quoted' \\n") == "caf\xc3\xa9 \xe2\x98\x95 \xf0\x9d\x84\x9e 'quoted' \\n");
    CHECK(errspec::printable_lines("one\x1b\ntwo\n") == "one\\x1b\ntwo\n");

    errspec::Diagnostics diagnostics("spec\x1b[2J.yaml");
    diagnostics.error({5, 3}, "unknown key '\x1b]0;x\x07' in 'api'");
    CHECK(format_diagnostic(diagnostics.all()[0]) == "spec\\x1b[2J.yaml:5:3: error: unknown key '\\x1b]0;x\\x07' in 'api'");
}
