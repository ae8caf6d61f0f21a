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

const std::string& MemberName::intern(std::string_view name) { return *find(name, true); }

const std::string* MemberName::existing(std::string_view name) { return find(name, false); }

}  // namespace errspec
