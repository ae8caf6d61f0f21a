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

TEST_CASE("generate and model take only a well-formed language tag for --locale: it goes into <html lang>") {
    const TempDir out;
    const std::string generate = errspec_command() + " generate " + spec + " -o '" + out.path().string() + "' --target html";
    for (const std::string& tag : {"fr", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "en-US-x-twain", "es-419",
                                   "x-private", "i-klingon", "EN-gb"}) {
        INFO(tag);
        CHECK(run(generate + " --locale '" + tag + "'").exit_code == 0);
        CHECK(read_text(out.path() / "trakkr-errors.html").find("<html lang=\"" + tag + "\">") != std::string::npos);
    }
    std::filesystem::remove_all(out.path() / "trakkr-errors.html");
    for (const std::string& tag : {"en\"><script>alert(1)</script>", "en\" onload=\"x", "", "e", "en-", "en--US",
                                   "en_US", "en US", "abcdefghi", "en-x", "en-US-x", "en-a-b", "123", "en-\xc3\xa9"}) {
        INFO(tag);
        const RunResult result = run(generate + " --locale '" + tag + "'");
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("is not a language tag") != std::string::npos);
        CHECK(run(errspec_command() + " model " + spec + " --locale '" + tag + "'").exit_code == 2);
    }
    CHECK_FALSE(std::filesystem::exists(out.path() / "trakkr-errors.html"));
}

TEST_CASE("a path the depfile cannot hold stops the run before anything is written") {
    const TempDir work;
    const auto odd_spec = work.path() / "line\nbreak.yaml";
    write_text(odd_spec, read_text(spec));
    const auto out = work.path() / "out";
    const auto depfile = work.path() / "out.d";
    const RunResult result = run(errspec_command() + " generate '" + odd_spec.string() + "' -o '" + out.string() +
                                 "' --target cpp --depfile '" + depfile.string() + "'");
    CHECK(result.exit_code == 1);
    // One line naming the path, its line break escaped.
    CHECK(result.err == "errspec: error: " + depfile.string() + ": cannot list '" + work.path().string() +
                            "/line\\nbreak.yaml' in a depfile: GNU Make and Ninja have no common form for a line break\n");
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK_FALSE(std::filesystem::exists(depfile));
}

TEST_CASE("diagnostics print control characters from the spec and its path escaped") {
    const TempDir work;
    // An escape sequence that retitles the terminal, a bell, a C1 CSI, a right-to-left override, in a
    // key (YAML's double-quoted escapes make them) and in the file's name.
    const auto hostile = work.path() / "spec\x1b[2J\xe2\x80\xae.yaml";
    write_text(hostile, "errspec: 1\napi:\n  id: shop\n  name: Shop\n  \"\\e]0;owned\\a\\x9b\\u202e\\u2066\": 1\n");
    const RunResult result = run(errspec_command() + " check '" + hostile.string() + "'");
    CHECK(result.exit_code == 1);
    const std::string file = work.path().string() + "/spec\\x1b[2J\\u202e.yaml";
    CHECK(result.err.find(file + ":5:3: error: unknown key '\\x1b]0;owned\\x07\\u009b\\u202e\\u2066' in 'api'\n") !=
          std::string::npos);
    for (const char c : result.err) {
        const auto byte = static_cast<unsigned char>(c);
        CHECK((c == '\n' || (byte >= 0x20 && byte < 0x7F)));  // this spec's messages are ASCII once escaped
    }
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
