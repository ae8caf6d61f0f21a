#include "targets.hpp"

namespace errspec {

const std::vector<Target>& all_targets() {
    static const std::vector<Target> targets = {
        {"cpp", "enum class Error, metadata tables, code lookup, std::error_category",
         {{"cpp/errors.hpp.mustache", "_errors.hpp"}, {"cpp/errors.cpp.mustache", "_errors.cpp"}}, false, "lookup"},
        {"cpp-client", "decode and encode the error envelope, retry advice, an error handler skeleton",
         {{"cpp-client/client.hpp.mustache", "_client.hpp"},
          {"cpp-client/client.cpp.mustache", "_client.cpp"},
          {"cpp-client/handlers.stub.cpp.mustache", "_handlers.stub.cpp"}}, false, "client"},
        {"markdown", "the error reference page as CommonMark, safe for MDX and GFM sites",
         {{"markdown/errors.md.mustache", "-errors.md"}}, true, "page", "page_markdown"},
        {"html", "the error reference page as one standalone, searchable HTML file",
         {{"html/errors.html.mustache", "-errors.html"}}, true, "page", "page_html"},
        {"typescript", "error codes, metadata, typed errors, decodeError/encodeError/withRetry over a shared runtime module",
         {{"typescript/errors.ts.mustache", "-errors.ts"}, {"typescript/runtime.ts.mustache", "errspec-runtime.ts", true}},
         false, "typescript"},
        {"openapi", "OpenAPI 3.1 components: the envelope schema with its codes, a response per status with examples",
         {{"openapi/errors.openapi.yaml.mustache", "-errors.openapi.yaml"}}, false, "openapi"},
    };
    return targets;
}

std::set<std::string_view> view_parts(const std::vector<const Target*>& targets) {
    std::set<std::string_view> parts;
    for (const Target* target : targets) {
        if (!target->view_part.empty()) parts.insert(target->view_part);
        if (!target->page_forms.empty()) parts.insert(target->page_forms);
    }
    return parts;
}

std::set<std::string_view> all_view_parts() {
    std::vector<const Target*> targets;
    for (const Target& target : all_targets()) targets.push_back(&target);
    return view_parts(targets);
}

const Target* find_target(std::string_view name) {
    for (const Target& target : all_targets()) {
        if (target.name == name) return &target;
    }
    return nullptr;
}

std::string target_names() {
    std::string names;
    for (const Target& target : all_targets()) {
        if (!names.empty()) names += ", ";
        names += target.name;
    }
    return names;
}

}  // namespace errspec
