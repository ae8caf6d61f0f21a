// The stages in order, for the CLI and the tests: load and check every spec, and only when no
// spec has an error, build the models, the views and every output in memory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"
#include "diagnostics.hpp"
#include "model.hpp"
#include "render.hpp"

namespace errspec {

// Loads and checks one spec file; the spec only when it has no error.
std::optional<Spec> load_checked(const std::string& path, Diagnostics& diagnostics, const CheckOptions& options = {});
std::optional<Spec> load_checked_text(std::string_view text, const std::string& file, Diagnostics& diagnostics,
                                      const CheckOptions& options = {});

struct Generation {
    std::vector<Diagnostic> diagnostics;  // of every spec, errors and warnings, in file order
    std::vector<std::string> errors;      // problems that are not in a spec (templates, name clashes)
    std::vector<OutputFile> files;        // empty unless the run succeeded
    std::vector<std::string> inputs;      // every file read: specs and template files from disk
    bool ok() const;
};

struct GenerateOptions {
    CheckOptions check;
    std::string locale;  // for targets that follow it (docs); empty: each spec's default locale
    bool front_matter = false;  // the Markdown page opens with front matter instead of its # title
    // For a process that ends after the run: its views are never freed (see pipeline.cpp).
    bool keep_views_until_exit = false;
};

Generation generate(const std::vector<std::string>& spec_paths, const std::vector<const Target*>& targets,
                    const TemplateSet& templates, const GenerateOptions& options = {});

// The same for specs in memory: (file name, text).
Generation generate_texts(const std::vector<std::pair<std::string, std::string>>& specs,
                          const std::vector<const Target*>& targets, const TemplateSet& templates,
                          const GenerateOptions& options = {});

}  // namespace errspec
