#include "diagnostics.hpp"

#include <algorithm>

namespace errspec {

namespace {

// A diagnostic is one line: spec text quoted in a message (a code spanning lines) must not start
// a line of its own, which CI would read as another diagnostic.
std::string one_line(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string out = one_line(diagnostic.file);
    if (diagnostic.pos.line > 0) {
        out += ':' + std::to_string(diagnostic.pos.line) + ':' + std::to_string(diagnostic.pos.column);
    }
    out += diagnostic.severity == Severity::error ? ": error: " : ": warning: ";
    out += one_line(diagnostic.message);
    return out;
}

void Diagnostics::error(SourcePos pos, std::string message) {
    items_.push_back({file_, pos, Severity::error, std::move(message)});
    ++error_count_;
}

void Diagnostics::warning(SourcePos pos, std::string message) {
    items_.push_back({file_, pos, Severity::warning, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
        return a.pos.column < b.pos.column;
    });
    return out;
}

}  // namespace errspec
