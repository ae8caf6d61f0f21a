#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace errspec {
namespace {

struct OpenFile {
    int fd;
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile() { reset(-1); }
    void reset(int other) {
        if (fd >= 0) ::close(fd);
        fd = other;
    }
};

FileRead failed(FileRead::Status status, int error_number = 0) {
    FileRead read;
    read.status = status;
    read.error_number = error_number;
    return read;
}

FileRead failed_to_open(int error_number) {
    return failed(error_number == ENOENT || error_number == ENOTDIR ? FileRead::Status::missing : FileRead::Status::failed,
                  error_number);
}

// O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever; it changes
// nothing for the regular files read below.
constexpr int open_file_flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

FileRead read_open_file(const OpenFile& file, std::size_t max_bytes) {
    struct stat status {};
    if (::fstat(file.fd, &status) != 0) return failed(FileRead::Status::failed, errno);
    if (S_ISDIR(status.st_mode)) return failed(FileRead::Status::directory);
    if (!S_ISREG(status.st_mode)) return failed(FileRead::Status::not_regular);
    FileRead read = failed(FileRead::Status::too_large);
    read.size = static_cast<std::size_t>(status.st_size);
    if (read.size > max_bytes) return read;
    // One byte more than fstat said, so that the read that finds the end needs no larger buffer. A
    // file that grows while being read is read to its end, up to max_bytes.
    read.bytes.resize(read.size + 1);
    std::size_t done = 0;
    for (;;) {
        if (done == read.bytes.size()) read.bytes.resize(done + 65536);
        const ssize_t n = ::read(file.fd, read.bytes.data() + done, read.bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failed(FileRead::Status::failed, errno);
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
        if (done > max_bytes) {
            read.size = done;
            read.bytes.clear();
            return read;
        }
    }
    read.bytes.resize(done);
    read.status = FileRead::Status::ok;
    return read;
}

}  // namespace

FileRead read_regular_file(const std::string& path, std::size_t max_bytes) {
    const OpenFile file{::open(path.c_str(), open_file_flags)};
    if (file.fd < 0) return failed_to_open(errno);
    return read_open_file(file, max_bytes);
}

bool is_plain_relative_path(const std::string& relative) {
    if (relative.find('\0') != std::string::npos) return false;
    for (std::size_t start = 0;;) {
        const std::size_t slash = relative.find('/', start);
        const std::string_view name = std::string_view(relative).substr(start, slash == std::string::npos ? slash : slash - start);
        if (name.empty() || name == "." || name == "..") return false;
        if (slash == std::string::npos) return true;
        start = slash + 1;
    }
}

FileRead read_regular_file_inside(const std::string& folder, const std::string& relative, std::size_t max_bytes) {
    if (!is_plain_relative_path(relative)) return failed(FileRead::Status::failed, EINVAL);
    OpenFile at{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (at.fd < 0) return failed_to_open(errno);
    for (std::size_t start = 0;;) {
        const std::size_t slash = relative.find('/', start);
        const std::string name = relative.substr(start, slash == std::string::npos ? slash : slash - start);
        const bool last = slash == std::string::npos;
        const int fd = ::openat(at.fd, name.c_str(), (last ? open_file_flags : O_RDONLY | O_DIRECTORY | O_CLOEXEC) | O_NOFOLLOW);
        if (fd < 0) {
            const int error_number = errno;
            struct stat status {};
            if (::fstatat(at.fd, name.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(status.st_mode)) {
                return failed(FileRead::Status::symbolic_link);
            }
            return failed_to_open(error_number);
        }
        at.reset(fd);
        if (last) return read_open_file(at, max_bytes);
        start = slash + 1;
    }
}

}  // namespace errspec
