// `errspec diff OLD NEW`: what an edit of a spec breaks for code already generated from it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "model.hpp"

namespace errspec {

struct SpecChange {
    std::string kind;  // code_removed, code_renamed, status_changed, enum_value_changed, ...
    bool breaking = false;
    std::string code;  // the code concerned; empty for spec-wide changes
    std::string message;
};

// Every change from `before` to `after`, breaking ones first, each group in spec order.
std::vector<SpecChange> diff_models(const Model& before, const Model& after);

std::string changes_to_text(const std::vector<SpecChange>& changes);
nlohmann::json changes_to_json(const std::vector<SpecChange>& changes);

}  // namespace errspec
