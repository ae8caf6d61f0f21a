// The Namer: how spec codes become C++ names. Shared by the check stage (collisions) and the model
// stage (the names themselves), so both agree by construction.
#pragma once

#include <string>
#include <string_view>

namespace errspec::namer {

// The enumerator name DESIGN.md specifies: split at every character that is not an ASCII letter or
// digit and at lower-to-upper changes, capitalise each part, prefix a leading digit with "E".
// Empty when the code has no ASCII letter or digit at all.
std::string pascal_case(std::string_view code);

// The enumerator every generated enum reserves for value 0, and the name a code that would take
// it gets instead.
inline constexpr std::string_view unknown_enumerator = "Unknown";
inline constexpr std::string_view unknown_replacement = "UnknownCode";

bool is_cpp_keyword(std::string_view word);
// Macros that would rewrite a name in the generated C++: those of the C and C++ standard headers
// (EOF, errno, NULL, assert, SIZE_MAX, the E* errno constants…), of the headers the generated code
// includes, and those the compilers predefine (linux and unix under -std=gnu++17); the list is
// generator/standard_macros.inc, written by scripts/standard-macros.
bool is_standard_macro(std::string_view word);
// [A-Za-z][A-Za-z0-9_]* without "__" (reserved to the implementation).
bool is_identifier(std::string_view word);

}  // namespace errspec::namer
