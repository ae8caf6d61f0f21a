// Reading a file whole, for the stages that take files from disk (specs, the run cache). Only
// regular files: a FIFO, socket or device may block or never end.
#pragma once

#include <cstddef>
#include <string>

namespace errspec {

struct FileRead {
    enum class Status { ok, missing, directory, not_regular, symbolic_link, too_large, failed };
    Status status = Status::failed;
    std::string bytes;        // the content when ok
    std::size_t size = 0;     // the size found when too_large
    int error_number = 0;     // errno when failed
};

FileRead read_regular_file(const std::string& path, std::size_t max_bytes);

// Whether `relative` is a path of plain names: no "..", "." or empty part, not absolute.
bool is_plain_relative_path(const std::string& relative);

// The file at `relative` (a plain relative path, else failed with EINVAL) inside
// `folder`, reached one name at a time without following a symbolic link, so that nothing outside
// the folder is read (a templates folder from a repository may hold links to /proc/self/environ).
// symbolic_link when a name on the way is one; missing when a name is missing or not a folder.
FileRead read_regular_file_inside(const std::string& folder, const std::string& relative, std::size_t max_bytes);

}  // namespace errspec
