// The printed forms of spec texts. The view stores each text once, with a marker saying what kind
// of text it is; a form such as `title_cpp` is the text escaped for C++, computed when a template
// asks for it (render.cpp) or for every text at once when `errspec model` prints the view. One
// function computes both ways, so a template sees the same value either way.
#pragma once


#include <optional>
#include <string>
#include <string_view>

#include "view_json.hpp"

namespace errspec::forms {

// Plain texts (a code, a title, a message) have the forms _cpp, _comment, _md, _html, _json and
// _length (bytes);
// Markdown texts (a description, a fix step) _comment, _md, _md_inline, _html and _html_inline,
// their headings starting at `heading_level`.
struct TextKind {
    bool markdown = false;
    int heading_level = 0;
};

// Stores `text` under `key` in `object` with the marker of its kind.
void add(ViewJson& object, const std::string& key, const std::string& text, TextKind kind);

// The kind of the text stored under `key`, when it has a marker.
std::optional<TextKind> kind_of(const ViewJson& object, std::string_view key);

// The name of the member that holds the marker of the text under `key`, and the kind that
// marker's value says: for a caller that looks the marker up itself.
std::string marker_name(std::string_view key);
TextKind kind_of_marker(const ViewJson& marker);

// Splits a form's name into its text's key and its suffix ("title_cpp" -> "title", "_cpp") when
// it ends in a form suffix.
std::optional<std::pair<std::string, std::string_view>> split(std::string_view name);

// The form `suffix` of `text`; nothing when its kind has no such form.
std::optional<std::string> form(const std::string& text, TextKind kind, std::string_view suffix);

// An object may extend another object of the view, named by a JSON pointer from the view's root:
// the other one answers every name the object lacks. The docs page lists every error once more in
// its group, and extends the error's view rather than copying it.
void extend(ViewJson& object, const std::string& pointer);

// The object `object` extends, if any; `root` is the view it is part of.
const ViewJson* base_of(const ViewJson& root, const ViewJson& object);

// Every form of every marked text of `view`, computed and stored, markers removed, and every
// object that extends another given that one's members: the view as templates see it.
void materialize(ViewJson& view);

}  // namespace errspec::forms
