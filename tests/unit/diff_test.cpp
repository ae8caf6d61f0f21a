#include <catch2/catch.hpp>

#include <fstream>

#include "diff.hpp"
#include "pipeline.hpp"
#include "support/run.hpp"

using namespace errspec;

namespace {

const std::string header = R"(errspec: 1
api: {id: shop, name: Shop}
envelope:
  body:
    error:
      code: ${code}
      message: ${message}
errors:
)";

const std::string out_of_stock = R"(  - code: out_of_stock
    status: 409
    title: Out of stock
)";
const std::string gone = R"(  - code: gone
    status: 410
    title: Gone
)";
const std::string slow_down = R"(  - code: slow_down
    status: 429
    title: Slow down
)";

Model model_of(const std::string& text) {
    Diagnostics diagnostics("shop.yaml");
    const std::optional<Spec> spec = load_checked_text(text, "shop.yaml", diagnostics);
    REQUIRE(spec);
    return build_model(*spec);
}

std::vector<std::string> kinds(const std::vector<SpecChange>& changes) {
    std::vector<std::string> out;
    for (const SpecChange& change : changes) out.push_back(change.kind + (change.breaking ? "!" : ""));
    return out;
}

}  // namespace

TEST_CASE("adding a code at the end is compatible and renumbers nothing") {
    const auto changes = diff_models(model_of(header + out_of_stock + gone), model_of(header + out_of_stock + gone + slow_down));
    CHECK(kinds(changes) == std::vector<std::string>{"code_added"});
}

TEST_CASE("inserting a code in the middle renumbers the codes after it: breaking, with the pin to add") {
    const auto changes = diff_models(model_of(header + out_of_stock + gone), model_of(header + out_of_stock + slow_down + gone));
    REQUIRE(kinds(changes) == std::vector<std::string>{"enum_value_changed!", "code_added"});
    CHECK(changes[0].message == "enum value of 'gone' changed from 2 to 3; pin it with id: 2");
}

TEST_CASE("pinned ids keep enum values when codes move") {
    const std::string pinned_gone = gone + "    id: 2\n";
    const auto changes =
        diff_models(model_of(header + out_of_stock + pinned_gone), model_of(header + out_of_stock + slow_down + pinned_gone));
    CHECK(kinds(changes) == std::vector<std::string>{"code_added"});
}

TEST_CASE("removed, renamed, status, retry and envelope changes are breaking") {
    std::string renamed = out_of_stock;
    renamed.replace(renamed.find("out_of_stock"), 12, "sold_out\n    name: OutOfStock");
    std::string moved = header;
    moved.replace(moved.find("      message: ${message}"), 25, "      detail: ${message}");
    std::string status_changed = gone;
    status_changed.replace(status_changed.find("410"), 3, "404");
    const auto changes = diff_models(model_of(header + out_of_stock + gone + slow_down),
                                     model_of(moved + renamed + status_changed + slow_down + "    retry: never\n"));
    CHECK(kinds(changes) == std::vector<std::string>{"envelope_field_moved!", "code_renamed!", "status_changed!",
                                                     "retry_changed!"});
    CHECK(changes[0].message == "${message} moved from error.message to error.detail");
    CHECK(changes[1].message == "code 'out_of_stock' renamed to 'sold_out': clients matching the old code no longer match");
    CHECK(changes[3].message == "retry of 'slow_down' changed from after_retry_after to never");
}

TEST_CASE("a changed message parameter is breaking, and a changed message text is not") {
    const std::string with_param = R"(  - code: scope
    status: 403
    title: Scope
    message: Needs {scope}
    params: [{name: scope, type: string}]
)";
    std::string retyped = with_param;
    retyped.replace(retyped.find("type: string"), 12, "type: integer");
    std::string reworded = with_param;
    reworded.replace(reworded.find("Needs {scope}"), 13, "Requires {scope}");
    CHECK(kinds(diff_models(model_of(header + with_param), model_of(header + retyped))) ==
          std::vector<std::string>{"params_changed!"});
    CHECK(kinds(diff_models(model_of(header + with_param), model_of(header + reworded))) ==
          std::vector<std::string>{"message_changed"});
}

TEST_CASE("errspec diff exits 1 on a breaking change and prints text or JSON") {
    const errspec_test::TempDir dir;
    std::ofstream(dir.path() / "old.yaml") << header + out_of_stock + gone;
    std::ofstream(dir.path() / "new.yaml") << header + out_of_stock;
    std::ofstream(dir.path() / "newer.yaml") << header + out_of_stock + gone + slow_down;
    const std::string old_spec = (dir.path() / "old.yaml").string();
    const auto breaking = errspec_test::run(errspec_test::errspec_command() + " diff " + old_spec + " " +
                                            (dir.path() / "new.yaml").string());
    CHECK(breaking.exit_code == 1);
    CHECK(breaking.out == "breaking: code 'gone' removed\n1 breaking change, 0 compatible\n");
    const auto compatible = errspec_test::run(errspec_test::errspec_command() + " diff --json " + old_spec + " " +
                                              (dir.path() / "newer.yaml").string());
    CHECK(compatible.exit_code == 0);
    const auto json = nlohmann::json::parse(compatible.out);
    CHECK(json["breaking"] == 0);
    CHECK(json["changes"][0]["kind"] == "code_added");
    CHECK(json["changes"][0]["code"] == "slow_down");
}

TEST_CASE("the text report prints bidirectional controls in codes escaped, one line per change") {
    const std::string reordering = "  - code: \"gone\\u202e\\u2066\"\n    status: 410\n    title: Gone\n";
    const auto changes = diff_models(model_of(header + out_of_stock + reordering), model_of(header + out_of_stock));
    CHECK(changes_to_text(changes) == "breaking: code 'gone\\u202e\\u2066' removed\n1 breaking change, 0 compatible\n");
}

TEST_CASE("moving errors into a list of errors, and changing a placeholder's JSON type, are breaking") {
    const std::string listed = R"(errspec: 1
api: {id: shop, name: Shop}
envelope:
  body:
    errors:
      - code: ${code}
        message: ${message}
        status: ${status}
errors:
)";
    std::string typed = listed;
    typed.replace(typed.find("${status}"), 9, "${status:string}");
    const auto into_list = diff_models(model_of(header + gone), model_of(listed + gone));
    REQUIRE(kinds(into_list) == std::vector<std::string>{"envelope_field_moved!", "envelope_field_moved!", "envelope_field_added"});
    CHECK(into_list[0].message == "${code} moved from error.code to errors[].code");
    CHECK(into_list[2].message == "${status} added at errors[].status");
    const auto retyped = diff_models(model_of(listed + gone), model_of(typed + gone));
    REQUIRE(kinds(retyped) == std::vector<std::string>{"envelope_type_changed!"});
    CHECK(retyped[0].message == "${status} at errors[].status was a JSON number, now a JSON string");
    CHECK(diff_models(model_of(typed + gone), model_of(typed + gone)).empty());
}
