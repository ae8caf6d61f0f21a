// The lint: warnings where a valid spec will surprise its readers or the other YAML tools of a
// pipeline. Nothing here is an error; generation goes on.
#pragma once

#include <string_view>

#include "diagnostics.hpp"
#include "spec.hpp"

namespace errspec {

// Invisible characters (unicode::is_invisible) written raw anywhere in the spec's text, comments
// and keys included, each at its own line and column (bytes, as GCC counts). A zero width joiner
// inside an emoji sequence and a variation selector after an emoji are how emoji are written, not
// traps. An escape (`"\u200B"` in a double-quoted string) is visible in the spec and is not
// reported. `bytes` is valid UTF-8, a byte-order mark at its start already removed.
void lint_text(std::string_view bytes, Diagnostics& diagnostics);

// The codes: one written without quotes that YAML 1.1 or other YAML 1.2 readers type otherwise
// than errspec does (`no`, `on`, `0x1F`, `1_000`, `007`); one with a character outside printable
// ASCII; two that look the same (differing only in case or separators, or in characters that
// Unicode's confusables data, UTS #39, takes for one another).
void lint_codes(const Spec& spec, Diagnostics& diagnostics);

}  // namespace errspec
