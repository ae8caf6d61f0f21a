#include "view_json.hpp"

#include <memory>
#include <mutex>
#include <unordered_map>

namespace errspec {

// The names every thread has stored, behind a lock.
const std::string* MemberName::find_shared(std::string_view name, bool store) {
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

// Each thread remembers the names it has found: the errors' views are built side by side, and with
// every name behind the one lock their threads waited on each other instead of working.
const std::string* MemberName::find(std::string_view name, bool store) {
    thread_local std::unordered_map<std::string_view, const std::string*> found_here;
    const auto found = found_here.find(name);
    if (found != found_here.end()) return found->second;
    const std::string* result = find_shared(name, store);
    if (result != nullptr) found_here.emplace(*result, result);
    return result;
}

const std::string& MemberName::intern(std::string_view name) { return *find(name, true); }

const std::string* MemberName::existing(std::string_view name) { return find(name, false); }

}  // namespace errspec
