// A minimal perfect hash over the codes of one spec, computed at generation time so that the
// generated `error_from_code` hashes the text with one multiply, reads one or two small tables and
// compares the text with one slot: no allocation, no probing, and no branch that depends on the
// text being a code or not (a miss reads its result from slot 0, which is always empty).
//
// The hash reads the first and last word of the text (8 bytes each, or 4, or three single bytes)
// and its length (the "short" hash), unless two codes of the spec agree on those, when it also
// reads every whole word (the "full" hash). A spec of a few codes gets a seed under which the hash
// alone picks each code's slot (no displacement table); a larger one gets CHD-style buckets (the
// hash's top bits), each with a displacement that is XORed into the hash's slot bits. A slot holds
// the six words of code_words and the length, which the lookup compares at once (three 16-byte
// compares with SSE2). The functions below are emitted verbatim into generated code
// (templates/cpp/errors.hpp.mustache); both must stay identical, which the round-trip tests of
// every generated spec check.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace errspec {

struct PerfectHash {
    bool full = false;  // whether the full hash is needed
    std::uint64_t seed = 0;
    int bucket_bits = 0;  // 2^bucket_bits buckets, the top bits of the hash pick one; 0: none
    int slot_bits = 1;    // 2^slot_bits slots; slot 0 stays empty
    std::vector<std::uint32_t> displacements;  // one per bucket; empty without buckets
    std::vector<std::int32_t> slots;           // one per slot: index of the key there, or -1
};

// The six words a slot holds and the lookup compares, little-endian. For a text of 16 to 48 bytes
// they are three 16-byte windows that together cover it: bytes 0..16, n/2-8..n/2+8 and n-16..n.
// Past 48 bytes: bytes 0..32 and n-16..n (the lookup compares the rest with memcmp). Under 16
// bytes: the first and last word (8 bytes each, or 4 under 8 bytes, or for 1 to 3 bytes the
// first, middle and last byte in the first word), and zeros.
std::array<std::uint64_t, 6> code_words(std::string_view text);

// The hash reads the first and last of those words (code_words()[0] and [5]) and the length.
std::uint64_t code_hash(std::string_view text, std::uint64_t seed, bool full);
std::uint32_t hash_bucket(std::uint64_t hash, int bucket_bits);
// The slot: hash bits 6 and up XOR the bucket's displacement (0 without buckets); the generated
// lookup gets the slot's byte offset (64-byte slots) from the hash with one AND.
std::uint32_t hash_slot(std::uint64_t hash, std::uint32_t displacement, int slot_bits);
// What the hash's second factor XORs into the last word: derived from the seed, never zero.
std::uint64_t seed_of_last(std::uint64_t seed);

// Whether the short hash tells every key apart by what it reads (its length, first and last word).
bool short_hash_suffices(const std::vector<std::string_view>& keys);

// Keys must be distinct. Deterministic: the same keys give the same tables on any machine.
PerfectHash build_perfect_hash(const std::vector<std::string_view>& keys);

}  // namespace errspec
