#include "write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>
#include <set>

#include "files.hpp"

namespace errspec {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
    FileRead file = read_regular_file(path.string(), std::numeric_limits<std::size_t>::max());
    if (file.status != FileRead::Status::ok) return std::nullopt;
    return std::move(file.bytes);
}

// Output names come from the api id, which the check stage restricts to [a-z][a-z0-9_]*; refuse
// anything else all the same, so that no spec can name a file outside the output folder.
bool is_plain_file_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\\') == std::string::npos && name.find('\0') == std::string::npos;
}

bool check_names(const std::vector<OutputFile>& files, std::vector<std::string>& problems) {
    bool ok = true;
    for (const OutputFile& file : files) {
        if (!is_plain_file_name(file.name)) {
            problems.push_back("refusing to write " + file.name + ": not a plain file name");
            ok = false;
        }
    }
    return ok;
}

// Only the temporaries of the files this run writes: other runs may be writing other files into
// the same folder at the same time (one build step per spec), and their temporaries are not ours.
void remove_leftover_temporaries(const std::filesystem::path& dir, const std::vector<OutputFile>& files) {
    std::set<std::string> prefixes;
    for (const OutputFile& file : files) prefixes.insert("." + file.name + std::string(temp_marker));
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const std::size_t marker = name.find(temp_marker);
        if (marker != std::string::npos && prefixes.count(name.substr(0, marker + temp_marker.size())) != 0) {
            std::filesystem::remove(entry.path(), ec);
        }
    }
}

bool write_all(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

bool write_if_different(const std::filesystem::path& path, const std::string& content, bool& changed,
                        std::string& problem) {
    changed = false;
    if (const auto existing = read_file(path); existing && *existing == content) return true;
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path temp =
        path.parent_path() / ("." + path.filename().string() + std::string(temp_marker) +
                              std::to_string(::getpid()) + "." + std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        problem = "cannot create " + temp.string() + ": " + std::strerror(errno);
        return false;
    }
    // fsync before rename: after a crash the file is the old one or the new one, never empty.
    const bool ok = write_all(fd, content) && ::fsync(fd) == 0;
    const int saved_errno = errno;
    ::close(fd);
    if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
        problem = "cannot write " + path.string() + ": " + std::strerror(ok ? errno : saved_errno);
        std::error_code ec;
        std::filesystem::remove(temp, ec);
        return false;
    }
    changed = true;
    return true;
}

bool MemorySink::accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) {
    if (!check_names(files, problems)) return false;
    for (const OutputFile& file : files) files_[file.name] = file.content;
    return true;
}

bool DiskSink::accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) {
    if (!check_names(files, problems)) return false;
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) {
        problems.push_back("cannot create " + dir_.string() + ": " + ec.message());
        return false;
    }
    remove_leftover_temporaries(dir_, files);
    bool ok = true;
    for (const OutputFile& file : files) {
        bool changed = false;
        std::string problem;
        if (!write_if_different(dir_ / file.name, file.content, changed, problem)) {
            problems.push_back(problem);
            ok = false;
        } else if (changed) {
            written_.push_back(file.name);
        }
    }
    return ok;
}

bool CheckSink::accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) {
    if (!check_names(files, problems)) return false;
    for (const OutputFile& file : files) {
        const auto existing = read_file(dir_ / file.name);
        if (!existing || *existing != file.content) stale_.push_back(file.name);
    }
    return true;
}

std::string make_depfile(const std::vector<std::string>& targets, const std::vector<std::string>& inputs) {
    const auto escape = [](const std::string& path) {
        std::string out;
        for (const char c : path) {
            if (c == ' ' || c == '#') out += '\\';
            if (c == '$') out += '$';
            out += c;
        }
        return out;
    };
    std::string out;
    for (const std::string& target : targets) out += (out.empty() ? "" : " ") + escape(target);
    out += ":";
    for (const std::string& input : inputs) out += " \\\n  " + escape(input);
    return out + "\n";
}

}  // namespace errspec
