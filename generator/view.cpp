#include "view.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_set>

#include <errspec/version.hpp>

#include "escape.hpp"
#include "forms.hpp"
#include "markdown.hpp"
#include "namer.hpp"
#include "parallel.hpp"
#include "perfect_hash.hpp"

namespace errspec {
namespace {

using json = ViewJson;

// A plain text (a title, a code, a message) in every form a template may print it.
// (forms.hpp: the forms are computed when a template asks for one.)
void add_text(json& object, const std::string& key, const std::string& text) {
    forms::add(object, key, text, forms::TextKind{});
}

// The docs pages nest their headings as page title <h1>, parts <h2>, codes <h3>, parts of a code
// <h4>; a Markdown text's own headings go one level below the heading it sits under.
constexpr int kHeadingsUnderTitle = 2, kHeadingsUnderPart = 3, kHeadingsUnderCode = 4, kHeadingsUnderCodePart = 5;

// The member names of a rendered text's forms (`description_md`, ...): a docs entry, built twice
// for each code of the page, finds its names once for the run rather than each time.
struct RenderedNames {
    explicit RenderedNames(const std::string& key)
        : md(key + "_md"), md_inline(key + "_md_inline"), html(key + "_html"), html_inline(key + "_html_inline") {}
    MemberName md, md_inline, html, html_inline;
};

// Rendered Markdown: `_md` and `_html` blocks, `_md_inline` and `_html_inline` for table cells.
void add_rendered(json& object, const RenderedNames& names, markdown::Rendered rendered, markdown::Forms forms = {}) {
    if (forms.markdown) {
        object[names.md] = std::move(rendered.markdown);
        object[names.md_inline] = std::move(rendered.markdown_inline);
    }
    if (forms.html) {
        object[names.html] = std::move(rendered.html);
        object[names.html_inline] = std::move(rendered.html_inline);
    }
}

void add_rendered(json& object, const std::string& key, markdown::Rendered rendered, markdown::Forms forms = {}) {
    add_rendered(object, RenderedNames(key), std::move(rendered), forms);
}

// A Markdown text of the spec (a description, a fix step) in every form.
void add_markdown(json& object, const std::string& key, const std::string& text,
                  int first_heading_level = kHeadingsUnderCodePart) {
    object["has_" + key] = !text.empty();
    forms::add(object, key, text, forms::TextKind{true, first_heading_level});
}

// Marks the first and last item of a list for templates that print separators.
json with_positions(json list) {
    static const MemberName is_first("is_first"), is_last("is_last");  // found once, not per item
    for (std::size_t i = 0; i < list.size(); ++i) {
        list[i][is_first] = i == 0;
        list[i][is_last] = i + 1 == list.size();
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

// The C++ RetryKind enumerator: after_retry_after -> AfterRetryAfter.
std::string retry_enumerator(RetryKind kind) { return namer::pascal_case(to_string(kind)); }

// A string of envelope.body that holds a placeholder, split around it. The load stage allows one
// `${name}` per string and rejects unterminated ones.
struct PlaceholderText {
    std::string prefix, name, suffix;
    std::string type;  // after a colon: `${status:string}`
};

std::optional<PlaceholderText> split_placeholder(const nlohmann::ordered_json& value) {
    if (!value.is_string()) return std::nullopt;
    const std::string& text = value.get_ref<const std::string&>();
    const std::size_t open = text.find("${");
    if (open == std::string::npos) return std::nullopt;
    const std::size_t close = text.find('}', open);
    const std::string inside = text.substr(open + 2, close - open - 2);
    const std::size_t colon = inside.find(':');
    return PlaceholderText{text.substr(0, open), inside.substr(0, colon), text.substr(close + 1),
                           colon == std::string::npos ? "" : inside.substr(colon + 1)};
}

// Which values a body built from the envelope gets: an encoder's (the message defaults to the
// title), or only those the spec gives, the others left as their `${name}` (the docs pages').
enum class Fill { as_encoded, from_spec_only };

// The body a server would send for `error`, as pretty JSON: the example of an error the spec shows
// no body for. Details are left out, as the encoders leave them out without a value: an empty
// object would be a value the spec does not give.
nlohmann::ordered_json example_body(const nlohmann::ordered_json& body, const Error& error, const Model& model,
                                    const std::string& request_id, Fill fill = Fill::as_encoded) {
    if (body.is_object()) {
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (const auto& [key, value] : body.items()) {
            const std::optional<PlaceholderText> placeholder = split_placeholder(value);
            if (placeholder && placeholder->name == "details") continue;
            nlohmann::ordered_json member = example_body(value, error, model, request_id, fill);
            if (!member.is_discarded()) out[key] = std::move(member);
        }
        return out;
    }
    if (body.is_array()) {  // the list of errors: its one element, filled
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& element : body) out.push_back(example_body(element, error, model, request_id, fill));
        return out;
    }
    const std::optional<PlaceholderText> placeholder = split_placeholder(body);
    if (!placeholder) return body;
    const auto& [prefix, name, suffix, type] = *placeholder;
    const bool unknown = fill == Fill::from_spec_only &&
                         ((name == "message" && !error.message_from_spec) || (name == "request_id" && request_id.empty()));
    if (unknown) return body;
    nlohmann::ordered_json value;
    if (name == "code") {
        const bool number = type == "number" || (type.empty() && model.integer_codes);
        value = number ? nlohmann::ordered_json(std::stoll(error.code)) : nlohmann::ordered_json(error.code);
    } else if (name == "message") {
        value = error.message;
    } else if (name == "title") {
        value = error.title;
    } else if (name == "status") {
        value = type == "string" ? nlohmann::ordered_json(std::to_string(error.status)) : nlohmann::ordered_json(error.status);
    } else if (name == "request_id") {
        value = request_id;
    } else if (name == "subcode") {  // the first the error lists; an error without any sends none
        if (error.subcodes.empty()) return nlohmann::ordered_json(nlohmann::ordered_json::value_t::discarded);
        value = error.subcodes.front().code;
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

// How many members an error's view has once build_view has added its own (the kTexts spans, the
// anchor alias, is_first and is_last): room for them all at once, instead of a vector that grows
// seven times and is then shrunk.
constexpr std::size_t kErrorViewMembers = 65;

// Errors' views a thread must have to pay for starting it: one takes about 7 microseconds.
constexpr std::size_t kErrorViewsPerThread = 256;

json error_view(const Error& error, const Model& model, const std::string& anchor) {
    json view = json::object();
    view.get_ref<json::object_t&>().reserve(kErrorViewMembers);
    add_text(view, "code", error.code);
    view["value"] = error.value;
    view["enumerator"] = error.enumerator;
    view["anchor"] = anchor;
    view["status"] = error.status;
    view["has_category"] = !error.category.empty();
    add_text(view, "category", error.category);
    add_text(view, "title", error.title);
    add_text(view, "message", error.message);
    view["message_from_spec"] = error.message_from_spec;
    // The URL of the code's section of the docs page, for clients to put in exceptions and logs
    // (as Stripe's doc_url and GitHub's documentation_url do); empty without api.docs_url.
    view["has_docs_url"] = !model.api.docs_url.empty();
    add_text(view, "docs_url", model.api.docs_url.empty() ? std::string() : model.api.docs_url + "#" + anchor);
    add_markdown(view, "description", error.description, kHeadingsUnderCode);
    add_markdown(view, "docs", error.docs, kHeadingsUnderCode);
    add_markdown(view, "deprecated", error.deprecated);
    view["has_since"] = !error.since.empty();
    add_text(view, "since", error.since);
    view["causes"] = markdown_list(error.causes);
    view["has_causes"] = !error.causes.empty();
    view["fix"] = markdown_list(error.fix);
    view["has_fix"] = !error.fix.empty();
    view["fix_ordered"] = error.fix_ordered;
    view["retry"] = std::string(to_string(error.retry));
    view["retry_from_spec"] = error.retry_from_spec;
    view["retry_enumerator"] = retry_enumerator(error.retry);
    view["condition"] = std::string(to_string(error.cond));
    view["retry_safe"] = error.retry_safe;
    view["retry_safe_cpp"] = error.retry_safe ? "true" : "false";
    // What is sent when no message is given: never a `{param}` template.
    add_text(view, "wire_message", error.params.empty() ? error.message : error.title);
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
    json subcodes = json::array();
    for (const Subcode& subcode : error.subcodes) {
        json item;
        add_text(item, "code", subcode.code);
        item["enumerator"] = subcode.enumerator;
        add_text(item, "title", subcode.title);
        item["has_description"] = !subcode.description.empty();
        add_markdown(item, "description", subcode.description);
        item["fix"] = markdown_list(subcode.fix);
        item["has_fix"] = !subcode.fix.empty();
        subcodes.push_back(std::move(item));
    }
    view["subcodes"] = with_positions(std::move(subcodes));
    view["has_subcodes"] = !error.subcodes.empty();
    if (const Slot* slot = model.envelope.slot("subcode"); slot != nullptr && !error.subcodes.empty()) {
        std::string member;
        for (const std::string& key : slot->path) member += (member.empty() ? "" : ".") + key;
        add_markdown(view, "subcodes_intro", "Finer codes under this code, sent in " + markdown::code_span(member) + ":");
    }
    return view;
}

// Where one placeholder stands in envelope.body.
json slot_view(const Slot& slot) {
    json item;
    add_text(item, "name", slot.name);
    item["alone"] = slot.alone();
    item["in_list"] = slot.in_list;
    item["number"] = slot.number;
    item["type_json"] = slot.type.empty() ? "null" : "\"" + slot.type + "\"";
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
    return item;
}

json envelope_view(const Envelope& envelope) {
    json view;
    add_text(view, "content_type", envelope.content_type);
    view["has_code"] = envelope.has_code;
    view["has_list"] = envelope.has_list;
    std::string list_path;  // a JSON array of the keys to the list of errors (TypeScript reads it)
    for (const std::string& key : envelope.list_path) list_path += (list_path.empty() ? "" : ", ") + escape::json_string(key);
    view["list_path_json"] = "[" + list_path + "]";
    add_code_block(view, "body", nlohmann::ordered_json(envelope.body).dump(2));
    json slots = json::array();
    for (const Slot& slot : envelope.slots) slots.push_back(slot_view(slot));
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

// A C++ literal of `value`: 0x0123456789ABCDEFull. By hand, not snprintf: a lookup table of 10 000
// codes prints 70 000 of them, once for every slot the template reaches.
std::string hex64(std::uint64_t value) {
    std::string literal = "0x0000000000000000ull";
    for (std::size_t digit = 17; value != 0; --digit, value >>= 4) literal[digit] = "0123456789ABCDEF"[value & 0xF];
    return literal;
}

// One slot of the lookup table: empty, or the code's bytes as the words the lookup compares.
json lookup_slot(const Model& model, std::int32_t index) {
    json slot = json::object();
    slot["is_empty"] = index < 0;
    if (index < 0) return slot;  // zero words, length 0, no error: written short, as empty slots are many
    const Error& error = model.errors[static_cast<std::size_t>(index)];
    const std::array<std::uint64_t, 6> words = code_words(error.code);
    json word_list = json::array();
    word_list.get_ref<json::array_t&>().reserve(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        // Member by member: nlohmann's initializer-list constructor checks every element for a
        // key-value pair and copies it, which was half the time a slot took to build.
        json& word = word_list.emplace_back(json::object());
        word["value"] = hex64(words[i]);
        word["is_last"] = i + 1 == words.size();
    }
    slot["words"] = std::move(word_list);
    slot["tag"] = hex64((static_cast<std::uint64_t>(error.code.size()) << 16) | 0xFFFFu);
    slot["enumerator"] = error.enumerator;
    return slot;
}

// The slots are deferred items: a table of 10 000 codes has 16 384 of them, each six words.
PerfectHash codes_hash(const Model& model) {
    std::vector<std::string_view> keys;
    keys.reserve(model.errors.size());
    for (const Error& error : model.errors) keys.push_back(error.code);
    return build_perfect_hash(keys);
}

json lookup_view(const std::shared_ptr<const Model>& model, const PerfectHash& hash, DeferredItems& items) {
    json view;
    view["seed"] = hex64(hash.seed);
    view["seed_last"] = hex64(seed_of_last(hash.seed));
    view["full_hash"] = hash.full;
    view["has_buckets"] = hash.bucket_bits > 0;
    view["bucket_shift"] = 64 - hash.bucket_bits;
    // The lookup works with byte offsets of 64-byte slots: displacements and mask are shifted.
    view["slot_offset_mask"] = ((1u << hash.slot_bits) - 1u) << 6;
    json displacements = json::array();
    for (const std::uint32_t d : hash.displacements) displacements.push_back(json{{"value", d << 6}});
    view["displacements"] = std::move(displacements);
    const std::size_t kind = items.add_kind([model, slots = hash.slots](const json&, std::size_t slot) {
        return lookup_slot(*model, slots[slot]);
    });
    json slots = json::array();
    for (std::size_t slot = 0; slot < hash.slots.size(); ++slot) slots.push_back(DeferredItems::marker(kind, slot));
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

// The cpp target's kTexts, one line per error, and where each of its texts sits in it (the
// `{offset, size}` of an errspec::TextSpan): an error's texts, in order. The message is there only
// where it is not the title (its span is then the title's), and is never a `{param}` template.
struct InfoTexts {
    const std::string& code;
    const std::string& title;
    const std::string* message;
    const std::string& category;
    const std::string& anchor;

    InfoTexts(const Error& error, const std::string& anchor_text)
        : code(error.code),
          title(error.title),
          message(error.params.empty() && error.message != error.title ? &error.message : nullptr),
          category(error.category),
          anchor(anchor_text) {}
    std::size_t bytes() const {
        return code.size() + title.size() + (message != nullptr ? message->size() : 0) + category.size() + anchor.size();
    }
};

// Where each error's texts start in kTexts: the bytes of the texts of the errors before it.
std::vector<std::size_t> info_text_offsets(const Model& model, const std::vector<std::string>& anchors) {
    std::vector<std::size_t> offsets;
    std::size_t offset = 0;
    for (std::size_t i = 0; i < model.errors.size(); ++i) {
        offsets.push_back(offset);
        offset += InfoTexts(model.errors[i], anchors[i]).bytes();
    }
    return offsets;
}

// An error's kTexts line and its spans, the texts starting at `offset`.
void add_info_texts(json& view, const Error& error, const std::string& anchor, std::size_t offset) {
    const InfoTexts texts(error, anchor);
    std::string literals;
    const auto span = [&](const std::string& text) {
        const std::string at = "{" + std::to_string(offset) + ", " + std::to_string(text.size()) + "}";
        if (text.empty()) return at;
        literals += (literals.empty() ? "\"" : " \"") + escape::cpp_string(text) + "\"";
        offset += text.size();
        return at;
    };
    view["code_span"] = span(texts.code);
    const std::string title_span = span(texts.title);
    view["title_span"] = title_span;
    view["message_span"] = texts.message != nullptr ? span(*texts.message) : title_span;
    view["category_span"] = span(texts.category);
    view["anchor_span"] = span(texts.anchor);
    view["texts_cpp"] = literals;
}

// ---- cpp-client: the envelope as tables that the generated decoder and encoder walk ------------

// One value of envelope.body that the encoder writes: a placeholder's string or a constant (an
// empty object counts as a value; other objects are paths).
struct BodyLeaf {
    std::vector<std::string> path;
    std::optional<PlaceholderText> placeholder;  // nothing for a constant
    nlohmann::ordered_json constant;
    bool in_list;  // in the element of the list of errors (its path runs through the list's)
};

void collect_body_leaves(const nlohmann::ordered_json& value, std::vector<std::string>& path, const Envelope& envelope,
                         bool in_list, std::vector<BodyLeaf>& leaves) {
    if (value.is_object() && !value.empty()) {
        for (const auto& [key, member] : value.items()) {
            path.push_back(key);
            collect_body_leaves(member, path, envelope, in_list, leaves);
            path.pop_back();
        }
        return;
    }
    if (envelope.has_list && !in_list && value.is_array() && path == envelope.list_path) {
        collect_body_leaves(value.front(), path, envelope, true, leaves);
        return;
    }
    leaves.push_back({path, split_placeholder(value), value, in_list});
}

// The runtime's JsonType of a placeholder: the type its spec declares, else Any.
std::string client_json_type(const std::optional<PlaceholderText>& placeholder) {
    if (!placeholder || placeholder->type.empty()) return "Any";
    return placeholder->type == "string" ? "String" : "Number";
}

// The generated `Part` enumerator of a placeholder: which value fills it.
std::string client_part(const std::string& placeholder) {
    static const std::map<std::string, std::string> builtin = {
        {"code", "Code"},     {"message", "Message"},     {"title", "Title"},
        {"status", "Status"}, {"request_id", "RequestId"}, {"details", "Details"}, {"subcode", "Subcode"}};
    const auto found = builtin.find(placeholder);
    return found == builtin.end() ? "Field" : found->second;
}

std::string ascii_lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

// kKeys (every leaf's path, one after another) and kLeaves, in document order: the encoder writes
// the leaves in this order, so the body keeps the spec's member order.
void add_client_body(json& client, const Model& model) {
    std::vector<BodyLeaf> leaves;
    std::vector<std::string> path;
    collect_body_leaves(model.envelope.body, path, model.envelope, false, leaves);
    json keys = json::array();
    json leaf_views = json::array();
    for (const BodyLeaf& leaf : leaves) {
        json item;
        item["key_begin"] = keys.size();
        item["key_count"] = leaf.path.size();
        for (const std::string& key : leaf.path) keys.push_back(json{{"key_cpp", escape::cpp_string(key)}});
        const std::string part = leaf.placeholder ? client_part(leaf.placeholder->name) : "Constant";
        item["part"] = part;
        // A field's position in envelope.fields, which is also its column in each error's row of
        // field values (the check stage rejects undeclared placeholders).
        const auto& fields = model.envelope.fields;
        const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& candidate) {
            return leaf.placeholder && candidate.name == leaf.placeholder->name;
        });
        item["field"] = part == "Field" ? static_cast<std::size_t>(field - fields.begin()) : 0;
        item["prefix_cpp"] = escape::cpp_string(leaf.placeholder ? leaf.placeholder->prefix : "");
        item["suffix_cpp"] = escape::cpp_string(leaf.placeholder ? leaf.placeholder->suffix : "");
        // ASCII-only JSON: the generated source holds no raw non-ASCII text.
        item["constant_cpp"] = escape::cpp_string(leaf.placeholder ? "" : leaf.constant.dump(-1, ' ', true));
        item["type"] = client_json_type(leaf.placeholder);
        item["in_list"] = leaf.in_list ? "true" : "false";
        leaf_views.push_back(std::move(item));
    }
    client["list_key_count"] = model.envelope.list_path.size();
    client["key_count"] = keys.size();
    client["keys"] = std::move(keys);
    client["leaf_count"] = leaf_views.size();
    client["leaves"] = std::move(leaf_views);

    // The leaves the decoder reads: per placeholder, the model's slot (a lone one over an embedded).
    json decoded = json::array();
    for (const char* name : {"code", "message", "request_id", "status", "details", "subcode"}) {
        const Slot* slot = model.envelope.slot(name);
        if (slot == nullptr) continue;
        for (std::size_t i = 0; i < leaves.size(); ++i) {
            if (leaves[i].path == slot->path) decoded.push_back(json{{"leaf", i}, {"name", name}});
        }
    }
    client["decoded_count"] = decoded.size();
    client["decoded"] = std::move(decoded);
}

// A code-less envelope's match rules, in spec order (the checker made them disjoint).
json client_match_rules(const Model& model) {
    json rules = json::array();
    for (const Error& error : model.errors) {
        if (!error.match) continue;
        const MatchRule& match = *error.match;
        json rule;
        rule["enumerator"] = error.enumerator;
        rule["status"] = match.status.value_or(0);
        rule["kind"] = match.message ? "Exact" : match.message_contains ? "Contains" : "AnyMessage";
        rule["text_cpp"] = escape::cpp_string(match.message ? *match.message : match.message_contains.value_or(""));
        rules.push_back(std::move(rule));
    }
    return rules;
}

// Each error's values of envelope.fields after the defaults, and the row of each enum value
// (0 for Unknown and unused values); nothing at all without fields.
void add_client_fields(json& client, const Model& model) {
    const std::size_t field_count = model.envelope.fields.size();
    json error_fields = json::array();
    json field_rows = json::array();
    if (field_count > 0) {
        std::uint16_t max_value = 0;
        for (const Error& error : model.errors) max_value = std::max(max_value, error.value);
        std::vector<std::size_t> rows(static_cast<std::size_t>(max_value) + 1, 0);
        for (std::size_t i = 0; i < model.errors.size(); ++i) {
            const Error& error = model.errors[i];
            rows[error.value] = i + 1;
            json fields = json::array();
            for (const Field& field : error.fields) fields.push_back(json{{"value_cpp", escape::cpp_string(field.value)}});
            json row;
            add_text(row, "code", error.code);
            row["fields"] = std::move(fields);
            error_fields.push_back(std::move(row));
        }
        for (const std::size_t row : rows) field_rows.push_back(json{{"row", row}});
    }
    client["field_count"] = field_count;
    client["field_value_count"] = field_count * (error_fields.size() + 1);
    client["error_fields"] = std::move(error_fields);
    client["field_row_count"] = field_rows.size();
    client["field_rows"] = std::move(field_rows);
}

// The API's `Subcode` enum (every subcode once, in spec order) and, per error, the subcodes it lists.
void add_client_subcodes(json& client, const Model& model) {
    json enumerators = json::array();
    json rows = json::array();
    std::set<std::string> named;
    for (const Error& error : model.errors) {
        for (const Subcode& subcode : error.subcodes) {
            if (named.insert(subcode.enumerator).second) {
                enumerators.push_back(json{{"enumerator", subcode.enumerator}, {"code_cpp", escape::cpp_string(subcode.code)},
                                           {"code_comment", escape::cpp_comment(subcode.code)}});
            }
            rows.push_back(json{{"error", error.enumerator}, {"enumerator", subcode.enumerator}});
        }
    }
    client["subcode_count"] = enumerators.size() + 1;  // and Unknown
    client["subcodes"] = std::move(enumerators);
    client["subcode_row_count"] = rows.size();
    client["subcode_rows"] = std::move(rows);
}

json client_view(const Model& model) {
    json client;
    add_client_body(client, model);
    add_client_subcodes(client, model);
    client["match_rules"] = client_match_rules(model);
    client["match_rule_count"] = client["match_rules"].size();
    add_client_fields(client, model);
    client["integer_codes"] = model.integer_codes ? "true" : "false";
    // Header names compare case-insensitively: the generated code lowercases what it receives.
    client["request_id_header_cpp"] = escape::cpp_string(ascii_lower(model.headers.request_id));
    client["retry_after_header_cpp"] = escape::cpp_string(ascii_lower(model.headers.retry_after));
    client["retry_after_ms_header_cpp"] = escape::cpp_string(ascii_lower(model.headers.retry_after_ms));
    return client;
}

// ---- docs (markdown, html): the error reference page ---------------------------------------------
// What the docs templates print beyond the spec's own texts: the codes grouped, retry advice, a
// worked example, the header table. Texts composed here are Markdown that goes through
// markdown::render like the spec's own, so the names from the spec inside them are as harmless.
// Anchors (both pages have the same ones, docs/spec-format.md): a code's is escape::anchor() of it,
// claimed first, so that the URL a reader guesses lands on the code; a heading's is the same slug of
// its text; each starts with a letter, as html-validate's rules want of every id.

// Ids and headings given out so far, where each new one is looked up (20 000 times for a page of
// 10 000 codes): a hash set, not a tree.
using TakenNames = std::unordered_set<std::string>;

// `wanted`, or `wanted` numbered (the number between `before` and `after`, from 2 on): the first
// that `taken` does not hold yet, which it then does.
std::string claim_unique(TakenNames& taken, const std::string& wanted, const std::string& before,
                         const std::string& after) {
    std::string unique = wanted;
    for (int n = 2; !taken.insert(unique).second; ++n) unique = wanted + before + std::to_string(n) + after;
    return unique;
}

// The slug of a heading's text, as an id of its own: numbered when taken.
std::string claim_heading_anchor(TakenNames& taken, const std::string& title) {
    std::string slug = escape::anchor(title);
    if (slug.empty() || (slug[0] >= '0' && slug[0] <= '9')) slug = "section" + (slug.empty() ? "" : "-" + slug);
    return claim_unique(taken, slug, "-", "");
}

// The ids of the HTML page's own elements (its search box and the like): no anchor may take one.
TakenNames page_element_ids() {
    return {"main", "filter", "code_filter", "filter_status", "filter_hint", "codes_table", "no_match"};
}

// The headings of the page's parts that the built-in templates write themselves, by the key under
// which page.part_anchors holds their anchors. A group or section title that repeats one of them,
// or another title, is numbered: "Retries (2)". Headings that say the same thing twice confuse a
// table of contents, and markdownlint rejects them.
const std::vector<std::pair<std::string, std::string>>& fixed_part_headings() {
    static const std::vector<std::pair<std::string, std::string>> parts = {
        {"error_codes", "Error codes"},       {"error_response", "Error response"},
        {"request_headers", "Request headers"}, {"response_headers", "Response headers"},
        {"retries", "Retries"},               {"getting_help", "Getting help"}};
    return parts;
}

// The code as written, as a second id of its section (`#INVALID_API_KEY`, `#missing_api_key`), when
// it is one that html-validate takes and no other element has; empty otherwise.
std::string claim_code_alias(TakenNames& taken, const std::string& code) {
    const bool valid = !code.empty() && std::isalpha(static_cast<unsigned char>(code[0])) &&
                       std::all_of(code.begin(), code.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                       });
    return valid && taken.insert(code).second ? code : std::string();
}

// RFC 9110's reason phrases, for group headings and the worked example's status line.
std::string status_text(int status) {
    static const std::map<int, std::string_view> reasons = {
        {100, "Continue"}, {101, "Switching Protocols"}, {102, "Processing"}, {103, "Early Hints"}, {200, "OK"},
        {201, "Created"}, {202, "Accepted"}, {203, "Non-Authoritative Information"}, {204, "No Content"},
        {205, "Reset Content"}, {206, "Partial Content"}, {207, "Multi-Status"}, {208, "Already Reported"},
        {226, "IM Used"}, {300, "Multiple Choices"}, {301, "Moved Permanently"}, {302, "Found"}, {303, "See Other"},
        {304, "Not Modified"}, {307, "Temporary Redirect"}, {308, "Permanent Redirect"}, {400, "Bad Request"},
        {401, "Unauthorized"}, {402, "Payment Required"}, {403, "Forbidden"}, {404, "Not Found"},
        {405, "Method Not Allowed"}, {406, "Not Acceptable"}, {407, "Proxy Authentication Required"},
        {408, "Request Timeout"}, {409, "Conflict"}, {410, "Gone"}, {411, "Length Required"},
        {412, "Precondition Failed"}, {413, "Content Too Large"}, {414, "URI Too Long"},
        {415, "Unsupported Media Type"}, {416, "Range Not Satisfiable"}, {417, "Expectation Failed"},
        {421, "Misdirected Request"}, {422, "Unprocessable Content"}, {423, "Locked"}, {424, "Failed Dependency"},
        {425, "Too Early"}, {426, "Upgrade Required"}, {428, "Precondition Required"}, {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"}, {451, "Unavailable For Legal Reasons"},
        {500, "Internal Server Error"}, {501, "Not Implemented"}, {502, "Bad Gateway"}, {503, "Service Unavailable"},
        {504, "Gateway Timeout"}, {505, "HTTP Version Not Supported"}, {506, "Variant Also Negotiates"},
        {507, "Insufficient Storage"}, {508, "Loop Detected"}, {510, "Not Extended"},
        {511, "Network Authentication Required"}};
    const auto found = reasons.find(status);
    return std::to_string(status) + (found == reasons.end() ? "" : " " + std::string(found->second));
}

std::string duration_text(long long ms) {
    if (ms >= 60000 && ms % 60000 == 0) return std::to_string(ms / 60000) + " min";
    if (ms >= 1000 && ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

std::string count_text(std::size_t count, const std::string& noun) {
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// Markdown: a link to an error's section, the code as a code span.
std::string code_link(const json& error) {
    return "[" + markdown::code_span(error.at("code").get<std::string>()) + "](#" + error.at("anchor").get<std::string>() + ")";
}

std::string backoff_text(const RetryPolicy& retry) {
    return "wait " + duration_text(retry.initial_delay_ms) +
           " before the first retry and twice as long before each next one, up to " +
           duration_text(retry.max_delay_ms) + ", and stop after " + count_text(static_cast<std::size_t>(retry.max_attempts), "attempt") +
           " in all";
}

// What a client should do on an error of `kind`, as Markdown. The numbers are the spec's `retry:`
// block's; without one the advice has none, as errspec's client defaults are no facts about the API.
std::string retry_advice(RetryKind kind, const Model& model) {
    const bool numbers = model.retry.from_spec;
    switch (kind) {
    case RetryKind::never: return "Do not retry: the same request fails again until its cause is fixed.";
    case RetryKind::backoff:
        return "Retry with exponential backoff" + (numbers ? ": " + backoff_text(model.retry) : std::string()) + ".";
    case RetryKind::after_retry_after: {
        std::string text = "Retry after the wait that the " + markdown::code_span(model.headers.retry_after) +
                           " header asks for (seconds or an HTTP date)";
        if (!model.headers.retry_after_ms.empty()) {
            text += ", or " + markdown::code_span(model.headers.retry_after_ms) +
                    " in milliseconds, which wins when both are sent";
        }
        if (!numbers) return text + ".";
        return text + "; give up when it asks for more than " + duration_text(model.retry.max_retry_after_ms) +
               ". Without the header, back off: " + backoff_text(model.retry) + ".";
    }
    }
    return {};
}

// The page's summary of retrying: the codes whose spec says how to retry them, and how. Empty when
// none does: a code's default retry kind is code behaviour, not a fact about the API.
std::string retry_overview(const Model& model, const json& errors) {
    std::map<RetryKind, std::vector<std::string>> links;
    for (std::size_t i = 0; i < model.errors.size(); ++i) {
        if (model.errors[i].retry_from_spec) links[model.errors[i].retry].push_back(code_link(errors[i]));
    }
    static const std::pair<RetryKind, const char*> kinds[] = {{RetryKind::after_retry_after, "Wait, then retry"},
                                                              {RetryKind::backoff, "Back off and retry"},
                                                              {RetryKind::never, "Do not retry"}};
    std::string text;
    for (const auto& [kind, label] : kinds) {
        if (links.count(kind) == 0) continue;
        // "Do not retry: …" would say its label twice.
        const std::string advice = kind == RetryKind::never ? "The same request fails again until its cause is fixed."
                                                            : retry_advice(kind, model);
        text += std::string("- **") + label + ":** " + join(links[kind], ", ") + ". " + advice + "\n";
    }
    return text;
}

// Where the request id travels, and that support wants it, as Markdown; empty when the spec has
// no request id.
std::string request_id_advice(const Model& model) {
    std::vector<std::string> places;
    if (!model.headers.request_id.empty()) places.push_back("the " + markdown::code_span(model.headers.request_id) + " response header");
    if (const Slot* slot = model.envelope.slot("request_id")) {
        places.push_back("the error body's " + markdown::code_span(join(slot->path, ".")) + " member");
    }
    if (places.empty()) return {};
    return "Quote the request id when you contact support: it is in " + join(places, " and ") +
           ", and it lets support find your call.";
}

// A row of a header table.
json header_row(const std::string& name, const std::string& meaning) {
    json row;
    add_text(row, "name", name);
    row["name_md_cell"] = markdown::table_code_span(name);
    add_rendered(row, "meaning", markdown::render(meaning, kHeadingsUnderCodePart));
    return row;
}

// Rows of the response header table: the request id, Retry-After (when the spec says an error
// waits for it) and the response headers the spec documents.
json response_header_rows(const Model& model, const json& errors) {
    json rows = json::array();
    if (!model.headers.request_id.empty()) {
        std::string meaning = "The request id; quote it when you contact support.";
        if (const Slot* slot = model.envelope.slot("request_id")) {
            meaning += " Error bodies carry it too, as " + markdown::code_span(join(slot->path, ".")) + ".";
        }
        rows.push_back(header_row(model.headers.request_id, meaning));
    }
    std::vector<std::string> waiting;
    for (std::size_t i = 0; i < model.errors.size(); ++i) {
        const Error& error = model.errors[i];
        if (error.retry_from_spec && error.retry == RetryKind::after_retry_after) waiting.push_back(code_link(errors[i]));
    }
    if (!waiting.empty()) {
        rows.push_back(header_row(model.headers.retry_after, "Sent with " + join(waiting, ", ") +
                                                                 ": how long to wait before retrying, in seconds or as an HTTP date."));
        if (!model.headers.retry_after_ms.empty()) {
            rows.push_back(header_row(model.headers.retry_after_ms, "The same wait in milliseconds; it wins when both are sent."));
        }
    }
    for (const Header& header : model.headers.documented) {
        if (!header.request) rows.push_back(header_row(header.name, header.description));
    }
    return with_positions(std::move(rows));
}

json request_header_rows(const Model& model) {
    json rows = json::array();
    for (const Header& header : model.headers.documented) {
        if (header.request) rows.push_back(header_row(header.name, header.description));
    }
    return with_positions(std::move(rows));
}

// An example response as it arrives: status line, headers, blank line, body.
json http_message(int status, const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
    std::string message = "HTTP/1.1 " + status_text(status);
    for (const auto& [name, value] : headers) message += "\n" + name + ": " + value;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    json block;
    add_code_block(block, "message", message + "\n\n" + body);
    return block;
}

// The headers every error response carries by the spec, with the values it gives.
std::vector<std::pair<std::string, std::string>> spec_headers(const Model& model, const std::string& request_id) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", model.envelope.content_type}};
    if (!model.headers.request_id.empty() && !request_id.empty()) headers.emplace_back(model.headers.request_id, request_id);
    return headers;
}

// The examples of an error's section: the spec's own, each as it arrives; without any, one built
// from the envelope with the values the spec gives and `${name}` for the others (the page says so
// once, above).
json docs_example(const Error& error, const Model& model, std::size_t index) {
    if (index < error.examples.size()) {
        const Example& example = error.examples[index];
        std::vector<std::pair<std::string, std::string>> headers = spec_headers(model, example.request_id);
        headers.insert(headers.end(), example.headers.begin(), example.headers.end());
        json item = http_message(example.status, headers, example.body);
        item["has_description"] = !example.description.empty();
        add_text(item, "description", example.description);
        return item;
    }
    std::vector<std::pair<std::string, std::string>> headers = spec_headers(model, "${request_id}");
    if (error.retry_from_spec && error.retry == RetryKind::after_retry_after) {
        headers.emplace_back(model.headers.retry_after, "${retry_after}");
    }
    const auto body = example_body(model.envelope.body, error, model, "", Fill::from_spec_only);
    json item = http_message(error.status, headers, body.dump(2));
    item["has_description"] = false;
    return item;
}

// How many examples an error's section shows: the spec's own, or the one built from the envelope.
std::size_t docs_example_count(const Error& error) { return std::max<std::size_t>(error.examples.size(), 1); }

// The examples of an error's section: deferred items of `kind`, numbered from `first` over the
// whole page (docs_groups).
json docs_examples(const Error& error, std::size_t first, std::size_t kind) {
    json examples = json::array();
    for (std::size_t i = 0; i < docs_example_count(error); ++i) examples.push_back(DeferredItems::marker(kind, first + i));
    return with_positions(std::move(examples));
}

// How many words the fix steps have: a short fix fits the summary table, a long one is only in the
// code's section (the table is for scanning).
constexpr std::size_t kSummaryFixWords = 30;

std::size_t word_count(const std::vector<std::string>& texts) {
    std::size_t words = 0;
    for (const std::string& text : texts) {
        bool in_word = false;
        for (const char c : text) {
            const bool space = c == ' ' || c == '\n' || c == '\t';
            if (!space && !in_word) ++words;
            in_word = !space;
        }
    }
    return words;
}

// The examples of every error's section, numbered one after another: the deferred items of `kind`.
struct DocsExamples {
    std::size_t kind;
    std::vector<std::size_t> first;  // the number of each error's first example
};

// How many members a docs entry has at most (both pages' forms, details and subcodes, and the
// marker's is_first and is_last): room for them all at once.
constexpr std::size_t kDocsEntryMembers = 26;

// One error as the docs show it: what only the docs print, extending the error's view (copying
// the view of every error into its group cost more than rendering the page).
json docs_error(const json& error_view, std::size_t index, const Error& error, const std::map<RetryKind, json>& advice, markdown::Forms forms, const DocsExamples& examples) {
    json view = json::object();
    view.get_ref<json::object_t&>().reserve(kDocsEntryMembers);
    forms::extend(view, "/errors/" + std::to_string(index));
    view["code_md_cell"] = markdown::table_code_span(error.code);
    view["code_md_heading"] = markdown::code_span(error.code);
    add_text(view, "status_text", status_text(error.status));
    view["has_retry_advice"] = error.retry_from_spec;
    view["retry_advice"] = advice.at(error.retry);
    // The description's forms, rendered here once rather than on demand while the page renders,
    // which would render it once for each form it prints (the summary table's and the section's).
    // The same function computes them either way (forms.cpp).
    static const RenderedNames description("description"), fix_steps("fix_steps"), causes_list("causes_list");
    if (!error.description.empty()) {
        add_rendered(view, description, markdown::render(error.description, kHeadingsUnderCode, forms), forms);
    }
    add_rendered(view, fix_steps, markdown::render_list(error.fix, error.fix_ordered, kHeadingsUnderCodePart, forms),
                 forms);
    view["has_summary_fix"] = !error.fix.empty() && word_count(error.fix) <= kSummaryFixWords;
    add_rendered(view, causes_list, markdown::render_list(error.causes, false, kHeadingsUnderCodePart, forms), forms);
    if (!error.details.empty()) view["details"] = error_view.at("details");
    for (std::size_t i = 0; i < error.details.size(); ++i) {
        view["details"][i]["name_md_cell"] = markdown::table_code_span(error.details[i].name);
    }
    view["examples"] = docs_examples(error, examples.first[index], examples.kind);
    if (!error.subcodes.empty()) view["subcodes"] = error_view.at("subcodes");
    for (std::size_t i = 0; i < error.subcodes.size(); ++i) {
        view["subcodes"][i]["code_md_cell"] = markdown::table_code_span(error.subcodes[i].code);
    }
    return view;
}

// The codes in groups: by category when the spec has categories (the uncategorised last), else by
// status; spec order within a group.
json docs_groups(const std::shared_ptr<const Model>& shared_model, const json& view, std::map<RetryKind, json> advice,
                 markdown::Forms forms, TakenNames& headings, TakenNames& anchors,
                 DeferredItems& items) {
    const Model& model = *shared_model;
    json groups = json::array();
    const auto make_group = [&](const std::string& anchor, const std::string& title, const std::string& description,
                                json list) {
        json group;
        group["anchor"] = anchor;
        add_text(group, "title", claim_unique(headings, title, " (", ")"));
        add_markdown(group, "description", description, kHeadingsUnderPart);
        add_text(group, "count", count_text(list.size(), "code"));
        group["errors"] = with_positions(std::move(list));
        return group;
    };
    // Each code's entry is a deferred item: its rendered texts and examples are most of the page's
    // view, and the page reads one entry at a time.
    // Its examples are deferred items too: the page's summary table reads each entry, but not them.
    std::vector<std::pair<std::size_t, std::size_t>> example_of;  // (error, example) by number
    DocsExamples examples;
    for (std::size_t i = 0; i < model.errors.size(); ++i) {
        examples.first.push_back(example_of.size());
        for (std::size_t j = 0; j < docs_example_count(model.errors[i]); ++j) example_of.emplace_back(i, j);
    }
    examples.kind = items.add_kind([shared_model, example_of = std::move(example_of)](const json&, std::size_t number) {
        const auto [error, example] = example_of[number];
        return docs_example(shared_model->errors[error], *shared_model, example);
    });
    const std::size_t kind = items.add_kind(
        [shared_model, advice = std::move(advice), forms, examples = std::move(examples)](const json& root, std::size_t i) {
            return docs_error(root.at("errors")[i], i, shared_model->errors[i], advice, forms, examples);
        });
    const auto members = [&](const auto& belongs) {
        json list = json::array();
        for (std::size_t i = 0; i < model.errors.size(); ++i) {
            if (belongs(model.errors[i])) list.push_back(DeferredItems::marker(kind, i));
        }
        return list;
    };
    if (!model.categories.empty()) {
        for (std::size_t c = 0; c < model.categories.size(); ++c) {
            const Category& category = model.categories[c];
            json list = members([&](const Error& error) { return error.category == category.id; });
            const std::string anchor = view.at("categories")[c].at("anchor");
            if (!list.empty()) groups.push_back(make_group(anchor, category.title, category.description, std::move(list)));
        }
        json other = members([](const Error& error) { return error.category.empty(); });
        if (!other.empty()) {
            groups.push_back(make_group(claim_heading_anchor(anchors, "Other errors"), "Other errors", "", std::move(other)));
        }
    } else {
        std::set<int> statuses;
        for (const Error& error : model.errors) statuses.insert(error.status);
        for (const int status : statuses) {
            groups.push_back(make_group(claim_heading_anchor(anchors, status_text(status)), status_text(status), "",
                                        members([&](const Error& error) { return error.status == status; })));
        }
    }
    return with_positions(std::move(groups));
}

// How the envelope's placeholders print in the shape the page shows: a string's in quotes, any
// other value's bare (`"statusCode": ${status}`), so that the shape shows the JSON types the
// members table lists. A member's declared type decides; else the value's kind: a code as the spec
// writes codes, a status a number, details any JSON, and every other value a string.
std::string envelope_shape(const Model& model, bool& all_quoted) {
    std::string shape = model.envelope.body.dump(2);
    all_quoted = true;
    for (const Slot& slot : model.envelope.placeholders) {
        if (!slot.alone()) continue;
        std::string type;
        for (const EnvelopeMember& member : model.envelope.members) {
            if (member.path == join(slot.path, ".")) type = member.type;
        }
        const bool string_value = type.empty() ? (slot.name == "code" ? !model.integer_codes
                                                                       : slot.name != "status" && slot.name != "details")
                                               : type == "string";
        if (string_value) continue;
        all_quoted = false;
        // A placeholder is a whole value here, after a key: `: "${name}"` is never a key.
        const std::string quoted = ": \"${" + slot.name + "}\"";
        for (std::size_t at = shape.find(quoted); at != std::string::npos; at = shape.find(quoted, at)) {
            shape.replace(at, quoted.size(), ": ${" + slot.name + "}");
        }
    }
    return shape;
}

json page_view(const std::shared_ptr<const Model>& shared_model, const json& view, TakenNames anchors,
               markdown::Forms forms, DeferredItems& items) {
    const Model& model = *shared_model;
    const json& errors = view.at("errors");
    json docs;
    docs["lang"] = model.locale;  // a locale tag the loader checked: letters, digits and '-'
    const std::string title = model.api.name + " error reference";
    add_text(docs, "title", title);
    // For a docs site's front matter: what a reader sees of the summary, on one line.
    const std::string description = markdown::plain_text(model.api.summary);
    add_text(docs, "description", description);
    // The front matter of `generate --front-matter` (pipeline.cpp sets has_front_matter): every
    // value a double-quoted YAML scalar, the slug the page's file name without `.md`, which
    // depends on the api id alone.
    docs["has_front_matter"] = false;
    docs["has_description"] = !description.empty();
    docs["title_yaml"] = escape::yaml_string(title);
    docs["description_yaml"] = escape::yaml_string(description);
    docs["slug_yaml"] = escape::yaml_string(model.api.id + "-errors");
    // The shared banner partial prints {{{source}}}: these contexts give it the escaped forms.
    docs["banner_md"] = {{"source", escape::markdown_text(model.source)}};
    docs["banner_html"] = {{"source", escape::html_text(model.source)}};
    add_text(docs, "count", count_text(model.errors.size(), "code"));
    docs["part_anchors"] = view.at("part_anchors");

    std::map<RetryKind, json> advice;
    for (const RetryKind kind : {RetryKind::never, RetryKind::backoff, RetryKind::after_retry_after}) {
        add_rendered(advice[kind], "text", markdown::render(retry_advice(kind, model), kHeadingsUnderCodePart));
    }
    TakenNames headings;
    for (const auto& part : fixed_part_headings()) headings.insert(part.second);
    docs["groups"] = docs_groups(shared_model, view, std::move(advice), forms, headings, anchors, items);
    json sections = view.at("sections");
    for (std::size_t i = 0; i < model.sections.size(); ++i) {
        add_text(sections[i], "title", claim_unique(headings, model.sections[i].title, " (", ")"));
    }
    docs["sections"] = std::move(sections);

    bool all_quoted = true;
    add_code_block(docs, "envelope_shape", envelope_shape(model, all_quoted));
    docs["envelope_shape_language"] = all_quoted ? "json" : "text";
    add_rendered(docs, "envelope_intro",
                 markdown::render("Every error response has the content type " +
                                      markdown::code_span(model.envelope.content_type) +
                                      " and a body of this shape, where " + markdown::code_span("${name}") +
                                      " marks a value: in quotes a string, bare a value of another JSON type" +
                                      (model.envelope.members.empty() ? "." : " (the table gives each member's type)."),
                                  kHeadingsUnderPart));
    json members = view.at("envelope").at("members");
    for (std::size_t i = 0; i < model.envelope.members.size(); ++i) {
        members[i]["path_md_cell"] = markdown::table_code_span(model.envelope.members[i].path);
    }
    docs["members"] = std::move(members);
    const Slot* details = model.envelope.slot("details");
    add_rendered(docs, "details_intro",
                 markdown::render(details != nullptr ? "Members of " + markdown::code_span(join(details->path, ".")) + ":"
                                                     : std::string("Members of the details:"),
                                  kHeadingsUnderCodePart));
    const bool constructed = std::any_of(model.errors.begin(), model.errors.end(),
                                         [](const Error& error) { return error.examples.empty(); });
    docs["has_constructed_examples"] = constructed;
    add_rendered(docs, "constructed_examples",
                 markdown::render("Where the API's documentation shows no response for a code, the code's section "
                                  "shows this shape with the code's own values, and " + markdown::code_span("${name}") +
                                  " where the documentation gives none.",
                                  kHeadingsUnderPart));

    docs["headers"] = response_header_rows(model, errors);
    docs["has_headers"] = !docs["headers"].empty();
    docs["request_headers"] = request_header_rows(model);
    docs["has_request_headers"] = !docs["request_headers"].empty();
    const std::string retries = retry_overview(model, errors);
    docs["has_retries"] = !retries.empty();
    add_rendered(docs, "retries", markdown::render(retries, kHeadingsUnderPart));
    const std::string request_id = request_id_advice(model);
    docs["has_request_id_advice"] = !request_id.empty();
    add_rendered(docs, "request_id_advice", markdown::render(request_id, kHeadingsUnderPart));
    docs["has_support"] = !request_id.empty() || !model.api.support.empty();
    return docs;
}

// ---- typescript and openapi -----------------------------------------------------------------------

// The interface version between generated modules and errspec-runtime.ts: a module checks, as it
// type-checks, that the runtime beside it is the one it was generated for.
constexpr int kTypescriptRuntimeVersion = 2;

// A details member's TypeScript type and the runtime checks behind it, from its `type:` text
// ("string", "array of strings", "integer | null", ...); nullopt for a type the decoder cannot
// check, which stays `unknown`.
struct TsDetailType {
    std::string type;
    std::vector<std::string> kinds;  // the runtime's names of the JSON shapes it accepts
};

std::optional<TsDetailType> ts_detail_type(const std::string& text) {
    static const std::map<std::string, std::pair<std::string, std::string>> known = {
        {"string", {"string", "string"}},
        {"integer", {"number", "integer"}},
        {"number", {"number", "number"}},
        {"boolean", {"boolean", "boolean"}},
        {"null", {"null", "null"}},
        {"object", {"{ readonly [member: string]: unknown }", "object"}},
        {"array", {"readonly unknown[]", "array"}},
        {"array of strings", {"readonly string[]", "string[]"}},
        {"string[]", {"readonly string[]", "string[]"}},
        {"array of integers", {"readonly number[]", "integer[]"}},
        {"integer[]", {"readonly number[]", "integer[]"}},
        {"array of numbers", {"readonly number[]", "number[]"}},
        {"number[]", {"readonly number[]", "number[]"}},
    };
    TsDetailType result;
    std::size_t start = 0;
    for (;;) {
        const std::size_t bar = text.find('|', start);
        std::string alternative = ascii_lower(text.substr(start, bar == std::string::npos ? bar : bar - start));
        alternative.erase(0, alternative.find_first_not_of(' '));
        alternative.erase(alternative.find_last_not_of(' ') + 1);
        const auto found = known.find(alternative);
        if (found == known.end()) return std::nullopt;
        result.type += (result.type.empty() ? "" : " | ") + found->second.first;
        result.kinds.push_back(found->second.second);
        if (bar == std::string::npos) return result;
        start = bar + 1;
    }
}

// Per error, its details as TypeScript types: an error with at least one member of a checkable
// type gets a typed details object (every documented member optional, others `unknown`).
json typescript_errors(const Model& model) {
    json errors = json::array();
    for (const Error& error : model.errors) {
        json members = json::array();
        bool typed = false;
        for (const Detail& detail : error.details) {
            const std::optional<TsDetailType> type = ts_detail_type(detail.type);
            typed |= type.has_value();
            std::string kinds;
            for (const std::string& kind : type ? type->kinds : std::vector<std::string>{}) {
                kinds += (kinds.empty() ? "" : ", ") + escape::json_string(kind);
            }
            members.push_back({{"name_json", escape::json_string(detail.name)},
                               {"type", type ? type->type : "unknown"},
                               {"kinds_json", "[" + kinds + "]"}});
        }
        errors.push_back({{"code_json", escape::json_string(error.code)},
                          {"has_typed_details", typed},
                          {"details", with_positions(std::move(members))}});
    }
    return errors;
}

// Every placeholder of envelope.body in document order (envelope.slots keeps one per name), which
// the TypeScript encoder fills; per error, its details' types. For errspec-runtime.ts, the same for
// every spec: how an error that is not in the spec is retried, by status; the conditions, and the
// statuses whose condition is not their range's (4xx invalid_argument, 5xx internal, others unknown).
json typescript_view(const Model& model) {
    json placeholders = json::array();
    for (const Slot& slot : model.envelope.placeholders) placeholders.push_back(slot_view(slot));
    json status_retry = json::array();
    json status_conditions = json::array();
    for (int status = 100; status <= 599; ++status) {
        const RetryKind kind = default_retry_kind(status);
        if (kind != RetryKind::never) status_retry.push_back(json{{"status", status}, {"retry", to_string(kind)}});
        const condition range = status >= 500 ? condition::internal
                                : status >= 400 ? condition::invalid_argument
                                                : condition::unknown;
        const condition derived = condition_of_status(status);
        if (derived != range) status_conditions.push_back(json{{"status", status}, {"condition", to_string(derived)}});
    }
    json conditions = json::array();
    for (const condition c : kAllConditions) conditions.push_back(json{{"name", to_string(c)}});
    json view;
    view["placeholders"] = with_positions(std::move(placeholders));
    view["errors"] = typescript_errors(model);
    view["runtime_version"] = kTypescriptRuntimeVersion;
    view["status_retry"] = std::move(status_retry);
    view["status_conditions"] = std::move(status_conditions);
    view["conditions"] = with_positions(std::move(conditions));
    return view;
}

// A YAML mapping key: plain where no YAML reader takes it for anything but that string, else quoted.
std::string yaml_key(const std::string& key) {
    static const std::set<std::string> non_strings = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"};
    const auto plain_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.';
    };
    // A leading '$' is plain too: "$ref" reads better bare.
    std::string lower = key;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const bool plain = !key.empty() && std::all_of(key.begin() + (key[0] == '$' ? 1 : 0), key.end(), plain_char) &&
                       key.find_first_of("-.0123456789") != 0 && non_strings.count(lower) == 0;
    return plain ? key : escape::yaml_string(key);
}

// `value` in YAML's flow style: JSON's syntax, which YAML reads, with escape::yaml_string's strings.
std::string yaml_flow(const nlohmann::ordered_json& value) {
    if (value.is_string()) return escape::yaml_string(value.get_ref<const std::string&>());
    if (!value.is_structured()) return value.dump();
    std::string out;
    for (const auto& [key, member] : value.items()) {
        out += (out.empty() ? "" : ", ") + (value.is_object() ? escape::yaml_string(key) + ": " : "") + yaml_flow(member);
    }
    return value.is_object() ? "{" + out + "}" : "[" + out + "]";
}

// An object as YAML block lines indented by `indent` spaces, the last without its line break (a
// template puts it on a line of its own): nested objects as blocks, all else in flow style.
std::string yaml_block(const nlohmann::ordered_json& object, std::size_t indent) {
    std::string out;
    for (const auto& [key, member] : object.items()) {
        if (!out.empty()) out += '\n';
        out += std::string(indent, ' ') + yaml_key(key) + ":";
        out += member.is_object() && !member.empty() ? "\n" + yaml_block(member, indent + 2) : " " + yaml_flow(member);
    }
    return out;
}

// The names of the components, after the API: the API's own document may hold other Error schemas.
std::string component_prefix(const Model& model) { return namer::pascal_case(model.api.id); }

// The JSON Schema of the value of envelope.body at `path`. `required` becomes whether every body
// carries it: a constant, or a placeholder that always has a value (a request id or details may
// be left out, and an object whose members all may be is left out with them).
nlohmann::ordered_json body_schema(const nlohmann::ordered_json& value, std::vector<std::string>& path,
                                   const Model& model, bool& required) {
    using ordered = nlohmann::ordered_json;
    ordered schema = ordered::object();
    std::string dotted;
    for (const std::string& key : path) dotted += (dotted.empty() ? "" : ".") + key;
    std::string member_type;
    for (const EnvelopeMember& member : model.envelope.members) {
        if (member.path == dotted) {
            schema["description"] = member.description;
            member_type = member.type;
        }
    }
    if (value.is_array() && model.envelope.has_list && path == model.envelope.list_path) {
        // The list of errors: always written, one element per error, each of the one template's shape.
        bool element_required = false;
        schema["type"] = "array";
        schema["items"] = body_schema(value.front(), path, model, element_required);
        required = true;
        return schema;
    }
    if (!value.is_object() || value.empty()) {
        const auto& placeholders = model.envelope.placeholders;
        const auto placeholder = std::find_if(placeholders.begin(), placeholders.end(),
                                              [&](const Slot& slot) { return slot.path == path; });
        if (placeholder == placeholders.end()) {
            required = true;
            schema["const"] = value;
            return schema;
        }
        const std::string& name = placeholder->name;
        required = name != "request_id" && name != "details" && name != "subcode";
        if (placeholder->alone() && name == "code" && placeholder->number == model.integer_codes) {
            schema["$ref"] = "#/components/schemas/" + component_prefix(model) + "ErrorCode";
        } else if (placeholder->alone() && (name == "code" || name == "status")) {  // as the spec types it
            schema["type"] = placeholder->number ? "integer" : "string";
        } else if (placeholder->alone() && name == "details") {
            // Any JSON value, unless the members table names a JSON type (CreatorAudit's array).
            static const std::set<std::string> json_types = {"array", "object", "string", "number", "integer", "boolean"};
            if (json_types.count(member_type) != 0) schema["type"] = member_type;
        } else {
            schema["type"] = "string";
        }
        return schema;
    }
    schema["type"] = "object";
    ordered properties = ordered::object(), required_members = ordered::array();
    required = false;
    for (const auto& [key, member] : value.items()) {
        bool member_required = false;
        path.push_back(key);
        properties[key] = body_schema(member, path, model, member_required);
        path.pop_back();
        if (member_required) required_members.push_back(key);
        required |= member_required;
    }
    schema["properties"] = std::move(properties);
    if (!required_members.empty()) schema["required"] = std::move(required_members);
    return schema;
}

// The examples of the responses, by status: each error's worked example (as the docs show it), then
// every example of the spec whose body is a JSON object, under its own status (unless it is that
// same body at that same status).
std::map<int, json> openapi_examples(const Model& model) {
    std::map<int, json> by_status;
    const auto add = [&](int status, const std::string& key, const std::string& summary, const std::string& description,
                         const nlohmann::ordered_json& value) {
        json example;
        example["key_yaml"] = yaml_key(key);
        example["summary_yaml"] = escape::yaml_string(summary);
        example["has_description"] = !description.empty();
        // Markdown as the docs pages have it: OpenAPI tools render descriptions, raw HTML included.
        example["description_yaml"] = escape::yaml_string(markdown::render(description, 2).markdown);
        example["value_yaml"] = yaml_flow(value);
        by_status[status].push_back(std::move(example));
    };
    const auto worked_example_body = [&](const Error& error) {
        return example_body(model.envelope.body, error, model, "req_123");
    };
    for (const Error& error : model.errors) {
        add(error.status, error.code, error.title, error.description, worked_example_body(error));
    }
    for (const Error& error : model.errors) {
        int spec_examples = 0;
        for (const Example& example : error.examples) {
            const auto body = nlohmann::ordered_json::parse(example.body, nullptr, false);
            if (!body.is_object() || (example.status == error.status && body == worked_example_body(error))) continue;
            ++spec_examples;
            add(example.status, error.code + "_example" + (spec_examples > 1 ? "_" + std::to_string(spec_examples) : ""),
                error.title + " (spec example)", example.description, body);
        }
    }
    return by_status;
}

// One response per status: its description names its errors; it carries the request-id header
// where the spec names one, and the retry headers where one of its errors may be retried.
json openapi_responses(const Model& model) {
    std::map<int, json> examples = openapi_examples(model);
    json responses = json::array();
    for (auto& [status, status_examples] : examples) {
        // Markdown: each error's title and its code in a code span (escaped text where it holds a
        // backtick, or a '<', which linters take for HTML even in a code span).
        std::string description = "Status " + std::to_string(status);
        bool retryable = false;
        int listed = 0;
        for (const Error& error : model.errors) {
            if (error.status != status) continue;
            const std::string code = error.code.find_first_of("`<") == std::string::npos ? "`" + error.code + "`"
                                                                                        : escape::markdown_text(error.code);
            description += (listed++ == 0 ? ": " : ", ") + escape::markdown_text(error.title) + " (" + code + ")";
            retryable |= error.retry != RetryKind::never;
        }
        json response;
        response["status"] = status;
        response["description_yaml"] = escape::yaml_string(description);
        response["has_request_id"] = !model.headers.request_id.empty();
        response["has_retry_after"] = retryable;
        response["has_retry_after_ms"] = retryable && !model.headers.retry_after_ms.empty();
        response["has_headers"] = retryable || !model.headers.request_id.empty();
        response["examples"] = std::move(status_examples);
        responses.push_back(std::move(response));
    }
    return responses;
}

json openapi_view(const Model& model) {
    json view;
    view["prefix"] = component_prefix(model);
    view["title_yaml"] = escape::yaml_string(model.api.name + " errors");
    view["has_description"] = !model.api.summary.empty();
    view["description_yaml"] = escape::yaml_string(markdown::render(model.api.summary, 2).markdown);
    view["docs_url_yaml"] = escape::yaml_string(model.api.docs_url);
    view["code_type"] = model.integer_codes ? "integer" : "string";
    json codes = json::array();
    for (const Error& error : model.errors) {
        codes.push_back(json{{"value_yaml", model.integer_codes ? error.code : escape::yaml_string(error.code)}});
    }
    view["codes"] = std::move(codes);
    bool required = false;
    std::vector<std::string> path;
    // Indented for its place in the template, under components.schemas.<prefix>Error.
    view["envelope_schema"] = yaml_block(body_schema(model.envelope.body, path, model, required), 6);
    view["content_type_yaml"] = yaml_key(model.envelope.content_type);
    view["request_id_header_yaml"] = yaml_key(model.headers.request_id);
    view["retry_after_header_yaml"] = yaml_key(model.headers.retry_after);
    view["retry_after_ms_header_yaml"] = yaml_key(model.headers.retry_after_ms);
    view["responses"] = openapi_responses(model);
    view["has_retryable"] = std::any_of(model.errors.begin(), model.errors.end(),
                                        [](const Error& error) { return error.retry != RetryKind::never; });
    view["has_retry_after_ms"] = view["has_retryable"] && !model.headers.retry_after_ms.empty();
    view["has_header_components"] = view["has_retryable"] || !model.headers.request_id.empty();
    return view;
}

}  // namespace

View build_view(Model owned_model, const std::set<std::string_view>& parts) {
    const auto shared_model = std::make_shared<const Model>(std::move(owned_model));
    const Model& model = *shared_model;
    auto items = std::make_shared<DeferredItems>();
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
    add_markdown(api, "summary", model.api.summary, kHeadingsUnderTitle);
    add_markdown(api, "support", model.api.support, kHeadingsUnderPart);
    view["api"] = api;
    view["integer_codes"] = model.integer_codes;
    view["error_count"] = model.errors.size();

    TakenNames anchors = page_element_ids();
    std::vector<std::string> error_anchors;
    for (const Error& error : model.errors) {
        std::string anchor = escape::anchor(error.code);
        if (anchor.empty()) anchor = "error-" + std::to_string(error.value);
        if (anchor[0] >= '0' && anchor[0] <= '9') anchor = "code-" + anchor;
        // Codes that differ only in case or punctuation share an anchor: the later ones add their value.
        while (!anchors.insert(anchor).second) anchor += "-" + std::to_string(error.value);
        error_anchors.push_back(std::move(anchor));
    }
    json part_anchors;
    for (const auto& [key, heading] : fixed_part_headings()) part_anchors[key] = claim_heading_anchor(anchors, heading);
    json categories = json::array();
    for (const Category& category : model.categories) {
        json item;
        item["id"] = category.id;
        item["anchor"] = claim_heading_anchor(anchors, category.title);
        add_text(item, "title", category.title);
        add_markdown(item, "description", category.description, kHeadingsUnderPart);
        categories.push_back(std::move(item));
    }
    view["categories"] = with_positions(std::move(categories));
    view["has_categories"] = !model.categories.empty();

    json sections = json::array();
    for (const Section& section : model.sections) {
        json item;
        add_text(item, "title", section.title);
        item["anchor"] = claim_heading_anchor(anchors, section.title);
        add_markdown(item, "body", section.body, kHeadingsUnderPart);
        sections.push_back(std::move(item));
    }
    view["sections"] = with_positions(std::move(sections));
    view["has_sections"] = !model.sections.empty();
    // The codes as written, after every heading's anchor.
    std::vector<std::string> aliases;
    for (const Error& error : model.errors) aliases.push_back(claim_code_alias(anchors, error.code));
    // The errors' views are most of the view, and independent of each other: they are built side by
    // side. The lookup's perfect hash depends on the codes alone: it is the first job beside them.
    const std::vector<std::size_t> text_offsets = info_text_offsets(model, error_anchors);
    json errors = json::array();
    errors.get_ref<json::array_t&>().resize(model.errors.size());
    const bool lookup = parts.count("lookup") != 0;
    PerfectHash hash;
    parallel_for(
        model.errors.size() + 1,
        [&](std::size_t job) {
            if (job == 0) {
                if (lookup) hash = codes_hash(model);
                return;
            }
            const std::size_t i = job - 1;
            json error = error_view(model.errors[i], model, error_anchors[i]);
            add_info_texts(error, model.errors[i], error_anchors[i], text_offsets[i]);
            error["has_anchor_alias"] = !aliases[i].empty();
            // Docs sites give a heading `### `code`` the id of the lower-cased code already.
            error["has_markdown_anchor_alias"] =
                std::any_of(aliases[i].begin(), aliases[i].end(), [](char c) { return c >= 'A' && c <= 'Z'; });
            error["anchor_alias"] = std::move(aliases[i]);
            errors[i] = std::move(error);
        },
        kErrorViewsPerThread);
    view["errors"] = with_positions(std::move(errors));
    // Mustache leaves a blank line for every item a nested false section skips: templates loop
    // over this list instead of testing has_params inside the errors loop.
    json with_params = json::array();
    for (std::size_t i = 0; i < model.errors.size(); ++i) {
        if (model.errors[i].params.empty()) continue;  // the error view's has_params
        json& entry = with_params.emplace_back(json::object());
        forms::extend(entry, "/errors/" + std::to_string(i));
    }
    view["has_errors_with_params"] = !with_params.empty();
    view["errors_with_params"] = with_positions(std::move(with_params));
    view["runtime_version"] = ERRSPEC_RUNTIME_VERSION;

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
        item["is_request"] = header.request;
        add_markdown(item, "description", header.description);
        documented.push_back(std::move(item));
    }
    headers["documented"] = with_positions(std::move(documented));
    headers["has_documented"] = !model.headers.documented.empty();
    view["headers"] = headers;
    view["retry"] = {{"from_spec", model.retry.from_spec},
                     {"max_attempts", model.retry.max_attempts},
                     {"initial_delay_ms", model.retry.initial_delay_ms},
                     {"max_delay_ms", model.retry.max_delay_ms},
                     {"max_retry_after_ms", model.retry.max_retry_after_ms}};

    view["part_anchors"] = std::move(part_anchors);

    view["value_index"] = value_index_view(model);
    // The parts the targets read, each in proportion to the codes; the page reads the view built so far.
    if (lookup) view["lookup"] = lookup_view(shared_model, hash, *items);
    if (parts.count("client") != 0) view["client"] = client_view(model);
    if (parts.count("typescript") != 0) view["typescript"] = typescript_view(model);
    if (parts.count("openapi") != 0) view["openapi"] = openapi_view(model);
    // Each code's Markdown texts in the forms of the docs targets requested (a page of 10 000 codes
    // in HTML as well as Markdown took 12 MB more for a Markdown page alone).
    const markdown::Forms page_forms{parts.count("page_markdown") != 0, parts.count("page_html") != 0};
    if (parts.count("page") != 0) view["page"] = page_view(shared_model, view, std::move(anchors), page_forms, *items);
    View result;
    result.json = std::move(view);
    result.items = std::move(items);
    return result;
}

ViewJson materialized(View view) {
    if (view.items) view.items->materialize(view.json);
    forms::materialize(view.json);
    return std::move(view.json);
}

nlohmann::json model_json(View view) { return nlohmann::json(materialized(std::move(view))); }

}  // namespace errspec
