#include "pipeline.hpp"

#include <algorithm>
#include <map>

#include "check.hpp"
#include "load.hpp"
#include "view.hpp"

namespace errspec {
namespace {

std::optional<Model> checked_model(std::optional<Spec> spec, Diagnostics& diagnostics) {
    if (!spec) return std::nullopt;
    check_spec(*spec, diagnostics);
    if (diagnostics.has_errors()) return std::nullopt;
    return build_model(*spec);
}

template <typename LoadOne>
Generation run(const std::vector<std::string>& spec_files, LoadOne load_one, const std::vector<const Target*>& targets,
               const TemplateSet& templates) {
    Generation generation;
    std::vector<Model> models;
    bool spec_errors = false;
    for (std::size_t i = 0; i < spec_files.size(); ++i) {
        Diagnostics diagnostics{spec_files[i]};
        std::optional<Model> model = load_one(i, diagnostics, generation.inputs);
        for (const Diagnostic& d : diagnostics.sorted()) generation.diagnostics.push_back(d);
        spec_errors |= diagnostics.has_errors();
        if (model) models.push_back(std::move(*model));
    }
    if (spec_errors) return generation;  // all or nothing: nothing is rendered or written

    std::map<std::string, std::string> owner_of_id;
    for (const Model& model : models) {
        const auto [it, inserted] = owner_of_id.emplace(model.api.id, model.source);
        if (!inserted) {
            generation.errors.push_back("specs " + it->second + " and " + model.source + " both have api.id '" +
                                        model.api.id + "'; their outputs would overwrite each other");
        }
    }
    if (!generation.errors.empty()) return generation;

    std::vector<OutputFile> files;
    std::set<std::string> template_inputs;
    for (const Model& model : models) {
        const nlohmann::json view = build_view(model);
        for (const Target* target : targets) {
            RenderResult result = render_target(*target, view, templates);
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

std::optional<Model> load_model(const std::string& path, Diagnostics& diagnostics) {
    return checked_model(load_spec_file(path, diagnostics), diagnostics);
}

std::optional<Model> load_model_text(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
    return checked_model(load_spec_text(text, file, diagnostics), diagnostics);
}

Generation generate(const std::vector<std::string>& spec_paths, const std::vector<const Target*>& targets,
                    const TemplateSet& templates) {
    return run(spec_paths,
               [&](std::size_t i, Diagnostics& diagnostics, std::vector<std::string>& inputs) {
                   inputs.push_back(spec_paths[i]);
                   return load_model(spec_paths[i], diagnostics);
               },
               targets, templates);
}

Generation generate_texts(const std::vector<std::pair<std::string, std::string>>& specs,
                          const std::vector<const Target*>& targets, const TemplateSet& templates) {
    std::vector<std::string> files;
    for (const auto& spec : specs) files.push_back(spec.first);
    return run(files,
               [&](std::size_t i, Diagnostics& diagnostics, std::vector<std::string>&) {
                   return load_model_text(specs[i].second, specs[i].first, diagnostics);
               },
               targets, templates);
}

}  // namespace errspec
