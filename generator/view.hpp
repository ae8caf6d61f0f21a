// The view model: the model as the JSON that templates see (and `errspec model` prints). Every
// name, every escaped form and every first/last flag is computed here, so templates hold no logic.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <string_view>

#include "deferred.hpp"
#include "model.hpp"
#include "view_json.hpp"

namespace errspec {

// The view: its JSON, whose long lists hold markers for items built as templates reach them
// (deferred.hpp), and what builds those items, which owns the model they are built from.
struct View {
    View() = default;
    // A view whose JSON has no markers, as tests write one.
    View(ViewJson whole) : json(std::move(whole)) {}

    ViewJson json;
    std::shared_ptr<const DeferredItems> items;  // null when the JSON has no markers
};

// `parts`: the target-specific sections to build besides the shared part ("lookup", "client",
// "page", "typescript", "openapi"; targets.hpp says which target reads which). Each costs time
// and memory in proportion to the codes, so a run builds only those its targets read.
View build_view(Model model, const std::set<std::string_view>& parts);

// The view as templates see it: every deferred item built and every form of every text computed
// (forms::materialize).
ViewJson materialized(View view);

// The view as `errspec model` prints it: materialized, the members of each object sorted by name.
nlohmann::json model_json(View view);

}  // namespace errspec
