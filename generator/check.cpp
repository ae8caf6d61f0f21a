#include "check.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "limits.hpp"
#include "load.hpp"
#include "model.hpp"
#include "namer.hpp"

namespace errspec {
namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// What namer::is_standard_macro finds (`linux` under -std=gnu++17, CMake's default, too).
constexpr std::string_view k_a_macro = "a macro of the C++ standard headers or of the compiler";

// Names the generated C++ uses where message parameters are in scope: a parameter of that name
// would hide them (the typed encoders of the cpp-client target take a request_id and details of
// their own, name errspec::Details, and call encode_error with Error:: and messages::; the
// formatters call std::).
bool is_name_of_generated_code(std::string_view name) {
    return name == "std" || name == "errspec" || name == "request_id" || name == "details" ||
           name == "encode_error" || name == "Error" || name == "messages";
}

// How deep the JSON value in `text` nests: 1 for [] or {}, 0 for a scalar or a text that is no
// JSON. nlohmann's parser keeps its own stack, so any depth is measured without recursion.
int json_depth(const std::string& text) {
    int deepest = 0;
    const auto measure = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if (event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) {
            deepest = std::max(deepest, depth + 1);
        }
        return true;
    };
    const nlohmann::json parsed = nlohmann::json::parse(text, measure, false);
    return parsed.is_discarded() ? 0 : deepest;
}

std::string line_of(SourcePos pos) { return "line " + std::to_string(pos.line); }

bool is_lower_identifier(std::string_view text) {
    if (text.empty() || text[0] < 'a' || text[0] > 'z') return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// RFC 9110 token characters: what a header name may hold.
bool is_header_name(std::string_view text) {
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string_view::npos;
    });
}

// A caption that speaks of the spec or of the document it was written from rather than of the
// response: words that readers of a page have no use for (--strict warns).
bool reads_like_maintainer_note(std::string_view caption) {
    std::string lower(caption);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    static constexpr std::string_view telltales[] = {"the document", "this document", "the doc ", "the source",
                                                     "constructed", "the spec", "top of the page", "inferred",
                                                     "shown under", "seed"};
    return std::any_of(std::begin(telltales), std::end(telltales),
                       [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

// Docs pages link these, so nothing but a plain http(s) URL may get through.
bool is_web_url(std::string_view text) {
    if (text.rfind("https://", 0) != 0 && text.rfind("http://", 0) != 0) return false;
    return std::none_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '\'' || c == '<' || c == '>' ||
               c == '`' || c == '\\' || c == 0x7F;
    });
}

// Whether `text` contains `part`, in time linear in both (Knuth-Morris-Pratt): std::string::find
// compares at every position, and std::boyer_moore_searcher prepares long parts in quadratic
// time; a spec of a 1 MiB message and a long match.message_contains took minutes either way.
bool contains(std::string_view text, std::string_view part) {
    if (part.empty()) return true;
    std::vector<std::size_t> border(part.size(), 0);  // longest proper border of each prefix
    for (std::size_t i = 1, k = 0; i < part.size(); ++i) {
        while (k > 0 && part[i] != part[k]) k = border[k - 1];
        if (part[i] == part[k]) ++k;
        border[i] = k;
    }
    for (std::size_t i = 0, k = 0; i < text.size(); ++i) {
        while (k > 0 && text[i] != part[k]) k = border[k - 1];
        if (text[i] == part[k] && ++k == part.size()) return true;
    }
    return false;
}

const std::vector<std::string_view> builtin_placeholders = {"code",   "message",    "title",  "status",
                                                            "request_id", "details", "subcode"};

class Checker {
public:
    Checker(const Spec& spec, Diagnostics& diagnostics, const CheckOptions& options)
        : spec_(spec), d_(diagnostics), options_(options) {}

    void run() {
        check_api();
        check_envelope();
        check_headers();
        check_retry();
        check_categories();
        check_errors();
        for (const SpecSection& section : spec_.sections) {
            if (section.title.present() && section.title.value.empty()) d_.error(section.title.pos, "a section title is empty");
        }
    }

private:
    void check_api() {
        const Text& id = spec_.api.id;
        if (id.present()) {
            if (!is_lower_identifier(id.value) || id.value.size() > 64) {
                d_.error(id.pos, "api.id " + in_quotes(id.value) +
                                     " must match [a-z][a-z0-9_]* (at most 64 characters): it is the C++ namespace "
                                     "and the stem of every output file");
            } else if (namer::is_cpp_keyword(id.value) || id.value == "std") {
                d_.error(id.pos, "api.id " + in_quotes(id.value) + " is a C++ keyword or namespace; choose another id");
            } else if (namer::is_standard_macro(id.value)) {
                d_.error(id.pos, "api.id " + in_quotes(id.value) +
                                     " is " + std::string(k_a_macro) + " (it would rewrite the namespace); choose another id");
            } else if (!namer::is_identifier(id.value)) {
                d_.error(id.pos, "api.id " + in_quotes(id.value) +
                                     " holds '__', which C++ reserves to the compiler; choose another id");
            }
        }
        for (const Text* url : {&spec_.api.base_url, &spec_.api.docs_url}) {
            if (url->present() && !is_web_url(url->value)) {
                d_.error(url->pos, in_quotes(url->value) + " is not an http:// or https:// URL");
            }
        }
        if (spec_.api.name.present() && spec_.api.name.value.empty()) d_.error(spec_.api.name.pos, "api.name is empty");
    }

    void check_envelope() {
        const SpecEnvelope& envelope = spec_.envelope;
        if (envelope.body_pos.line > 0 && !envelope.body.is_object()) {
            d_.error(envelope.body_pos, "envelope.body must be a mapping: the JSON object the API sends");
        }
        // Sets, not searches in lists: a hostile spec may hold a million fields and placeholders.
        std::set<std::string_view> used;
        for (const SpecPlaceholder& placeholder : envelope.placeholders) used.insert(placeholder.name);
        for (const auto& [name, value] : envelope.fields) {
            if (std::find(builtin_placeholders.begin(), builtin_placeholders.end(), name.value) !=
                builtin_placeholders.end()) {
                d_.error(name.pos, "envelope field " + in_quotes(name.value) + " is a built-in placeholder already");
            } else if (!namer::is_identifier(name.value) && !is_lower_identifier(name.value)) {
                d_.error(name.pos, "envelope field " + in_quotes(name.value) + " must be a name ([A-Za-z][A-Za-z0-9_]*)");
            } else if (used.count(name.value) == 0) {
                d_.warning(name.pos, "envelope field " + in_quotes(name.value) + " is not used in envelope.body");
            }
        }
        std::vector<std::string_view> known = builtin_placeholders;
        for (const auto& field : envelope.fields) known.push_back(field.first.value);
        const std::set<std::string_view> known_set(known.begin(), known.end());
        std::set<std::string> seen_alone;
        for (const SpecPlaceholder& placeholder : envelope.placeholders) {
            if (known_set.count(placeholder.name) == 0) {
                std::string message = "unknown placeholder ${" + placeholder.name + "}";
                const std::string hint = hints_.closest(placeholder.name, known);
                message += hint.empty() ? "; declare it under envelope.fields" : "; did you mean ${" + hint + "}?";
                d_.error(placeholder.pos, message);
                continue;
            }
            const bool alone = placeholder.prefix.empty() && placeholder.suffix.empty();
            if (placeholder.name == "details" && !alone) {
                d_.error(placeholder.pos, "${details} holds a JSON value and must stand alone in its string");
            }
            if (!placeholder.type.empty()) check_placeholder_type(placeholder, alone);
            if (alone && !seen_alone.insert(placeholder.name).second) {
                d_.warning(placeholder.pos, "${" + placeholder.name + "} stands alone twice; decoding reads the first");
            }
        }
    }

    // `${status:string}`, `${code:number}`: the JSON type a status or code travels as, where it is
    // not the default (a status is a number; a code a string, a number where the codes are integers).
    void check_placeholder_type(const SpecPlaceholder& placeholder, bool alone) {
        const std::string written = "${" + placeholder.name + ":" + placeholder.type + "}";
        if (placeholder.type != "string" && placeholder.type != "number") {
            d_.error(placeholder.pos, "unknown type " + in_quotes(placeholder.type) + " in " + written +
                                          "; a placeholder's type is string or number");
        } else if (placeholder.name != "code" && placeholder.name != "status") {
            d_.error(placeholder.pos, "only ${code} and ${status} take a type; ${" + placeholder.name +
                                          "} is written as it is");
        } else if (!alone) {
            d_.error(placeholder.pos, written + " stands inside a longer string, which is always text; drop the type");
        } else if (placeholder.name == "code" && placeholder.type == "number" && !spec_.errors.empty() &&
                   !spec_.errors.front().code_is_integer) {
            d_.error(placeholder.pos, written + " sends codes as JSON numbers, but this spec's codes are not integers");
        }
    }

    void check_headers() {
        const SpecHeaders& headers = spec_.headers;
        for (const Text* name : {&headers.request_id, &headers.retry_after, &headers.retry_after_ms}) {
            check_header_name(*name);
        }
        for (const SpecHeader& header : headers.documented) {
            check_header_name(header.name);
            if (header.side.present() && header.side.value != "request" && header.side.value != "response") {
                d_.error(header.side.pos, "side must be request or response, not " + in_quotes(header.side.value));
            }
        }
    }

    void check_header_name(const Text& name) {
        if (name.present() && !is_header_name(name.value)) {
            d_.error(name.pos, in_quotes(name.value) + " is not a valid HTTP header name");
        }
    }

    void check_retry() {
        const SpecRetry& retry = spec_.retry;
        if (retry.max_attempts.present() && (retry.max_attempts.value < 1 || retry.max_attempts.value > 100)) {
            d_.error(retry.max_attempts.pos, "retry.max_attempts must be between 1 and 100");
        }
        for (const Integer* delay : {&retry.initial_delay_ms, &retry.max_delay_ms, &retry.max_retry_after_ms}) {
            if (delay->present() && (delay->value < 0 || delay->value > 86'400'000)) {
                d_.error(delay->pos, "retry delays are milliseconds between 0 and 86400000 (a day)");
            }
        }
        const RetryPolicy defaults;
        const long long initial = retry.initial_delay_ms.present() ? retry.initial_delay_ms.value : defaults.initial_delay_ms;
        const long long max = retry.max_delay_ms.present() ? retry.max_delay_ms.value : defaults.max_delay_ms;
        if (initial > max) {
            d_.error(retry.initial_delay_ms.present() ? retry.initial_delay_ms.pos : retry.max_delay_ms.pos,
                     "retry.initial_delay_ms (" + std::to_string(initial) + ") exceeds retry.max_delay_ms (" +
                         std::to_string(max) + ")");
        }
    }

    void check_categories() {
        std::map<std::string, SourcePos> seen;
        for (const SpecCategory& category : spec_.categories) {
            if (!category.id.present()) continue;
            if (!is_lower_identifier(category.id.value)) {
                d_.error(category.id.pos, "category id " + in_quotes(category.id.value) + " must match [a-z][a-z0-9_]*");
            }
            const auto [it, inserted] = seen.emplace(category.id.value, category.id.pos);
            if (!inserted) {
                d_.error(category.id.pos, "duplicate category " + in_quotes(category.id.value) + " (first at " +
                                              line_of(it->second) + ")");
            }
        }
    }

    void check_errors() {
        std::map<std::string, SourcePos> codes, names;
        std::map<long long, SourcePos> ids;
        std::vector<std::string_view> categories;
        for (const SpecCategory& category : spec_.categories) categories.push_back(category.id.value);
        const std::set<std::string_view> declared_categories(categories.begin(), categories.end());
        std::vector<std::string_view> fields;
        for (const auto& field : spec_.envelope.fields) fields.push_back(field.first.value);
        const std::set<std::string_view> declared_fields(fields.begin(), fields.end());
        const auto has_placeholder = [&](std::string_view name) {
            return std::any_of(spec_.envelope.placeholders.begin(), spec_.envelope.placeholders.end(),
                               [&](const SpecPlaceholder& p) { return p.name == name; });
        };
        const bool code_less = !has_placeholder("code");
        const bool sends_message = has_placeholder("message");
        const SpecError* first_coded = nullptr;
        std::map<std::string, const Text*> subcode_names;  // C++ name -> the first subcode taking it
        for (const SpecError& error : spec_.errors) {
            // A duplicate code also duplicates its C++ name; one report is enough.
            if (check_code(error, codes, first_coded)) check_name(error, names);
            check_status(error.status, "status");
            if (error.status.present() && error.status.value >= 100 && error.status.value < 400) {
                d_.warning(error.status.pos, "status " + std::to_string(error.status.value) +
                                                 " is not an error status (below 400)");
            }
            if (error.title.present() && error.title.value.empty()) d_.error(error.title.pos, "title is empty");
            if (error.category.present() && declared_categories.count(error.category.value) == 0) {
                std::string message = "category " + in_quotes(error.category.value) + " is not declared under categories";
                const std::string hint = hints_.closest(error.category.value, categories);
                if (!hint.empty()) message += "; did you mean " + in_quotes(hint) + "?";
                d_.error(error.category.pos, message);
            }
            if (error.retry.present() && !parse_retry_kind(error.retry.value)) {
                d_.error(error.retry.pos, "retry must be never, backoff or after_retry_after, not " +
                                              in_quotes(error.retry.value));
            }
            if (error.condition.present() && !parse_condition(error.condition.value)) {
                std::vector<std::string_view> condition_names;
                std::string listed;
                for (const condition c : kAllConditions) {
                    condition_names.push_back(to_string(c));
                    listed += (listed.empty() ? "" : ", ") + std::string(to_string(c));
                }
                std::string message = "condition must be one of " + listed + ", not " + in_quotes(error.condition.value);
                const std::string hint = hints_.closest(error.condition.value, condition_names);
                if (!hint.empty()) message += "; did you mean " + in_quotes(hint) + "?";
                d_.error(error.condition.pos, message);
            }
            if (error.id.present()) {
                if (error.id.value < 1 || error.id.value > 65535) {
                    d_.error(error.id.pos, "id must be between 1 and 65535 (0 is Unknown)");
                } else if (const auto [it, inserted] = ids.emplace(error.id.value, error.id.pos); !inserted) {
                    d_.error(error.id.pos, "id " + std::to_string(error.id.value) + " is taken already (at " +
                                               line_of(it->second) + ")");
                }
            }
            check_fields(error, fields, declared_fields);
            // Without a readable envelope.body (missing, or not a mapping: reported already) no
            // one knows whether errors need match rules; judging them would only add noise.
            if (spec_.envelope.body.is_object()) check_match(error, code_less);
            for (const SpecExample& example : error.examples) {
                check_status(example.status, "an example's status");
                check_example_depth(example);
                if (options_.strict && reads_like_maintainer_note(example.description.value)) {
                    d_.warning(example.description.pos,
                               "this caption reads like a note for the spec's maintainers, and readers see it; "
                               "move it to the example's notes:");
                }
            }
            std::set<std::string> detail_names;
            for (const SpecDetail& detail : error.details) {
                if (detail.name.present() && !detail_names.insert(detail.name.value).second) {
                    d_.error(detail.name.pos, "details member " + in_quotes(detail.name.value) + " is listed twice");
                }
            }
            check_params(error);
            check_subcodes(error, subcode_names);
            // Without a ${message} in the body no message is sent: none is missing.
            if (!error.message.present() && sends_message) {
                incomplete(error.pos, "no message; the title is sent as the message");
            }
            if (!error.description.present()) d_.warning(error.pos, "no description");
            if (error.fix.empty() && error.fix_pos.line == 0) incomplete(error.pos, "no fix text");
            if (options_.strict && error.examples.empty()) d_.error(error.pos, "no example body (--strict)");
        }
        if (code_less && spec_.envelope.body.is_object()) check_overlaps();
        check_pinned_values();
    }

    // Every stage after this one may walk a JSON example body by recursion (the OpenAPI examples,
    // comparisons): it nests no deeper than the spec around it may.
    void check_example_depth(const SpecExample& example) {
        const int depth = json_depth(example.body.value);
        if (depth > limits::max_depth) {
            d_.error(example.body.pos, "the example body nests " + std::to_string(depth) +
                                           " levels deep; an example body that is JSON nests at most " +
                                           std::to_string(limits::max_depth));
        }
    }

    // Finer codes under a code: somewhere to travel (${subcode}), each once under its code, each a
    // C++ name of its own (one enum serves every code; the same subcode under two codes shares one).
    void check_subcodes(const SpecError& error, std::map<std::string, const Text*>& subcode_names) {
        if (error.subcodes.empty()) return;
        const auto& placeholders = spec_.envelope.placeholders;
        if (spec_.envelope.body.is_object() &&
            std::none_of(placeholders.begin(), placeholders.end(), [](const SpecPlaceholder& p) { return p.name == "subcode"; })) {
            d_.error(error.subcodes_pos, "subcodes need ${subcode} in envelope.body, where the finer code is sent");
        }
        std::set<std::string> seen;
        for (const SpecSubcode& subcode : error.subcodes) {
            const Text& code = subcode.code;
            if (!code.present()) continue;
            if (!seen.insert(code.value).second) {
                d_.error(code.pos, "subcode " + in_quotes(code.value) + " is listed twice under this code");
                continue;
            }
            const std::string name = code_enumerator(code.value);
            if (name.empty()) {
                d_.error(code.pos, "subcode " + in_quotes(code.value) + " has no ASCII letter or digit to name it in C++");
            } else if (namer::is_standard_macro(name)) {
                d_.error(code.pos, "subcode " + in_quotes(code.value) + " gets the C++ name " + in_quotes(name) +
                                       ", a standard library macro");
            } else if (const auto [it, inserted] = subcode_names.emplace(name, &code);
                       !inserted && it->second->value != code.value) {
                d_.error(code.pos, "subcode " + in_quotes(code.value) + " gets the C++ name " + in_quotes(name) +
                                       ", as does subcode " + in_quotes(it->second->value) + " at " + line_of(it->second->pos));
            }
        }
    }

    // Returns whether the code is present and seen for the first time.
    bool check_code(const SpecError& error, std::map<std::string, SourcePos>& codes, const SpecError*& first_coded) {
        if (!error.code.present()) return false;
        const std::string& code = error.code.value;
        if (code.empty()) {
            d_.error(error.code.pos, "code is empty");
            return false;
        }
        if (code.find_first_of("\r\n") != std::string::npos) {
            d_.error(error.code.pos, "code " + in_quotes(code) + " spans lines; a code is one line");
        }
        // JSON numbers are exact only up to 2^53 in most readers (JavaScript's among them, RFC 8259
        // section 6): a larger code would decode as another number.
        constexpr long long max_exact_json_integer = 9007199254740991;
        if (error.code_is_integer && std::llabs(std::stoll(code)) > max_exact_json_integer) {
            d_.error(error.code.pos, "integer code " + code + " is beyond +-9007199254740991 (2^53 - 1), the largest "
                                     "that every JSON reader holds exactly; quote it to make the codes strings");
        }
        if (first_coded == nullptr) {
            first_coded = &error;
        } else if (first_coded->code_is_integer != error.code_is_integer) {
            d_.error(error.code.pos, "code " + in_quotes(code) + " is " +
                                         (error.code_is_integer ? "an integer" : "a string") +
                                         " but the first code (" + line_of(first_coded->code.pos) + ") is " +
                                         (first_coded->code_is_integer ? "an integer" : "a string") +
                                         "; quote every code or none");
        }
        const auto [it, inserted] = codes.emplace(code, error.code.pos);
        if (!inserted) d_.error(error.code.pos, "duplicate code " + in_quotes(code) + " (first at " + line_of(it->second) + ")");
        return inserted;
    }

    void check_name(const SpecError& error, std::map<std::string, SourcePos>& names) {
        const std::string name = enumerator_name(error);
        const SourcePos pos = error.name.present() ? error.name.pos : error.code.pos;
        if (error.name.present()) {
            if (!namer::is_identifier(name) || namer::is_cpp_keyword(name)) {
                d_.error(pos, "name " + in_quotes(name) + " is not a usable C++ identifier ([A-Za-z][A-Za-z0-9_]*, "
                                                       "no '__', not a keyword)");
                return;
            }
            if (name == namer::unknown_enumerator) {
                d_.error(pos, "name 'Unknown' is reserved for value 0 (not a code of this spec)");
                return;
            }
        } else if (name.empty()) {
            d_.error(pos, "code " + in_quotes(error.code.value) +
                              " has no ASCII letter or digit to name a C++ enumerator after; set name:");
            return;
        }
        if (namer::is_standard_macro(name)) {
            d_.error(pos, "the C++ name " + in_quotes(name) + " of code " + in_quotes(error.code.value) +
                              " is " + std::string(k_a_macro) + "; set name: to another");
            return;
        }
        const auto [it, inserted] = names.emplace(name, error.code.pos);
        if (!inserted) {
            d_.error(pos, "code " + in_quotes(error.code.value) + " gets the C++ name " + in_quotes(name) +
                              ", as does the code at " + line_of(it->second) + "; set name: on one of them");
        }
    }

    void check_status(const Integer& status, std::string_view what) {
        if (status.present() && (status.value < 100 || status.value > 599)) {
            d_.error(status.pos, std::string(what) + " " + std::to_string(status.value) +
                                     " is not an HTTP status (100-599)");
        }
    }

    // `declared` lists the envelope's fields for hints, `declared_set` holds them for lookups.
    void check_fields(const SpecError& error, const std::vector<std::string_view>& declared,
                      const std::set<std::string_view>& declared_set) {
        for (const auto& [name, value] : error.fields) {
            if (declared_set.count(name.value) != 0) continue;
            std::string message = "field " + in_quotes(name.value) + " is not declared under envelope.fields";
            const std::string hint = hints_.closest(name.value, declared);
            if (!hint.empty()) message += "; did you mean " + in_quotes(hint) + "?";
            d_.error(name.pos, message);
        }
    }

    void check_match(const SpecError& error, bool code_less) {
        const SpecMatch& match = error.match;
        if (!code_less) {
            if (match.pos.line > 0) {
                d_.error(match.pos, "match: applies only when envelope.body has no ${code}; this envelope carries codes");
            }
            return;
        }
        if (match.pos.line == 0) {
            d_.error(error.pos, "envelope.body carries no ${code}, so error " + in_quotes(error.code.value) +
                                    " needs match: (status, message or message_contains) to be recognised");
            return;
        }
        check_status(match.status, "match.status");
        if (!match.status.present() && !match.message.present() && !match.message_contains.present()) {
            d_.error(match.pos, "match needs status, message or message_contains");
        }
        if (match.message.present() && match.message_contains.present()) {
            d_.error(match.message_contains.pos, "match takes message or message_contains, not both");
        }
        const bool reads_message = match.message.present() || match.message_contains.present();
        if (reads_message && std::none_of(spec_.envelope.placeholders.begin(), spec_.envelope.placeholders.end(),
                                          [](const SpecPlaceholder& p) { return p.name == "message"; })) {
            d_.error(match.pos, "match reads the message but envelope.body has no ${message}");
        }
        // Encode then decode must give the error back.
        const std::string message = error.message.present() ? error.message.value : error.title.value;
        if (match.status.present() && error.status.present() && match.status.value != error.status.value) {
            d_.error(match.status.pos, "match.status " + std::to_string(match.status.value) +
                                           " differs from the error's own status " +
                                           std::to_string(error.status.value));
        }
        if (match.message.present() && match.message.value != message) {
            d_.error(match.message.pos, "the error's own message " + in_quotes(message) + " fails its match.message");
        }
        if (match.message_contains.present() && !contains(message, match.message_contains.value)) {
            d_.error(match.message_contains.pos, "the error's own message " + in_quotes(message) +
                                                     " does not contain its match.message_contains");
        }
    }

    // Two rules overlap when one response could satisfy both.
    static bool overlap(const SpecMatch& a, const SpecMatch& b) {
        if (a.status.present() && b.status.present() && a.status.value != b.status.value) return false;
        if (a.message.present() && b.message.present()) return a.message.value == b.message.value;
        if (a.message.present() && b.message_contains.present()) return contains(a.message.value, b.message_contains.value);
        if (b.message.present() && a.message_contains.present()) return contains(b.message.value, a.message_contains.value);
        return true;  // two message_contains rules, or a rule that ignores the message
    }

    // Each rule is reported once, against the earliest rule it overlaps, and compared only with
    // the rules it could overlap that overlap nothing themselves (the kept ones): exact messages
    // by message, the others by status. Two rules without an exact message overlap whenever their
    // statuses do, so few of those are kept. 65 535 code-less errors take a moment, not the two
    // billion comparisons (and diagnostics) of every pair.
    void check_overlaps() {
        static constexpr long long any_status = -1;
        std::map<std::string_view, std::vector<std::size_t>> kept_exact_by_message;
        std::map<long long, std::vector<std::size_t>> kept_exact_by_status;
        std::vector<std::size_t> kept_loose;  // rules without an exact message
        const auto& errors = spec_.errors;
        for (std::size_t i = 0; i < errors.size(); ++i) {
            const SpecMatch& rule = errors[i].match;
            if (rule.pos.line == 0) continue;
            std::size_t earliest = i;
            const auto compare = [&](const std::vector<std::size_t>& kept) {
                for (const std::size_t j : kept) {
                    if (j < earliest && overlap(rule, errors[j].match)) earliest = j;
                }
            };
            compare(kept_loose);
            const long long status = rule.status.present() ? rule.status.value : any_status;
            if (rule.message.present()) {
                compare(kept_exact_by_message[rule.message.value]);
            } else if (status == any_status) {
                for (const auto& entry : kept_exact_by_status) compare(entry.second);
            } else {
                compare(kept_exact_by_status[status]);
                compare(kept_exact_by_status[any_status]);
            }
            if (earliest < i) {
                d_.error(rule.pos, "match rule of " + in_quotes(errors[i].code.value) +
                                       " can match the same response as that of " + in_quotes(errors[earliest].code.value) +
                                       " (" + line_of(errors[earliest].match.pos) + "); make the rules disjoint");
            } else if (rule.message.present()) {
                kept_exact_by_message[rule.message.value].push_back(i);
                kept_exact_by_status[status].push_back(i);
            } else {
                kept_loose.push_back(i);
            }
        }
    }

    void check_pinned_values() {
        const std::vector<std::uint16_t> values = enum_values(spec_.errors);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i] == 0 && !spec_.errors[i].id.present()) {
                d_.error(spec_.errors[i].pos, "no enum value is left for this error (all of 1-65535 are taken)");
            }
        }
    }

    // A missing text: a warning, or an error under --strict.
    void incomplete(SourcePos pos, const std::string& message) {
        if (options_.strict) {
            d_.error(pos, message + " (--strict)");
        } else {
            d_.warning(pos, message);
        }
    }

    void check_params(const SpecError& error) {
        std::set<std::string> names;
        for (const SpecParam& param : error.params) {
            if (param.name.present()) {
                // Declared even when refused: the message may name it.
                if (!names.insert(param.name.value).second) {
                    d_.error(param.name.pos, "parameter " + in_quotes(param.name.value) + " is declared twice");
                } else if (!namer::is_identifier(param.name.value) || namer::is_cpp_keyword(param.name.value)) {
                    d_.error(param.name.pos, "parameter " + in_quotes(param.name.value) +
                                                 " must be a C++ identifier that is not a keyword");
                } else if (namer::is_standard_macro(param.name.value)) {
                    d_.error(param.name.pos, "parameter " + in_quotes(param.name.value) + " is " +
                                                 std::string(k_a_macro) + "; choose another name");
                } else if (is_name_of_generated_code(param.name.value)) {
                    d_.error(param.name.pos, "parameter " + in_quotes(param.name.value) +
                                                 " would hide a name the generated C++ uses; choose another name");
                }
            }
            if (param.type.present() && param.type.value != "string" && param.type.value != "integer") {
                d_.error(param.type.pos, "parameter type must be string or integer, not " + in_quotes(param.type.value));
            } else if (param.type.value == "integer" && param.example.present() &&
                       param.example.value.find_first_not_of("-0123456789") != std::string::npos) {
                d_.error(param.example.pos, "the example of an integer parameter must be an integer");
            }
        }
        if (error.params.empty()) return;
        // Every locale's message names exactly the declared parameters.
        const auto check_message = [&](const Text& message, const std::string& locale) {
            const Text& text = message.present() ? message : error.title;
            std::set<std::string> used;
            for (const MessagePart& part : split_message(text.value)) {
                if (part.param.empty()) continue;
                used.insert(part.param);
                if (!names.count(part.param)) {
                    d_.error(text.pos, "the " + locale + " message names {" + part.param + "}, which params does not declare");
                }
            }
            for (const std::string& name : names) {
                if (!used.count(name)) d_.error(text.pos, "the " + locale + " message does not use parameter {" + name + "}");
            }
        };
        check_message(error.message, in_quotes(default_locale(spec_)));
        for (const SpecTranslation& translation : error.translations) {
            if (translation.message.present()) check_message(translation.message, in_quotes(translation.locale));
        }
    }

    const Spec& spec_;
    Diagnostics& d_;
    const CheckOptions& options_;
    HintFinder hints_;
};

}  // namespace

void check_spec(const Spec& spec, Diagnostics& diagnostics, const CheckOptions& options) {
    Checker(spec, diagnostics, options).run();
}

}  // namespace errspec
