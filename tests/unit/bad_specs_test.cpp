// Every broken spec in tests/bad/ through the real executable: exit 1, exactly the diagnostics it
// expects (file:line:col: error: text), no crash, and nothing created or changed in the output
// folder. The expected diagnostics stand next to the broken line, as in LLVM's TableGen tests:
//   # CHECK: [[@LINE+1]]:13: error: message     (the next line, column 13)
//   # CHECK: 4:1: error: message                 (an absolute position)
// or, for files that cannot hold comments (binary, not UTF-8), in FILE.expect, one per line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// "L:C: severity: text" or "severity: text", as the file's diagnostics must read.
std::vector<std::string> expected_diagnostics(const fs::path& spec) {
    std::vector<std::string> expected;
    const auto with_file = [&](const std::string& rest) {
        return spec.string() + (std::isdigit(static_cast<unsigned char>(rest[0])) ? ":" : ": ") + rest;
    };
    if (fs::exists(spec.string() + ".expect")) {
        for (const std::string& line : lines_of(read_text(spec.string() + ".expect"))) {
            if (!line.empty()) expected.push_back(with_file(line));
        }
        return expected;
    }
    const std::regex check(R"(# CHECK: (?:\[\[@LINE([+-]\d+)?\]\]|(\d+)):(.*))");
    const std::vector<std::string> lines = lines_of(read_text(spec));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::smatch match;
        if (!std::regex_search(lines[i], match, check)) continue;
        const long line = match[2].matched ? std::stol(match[2]) : static_cast<long>(i + 1) + (match[1].matched ? std::stol(match[1]) : 0);
        expected.push_back(with_file(std::to_string(line) + ":" + std::string(match[3])));
    }
    return expected;
}

std::vector<fs::path> bad_specs() {
    std::vector<fs::path> specs;
    for (const auto& entry : fs::directory_iterator(fs::path(ERRSPEC_SOURCE_DIR) / "tests" / "bad")) {
        if (entry.path().extension() != ".expect") specs.push_back(entry.path());
    }
    std::sort(specs.begin(), specs.end());
    return specs;
}

}  // namespace

TEST_CASE("every broken spec gives its located diagnostics, exit 1, and writes nothing") {
    const std::vector<fs::path> specs = bad_specs();
    REQUIRE(specs.size() >= 40);
    for (const fs::path& spec : specs) {
        DYNAMIC_SECTION(spec.filename().string()) {
            const TempDir out;
            std::ofstream(out.path() / "shop_errors.hpp") << "// an output of an earlier run\n";
            const auto before = snapshot(out.path());

            const RunResult result =
                run(errspec_command() + " generate '" + spec.string() + "' -o '" + out.path().string() + "'");

            std::vector<std::string> expected = expected_diagnostics(spec);
            REQUIRE_FALSE(expected.empty());
            std::vector<std::string> actual = lines_of(result.err);
            std::sort(expected.begin(), expected.end());
            std::sort(actual.begin(), actual.end());
            CHECK(actual == expected);
            const bool expects_error = std::any_of(expected.begin(), expected.end(), [](const std::string& line) {
                return line.find(": error: ") != std::string::npos;
            });
            CHECK(result.exit_code == (expects_error ? 1 : 0));
            if (expects_error) CHECK(snapshot(out.path()) == before);
        }
    }
}

TEST_CASE("a directory, a missing path, and a path through a file are reported, not crashed on") {
    const TempDir out;
    const auto before = snapshot(out.path());
    const std::string dir = fs::path(ERRSPEC_SOURCE_DIR) / "spec";
    const std::string missing = fs::path(ERRSPEC_SOURCE_DIR) / "spec" / "no-such-spec.yaml";
    const std::string through_file = fs::path(ERRSPEC_SOURCE_DIR) / "README.md" / "x.yaml";
    for (const auto& [path, message] : std::vector<std::pair<std::string, std::string>>{
             {dir, "is a directory, not a spec file"}, {missing, "no such file"}, {through_file, "no such file"}}) {
        const RunResult result = run(errspec_command() + " generate '" + path + "' -o '" + out.path().string() + "'");
        CHECK(result.exit_code == 1);
        CHECK(result.err == path + ": error: " + message + "\n");
    }
    CHECK(snapshot(out.path()) == before);
}

TEST_CASE("problems in several specs are all reported, and no spec's output is written") {
    const TempDir out;
    const fs::path good = fs::path(ERRSPEC_SOURCE_DIR) / "spec" / "trakkr.yaml";
    const fs::path bad = fs::path(ERRSPEC_SOURCE_DIR) / "tests" / "bad" / "duplicate_code.yaml";
    const fs::path worse = fs::path(ERRSPEC_SOURCE_DIR) / "tests" / "bad" / "typo_keys.yaml";
    const RunResult result = run(errspec_command() + " generate '" + good.string() + "' '" + bad.string() + "' '" +
                                 worse.string() + "' -o '" + out.path().string() + "'");
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(bad.string() + ":") != std::string::npos);
    CHECK(result.err.find(worse.string() + ":") != std::string::npos);
    CHECK(snapshot(out.path()).empty());
}
