// Reading a file whole, for the stages that take files from disk (specs, the run cache). Only
// regular files: a FIFO, socket or device may block or never end.
#pragma once

#include <cstddef>
#include <string>

namespace errspec {

struct FileRead {
    enum class Status { ok, missing, directory, not_regular, too_large, failed };
    Status status = Status::failed;
    std::string bytes;        // the content when ok
    std::size_t size = 0;     // the size found when too_large
    int error_number = 0;     // errno when failed
};

FileRead read_regular_file(const std::string& path, std::size_t max_bytes);

}  // namespace errspec
