// The command line as users and build systems call it: exit codes, --check, --depfile.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/run.hpp"

using namespace errspec_test;

namespace {

const std::string spec = std::string(ERRSPEC_SOURCE_DIR) + "/spec/trakkr.yaml";

}  // namespace

TEST_CASE("usage errors exit 2, --help and --version exit 0") {
    CHECK(run(errspec_command() + " --version").exit_code == 0);
    CHECK(run(errspec_command() + " --version").out.rfind("errspec ", 0) == 0);
    CHECK(run(errspec_command() + " --help").exit_code == 0);
    CHECK(run(errspec_command()).exit_code == 2);
    CHECK(run(errspec_command() + " frobnicate").exit_code == 2);
    CHECK(run(errspec_command() + " generate " + spec).exit_code == 2);  // no -o
    const RunResult unknown_target = run(errspec_command() + " generate " + spec + " -o /tmp --target cpp,fortran");
    CHECK(unknown_target.exit_code == 2);
    CHECK(unknown_target.err.find("unknown target 'fortran'") != std::string::npos);
}

TEST_CASE("generate --check writes nothing and exits 1 naming each stale output, 0 once fresh") {
    const TempDir out;
    const std::string generate = errspec_command() + " generate " + spec + " -o '" + out.path().string() + "' --target cpp";
    const RunResult missing = run(generate + " --check");
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("trakkr_errors.hpp is stale") != std::string::npos);
    CHECK(snapshot(out.path()).empty());
    REQUIRE(run(generate).exit_code == 0);
    CHECK(run(generate + " --check").exit_code == 0);
    std::ofstream(out.path() / "trakkr_errors.cpp", std::ios::app) << "// edited by hand\n";
    const RunResult edited = run(generate + " --check");
    CHECK(edited.exit_code == 1);
    CHECK(edited.err.find("trakkr_errors.cpp is stale") != std::string::npos);
    CHECK(edited.err.find("trakkr_errors.hpp") == std::string::npos);
}

TEST_CASE("the depfile lists the spec and every template read from disk, for the outputs or a stamp") {
    const TempDir work;
    const auto templates = work.path() / "templates" / "_partials";
    std::filesystem::create_directories(templates);
    std::ofstream(templates / "banner.mustache") << "custom banner of {{{source}}}";
    const auto depfile = work.path() / "out.d";
    REQUIRE(run(errspec_command() + " generate " + spec + " -o '" + (work.path() / "out").string() +
                "' --target cpp --templates '" + (work.path() / "templates").string() + "' --depfile '" +
                depfile.string() + "' --depfile-target stamp")
                .exit_code == 0);
    const std::string text = read_text(depfile);
    CHECK(text.rfind("stamp:", 0) == 0);
    CHECK(text.find(spec) != std::string::npos);
    CHECK(text.find("banner.mustache") != std::string::npos);
}
