// Helpers for tests that run the errspec executable as a user would.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace errspec_test {

struct RunResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs `command` through the shell, capturing stdout and stderr.
RunResult run(const std::string& command);

// The errspec binary under test, quoted for the shell.
std::string errspec_command();

// A fresh, empty folder under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Every file below `dir` with its bytes and mtime: to prove a run changed nothing.
struct FileState {
    std::string content;
    std::filesystem::file_time_type mtime;
    bool operator==(const FileState& other) const { return content == other.content && mtime == other.mtime; }
};
std::map<std::string, FileState> snapshot(const std::filesystem::path& dir);

std::string read_text(const std::filesystem::path& path);

// Writes `text` to `path`, creating the folders on the way.
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace errspec_test
