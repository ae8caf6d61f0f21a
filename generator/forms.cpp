#include "forms.hpp"

#include <array>

#include "escape.hpp"
#include "markdown.hpp"

namespace errspec::forms {
namespace {

// A marker's key cannot be a Mustache name a template would write.
constexpr char k_marker_prefix = '\x01';

constexpr std::array<std::string_view, 6> plain_suffixes = {"_cpp", "_comment", "_md", "_html", "_json", "_length"};
constexpr std::array<std::string_view, 5> markdown_suffixes = {"_comment", "_md_inline", "_html_inline", "_md",
                                                               "_html"};

// The key of the JSON pointer an object extends: no Mustache name either, and no marker.
const std::string k_extends_key = "\x02extends";

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string marker_name(std::string_view key) { return k_marker_prefix + std::string(key); }

TextKind kind_of_marker(const ViewJson& marker) {
    const int level = marker.get<int>();
    return TextKind{level > 0, level};
}

void add(ViewJson& object, const std::string& key, const std::string& text, TextKind kind) {
    object[key] = text;
    object[marker_name(key)] = kind.markdown ? kind.heading_level : 0;
}

std::optional<TextKind> kind_of(const ViewJson& object, std::string_view key) {
    const auto found = object.find(marker_name(key));
    if (found == object.end()) return std::nullopt;
    return kind_of_marker(*found);
}

std::optional<std::pair<std::string, std::string_view>> split(std::string_view name) {
    // Longest suffixes first: "_md_inline" before "_md".
    for (const std::string_view suffix : markdown_suffixes) {
        if (ends_with(name, suffix)) return std::make_pair(std::string(name.substr(0, name.size() - suffix.size())), suffix);
    }
    for (const std::string_view suffix : plain_suffixes) {
        if (ends_with(name, suffix)) return std::make_pair(std::string(name.substr(0, name.size() - suffix.size())), suffix);
    }
    return std::nullopt;
}

std::optional<std::string> form(const std::string& text, TextKind kind, std::string_view suffix) {
    if (suffix == "_comment") return escape::cpp_comment(text);
    if (!kind.markdown) {
        if (suffix == "_cpp") return escape::cpp_string(text);
        if (suffix == "_md") return escape::markdown_text(text);
        if (suffix == "_html") return escape::html_text(text);
        if (suffix == "_json") return escape::json_string(text);
        // The byte length, so that C++ tables need not count a literal's characters at compile
        // time (GCC's constexpr budget runs out at about ten thousand codes).
        if (suffix == "_length") return std::to_string(text.size());
        return std::nullopt;
    }
    if (suffix != "_md" && suffix != "_md_inline" && suffix != "_html" && suffix != "_html_inline") return std::nullopt;
    const markdown::Rendered rendered = markdown::render(text, kind.heading_level);
    if (suffix == "_md") return rendered.markdown;
    if (suffix == "_md_inline") return rendered.markdown_inline;
    if (suffix == "_html") return rendered.html;
    return rendered.html_inline;
}

void extend(ViewJson& object, const std::string& pointer) { object[k_extends_key] = pointer; }

const ViewJson* base_of(const ViewJson& root, const ViewJson& object) {
    const auto found = object.find(k_extends_key);
    if (found == object.end()) return nullptr;
    return &root.at(ViewJson::json_pointer(found->get<std::string>()));
}

namespace {

// Every object that extends another, with the pointer it names.
void find_extending(ViewJson& node, std::vector<std::pair<ViewJson*, std::string>>& found) {
    if (node.is_array()) {
        for (ViewJson& item : node) find_extending(item, found);
    } else if (node.is_object()) {
        for (auto& [key, value] : node.items()) find_extending(value, found);
        const auto pointer = node.find(k_extends_key);
        if (pointer != node.end()) found.emplace_back(&node, pointer->get<std::string>());
    }
}

// Copies into each extending object the members of the one it extends that it lacks. A base is
// copied as it is in the view, extending nothing itself (the view never chains them).
void inline_bases(ViewJson& view) {
    std::vector<std::pair<ViewJson*, std::string>> extending;
    find_extending(view, extending);
    for (const auto& [object, pointer] : extending) {
        const ViewJson base = view.at(ViewJson::json_pointer(pointer));
        object->erase(k_extends_key);
        for (const auto& [key, value] : base.items()) {
            if (!object->contains(key)) (*object)[key] = value;
        }
    }
}

void materialize_forms(ViewJson& view) {
    if (view.is_array()) {
        for (ViewJson& item : view) materialize_forms(item);
        return;
    }
    if (!view.is_object()) return;
    std::vector<std::string> markers;
    for (auto& [key, value] : view.items()) {
        if (!key.empty() && key[0] == k_marker_prefix) {
            markers.push_back(key);
        } else {
            materialize_forms(value);
        }
    }
    for (const std::string& key : markers) {
        const std::string base = key.substr(1);
        const TextKind kind = *kind_of(view, base);
        const std::string text = view[base].get<std::string>();
        view[base + "_comment"] = escape::cpp_comment(text);
        if (kind.markdown) {
            // One parse for the four Markdown forms.
            const markdown::Rendered rendered = markdown::render(text, kind.heading_level);
            view[base + "_md"] = rendered.markdown;
            view[base + "_md_inline"] = rendered.markdown_inline;
            view[base + "_html"] = rendered.html;
            view[base + "_html_inline"] = rendered.html_inline;
        } else {
            for (const std::string_view suffix : plain_suffixes) view[base + std::string(suffix)] = *form(text, kind, suffix);
        }
        view.erase(key);
    }
}

}  // namespace

void materialize(ViewJson& view) {
    inline_bases(view);
    materialize_forms(view);
}

}  // namespace errspec::forms
