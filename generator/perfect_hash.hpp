// A minimal perfect hash over the codes of one spec ("hash and displace", as in CHD), computed at
// generation time so that the generated `error_from_code` hashes the text once, reads two small
// tables and compares one string: no allocation, no probing.
//
// The hash below is emitted verbatim into generated code (templates/cpp/errors.cpp.mustache);
// both must stay identical, which the round-trip tests of every generated spec check.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace errspec {

struct PerfectHash {
    std::uint64_t seed = 0;
    std::vector<std::uint32_t> displacements;  // one per bucket
    std::vector<std::int32_t> slots;           // one per slot: index of the key there, or -1
};

std::uint64_t code_hash(std::string_view text, std::uint64_t seed);
std::uint32_t hash_bucket(std::uint64_t hash, std::uint32_t bucket_count);
std::uint32_t hash_slot(std::uint64_t hash, std::uint32_t displacement, std::uint32_t slot_count);

// Keys must be distinct. Deterministic: the same keys give the same tables on any machine.
PerfectHash build_perfect_hash(const std::vector<std::string_view>& keys);

}  // namespace errspec
