// call_with_retry: sends a request until it succeeds or the retry decision says to give up
// (docs/client-semantics.md), over any send function. Not included by generated headers.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>

#include "errspec/retry.hpp"

namespace errspec {

// What one attempt gave: a result, an error response, or a transport failure.
template <typename T>
using Outcome = std::variant<T, ApiError, TransportFailure>;

template <typename T>
struct CallResult {
    Outcome<T> outcome;  // the last attempt's
    int attempts = 0;
    // Why it stopped when the last attempt failed (attempts_exhausted, not_retryable, ...).
    std::optional<RetryDecision> gave_up;
};

// How call_with_retry waits and draws its jitter; tests inject their own.
struct RetryHooks {
    std::function<void(std::chrono::milliseconds)> sleep = [](std::chrono::milliseconds delay) {
        std::this_thread::sleep_for(delay);
    };
    std::function<double()> random = jitter_fraction;
    std::function<void(const RetryDecision&, int attempt)> on_retry;  // optional: before each wait
};

// Calls send(attempt) (attempt 1, 2, ...; it returns an Outcome<T>) until it returns a T or the
// retry decision for its failure is to give up; waits what each decision says in between.
template <typename Send>
auto call_with_retry(Send&& send, const RetryPolicy& policy, Idempotency idempotency, const RetryHooks& hooks = {}) {
    using Result = std::invoke_result_t<Send&, int>;
    using Value = std::variant_alternative_t<0, Result>;
    static_assert(std::is_same_v<Result, Outcome<Value>>, "send(attempt) must return an errspec::Outcome<T>");
    for (int attempt = 1;; ++attempt) {
        Result outcome = send(attempt);
        if (outcome.index() == 0) return CallResult<Value>{std::move(outcome), attempt, std::nullopt};
        const FailureFacts failure = std::holds_alternative<ApiError>(outcome)
                                         ? FailureFacts(std::get<ApiError>(outcome))
                                         : FailureFacts(std::get<TransportFailure>(outcome));
        const RetryDecision decision = decide_retry(failure, attempt, policy, idempotency, hooks.random());
        if (!decision.retry) return CallResult<Value>{std::move(outcome), attempt, decision};
        if (hooks.on_retry) hooks.on_retry(decision, attempt);
        hooks.sleep(decision.delay);
    }
}

}  // namespace errspec
