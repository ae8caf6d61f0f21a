#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace errspec {
namespace {

struct OpenFile {
    int fd;
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile() {
        if (fd >= 0) ::close(fd);
    }
};

FileRead failed(FileRead::Status status, int error_number = 0) {
    FileRead read;
    read.status = status;
    read.error_number = error_number;
    return read;
}

}  // namespace

FileRead read_regular_file(const std::string& path, std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever; it changes
    // nothing for the regular files read below.
    const OpenFile file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    if (file.fd < 0) {
        return failed(errno == ENOENT || errno == ENOTDIR ? FileRead::Status::missing : FileRead::Status::failed, errno);
    }
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

}  // namespace errspec
