#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "parallel.hpp"

using errspec::parallel_for;

TEST_CASE("parallel_for runs every job once, whatever the count and the jobs per thread") {
    for (const std::size_t count : {0u, 1u, 2u, 7u, 1000u}) {
        for (const std::size_t per_thread : {1u, 3u, 256u}) {
            std::vector<std::atomic<int>> runs(count);
            parallel_for(count, [&](std::size_t i) { ++runs[i]; }, per_thread);
            INFO(count << " jobs, " << per_thread << " per thread");
            for (const std::atomic<int>& run : runs) CHECK(run == 1);
        }
    }
}

TEST_CASE("parallel_for rethrows a job's exception after every other job has run") {
    std::atomic<int> done{0};
    CHECK_THROWS_AS(parallel_for(100,
                                 [&](std::size_t i) {
                                     if (i == 42) throw std::runtime_error("job 42");
                                     ++done;
                                 }),
                    std::runtime_error);
    CHECK(done == 99);
}
