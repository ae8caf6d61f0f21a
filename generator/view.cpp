#include "view.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "escape.hpp"
#include "markdown.hpp"
#include "perfect_hash.hpp"

namespace errspec {
namespace {

using json = nlohmann::json;

// A plain text (a title, a code, a message) in every form a template may print it.
void add_text(json& object, const std::string& key, const std::string& text) {
    object[key] = text;
    object[key + "_cpp"] = escape::cpp_string(text);
    object[key + "_comment"] = escape::cpp_comment(text);
    object[key + "_md"] = escape::markdown_text(text);
    object[key + "_html"] = escape::html_text(text);
    object[key + "_json"] = escape::json_string(text);
}

// A Markdown text of the spec (a description, a fix step) in every form.
void add_markdown(json& object, const std::string& key, const std::string& text) {
    object["has_" + key] = !text.empty();
    object[key] = text;
    object[key + "_comment"] = escape::cpp_comment(text);
    object[key + "_md"] = markdown::to_markdown(text);
    object[key + "_html"] = markdown::to_html(text);
}

// Marks the first and last item of a list for templates that print separators.
json with_positions(json list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        list[i]["is_first"] = i == 0;
        list[i]["is_last"] = i + 1 == list.size();
    }
    return list;
}

json markdown_list(const std::vector<std::string>& items) {
    json list = json::array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        json item;
        item["number"] = i + 1;
        add_markdown(item, "text", items[i]);
        list.push_back(std::move(item));
    }
    return with_positions(std::move(list));
}

// A fence longer than any run of backticks in the text, so the text cannot close it.
std::string code_fence(const std::string& text) {
    std::size_t longest = 0, run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void add_code_block(json& object, const std::string& key, const std::string& text) {
    std::string trimmed = text;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r')) trimmed.pop_back();
    add_text(object, key, trimmed);
    object[key + "_fence"] = code_fence(trimmed);
    // Inside a fence nothing is markup, but MDX still reads braces and angle brackets there only
    // in JSX; the raw text is what the fence must show.
    object[key + "_block"] = trimmed;
}

std::string retry_enumerator(RetryKind kind) {
    switch (kind) {
    case RetryKind::never: return "Never";
    case RetryKind::backoff: return "Backoff";
    case RetryKind::after_retry_after: return "AfterRetryAfter";
    }
    return "Never";
}

// The body a server would send for `error`, as pretty JSON: the docs' worked example.
nlohmann::ordered_json example_body(const nlohmann::ordered_json& body, const Error& error, const Model& model,
                                    const std::string& request_id) {
    if (body.is_object()) {
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (const auto& [key, value] : body.items()) out[key] = example_body(value, error, model, request_id);
        return out;
    }
    if (!body.is_string()) return body;
    const std::string& text = body.get_ref<const std::string&>();
    const std::size_t open = text.find("${");
    if (open == std::string::npos) return body;
    const std::size_t close = text.find('}', open);
    const std::string name = text.substr(open + 2, close - open - 2);
    const std::string prefix = text.substr(0, open), suffix = text.substr(close + 1);
    nlohmann::ordered_json value;
    if (name == "code") {
        value = model.integer_codes ? nlohmann::ordered_json(std::stoll(error.code)) : nlohmann::ordered_json(error.code);
    } else if (name == "message") {
        value = error.message;
    } else if (name == "title") {
        value = error.title;
    } else if (name == "status") {
        value = error.status;
    } else if (name == "request_id") {
        value = request_id;
    } else if (name == "details") {
        value = nlohmann::ordered_json::object();
    } else {
        for (const Field& field : error.fields) {
            if (field.name == name) value = field.value;
        }
    }
    if (prefix.empty() && suffix.empty()) return value;
    return prefix + (value.is_string() ? value.get<std::string>() : value.dump()) + suffix;
}

// The typed message formatter of an error whose message names parameters: its signature and the
// pieces its body appends.
void add_params(json& view, const Error& error) {
    json params = json::array();
    for (const Param& param : error.params) {
        json item;
        item["name"] = param.name;
        item["is_string"] = param.type == "string";
        item["is_integer"] = param.type == "integer";
        item["cpp_type"] = param.type == "integer" ? "long long" : "std::string_view";
        add_text(item, "example", param.example);
        add_markdown(item, "description", param.description);
        params.push_back(std::move(item));
    }
    view["params"] = with_positions(std::move(params));
    view["has_params"] = !error.params.empty();
    json parts = json::array();
    for (const MessagePart& part : error.message_parts) {
        json item;
        const Param* param = nullptr;
        for (const Param& p : error.params) {
            if (p.name == part.param) param = &p;
        }
        item["is_text"] = param == nullptr;
        item["is_string_param"] = param != nullptr && param->type == "string";
        item["is_integer_param"] = param != nullptr && param->type == "integer";
        item["name"] = part.param;
        item["text_cpp"] = escape::cpp_string(part.text);
        parts.push_back(std::move(item));
    }
    view["message_parts"] = std::move(parts);
}

json error_view(const Error& error, const Model& model, const std::string& anchor) {
    json view;
    add_text(view, "code", error.code);
    view["value"] = error.value;
    view["enumerator"] = error.enumerator;
    view["anchor"] = anchor;
    view["status"] = error.status;
    view["has_category"] = !error.category.empty();
    add_text(view, "category", error.category);
    add_text(view, "title", error.title);
    add_text(view, "message", error.message);
    add_markdown(view, "description", error.description);
    add_markdown(view, "docs", error.docs);
    add_markdown(view, "deprecated", error.deprecated);
    view["has_since"] = !error.since.empty();
    add_text(view, "since", error.since);
    view["causes"] = markdown_list(error.causes);
    view["has_causes"] = !error.causes.empty();
    view["fix"] = markdown_list(error.fix);
    view["has_fix"] = !error.fix.empty();
    view["fix_ordered"] = error.fix_ordered;
    view["retry"] = std::string(to_string(error.retry));
    view["retry_enumerator"] = retry_enumerator(error.retry);
    json details = json::array();
    for (const Detail& detail : error.details) {
        json item;
        add_text(item, "name", detail.name);
        add_text(item, "type", detail.type);
        item["has_type"] = !detail.type.empty();
        add_markdown(item, "description", detail.description);
        details.push_back(std::move(item));
    }
    view["details"] = with_positions(std::move(details));
    view["has_details"] = !error.details.empty();
    json fields = json::array();
    for (const Field& field : error.fields) {
        json item;
        item["name"] = field.name;
        add_text(item, "value", field.value);
        fields.push_back(std::move(item));
    }
    view["fields"] = with_positions(std::move(fields));
    json match;
    view["has_match"] = error.match.has_value();
    if (error.match) {
        match["has_status"] = error.match->status.has_value();
        match["status"] = error.match->status.value_or(0);
        match["has_message"] = error.match->message.has_value();
        add_text(match, "message", error.match->message.value_or(""));
        match["has_message_contains"] = error.match->message_contains.has_value();
        add_text(match, "message_contains", error.match->message_contains.value_or(""));
    }
    view["match"] = match;
    json examples = json::array();
    for (const Example& example : error.examples) {
        json item;
        item["status"] = example.status;
        add_code_block(item, "body", example.body);
        item["has_request_id"] = !example.request_id.empty();
        add_text(item, "request_id", example.request_id);
        item["has_description"] = !example.description.empty();
        add_text(item, "description", example.description);
        json headers = json::array();
        for (const auto& [name, value] : example.headers) {
            json header;
            add_text(header, "name", name);
            add_text(header, "value", value);
            headers.push_back(std::move(header));
        }
        item["headers"] = with_positions(std::move(headers));
        examples.push_back(std::move(item));
    }
    view["examples"] = with_positions(std::move(examples));
    view["has_examples"] = !error.examples.empty();
    add_params(view, error);
    json sample;
    add_code_block(sample, "body", example_body(model.envelope.body, error, model, "req_123").dump(2));
    view["sample"] = sample;
    return view;
}

json envelope_view(const Envelope& envelope) {
    json view;
    add_text(view, "content_type", envelope.content_type);
    view["has_code"] = envelope.has_code;
    add_code_block(view, "body", nlohmann::ordered_json(envelope.body).dump(2));
    json slots = json::array();
    for (const Slot& slot : envelope.slots) {
        json item;
        item["name"] = slot.name;
        item["alone"] = slot.alone();
        add_text(item, "prefix", slot.prefix);
        add_text(item, "suffix", slot.suffix);
        json path = json::array();
        std::string path_text;
        for (const std::string& key : slot.path) {
            json segment;
            add_text(segment, "key", key);
            path.push_back(std::move(segment));
            path_text += (path_text.empty() ? "" : ".") + key;
        }
        item["path"] = with_positions(std::move(path));
        add_text(item, "path_text", path_text);
        slots.push_back(std::move(item));
    }
    view["slots"] = with_positions(std::move(slots));
    json fields = json::array();
    for (const Field& field : envelope.fields) {
        json item;
        add_text(item, "name", field.name);
        add_text(item, "value", field.value);
        fields.push_back(std::move(item));
    }
    view["fields"] = with_positions(std::move(fields));
    view["has_fields"] = !envelope.fields.empty();
    json members = json::array();
    for (const EnvelopeMember& member : envelope.members) {
        json item;
        add_text(item, "path", member.path);
        add_text(item, "type", member.type);
        add_markdown(item, "description", member.description);
        members.push_back(std::move(item));
    }
    view["members"] = with_positions(std::move(members));
    view["has_members"] = !envelope.members.empty();
    return view;
}

std::string hex64(std::uint64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%016llXull", static_cast<unsigned long long>(value));
    return buffer;
}

json lookup_view(const Model& model) {
    std::vector<std::string_view> keys;
    keys.reserve(model.errors.size());
    for (const Error& error : model.errors) keys.push_back(error.code);
    const PerfectHash hash = build_perfect_hash(keys);
    json view;
    view["seed"] = hex64(hash.seed);
    view["bucket_count"] = hash.displacements.size();
    view["slot_count"] = hash.slots.size();
    json displacements = json::array();
    for (const std::uint32_t d : hash.displacements) displacements.push_back(json{{"value", d}});
    view["displacements"] = std::move(displacements);
    json slots = json::array();
    for (const std::int32_t index : hash.slots) {
        json slot;
        if (index < 0) {
            slot["code_cpp"] = "";
            slot["enumerator"] = "Unknown";
        } else {
            const Error& error = model.errors[static_cast<std::size_t>(index)];
            slot["code_cpp"] = escape::cpp_string(error.code);
            slot["enumerator"] = error.enumerator;
        }
        slots.push_back(std::move(slot));
    }
    view["slots"] = std::move(slots);
    return view;
}

// Index of each enum value in the metadata table (0 for Unknown and for unused values): values
// may be pinned with gaps.
json value_index_view(const Model& model) {
    std::uint16_t max_value = 0;
    for (const Error& error : model.errors) max_value = std::max(max_value, error.value);
    std::vector<std::size_t> index(static_cast<std::size_t>(max_value) + 1, 0);
    for (std::size_t i = 0; i < model.errors.size(); ++i) index[model.errors[i].value] = i + 1;
    json view = json::array();
    for (const std::size_t i : index) view.push_back(json{{"index", i}});
    return view;
}

}  // namespace

json build_view(const Model& model) {
    json view;
    view["source"] = model.source;
    view["namespace"] = model.api.id;
    json api;
    api["id"] = model.api.id;
    add_text(api, "name", model.api.name);
    add_text(api, "base_url", model.api.base_url);
    api["has_base_url"] = !model.api.base_url.empty();
    add_text(api, "docs_url", model.api.docs_url);
    api["has_docs_url"] = !model.api.docs_url.empty();
    add_markdown(api, "summary", model.api.summary);
    add_markdown(api, "support", model.api.support);
    view["api"] = api;
    view["integer_codes"] = model.integer_codes;
    view["error_count"] = model.errors.size();

    std::set<std::string> anchors;
    json errors = json::array();
    for (const Error& error : model.errors) {
        std::string anchor = escape::anchor(error.code);
        if (anchor.empty() || !anchors.insert(anchor).second) {
            anchor += (anchor.empty() ? "error-" : "-") + std::to_string(error.value);
            anchors.insert(anchor);
        }
        errors.push_back(error_view(error, model, anchor));
    }
    view["errors"] = with_positions(std::move(errors));
    // Mustache leaves a blank line for every item a nested false section skips: templates loop
    // over this list instead of testing has_params inside the errors loop.
    json with_params = json::array();
    for (const json& error : view["errors"]) {
        if (error["has_params"]) with_params.push_back(error);
    }
    view["errors_with_params"] = with_positions(std::move(with_params));

    json categories = json::array();
    for (const Category& category : model.categories) {
        json item;
        item["id"] = category.id;
        item["anchor"] = "category-" + escape::anchor(category.id);
        add_text(item, "title", category.title);
        add_markdown(item, "description", category.description);
        categories.push_back(std::move(item));
    }
    view["categories"] = with_positions(std::move(categories));
    view["has_categories"] = !model.categories.empty();

    view["envelope"] = envelope_view(model.envelope);
    json headers;
    add_text(headers, "request_id", model.headers.request_id);
    headers["has_request_id"] = !model.headers.request_id.empty();
    add_text(headers, "retry_after", model.headers.retry_after);
    add_text(headers, "retry_after_ms", model.headers.retry_after_ms);
    headers["has_retry_after_ms"] = !model.headers.retry_after_ms.empty();
    json documented = json::array();
    for (const Header& header : model.headers.documented) {
        json item;
        add_text(item, "name", header.name);
        add_markdown(item, "description", header.description);
        documented.push_back(std::move(item));
    }
    headers["documented"] = with_positions(std::move(documented));
    headers["has_documented"] = !model.headers.documented.empty();
    view["headers"] = headers;
    view["retry"] = {{"max_attempts", model.retry.max_attempts},
                     {"initial_delay_ms", model.retry.initial_delay_ms},
                     {"max_delay_ms", model.retry.max_delay_ms},
                     {"max_retry_after_ms", model.retry.max_retry_after_ms}};

    json sections = json::array();
    for (const Section& section : model.sections) {
        json item;
        add_text(item, "title", section.title);
        item["anchor"] = "section-" + escape::anchor(section.title);
        add_markdown(item, "body", section.body);
        sections.push_back(std::move(item));
    }
    view["sections"] = with_positions(std::move(sections));
    view["has_sections"] = !model.sections.empty();

    view["lookup"] = lookup_view(model);
    view["value_index"] = value_index_view(model);
    return view;
}

}  // namespace errspec
