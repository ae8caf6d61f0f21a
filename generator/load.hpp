// The load stage: a spec file -> `Spec`, every problem of form reported (unknown or duplicate keys,
// wrong types, missing required keys), all of them, not just the first.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "diagnostics.hpp"
#include "spec.hpp"

namespace errspec {

// Reads and loads the spec at `path`. Returns nothing when the file cannot be read or parsed as
// YAML; otherwise a Spec holding whatever was well-formed, with the rest reported.
std::optional<Spec> load_spec_file(const std::string& path, Diagnostics& diagnostics);

// The same for bytes already in memory; `file` names them in diagnostics.
std::optional<Spec> load_spec_text(std::string_view bytes, const std::string& file, Diagnostics& diagnostics);

// "Did you mean" hints. Each costs an edit distance per candidate, so that a spec with thousands
// of unknown names among thousands of declared ones would take hours: one finder serves one spec
// with a budget of work, past which diagnostics come without hints.
class HintFinder {
public:
    // The known name closest to `name`; empty when none is close or the budget is spent.
    std::string closest(std::string_view name, const std::vector<std::string_view>& known);

private:
    std::uint64_t budget_ = 100'000'000;  // character comparisons: well under a second
};

}  // namespace errspec
