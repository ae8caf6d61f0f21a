#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "perfect_hash.hpp"

using namespace errspec;

namespace {

std::uint32_t slot_of(const PerfectHash& hash, std::string_view key) {
    const std::uint64_t h = code_hash(key, hash.seed, hash.full);
    if (hash.bucket_bits == 0) return hash_slot(h, 0, hash.slot_bits);
    const auto bucket = hash_bucket(h, hash.bucket_bits);
    return hash_slot(h, hash.displacements.at(bucket), hash.slot_bits);
}

}  // namespace

TEST_CASE("the perfect hash puts every key in its own slot, at every size") {
    for (const std::size_t n : {1u, 2u, 10u, 200u, 2000u, 20000u}) {
        std::vector<std::string> storage;
        for (std::size_t i = 0; i < n; ++i) storage.push_back("code_" + std::to_string(i * 7919) + "_x");
        const std::vector<std::string_view> keys(storage.begin(), storage.end());
        const PerfectHash hash = build_perfect_hash(keys);
        std::set<std::uint32_t> slots;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t slot = slot_of(hash, keys[i]);
            REQUIRE(slot < hash.slots.size());
            CHECK(hash.slots[slot] == static_cast<std::int32_t>(i));
            slots.insert(slot);
        }
        CHECK(slots.size() == n);
        CHECK(slots.count(0) == 0);  // a miss reads slot 0
        CHECK(hash.slots[0] == -1);
        // A few codes need no displacement table.
        CHECK((hash.bucket_bits == 0) == (n <= 64));
    }
}

TEST_CASE("the words a slot holds cover the text, at every length") {
    // Changing any byte of a text of up to 48 bytes changes its words; past 48 bytes, the bytes
    // from 32 to n - 16 are the ones the lookup compares with memcmp.
    for (std::size_t n = 0; n <= 100; ++n) {
        std::string text;
        for (std::size_t i = 0; i < n; ++i) text.push_back(static_cast<char>('a' + i % 26));
        const auto words = code_words(text);
        for (std::size_t i = 0; i < n; ++i) {
            if (n > 48 && i >= 32 && i < n - 16) continue;
            if (n < 4 && i != 0 && i != n / 2 && i != n - 1) continue;
            std::string changed = text;
            changed[i] = '#';
            INFO("length " << n << ", byte " << i);
            CHECK(code_words(changed) != words);
        }
    }
}

TEST_CASE("the perfect hash is deterministic") {
    const std::vector<std::string_view> keys = {"missing_api_key", "invalid_api_key", "rate_limited", "20404"};
    const PerfectHash a = build_perfect_hash(keys), b = build_perfect_hash(keys);
    CHECK(a.seed == b.seed);
    CHECK(a.displacements == b.displacements);
    CHECK(a.slots == b.slots);
}

TEST_CASE("the code hash reads every byte, of any length") {
    CHECK(code_hash("abcdefgh1", 0, false) != code_hash("abcdefgh2", 0, false));
    CHECK(code_hash("", 0, false) != code_hash(std::string_view("\0", 1), 0, false));
    CHECK(code_hash("a", 1, false) != code_hash("a", 2, false));
}

TEST_CASE("codes that differ only in their middle switch to the full hash, still perfect") {
    const std::vector<std::string_view> edges_differ = {"workspace_quota_exceeded", "workspace_plan_exceeded"};
    CHECK(short_hash_suffices(edges_differ));
    const std::vector<std::string_view> middle_only = {"account_AAAA_disabled_now", "account_BBBB_disabled_now",
                                                       "short", "tiny"};
    CHECK_FALSE(short_hash_suffices(middle_only));
    const PerfectHash hash = build_perfect_hash(middle_only);
    CHECK(hash.full);
    std::set<std::uint32_t> slots;
    for (std::size_t i = 0; i < middle_only.size(); ++i) {
        const std::uint32_t slot = slot_of(hash, middle_only[i]);
        CHECK(hash.slots[slot] == static_cast<std::int32_t>(i));
        slots.insert(slot);
    }
    CHECK(slots.size() == middle_only.size());
}

TEST_CASE("codes one character longer and one digit apart are told apart under every seed") {
    // "c1000" and "c10000": the same first word, and last words that differ by what their lengths
    // differ by. Numbered codes like these (20 000 of them) once left no seed that worked.
    CHECK(code_hash("c1000", 0, false) != code_hash("c10000", 0, false));
    std::vector<std::string> storage;
    for (int i = 0; i < 20000; ++i) storage.push_back("c" + std::to_string(i));
    const std::vector<std::string_view> keys(storage.begin(), storage.end());
    const PerfectHash hash = build_perfect_hash(keys);
    std::set<std::uint32_t> slots;
    for (const std::string_view key : keys) slots.insert(slot_of(hash, key));
    CHECK(slots.size() == keys.size());
}
