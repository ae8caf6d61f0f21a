// The view model: the model as the JSON that templates see (and `errspec model` prints). Every
// name, every escaped form and every first/last flag is computed here, so templates hold no logic.
#pragma once

#include <nlohmann/json.hpp>

#include "model.hpp"

namespace errspec {

// `with_docs_page`: also build `page`, what only the docs targets print; it costs about as much as
// the rest of the view, so code-only runs leave it out.
nlohmann::json build_view(const Model& model, bool with_docs_page = true);

}  // namespace errspec
