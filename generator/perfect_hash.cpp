#include "perfect_hash.hpp"

#include <algorithm>
#include <numeric>

namespace errspec {
namespace {

constexpr std::uint64_t k_multiplier = 0x9E3779B97F4A7C15ull;

// Little-endian by construction, so the generator and the generated code agree on every machine.
std::uint64_t load_le(const char* p, std::size_t n) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < n; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return value;
}

std::uint32_t fast_range(std::uint32_t x, std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(x) * n) >> 32);
}

}  // namespace

std::uint64_t code_hash(std::string_view text, std::uint64_t seed) {
    std::uint64_t h = seed ^ (text.size() * k_multiplier);
    const char* p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
        h = (h ^ load_le(p, 8)) * k_multiplier;
        h ^= h >> 29;
    }
    h = (h ^ load_le(p, n)) * k_multiplier;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

std::uint32_t hash_bucket(std::uint64_t hash, std::uint32_t bucket_count) {
    return fast_range(static_cast<std::uint32_t>(hash >> 32), bucket_count);
}

std::uint32_t hash_slot(std::uint64_t hash, std::uint32_t displacement, std::uint32_t slot_count) {
    std::uint64_t mixed = (hash ^ displacement) * k_multiplier;
    return fast_range(static_cast<std::uint32_t>(mixed >> 32), slot_count);
}

PerfectHash build_perfect_hash(const std::vector<std::string_view>& keys) {
    const std::uint32_t n = static_cast<std::uint32_t>(keys.size());
    // About two keys a bucket and a fifth of the slots spare keep the search short at any size.
    const std::uint32_t bucket_count = std::max<std::uint32_t>(1, n / 2);
    const std::uint32_t slot_count = std::max<std::uint32_t>(1, n + n / 5);
    for (std::uint64_t seed = 0;; ++seed) {
        PerfectHash result;
        result.seed = seed * k_multiplier;
        result.displacements.assign(bucket_count, 0);
        result.slots.assign(slot_count, -1);
        std::vector<std::uint64_t> hashes(n);
        std::vector<std::vector<std::uint32_t>> buckets(bucket_count);
        for (std::uint32_t i = 0; i < n; ++i) {
            hashes[i] = code_hash(keys[i], result.seed);
            buckets[hash_bucket(hashes[i], bucket_count)].push_back(i);
        }
        std::vector<std::uint32_t> order(bucket_count);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return buckets[a].size() > buckets[b].size(); });
        bool failed = false;
        std::vector<std::uint32_t> taken;
        for (const std::uint32_t bucket : order) {
            if (buckets[bucket].empty()) break;
            bool placed = false;
            for (std::uint32_t d = 0; d < (1u << 20) && !placed; ++d) {
                taken.clear();
                placed = true;
                for (const std::uint32_t key : buckets[bucket]) {
                    const std::uint32_t slot = hash_slot(hashes[key], d, slot_count);
                    if (result.slots[slot] != -1 || std::find(taken.begin(), taken.end(), slot) != taken.end()) {
                        placed = false;
                        break;
                    }
                    taken.push_back(slot);
                }
                if (placed) {
                    result.displacements[bucket] = d;
                    for (std::size_t k = 0; k < taken.size(); ++k) {
                        result.slots[taken[k]] = static_cast<std::int32_t>(buckets[bucket][k]);
                    }
                }
            }
            if (!placed) {
                failed = true;  // two keys with one full hash: try the next seed
                break;
            }
        }
        if (!failed) return result;
    }
}

}  // namespace errspec
