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
