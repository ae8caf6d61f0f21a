// The targets errspec generates: each is a folder of templates and the files they become.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace errspec {

struct TargetFile {
    std::string_view template_name;  // path under templates/, e.g. "cpp/errors.hpp.mustache"
    std::string_view output_suffix;  // appended to the api id: "_errors.hpp"
    // One file for every API of a run (a runtime their files import): named `output_suffix` alone,
    // and the same bytes whichever spec renders it, so specs generated into one folder share it.
    bool shared = false;
};

struct Target {
    std::string_view name;
    std::string_view summary;
    std::vector<TargetFile> files;
    // Docs follow `generate --locale`; code always carries the spec's default locale.
    bool follows_locale = false;
    // The section of the view only this target reads (besides the shared part): the view builds
    // it only when a requested target needs it. Empty: the shared part is enough.
    std::string_view view_part;
    // For a docs target, the forms of each code's Markdown texts it prints ("page_markdown",
    // "page_html"): the page part renders only those a requested target prints. A view part name too.
    std::string_view page_forms = {};
};

// The view parts the targets read.
std::set<std::string_view> view_parts(const std::vector<const Target*>& targets);
// Every target's part: what `errspec model` prints.
std::set<std::string_view> all_view_parts();

const std::vector<Target>& all_targets();
const Target* find_target(std::string_view name);
std::string target_names();  // "cpp, cpp-client, ..." for help and errors

}  // namespace errspec
