#include "view_json.hpp"

#include <memory>
#include <mutex>
#include <unordered_map>

namespace errspec {

const std::string* MemberName::find(std::string_view name, bool store) {
    static std::mutex mutex;
    // Keyed by a view of the stored string, which never moves.
    static std::unordered_map<std::string_view, std::unique_ptr<const std::string>> names;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto found = names.find(name);
    if (found != names.end()) return found->second.get();
    if (!store) return nullptr;
    auto stored = std::make_unique<const std::string>(name);
    const std::string* result = stored.get();
    names.emplace(*result, std::move(stored));
    return result;
}

void shrink_to_fit(ViewJson& value) {
    if (value.is_object()) {
        auto& members = value.get_ref<ViewJson::object_t&>();
        members.shrink_to_fit();
        for (auto& member : members) shrink_to_fit(member.second);
    } else if (value.is_array()) {
        auto& items = value.get_ref<ViewJson::array_t&>();
        items.shrink_to_fit();
        for (ViewJson& item : items) shrink_to_fit(item);
    }
}

const std::string& MemberName::intern(std::string_view name) { return *find(name, true); }

const std::string* MemberName::existing(std::string_view name) { return find(name, false); }

}  // namespace errspec
