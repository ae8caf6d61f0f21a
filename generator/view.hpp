// The view model: the model as the JSON that templates see (and `errspec model` prints). Every
// name, every escaped form and every first/last flag is computed here, so templates hold no logic.
#pragma once

#include <nlohmann/json.hpp>

#include "model.hpp"

namespace errspec {

nlohmann::json build_view(const Model& model);

}  // namespace errspec
