#include "pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <mutex>

#include "lint.hpp"
#include "load.hpp"
#include "parallel.hpp"
#include "view.hpp"

namespace errspec {
namespace {

// When a spec's lint runs: at once, or (for a spec without errors) when its caller says. Its
// warnings never stop anything, so generation runs it beside building the spec's views.
enum class Lint { now, by_caller };

std::optional<Spec> checked(std::optional<Spec> spec, Diagnostics& diagnostics, const CheckOptions& options, Lint lint) {
    if (!spec) return std::nullopt;
    check_spec(*spec, diagnostics, options);
    const bool errors = diagnostics.has_errors();
    if (errors || lint == Lint::now) lint_codes(*spec, diagnostics);
    if (errors) return std::nullopt;
    return spec;
}

// The views of a run, kept until the process exits when the caller asks (the command line does):
// freeing those of 10 000 codes takes a tenth of a second of CPU that nobody waits for, and
// compilers do not free their trees at exit either (clang's -disable-free). Reachable from here,
// so that leak checkers see no leak.
void keep_until_exit(std::vector<View> views) {
    static std::mutex mutex;
    static auto* const kept = new std::vector<View>();
    const std::lock_guard<std::mutex> lock(mutex);
    for (View& view : views) kept->push_back(std::move(view));
}

template <typename LoadOne>
Generation run(const std::vector<std::string>& spec_files, LoadOne load_one, const std::vector<const Target*>& targets,
               const TemplateSet& templates, const GenerateOptions& options, std::vector<std::string> spec_inputs) {
    Generation generation;
    generation.inputs = std::move(spec_inputs);  // the spec files read from disk, for the depfile
    std::vector<Diagnostics> diagnostics;
    for (const std::string& file : spec_files) diagnostics.emplace_back(file);
    // The specs without errors, each with its diagnostics; their lint not run yet.
    std::vector<Spec> specs;
    std::vector<Diagnostics*> spec_diagnostics;
    bool spec_errors = false;
    for (std::size_t i = 0; i < spec_files.size(); ++i) {
        std::optional<Spec> loaded = load_one(i, diagnostics[i]);
        spec_errors |= diagnostics[i].has_errors();
        if (loaded) {
            specs.push_back(std::move(*loaded));
            spec_diagnostics.push_back(&diagnostics[i]);
        }
    }
    // Every spec's diagnostics, in file order, once its lint has run.
    const auto report = [&] {
        for (const Diagnostics& of_spec : diagnostics) {
            for (const Diagnostic& d : of_spec.sorted()) generation.diagnostics.push_back(d);
        }
    };
    const auto lint_all = [&] {
        for (std::size_t i = 0; i < specs.size(); ++i) lint_codes(specs[i], *spec_diagnostics[i]);
        report();
    };
    if (spec_errors) {
        lint_all();
        return generation;  // all or nothing: nothing is rendered or written
    }

    std::map<std::string, std::string> owner_of_id;
    for (const Spec& spec : specs) {
        const auto [it, inserted] = owner_of_id.emplace(spec.api.id.value, spec.file);
        if (!inserted) {
            generation.errors.push_back("specs " + it->second + " and " + spec.file + " both have api.id '" +
                                        spec.api.id.value + "'; their outputs would overwrite each other");
        }
    }
    if (!generation.errors.empty() || targets.empty()) {
        lint_all();
        return generation;  // errspec check renders nothing
    }

    std::vector<const Target*> localized;
    std::copy_if(targets.begin(), targets.end(), std::back_inserter(localized), [](const Target* t) { return t->follows_locale; });
    const auto other_locale = [&](const Spec& spec) {
        return !options.locale.empty() && options.locale != default_locale(spec);
    };
    // Read and parsed once for every spec of the run.
    std::vector<TargetTemplates> target_templates;
    for (const Target* target : targets) target_templates.emplace_back(*target, templates);
    // One spec at a time: its views (the one of its default locale, and for --locale another for
    // the docs), then every target rendered from them.
    std::vector<std::string> spec_names;
    std::vector<View> rendered_views;
    std::vector<std::vector<RenderResult>> results(specs.size(), std::vector<RenderResult>(targets.size()));
    for (std::size_t i = 0; i < specs.size(); ++i) {
        spec_names.push_back(specs[i].file);
        const bool docs_locale = other_locale(specs[i]);
        std::vector<const Target*> default_locale_targets;
        std::copy_if(targets.begin(), targets.end(), std::back_inserter(default_locale_targets),
                     [&](const Target* t) { return !(docs_locale && t->follows_locale); });
        View code_view, docs_view;
        // The spec's lint beside its models and views: on two cores, the views are built on one
        // core most of the time. The spec is freed as soon as both the lint and the models are
        // done with it, for the views to take its memory.
        std::atomic<int> reading_spec{2};
        const auto done_with_spec = [&] {
            if (--reading_spec == 0) specs[i] = Spec{};
        };
        parallel_for(2, [&](std::size_t job) {
            if (job == 0) {
                lint_codes(specs[i], *spec_diagnostics[i]);
                done_with_spec();
                return;
            }
            Model code_model = build_model(specs[i]);
            std::optional<Model> docs_model;
            if (docs_locale) docs_model = build_model(specs[i], options.locale);
            done_with_spec();
            // Each view owns its model: its deferred items are built from it while the targets render.
            code_view = build_view(std::move(code_model), view_parts(default_locale_targets));
            if (docs_model) docs_view = build_view(std::move(*docs_model), view_parts(localized));
        });
        for (View* view : {&code_view, &docs_view}) {
            if (view->json.contains("page")) view->json["page"]["has_front_matter"] = options.front_matter;
        }
        const auto view_of = [&](const Target* target) -> View& {
            return docs_locale && target->follows_locale ? docs_view : code_view;
        };
        // The targets render side by side, each reading the views and building the deferred items
        // it reaches on a thread of its own.
        parallel_for(targets.size(), [&](std::size_t t) { results[i][t] = target_templates[t].render(view_of(targets[t])); });
        rendered_views.push_back(std::move(code_view));
        rendered_views.push_back(std::move(docs_view));
    }

    std::vector<OutputFile> files;
    std::set<std::string> template_inputs;
    // A target's shared file (typescript's runtime) comes from every spec: written once, and only
    // when every spec rendered the same bytes (an override template could make them differ). Other
    // names cannot repeat: api ids are unique.
    struct FirstRendered {
        std::size_t file, spec;
    };
    std::map<std::string, FirstRendered> first_rendered;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        for (std::size_t t = 0; t < targets.size(); ++t) {
            RenderResult& result = results[i][t];
            for (std::string& error : result.errors) generation.errors.push_back(std::move(error));
            for (OutputFile& file : result.files) {
                const auto [first, inserted] = first_rendered.emplace(file.name, FirstRendered{files.size(), i});
                if (inserted) {
                    files.push_back(std::move(file));
                } else if (files[first->second.file].content != file.content) {
                    generation.errors.push_back(file.name + " renders differently for " + spec_names[first->second.spec] +
                                                " and " + spec_names[i] +
                                                "; a file every API shares must not depend on the spec");
                }
            }
            template_inputs.insert(result.inputs.begin(), result.inputs.end());
        }
    }
    report();
    generation.inputs.insert(generation.inputs.end(), template_inputs.begin(), template_inputs.end());
    if (generation.errors.empty()) generation.files = std::move(files);
    if (options.keep_views_until_exit) keep_until_exit(std::move(rendered_views));
    return generation;
}

}  // namespace

bool Generation::ok() const {
    return errors.empty() && std::none_of(diagnostics.begin(), diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::optional<Spec> load_checked(const std::string& path, Diagnostics& diagnostics, const CheckOptions& options) {
    return checked(load_spec_file(path, diagnostics), diagnostics, options, Lint::now);
}

std::optional<Spec> load_checked_text(std::string_view text, const std::string& file, Diagnostics& diagnostics,
                                      const CheckOptions& options) {
    return checked(load_spec_text(text, file, diagnostics), diagnostics, options, Lint::now);
}

Generation generate(const std::vector<std::string>& spec_paths, const std::vector<const Target*>& targets,
                    const TemplateSet& templates, const GenerateOptions& options) {
    return run(spec_paths,
               [&](std::size_t i, Diagnostics& diagnostics) {
                   return checked(load_spec_file(spec_paths[i], diagnostics), diagnostics, options.check, Lint::by_caller);
               },
               targets, templates, options, spec_paths);
}

Generation generate_texts(const std::vector<std::pair<std::string, std::string>>& specs,
                          const std::vector<const Target*>& targets, const TemplateSet& templates,
                          const GenerateOptions& options) {
    std::vector<std::string> files;
    for (const auto& spec : specs) files.push_back(spec.first);
    return run(files,
               [&](std::size_t i, Diagnostics& diagnostics) {
                   return checked(load_spec_text(specs[i].second, specs[i].first, diagnostics), diagnostics, options.check,
                                  Lint::by_caller);
               },
               targets, templates, options, {});
}

}  // namespace errspec
