// A generation killed at any moment leaves every output either its old bytes or its new bytes,
// never torn, and the next run removes the temporaries it left. errspec generates a large spec
// over the outputs of another and is killed with SIGKILL: at fractions of a full run's duration,
// and, watched through inotify, the instant it creates a temporary or renames one into place.
// A generation whose writes fail (a file size limit, as a full disk) changes no output; and two
// generations into one folder at once both succeed, neither removing the other's temporaries.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "hostile/synthetic_spec.hpp"
#include "support/run.hpp"
#include "targets.hpp"
#include "write.hpp"

namespace fs = std::filesystem;
using namespace errspec_test;
using Clock = std::chrono::steady_clock;

extern char** environ;

namespace {

// Large enough that writing takes a while (each output is a megabyte or more); the kills that
// inotify times land in the middle of a write whatever the size.
constexpr std::size_t kErrorCount = 5000;

// The outputs every API shares (typescript's runtime): the same bytes whatever the spec.
std::set<std::string> shared_outputs() {
    std::set<std::string> shared;
    for (const errspec::Target& target : errspec::all_targets()) {
        for (const errspec::TargetFile& file : target.files) {
            if (file.shared) shared.insert(std::string(file.output_suffix));
        }
    }
    return shared;
}

// Every regular file of `dir` and its bytes.
std::map<std::string, std::string> contents(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) files[entry.path().filename().string()] = read_text(entry.path());
    return files;
}

// Starts `errspec generate SPEC -o OUT`, its output to /dev/null. With a `file_size_limit`, under
// RLIMIT_FSIZE with SIGXFSZ ignored: a write past the limit fails (EFBIG), as on a full disk.
pid_t spawn_generate(const fs::path& spec, const fs::path& out, std::optional<rlim_t> file_size_limit = {}) {
    const std::string binary = ERRSPEC_BINARY, spec_arg = spec.string(), out_arg = out.string();
    std::vector<char*> argv = {const_cast<char*>(binary.c_str()), const_cast<char*>("generate"),
                               const_cast<char*>(spec_arg.c_str()), const_cast<char*>("-o"),
                               const_cast<char*>(out_arg.c_str()), nullptr};
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {  // only async-signal-safe calls from here on
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        if (file_size_limit) {
            const rlimit limit{*file_size_limit, *file_size_limit};
            ::signal(SIGXFSZ, SIG_IGN);  // an ignored signal stays ignored through exec
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
        }
        ::execve(binary.c_str(), argv.data(), environ);
        ::_exit(127);
    }
    return pid;
}

// The exit code of `pid`, or 128 + the signal that ended it.
int wait_for(pid_t pid) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool is_temporary(const std::string& name) { return name.find(errspec::temp_marker) != std::string::npos; }

// When to kill: after a delay, or at the first inotify event in the output folder that matches.
struct KillMoment {
    std::string description;
    std::chrono::microseconds delay{0};
    std::function<bool(const inotify_event&)> event;  // empty: kill after `delay`
};

// Kills at the `n`th inotify event of `kind`: IN_CREATE of a temporary, IN_MOVED_TO of an output.
std::function<bool(const inotify_event&)> nth_event(std::uint32_t kind, std::size_t n) {
    return [kind, n, seen = std::size_t{0}](const inotify_event& event) mutable {
        const bool temporary = event.len > 0 && is_temporary(event.name);
        if ((event.mask & kind) == 0 || temporary != (kind == IN_CREATE)) return false;
        return ++seen == n;
    };
}

bool has_exited(pid_t pid) {
    siginfo_t info{};
    // WNOWAIT: leave it to be reaped below.
    return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

// Reads the inotify events of `watch` until one `matches`, or `pid` has exited: whether one did.
bool wait_for_event(int watch, pid_t pid, const std::function<bool(const inotify_event&)>& matches) {
    alignas(inotify_event) char buffer[4096];
    while (!has_exited(pid)) {
        pollfd ready{watch, POLLIN, 0};
        if (::poll(&ready, 1, 50) <= 0) continue;
        const ssize_t n = ::read(watch, buffer, sizeof buffer);
        for (ssize_t at = 0; at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            if (matches(*event)) return true;
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
    return false;
}

// Runs errspec and kills it at `moment`, or lets it finish if it is done by then.
void generate_and_kill(const fs::path& spec, const fs::path& out, const KillMoment& moment) {
    const int watch = inotify_init1(IN_CLOEXEC);
    REQUIRE(watch >= 0);
    REQUIRE(inotify_add_watch(watch, out.c_str(), IN_CREATE | IN_MOVED_TO) >= 0);
    const pid_t pid = spawn_generate(spec, out);
    if (moment.event) {
        wait_for_event(watch, pid, moment.event);
    } else {
        std::this_thread::sleep_for(moment.delay);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    ::close(watch);
}

}  // namespace

TEST_CASE("a generation killed at any moment leaves each output old or new, and the next run cleans up") {
    const TempDir work;
    const fs::path old_spec = work.path() / "old.yaml", new_spec = work.path() / "new.yaml";
    std::ofstream(old_spec) << synthetic_spec(kErrorCount, "before");
    std::ofstream(new_spec) << synthetic_spec(kErrorCount, "after");

    // The two states each output may be in, and how long a full run takes.
    const fs::path old_dir = work.path() / "old", new_dir = work.path() / "new";
    REQUIRE(run(errspec_command() + " generate '" + old_spec.string() + "' -o '" + old_dir.string() + "'").exit_code == 0);
    const auto started = Clock::now();
    REQUIRE(run(errspec_command() + " generate '" + new_spec.string() + "' -o '" + new_dir.string() + "'").exit_code == 0);
    const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    const std::map<std::string, std::string> old_files = contents(old_dir), new_files = contents(new_dir);
    REQUIRE(old_files.size() == new_files.size());
    // Each output differs between the two, except a file every API shares (typescript's runtime).
    const std::set<std::string> shared = shared_outputs();
    for (const auto& [name, bytes] : new_files) REQUIRE((shared.count(name) == 1 || old_files.at(name) != bytes));

    std::vector<KillMoment> moments;
    for (const double fraction : {0.2, 0.4, 0.6, 0.8, 0.9, 1.0}) {
        moments.push_back({"at " + std::to_string(fraction) + " of a full run",
                           std::chrono::microseconds(static_cast<long long>(fraction * double(full_run.count()))), {}});
    }
    moments.push_back({"the instant the first temporary is created", {}, nth_event(IN_CREATE, 1)});
    moments.push_back({"the instant the first output is renamed into place", {}, nth_event(IN_MOVED_TO, 1)});
    // A shared file keeps its bytes: it is not rewritten, so it gets no temporary.
    moments.push_back({"the instant the last temporary is created", {}, nth_event(IN_CREATE, new_files.size() - shared.size())});

    // Each kill starts from the old outputs; the temporaries of earlier kills stay for the last run.
    const fs::path out = work.path() / "out";
    fs::create_directory(out);
    std::size_t temporaries = 0, mixed = 0;
    for (const KillMoment& moment : moments) {
        INFO("killed " << moment.description);
        for (const auto& [name, bytes] : old_files) std::ofstream(out / name, std::ios::binary | std::ios::trunc) << bytes;
        generate_and_kill(new_spec, out, moment);

        std::size_t old_count = 0, new_count = 0, shared_count = 0;
        temporaries = 0;
        for (const auto& [name, bytes] : contents(out)) {
            INFO(name);
            if (is_temporary(name)) {
                // Only a temporary of an output: ".NAME.errspec-tmp.PID.N".
                CHECK(name[0] == '.');
                CHECK(new_files.count(name.substr(1, name.find(errspec::temp_marker) - 1)) == 1);
                ++temporaries;
                continue;
            }
            REQUIRE(new_files.count(name) == 1);
            if (shared.count(name) == 1) {  // the same bytes before and after
                CHECK(bytes == new_files.at(name));
                ++shared_count;
                continue;
            }
            const bool is_old = bytes == old_files.at(name), is_new = bytes == new_files.at(name);
            CHECK((is_old || is_new));
            old_count += is_old;
            new_count += is_new;
        }
        CHECK(old_count + new_count + shared_count == new_files.size());
        if (old_count > 0 && new_count > 0) ++mixed;
    }
    // The inotify moments make sure that kills landed in the middle of writing.
    CHECK(temporaries > 0);
    CHECK(mixed > 0);

    // The next run finishes the job and removes every temporary the killed ones left.
    REQUIRE(run(errspec_command() + " generate '" + new_spec.string() + "' -o '" + out.string() + "'").exit_code == 0);
    CHECK(contents(out) == new_files);
}

namespace {

// The old and the new outputs of the synthetic spec, each output different in the two but the
// shared ones.
struct TwoGenerations {
    TempDir work;
    fs::path old_spec = work.path() / "old.yaml", new_spec = work.path() / "new.yaml";
    std::map<std::string, std::string> old_files, new_files;

    TwoGenerations() {
        std::ofstream(old_spec) << synthetic_spec(kErrorCount, "before");
        std::ofstream(new_spec) << synthetic_spec(kErrorCount, "after");
        const fs::path old_dir = work.path() / "old", new_dir = work.path() / "new";
        REQUIRE(run(errspec_command() + " generate '" + old_spec.string() + "' -o '" + old_dir.string() + "'").exit_code == 0);
        REQUIRE(run(errspec_command() + " generate '" + new_spec.string() + "' -o '" + new_dir.string() + "'").exit_code == 0);
        old_files = contents(old_dir);
        new_files = contents(new_dir);
        REQUIRE(old_files.size() == new_files.size());
        const std::set<std::string> shared = shared_outputs();
        for (const auto& [name, bytes] : new_files) REQUIRE((shared.count(name) == 1 || old_files.at(name) != bytes));
    }

    // A folder holding the old outputs.
    fs::path old_outputs(const std::string& name) const {
        const fs::path out = work.path() / name;
        fs::create_directory(out);
        for (const auto& [file, bytes] : old_files) std::ofstream(out / file, std::ios::binary) << bytes;
        return out;
    }
};

}  // namespace

TEST_CASE("a generation whose writes fail, as on a full disk, changes no output") {
    const TwoGenerations generations;
    // A limit that only the largest new output exceeds: every other one could be written.
    std::size_t largest = 0, second = 0;
    for (const auto& [name, bytes] : generations.new_files) {
        second = std::max(second, std::min(largest, bytes.size()));
        largest = std::max(largest, bytes.size());
    }
    REQUIRE(second < largest);
    const fs::path out = generations.old_outputs("out");
    CHECK(wait_for(spawn_generate(generations.new_spec, out, rlim_t(largest - 1))) == 1);
    CHECK(contents(out) == generations.old_files);  // every output old, no temporary left

    REQUIRE(run(errspec_command() + " generate '" + generations.new_spec.string() + "' -o '" + out.string() + "'").exit_code == 0);
    CHECK(contents(out) == generations.new_files);
}

TEST_CASE("two generations into one folder at once both succeed, neither removing the other's temporaries") {
    const TwoGenerations generations;
    const fs::path out = generations.old_outputs("out");

    SECTION("one runs from start to end while the other is stopped, holding its first temporary") {
        const int watch = inotify_init1(IN_CLOEXEC);
        REQUIRE(watch >= 0);
        REQUIRE(inotify_add_watch(watch, out.c_str(), IN_CREATE) >= 0);
        const pid_t first = spawn_generate(generations.new_spec, out);
        // Stopped once it creates its second temporary: by then it holds the lock on its first (a
        // temporary created but not yet locked is a dead run's to a cleaner, and is recreated).
        const bool created = wait_for_event(watch, first, nth_event(IN_CREATE, 2));
        ::close(watch);
        REQUIRE(created);
        REQUIRE(::kill(first, SIGSTOP) == 0);
        CHECK(wait_for(spawn_generate(generations.old_spec, out)) == 0);
        // The second one's outputs, and the stopped one's temporaries, which it left alone.
        std::map<std::string, std::string> outputs = contents(out);
        std::size_t temporaries = 0;
        for (auto file = outputs.begin(); file != outputs.end();) {
            temporaries += is_temporary(file->first);
            file = is_temporary(file->first) ? outputs.erase(file) : std::next(file);
        }
        CHECK(temporaries >= 1);
        CHECK(outputs == generations.old_files);
        ::kill(first, SIGCONT);
        CHECK(wait_for(first) == 0);
        CHECK(contents(out) == generations.new_files);  // the first one's outputs, renamed last
    }
    SECTION("both run freely, started together, again and again") {
        for (int round = 0; round < 4; ++round) {
            INFO("round " << round);
            const pid_t one = spawn_generate(generations.new_spec, out);
            const pid_t other = spawn_generate(generations.old_spec, out);
            CHECK(wait_for(one) == 0);
            CHECK(wait_for(other) == 0);
            // Each output whole, from one run or the other; no temporary left.
            for (const auto& [name, bytes] : contents(out)) {
                INFO(name);
                REQUIRE(generations.new_files.count(name) == 1);
                CHECK((bytes == generations.new_files.at(name) || bytes == generations.old_files.at(name)));
            }
            CHECK(contents(out).size() == generations.new_files.size());
        }
    }
}
