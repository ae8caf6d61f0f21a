#include "write.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <random>
#include <set>
#include <utility>

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

// A temporary file of this run, beside the file it will replace. It is created under a name no
// other run can take (the pid and a random number, O_EXCL) and held under flock(2) for as long as
// this run lives: another run's cleanup removes only temporaries it can lock, which are those of
// runs that died. The lock goes with the process, however it ends.
class Temporary {
public:
    Temporary() = default;
    Temporary(const Temporary&) = delete;
    Temporary& operator=(const Temporary&) = delete;
    Temporary(Temporary&& other) noexcept : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}
    ~Temporary() { discard(); }

    // Creates the temporary of `target`, or says why it could not.
    bool create(const std::filesystem::path& target, std::string& problem) {
        thread_local std::mt19937_64 random{std::random_device{}()};
        // A cleanup that opened the file before this run locked it may remove it: then it goes again.
        for (int attempt = 0; attempt < 8; ++attempt) {
            path_ = target.parent_path() / ("." + target.filename().string() + std::string(temp_marker) +
                                            std::to_string(::getpid()) + "." + std::to_string(random()));
            fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd_ < 0) {
                if (errno == EEXIST) continue;
                problem = "cannot create " + path_.string() + ": " + std::strerror(errno);
                return false;
            }
            if (::flock(fd_, LOCK_EX) != 0) {
                discard();
            } else if (names_this_file()) {
                return true;
            } else {
                ::close(std::exchange(fd_, -1));  // the name is no longer this file's: leave it
            }
        }
        problem = "cannot create a temporary file beside " + target.string();
        return false;
    }

    // Writes `content` and flushes it to disk: renamed after a crash, the file is never empty.
    bool write(const std::string& content, std::string& problem) {
        std::size_t done = 0;
        while (done < content.size()) {
            const ssize_t n = ::write(fd_, content.data() + done, content.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fail("cannot write " + path_.string(), problem);
            done += static_cast<std::size_t>(n);
        }
        return ::fsync(fd_) == 0 || fail("cannot write " + path_.string(), problem);
    }

    // Renames it over `target`; the lock lasts until its name is gone.
    bool commit(const std::filesystem::path& target, std::string& problem) {
        if (std::rename(path_.c_str(), target.c_str()) != 0) return fail("cannot write " + target.string(), problem);
        ::close(std::exchange(fd_, -1));
        return true;
    }

    // Removes it, unless committed.
    void discard() {
        if (fd_ < 0) return;
        ::unlink(path_.c_str());
        ::close(std::exchange(fd_, -1));
    }

private:
    // Whether the name still leads to the file this run opened and locked.
    bool names_this_file() const {
        struct stat opened {}, named {};
        return ::fstat(fd_, &opened) == 0 && ::lstat(path_.c_str(), &named) == 0 && opened.st_dev == named.st_dev &&
               opened.st_ino == named.st_ino;
    }

    static bool fail(const std::string& what, std::string& problem) {
        problem = what + ": " + std::strerror(errno);
        return false;
    }

    std::filesystem::path path_;
    int fd_ = -1;
};

// The temporaries of the files this run writes that no live run holds: an interrupted run's. Other
// runs may be writing the same files into the same folder at the same time; they hold theirs.
void remove_leftover_temporaries(const std::filesystem::path& dir, const std::vector<OutputFile>& files) {
    std::set<std::string> prefixes;
    for (const OutputFile& file : files) prefixes.insert("." + file.name + std::string(temp_marker));
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const std::size_t marker = name.find(temp_marker);
        if (marker == std::string::npos || prefixes.count(name.substr(0, marker + temp_marker.size())) == 0) continue;
        const int fd = ::open(entry.path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) ::unlink(entry.path().c_str());
        ::close(fd);
    }
}

// Each staged temporary stays open (its lock with it) until renamed: raises the limit on open files
// for `count` of them where the hard limit allows. Past it, creating one fails with EMFILE, and
// the run with it, before any output changes.
void allow_open_files(std::size_t count) {
    constexpr rlim_t spare = 64;  // the files errspec has open besides
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
    const rlim_t wanted = static_cast<rlim_t>(count) + spare;
    if (wanted <= limit.rlim_cur) return;
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

// Flushes a folder's entries, so that renames into it outlast a crash.
void sync_folder(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

bool write_if_different(const std::filesystem::path& path, const std::string& content, bool& changed,
                        std::string& problem) {
    changed = false;
    if (const auto existing = read_file(path); existing && *existing == content) return true;
    Temporary temporary;
    if (!temporary.create(path, problem) || !temporary.write(content, problem) || !temporary.commit(path, problem)) {
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

// All or nothing on disk too: every changed file is written to its temporary and flushed first,
// and only when all of them are does any replace its output. A write that fails (a full disk, a
// file size limit) leaves every output as it was. What remains is the rename step itself: renames
// are atomic one by one, not as a group, so a crash or a failing rename among them leaves the
// outputs renamed before it new and the others old (each one whole).
bool DiskSink::accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) {
    if (!check_names(files, problems)) return false;
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) {
        problems.push_back("cannot create " + dir_.string() + ": " + ec.message());
        return false;
    }
    remove_leftover_temporaries(dir_, files);
    allow_open_files(files.size());
    std::vector<std::pair<const OutputFile*, Temporary>> staged;
    staged.reserve(files.size());
    std::string problem;
    for (const OutputFile& file : files) {
        if (const auto existing = read_file(dir_ / file.name); existing && *existing == file.content) continue;
        // No rename can replace a folder: found now, it stops the run before any output changes.
        if (std::filesystem::is_directory(std::filesystem::symlink_status(dir_ / file.name, ec))) {
            problems.push_back("cannot write " + (dir_ / file.name).string() + ": it is a folder");
            return false;
        }
        staged.emplace_back(&file, Temporary());
        Temporary& temporary = staged.back().second;
        if (!temporary.create(dir_ / file.name, problem) || !temporary.write(file.content, problem)) {
            problems.push_back(problem);
            return false;  // each temporary removes itself
        }
    }
    for (auto& [file, temporary] : staged) {
        if (!temporary.commit(dir_ / file->name, problem)) {
            problems.push_back(problem);
            return false;
        }
        written_.push_back(file->name);
    }
    if (!staged.empty()) sync_folder(dir_);
    return true;
}

bool CheckSink::accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) {
    if (!check_names(files, problems)) return false;
    for (const OutputFile& file : files) {
        const auto existing = read_file(dir_ / file.name);
        if (!existing || *existing != file.content) stale_.push_back(file.name);
    }
    return true;
}

}  // namespace errspec
