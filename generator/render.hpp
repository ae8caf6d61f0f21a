// The render stage: the view model through Mustache templates into files in memory. Templates are
// built into the binary; a --templates folder overrides them file by file. Rendering is strict: a
// template that names anything the view model lacks fails instead of printing nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "targets.hpp"
#include "view.hpp"

namespace errspec {

struct OutputFile {
    std::string name;  // relative to the output folder
    std::string content;
};

class TemplateSet {
public:
    // Built-in templates only, or a folder whose files take precedence over them. The folder's
    // files are read only when they are regular files inside it: a name on the way that is a
    // symbolic link is refused, even one that points inside the folder.
    explicit TemplateSet(std::optional<std::filesystem::path> override_dir = std::nullopt);

    struct Found {
        std::string text;
        std::string file;     // the file on disk it came from; empty for a built-in template
        std::string refused;  // why the name or the folder's file may not be read; then no text
    };
    // Looks up "cpp/errors.hpp.mustache" or a partial "_partials/banner.mustache"; nothing when
    // neither the folder nor the built-in templates have it.
    std::optional<Found> find(const std::string& name) const;

private:
    std::optional<std::filesystem::path> override_dir_;
};

struct RenderResult {
    std::vector<OutputFile> files;
    std::vector<std::string> errors;  // "template X: what went wrong"
    std::set<std::string> inputs;     // template files read from disk, for the depfile
};

// A target's templates, read and parsed once to render the views of every spec of a run: parsing
// the client's templates cost more than rendering them. Problems found in the templates themselves
// (missing, unparsable, HTML-escaping tags) are reported with every render.
// Mustache records render errors in the parsed template, so one instance renders on one thread
// at a time; the pipeline gives each target to one thread.
class TargetTemplates {
public:
    TargetTemplates(const Target& target, const TemplateSet& templates);
    TargetTemplates(TargetTemplates&&) noexcept;
    ~TargetTemplates();

    // Every file of the target from the view (the JSON of view.hpp, whose "api.id" names the files).
    RenderResult render(const View& view);

private:
    struct File;
    const TemplateSet* templates_;  // for partials
    std::vector<File> files_;       // in the target's order
    std::set<std::string> inputs_;
};

// Parses the target's templates and renders one view: for a single spec.
RenderResult render_target(const Target& target, const View& view, const TemplateSet& templates);

}  // namespace errspec
