#include "model.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "namer.hpp"

namespace errspec {

std::string_view to_string(RetryKind kind) {
    switch (kind) {
    case RetryKind::never: return "never";
    case RetryKind::backoff: return "backoff";
    case RetryKind::after_retry_after: return "after_retry_after";
    }
    return "never";
}

std::optional<RetryKind> parse_retry_kind(std::string_view text) {
    for (RetryKind kind : {RetryKind::never, RetryKind::backoff, RetryKind::after_retry_after}) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

RetryKind default_retry_kind(int status) {
    switch (status) {
    case 429: return RetryKind::after_retry_after;
    case 408: case 500: case 502: case 503: case 504: return RetryKind::backoff;
    default: return RetryKind::never;
    }
}

std::optional<condition> parse_condition(std::string_view name) {
    for (const condition c : kAllConditions) {
        if (to_string(c) == name) return c;
    }
    return std::nullopt;
}

const Slot* Envelope::slot(std::string_view name) const {
    for (const Slot& s : slots) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

std::string enumerator_name(const SpecError& error) {
    return error.name.present() ? error.name.value : code_enumerator(error.code.value);
}

std::string code_enumerator(const std::string& code) {
    std::string name = namer::pascal_case(code);
    if (name == namer::unknown_enumerator) name = namer::unknown_replacement;
    return name;
}

std::vector<std::uint16_t> enum_values(const std::vector<SpecError>& errors) {
    std::set<long long> pinned;
    for (const SpecError& error : errors) {
        if (error.id.present()) pinned.insert(error.id.value);
    }
    std::vector<std::uint16_t> values;
    long long next = 1;
    for (const SpecError& error : errors) {
        if (error.id.present()) {
            const bool valid = error.id.value >= 1 && error.id.value <= 65535;
            values.push_back(valid ? static_cast<std::uint16_t>(error.id.value) : 0);
            continue;
        }
        while (pinned.count(next)) ++next;
        values.push_back(next <= 65535 ? static_cast<std::uint16_t>(next) : 0);
        ++next;
    }
    return values;
}

std::vector<MessagePart> split_message(const std::string& message) {
    std::vector<MessagePart> parts;
    std::string text;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const std::size_t close = message[i] == '{' ? message.find('}', i) : std::string::npos;
        const std::string name = close == std::string::npos ? std::string() : message.substr(i + 1, close - i - 1);
        if (namer::is_identifier(name)) {
            if (!text.empty()) parts.push_back({std::move(text), {}});
            text.clear();
            parts.push_back({{}, name});
            i = close;
        } else {
            text += message[i];
        }
    }
    if (!text.empty()) parts.push_back({std::move(text), {}});
    return parts;
}

std::string default_locale(const Spec& spec) {
    return spec.api.locale.present() ? spec.api.locale.value : "en";
}

namespace {

std::string or_default(const Text& text, std::string fallback) {
    return text.present() ? text.value : std::move(fallback);
}

std::vector<std::string> texts(const std::vector<Text>& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const Text& item : items) out.push_back(item.value);
    return out;
}

Envelope build_envelope(const SpecEnvelope& spec, bool integer_codes) {
    Envelope envelope;
    envelope.content_type = or_default(spec.content_type, "application/json");
    envelope.body = spec.body;
    envelope.list_path = spec.list_path;
    envelope.has_list = spec.list_pos.line > 0;
    for (const SpecPlaceholder& placeholder : spec.placeholders) {
        Slot slot{placeholder.name, placeholder.path, placeholder.prefix, placeholder.suffix, placeholder.type,
                  placeholder.in_list};
        const bool number_by_default = placeholder.name == "status" || (placeholder.name == "code" && integer_codes);
        slot.number = slot.alone() && (slot.type == "number" || (slot.type.empty() && number_by_default));
        envelope.placeholders.push_back(slot);
        const auto existing = std::find_if(envelope.slots.begin(), envelope.slots.end(),
                                           [&](const Slot& s) { return s.name == slot.name; });
        if (existing == envelope.slots.end()) {
            envelope.slots.push_back(std::move(slot));
        } else if (!existing->alone() && slot.alone()) {
            *existing = std::move(slot);
        }
    }
    for (const auto& [name, value] : spec.fields) envelope.fields.push_back({name.value, value.value});
    for (const SpecMember& member : spec.members) {
        envelope.members.push_back({member.path.value, member.type.value, member.description.value});
    }
    envelope.has_code = envelope.slot("code") != nullptr;
    return envelope;
}

const SpecTranslation* find_translation(const SpecError& error, const std::string& locale) {
    for (const SpecTranslation& translation : error.translations) {
        if (translation.locale == locale) return &translation;
    }
    return nullptr;
}

Error build_error(const SpecError& spec, std::uint16_t value, const Envelope& envelope, const std::string& locale) {
    Error error;
    error.pos = spec.pos;
    error.code = spec.code.value;
    error.value = value;
    error.enumerator = enumerator_name(spec);
    error.status = static_cast<int>(spec.status.value);
    error.category = spec.category.value;
    const SpecTranslation* translated = find_translation(spec, locale);
    const auto localized = [&](const Text& text, Text SpecTranslation::*member) {
        return translated && (translated->*member).present() ? (translated->*member).value : text.value;
    };
    error.title = localized(spec.title, &SpecTranslation::title);
    error.message_from_spec = spec.message.present() || (translated && translated->message.present());
    error.message = error.message_from_spec ? localized(spec.message, &SpecTranslation::message) : error.title;
    error.description = localized(spec.description, &SpecTranslation::description);
    error.deprecated = spec.deprecated.value;
    error.since = spec.since.value;
    error.docs = spec.docs.value;
    error.causes = texts(spec.causes);
    error.fix = texts(translated && translated->has_fix ? translated->fix : spec.fix);
    for (const SpecParam& param : spec.params) {
        error.params.push_back({param.name.value, param.type.value, param.example.value, param.description.value});
    }
    for (const SpecSubcode& subcode : spec.subcodes) {
        error.subcodes.push_back({subcode.code.value, code_enumerator(subcode.code.value), subcode.title.value,
                                  subcode.description.value, texts(subcode.fix)});
    }
    if (!error.params.empty()) error.message_parts = split_message(error.message);
    error.fix_ordered = spec.fix_ordered.value;
    error.retry_from_spec = spec.retry.present();
    error.retry = spec.retry.present() ? *parse_retry_kind(spec.retry.value) : default_retry_kind(error.status);
    error.cond = spec.condition.present() ? *parse_condition(spec.condition.value) : condition_of_status(error.status);
    error.retry_safe = spec.retry_safe.value;
    for (const SpecDetail& detail : spec.details) {
        error.details.push_back({detail.name.value, detail.type.value, detail.description.value});
    }
    for (const Field& field : envelope.fields) {
        const auto own = std::find_if(spec.fields.begin(), spec.fields.end(),
                                      [&](const auto& entry) { return entry.first.value == field.name; });
        error.fields.push_back({field.name, own == spec.fields.end() ? field.value : own->second.value});
    }
    if (spec.match.pos.line > 0) {
        MatchRule rule;
        if (spec.match.status.present()) rule.status = static_cast<int>(spec.match.status.value);
        if (spec.match.message.present()) rule.message = spec.match.message.value;
        if (spec.match.message_contains.present()) rule.message_contains = spec.match.message_contains.value;
        error.match = std::move(rule);
    }
    for (const SpecExample& example : spec.examples) {
        Example out;
        out.status = example.status.present() ? static_cast<int>(example.status.value) : error.status;
        out.body = example.body.value;
        out.request_id = example.request_id.value;
        out.description = example.description.value;
        for (const auto& [name, header_value] : example.headers) out.headers.emplace_back(name.value, header_value.value);
        error.examples.push_back(std::move(out));
    }
    return error;
}

// The spec's file name as every target's banner comment prints it (C++, TypeScript, YAML, HTML):
// a line break, "*/", "-->" or "??/" in a hostile name would end the comment and put the rest
// into the code, so all but ASCII letters, digits and "._+-" becomes '_'.
std::string banner_name(const std::string& file_name) {
    std::string out = file_name;
    for (char& c : out) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '.' || c == '_' || c == '+' || c == '-';
        if (!plain) c = '_';
    }
    return out;
}

}  // namespace

Model build_model(const Spec& spec, const std::string& locale) {
    Model model;
    model.source = banner_name(std::filesystem::path(spec.file).filename().string());
    model.locale = locale.empty() ? default_locale(spec) : locale;
    model.api = {spec.api.id.value,       spec.api.name.value,    spec.api.base_url.value,
                 spec.api.docs_url.value, spec.api.summary.value, spec.api.support.value};
    for (const auto& [summary_locale, summary] : spec.api.summary_translations) {
        if (summary_locale.value == model.locale) model.api.summary = summary.value;
    }
    model.integer_codes = !spec.errors.empty() && spec.errors.front().code_is_integer;
    model.envelope = build_envelope(spec.envelope, model.integer_codes);
    model.headers.request_id = spec.headers.request_id.value;
    model.headers.retry_after = or_default(spec.headers.retry_after, "Retry-After");
    model.headers.retry_after_ms = spec.headers.retry_after_ms.value;
    for (const SpecHeader& header : spec.headers.documented) {
        model.headers.documented.push_back({header.name.value, header.description.value, header.side.value == "request"});
    }
    model.retry.from_spec = spec.retry.pos.line > 0;
    if (spec.retry.max_attempts.present()) model.retry.max_attempts = static_cast<int>(spec.retry.max_attempts.value);
    if (spec.retry.initial_delay_ms.present()) model.retry.initial_delay_ms = spec.retry.initial_delay_ms.value;
    if (spec.retry.max_delay_ms.present()) model.retry.max_delay_ms = spec.retry.max_delay_ms.value;
    if (spec.retry.max_retry_after_ms.present()) model.retry.max_retry_after_ms = spec.retry.max_retry_after_ms.value;
    for (const SpecCategory& category : spec.categories) {
        model.categories.push_back({category.id.value, category.title.value, category.description.value});
    }
    const std::vector<std::uint16_t> values = enum_values(spec.errors);
    model.errors.reserve(spec.errors.size());  // a vector that doubled kept up to half of it unused
    for (std::size_t i = 0; i < spec.errors.size(); ++i) {
        model.errors.push_back(build_error(spec.errors[i], values[i], model.envelope, model.locale));
    }
    for (const SpecSection& section : spec.sections) model.sections.push_back({section.title.value, section.body.value});
    return model;
}

}  // namespace errspec
