// generated/ is checked in: it must be exactly what errspec makes of spec/ today.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pipeline.hpp"
#include "support/run.hpp"
#include "targets.hpp"

namespace fs = std::filesystem;
using namespace errspec;

namespace {

const char* const regenerate = "regenerate with scripts/build (or: build/errspec generate spec/*.yaml -o generated) "
                               "and review the diff";

}  // namespace

TEST_CASE("generated/ holds exactly the output of every target for every spec") {
    const fs::path root = ERRSPEC_SOURCE_DIR;
    std::vector<std::string> specs;
    for (const auto& entry : fs::directory_iterator(root / "spec")) {
        if (entry.path().extension() == ".yaml") specs.push_back(entry.path().string());
    }
    std::sort(specs.begin(), specs.end());
    REQUIRE(specs.size() == 5);
    std::vector<const Target*> targets;
    for (const Target& target : all_targets()) targets.push_back(&target);

    const Generation generation = generate(specs, targets, TemplateSet{});
    for (const Diagnostic& diagnostic : generation.diagnostics) {
        CHECK(diagnostic.severity == Severity::warning);
    }
    REQUIRE(generation.ok());

    std::set<std::string> expected_names;
    for (const OutputFile& file : generation.files) {
        expected_names.insert(file.name);
        const fs::path path = root / "generated" / file.name;
        INFO("generated/" << file.name << " is stale or missing: " << regenerate);
        CHECK((fs::exists(path) && errspec_test::read_text(path) == file.content));
    }
    for (const auto& entry : fs::directory_iterator(root / "generated")) {
        const std::string name = entry.path().filename().string();
        INFO("generated/" << name << " is not produced by any spec: remove it, or " << regenerate);
        CHECK(expected_names.count(name) == 1);
    }
}
