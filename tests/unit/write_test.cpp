#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

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

TEST_CASE("depfiles escape spaces, '#' and '$' as Make and Ninja read them") {
    CHECK(make_depfile({"out/a b.hpp"}, {"spec/x.yaml", "t/#1.mustache", "t/$x"}) ==
          "out/a\\ b.hpp: \\\n  spec/x.yaml \\\n  t/\\#1.mustache \\\n  t/$$x\n");
}
