#include "view_json.hpp"

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

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

namespace {

// The names a thread has found, in an open-addressed table: a view of 10 000 codes adds a million
// members, and std::unordered_map's hashing and prime-sized buckets took 170 instructions a name.
class ThreadNames {
public:
    const std::string* find(std::string_view name) const {
        for (std::size_t at = hash(name) & mask();; at = (at + 1) & mask()) {
            const std::string* slot = slots_[at];
            if (slot == nullptr || *slot == name) return slot;
        }
    }
    void add(const std::string* name) {
        if (2 * (count_ + 1) > slots_.size()) {
            std::vector<const std::string*> old(slots_.size() * 2, nullptr);
            old.swap(slots_);
            for (const std::string* kept : old) {
                if (kept != nullptr) place(kept);
            }
        }
        place(name);
        ++count_;
    }

private:
    // From the length and the first and last eight bytes: names are short, and the probe compares
    // the whole text anyway.
    static std::size_t hash(std::string_view name) {
        std::uint64_t head = 0, tail = 0;
        if (name.size() >= 8) {
            std::memcpy(&head, name.data(), 8);
            std::memcpy(&tail, name.data() + name.size() - 8, 8);
        } else {
            for (const char c : name) head = head << 8 | static_cast<unsigned char>(c);
        }
        const std::uint64_t h = head * 0x9E3779B97F4A7C15ull ^ (tail + name.size()) * 0xC2B2AE3D27D4EB4Full;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
    std::size_t mask() const { return slots_.size() - 1; }
    void place(const std::string* name) {
        std::size_t at = hash(*name) & mask();
        while (slots_[at] != nullptr) at = (at + 1) & mask();
        slots_[at] = name;
    }

    std::vector<const std::string*> slots_ = std::vector<const std::string*>(512, nullptr);
    std::size_t count_ = 0;
};

}  // namespace

// Each thread remembers the names it has found: the errors' views are built side by side, and with
// every name behind the one lock their threads waited on each other instead of working.
const std::string* MemberName::find(std::string_view name, bool store) {
    thread_local ThreadNames found_here;
    if (const std::string* found = found_here.find(name)) return found;
    const std::string* result = find_shared(name, store);
    if (result != nullptr) found_here.add(result);
    return result;
}

const std::string& MemberName::intern(std::string_view name) { return *find(name, true); }

const std::string* MemberName::existing(std::string_view name) { return find(name, false); }

}  // namespace errspec
