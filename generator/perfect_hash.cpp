#include "perfect_hash.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>

namespace errspec {
namespace {

constexpr std::uint64_t k_multiplier = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t k_mixer = 0xD6E8FEB86659FD93ull;

// Little-endian by construction; the generated code loads with memcpy and swaps on big-endian
// machines, so both agree everywhere.
std::uint64_t load_le(const char* p, std::size_t n) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < n; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return value;
}


}  // namespace

std::pair<std::uint64_t, std::uint64_t> edge_words(std::string_view text) {
    const char* p = text.data();
    const std::size_t n = text.size();
    if (n >= 8) return {load_le(p, 8), load_le(p + n - 8, 8)};
    if (n >= 4) return {load_le(p, 4), load_le(p + n - 4, 4)};
    if (n > 0) {
        return {static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
                    static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                    static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16,
                0};
    }
    return {0, 0};
}

std::uint64_t code_hash(std::string_view text, std::uint64_t seed, bool full) {
    const auto [first, last] = edge_words(text);
    std::uint64_t h = seed ^ first;
    if (full) {
        // Every whole word from the start (the last word is mixed in below).
        for (std::size_t at = 0; at + 8 <= text.size(); at += 8) {
            h = (h ^ load_le(text.data() + at, 8)) * k_multiplier;
            h ^= h >> 29;
        }
    }
    // The length goes in after another multiply: added to the last word, it made c1000 and c10000
    // ("1000" + 5 == "0000" + 6) one hash under every seed.
    h = (((h * k_multiplier) ^ last) * k_multiplier) ^ text.size();
    h *= k_mixer;
    return h ^ (h >> 32);
}

std::uint32_t hash_bucket(std::uint64_t hash, int bucket_bits) {
    return static_cast<std::uint32_t>(hash >> (64 - bucket_bits));
}

std::uint32_t hash_slot(std::uint64_t hash, std::uint32_t displacement, int slot_bits) {
    return static_cast<std::uint32_t>(((hash ^ displacement) * k_multiplier) >> (64 - slot_bits));
}

bool short_hash_suffices(const std::vector<std::string_view>& keys) {
    std::set<std::tuple<std::size_t, std::uint64_t, std::uint64_t>> seen;
    for (const std::string_view key : keys) {
        const auto [first, last] = edge_words(key);
        if (!seen.emplace(key.size(), first, last).second) return false;
    }
    return true;
}

PerfectHash build_perfect_hash(const std::vector<std::string_view>& keys) {
    const std::uint32_t n = static_cast<std::uint32_t>(keys.size());
    const bool full = !short_hash_suffices(keys);
    // About two keys a bucket and a fifth of the slots spare keep the search short at any size;
    // powers of two let the lookup shift instead of dividing.
    const auto bits_for = [](std::uint64_t count) {
        int bits = 1;
        while ((std::uint64_t{1} << bits) < count) ++bits;
        return bits;
    };
    const int bucket_bits = bits_for(n / 2);
    const int slot_bits = bits_for(n + n / 5);
    const std::uint32_t bucket_count = 1u << bucket_bits;
    const std::uint32_t slot_count = 1u << slot_bits;
    // Each seed fails only when two keys share a whole 64-bit hash; many in a row cannot happen
    // for distinct keys, so running out of seeds is a bug, reported rather than looped on.
    for (std::uint64_t seed = 0; seed < 4096; ++seed) {
        PerfectHash result;
        result.full = full;
        result.seed = seed * k_multiplier;
        result.bucket_bits = bucket_bits;
        result.slot_bits = slot_bits;
        result.displacements.assign(bucket_count, 0);
        result.slots.assign(slot_count, -1);
        std::vector<std::uint64_t> hashes(n);
        std::vector<std::vector<std::uint32_t>> buckets(bucket_count);
        for (std::uint32_t i = 0; i < n; ++i) {
            hashes[i] = code_hash(keys[i], result.seed, full);
            buckets[hash_bucket(hashes[i], bucket_bits)].push_back(i);
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
                    const std::uint32_t slot = hash_slot(hashes[key], d, slot_bits);
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
    throw std::logic_error("no perfect hash found for the codes; report this spec to errspec's developers");
}

}  // namespace errspec
