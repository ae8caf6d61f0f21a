// The spec as written: what the load stage read, typed, each value with its position. Nothing is
// defaulted or derived here; the check stage judges it and the model stage resolves it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "diagnostics.hpp"

namespace errspec {

// A value from the spec; `pos.line == 0` means the key was absent.
template <typename T>
struct Located {
    T value{};
    SourcePos pos;
    bool present() const { return pos.line > 0; }
};
using Text = Located<std::string>;
using Integer = Located<long long>;
using Flag = Located<bool>;
using TextMap = std::vector<std::pair<Text, Text>>;  // in spec order

struct SpecApi {
    Text id, name, base_url, docs_url, summary, support;
    Text locale;                  // the default locale of every text; "en" when absent
    TextMap summary_translations;  // other locales' summaries
};

// A `${name}` (or `${name:type}`) inside envelope.body, where it stands and what surrounds it.
struct SpecPlaceholder {
    std::string name;
    std::string type;               // the JSON type written after a colon (`${status:string}`); "" when none
    std::vector<std::string> path;  // object keys from the body's root to the string (a list adds none)
    std::string prefix, suffix;     // the rest of the string; both empty when it stands alone
    SourcePos pos;
    bool in_list = false;           // inside the element of the body's list of errors
};

struct SpecMember {
    Text path, type, description;
};

struct SpecEnvelope {
    SourcePos pos;
    Text content_type;
    nlohmann::ordered_json body;  // placeholders kept as the strings the spec wrote
    SourcePos body_pos;
    std::vector<SpecPlaceholder> placeholders;
    // The list whose one element is the template of every error of a response (JSON:API's and
    // GraphQL's `errors`): its keys from the root; list_pos.line == 0 when the body has none.
    std::vector<std::string> list_path;
    SourcePos list_pos;
    TextMap fields;
    std::vector<SpecMember> members;
};

struct SpecHeader {
    Text name, description;
    Text side;  // "request" or "response"; absent means response
};

struct SpecHeaders {
    Text request_id, retry_after, retry_after_ms;
    std::vector<SpecHeader> documented;
};

struct SpecRetry {
    SourcePos pos;
    Integer max_attempts, initial_delay_ms, max_delay_ms, max_retry_after_ms;
};

struct SpecCategory {
    SourcePos pos;
    Text id, title, description;
};

struct SpecDetail {
    Text name, type, description;
};

struct SpecMatch {
    SourcePos pos;
    Integer status;
    Text message, message_contains;
};

struct SpecExample {
    SourcePos pos;
    Text body, request_id, description;
    Integer status;
    TextMap headers;
};

// A parameter a message names as {name}: `message: This endpoint requires the '{scope}' scope`.
struct SpecParam {
    Text name, type, example, description;
};

// A finer code under an error's code (Stripe's decline_code, Azure's innererror.code): sent where
// envelope.body has ${subcode}.
struct SpecSubcode {
    SourcePos pos;
    Text code, title, description;
    std::vector<Text> fix;
};

// The texts of one error in a locale other than the default one.
struct SpecTranslation {
    std::string locale;
    Text title, message, description;
    std::vector<Text> fix;
    bool has_fix = false;
};

struct SpecError {
    SourcePos pos;
    Text code;
    bool code_is_integer = false;
    // Written without quotes, so that YAML readers type it by its form (`no`, `0x1F`); and as
    // written, before `007` became `7`. The lint judges how other YAML readers would read it.
    bool code_is_plain = false;
    std::string code_as_written;
    Integer status, id;
    Text title, category, message, description, retry, name, deprecated, since, docs;
    Text condition;   // docs/client-semantics.md: a condition's name; derived from the status when absent
    Flag retry_safe;  // the server never acts on a request it answers with this error
    std::vector<Text> causes, fix;
    SourcePos fix_pos;  // where `fix:` stands, when present
    Flag fix_ordered;
    std::vector<SpecDetail> details;
    TextMap fields;
    SpecMatch match;  // match.pos.line == 0 when absent
    std::vector<SpecExample> examples;
    std::vector<SpecParam> params;
    std::vector<SpecSubcode> subcodes;
    SourcePos subcodes_pos;  // where `subcodes:` stands, when present
    std::vector<SpecTranslation> translations;
};

struct SpecSection {
    Text title, body;
};

struct Spec {
    std::string file;  // as given on the command line
    Integer version;
    SpecApi api;
    SpecEnvelope envelope;
    SpecHeaders headers;
    SpecRetry retry;
    std::vector<SpecCategory> categories;
    std::vector<SpecError> errors;
    SourcePos errors_pos;
    std::vector<SpecSection> sections;
};

}  // namespace errspec
