#include "depfile.hpp"

#include <string_view>

namespace errspec {
namespace {

// What both read as itself in a path: Ninja's plain characters, less '[' (a wildcard to Make) and
// '=' (a variable assignment to Make). Ninja ends a path at any other character it meets unescaped,
// and keeps the backslash of one escaped, so those have no form at all.
bool is_plain(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
           std::string_view("+,-./_~(){}@!%]").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string quoted(char c) {
    if (c == '\n') return "a line break";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return "a control character";
    return std::string("'") + c + "'";
}

// Appends `path` escaped to `out`; or returns why it cannot be written, leaving `out` unfinished.
std::string append_escaped(const std::string& path, bool is_target, std::string& out) {
    if (path.empty()) return "an empty path";
    // Make expands "~" and "~user" to home folders, and reads "lib(member)" as an archive member.
    if (path[0] == '~') return "a leading '~'";
    if (path.back() == ')' && path.find('(') != std::string::npos) return "a final ')' after a '('";
    for (std::size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c == '\\') {
            // Both keep backslashes as they are, except that a run of them before a space is halved.
            const std::size_t end = path.find_first_not_of('\\', i);
            if (end == std::string::npos) return "a final backslash";
            if (path[end] != ' ' && !is_plain(static_cast<unsigned char>(path[end]))) {
                return "a backslash before " + quoted(path[end]);
            }
            out.append((end - i) * (path[end] == ' ' ? 2 : 1), '\\');
            i = end - 1;
        } else if (c == ' ' || c == '#') {
            out += '\\';
            out += c;
        } else if (c == '$') {
            out += "$$";
        } else if (c == ':') {
            // Ninja reads "\:" before a space or the line's end as those two characters.
            if (i + 1 == path.size()) return "a final ':'";
            out += "\\:";
        } else if (c == '%' && is_target) {
            return "'%' in a target, which Make reads as a pattern rule";
        } else if (is_plain(static_cast<unsigned char>(c))) {
            out += c;
        } else {
            return quoted(c);
        }
    }
    return {};
}

}  // namespace

std::optional<std::string> make_depfile(const std::vector<std::string>& targets, const std::vector<std::string>& inputs,
                                        std::vector<std::string>& problems) {
    std::string out;
    bool ok = true;
    const auto add = [&](const std::string& path, bool is_target) {
        const std::string problem = append_escaped(path, is_target, out);
        if (problem.empty()) return;
        problems.push_back("cannot list '" + path + "' in a depfile: GNU Make and Ninja have no common form for " +
                           problem);
        ok = false;
    };
    for (const std::string& target : targets) {
        if (!out.empty()) out += ' ';
        add(target, true);
    }
    out += ":";
    for (const std::string& input : inputs) {
        out += " \\\n  ";
        add(input, false);
    }
    if (!ok) return std::nullopt;
    return out + "\n";
}

}  // namespace errspec
