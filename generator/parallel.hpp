// Runs independent jobs on the machine's cores: the pieces of a spec parse side by side, and each
// target renders on a thread of its own. Results go to slots the caller
// indexes by job, so the output is the same whatever the threads' order.
#pragma once

#include <cstddef>
#include <functional>

namespace errspec {

// Calls job(0) .. job(count - 1), each once, on up to as many threads as the machine has cores,
// and returns when all are done. The first exception a job throws is rethrown here. Jobs too
// small to pay for a thread each ask for `jobs_per_thread` of them to a thread.
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& job, std::size_t jobs_per_thread = 1);

}  // namespace errspec
