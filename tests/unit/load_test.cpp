#include <catch2/catch.hpp>

#include "load.hpp"

using namespace errspec;

namespace {

const char* const spec_text = R"(errspec: 1
api:
  id: shop
  name: "Shop"
envelope:
  body:
    error:
      code: ${code}
      url: "https://x.test/p/${code}.html"
      status: ${status}
      ok: false
      n: 3
errors:
  - code: out_of_stock
    status: 409
    title: Out of stock
    fix:
      - First.
      - Second.
  - code: 40401
    status: 404
    title: Missing
)";

}  // namespace

TEST_CASE("the loader keeps 1-based line and column of every value") {
    Diagnostics diagnostics("shop.yaml");
    const auto spec = load_spec_text(spec_text, "shop.yaml", diagnostics);
    REQUIRE(spec);
    CHECK_FALSE(diagnostics.has_errors());
    CHECK(spec->api.id.value == "shop");
    CHECK(spec->api.id.pos.line == 3);
    CHECK(spec->api.id.pos.column == 7);
    CHECK(spec->api.name.pos.column == 9);  // the opening quote
    REQUIRE(spec->errors.size() == 2);
    const SpecError& first = spec->errors[0];
    CHECK(first.pos.line == 14);
    CHECK(first.pos.column == 5);
    CHECK(first.code.pos.line == 14);
    CHECK(first.code.pos.column == 11);
    CHECK(first.status.value == 409);
    CHECK(first.status.pos.line == 15);
    REQUIRE(first.fix.size() == 2);
    CHECK(first.fix[1].value == "Second.");
    CHECK(first.fix[1].pos.line == 19);
    CHECK(first.fix[1].pos.column == 9);
}

TEST_CASE("the loader records placeholders with their path, prefix and suffix") {
    Diagnostics diagnostics("shop.yaml");
    const auto spec = load_spec_text(spec_text, "shop.yaml", diagnostics);
    REQUIRE(spec);
    const auto& placeholders = spec->envelope.placeholders;
    REQUIRE(placeholders.size() == 3);
    CHECK(placeholders[0].name == "code");
    CHECK(placeholders[0].path == std::vector<std::string>{"error", "code"});
    CHECK(placeholders[0].prefix.empty());
    CHECK(placeholders[1].path == std::vector<std::string>{"error", "url"});
    CHECK(placeholders[1].prefix == "https://x.test/p/");
    CHECK(placeholders[1].suffix == ".html");
    CHECK(placeholders[1].pos.line == 9);
    CHECK(placeholders[2].name == "status");
    // Plain scalars keep YAML's types in the body; placeholders stay strings.
    CHECK(spec->envelope.body["error"]["ok"] == false);
    CHECK(spec->envelope.body["error"]["n"] == 3);
    CHECK(spec->envelope.body["error"]["code"] == "${code}");
}

TEST_CASE("integer codes are recognised and kept as decimal text") {
    Diagnostics diagnostics("shop.yaml");
    const auto spec = load_spec_text(spec_text, "shop.yaml", diagnostics);
    REQUIRE(spec);
    CHECK_FALSE(spec->errors[0].code_is_integer);
    CHECK(spec->errors[1].code_is_integer);
    CHECK(spec->errors[1].code.value == "40401");
}

TEST_CASE("an alias is read as the anchored value") {
    Diagnostics diagnostics("shop.yaml");
    const auto spec = load_spec_text(R"(errspec: 1
api: {id: shop, name: Shop}
envelope: {body: {error: {code: "${code}"}}}
errors:
  - code: a
    status: 401
    title: A
    fix: &shared [Rotate the key., Ask an admin.]
  - code: b
    status: 401
    title: B
    fix: *shared
)",
                                      "shop.yaml", diagnostics);
    REQUIRE(spec);
    CHECK_FALSE(diagnostics.has_errors());
    REQUIRE(spec->errors[1].fix.size() == 2);
    CHECK(spec->errors[1].fix[0].value == "Rotate the key.");
}

TEST_CASE("hints suggest near keys only") {
    HintFinder hints;
    CHECK(hints.closest("stauts", {"status", "title"}) == "status");
    CHECK(hints.closest("descripton", {"description", "docs"}) == "description");
    CHECK(hints.closest("zzz", {"status", "title"}).empty());
}

TEST_CASE("hints stop when their budget is spent, instead of searching for hours") {
    // Thousands of unknown names among thousands of declared ones, as a hostile spec could hold.
    std::vector<std::string> declared;
    for (int i = 0; i < 5000; ++i) declared.push_back("category_" + std::to_string(i));
    const std::vector<std::string_view> known(declared.begin(), declared.end());
    HintFinder hints;
    int hinted = 0;
    for (int i = 0; i < 5000; ++i) hinted += !hints.closest("categroy_" + std::to_string(i), known).empty();
    CHECK(hinted > 0);
    CHECK(hinted < 5000);
}
