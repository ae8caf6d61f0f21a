// errspec's command line: generate, check, model, diff, runtime. Exit codes: 0 success, 1 spec errors or stale
// outputs, 2 usage errors.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <thread>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "depfile.hpp"
#include "diagnostics.hpp"
#include "diff.hpp"
#include "language_tag.hpp"
#include "pipeline.hpp"
#include "run_cache.hpp"
#include "runtime_sources.hpp"
#include "targets.hpp"
#include "view.hpp"
#include "write.hpp"

namespace {

using namespace errspec;

constexpr int exit_ok = 0, exit_failure = 1, exit_usage = 2;

// One line on stderr about errspec's own work (not a spec's), printable as every diagnostic is.
std::string tool_message(const std::string& message, Severity severity = Severity::error) {
    return format_diagnostic({"errspec", {}, severity, message}) + '\n';
}

// What a run says of its specs and templates, for stderr (and the run cache, which says it again).
std::string diagnostics_text(const Generation& generation) {
    std::string text;
    for (const Diagnostic& diagnostic : generation.diagnostics) text += format_diagnostic(diagnostic) + '\n';
    for (const std::string& error : generation.errors) text += tool_message(error);
    return text;
}

std::vector<std::string> split_list(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const std::string& item : items) {
        std::size_t start = 0;
        while (start <= item.size()) {
            const std::size_t comma = std::min(item.find(',', start), item.size());
            if (comma > start) out.push_back(item.substr(start, comma - start));
            start = comma + 1;
        }
    }
    return out;
}

struct GenerateArgs {
    std::vector<std::string> specs;
    std::string output_dir;
    std::vector<std::string> targets;
    std::string templates_dir;
    std::string depfile;
    std::string depfile_target;  // empty: the depfile's targets are the outputs
    std::string cache;           // empty: no run cache
    bool check = false;
    GenerateOptions options;
};

// Every option that changes what a run writes, for the run cache.
nlohmann::json cache_options(const GenerateArgs& args, const std::vector<const Target*>& targets) {
    nlohmann::json names = nlohmann::json::array();
    for (const Target* target : targets) names.push_back(target->name);
    return {{"specs", args.specs},           {"output", args.output_dir},
            {"targets", names},              {"templates", args.templates_dir},
            {"depfile", args.depfile},       {"depfile_target", args.depfile_target},
            {"strict", args.options.check.strict}, {"locale", args.options.locale},
            {"front_matter", args.options.front_matter}};
}

struct CacheCheck {
    nlohmann::json settings;
    std::optional<Digests> read;  // nullopt: an input could not be read, so nothing is cached
};

// A run is recorded only when every file it read was digested before it read it.
bool can_record(const CacheCheck& cache, const Generation& generation) {
    if (cache.settings.is_null() || !cache.read) return false;
    return std::all_of(generation.inputs.begin(), generation.inputs.end(), [&](const std::string& input) {
        return cache.read->count(input) != 0 ||
               cache.read->count(std::filesystem::path(input).lexically_normal().string()) != 0;
    });
}

int run_generate(const GenerateArgs& args) {
    std::vector<const Target*> targets;
    for (const std::string& name : split_list(args.targets)) {
        const Target* target = find_target(name);
        if (target == nullptr) {
            std::cerr << tool_message("unknown target '" + name + "'; the targets are " + target_names());
            return exit_usage;
        }
        if (std::find(targets.begin(), targets.end(), target) == targets.end()) targets.push_back(target);
    }
    const std::optional<std::filesystem::path> templates_dir =
        args.templates_dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(args.templates_dir);
    std::optional<CacheCheck> cache;
    if (!args.cache.empty()) {
        cache.emplace(CacheCheck{run_settings(cache_options(args, targets)), input_digests(args.specs, templates_dir)});
        if (cache->read) {
            if (const auto messages = replay(args.cache, cache->settings, *cache->read)) {
                std::cerr << printable_lines(*messages);  // as recorded, unless the file was edited
                return exit_ok;
            }
        }
    }
    GenerateOptions options = args.options;
    options.keep_views_until_exit = true;  // the process ends after writing
    const Generation generation = generate(args.specs, targets, TemplateSet(templates_dir), options);
    const std::string messages = diagnostics_text(generation);
    std::cerr << messages;
    if (!generation.ok()) return exit_failure;

    std::vector<std::string> problems;
    if (args.check) {
        CheckSink sink(args.output_dir);
        sink.accept(generation.files, problems);
        for (const std::string& name : sink.stale()) {
            std::cerr << tool_message((std::filesystem::path(args.output_dir) / name).string() +
                                      " is stale; regenerate it (errspec generate without --check)");
        }
        for (const std::string& problem : problems) std::cerr << tool_message(problem);
        return sink.stale().empty() && problems.empty() ? exit_ok : exit_failure;
    }
    // The depfile first: a path it cannot hold stops the run before anything is written.
    std::optional<std::string> depfile;
    if (!args.depfile.empty()) {
        std::vector<std::string> depfile_targets;
        if (!args.depfile_target.empty()) {
            depfile_targets.push_back(args.depfile_target);
        } else {
            for (const OutputFile& file : generation.files) {
                depfile_targets.push_back((std::filesystem::path(args.output_dir) / file.name).string());
            }
        }
        depfile = make_depfile(depfile_targets, generation.inputs, problems);
        if (!depfile) {
            for (const std::string& problem : problems) std::cerr << tool_message(args.depfile + ": " + problem);
            return exit_failure;
        }
    }
    DiskSink sink(args.output_dir);
    bool ok = sink.accept(generation.files, problems);
    if (ok && depfile) {
        bool changed = false;
        std::string problem;
        if (!write_if_different(args.depfile, *depfile, changed, problem)) {
            problems.push_back(problem);
            ok = false;
        }
    }
    if (ok && cache && can_record(*cache, generation)) {
        RecordedRun run{cache->settings, *cache->read, {}, messages};
        for (const OutputFile& file : generation.files) {
            run.written[(std::filesystem::path(args.output_dir) / file.name).string()] = digest(file.content);
        }
        if (depfile) run.written[args.depfile] = digest(*depfile);
        std::string problem;
        if (!record(args.cache, run, problem)) std::cerr << tool_message("no run cache: " + problem, Severity::warning);
    }
    for (const std::string& problem : problems) std::cerr << tool_message(problem);
    return ok ? exit_ok : exit_failure;
}

// Every target, as the default of --target.
std::string target_names_list() {
    std::string names;
    for (const Target& target : all_targets()) names += (names.empty() ? "" : ",") + std::string(target.name);
    return names;
}

int run_check(const std::vector<std::string>& specs, const CheckOptions& options) {
    const Generation generation = generate(specs, {}, TemplateSet{}, {options, {}});
    std::cerr << diagnostics_text(generation);
    return generation.ok() ? exit_ok : exit_failure;
}

// Loads and checks one spec for `model` and `diff`, printing its diagnostics.
std::optional<Spec> load_for_command(const std::string& path) {
    Diagnostics diagnostics(path);
    std::optional<Spec> spec = load_checked(path, diagnostics);
    for (const Diagnostic& diagnostic : diagnostics.sorted()) std::cerr << format_diagnostic(diagnostic) << '\n';
    return spec;
}

int run_model(const std::string& path, const std::string& locale) {
    const std::optional<Spec> spec = load_for_command(path);
    if (!spec) return exit_failure;
    std::cout << model_json(build_view(build_model(*spec, locale), all_view_parts())).dump(2) << '\n';
    return exit_ok;
}

int run_diff(const std::string& before_path, const std::string& after_path, bool as_json) {
    const std::optional<Spec> before = load_for_command(before_path);
    const std::optional<Spec> after = load_for_command(after_path);
    if (!before || !after) return exit_failure;
    const std::vector<SpecChange> changes = diff_models(build_model(*before), build_model(*after));
    if (as_json) {
        std::cout << changes_to_json(changes).dump(2) << '\n';
    } else {
        std::cout << changes_to_text(changes);
    }
    const bool breaking = std::any_of(changes.begin(), changes.end(), [](const SpecChange& c) { return c.breaking; });
    return breaking ? exit_failure : exit_ok;
}

// Writes the runtime's sources into `dir` (include/errspec/, src/, CMakeLists.txt), each file
// only when its bytes change, as generate writes.
int run_runtime(const std::filesystem::path& dir) {
    std::map<std::filesystem::path, std::vector<OutputFile>> by_folder;
    for (const auto& [path, content] : runtime_sources()) {
        const std::filesystem::path relative(std::string{path});
        by_folder[relative.parent_path()].push_back({relative.filename().string(), std::string(content)});
    }
    std::vector<std::string> problems;
    for (const auto& [folder, files] : by_folder) {
        std::error_code ec;
        std::filesystem::create_directories(dir / folder, ec);
        if (ec) problems.push_back("cannot create " + (dir / folder).string() + ": " + ec.message());
        DiskSink sink(dir / folder);
        if (!ec) sink.accept(files, problems);
    }
    for (const std::string& problem : problems) std::cerr << "errspec: error: " << problem << '\n';
    return problems.empty() ? exit_ok : exit_failure;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef __GLIBC__
    // Blocks of 128 KB and more (outputs, a view's long lists) are mapped and go back to the
    // system when freed: glibc's default raises the mapping threshold to the largest block freed,
    // which kept 12 MB more of a 10 000-code run's peak memory.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // An arena per core, not glibc's eight: a thread that starts while another runs beside the
    // core's work (the lint beside the views) takes an arena of the ones before, and the memory
    // freed there, rather than a new one (15 MB more at the peak of a 10 000-code run). With one
    // arena for all, the targets rendering side by side waited for each other's allocations
    // (CPU +0.2 s for 9 MB less).
    mallopt(M_ARENA_MAX, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
#endif
    CLI::App app{"errspec: checks API error specs and generates C++ code, clients and docs from them"};
    app.set_version_flag("--version", std::string("errspec ") + ERRSPEC_VERSION);
    app.require_subcommand(1);

    // --locale goes into <html lang>: only a language tag may pass.
    const CLI::Validator language_tag(
        [](std::string& value) {
            return is_language_tag(value) ? std::string()
                                          : "'" + printable(value) + "' is not a language tag (en, fr, pt-BR, zh-Hant)";
        },
        "TAG");
    GenerateArgs generate_args;
    generate_args.targets = {target_names_list()};
    CLI::App* generate_cmd = app.add_subcommand("generate", "Check specs and generate every target's files");
    generate_cmd->add_option("specs", generate_args.specs, "Spec files (YAML)")->required();
    generate_cmd->add_option("-o,--output", generate_args.output_dir, "Output folder (created when missing)")
        ->required();
    generate_cmd->add_option("-t,--target", generate_args.targets,
                             "Targets, comma-separated: " + target_names())
        ->capture_default_str();
    generate_cmd->add_option("--templates", generate_args.templates_dir,
                             "Folder of templates overriding the built-in ones file by file")
        ->check(CLI::ExistingDirectory);
    generate_cmd->add_option("--depfile", generate_args.depfile,
                             "Write a Make-style depfile listing every input (for Ninja and Make)");
    generate_cmd
        ->add_option("--depfile-target", generate_args.depfile_target,
                     "The target the depfile names instead of the outputs (a build system's stamp file)")
        ->needs("--depfile");
    CLI::Option* check_flag = generate_cmd->add_flag(
        "--check", generate_args.check, "Write nothing; exit 1 listing every output that is missing or stale");
    generate_cmd
        ->add_option("--cache", generate_args.cache,
                     "Record the run in this file, and skip a later run that would write the very files "
                     "already there (same errspec, options and inputs, outputs untouched)")
        ->excludes(check_flag);
    generate_cmd->add_flag("--strict", generate_args.options.check.strict,
                           "Fail on any error without a message, fix text or example body");
    generate_cmd
        ->add_option("--locale", generate_args.options.locale,
                     "Locale of the docs targets' texts (default: the spec's api.locale, else en)")
        ->check(language_tag);
    generate_cmd->add_flag("--front-matter", generate_args.options.front_matter,
                           "Open the Markdown page with YAML front matter (title, description, slug) for a "
                           "docs site, in place of its # title");

    std::vector<std::string> check_specs;
    CheckOptions check_options;
    CLI::App* check_cmd = app.add_subcommand("check", "Validate and lint specs; exit 1 on any error");
    check_cmd->add_option("specs", check_specs, "Spec files (YAML)")->required();
    check_cmd->add_flag("--strict", check_options.strict,
                        "Docs completeness gate: fail on any error without a message, fix text or example body");

    std::string model_spec, model_locale;
    CLI::App* model_cmd = app.add_subcommand("model", "Print the JSON data model the templates see");
    model_cmd->add_option("spec", model_spec, "Spec file (YAML)")->required();
    model_cmd->add_option("--locale", model_locale, "Locale of the texts (default: the spec's)")->check(language_tag);

    std::string diff_before, diff_after;
    bool diff_json = false;
    CLI::App* diff_cmd = app.add_subcommand(
        "diff", "Report the changes from OLD to NEW; exit 1 when one breaks code generated from OLD");
    diff_cmd->add_option("old", diff_before, "The spec as it was")->required();
    diff_cmd->add_option("new", diff_after, "The spec as it is now")->required();
    diff_cmd->add_flag("--json", diff_json, "Print the changes as JSON");

    std::string runtime_dir;
    CLI::App* runtime_cmd = app.add_subcommand(
        "runtime", "Write the sources of the runtime generated C++ links (errspec::runtime), for builds without errspec");
    runtime_cmd->add_option("-o,--output", runtime_dir, "Output folder (created when missing)")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage;
    }
    try {
        if (generate_cmd->parsed()) return run_generate(generate_args);
        if (check_cmd->parsed()) return run_check(check_specs, check_options);
        if (diff_cmd->parsed()) return run_diff(diff_before, diff_after, diff_json);
        if (runtime_cmd->parsed()) return run_runtime(runtime_dir);
        return run_model(model_spec, model_locale);
    } catch (const std::exception& e) {
        // A bug, not a spec problem: say so plainly rather than abort with a core dump.
        std::cerr << "errspec: internal error: " << printable(e.what()) << '\n';
        return exit_failure;
    }
}
