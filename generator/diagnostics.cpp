#include "diagnostics.hpp"

#include <algorithm>
#include <cstdio>

#include "unicode.hpp"

namespace errspec {

SourcePos advanced(SourcePos pos, std::string_view bytes) {
    for (const char c : bytes) {
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

namespace {

void append_escape(std::string& out, const char* format, unsigned value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, format, value);
    out += buffer;
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const std::size_t length = unicode::decode_utf8(text, i, c);
        if (length == 0) {
            append_escape(out, "\\x%02x", static_cast<unsigned char>(text[i++]));
            continue;
        }
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            append_escape(out, "\\x%02x", static_cast<unsigned>(c));
        } else if ((c >= 0x80 && c <= 0x9F) || unicode::is_invisible(c)) {
            // Invisible characters include the bidirectional controls, which reorder the rest of a
            // line, and the line and paragraph separators, which break it in some viewers.
            append_escape(out, c > 0xFFFF ? "\\U%08x" : "\\u%04x", static_cast<unsigned>(c));
        } else {
            out.append(text, i, length);
        }
        i += length;
    }
    return out;
}

std::string printable_lines(std::string_view text) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        out += printable(text.substr(start, end - start));
        if (end < text.size()) out += '\n';
        start = end + 1;
    }
    return out;
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string out = printable(diagnostic.file);
    if (diagnostic.pos.line > 0) {
        out += ':' + std::to_string(diagnostic.pos.line) + ':' + std::to_string(diagnostic.pos.column);
    }
    out += diagnostic.severity == Severity::error ? ": error: " : ": warning: ";
    out += printable(diagnostic.message);
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
