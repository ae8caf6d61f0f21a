#include <catch2/catch.hpp>

#include "namer.hpp"

using namespace errspec::namer;

TEST_CASE("codes become PascalCase enumerators as DESIGN.md specifies") {
    CHECK(pascal_case("PLAN_EXPIRED") == "PlanExpired");
    CHECK(pascal_case("missing_api_key") == "MissingApiKey");
    CHECK(pascal_case("invalidApiKey") == "InvalidApiKey");
    CHECK(pascal_case("rate-limit.exceeded") == "RateLimitExceeded");
    CHECK(pascal_case("404") == "E404");
    CHECK(pascal_case("4xx_client") == "E4xxClient");
    CHECK(pascal_case("delete") == "Delete");
    CHECK(pascal_case("errno") == "Errno");
    CHECK(pascal_case("café_noir") == "CafNoir");
    CHECK(pascal_case("ошибка").empty());
}

TEST_CASE("keywords, standard macros and identifiers are recognised") {
    CHECK(is_cpp_keyword("class"));
    CHECK(is_cpp_keyword("co_await"));
    CHECK(is_cpp_keyword("xor_eq"));
    CHECK_FALSE(is_cpp_keyword("Class"));
    CHECK(is_standard_macro("EOF"));
    CHECK(is_standard_macro("errno"));
    CHECK(is_standard_macro("EACCES"));
    CHECK(is_standard_macro("E2BIG"));
    CHECK_FALSE(is_standard_macro("E404"));
    CHECK_FALSE(is_standard_macro("Eof"));
    CHECK(is_identifier("Plan_Expired2"));
    CHECK_FALSE(is_identifier("Plan__Expired"));
    CHECK_FALSE(is_identifier("2Plan"));
    CHECK_FALSE(is_identifier("_Plan"));
}
