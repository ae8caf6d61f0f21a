// The templates under templates/, compiled into the binary by cmake/EmbedTemplates.cmake so that
// an installed errspec needs no data files.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace errspec {

// (path under templates/, content), sorted by path.
const std::vector<std::pair<std::string_view, std::string_view>>& builtin_templates();

}  // namespace errspec
