// The view model: the model as the JSON that templates see (and `errspec model` prints). Every
// name, every escaped form and every first/last flag is computed here, so templates hold no logic.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string_view>

#include "model.hpp"

namespace errspec {

// `parts`: the target-specific sections to build besides the shared part ("lookup", "client",
// "page", "typescript", "openapi"; targets.hpp says which target reads which). Each costs time
// and memory in proportion to the codes, so a run builds only those its targets read.
nlohmann::json build_view(const Model& model, const std::set<std::string_view>& parts);


}  // namespace errspec
