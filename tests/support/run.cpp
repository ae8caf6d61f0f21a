#include "run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace errspec_test {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

RunResult run(const std::string& command) {
    const TempDir capture;
    const auto out = capture.path() / "out", err = capture.path() / "err";
    const std::string full = command + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(full.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_text(out);
    result.err = read_text(err);
    return result;
}

std::string errspec_command() { return std::string("'") + ERRSPEC_BINARY + "'"; }

TempDir::TempDir() {
    static std::atomic<unsigned> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("errspec-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::map<std::string, FileState> snapshot(const std::filesystem::path& dir) {
    std::map<std::string, FileState> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        files[std::filesystem::relative(entry.path(), dir).string()] = {read_text(entry.path()),
                                                                          entry.last_write_time()};
    }
    return files;
}

}  // namespace errspec_test
