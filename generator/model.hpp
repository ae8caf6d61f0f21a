// The model: the one source every target reads. Plain, immutable data with every default resolved
// and every derived name computed; each entry keeps its source position for later diagnostics.
// Built only from a spec the check stage passed.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <errspec/condition.hpp>

#include "spec.hpp"

namespace errspec {

enum class RetryKind { never, backoff, after_retry_after };

// A condition (the runtime's errspec::condition, errspec/condition.hpp) by its name.
std::optional<condition> parse_condition(std::string_view name);

std::string_view to_string(RetryKind kind);
std::optional<RetryKind> parse_retry_kind(std::string_view text);
// What DESIGN.md gives an error that says nothing: 429 waits for Retry-After, 408/500/502/503/504
// back off, everything else is final.
RetryKind default_retry_kind(int status);

struct Api {
    std::string id, name, base_url, docs_url, summary, support;
};

// Where one placeholder sits in the envelope body.
struct Slot {
    std::string name;               // code, message, title, status, request_id, details, or a field
    std::vector<std::string> path;  // object keys from the root
    std::string prefix, suffix;     // the text around it; both empty when it stands alone
    std::string type;               // "string" or "number" where the spec says (`${status:string}`), else ""
    bool in_list = false;           // in the element of the list of errors: `path` runs through the list
    bool number = false;            // written as a JSON number: a lone status or integer code, unless typed string
    bool alone() const { return prefix.empty() && suffix.empty(); }
};

struct EnvelopeMember {
    std::string path, type, description;
};

struct Field {
    std::string name, value;
};

struct Envelope {
    std::string content_type;
    nlohmann::ordered_json body;  // with "${name}" strings where values go
    // One slot per placeholder name: the one the decoder reads (a lone one wins over an embedded).
    std::vector<Slot> slots;
    std::vector<Slot> placeholders;  // every placeholder of the body, in document order: what encoders fill
    std::vector<Field> fields;  // declared extra placeholders and their defaults
    std::vector<EnvelopeMember> members;
    bool has_code = false;  // false: errors are told apart by their match rules
    // The list of errors (JSON:API's and GraphQL's `errors`): its keys from the root; its one
    // element in `body` is the template of every error of a response. Empty when has_list is false.
    std::vector<std::string> list_path;
    bool has_list = false;
    const Slot* slot(std::string_view name) const;
};

struct Header {
    std::string name, description;
    bool request = false;  // a header the client sends; else one the API answers with
};

struct Headers {
    std::string request_id, retry_after, retry_after_ms;
    std::vector<Header> documented;
};

// errspec's client defaults unless the spec has a `retry:` block: code behaviour, not facts about
// the API, so the docs print the numbers only when `from_spec`.
struct RetryPolicy {
    bool from_spec = false;
    int max_attempts = 3;
    long long initial_delay_ms = 500;
    long long max_delay_ms = 30000;
    long long max_retry_after_ms = 120000;
};

struct Category {
    std::string id, title, description;
};

struct Detail {
    std::string name, type, description;
};

struct MatchRule {
    std::optional<int> status;
    std::optional<std::string> message, message_contains;
};

struct Example {
    int status = 0;
    std::string body, request_id, description;
    std::vector<std::pair<std::string, std::string>> headers;
};

// A finer code under an error's code (Stripe's decline_code), sent where the body has ${subcode}.
struct Subcode {
    std::string code, enumerator, title, description;
    std::vector<std::string> fix;
};

// The enumerator of a code (or a subcode, in the API's `Subcode` enum): the Namer's, moved off
// value 0's name.
std::string code_enumerator(const std::string& code);

// A value a message names as {name}; the C++ target emits a typed formatter for the message.
struct Param {
    std::string name;
    std::string type;  // "string" or "integer"
    std::string example, description;
    bool operator==(const Param& other) const { return name == other.name && type == other.type; }
    bool operator!=(const Param& other) const { return !(*this == other); }
};

// A message cut at its {name} parameters: text, parameter, text, ...
struct MessagePart {
    std::string text;   // literal text, when `param` is empty
    std::string param;  // the parameter's name
};

struct Error {
    SourcePos pos;
    std::string code;  // the wire code; decimal text for integer codes
    std::uint16_t value = 0;
    std::string enumerator;
    int status = 0;
    std::string category, title, message, description, deprecated, since, docs;
    std::vector<std::string> causes, fix;
    bool fix_ordered = false;
    bool message_from_spec = false;  // else `message` is the title, which the encoder sends
    RetryKind retry = RetryKind::never;
    condition cond = condition::unknown;  // the spec's, else the status's
    bool retry_safe = false;
    bool retry_from_spec = false;  // else `retry` is default_retry_kind(status)
    std::vector<Detail> details;
    std::vector<Field> fields;  // every envelope field, with this error's value or the default
    std::optional<MatchRule> match;
    std::vector<Example> examples;
    std::vector<Param> params;
    std::vector<MessagePart> message_parts;  // empty without params
    std::vector<Subcode> subcodes;
};

struct Section {
    std::string title, body;
};

struct Model {
    std::string source;  // the spec's file name, without directories, as banners print it (model.cpp)
    std::string locale;  // the locale of every text below
    Api api;
    Envelope envelope;
    Headers headers;
    RetryPolicy retry;
    bool integer_codes = false;
    std::vector<Category> categories;
    std::vector<Error> errors;  // in spec order
    std::vector<Section> sections;
};

// The enumerator an error gets: `name:` when set, else the Namer's, moved off value 0's name.
std::string enumerator_name(const SpecError& error);

// Enum values in spec order: `id:` where pinned, else the next value no pin takes, so adding codes
// at the end never renumbers existing ones. Zero for an error whose pin is invalid.
std::vector<std::uint16_t> enum_values(const std::vector<SpecError>& errors);

// Cuts a message at its {name} parameters. A brace that does not open a name is text.
std::vector<MessagePart> split_message(const std::string& message);

// The spec's default locale ("en" unless api.locale says otherwise).
std::string default_locale(const Spec& spec);

// Precondition: check_spec found no error in `spec`. Texts come from `locale` where the spec has
// them, else from the default locale; an empty `locale` means the default one.
Model build_model(const Spec& spec, const std::string& locale = {});

}  // namespace errspec
