// Outputs are byte-identical across runs, locales and time zones: every spec of spec/ and
// tests/adversarial/ through every target, in a clean environment, twice, under other locale and
// time-zone variables, and in-process under a global C++ locale that groups thousands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <ctime>
#include <locale>
#include <map>

#include "pipeline.hpp"
#include "support/run.hpp"
#include "targets.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

std::vector<fs::path> every_spec() {
    std::vector<fs::path> specs;
    for (const char* folder : {"spec", "tests/adversarial"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(ERRSPEC_SOURCE_DIR) / folder)) {
            if (entry.path().extension() == ".yaml") specs.push_back(entry.path());
        }
    }
    std::sort(specs.begin(), specs.end());
    return specs;
}

// Every output of generating every spec with `environment` as the whole environment (env -i).
std::map<std::string, std::string> generate_with(const std::string& environment) {
    const TempDir out;
    std::string command = "env -i PATH=/usr/bin:/bin " + environment + " " + errspec_command() + " generate";
    for (const fs::path& spec : every_spec()) command += " '" + spec.string() + "'";
    const RunResult result = run(command + " -o '" + out.path().string() + "'");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::map<std::string, std::string> files;
    for (const auto& [name, state] : snapshot(out.path())) files[name] = state.content;
    return files;
}

// Thousands grouped with '.', decimals with ',': what a German locale would do to a number
// written through a stream that forgets to imbue the classic locale. Needs no installed locale.
struct GroupingPunctuation final : std::numpunct<char> {
    char do_thousands_sep() const override { return '.'; }
    char do_decimal_point() const override { return ','; }
    std::string do_grouping() const override { return "\3"; }
};

}  // namespace

TEST_CASE("outputs are byte-identical across runs, locales and time zones") {
    const auto reference = generate_with("LC_ALL=C TZ=UTC");
    REQUIRE_FALSE(reference.empty());
    CHECK(generate_with("LC_ALL=C TZ=UTC") == reference);
    CHECK(generate_with("LC_ALL=C.UTF-8 TZ=Asia/Kathmandu") == reference);
    // Locales this machine may not have: a program that called setlocale(LC_ALL, "") would get
    // them where they are installed.
    CHECK(generate_with("LANG=tr_TR.UTF-8 LC_NUMERIC=de_DE.UTF-8 LC_TIME=ja_JP.UTF-8 TZ=America/St_Johns") == reference);
    CHECK(generate_with("TZ=Pacific/Kiritimati") == reference);

    // In-process, under a global locale that groups thousands and another time zone.
    {
        const std::locale saved_locale = std::locale::global(std::locale(std::locale::classic(), new GroupingPunctuation));
        std::setlocale(LC_ALL, "C.UTF-8");
        const char* saved_tz = std::getenv("TZ");
        const std::string saved_tz_value = saved_tz ? saved_tz : "";
        ::setenv("TZ", "Asia/Kathmandu", 1);
        ::tzset();

        std::vector<std::pair<std::string, std::string>> specs;
        for (const fs::path& spec : every_spec()) specs.emplace_back(spec.string(), read_text(spec));
        std::vector<const errspec::Target*> targets;
        for (const errspec::Target& target : errspec::all_targets()) targets.push_back(&target);
        const errspec::Generation generation = errspec::generate_texts(specs, targets, errspec::TemplateSet{});

        std::locale::global(saved_locale);
        std::setlocale(LC_ALL, "C");
        if (saved_tz) {
            ::setenv("TZ", saved_tz_value.c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();

        REQUIRE(generation.ok());
        std::map<std::string, std::string> files;
        for (const errspec::OutputFile& file : generation.files) files[file.name] = file.content;
        CHECK(files == reference);
    }
}
