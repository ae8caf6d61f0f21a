// The view model: the model as the JSON that templates see (and `errspec model` prints). Every
// name, every escaped form and every first/last flag is computed here, so templates hold no logic.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string_view>

#include "model.hpp"
#include "view_json.hpp"

namespace errspec {

// `parts`: the target-specific sections to build besides the shared part ("lookup", "client",
// "page", "typescript", "openapi"; targets.hpp says which target reads which). Each costs time
// and memory in proportion to the codes, so a run builds only those its targets read.
ViewJson build_view(const Model& model, const std::set<std::string_view>& parts);

// The view as `errspec model` prints it: every form of every text computed (forms::materialize),
// the members of each object sorted by name.
nlohmann::json model_json(ViewJson view);

}  // namespace errspec
