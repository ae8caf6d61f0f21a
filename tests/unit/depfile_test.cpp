// The depfile as the build tools read it: GNU Make (`-include`) and Ninja (`depfile =`, `deps = gcc`)
// each run errspec through it, with a spec, a template and the depfile's target under names that
// hold every character the depfile escapes, then must find the build up to date, and out of date
// once the spec or the template is touched.
#include <catch2/catch.hpp>

#include <chrono>

#include "support/run.hpp"

using namespace errspec_test;
namespace fs = std::filesystem;

namespace {

// ':', ' ', '#', '$', a backslash before a space and one before a letter, and characters both
// tools read as they are.
const std::string weird = "c:d #1 $x a\\ b back\\slash 100% {x}(y)!@,+~";
// The target: the same, as a Makefile's rule and build.ninja's build statement name it.
const std::string stamp = "st:a mp#1 $x a\\ b";
const std::string stamp_in_makefile = "st\\:a\\ mp\\#1\\ $$x\\ a\\\\\\ b";
const std::string stamp_in_ninja = "st$:a$ mp#1$ $$x$ a\\$ b";
const std::string stamp_in_ninja_command = "st:a mp#1 $$x a\\ b";  // '$' is Ninja's escape there too

struct Project {
    TempDir work;
    fs::path in = work.path() / ("in " + weird);
    fs::path spec = in / "shop.yaml";
    fs::path templates = in / "templates";
    fs::path banner = templates / "_partials" / "banner.mustache";

    Project() {
        write_text(spec, read_text(std::string(ERRSPEC_SOURCE_DIR) + "/spec/trakkr.yaml"));
        write_text(banner, "// banner of {{{source}}}\n");
        // A script runs errspec, so that no path needs quoting on Make's or Ninja's command line.
        write_text(work.path() / "generate.sh",
                   "exec " + errspec_command() + " generate '" + spec.string() + "' -o '" +
                       (work.path() / ("out " + weird)).string() + "' --target cpp --templates '" +
                       templates.string() + "' --depfile deps.d --depfile-target \"$1\"\n");
    }

    // Makes `file` newer than the stamp in `dir`, whatever the file system's time resolution (by
    // backdating the stamp: a file from the future would stay newer than the next stamp too).
    void touch(const fs::path& file, const fs::path& dir) const {
        fs::last_write_time(dir / stamp, fs::last_write_time(file) - std::chrono::seconds(2));
    }
};

}  // namespace

TEST_CASE("GNU Make reads the depfile's escaped paths back as they are") {
    const Project project;
    const fs::path dir = project.work.path() / "make";
    write_text(dir / "Makefile", stamp_in_makefile + ":\n\tsh ../generate.sh '$@' && touch '$@'\n-include deps.d\n");
    const std::string make = "make --no-print-directory -C '" + dir.string() + "'";

    const RunResult first = run(make);
    INFO(first.out << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(fs::exists(dir / stamp));  // Make read the target's name as it is
    CHECK(read_text(dir / "deps.d").find("c\\:d\\ \\#1\\ $$x\\ a\\\\\\ b\\ back\\slash\\ 100%") != std::string::npos);
    // Up to date: every prerequisite Make read is a file that exists.
    CHECK(run(make + " -q").exit_code == 0);
    project.touch(project.spec, dir);
    CHECK(run(make + " -q").exit_code == 1);
    REQUIRE(run(make).exit_code == 0);
    CHECK(run(make + " -q").exit_code == 0);
    project.touch(project.banner, dir);
    CHECK(run(make + " -q").exit_code == 1);
}

TEST_CASE("Ninja reads the depfile's escaped paths back as they are") {
    const Project project;
    const fs::path dir = project.work.path() / "ninja";
    write_text(dir / "build.ninja", "rule generate\n  command = sh ../generate.sh '" + stamp_in_ninja_command +
                                        "' && touch '" + stamp_in_ninja_command +
                                        "'\n  depfile = deps.d\n  deps = gcc\nbuild " + stamp_in_ninja + ": generate\n");
    const std::string ninja = "ninja -C '" + dir.string() + "'";

    const RunResult first = run(ninja);
    INFO(first.out << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(fs::exists(dir / stamp));
    // The dependencies Ninja recorded from the depfile: exactly the spec and the template.
    const RunResult deps = run(ninja + " -t deps");
    CHECK(deps.out.find("\n    " + project.spec.string() + "\n") != std::string::npos);
    CHECK(deps.out.find("\n    " + project.banner.string() + "\n") != std::string::npos);
    CHECK(deps.out.find("#deps 2,") != std::string::npos);
    CHECK(run(ninja + " -n").out.find("no work to do") != std::string::npos);
    project.touch(project.spec, dir);
    CHECK(run(ninja + " -n").out.find("no work to do") == std::string::npos);
    REQUIRE(run(ninja).exit_code == 0);
    CHECK(run(ninja + " -n").out.find("no work to do") != std::string::npos);
    project.touch(project.banner, dir);
    CHECK(run(ninja + " -n").out.find("no work to do") == std::string::npos);
}
