#include "pipeline.hpp"

#include <algorithm>
#include <iterator>
#include <map>

#include "load.hpp"
#include "view.hpp"

namespace errspec {
namespace {

std::optional<Spec> checked(std::optional<Spec> spec, Diagnostics& diagnostics, const CheckOptions& options) {
    if (!spec) return std::nullopt;
    check_spec(*spec, diagnostics, options);
    if (diagnostics.has_errors()) return std::nullopt;
    return spec;
}

template <typename LoadOne>
Generation run(const std::vector<std::string>& spec_files, LoadOne load_one, const std::vector<const Target*>& targets,
               const TemplateSet& templates, const GenerateOptions& options) {
    Generation generation;
    std::vector<Spec> specs;
    bool spec_errors = false;
    for (std::size_t i = 0; i < spec_files.size(); ++i) {
        Diagnostics diagnostics{spec_files[i]};
        std::optional<Spec> spec = load_one(i, diagnostics, generation.inputs);
        for (const Diagnostic& d : diagnostics.sorted()) generation.diagnostics.push_back(d);
        spec_errors |= diagnostics.has_errors();
        if (spec) specs.push_back(std::move(*spec));
    }
    if (spec_errors) return generation;  // all or nothing: nothing is rendered or written

    std::map<std::string, std::string> owner_of_id;
    for (const Spec& spec : specs) {
        const auto [it, inserted] = owner_of_id.emplace(spec.api.id.value, spec.file);
        if (!inserted) {
            generation.errors.push_back("specs " + it->second + " and " + spec.file + " both have api.id '" +
                                        spec.api.id.value + "'; their outputs would overwrite each other");
        }
    }
    if (!generation.errors.empty()) return generation;

    std::vector<OutputFile> files;
    std::set<std::string> template_inputs;
    // The view of another locale serves only the targets that follow it.
    std::vector<const Target*> localized;
    std::copy_if(targets.begin(), targets.end(), std::back_inserter(localized), [](const Target* t) { return t->follows_locale; });
    for (const Spec& spec : specs) {
        const bool other_locale = !options.locale.empty() && options.locale != default_locale(spec);
        std::vector<const Target*> default_locale_targets;
        std::copy_if(targets.begin(), targets.end(), std::back_inserter(default_locale_targets),
                     [&](const Target* t) { return !(other_locale && t->follows_locale); });
        const nlohmann::json code_view = build_view(build_model(spec), view_parts(default_locale_targets));
        const nlohmann::json docs_view =
            other_locale ? build_view(build_model(spec, options.locale), view_parts(localized)) : nlohmann::json();
        for (const Target* target : targets) {
            RenderResult result =
                render_target(*target, target->follows_locale && other_locale ? docs_view : code_view, templates);
            for (std::string& error : result.errors) generation.errors.push_back(std::move(error));
            for (OutputFile& file : result.files) files.push_back(std::move(file));
            template_inputs.insert(result.inputs.begin(), result.inputs.end());
        }
    }
    generation.inputs.insert(generation.inputs.end(), template_inputs.begin(), template_inputs.end());
    if (generation.errors.empty()) generation.files = std::move(files);
    return generation;
}

}  // namespace

bool Generation::ok() const {
    return errors.empty() && std::none_of(diagnostics.begin(), diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::optional<Spec> load_checked(const std::string& path, Diagnostics& diagnostics, const CheckOptions& options) {
    return checked(load_spec_file(path, diagnostics), diagnostics, options);
}

std::optional<Spec> load_checked_text(std::string_view text, const std::string& file, Diagnostics& diagnostics,
                                      const CheckOptions& options) {
    return checked(load_spec_text(text, file, diagnostics), diagnostics, options);
}

Generation generate(const std::vector<std::string>& spec_paths, const std::vector<const Target*>& targets,
                    const TemplateSet& templates, const GenerateOptions& options) {
    return run(spec_paths,
               [&](std::size_t i, Diagnostics& diagnostics, std::vector<std::string>& inputs) {
                   inputs.push_back(spec_paths[i]);
                   return load_checked(spec_paths[i], diagnostics, options.check);
               },
               targets, templates, options);
}

Generation generate_texts(const std::vector<std::pair<std::string, std::string>>& specs,
                          const std::vector<const Target*>& targets, const TemplateSet& templates,
                          const GenerateOptions& options) {
    std::vector<std::string> files;
    for (const auto& spec : specs) files.push_back(spec.first);
    return run(files,
               [&](std::size_t i, Diagnostics& diagnostics, std::vector<std::string>&) {
                   return load_checked_text(specs[i].second, specs[i].first, diagnostics, options.check);
               },
               targets, templates, options);
}

}  // namespace errspec
