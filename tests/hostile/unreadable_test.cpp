// Paths that are not readable spec files: each is one clear error, promptly, and never a hang (a
// FIFO nobody writes to would block a plain open() forever). A directory and a missing file are
// in tests/unit/bad_specs_test.cpp.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

// `timeout`: a hang fails the test (exit 124) instead of stalling the suite.
RunResult check(const std::string& errspec, const fs::path& spec) {
    return run("timeout 30 " + errspec + " check '" + spec.string() + "'");
}

}  // namespace

TEST_CASE("a FIFO, a device and a symlink loop are reported, not waited on") {
    const TempDir dir;
    const fs::path fifo = dir.path() / "fifo.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const fs::path loop = dir.path() / "loop.yaml";
    fs::create_symlink(loop, loop);
    const fs::path long_name = dir.path() / (std::string(300, 'a') + ".yaml");
    for (const auto& [path, message] : std::vector<std::pair<fs::path, std::string>>{
             {fifo, "is not a regular file (a FIFO, socket or device); a spec is a file"},
             {"/dev/null", "is not a regular file (a FIFO, socket or device); a spec is a file"},
             {loop, "cannot read: Too many levels of symbolic links"},
             {long_name, "cannot read: File name too long"}}) {
        const RunResult result = check(errspec_command(), path);
        CHECK(result.exit_code == 1);
        CHECK(result.err == path.string() + ": error: " + message + "\n");
    }
}

TEST_CASE("a spec without read permission is reported with the system's reason") {
    const TempDir dir;
    const fs::path spec = dir.path() / "secret.yaml";
    std::ofstream(spec) << "errspec: 1\n";
    fs::permissions(spec, fs::perms::none);
    std::string errspec = errspec_command();
    if (::geteuid() == 0) {
        // Root reads any file, so run errspec as nobody, as a build farm's unprivileged user. A
        // copy in the (world-readable) temp folder, for nobody may not reach the build tree.
        INFO("running as root: errspec runs as nobody through setpriv (util-linux)");
        REQUIRE(run("command -v setpriv").exit_code == 0);
        const fs::path copy = dir.path() / "errspec";
        fs::copy_file(ERRSPEC_BINARY, copy);
        fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
        errspec = "setpriv --reuid=65534 --regid=65534 --clear-groups '" + copy.string() + "'";
    }
    const RunResult result = check(errspec, spec);
    CHECK(result.exit_code == 1);
    CHECK(result.err == spec.string() + ": error: cannot read: Permission denied\n");
}
