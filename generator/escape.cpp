#include "escape.hpp"

#include <cstdio>

#include "unicode.hpp"

namespace errspec::escape {
namespace {

// Length of an invisible character (unicode::is_invisible) at `i`, whose code point goes to
// `code_point`; 0 when none is there.
std::size_t invisible_length(std::string_view s, std::size_t i, char32_t& code_point) {
    if (static_cast<unsigned char>(s[i]) < 0x80) return 0;
    const std::size_t length = unicode::decode_utf8(s, i, code_point);
    return length > 0 && unicode::is_invisible(code_point) ? length : 0;
}

// The code point of the UTF-8 sequence of `length` bytes at `i` (input is valid UTF-8).
unsigned code_point(std::string_view s, std::size_t i, std::size_t length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(s[i + k])); };
    if (length == 2) return ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    return ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
}

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    return 2;
}

std::string octal(unsigned char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\%03o", static_cast<unsigned>(c));
    return buffer;
}

}  // namespace

std::string cpp_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '?': out += "\\?"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        default: break;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            out += octal(byte);  // octal escapes end after three digits, unlike \x
        } else if (char32_t invisible = 0; const std::size_t length = invisible_length(text, i, invisible)) {
            // The character's own bytes, whatever the compiler's execution character set.
            for (std::size_t k = 0; k < length; ++k) out += octal(static_cast<unsigned char>(text[i + k]));
            i += length - 1;
        } else {
            out += c;
        }
    }
    return out;
}

std::string cpp_comment(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (char32_t invisible = 0; const std::size_t length = invisible_length(text, i, invisible)) {
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, invisible > 0xFFFF ? "\\U%08X" : "\\u%04X",
                          static_cast<unsigned>(invisible));
            out += buffer;
            i += length - 1;
        } else if (byte < 0x20 || byte == 0x7F) {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && (out.back() == '\\' || (out.size() >= 3 && out.compare(out.size() - 3, 3, "?\?/") == 0))) {
        out += " .";
    }
    return out;
}

namespace {

// How quoted_ascii writes a character above U+FFFF.
enum class Astral { surrogate_pair, long_escape };

// A double-quoted literal holding only printable ASCII: JSON's escapes, plus `astral`'s form.
std::string quoted_ascii(std::string_view text, Astral astral) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        char buffer[16];
        if (byte >= 0x80) {
            const std::size_t length = utf8_length(byte);
            unsigned cp = 0;
            if (length == 4) {
                cp = ((byte & 0x07u) << 18) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 12) |
                     ((static_cast<unsigned char>(text[i + 2]) & 0x3Fu) << 6) |
                     (static_cast<unsigned char>(text[i + 3]) & 0x3Fu);
                if (astral == Astral::long_escape) {
                    std::snprintf(buffer, sizeof buffer, "\\U%08x", cp);
                } else {
                    cp -= 0x10000;
                    std::snprintf(buffer, sizeof buffer, "\\u%04x\\u%04x", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
                }
            } else {
                std::snprintf(buffer, sizeof buffer, "\\u%04x", code_point(text, i, length));
            }
            out += buffer;
            i += length;
            continue;
        }
        switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': out += "\\u003c"; break;  // safe inside an HTML <script> block as well
        case '>': out += "\\u003e"; break;
        case '&': out += "\\u0026"; break;
        default:
            if (byte < 0x20 || byte == 0x7F) {
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(byte));
                out += buffer;
            } else {
                out += static_cast<char>(byte);
            }
        }
        ++i;
    }
    return out + "\"";
}

}  // namespace

std::string json_string(std::string_view text) { return quoted_ascii(text, Astral::surrogate_pair); }

std::string yaml_string(std::string_view text) { return quoted_ascii(text, Astral::long_escape); }

bool starts_mdx_esm(std::string_view text) {
    for (const std::string_view word : {std::string_view("import"), std::string_view("export")}) {
        if (text.substr(0, word.size()) != word) continue;
        if (text.size() == word.size()) return true;
        const char next = text[word.size()];
        const bool identifier_goes_on = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                                        (next >= '0' && next <= '9') || next == '_' || next == '$';
        if (!identifier_goes_on) return true;
    }
    return false;
}

std::string markdown_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t start = 0;
    // A template may put the text at the start of a line.
    for (; start < text.size() && text[start] == ' '; ++start) out += "&#32;";  // not an indented code block
    if (starts_mdx_esm(text.substr(start))) out += text[start++] == 'i' ? "&#105;" : "&#101;";
    if (start < text.size() && text[start] == '=') out += '\\';  // not a setext underline
    for (const char c : text.substr(start)) {
        switch (c) {
        // Entities, not backslashes, for what MDX reads as JSX or expressions.
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '{': out += "&#123;"; break;
        case '}': out += "&#125;"; break;
        case '&': out += "&amp;"; break;
        case '\n': case '\r': case '\t': out += ' '; break;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '(': case ')': case '#': case '+':
        case '-': case '.': case '!': case '|': case '~': case ':':
            out += '\\';
            out += c;
            break;
        default: out += c;
        }
    }
    return out;
}

std::string html_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string anchor(std::string_view text) {
    std::string out;
    bool dash = false;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        const bool upper = c >= 'A' && c <= 'Z';
        if (alnum || upper) {
            if (dash && !out.empty()) out += '-';
            out += upper ? static_cast<char>(c - 'A' + 'a') : c;
            dash = false;
        } else {
            dash = true;
        }
    }
    return out;
}

}  // namespace errspec::escape
