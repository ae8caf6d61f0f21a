#include "namer.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace errspec::namer {
namespace {

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& sorted_words, std::string_view word) {
    return std::binary_search(sorted_words.begin(), sorted_words.end(), word);
}

}  // namespace

std::string pascal_case(std::string_view code) {
    std::string out;
    bool at_part_start = true;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (!is_ascii_alnum(c)) {
            at_part_start = true;
            continue;
        }
        if (i > 0 && is_lower(code[i - 1]) && is_upper(c)) at_part_start = true;
        out += at_part_start ? to_upper(c) : to_lower(c);
        at_part_start = false;
    }
    if (!out.empty() && out[0] >= '0' && out[0] <= '9') out.insert(out.begin(), 'E');
    return out;
}

bool is_cpp_keyword(std::string_view word) {
    static constexpr std::array<std::string_view, 101> keywords = {
        "alignas", "alignof", "and", "and_eq", "asm", "atomic_cancel", "atomic_commit", "atomic_noexcept",
        "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char", "char16_t", "char32_t",
        "char8_t", "class", "co_await", "co_return", "co_yield", "compl", "concept", "const", "const_cast",
        "consteval", "constexpr", "constinit", "continue", "decltype", "default", "delete", "do", "double",
        "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "final", "float", "for",
        "friend", "goto", "if", "import", "inline", "int", "long", "module", "mutable", "namespace", "new",
        "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "override", "private",
        "protected", "public", "reflexpr", "register", "reinterpret_cast", "requires", "return", "short",
        "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "synchronized",
        "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
        "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};
    
    return contains(keywords, word);
}

bool is_standard_macro(std::string_view word) {
    static constexpr std::string_view macros[] = {
#include "standard_macros.inc"
    };
    if (std::binary_search(std::begin(macros), std::end(macros), word)) return true;
    // <cerrno> defines E followed by capitals (EACCES, ENOENT, E2BIG); POSIX reserves them all.
    return word.size() > 1 && word[0] == 'E' && std::any_of(word.begin() + 1, word.end(), is_upper) &&
           std::all_of(word.begin() + 1, word.end(), [](char c) { return is_upper(c) || (c >= '0' && c <= '9'); });
}

bool is_identifier(std::string_view word) {
    if (word.empty() || !(is_lower(word[0]) || is_upper(word[0]))) return false;
    if (word.find("__") != std::string_view::npos) return false;
    return std::all_of(word.begin(), word.end(), [](char c) { return is_ascii_alnum(c) || c == '_'; });
}

}  // namespace errspec::namer
