// libFuzzer: any bytes as a spec, through every stage errspec has (load, check, model, view, and,
// when the spec passes check, every target's templates rendered in memory), through `errspec
// model`'s JSON and through `errspec diff` of the spec against itself. Whatever the input, errspec must
// answer with diagnostics or with files: no crash, hang, leak or undefined behaviour (ASan and
// UBSan watch), no exception out of the pipeline, and what it answers must hold together:
// diagnostics one line each, outputs valid UTF-8 with plain file names, a spec that passes check
// rendering every target, no change between a spec and itself, and the split parse of a large
// spec's errors list giving what the parse in one piece gives.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "diff.hpp"
#include "pipeline.hpp"
#include "support/same_syntax.hpp"
#include "syntax.hpp"
#include "targets.hpp"
#include "view.hpp"

namespace {

// Aborts, which libFuzzer reports with the input, when an invariant does not hold.
void require(bool holds) {
    if (!holds) std::abort();
}

bool is_utf8(const std::string& text) {
    try {
        (void)nlohmann::json(text).dump();  // throws on invalid UTF-8
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const errspec::TemplateSet templates;
    static const std::vector<const errspec::Target*> targets = [] {
        std::vector<const errspec::Target*> all;
        for (const errspec::Target& target : errspec::all_targets()) all.push_back(&target);
        return all;
    }();
    const std::string spec(reinterpret_cast<const char*>(data), size);

    const errspec::Generation generation = errspec::generate_texts({{"fuzz.yaml", spec}}, targets, templates);
    for (const errspec::Diagnostic& diagnostic : generation.diagnostics) {
        require(errspec::format_diagnostic(diagnostic).find('\n') == std::string::npos);
    }
    for (const errspec::OutputFile& file : generation.files) {
        require(!file.name.empty() && file.name.find('/') == std::string::npos);
        require(is_utf8(file.content));
    }

    // Large specs parse their errors list in pieces; any text must parse the same either way.
    errspec::Diagnostics split_diagnostics("fuzz.yaml"), whole_diagnostics("fuzz.yaml");
    const errspec::SyntaxTree split = errspec::parse_yaml(spec, split_diagnostics, 0);
    const errspec::SyntaxTree whole = errspec::parse_yaml(spec, whole_diagnostics, SIZE_MAX);
    require(errspec_test::same_syntax(split, whole));
    require(split_diagnostics.all().size() == whole_diagnostics.all().size());
    for (std::size_t i = 0; i < whole_diagnostics.all().size(); ++i) {
        require(errspec::format_diagnostic(split_diagnostics.all()[i]) ==
                errspec::format_diagnostic(whole_diagnostics.all()[i]));
    }

    errspec::Diagnostics diagnostics("fuzz.yaml");
    if (const std::optional<errspec::Spec> checked = errspec::load_checked_text(spec, "fuzz.yaml", diagnostics)) {
        // What passes check renders: a file or more for every target, and no error.
        require(generation.ok() && generation.files.size() >= targets.size());
        const errspec::Model model = errspec::build_model(*checked);
        // As `errspec model` prints it.
        require(is_utf8(errspec::model_json(errspec::build_view(model, errspec::all_view_parts())).dump(2)));
        require(errspec::diff_models(model, model).empty());
    }
    return 0;
}
