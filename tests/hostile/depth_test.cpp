// Deep specs never overflow the stack: whatever nests in a spec (envelope.body, a JSON example body,
// Markdown texts) either stays within the depth the stages after `check` walk by recursion, or is
// refused by `check`. Each goes through every target, `model` and `diff`, as the real executable.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "limits.hpp"
#include "pipeline.hpp"
#include "support/run.hpp"
#include "targets.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

std::string repeated(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

// A spec whose envelope.body nests `body_depth` mappings around its code, and whose one error has
// `example` as an example body and Markdown that nests deep in its description and fix step.
std::string deep_spec(int body_depth, const std::string& example, const std::string& title = "Out of stock") {
    return "errspec: 1\n"
           "api: {id: deep, name: Deep}\n"
           "envelope:\n"
           "  body: " + repeated("{a: ", body_depth) + "{code: \"${code}\", message: \"${message}\"}" +
           repeated("}", body_depth) + "\n"
           "errors:\n"
           "  - code: out_of_stock\n"
           "    status: 409\n"
           "    title: " + title + "\n"
           "    message: Sold out.\n"
           "    description: \"" + repeated("> ", 5000) + repeated("*_", 5000) + "x" + repeated("_*", 5000) + "\"\n"
           "    fix: [\"" + repeated("[!", 5000) + "[x](https://a.example)" + repeated("](https://a.example)", 5000) + "\"]\n"
           "    examples:\n"
           "      - body: '" + example + "'\n";
}

// A JSON object nested `depth` levels: {"a": {"a": ... 1}}.
std::string json_object_nested(int depth) { return repeated("{\"a\": ", depth) + "1" + repeated("}", depth); }

bool accepted(const std::string& spec) {
    errspec::Diagnostics diagnostics("deep.yaml");
    return errspec::load_checked_text(spec, "deep.yaml", diagnostics).has_value();
}

}  // namespace

TEST_CASE("the deepest spec check accepts goes through every target, model and diff") {
    // The deepest envelope.body the loader takes (the spec's depth limit counts the levels above it).
    int body_depth = errspec::limits::max_depth;
    while (body_depth > 0 && !accepted(deep_spec(body_depth, "{}"))) --body_depth;
    REQUIRE(body_depth > errspec::limits::max_depth / 2);
    const std::string example = json_object_nested(errspec::limits::max_depth);
    const std::string spec_text = deep_spec(body_depth, example);
    REQUIRE(accepted(spec_text));

    const TempDir work;
    const fs::path spec = work.path() / "deep.yaml";
    write_text(spec, spec_text);
    for (const errspec::Target& target : errspec::all_targets()) {
        const RunResult result = run(errspec_command() + " generate '" + spec.string() + "' -o '" +
                                     (work.path() / "out").string() + "' --target " + std::string(target.name));
        INFO(target.name << ": " << result.err);
        CHECK(result.exit_code == 0);
    }
    // The example is a JSON object: the OpenAPI document carries it, all 64 levels.
    CHECK(read_text(work.path() / "out" / "deep-errors.openapi.yaml").find("value: " + repeated("{\"a\": ", errspec::limits::max_depth) + "1}") !=
          std::string::npos);
    const RunResult model = run(errspec_command() + " model '" + spec.string() + "'");
    CHECK(model.exit_code == 0);

    // diff walks both models, the envelope included: a spec against itself and against one that
    // changes a title (which breaks nothing).
    const fs::path edited = work.path() / "edited.yaml";
    write_text(edited, deep_spec(body_depth, example, "Sold out"));
    for (const fs::path& after : {spec, edited}) {
        const RunResult diff = run(errspec_command() + " diff '" + spec.string() + "' '" + after.string() + "'");
        INFO(diff.out << diff.err);
        CHECK(diff.exit_code == 0);
    }
}

TEST_CASE("an example body nested past the limit is refused by check, not a crash later") {
    // 40 KB: 20 000 arrays, inside an object so that the OpenAPI target would take it as an example.
    const std::string too_deep = "{\"a\": " + repeated("[", 20000) + repeated("]", 20000) + "}";
    const TempDir work;
    const fs::path spec = work.path() / "deep.yaml";
    write_text(spec, deep_spec(3, too_deep));
    const std::string expected = spec.string() + ":13:15: error: the example body nests 20001 levels deep; an example body "
                                                 "that is JSON nests at most " + std::to_string(errspec::limits::max_depth);
    for (const std::string& command : {"generate '" + spec.string() + "' -o '" + (work.path() / "out").string() + "'",
                                       "generate '" + spec.string() + "' -o '" + (work.path() / "out").string() +
                                           "' --target openapi",
                                       "model '" + spec.string() + "'", "diff '" + spec.string() + "' '" + spec.string() + "'"}) {
        const RunResult result = run(errspec_command() + " " + command);
        INFO(command << ": " << result.err);
        CHECK(result.exit_code == 1);
        CHECK(result.err.find(expected) != std::string::npos);
    }
    CHECK_FALSE(fs::exists(work.path() / "out"));

    // A text that is no JSON holds any brackets: it is shown as text.
    write_text(spec, deep_spec(3, repeated("[", 20000)));
    const RunResult text = run(errspec_command() + " generate '" + spec.string() + "' -o '" + (work.path() / "out").string() + "'");
    INFO(text.err);
    CHECK(text.exit_code == 0);
}
