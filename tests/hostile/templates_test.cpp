// A --templates folder from someone else (a repository, a pull request) can neither read a file
// outside itself into the outputs nor keep errspec busy: symbolic links and partial names that
// leave the folder are refused, and rendering stops at the limits of limits.hpp with a clear
// error. Every refusal is exit 1 with nothing written.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "hostile/synthetic_spec.hpp"
#include "limits.hpp"
#include "pipeline.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

// A valid spec with one error.
const std::string one_error_spec = synthetic_spec(1);

// `errspec generate` of `spec_text` with --templates `templates` into a fresh folder, with a depfile
// and a run cache: what it said, and whether it wrote anything at all.
struct Generated {
    RunResult result;
    bool wrote_anything = false;
};
Generated generate_with(const fs::path& templates, const std::string& spec_text = one_error_spec,
                        const std::string& target = "cpp") {
    const TempDir work;
    const fs::path spec = work.path() / "spec.yaml";
    write_text(spec, spec_text);
    const fs::path out = work.path() / "out";
    Generated generated;
    // `timeout`: a run that does not stop at a limit fails the test (exit 124) instead of stalling it.
    generated.result = run("timeout 60 " + errspec_command() + " generate '" + spec.string() + "' -o '" +
                           out.string() + "' --target " + target + " --templates '" + templates.string() +
                           "' --depfile '" + (work.path() / "out.d").string() + "' --cache '" +
                           (work.path() / "cache.json").string() + "'");
    generated.wrote_anything = fs::exists(out) || fs::exists(work.path() / "out.d");
    return generated;
}

void require_refused(const Generated& generated, const std::string& message) {
    INFO(generated.result.err);
    CHECK(generated.result.exit_code == 1);
    CHECK(generated.result.err.find(message) != std::string::npos);
    CHECK_FALSE(generated.wrote_anything);
}

// The one error of a render in memory of `spec_text` (cpp target) with the templates of `dir`.
std::string render_error(const fs::path& dir, const std::string& spec_text = one_error_spec) {
    const errspec::Generation generation = errspec::generate_texts(
        {{"spec.yaml", spec_text}}, {errspec::find_target("cpp")}, errspec::TemplateSet{dir});
    CHECK(generation.files.empty());
    REQUIRE(generation.errors.size() >= 1);
    return generation.errors[0];
}

}  // namespace

TEST_CASE("a partial that is a symbolic link is refused, wherever it points") {
    const TempDir outside;
    write_text(outside.path() / "secret.mustache", "the secret");
    for (const fs::path& target : {fs::path("/proc/self/environ"), outside.path() / "secret.mustache",
                                   // Inside the folder too: one rule, with nothing to resolve.
                                   fs::path("html_theme.mustache")}) {
        INFO(target);
        const TempDir templates;
        write_text(templates.path() / "_partials" / "html_theme.mustache", "inside");
        fs::create_symlink(target, templates.path() / "_partials" / "banner.mustache");
        require_refused(generate_with(templates.path()),
                        (templates.path() / "_partials" / "banner.mustache").string() +
                            " is or lies behind a symbolic link; a templates folder reads only regular files inside itself");
    }
}

TEST_CASE("a template behind a linked folder is refused, and links the run does not read are left alone") {
    const TempDir outside;
    write_text(outside.path() / "errors.hpp.mustache", "{{{source}}} from outside");
    const TempDir templates;
    fs::create_directory_symlink(outside.path(), templates.path() / "cpp");
    require_refused(generate_with(templates.path()),
                    (templates.path() / "cpp" / "errors.hpp.mustache").string() + " is or lies behind a symbolic link");

    // A link no template name reaches changes nothing, and the run cache does not walk into it
    // (a link to / would have it read the whole disk).
    const TempDir harmless;
    fs::create_directory_symlink("/", harmless.path() / "root");
    fs::create_symlink("/proc/self/environ", harmless.path() / "notes.txt");
    write_text(harmless.path() / "_partials" / "banner.mustache", "custom banner");
    const auto started = std::chrono::steady_clock::now();
    const Generated generated = generate_with(harmless.path());
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
    INFO(generated.result.err);
    CHECK(generated.result.exit_code == 0);
    CHECK(generated.wrote_anything);
}

TEST_CASE("a partial name that leaves the templates folder is refused, spliced or rendered") {
    const TempDir outside;
    write_text(outside.path() / "secret.mustache", "the secret");
    const std::string up = "../../" + outside.path().filename().string() + "/secret";
    const std::string absolute = (outside.path() / "secret").string();
    for (const std::string& name : {up, absolute, std::string("./banner"), std::string("a//b")}) {
        // Spliced into the template, and (after a change of delimiters) included by the renderer.
        for (const std::string& tag : {"{{> " + name + "}}", "{{=<% %>=}}<%> " + name + "%>"}) {
            INFO(tag);
            const TempDir templates;
            write_text(templates.path() / "cpp" / "errors.hpp.mustache", tag);
            // The folder's parent's parent holds the secret when `outside` is its sibling.
            const Generated generated = generate_with(templates.path());
            require_refused(generated, "partial '" + name + "': '_partials/" + name +
                                           ".mustache' names no file inside the templates folder");
            CHECK(generated.result.err.find("the secret") == std::string::npos);
        }
    }
}

TEST_CASE("partials that multiply stop at the template size limit, fast") {
    // Thirteen partials, each including the one before ten times: 10^13 copies of p0.
    for (const std::string& delimiters : {std::string(), std::string("{{=<% %>=}}")}) {
        INFO("delimiters: " << delimiters);
        const TempDir templates;
        write_text(templates.path() / "_partials" / "p0.mustache", "x");
        for (int i = 1; i <= 13; ++i) {
            std::string text = delimiters;
            for (int copy = 0; copy < 10; ++copy) {
                text += delimiters.empty() ? "{{> p" + std::to_string(i - 1) + "}}" : "<%> p" + std::to_string(i - 1) + "%>";
            }
            write_text(templates.path() / "_partials" / ("p" + std::to_string(i) + ".mustache"), text);
        }
        write_text(templates.path() / "cpp" / "errors.hpp.mustache", "{{> p13}}");
        const auto started = std::chrono::steady_clock::now();
        require_refused(generate_with(templates.path()),
                        "with its partials included the template exceeds the limit of " +
                            std::to_string(errspec::limits::max_template_bytes) + " bytes (every inclusion counted)");
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
    }
}

TEST_CASE("a template at the size limit with its partials renders, one inclusion more does not") {
    const std::size_t quarter = errspec::limits::max_template_bytes / 4;
    const TempDir templates;
    write_text(templates.path() / "_partials" / "quarter.mustache", std::string(quarter, 'q'));
    // 3 inclusions and the template's own bytes: under the limit.
    write_text(templates.path() / "cpp" / "errors.hpp.mustache", "{{> quarter}}{{> quarter}}{{> quarter}}");
    const errspec::Generation accepted = errspec::generate_texts(
        {{"spec.yaml", one_error_spec}}, {errspec::find_target("cpp")}, errspec::TemplateSet{templates.path()});
    REQUIRE(accepted.errors.empty());
    CHECK(accepted.files.at(0).content == std::string(3 * quarter, 'q'));

    write_text(templates.path() / "cpp" / "errors.hpp.mustache", "{{> quarter}}{{> quarter}}{{> quarter}}{{> quarter}}");
    CHECK(render_error(templates.path()).find("exceeds the limit of " + std::to_string(errspec::limits::max_template_bytes) +
                                              " bytes (every inclusion counted), at partial 'quarter'") != std::string::npos);
}

// Whether the header template `text`, rendered for 1000 codes, stops at the render step limit.
bool stops_at_step_limit(const std::string& text) {
    const TempDir templates;
    write_text(templates.path() / "cpp" / "errors.hpp.mustache", text);
    return render_error(templates.path(), synthetic_spec(1000))
               .find("rendering takes more than " + std::to_string(errspec::limits::max_render_steps) + " steps") !=
           std::string::npos;
}

// Seconds in a release build, about a minute under the sanitizers, which skip it (tests/CMakeLists.txt):
// what it reaches, the output limit's test below reaches too.
TEST_CASE("sections over lists inside sections over lists stop at the render step limit") {
    // 1000^4 steps that print nothing.
    CHECK(stops_at_step_limit("{{#errors}}{{#errors}}{{#errors}}{{#errors}}{{/errors}}{{/errors}}{{/errors}}{{/errors}}"));
}

TEST_CASE("sections over deferred items inside sections over them stop at the render step limit") {
    // 2048^3 lookup slots, each built as its section is entered: building one counts as many
    // steps, so that the limit comes after seconds, not hours.
    CHECK(stops_at_step_limit(
        "{{#lookup.slots}}{{#lookup.slots}}{{#lookup.slots}}{{/lookup.slots}}{{/lookup.slots}}{{/lookup.slots}}"));
}

TEST_CASE("sections over lists inside sections over lists on one line stop at the output limit") {
    const TempDir templates;
    // All on one line, which Mustache holds until its end: the output is counted as the values
    // printed, and at each step the longest text a section of the template repeats between two
    // steps (here 4 KiB, in a section that renders nothing), which stops it long before the line
    // could take the memory or the steps run out.
    write_text(templates.path() / "cpp" / "errors.hpp.mustache",
               "{{^errors}}" + std::string(4096, 'y') + "{{/errors}}"
               "{{#errors}}{{#errors}}{{#errors}}{{/errors}}{{/errors}}{{/errors}}");
    CHECK(render_error(templates.path(), synthetic_spec(1000)).find("the output exceeds the limit of " +
                                                                   std::to_string(errspec::limits::max_output_bytes) +
                                                                   " bytes") != std::string::npos);
}
