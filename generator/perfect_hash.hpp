// A minimal perfect hash over the codes of one spec ("hash and displace", as in CHD), computed at
// generation time so that the generated `error_from_code` hashes the text once, reads two small
// tables and compares one string: no allocation, no probing.
//
// The hash reads at most two 8-byte words and the length (the "short" hash), unless two codes of
// the spec agree on those, when it reads every byte (the "full" hash). The functions below are
// emitted verbatim into generated code (templates/cpp/errors.cpp.mustache); both must stay
// identical, which the round-trip tests of every generated spec check.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace errspec {

struct PerfectHash {
    bool full = false;  // whether the full hash is needed
    std::uint64_t seed = 0;
    int bucket_bits = 1;  // 2^bucket_bits buckets: the top bits of the hash pick one
    int slot_bits = 1;    // 2^slot_bits slots
    std::vector<std::uint32_t> displacements;  // one per bucket
    std::vector<std::int32_t> slots;           // one per slot: index of the key there, or -1
};

// What the hash reads of a text besides its length: its first and last word (8 bytes each, or 4,
// or three single bytes), little-endian. With the length they are the whole text up to 16 bytes,
// so the generated lookup compares them before it compares any string.
std::pair<std::uint64_t, std::uint64_t> edge_words(std::string_view text);

std::uint64_t code_hash(std::string_view text, std::uint64_t seed, bool full);
std::uint32_t hash_bucket(std::uint64_t hash, int bucket_bits);
std::uint32_t hash_slot(std::uint64_t hash, std::uint32_t displacement, int slot_bits);

// Whether the short hash tells every key apart by what it reads (its length, first and last word).
bool short_hash_suffices(const std::vector<std::string_view>& keys);

// Keys must be distinct. Deterministic: the same keys give the same tables on any machine.
PerfectHash build_perfect_hash(const std::vector<std::string_view>& keys);

}  // namespace errspec
