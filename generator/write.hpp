// The write stage: output sinks, as protobuf's GeneratorContext. Generation renders every file in
// memory first; a sink then takes them all, or none when anything failed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "render.hpp"

namespace errspec {

class OutputSink {
public:
    virtual ~OutputSink() = default;
    // Takes every file of one run. Returns false (and says why in `problems`) when it could not.
    virtual bool accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) = 0;
};

// Keeps the files; tests read them.
class MemorySink final : public OutputSink {
public:
    bool accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) override;
    const std::map<std::string, std::string>& files() const { return files_; }

private:
    std::map<std::string, std::string> files_;
};

// Writes into a folder: each file atomically (a temporary file renamed over it) and only when its
// bytes change, so unchanged outputs keep their mtime and trigger no rebuild. Every temporary is
// written before any is renamed, so a failed write changes no output. Leftover temporary files of
// an interrupted run are removed first; those of another run writing now are left alone.
class DiskSink final : public OutputSink {
public:
    explicit DiskSink(std::filesystem::path dir) : dir_(std::move(dir)) {}
    bool accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) override;
    const std::vector<std::string>& written() const { return written_; }

private:
    std::filesystem::path dir_;
    std::vector<std::string> written_;
};

// Writes nothing: lists every output that is missing or differs (`generate --check`, for CI).
class CheckSink final : public OutputSink {
public:
    explicit CheckSink(std::filesystem::path dir) : dir_(std::move(dir)) {}
    bool accept(const std::vector<OutputFile>& files, std::vector<std::string>& problems) override;
    const std::vector<std::string>& stale() const { return stale_; }

private:
    std::filesystem::path dir_;
    std::vector<std::string> stale_;
};

// The marker in temporary file names: ".NAME" + marker + "PID.RANDOM".
inline constexpr std::string_view temp_marker = ".errspec-tmp.";

// Writes `content` to `path` atomically when it differs from what is there. Returns false with a
// reason when it cannot.
bool write_if_different(const std::filesystem::path& path, const std::string& content, bool& changed,
                        std::string& problem);

}  // namespace errspec
