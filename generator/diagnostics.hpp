// Diagnostics: every problem errspec finds in a spec, with its position, in GCC's format so that
// editors and CI annotate the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace errspec {

// A 1-based position in a spec file. line == 0 means "the file as a whole" (unreadable, empty).
struct SourcePos {
    int line = 0;
    int column = 0;
};

// `pos` moved on over `bytes`: a line feed starts the next line, any other byte is a column.
SourcePos advanced(SourcePos pos, std::string_view bytes);

enum class Severity { error, warning };

struct Diagnostic {
    std::string file;
    SourcePos pos;
    Severity severity = Severity::error;
    std::string message;
};

// "file:line:col: error: message", or "file: error: message" without a position; both printable.
std::string format_diagnostic(const Diagnostic& diagnostic);

// `text` safe to print on a terminal as one line: line breaks, every other C0 control, DEL, C1
// controls, bidirectional controls, line separators and bytes that are not UTF-8 are written as
// escapes (\n, \x1b, \u202e, \xff), so that nothing quoted from a spec or a path can move the
// cursor, retitle the terminal, reorder the line or start a line that reads as another diagnostic.
std::string printable(std::string_view text);

// Each line of `text` printable, its line breaks kept: for messages read back from a file.
std::string printable_lines(std::string_view text);

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
