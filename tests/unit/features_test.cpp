// Typed message parameters, localised texts, the --strict completeness gate, and the client
// semantics' keys condition and retry_safe.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "pipeline.hpp"
#include "support/run.hpp"
#include "targets.hpp"

using namespace errspec;

namespace {

const std::string spec_text = R"(errspec: 1
api: {id: shop, name: Shop, locale: en, summary: {en: Errors of the shop., fr: Les erreurs de la boutique.}}
envelope: {body: {error: {code: "${code}", message: "${message}"}}}
errors:
  - code: missing_scope
    status: 403
    title: {en: Missing scope, fr: Portée manquante}
    message: {en: "Needs '{scope}' for {count} calls", fr: "Il faut '{scope}' pour {count} appels"}
    description: Scope.
    fix: {en: [Add the scope.], fr: [Ajoutez la portée.]}
    params:
      - {name: scope, type: string, example: "pixel:write"}
      - {name: count, type: integer, example: "3"}
  - code: gone
    status: 410
    title: Gone
    message: Gone.
    description: Gone.
    fix: [Stop.]
)";

Spec load(const std::string& text, Diagnostics& diagnostics, CheckOptions options = {}) {
    std::optional<Spec> spec = load_checked_text(text, "shop.yaml", diagnostics, options);
    REQUIRE(spec);
    return *spec;
}

}  // namespace

TEST_CASE("a localised spec gives the default locale's texts, or another locale's where it has them") {
    Diagnostics diagnostics("shop.yaml");
    const Spec spec = load(spec_text, diagnostics);
    const Model english = build_model(spec);
    CHECK(english.locale == "en");
    CHECK(english.api.summary == "Errors of the shop.");
    CHECK(english.errors[0].title == "Missing scope");
    CHECK(english.errors[0].fix == std::vector<std::string>{"Add the scope."});
    const Model french = build_model(spec, "fr");
    CHECK(french.api.summary == "Les erreurs de la boutique.");
    CHECK(french.errors[0].title == "Portée manquante");
    CHECK(french.errors[0].message == "Il faut '{scope}' pour {count} appels");
    CHECK(french.errors[0].fix == std::vector<std::string>{"Ajoutez la portée."});
    CHECK(french.errors[1].title == "Gone");  // no French text: the default locale's
}

TEST_CASE("the C++ target emits a typed formatter for a message with parameters") {
    const Generation generation = generate_texts({{"shop.yaml", spec_text}}, {find_target("cpp")}, TemplateSet{});
    REQUIRE(generation.ok());
    const std::string& header = generation.files[0].content;
    CHECK(header.find("std::string MissingScope(std::string_view scope, long long count);") != std::string::npos);
    const std::string& source = generation.files[1].content;
    CHECK(source.find(".append(\"Needs '\")\n        .append(scope)\n        .append(\"' for \")\n"
                      "        .append(std::to_string(count))\n        .append(\" calls\")") != std::string::npos);
}

TEST_CASE("parameters must match in every locale") {
    std::string text = spec_text;
    text.replace(text.find("pour {count} appels"), 19, "pour {nombre} appels");
    Diagnostics diagnostics("shop.yaml");
    CHECK_FALSE(load_checked_text(text, "shop.yaml", diagnostics).has_value());
    std::vector<std::string> messages;
    for (const Diagnostic& d : diagnostics.all()) messages.push_back(d.message);
    CHECK(messages == std::vector<std::string>{"the 'fr' message names {nombre}, which params does not declare",
                                               "the 'fr' message does not use parameter {count}"});
}

TEST_CASE("a localised text needs the default locale") {
    std::string text = spec_text;
    text.replace(text.find("{en: Missing scope, "), 20, "{");
    Diagnostics diagnostics("shop.yaml");
    CHECK_FALSE(load_checked_text(text, "shop.yaml", diagnostics).has_value());
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.all()[0].message ==
          "'title' in an error has no text in the default locale 'en' (set api.locale to change it)");
}

TEST_CASE("the strict gate turns a missing message, fix text or example into errors") {
    Diagnostics lenient("shop.yaml");
    load(spec_text, lenient);
    CHECK(lenient.error_count() == 0);
    Diagnostics strict("shop.yaml");
    CHECK_FALSE(load_checked_text(spec_text, "shop.yaml", strict, CheckOptions{true}).has_value());
    std::vector<std::string> messages;
    for (const Diagnostic& d : strict.all()) messages.push_back(d.message);
    CHECK(messages == std::vector<std::string>{"no example body (--strict)", "no example body (--strict)"});
}

TEST_CASE("every seed spec passes errspec check, and --strict asks only for what its document leaves out") {
    const std::string specs = std::string(ERRSPEC_SOURCE_DIR) + "/spec/*.yaml";
    const auto result = errspec_test::run(errspec_test::errspec_command() + " check " + specs);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find(": error:") == std::string::npos);
    // The seed specs say no more than their documents, which give no wire message, fix or body for
    // some codes: the completeness gate names those, and nothing else (no caption that reads like
    // a maintainer's note, no other problem).
    const auto strict = errspec_test::run(errspec_test::errspec_command() + " check --strict " + specs);
    CHECK(strict.exit_code == 1);
    std::istringstream lines(strict.err);
    const std::regex expected(R"(^.*:\d+:\d+: error: (no message; the title is sent as the message|no fix text|no example body) \(--strict\)$)");
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        CHECK(std::regex_match(line, expected));
    }
}

TEST_CASE("check --strict warns on an example caption that reads like a note for the spec's maintainers") {
    const auto caption_warnings = [](const std::string& caption, CheckOptions options) {
        std::string text = spec_text;
        text.replace(text.find("    fix: [Stop.]\n"), 17,
                     "    fix: [Stop.]\n    examples:\n      - description: \"" + caption +
                         "\"\n        notes: Also fine here.\n        body: '{}'\n");
        Diagnostics diagnostics("shop.yaml");
        load_checked_text(text, "shop.yaml", diagnostics, options);  // --strict: the other errors have no example
        std::vector<std::string> warnings;
        for (const Diagnostic& d : diagnostics.all()) {
            if (d.message.find("caption") != std::string::npos) warnings.push_back(d.message);
        }
        return warnings;
    };
    const std::vector<std::string> one = {
        "this caption reads like a note for the spec's maintainers, and readers see it; move it to the example's notes:"};
    CHECK(caption_warnings("Constructed from the envelope: the document shows no body for this code.", CheckOptions{true}) == one);
    CHECK(caption_warnings("The 'Stable error envelope' shown at the top of the page.", CheckOptions{true}) == one);
    CHECK(caption_warnings("Constructed from the envelope.", CheckOptions{}).empty());  // only the docs gate asks
    CHECK(caption_warnings("A response to a request with an expired key.", CheckOptions{true}).empty());
}

TEST_CASE("an error's condition derives from its status unless the spec names one, and retry_safe is false unless set") {
    const std::string text = R"(errspec: 1
api: {id: shop, name: Shop}
envelope: {body: {error: {code: "${code}", message: "${message}"}}}
errors:
  - {code: quota, status: 403, title: Quota, message: Quota., description: Quota., fix: [Buy.], condition: resource_exhausted}
  - {code: busy, status: 503, title: Busy, message: Busy., description: Busy., fix: [Wait.], retry_safe: true}
  - {code: gone, status: 410, title: Gone, message: Gone., description: Gone., fix: [Stop.]}
)";
    Diagnostics diagnostics("shop.yaml");
    const Model model = build_model(load(text, diagnostics));
    CHECK(model.errors[0].cond == condition::resource_exhausted);
    CHECK(model.errors[1].cond == condition::unavailable);
    CHECK(model.errors[2].cond == condition::not_found);
    CHECK(!model.errors[0].retry_safe);
    CHECK(model.errors[1].retry_safe);
    // Every status of docs/client-semantics.md's table, and a value of each range.
    const std::vector<std::pair<int, std::string_view>> table = {
        {400, "invalid_argument"}, {418, "invalid_argument"}, {401, "unauthenticated"}, {407, "unauthenticated"},
        {403, "permission_denied"}, {404, "not_found"}, {410, "not_found"}, {409, "conflict"},
        {412, "failed_precondition"}, {428, "failed_precondition"}, {402, "resource_exhausted"}, {429, "rate_limited"},
        {408, "deadline_exceeded"}, {504, "deadline_exceeded"}, {502, "unavailable"}, {503, "unavailable"},
        {500, "internal"}, {507, "internal"}, {405, "unimplemented"}, {501, "unimplemented"}, {499, "cancelled"},
        {0, "unknown"}, {200, "unknown"}, {399, "unknown"}};
    for (const auto& [status, name] : table) {
        INFO(status);
        CHECK(to_string(condition_of_status(status)) == name);
        CHECK(parse_condition(name) == condition_of_status(status));
    }
    CHECK(!parse_condition("gone"));
}
