// generate --cache: a run that would write the very files already there is skipped, and anything
// that could change an output (a spec, a template, the templates folder, an option, an output or
// the depfile edited by hand) makes it run again.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/run.hpp"

using namespace errspec_test;

namespace {

const std::string source_dir = ERRSPEC_SOURCE_DIR;

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// A recorded run says its messages again; this swaps them for a marker (a JSON string's inside), so
// that a test can tell a replayed run (the marker on stderr) from one that rendered (the real messages).
void mark_recorded_messages(const std::filesystem::path& cache, const std::string& marker = "replayed from the cache") {
    std::string text = read_text(cache);
    const std::string recorded = "\"messages\": ";
    const std::size_t at = text.find(recorded);
    REQUIRE(at != std::string::npos);
    const std::size_t end = text.find('\n', at);
    text.replace(at, end - at, recorded + "\"" + marker + "\\n\"" + (text[end - 1] == ',' ? "," : ""));
    write_text(cache, text);
}

bool replayed(const RunResult& result) { return result.err.find("replayed from the cache") != std::string::npos; }

struct Project {
    TempDir work;
    std::filesystem::path spec = work.path() / "shop.yaml";
    std::filesystem::path templates = work.path() / "templates";
    std::filesystem::path out = work.path() / "out";
    std::filesystem::path depfile = work.path() / "shop.d";
    std::filesystem::path cache = work.path() / "shop.cache";

    Project() {
        write_text(spec, read_text(source_dir + "/tests/bad/warnings_only.yaml"));
        write_text(templates / "_partials" / "banner.mustache", "// custom banner of {{{source}}}\n");
    }
    std::string generate(const std::string& extra = "") const {
        return errspec_command() + " generate " + quoted(spec) + " -o " + quoted(out) + " --target cpp,markdown" +
               " --templates " + quoted(templates) + " --depfile " + quoted(depfile) + " --cache " + quoted(cache) +
               extra;
    }
};

}  // namespace

TEST_CASE("generate --cache skips a run that would write the same files, and says its warnings again") {
    const Project project;
    const RunResult first = run(project.generate());
    REQUIRE(first.exit_code == 0);
    CHECK(first.err.find("warning: no description") != std::string::npos);
    REQUIRE(std::filesystem::exists(project.cache));
    const auto outputs = snapshot(project.out);
    CHECK(outputs.size() == 3);

    const RunResult again = run(project.generate());
    CHECK(again.exit_code == 0);
    CHECK(again.err == first.err);  // the warnings, replayed
    CHECK(snapshot(project.out) == outputs);

    mark_recorded_messages(project.cache);
    const RunResult skipped = run(project.generate());
    CHECK(skipped.exit_code == 0);
    CHECK(replayed(skipped));
    CHECK(snapshot(project.out) == outputs);
}

TEST_CASE("generate --cache runs again when anything that shapes an output changed") {
    const Project project;
    REQUIRE(run(project.generate()).exit_code == 0);
    const std::string header = (project.out / "shop_errors.hpp").string();
    const std::string original_header = read_text(header);
    // Each change, then whether the run that follows must render (not replay).
    const auto runs_again = [&](const std::string& extra = "") {
        mark_recorded_messages(project.cache);
        const RunResult result = run(project.generate(extra));
        CHECK(result.exit_code == 0);
        return !replayed(result);
    };

    SECTION("nothing changed") { CHECK_FALSE(runs_again()); }
    SECTION("the spec, even by a comment") {
        std::ofstream(project.spec, std::ios::app) << "# edited\n";
        CHECK(runs_again());
        CHECK(read_text(header) == original_header);
        CHECK_FALSE(runs_again());  // and it was recorded anew
    }
    SECTION("a template it read") {
        write_text(project.templates / "_partials" / "banner.mustache", "// another banner of {{{source}}}\n");
        CHECK(runs_again());
        CHECK(read_text(header).find("// another banner of") != std::string::npos);
    }
    SECTION("a file added to the templates folder, which may override a built-in template") {
        write_text(project.templates / "cpp" / "errors.hpp.mustache", "// {{> banner}}\n// replaced\n");
        CHECK(runs_again());
        CHECK(read_text(header).find("// replaced") != std::string::npos);
    }
    SECTION("an output edited by hand") {
        write_text(header, original_header + "// edited by hand\n");
        CHECK(runs_again());
        CHECK(read_text(header) == original_header);
    }
    SECTION("an output removed") {
        std::filesystem::remove(header);
        CHECK(runs_again());
        CHECK(read_text(header) == original_header);
    }
    SECTION("the depfile edited") {
        write_text(project.depfile, "stale:\n");
        CHECK(runs_again());
        CHECK(read_text(project.depfile).find("shop.yaml") != std::string::npos);
    }
    SECTION("an option") {
        CHECK(runs_again(" --locale fr"));
        CHECK(runs_again(" --depfile-target stamp"));
        const std::string page = (project.out / "shop-errors.md").string();
        CHECK(read_text(page).rfind("# ", 0) == 0);
        CHECK(runs_again(" --front-matter"));
        CHECK(read_text(page).rfind("---\ntitle: ", 0) == 0);
    }
    SECTION("a cache file that is not one") {
        write_text(project.cache, "{\"messages\": \"replayed from the cache\\n\", \"settings\": [");
        const RunResult result = run(project.generate());
        CHECK(result.exit_code == 0);
        CHECK_FALSE(replayed(result));
        CHECK(runs_again() == false);  // recorded anew
    }
}

TEST_CASE("generate --cache records no failed run, and cannot go with --check") {
    const Project project;
    write_text(project.spec, "errspec: 1\napi: [\n");
    CHECK(run(project.generate()).exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(project.cache));
    CHECK_FALSE(std::filesystem::exists(project.out));
    CHECK(run(project.generate(" --check")).exit_code == 2);
}

TEST_CASE("generate --cache says its messages again with control characters escaped") {
    Project project;
    // A spec whose name holds a C1 control sequence introducer and a right-to-left override (a
    // depfile may list them, unlike C0 controls): each warning names it.
    const auto hostile = project.work.path() / "shop\xc2\x9b" "2J\xe2\x80\xae.yaml";
    std::filesystem::rename(project.spec, hostile);
    project.spec = hostile;
    const RunResult first = run(project.generate());
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.err.find("/shop\\u009b2J\\u202e.yaml:") != std::string::npos);
    CHECK(first.err.find("\xc2\x9b") == std::string::npos);
    CHECK(first.err.find("\xe2\x80\xae") == std::string::npos);
    const RunResult again = run(project.generate());
    CHECK(again.err == first.err);

    // A record edited to hold them raw (JSON's \u escapes) is printed escaped all the same.
    mark_recorded_messages(project.cache, "\\u001b]0;owned\\u0007 \\u202ereplayed from the cache");
    const RunResult replayed_raw = run(project.generate());
    CHECK(replayed_raw.exit_code == 0);
    CHECK(replayed_raw.err == "\\x1b]0;owned\\x07 \\u202ereplayed from the cache\n");
}
