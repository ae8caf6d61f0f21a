// Diagnostics: every problem errspec finds in a spec, with its position, in GCC's format so that
// editors and CI annotate the line.
#pragma once

#include <string>
#include <vector>

namespace errspec {

// A 1-based position in a spec file. line == 0 means "the file as a whole" (unreadable, empty).
struct SourcePos {
    int line = 0;
    int column = 0;
};

enum class Severity { error, warning };

struct Diagnostic {
    std::string file;
    SourcePos pos;
    Severity severity = Severity::error;
    std::string message;
};

// "file:line:col: error: message", or "file: error: message" without a position.
std::string format_diagnostic(const Diagnostic& diagnostic);

// Collects the diagnostics of one spec file in the order they were found.
class Diagnostics {
public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void error(SourcePos pos, std::string message);
    void warning(SourcePos pos, std::string message);

    const std::string& file() const { return file_; }
    const std::vector<Diagnostic>& all() const { return items_; }
    bool has_errors() const { return error_count_ > 0; }
    std::size_t error_count() const { return error_count_; }

    // Sorted by position, so that the output reads top to bottom however the stages found them.
    std::vector<Diagnostic> sorted() const;

private:
    std::string file_;
    std::vector<Diagnostic> items_;
    std::size_t error_count_ = 0;
};

}  // namespace errspec
