#include "load.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <set>

#include "files.hpp"
#include "limits.hpp"
#include "syntax.hpp"

namespace errspec {
namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// Reads one mapping: reports keys that are duplicated, unknown (with a hint) or not scalars, and
// hands out the values of the known ones.
class MapReader {
public:
    MapReader(const SyntaxNode& map, std::string_view what, std::initializer_list<std::string_view> known,
              Diagnostics& diagnostics, HintFinder& hints)
        : map_(map), what_(what), known_(known), diagnostics_(diagnostics) {
        std::set<std::string_view> seen;
        for (std::size_t i = 0; i < map.map_size(); ++i) {
            const SyntaxNode& key = map.key(i);
            if (!key.is_scalar()) {
                diagnostics.error(key.pos, "keys in " + std::string(what) + " must be plain names");
                continue;
            }
            if (!seen.insert(key.text).second) {
                diagnostics.error(key.pos, "duplicate key " + in_quotes(key.text) + " in " + std::string(what));
                continue;
            }
            if (key.text == "<<" && !key.quoted) {
                // YAML 1.1 merge keys: yaml-cpp's event parser does not merge them.
                diagnostics.error(key.pos, "merge keys (<<) are not supported; write the keys out");
                continue;
            }
            if (std::find(known_.begin(), known_.end(), key.text) == known_.end()) {
                std::string message = "unknown key " + in_quotes(key.text) + " in " + std::string(what);
                const std::string hint = hints.closest(key.text, known_);
                if (!hint.empty()) message += "; did you mean " + in_quotes(hint) + "?";
                diagnostics.error(key.pos, message);
            }
        }
    }

    // The value of `key` (its first occurrence), or nullptr.
    const SyntaxNode* find(std::string_view key) const {
        for (std::size_t i = 0; i < map_.map_size(); ++i) {
            if (map_.key(i).is_scalar() && map_.key(i).text == key) return &map_.value(i);
        }
        return nullptr;
    }

    SourcePos key_pos(std::string_view key) const {
        for (std::size_t i = 0; i < map_.map_size(); ++i) {
            if (map_.key(i).is_scalar() && map_.key(i).text == key) return map_.key(i).pos;
        }
        return map_.pos;
    }

    // The value of a required key; reports its absence.
    const SyntaxNode* require(std::string_view key) const {
        const SyntaxNode* value = find(key);
        if (value == nullptr) {
            diagnostics_.error(map_.pos, "missing required key " + in_quotes(key) + " in " + std::string(what_));
        }
        return value;
    }

    // Where to report a problem with `key`'s value: an empty value has no position of its own
    // (yaml-cpp gives it the next token's), so point at the key.
    SourcePos value_pos(std::string_view key, const SyntaxNode& value) const {
        return value.is_null() ? key_pos(key) : value.pos;
    }

    const SyntaxNode& node() const { return map_; }
    std::string_view what() const { return what_; }

private:
    const SyntaxNode& map_;
    std::string_view what_;
    std::vector<std::string_view> known_;
    Diagnostics& diagnostics_;
};

class Loader {
public:
    explicit Loader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

    Spec load(const SyntaxNode& root, const std::string& file) {
        Spec spec;
        spec.file = file;
        if (root.is_null()) {  // "---" alone, or "~": as empty as an empty file
            diagnostics_.error({}, "the spec is empty");
            return spec;
        }
        if (!expect(root, SyntaxNode::Kind::map, root.pos, "the spec")) return spec;
        const MapReader top(root, "the spec",
                            {"errspec", "api", "envelope", "headers", "retry", "categories", "errors", "sections"},
                            diagnostics_, hints_);
        read_version(top, spec);
        if (const SyntaxNode* api = top.require("api")) read_api(top, *api, spec.api);
        if (const SyntaxNode* envelope = top.require("envelope")) read_envelope(top, *envelope, spec.envelope);
        if (const SyntaxNode* headers = top.find("headers")) read_headers(top, *headers, spec.headers);
        if (const SyntaxNode* retry = top.find("retry")) read_retry(top, *retry, spec.retry);
        if (const SyntaxNode* categories = top.find("categories")) {
            for_each_map(top, "categories", *categories, "a category", [&](const MapReader& map) {
                SpecCategory category;
                category.pos = map.node().pos;
                category.id = required_text(map, "id");
                category.title = required_text(map, "title");
                category.description = text(map, "description");
                maintainer_notes(map);
                spec.categories.push_back(std::move(category));
            }, {"id", "title", "description", "notes"});
        }
        if (const SyntaxNode* errors = top.require("errors")) {
            spec.errors_pos = top.value_pos("errors", *errors);
            if (errors->is_sequence() && errors->children.empty()) {
                diagnostics_.error(spec.errors_pos, "'errors' is empty; a spec lists at least one error");
            } else if (errors->is_sequence() && errors->children.size() > limits::max_errors) {
                diagnostics_.error(spec.errors_pos, "a spec holds at most " + std::to_string(limits::max_errors) +
                                                        " errors; this one has " +
                                                        std::to_string(errors->children.size()));
                return spec;
            }
            // Room for every error at once: a vector that grows moves every error it holds each time.
            if (errors->is_sequence()) spec.errors.reserve(errors->children.size());
            for_each_map(top, "errors", *errors, "an error", [&](const MapReader& map) {
                spec.errors.push_back(read_error(map));
            }, {"code", "status", "title", "category", "message", "description", "causes", "fix", "fix_ordered",
                "retry", "id", "name", "details", "deprecated", "since", "fields", "match", "docs", "examples", "params",
                "condition", "retry_safe", "notes", "subcodes"});
        }
        if (const SyntaxNode* sections = top.find("sections")) {
            for_each_map(top, "sections", *sections, "a section", [&](const MapReader& map) {
                spec.sections.push_back({required_text(map, "title"), required_text(map, "body")});
                maintainer_notes(map);
            }, {"title", "body", "notes"});
        }
        return spec;
    }

private:
    bool expect(const SyntaxNode& node, SyntaxNode::Kind kind, SourcePos pos, std::string_view what) {
        if (node.kind == kind) return true;
        static constexpr std::string_view names[] = {"an empty value", "a string", "a list", "a mapping"};
        diagnostics_.error(pos, std::string(what) + " must be " +
                                    std::string(names[static_cast<int>(kind)]) + ", not " +
                                    std::string(describe(node)));
        return false;
    }

    std::string key_name(const MapReader& map, std::string_view key) const {
        return in_quotes(key) + " in " + std::string(map.what());
    }

    Text scalar_text(const MapReader& map, std::string_view key, const SyntaxNode& value) {
        if (!expect(value, SyntaxNode::Kind::scalar, map.value_pos(key, value), key_name(map, key))) return {};
        return {value.text, value.pos};
    }

    Text text(const MapReader& map, std::string_view key) {
        const SyntaxNode* value = map.find(key);
        return value ? scalar_text(map, key, *value) : Text{};
    }

    // `notes:` is for the spec's maintainers (where a text came from, what was chosen and why): it
    // is read to check that it is text, and goes no further, so no template can print it.
    void maintainer_notes(const MapReader& map) { text(map, "notes"); }

    Text required_text(const MapReader& map, std::string_view key) {
        const SyntaxNode* value = map.require(key);
        return value ? scalar_text(map, key, *value) : Text{};
    }

    // Integers are plain scalars of digits: "401" in quotes is a string and is rejected, as a
    // JSON Schema for the format would.
    Integer integer(const MapReader& map, std::string_view key, const SyntaxNode* value) {
        if (value == nullptr) return {};
        if (!value->is_scalar() || value->quoted || !parse_integer(value->text)) {
            diagnostics_.error(map.value_pos(key, *value),
                               key_name(map, key) + " must be an integer, not " +
                                   (value->is_scalar() ? in_quotes(value->text) : std::string(describe(*value))));
            return {};
        }
        return {*parse_integer(value->text), value->pos};
    }

    static std::optional<long long> parse_integer(const std::string& text) {
        if (text.empty() || text.size() > 18) return std::nullopt;
        std::size_t i = text[0] == '-' ? 1 : 0;
        if (i == text.size()) return std::nullopt;
        long long value = 0;
        for (; i < text.size(); ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return text[0] == '-' ? -value : value;
    }

    Flag flag(const MapReader& map, std::string_view key) {
        const SyntaxNode* value = map.find(key);
        if (value == nullptr) return {};
        if (value->is_scalar() && !value->quoted && (value->text == "true" || value->text == "false")) {
            return {value->text == "true", value->pos};
        }
        diagnostics_.error(map.value_pos(key, *value), key_name(map, key) + " must be true or false");
        return {};
    }

    std::vector<Text> text_list(const MapReader& map, std::string_view key, const SyntaxNode& value) {
        return text_list(key_name(map, key), map.value_pos(key, value), value);
    }

    // `what` names the list in messages; `pos` is where to report a value that is not a list.
    std::vector<Text> text_list(const std::string& what, SourcePos pos, const SyntaxNode& value) {
        std::vector<Text> out;
        if (!expect(value, SyntaxNode::Kind::sequence, pos, what)) return out;
        for (const SyntaxNode* item : value.children) {
            if (expect(*item, SyntaxNode::Kind::scalar, item->pos, "each item of " + what)) {
                out.push_back({item->text, item->pos});
            }
        }
        return out;
    }

    TextMap text_map(const MapReader& map, std::string_view key, const SyntaxNode& value) {
        TextMap out;
        if (!expect(value, SyntaxNode::Kind::map, map.value_pos(key, value), key_name(map, key))) return out;
        std::set<std::string_view> seen;
        for (std::size_t i = 0; i < value.map_size(); ++i) {
            const SyntaxNode& k = value.key(i);
            const SyntaxNode& v = value.value(i);
            if (!k.is_scalar()) {
                diagnostics_.error(k.pos, "keys in " + key_name(map, key) + " must be plain names");
                continue;
            }
            if (!seen.insert(k.text).second) {
                diagnostics_.error(k.pos, "duplicate key " + in_quotes(k.text) + " in " + key_name(map, key));
                continue;
            }
            if (expect(v, SyntaxNode::Kind::scalar, v.is_null() ? k.pos : v.pos,
                       in_quotes(k.text) + " in " + key_name(map, key))) {
                out.push_back({{k.text, k.pos}, {v.text, v.pos}});
            }
        }
        return out;
    }

    template <typename ReadItem>
    void for_each_map(const MapReader& parent, std::string_view key, const SyntaxNode& list,
                      std::string_view item_name, ReadItem read_item,
                      std::initializer_list<std::string_view> known) {
        if (!expect(list, SyntaxNode::Kind::sequence, parent.value_pos(key, list), key_name(parent, key))) return;
        for (const SyntaxNode* item : list.children) {
            if (!expect(*item, SyntaxNode::Kind::map, item->pos, "each item of " + key_name(parent, key))) continue;
            read_item(MapReader(*item, item_name, known, diagnostics_, hints_));
        }
    }

    void read_version(const MapReader& top, Spec& spec) {
        const SyntaxNode* version = top.require("errspec");
        spec.version = integer(top, "errspec", version);
        if (spec.version.present() && spec.version.value != 1) {
            diagnostics_.error(spec.version.pos, "this spec is errspec format version " +
                                                     std::to_string(spec.version.value) +
                                                     "; this errspec reads version 1 only (upgrade errspec?)");
        }
    }

    void read_api(const MapReader& top, const SyntaxNode& node, SpecApi& api) {
        if (!expect(node, SyntaxNode::Kind::map, top.value_pos("api", node), "'api'")) return;
        const MapReader map(node, "'api'", {"id", "name", "base_url", "docs_url", "summary", "support", "locale", "notes"},
                            diagnostics_, hints_);
        maintainer_notes(map);
        api.id = required_text(map, "id");
        api.name = required_text(map, "name");
        api.base_url = text(map, "base_url");
        api.docs_url = text(map, "docs_url");
        api.locale = text(map, "locale");
        if (api.locale.present()) {
            if (is_locale(api.locale.value)) {
                default_locale_ = api.locale.value;
            } else {
                diagnostics_.error(api.locale.pos, "api.locale " + in_quotes(api.locale.value) + " is not a locale tag (en, fr, pt-BR)");
            }
        }
        api.summary = localized_text(map, "summary", false, [&](const std::string& locale, Text summary) {
            api.summary_translations.push_back({{locale, summary.pos}, std::move(summary)});
        });
        api.support = text(map, "support");
    }

    void read_envelope(const MapReader& top, const SyntaxNode& node, SpecEnvelope& envelope) {
        if (!expect(node, SyntaxNode::Kind::map, top.value_pos("envelope", node), "'envelope'")) return;
        envelope.pos = node.pos;
        const MapReader map(node, "'envelope'", {"content_type", "body", "fields", "members"}, diagnostics_, hints_);
        envelope.content_type = text(map, "content_type");
        if (const SyntaxNode* body = map.require("body")) {
            if (body->expanded_size > limits::max_body_nodes) {
                // Left unread: every stage walks the body, some of them once per member.
                diagnostics_.error(map.value_pos("body", *body),
                                   "envelope.body holds " + std::to_string(body->expanded_size) +
                                       " nodes (keys and values, aliases expanded); at most " +
                                       std::to_string(limits::max_body_nodes) + " are allowed");
            } else {
                envelope.body_pos = map.value_pos("body", *body);
                std::vector<std::string> path;
                envelope.body = body_value(*body, path, envelope, false);
            }
        }
        if (const SyntaxNode* fields = map.find("fields")) {
            envelope.fields = text_map(map, "fields", *fields);
            if (envelope.fields.size() > limits::max_envelope_fields) {
                diagnostics_.error(map.value_pos("fields", *fields),
                                   "envelope.fields declares " + std::to_string(envelope.fields.size()) +
                                       " fields; a spec declares at most " +
                                       std::to_string(limits::max_envelope_fields) + " (every error carries each)");
            }
        }
        if (const SyntaxNode* members = map.find("members")) {
            for_each_map(map, "members", *members, "an envelope member", [&](const MapReader& member) {
                envelope.members.push_back({required_text(member, "path"), text(member, "type"),
                                            required_text(member, "description")});
            }, {"path", "type", "description"});
        }
    }

    // The body as JSON. Plain scalars take YAML's types (numbers, booleans, null); quoted ones stay
    // strings. Placeholders are recorded with their path, and the list of errors with its own.
    nlohmann::ordered_json body_value(const SyntaxNode& node, std::vector<std::string>& path, SpecEnvelope& envelope,
                                      bool in_list) {
        switch (node.kind) {
        case SyntaxNode::Kind::null:
            return nullptr;
        case SyntaxNode::Kind::scalar:
            return body_scalar(node, path, envelope.placeholders, in_list);
        case SyntaxNode::Kind::sequence: {
            auto array = nlohmann::ordered_json::array();
            if (contains_placeholder(node)) {
                if (const SyntaxNode* element = list_template(node, envelope, in_list)) {
                    envelope.list_path = path;
                    envelope.list_pos = node.pos;
                    array.push_back(body_value(*element, path, envelope, true));
                }
                return array;
            }
            for (const SyntaxNode* item : node.children) array.push_back(body_value(*item, path, envelope, in_list));
            return array;
        }
        case SyntaxNode::Kind::map: {
            auto object = nlohmann::ordered_json::object();
            for (std::size_t i = 0; i < node.map_size(); ++i) {
                const SyntaxNode& key = node.key(i);
                if (!key.is_scalar()) {
                    diagnostics_.error(key.pos, "keys in envelope.body must be strings");
                    continue;
                }
                if (object.contains(key.text)) {
                    diagnostics_.error(key.pos, "duplicate key " + in_quotes(key.text) + " in envelope.body");
                    continue;
                }
                path.push_back(key.text);
                object[key.text] = body_value(node.value(i), path, envelope, in_list);
                path.pop_back();
            }
            return object;
        }
        }
        return nullptr;
    }

    // The element of a list that holds placeholders: the template of every error of a response. A
    // body has one such list, its one element a mapping, with no such list inside it.
    const SyntaxNode* list_template(const SyntaxNode& list, const SpecEnvelope& envelope, bool in_list) {
        if (in_list) {
            diagnostics_.error(list.pos, "placeholders inside a list within the list of errors are not supported in envelope.body");
        } else if (envelope.list_pos.line > 0) {
            diagnostics_.error(list.pos, "envelope.body holds one list with placeholders (the list of errors, at line " +
                                             std::to_string(envelope.list_pos.line) + ")");
        } else if (list.children.size() != 1 || list.children.front()->kind != SyntaxNode::Kind::map) {
            diagnostics_.error(list.pos, "a list with placeholders in envelope.body holds one element, a mapping: the "
                                         "template of every error of a response");
        } else {
            return list.children.front();
        }
        return nullptr;
    }

    static bool contains_placeholder(const SyntaxNode& node) {
        if (node.is_scalar()) return node.text.find("${") != std::string::npos;
        return std::any_of(node.children.begin(), node.children.end(),
                           [](const SyntaxNode* child) { return contains_placeholder(*child); });
    }

    nlohmann::ordered_json body_scalar(const SyntaxNode& node, const std::vector<std::string>& path,
                                       std::vector<SpecPlaceholder>& placeholders, bool in_list) {
        const std::string& text = node.text;
        const std::size_t open = text.find("${");
        if (open != std::string::npos) {
            const std::size_t close = text.find('}', open);
            if (close == std::string::npos) {
                diagnostics_.error(node.pos, "unterminated placeholder in " + in_quotes(text) + "; write ${name}");
            } else if (text.find("${", close) != std::string::npos) {
                diagnostics_.error(node.pos, "one placeholder per string in envelope.body: " + in_quotes(text));
            } else {
                const std::string inside = text.substr(open + 2, close - open - 2);
                const std::size_t colon = inside.find(':');
                SpecPlaceholder placeholder{inside.substr(0, colon), "", path, text.substr(0, open), text.substr(close + 1),
                                            node.pos, in_list};
                if (colon != std::string::npos) {
                    placeholder.type = inside.substr(colon + 1);
                    if (placeholder.type.empty()) {
                        diagnostics_.error(node.pos, "no type after ':' in " + in_quotes(text) +
                                                         "; write ${name:string} or ${name:number}");
                    }
                }
                placeholders.push_back(std::move(placeholder));
            }
            return text;
        }
        if (!node.quoted) {
            if (text == "true" || text == "false") return text == "true";
            if (const auto number = parse_integer(text)) return *number;
        }
        return text;
    }

    void read_headers(const MapReader& top, const SyntaxNode& node, SpecHeaders& headers) {
        if (!expect(node, SyntaxNode::Kind::map, top.value_pos("headers", node), "'headers'")) return;
        const MapReader map(node, "'headers'", {"request_id", "retry_after", "retry_after_ms", "documented"},
                            diagnostics_, hints_);
        headers.request_id = text(map, "request_id");
        headers.retry_after = text(map, "retry_after");
        headers.retry_after_ms = text(map, "retry_after_ms");
        if (const SyntaxNode* documented = map.find("documented")) {
            for_each_map(map, "documented", *documented, "a documented header", [&](const MapReader& header) {
                headers.documented.push_back(
                    {required_text(header, "name"), required_text(header, "description"), text(header, "side")});
            }, {"name", "description", "side"});
        }
    }

    void read_retry(const MapReader& top, const SyntaxNode& node, SpecRetry& retry) {
        if (!expect(node, SyntaxNode::Kind::map, top.value_pos("retry", node), "'retry'")) return;
        retry.pos = node.pos;
        const MapReader map(node, "'retry'",
                            {"max_attempts", "initial_delay_ms", "max_delay_ms", "max_retry_after_ms"}, diagnostics_, hints_);
        retry.max_attempts = integer(map, "max_attempts", map.find("max_attempts"));
        retry.initial_delay_ms = integer(map, "initial_delay_ms", map.find("initial_delay_ms"));
        retry.max_delay_ms = integer(map, "max_delay_ms", map.find("max_delay_ms"));
        retry.max_retry_after_ms = integer(map, "max_retry_after_ms", map.find("max_retry_after_ms"));
    }

    SpecError read_error(const MapReader& map) {
        SpecError error;
        error.pos = map.node().pos;
        maintainer_notes(map);
        if (const SyntaxNode* code = map.require("code")) {
            error.code = scalar_text(map, "code", *code);
            error.code_is_plain = code->is_scalar() && !code->quoted;
            error.code_as_written = error.code.value;
            const auto number = error.code_is_plain ? parse_integer(code->text) : std::nullopt;
            error.code_is_integer = number.has_value();
            // The wire carries the number, so 007 and 7 are one code: keep its decimal text.
            if (number) error.code.value = std::to_string(*number);
        }
        error.status = integer(map, "status", map.require("status"));
        error.id = integer(map, "id", map.find("id"));
        error.title = localized_text(map, "title", true, [&](const std::string& locale, Text title) {
            translation(error, locale).title = std::move(title);
        });
        error.category = text(map, "category");
        error.message = localized_text(map, "message", false, [&](const std::string& locale, Text message) {
            translation(error, locale).message = std::move(message);
        });
        error.description = localized_text(map, "description", false, [&](const std::string& locale, Text description) {
            translation(error, locale).description = std::move(description);
        });
        error.retry = text(map, "retry");
        error.condition = text(map, "condition");
        error.retry_safe = flag(map, "retry_safe");
        error.name = text(map, "name");
        error.deprecated = text(map, "deprecated");
        error.since = text(map, "since");
        error.docs = text(map, "docs");
        if (const SyntaxNode* causes = map.find("causes")) error.causes = text_list(map, "causes", *causes);
        if (const SyntaxNode* fix = map.find("fix")) {
            error.fix_pos = map.key_pos("fix");
            if (fix->is_map()) {
                for_each_locale(map, "fix", *fix, [&](const std::string& locale, const SyntaxNode& steps) {
                    std::vector<Text> list = text_list(in_quotes(locale) + " in " + key_name(map, "fix"),
                                                       steps.is_null() ? fix->pos : steps.pos, steps);
                    if (locale == default_locale_) {
                        error.fix = std::move(list);
                    } else {
                        SpecTranslation& texts = translation(error, locale);
                        texts.fix = std::move(list);
                        texts.has_fix = true;
                    }
                });
            } else {
                error.fix = text_list(map, "fix", *fix);
            }
        }
        if (const SyntaxNode* params = map.find("params")) {
            for_each_map(map, "params", *params, "a message parameter", [&](const MapReader& param) {
                error.params.push_back({required_text(param, "name"), required_text(param, "type"),
                                        text(param, "example"), text(param, "description")});
            }, {"name", "type", "example", "description"});
        }
        error.fix_ordered = flag(map, "fix_ordered");
        if (const SyntaxNode* details = map.find("details")) {
            for_each_map(map, "details", *details, "a details member", [&](const MapReader& detail) {
                error.details.push_back(
                    {required_text(detail, "name"), text(detail, "type"), required_text(detail, "description")});
            }, {"name", "type", "description"});
        }
        if (const SyntaxNode* fields = map.find("fields")) error.fields = text_map(map, "fields", *fields);
        if (const SyntaxNode* subcodes = map.find("subcodes")) {
            error.subcodes_pos = map.value_pos("subcodes", *subcodes);
            for_each_map(map, "subcodes", *subcodes, "a subcode", [&](const MapReader& subcode) {
                SpecSubcode item{subcode.node().pos, required_text(subcode, "code"), required_text(subcode, "title"),
                                 text(subcode, "description"), {}};
                if (const SyntaxNode* fix = subcode.find("fix")) item.fix = text_list(subcode, "fix", *fix);
                error.subcodes.push_back(std::move(item));
            }, {"code", "title", "description", "fix"});
        }
        if (const SyntaxNode* match = map.find("match")) {
            if (expect(*match, SyntaxNode::Kind::map, map.value_pos("match", *match), key_name(map, "match"))) {
                const MapReader rule(*match, "'match'", {"status", "message", "message_contains"}, diagnostics_, hints_);
                error.match.pos = match->pos;
                error.match.status = integer(rule, "status", rule.find("status"));
                error.match.message = text(rule, "message");
                error.match.message_contains = text(rule, "message_contains");
            }
        }
        if (const SyntaxNode* examples = map.find("examples")) {
            for_each_map(map, "examples", *examples, "an example", [&](const MapReader& example_map) {
                SpecExample example;
                example.pos = example_map.node().pos;
                example.body = required_text(example_map, "body");
                example.status = integer(example_map, "status", example_map.find("status"));
                example.request_id = text(example_map, "request_id");
                example.description = text(example_map, "description");
                maintainer_notes(example_map);
                if (const SyntaxNode* headers = example_map.find("headers")) {
                    example.headers = text_map(example_map, "headers", *headers);
                }
                error.examples.push_back(std::move(example));
            }, {"body", "status", "headers", "request_id", "description", "notes"});
        }
        return error;
    }

    // en, fr, pt-BR, zh-Hant: a BCP 47 language with optional subtags.
    static bool is_locale(std::string_view tag) {
        std::size_t i = 0;
        while (i < tag.size() && tag[i] >= 'a' && tag[i] <= 'z') ++i;
        if (i < 2 || i > 3) return false;
        while (i < tag.size()) {
            if (tag[i++] != '-') return false;
            const std::size_t start = i;
            while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i;
            if (i - start < 2 || i - start > 8) return false;
        }
        return true;
    }

    // Calls `read(locale, value)` for each entry of a map of locale to value, reporting keys that
    // are not locales and a map without the default locale.
    template <typename Read>
    void for_each_locale(const MapReader& parent, std::string_view key, const SyntaxNode& map, Read read) {
        bool has_default = false;
        std::set<std::string_view> seen;
        for (std::size_t i = 0; i < map.map_size(); ++i) {
            const SyntaxNode& locale = map.key(i);
            if (!locale.is_scalar() || !is_locale(locale.text)) {
                diagnostics_.error(locale.pos, "keys of " + key_name(parent, key) + " must be locales (en, fr, pt-BR)");
                continue;
            }
            if (!seen.insert(locale.text).second) {
                diagnostics_.error(locale.pos, "duplicate locale " + in_quotes(locale.text) + " in " + key_name(parent, key));
                continue;
            }
            has_default |= locale.text == default_locale_;
            read(locale.text, map.value(i));
        }
        if (!has_default) {
            diagnostics_.error(map.pos, key_name(parent, key) + " has no text in the default locale " +
                                            in_quotes(default_locale_) + " (set api.locale to change it)");
        }
    }

    // A text that may be given per locale (`title: {en: Missing key, fr: Clé manquante}`): returns
    // the default locale's and hands the others to `store(locale, text)`.
    template <typename Store>
    Text localized_text(const MapReader& map, std::string_view key, bool required, Store store) {
        const SyntaxNode* value = required ? map.require(key) : map.find(key);
        if (value == nullptr) return {};
        if (!value->is_map()) return scalar_text(map, key, *value);
        Text default_text;
        for_each_locale(map, key, *value, [&](const std::string& locale, const SyntaxNode& node) {
            if (!expect(node, SyntaxNode::Kind::scalar, node.pos, in_quotes(locale) + " in " + key_name(map, key))) return;
            Text text{node.text, node.pos};
            if (locale == default_locale_) {
                default_text = std::move(text);
            } else {
                store(locale, std::move(text));
            }
        });
        return default_text;
    }

    static SpecTranslation& translation(SpecError& error, const std::string& locale) {
        for (SpecTranslation& existing : error.translations) {
            if (existing.locale == locale) return existing;
        }
        error.translations.push_back({locale, {}, {}, {}, {}, false});
        return error.translations.back();
    }

    Diagnostics& diagnostics_;
    HintFinder hints_;
    std::string default_locale_ = "en";
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string HintFinder::closest(std::string_view name, const std::vector<std::string_view>& known) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (std::string_view candidate : known) {
        // The distance is at least the difference in length: what cannot win costs nothing.
        const std::size_t gap = name.size() > candidate.size() ? name.size() - candidate.size()
                                                               : candidate.size() - name.size();
        if (gap >= best_distance) continue;
        const std::uint64_t cost = static_cast<std::uint64_t>(name.size() + 1) * (candidate.size() + 1);
        if (cost > budget_) return {};
        budget_ -= cost;
        const std::size_t distance = edit_distance(name, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

std::optional<Spec> load_spec_text(std::string_view bytes, const std::string& file, Diagnostics& diagnostics) {
    const SyntaxTree tree = parse_yaml(bytes, diagnostics);
    if (tree.root == nullptr) return std::nullopt;
    return Loader(diagnostics).load(*tree.root, file);
}

std::optional<Spec> load_spec_file(const std::string& path, Diagnostics& diagnostics) {
    const FileRead file = read_regular_file(path, limits::max_file_bytes);
    switch (file.status) {
        case FileRead::Status::ok:
            return load_spec_text(file.bytes, path, diagnostics);
        case FileRead::Status::missing:
            diagnostics.error({}, "no such file");
            break;
        case FileRead::Status::directory:
            diagnostics.error({}, "is a directory, not a spec file");
            break;
        case FileRead::Status::not_regular:
        case FileRead::Status::symbolic_link:  // not from read_regular_file, which follows links
            diagnostics.error({}, "is not a regular file (a FIFO, socket or device); a spec is a file");
            break;
        case FileRead::Status::too_large:
            diagnostics.error({}, "file of " + std::to_string(file.size) + " bytes exceeds the limit of " +
                                      std::to_string(limits::max_file_bytes) + " bytes");
            break;
        case FileRead::Status::failed:
            diagnostics.error({}, std::string("cannot read: ") + std::strerror(file.error_number));
            break;
    }
    return std::nullopt;
}

}  // namespace errspec
