// Every limit of limits.hpp, reached through the real executable with a spec written at test time
// (megabytes not worth committing): one past the limit is a located error, the limit itself passes.
// The alias-expansion and depth limits have specs in tests/bad/ (billion_laughs, nesting_over_limit).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "hostile/synthetic_spec.hpp"
#include "limits.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;

namespace {

fs::path write_spec(const TempDir& dir, const std::string& text) {
    const fs::path path = dir.path() / "spec.yaml";
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

RunResult check(const fs::path& spec) { return run(errspec_command() + " check '" + spec.string() + "'"); }

// A valid spec whose one error has `title` as its title, on line 7, column 12.
std::string spec_with_title(const std::string& title) {
    return "errspec: 1\n"
           "api: {id: shop, name: Shop}\n"
           "envelope: {body: {error: {code: \"${code}\"}}}\n"
           "errors:\n"
           "  - code: out_of_stock\n"
           "    status: 409\n"
           "    title: " + title + "\n"
           "    message: Sold out.\n"
           "    description: Nothing left.\n"
           "    fix: [Try later.]\n";
}

}  // namespace

TEST_CASE("a spec file over the size limit is refused before it is read") {
    const TempDir dir;
    const fs::path spec = write_spec(dir, spec_with_title("Fine"));
    // Sparse: a hundred megabytes that take no disk and no time.
    fs::resize_file(spec, errspec::limits::max_file_bytes + 1);
    const RunResult result = check(spec);
    CHECK(result.exit_code == 1);
    CHECK(result.err == spec.string() + ": error: file of " + std::to_string(errspec::limits::max_file_bytes + 1) +
                            " bytes exceeds the limit of " + std::to_string(errspec::limits::max_file_bytes) +
                            " bytes\n");
}

TEST_CASE("a string over the length limit is a located error, one at the limit passes") {
    const TempDir dir;
    const std::size_t limit = errspec::limits::max_string_bytes;

    const fs::path too_long = write_spec(dir, spec_with_title(std::string(limit + 1, 'x')));
    const RunResult refused = check(too_long);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err == too_long.string() + ":7:12: error: string of " + std::to_string(limit + 1) +
                             " bytes exceeds the limit of " + std::to_string(limit) + "\n");

    const fs::path at_limit = write_spec(dir, spec_with_title(std::string(limit, 'x')));
    const RunResult accepted = check(at_limit);
    CHECK(accepted.err.empty());
    CHECK(accepted.exit_code == 0);
}

TEST_CASE("a spec with more errors than the enum can number is refused, the most it can number passes") {
    const TempDir dir;
    const std::size_t limit = errspec::limits::max_errors;

    const fs::path too_many = write_spec(dir, synthetic_spec(limit + 1));
    const RunResult refused = check(too_many);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err == too_many.string() + ":7:3: error: a spec holds at most " + std::to_string(limit) +
                             " errors; this one has " + std::to_string(limit + 1) + "\n");

    const fs::path at_limit = write_spec(dir, synthetic_spec(limit));
    const RunResult accepted = check(at_limit);
    CHECK(accepted.err.empty());
    CHECK(accepted.exit_code == 0);
    // The client's templates once rendered in time quadratic in the codes (four minutes here).
    const RunResult generated = run("timeout 120 " + errspec_command() + " generate '" + at_limit.string() + "' -o '" +
                                    (dir.path() / "out").string() + "' --target cpp-client");
    CHECK(generated.err.empty());
    CHECK(generated.exit_code == 0);
}

// Specs shaped to make a naive check quadratic. Each took minutes (or hours, and gigabytes)
// before; `timeout` turns a regression into a failure instead of a stalled suite.
TEST_CASE("checks stay about linear on specs shaped to make them quadratic") {
    const TempDir dir;
    const auto timed_check = [&](const std::string& name, const std::string& text) {
        const fs::path spec = dir.path() / name;
        std::ofstream(spec, std::ios::binary) << text;
        return run("timeout 60 " + errspec_command() + " check '" + spec.string() + "'");
    };
    const std::string header = "errspec: 1\napi: {id: shop, name: Shop}\n";
    const std::string texts = ", description: D, fix: [F]";

    // A long message against a long match.message_contains that almost matches everywhere.
    const RunResult substring = timed_check(
        "substring.yaml", header + "envelope: {body: {error: \"${message}\"}}\nerrors:\n  - {code: c, status: 400, title: T" +
                              texts + ", message: " + std::string(1000000, 'a') +
                              ", match: {status: 400, message_contains: " + std::string(300000, 'a') + "b}}\n");
    CHECK(substring.exit_code == 1);
    CHECK(substring.err.find("does not contain its match.message_contains") != std::string::npos);

    // 30 000 code-less errors on one status, each told apart by its exact message.
    std::string rules = header + "envelope: {body: {error: \"${message}\"}}\nerrors:\n";
    for (int i = 0; i < 30000; ++i) {
        const std::string n = std::to_string(i);
        rules += "  - {code: c" + n + ", status: 400, title: T" + texts + ", message: m" + n +
                 ", match: {status: 400, message: m" + n + "}}\n";
    }
    const RunResult overlaps = timed_check("overlaps.yaml", rules);
    CHECK(overlaps.err.empty());
    CHECK(overlaps.exit_code == 0);

    // 20 000 categories, and as many errors naming a category that is not declared: each would
    // search every category for a "did you mean" hint.
    std::string categories = header + "envelope: {body: {error: {code: \"${code}\"}}}\ncategories:\n";
    for (int i = 0; i < 20000; ++i) categories += "  - {id: category_" + std::to_string(i) + ", title: T}\n";
    categories += "errors:\n";
    for (int i = 0; i < 20000; ++i) {
        const std::string n = std::to_string(i);
        categories += "  - {code: c" + n + ", status: 400, title: T, message: M" + texts + ", category: categroy_" + n + "}\n";
    }
    const RunResult hints = timed_check("categories.yaml", categories);
    CHECK(hints.exit_code == 1);
    CHECK(std::count(hints.err.begin(), hints.err.end(), '\n') == 20000);
    CHECK(hints.err.find("did you mean 'category_0'?") != std::string::npos);

    // 200 000 fields, and an envelope of 200 000 members: a search of the body per field, and a
    // search of the members per member, took hours.
    std::string fields = header + "envelope:\n  body:\n    error: {code: \"${code}\"}\n";
    for (int i = 0; i < 200000; ++i) fields += "    m" + std::to_string(i) + ": constant\n";
    fields += "  fields:\n";
    for (int i = 0; i < 200000; ++i) fields += "    f" + std::to_string(i) + ": v\n";
    fields += "errors:\n  - {code: c, status: 400, title: T, message: M" + texts + "}\n";
    const RunResult large_envelope = timed_check("envelope.yaml", fields);
    CHECK(large_envelope.exit_code == 1);
    CHECK(large_envelope.err.find("error: envelope.body holds 400005 nodes") != std::string::npos);
    CHECK(large_envelope.err.find("error: envelope.fields declares 200000 fields") != std::string::npos);
}
