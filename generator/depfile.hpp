// The depfile of a run (`generate --depfile`): which files its outputs depend on, for GNU Make
// (`-include`) and for Ninja (`depfile =`), which read different dialects of the same syntax.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace errspec {

// `targets: inputs`, each path escaped so that both GNU Make and Ninja (its 1.11 parser) read it as
// it is: ' ' and '#' after a backslash, ':' as "\:", '$' doubled, backslashes before a space
// doubled. nullopt, with a problem for each path in `problems`, when a path holds what they cannot
// both read: a line break or another control character, a quote, '&', '=', wildcards, a backslash
// before '#', ':' or '$' or at the end, ':' at the end, a leading '~', or '%' in a target.
std::optional<std::string> make_depfile(const std::vector<std::string>& targets, const std::vector<std::string>& inputs,
                                        std::vector<std::string>& problems);

}  // namespace errspec
