#include "deferred.hpp"

#include <cstdint>
#include <string>

namespace errspec {
namespace {

// No Mustache name, form marker (forms.cpp: \x01) or extends key (\x02). A MemberName, so that
// telling a marker, which the render context does for every object item of a list, compares
// addresses, not texts.
const MemberName k_marker_key("\x03item");

void materialize_under(const DeferredItems& items, const ViewJson& root, ViewJson& node) {
    if (node.is_array()) {
        for (ViewJson& item : node) {
            if (DeferredItems::is_marker(item)) item = items.build(root, item);  // which may hold markers too
            materialize_under(items, root, item);
        }
    } else if (node.is_object()) {
        for (auto& [key, value] : node.items()) materialize_under(items, root, value);
    }
}

}  // namespace

std::size_t DeferredItems::add_kind(Builder builder) {
    kinds_.push_back(std::move(builder));
    return kinds_.size() - 1;
}

ViewJson DeferredItems::marker(std::size_t kind, std::size_t index) {
    ViewJson marker = ViewJson::object();
    // Room for the is_first and is_last of its list (view.cpp with_positions) from the start.
    marker.get_ref<ViewJson::object_t&>().reserve(3);
    // One number, kind and index, rather than a list of two: one allocation less per item.
    marker[k_marker_key] = static_cast<std::uint64_t>(kind) << 32 | index;
    return marker;
}

bool DeferredItems::is_marker(const ViewJson& value) {
    if (!value.is_object()) return false;
    const auto& members = value.get_ref<const ViewJson::object_t&>();
    return !members.empty() && members.front().first == k_marker_key;
}

ViewJson DeferredItems::build(const ViewJson& root, const ViewJson& marker) const {
    const auto& members = marker.get_ref<const ViewJson::object_t&>();
    const auto which = members.front().second.get<std::uint64_t>();
    ViewJson item = kinds_.at(which >> 32)(root, which & 0xFFFFFFFFu);
    for (auto member = members.begin() + 1; member != members.end(); ++member) item[member->first] = member->second;
    return item;
}

void DeferredItems::materialize(ViewJson& view) const {
    // Items read the view (a docs entry its error's details): the root stays as it was while they
    // are built, and the built items replace their markers afterwards.
    ViewJson built = view;
    materialize_under(*this, view, built);
    view = std::move(built);
}

}  // namespace errspec
