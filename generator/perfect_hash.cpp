#include "perfect_hash.hpp"

#include <algorithm>
#include <array>
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

// The 128-bit product of a and b, its high half XOR its low half: every bit of the result depends
// on every bit of both (the high half alone barely tells apart factors that differ in their low
// bits, such as texts that differ in their first byte). Computed from 32-bit halves here, as the
// generated code does where the compiler has no 128-bit integer.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    const std::uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
    const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
    const std::uint64_t middle = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
    const std::uint64_t low = (middle << 32) | (lo_lo & 0xFFFFFFFFu);
    const std::uint64_t high = hi_hi + (hi_lo >> 32) + (middle >> 32);
    return low ^ high;
}

// The slot is hash bits 6 and up (a byte offset into the generated table of 64-byte slots).
constexpr int k_slot_shift = 6;

int bits_for(std::uint64_t count) {
    int bits = 1;
    while ((std::uint64_t{1} << bits) < count) ++bits;
    return bits;
}

// Specs of up to this many codes try for a seed under which the hash alone places every code:
// first in a table of at least 2 slots per code, then of 4. Each slot is 64 bytes of every program
// that links the API, so the tighter table pays where a seed is found soon (about 1 in 50 seeds
// for 14 codes in 32 slots); the looser one finds a seed for 64 codes within its budget.
constexpr std::size_t k_direct_max = 64;
constexpr std::array<std::uint64_t, 2> k_direct_spreads = {2, 4};
constexpr std::array<std::uint64_t, 2> k_direct_seeds = {1u << 12, 1u << 16};

}  // namespace

std::array<std::uint64_t, 6> code_words(std::string_view text) {
    const char* p = text.data();
    const std::size_t n = text.size();
    if (n >= 16 && n <= 48) {
        // Three 16-byte windows: the first, the one around the middle and the last.
        const char* middle = p + n / 2 - 8;
        return {load_le(p, 8),      load_le(p + 8, 8),      load_le(middle, 8),
                load_le(middle + 8, 8), load_le(p + n - 16, 8), load_le(p + n - 8, 8)};
    }
    if (n > 48) {
        return {load_le(p, 8),      load_le(p + 8, 8),      load_le(p + 16, 8),
                load_le(p + 24, 8), load_le(p + n - 16, 8), load_le(p + n - 8, 8)};
    }
    if (n >= 8) return {load_le(p, 8), 0, 0, 0, 0, load_le(p + n - 8, 8)};
    if (n >= 4) return {load_le(p, 4), 0, 0, 0, 0, load_le(p + n - 4, 4)};
    if (n > 0) {
        return {static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
                    static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                    static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16,
                0, 0, 0, 0, 0};
    }
    return {0, 0, 0, 0, 0, 0};
}

std::uint64_t seed_of_last(std::uint64_t seed) {
    return (((seed << 32) | (seed >> 32)) ^ k_mixer) | 1u;
}

std::uint64_t code_hash(std::string_view text, std::uint64_t seed, bool full) {
    const std::array<std::uint64_t, 6> words = code_words(text);
    std::uint64_t a = words[0] ^ seed;
    if (full) {
        // Every whole word from the start (the last word goes into the other factor).
        for (std::size_t at = 0; at + 8 <= text.size(); at += 8) {
            a = (a ^ load_le(text.data() + at, 8)) * k_multiplier;
            a ^= a >> 29;
        }
    }
    // The length goes into the other factor than the last word: added to the last word, it made
    // c1000 and c10000 ("1000" + 5 == "0000" + 6) one hash under every seed.
    return mix(a + text.size(), words[5] ^ seed_of_last(seed));
}

std::uint32_t hash_bucket(std::uint64_t hash, int bucket_bits) {
    return bucket_bits == 0 ? 0u : static_cast<std::uint32_t>(hash >> (64 - bucket_bits));
}

std::uint32_t hash_slot(std::uint64_t hash, std::uint32_t displacement, int slot_bits) {
    return ((static_cast<std::uint32_t>(hash) >> k_slot_shift) ^ displacement) & ((1u << slot_bits) - 1u);
}

bool short_hash_suffices(const std::vector<std::string_view>& keys) {
    std::set<std::tuple<std::size_t, std::uint64_t, std::uint64_t>> seen;
    for (const std::string_view key : keys) {
        const std::array<std::uint64_t, 6> words = code_words(key);
        if (!seen.emplace(key.size(), words[0], words[5]).second) return false;
    }
    return true;
}

PerfectHash build_perfect_hash(const std::vector<std::string_view>& keys) {
    const std::uint32_t n = static_cast<std::uint32_t>(keys.size());
    const bool full = !short_hash_suffices(keys);
    std::vector<std::uint64_t> hashes(n);

    // A few codes: a seed under which no two codes share a slot, in a sparse table, saves the
    // lookup the displacement table and its load.
    for (std::size_t tier = 0; tier < k_direct_spreads.size() && n <= k_direct_max; ++tier) {
        const int slot_bits = bits_for(std::max<std::uint64_t>(n, 1) * k_direct_spreads[tier]);
        std::vector<std::int32_t> slots;
        for (std::uint64_t attempt = 1; attempt <= k_direct_seeds[tier]; ++attempt) {
            const std::uint64_t seed = attempt * k_multiplier;
            slots.assign(std::size_t{1} << slot_bits, -1);
            bool placed = true;
            for (std::uint32_t i = 0; i < n && placed; ++i) {
                const std::uint32_t slot = hash_slot(code_hash(keys[i], seed, full), 0, slot_bits);
                placed = slot != 0 && slots[slot] == -1;
                slots[slot] = static_cast<std::int32_t>(i);
            }
            if (placed) {
                PerfectHash result;
                result.full = full;
                result.seed = seed;
                result.bucket_bits = 0;
                result.slot_bits = slot_bits;
                result.slots = std::move(slots);
                return result;
            }
        }
    }

    // About two keys a bucket and a fifth of the slots spare keep the search short at any size;
    // powers of two let the lookup mask instead of dividing.
    const int bucket_bits = bits_for(n / 2);
    const int slot_bits = bits_for(n + n / 5 + 1);  // and slot 0 stays empty
    if (slot_bits > 26) throw std::length_error("too many codes for the perfect hash");  // offsets fit 32 bits
    const std::uint32_t bucket_count = 1u << bucket_bits;
    const std::uint32_t slot_count = 1u << slot_bits;
    // A seed fails when two keys of one bucket share their slot bits, which no displacement
    // separates (about half the seeds at any size); many in a row cannot happen for distinct keys,
    // so running out of seeds is a bug, reported rather than looped on.
    for (std::uint64_t attempt = 1; attempt <= 4096; ++attempt) {
        PerfectHash result;
        result.full = full;
        result.seed = attempt * k_multiplier;
        result.bucket_bits = bucket_bits;
        result.slot_bits = slot_bits;
        result.displacements.assign(bucket_count, 0);
        result.slots.assign(slot_count, -1);
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
            // XOR with d permutes the slots, so every key of the bucket meets every slot once as d
            // runs over them, but two keys with the same slot bits never part: a new seed.
            taken.clear();
            for (const std::uint32_t key : buckets[bucket]) taken.push_back(hash_slot(hashes[key], 0, slot_bits));
            std::sort(taken.begin(), taken.end());
            if (std::adjacent_find(taken.begin(), taken.end()) != taken.end()) {
                failed = true;
                break;
            }
            bool placed = false;
            for (std::uint32_t d = 0; d < slot_count && !placed; ++d) {
                taken.clear();
                placed = true;
                for (const std::uint32_t key : buckets[bucket]) {
                    const std::uint32_t slot = hash_slot(hashes[key], d, slot_bits);
                    if (slot == 0 || result.slots[slot] != -1 || std::find(taken.begin(), taken.end(), slot) != taken.end()) {
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
                failed = true;  // try the next seed
                break;
            }
        }
        if (!failed) return result;
    }
    throw std::logic_error("no perfect hash found for the codes; report this spec to errspec's developers");
}

}  // namespace errspec
