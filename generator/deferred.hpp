// Items of the view's long lists that are built when a template reaches them, and freed when it
// leaves them: the docs page's entry of each code (its texts rendered as Markdown and HTML) and its
// examples, and the slots of the C++ lookup table. A view of 10 000 codes held them all at once,
// a third of its memory, although a template reads one at a time. The list holds a small marker
// in place of each such item; `errspec model` prints the items built (view.hpp, materialized).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "view_json.hpp"

namespace errspec {

class DeferredItems {
public:
    // Builds item `index` of one kind of list; `root` is the view the item is part of.
    using Builder = std::function<ViewJson(const ViewJson& root, std::size_t index)>;

    // Registers a kind of item; markers of it carry the number returned.
    std::size_t add_kind(Builder builder);

    // The marker of item `index` (below 2^32) of kind `kind`. Members set on the marker later (a list's
    // is_first and is_last) are members of the item, and win over the item's own.
    static ViewJson marker(std::size_t kind, std::size_t index);
    static bool is_marker(const ViewJson& value);

    // The item that `marker` stands for.
    ViewJson build(const ViewJson& root, const ViewJson& marker) const;

    // Every marker in `view` replaced by its item, and so on in the items.
    void materialize(ViewJson& view) const;

private:
    std::vector<Builder> kinds_;
};

}  // namespace errspec
