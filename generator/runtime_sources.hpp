// The errspec runtime's sources (runtime/), compiled into the binary by cmake/EmbedTemplates.cmake
// so that `errspec runtime -o DIR` can write them for projects that build without errspec.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace errspec {

// (path under runtime/, content), sorted by path.
const std::vector<std::pair<std::string_view, std::string_view>>& runtime_sources();

}  // namespace errspec
