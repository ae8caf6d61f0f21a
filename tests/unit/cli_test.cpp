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

TEST_CASE("runtime -o writes the runtime's own sources, once, and rewrites nothing unchanged") {
    const TempDir out;
    const std::string command = errspec_command() + " runtime -o '" + (out.path() / "errspec_runtime").string() + "'";
    REQUIRE(run(command).exit_code == 0);
    const auto written = snapshot(out.path() / "errspec_runtime");
    // Every file of runtime/ the build compiles, byte for byte (the cpp_client tests build them).
    const std::filesystem::path source = std::filesystem::path(ERRSPEC_SOURCE_DIR) / "runtime";
    std::size_t expected = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = std::filesystem::relative(entry.path(), source).generic_string();
        INFO(name);
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        REQUIRE(written.count(name) == 1);
        CHECK(written.at(name).content == bytes);
        ++expected;
    }
    CHECK(written.size() == expected);
    CHECK(written.count("include/errspec/version.hpp") == 1);
    CHECK(written.count("CMakeLists.txt") == 1);
    REQUIRE(run(command).exit_code == 0);
    CHECK(snapshot(out.path() / "errspec_runtime") == written);
    CHECK(run(errspec_command() + " runtime").exit_code == 2);  // no -o
}
