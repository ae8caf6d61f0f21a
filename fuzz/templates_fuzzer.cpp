// libFuzzer: random --templates folders through the renderer. Each input becomes a folder of
// templates and partials made of Mustache pieces: partials that include each other (themselves
// too) under plain, nested and hostile names ("..", absolute, empty parts), changes of delimiters,
// sections, double-brace variables, names the view lacks, unclosed tags, and symbolic links to a
// secret outside the folder and to the process environment. Whatever the folder, errspec must
// answer with files or errors: no crash, hang, leak or undefined behaviour (ASan and UBSan watch),
// no exception out of the pipeline, nothing of the secret in any output, no output past its limit.
//
// Sections name only what holds one item in the spec (one error, objects, booleans), so
// that no input multiplies lists into the render step limit's seconds; tests/hostile covers that
// limit. The folder is rewritten for each input under one temporary folder per process.
#include <fuzzer/FuzzedDataProvider.h>

#include <stdlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hostile/synthetic_spec.hpp"
#include "limits.hpp"
#include "pipeline.hpp"
#include "targets.hpp"
#include "view.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* k_secret = "SECRET-7f3a9c";

// Partial names as a tag writes them: files that may exist, and names that would leave the folder.
const std::vector<std::string> k_partial_names = {
    "a", "b", "banner", "sub/c", "sub", "../a", "..", ".", "./a", "sub/../a", "sub//c", "/etc/passwd",
    "../../secret", "", " a ", "a.mustache"};

// The pieces templates are made of.
const std::vector<std::string> k_pieces = {
    "text", " ", "\n", "{{{code}}}", "{{{source}}}", "{{{api.id}}}", "{{{title_html}}}", "{{&source}}",
    "{{code}}", "{{{no_such_name}}}", "{{#errors}}", "{{/errors}}", "{{#api}}", "{{/api}}", "{{^is_last}}",
    "{{/is_last}}", "{{#has_examples}}", "{{/has_examples}}", "{{! a comment }}", "{{=<% %>=}}", "<%={{ }}=%>",
    "<%> a%>", "<%> ../../secret%>", "<%& source%>", "{{", "}}", "{{{", "}}}", "{{#", "{{/", "{{>}}", "{{=",
};

// The files a folder may hold: the cpp target's two templates and the partials of k_partial_names
// that are paths inside the folder.
const std::vector<std::string> k_files = {
    "cpp/errors.hpp.mustache", "cpp/errors.cpp.mustache", "_partials/a.mustache", "_partials/b.mustache",
    "_partials/banner.mustache", "_partials/sub/c.mustache", "_partials/sub.mustache", "_partials/a.mustache.mustache",
};

const std::string& pick(FuzzedDataProvider& input, const std::vector<std::string>& items) {
    return items[input.ConsumeIntegralInRange<std::size_t>(0, items.size() - 1)];
}

std::string template_text(FuzzedDataProvider& input) {
    std::string text;
    const std::size_t pieces = input.ConsumeIntegralInRange<std::size_t>(0, 24);
    for (std::size_t i = 0; i < pieces && input.remaining_bytes() > 0; ++i) {
        switch (input.ConsumeIntegralInRange(0, 3)) {
            case 0:
                text += "{{> " + pick(input, k_partial_names) + "}}";
                break;
            case 1:
                text += input.ConsumeRandomLengthString(16);
                break;
            default:
                text += pick(input, k_pieces);
        }
    }
    return text;
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// A secret outside the folder (where "../../secret" leads from _partials/), and in the environment.
fs::path work_folder() {
    static const fs::path folder = [] {
        std::string pattern = (fs::temp_directory_path() / "errspec-templates-fuzz-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) std::abort();
        write_file(fs::path(pattern) / "secret.mustache", k_secret);
        ::setenv("ERRSPEC_FUZZ_SECRET", k_secret, 1);
        return fs::path(pattern);
    }();
    return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const fs::path templates = work_folder() / "templates";
    fs::remove_all(templates);
    fs::create_directories(templates);
    // The fuzzer learns the secret from the check below and may write it into a template itself:
    // then an output holding it leaks nothing.
    bool secret_in_templates = false;
    for (const std::string& file : k_files) {
        switch (input.ConsumeIntegralInRange(0, 5)) {
            case 0:
                break;  // built in, if at all
            case 1:
                fs::create_directories((templates / file).parent_path());
                fs::create_symlink(work_folder() / "secret.mustache", templates / file);
                break;
            case 2:
                fs::create_directories((templates / file).parent_path());
                fs::create_symlink("/proc/self/environ", templates / file);
                break;
            default: {
                const std::string text = template_text(input);
                secret_in_templates = secret_in_templates || text.find(k_secret) != std::string::npos;
                write_file(templates / file, text);
            }
        }
    }

    static const errspec::View view = [] {
        errspec::Diagnostics diagnostics("synthetic.yaml");
        const std::optional<errspec::Spec> spec =
            errspec::load_checked_text(errspec_test::synthetic_spec(1), "synthetic.yaml", diagnostics);
        if (!spec) std::abort();
        return errspec::build_view(errspec::build_model(*spec), errspec::all_view_parts());
    }();
    const errspec::RenderResult result =
        errspec::render_target(*errspec::find_target("cpp"), view, errspec::TemplateSet{templates});
    // Files or errors: the pipeline writes nothing when there is an error, so what a file holds
    // matters only when there is none.
    if (!result.errors.empty()) return 0;
    if (result.files.size() != 2) std::abort();
    for (const errspec::OutputFile& file : result.files) {
        if (!secret_in_templates && file.content.find(k_secret) != std::string::npos) std::abort();
        if (file.content.size() > errspec::limits::max_output_bytes) std::abort();
    }
    return 0;
}
