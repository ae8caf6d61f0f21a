// The load stage: a spec file -> `Spec`, every problem of form reported (unknown or duplicate keys,
// wrong types, missing required keys), all of them, not just the first.
#pragma once

#include <optional>
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

// The known key closest to `key`, for "did you mean" hints; empty when none is close.
std::string closest_match(std::string_view key, const std::vector<std::string_view>& known);

}  // namespace errspec
