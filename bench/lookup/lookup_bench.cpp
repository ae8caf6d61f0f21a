// error_from_code (errspec's generated perfect hash) against a gperf perfect hash and a
// std::unordered_map<std::string, Error>, over the same codes, with hits and misses mixed.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>  // gperf's output calls memcmp without including it
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "lookup10_errors.hpp"
#include "lookup200_errors.hpp"
#include "lookup2000_errors.hpp"

// gperf's output uses `register` and old-style casts; it is the peer, not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wregister"
#include "lookup10.gperf.hpp"
#include "lookup200.gperf.hpp"
#include "lookup2000.gperf.hpp"
#pragma GCC diagnostic pop

namespace {

// Every code once as a hit and once changed in its middle character as a miss, shuffled.
template <typename Error>
std::vector<std::string> queries(const Error* all, std::size_t count, std::string_view (*code_of)(Error)) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string code(code_of(all[i]));
        out.push_back(code);
        code[code.size() / 2] = code[code.size() / 2] == 'z' ? 'y' : 'z';
        out.push_back(code);
    }
    std::shuffle(out.begin(), out.end(), std::mt19937(42));
    return out;
}

#define ERRSPEC_LOOKUP_BENCHMARKS(ns, GperfClass)                                                         \
    void ns##_errspec(benchmark::State& state) {                                                         \
        const auto codes = queries(ns::all_errors().data(), ns::kErrorCount, &ns::code_of);                     \
        for (auto _ : state) {                                                                             \
            for (const std::string& code : codes) benchmark::DoNotOptimize(ns::error_from_code(code));     \
        }                                                                                                  \
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * codes.size()));           \
    }                                                                                                      \
    void ns##_gperf(benchmark::State& state) {                                                           \
        const auto codes = queries(ns::all_errors().data(), ns::kErrorCount, &ns::code_of);                     \
        for (auto _ : state) {                                                                             \
            for (const std::string& code : codes) {                                                        \
                benchmark::DoNotOptimize(GperfClass::in_word_set(code.data(), code.size()));               \
            }                                                                                              \
        }                                                                                                  \
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * codes.size()));           \
    }                                                                                                      \
    void ns##_unordered_map(benchmark::State& state) {                                                   \
        const auto codes = queries(ns::all_errors().data(), ns::kErrorCount, &ns::code_of);                     \
        std::unordered_map<std::string, ns::Error> map;                                                  \
        for (std::size_t i = 0; i < ns::kErrorCount; ++i) {                                               \
            map.emplace(std::string(ns::code_of(ns::all_errors()[i])), ns::all_errors()[i]);              \
        }                                                                                                  \
        for (auto _ : state) {                                                                             \
            for (const std::string& code : codes) {                                                        \
                /* As a caller holding a string_view would: C++17 maps need a std::string key. */          \
                const std::string_view view = code;                                                        \
                const auto found = map.find(std::string(view));                                            \
                benchmark::DoNotOptimize(found == map.end() ? ns::Error::Unknown : found->second);         \
            }                                                                                              \
        }                                                                                                  \
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * codes.size()));           \
    }                                                                                                      \
    BENCHMARK(ns##_errspec);                                                                               \
    BENCHMARK(ns##_gperf);                                                                                 \
    BENCHMARK(ns##_unordered_map);

ERRSPEC_LOOKUP_BENCHMARKS(lookup10, Gperf10)
ERRSPEC_LOOKUP_BENCHMARKS(lookup200, Gperf200)
ERRSPEC_LOOKUP_BENCHMARKS(lookup2000, Gperf2000)

}  // namespace

BENCHMARK_MAIN();
