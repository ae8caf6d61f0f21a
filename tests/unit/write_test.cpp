#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <fstream>
#include <thread>

#include "depfile.hpp"
#include "support/run.hpp"
#include "write.hpp"

using namespace errspec;
using errspec_test::read_text;
using errspec_test::snapshot;
using errspec_test::TempDir;

TEST_CASE("the disk sink writes only files whose bytes change, keeping the others' mtime") {
    const TempDir dir;
    DiskSink first(dir.path());
    std::vector<std::string> problems;
    REQUIRE(first.accept({{"a.hpp", "A"}, {"b.hpp", "B"}}, problems));
    CHECK(first.written() == std::vector<std::string>{"a.hpp", "b.hpp"});
    const auto before = snapshot(dir.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));

    DiskSink second(dir.path());
    REQUIRE(second.accept({{"a.hpp", "A"}, {"b.hpp", "B2"}}, problems));
    CHECK(second.written() == std::vector<std::string>{"b.hpp"});
    const auto after = snapshot(dir.path());
    CHECK(after.at("a.hpp") == before.at("a.hpp"));
    CHECK(after.at("b.hpp").content == "B2");
    CHECK(after.size() == 2);  // no temporary file left behind
}

TEST_CASE("leftover temporary files of an interrupted run are removed, others kept") {
    const TempDir dir;
    std::ofstream(dir.path() / ".a.hpp.errspec-tmp.123.0") << "torn";
    std::ofstream(dir.path() / "notes.txt") << "mine";
    DiskSink sink(dir.path());
    std::vector<std::string> problems;
    REQUIRE(sink.accept({{"a.hpp", "A"}}, problems));
    const auto files = snapshot(dir.path());
    CHECK(files.size() == 2);
    CHECK(files.count("notes.txt") == 1);
    CHECK(files.count("a.hpp") == 1);
}

TEST_CASE("no sink writes outside its folder") {
    const TempDir dir;
    std::vector<std::string> problems;
    DiskSink sink(dir.path() / "out");
    CHECK_FALSE(sink.accept({{"../escape.hpp", "x"}}, problems));
    CHECK_FALSE(sink.accept({{"/tmp/escape.hpp", "x"}}, problems));
    CHECK(problems.size() == 2);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "escape.hpp"));
}

TEST_CASE("the check sink lists missing and stale files and writes nothing") {
    const TempDir dir;
    std::ofstream(dir.path() / "a.hpp") << "A";
    std::ofstream(dir.path() / "b.hpp") << "old";
    const auto before = snapshot(dir.path());
    CheckSink sink(dir.path());
    std::vector<std::string> problems;
    REQUIRE(sink.accept({{"a.hpp", "A"}, {"b.hpp", "new"}, {"c.hpp", "C"}}, problems));
    CHECK(sink.stale() == std::vector<std::string>{"b.hpp", "c.hpp"});
    CHECK(snapshot(dir.path()) == before);
}

TEST_CASE("a temporary file another live run holds is left alone, and removed once it is gone") {
    const TempDir dir;
    // Another run writing a.hpp now: its temporary, under the lock it holds while it lives.
    const auto theirs = dir.path() / ".a.hpp.errspec-tmp.999999.42";
    std::ofstream(theirs) << "being written";
    const int held = ::open(theirs.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(held >= 0);
    REQUIRE(::flock(held, LOCK_EX) == 0);
    std::vector<std::string> problems;
    DiskSink sink(dir.path());
    REQUIRE(sink.accept({{"a.hpp", "A"}}, problems));
    CHECK(std::filesystem::exists(theirs));
    CHECK(read_text(dir.path() / "a.hpp") == "A");

    ::close(held);  // the other run died without cleaning up
    DiskSink next(dir.path());
    REQUIRE(next.accept({{"a.hpp", "A2"}}, problems));
    CHECK_FALSE(std::filesystem::exists(theirs));
}

TEST_CASE("a write that fails changes no output: every temporary is written before any is renamed") {
    const TempDir dir;
    std::ofstream(dir.path() / "a.hpp") << "old A";
    std::ofstream(dir.path() / "b.hpp") << "old B";
    std::ofstream(dir.path() / "c.hpp") << "old C";
    const auto before = snapshot(dir.path());
    // As on a full disk: in a child process whose files may not grow past 4 KiB, b.hpp's
    // temporary cannot be written, after a.hpp's was and before c.hpp's is.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const rlimit limit{4096, 4096};
        ::signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead of killing the process
        DiskSink sink(dir.path());
        std::vector<std::string> problems;
        const bool ok = ::setrlimit(RLIMIT_FSIZE, &limit) == 0 &&
                        sink.accept({{"a.hpp", "new A"}, {"b.hpp", std::string(65536, 'B')}, {"c.hpp", "new C"}}, problems);
        ::_exit(ok ? 0 : problems.size() == 1 && problems[0].find("File too large") != std::string::npos ? 1 : 2);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(snapshot(dir.path()) == before);  // every output old, no temporary left
}

TEST_CASE("a run writing more files than the soft limit on open files allows still writes them all") {
    const TempDir dir;
    std::vector<OutputFile> files;
    for (int i = 0; i < 300; ++i) files.push_back({"f" + std::to_string(i) + ".hpp", std::to_string(i)});
    // Each temporary stays open until renamed; in a child whose soft limit is 100 open files.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = 100;
        DiskSink sink(dir.path());
        std::vector<std::string> problems;
        const bool ok = limit.rlim_max >= 400 && ::setrlimit(RLIMIT_NOFILE, &limit) == 0 && sink.accept(files, problems);
        ::_exit(ok && sink.written().size() == files.size() ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    CHECK(snapshot(dir.path()).size() == files.size());
}

TEST_CASE("an output that is a folder is found before any output is replaced") {
    const TempDir dir;
    std::ofstream(dir.path() / "a.hpp") << "old A";
    std::filesystem::create_directory(dir.path() / "b.hpp");
    std::ofstream(dir.path() / "b.hpp" / "inside") << "x";
    const auto before = snapshot(dir.path());
    DiskSink sink(dir.path());
    std::vector<std::string> problems;
    CHECK_FALSE(sink.accept({{"a.hpp", "new A"}, {"b.hpp", "new B"}}, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("b.hpp") != std::string::npos);
    CHECK(sink.written().empty());
    CHECK(snapshot(dir.path()) == before);
}

TEST_CASE("depfiles escape paths as both GNU Make and Ninja read them") {
    std::vector<std::string> problems;
    CHECK(make_depfile({"out/a b.hpp"}, {"spec/x.yaml", "t/#1.mustache", "t/$x"}, problems) ==
          "out/a\\ b.hpp: \\\n  spec/x.yaml \\\n  t/\\#1.mustache \\\n  t/$$x\n");
    // ':' inside a name; backslashes kept, but doubled before a space (then escaped); '%' in an input.
    CHECK(make_depfile({"st:amp"}, {"c:d.yaml", "a\\ b", "a\\\\ b", "back\\slash", "100%.yaml"}, problems) ==
          "st\\:amp: \\\n  c\\:d.yaml \\\n  a\\\\\\ b \\\n  a\\\\\\\\\\ b \\\n  back\\slash \\\n  100%.yaml\n");
    CHECK(problems.empty());
}

TEST_CASE("a path that GNU Make or Ninja could not read back is refused, each one named") {
    for (const std::string& input : {"line\nbreak.yaml", "tab\there", "cr\r.yaml", "a&b", "it's", "say\"hi\"", "a;b",
                                     "a|b", "a<b>", "a*b", "a?b", "a[1]b", "a=b", "a`b", "ends:", "a\\#b", "a\\:b",
                                     "a\\$b", "ends\\", "~/spec.yaml", "lib(member)", ""}) {
        INFO(input);
        std::vector<std::string> problems;
        CHECK_FALSE(make_depfile({"stamp"}, {"fine.yaml", input}, problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("cannot list '" + input + "' in a depfile") == 0);
    }
    std::vector<std::string> problems;
    CHECK_FALSE(make_depfile({"out%/a.hpp", "b\nc"}, {"ok.yaml"}, problems));
    CHECK(problems.size() == 2);
    CHECK(make_depfile({"stamp"}, {"in%/ok.yaml"}, problems));  // '%' is literal in a prerequisite
}
