// Whether and when to retry a failed request, and why (docs/client-semantics.md, "Retry decision").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "errspec/error.hpp"

namespace errspec {

// A client's retry policy; each generated client has its spec's `retry:` block as kRetryPolicy.
struct RetryPolicy {
    int max_attempts = 3;                            // attempts in all, the first one included
    std::chrono::milliseconds initial_delay{500};    // backoff bound before the 2nd attempt
    std::chrono::milliseconds max_delay{30000};      // backoff never waits longer
    std::chrono::milliseconds max_retry_after{120000};  // a longer Retry-After: give up
};

// A request that got no HTTP response.
enum class TransportFailure : std::uint8_t {
    connect_failed,   // it never reached the server (DNS, connection refused)
    timed_out,
    connection_lost,  // reset or closed mid-exchange: the server may have processed it
};

// Whether sending the request twice does no more than sending it once. The caller says; a
// request that is not idempotent is retried only when the failure shows it was not processed.
enum class Idempotency : bool { not_idempotent = false, idempotent = true };

enum class RetryReason : std::uint8_t {
    retry_after,           // retrying after the server's Retry-After
    backoff,               // retrying an error response after a jittered backoff
    transport_failure,     // retrying a transport failure after a jittered backoff
    not_retryable,         // the error's retry kind is never
    attempts_exhausted,    // max_attempts reached
    not_idempotent,        // the request may have been processed and is not idempotent
    retry_after_too_long,  // the server asked for a wait beyond max_retry_after (see retry_after)
};

std::string_view to_string(RetryReason reason) noexcept;
std::string_view to_string(TransportFailure failure) noexcept;

struct RetryDecision {
    bool retry = false;
    std::chrono::milliseconds delay{0};  // 0 when not retrying
    RetryReason reason = RetryReason::not_retryable;
    std::optional<std::chrono::milliseconds> retry_after;  // the response's, when it carried one
};

// What the rules read of a failure: an error response's facts, or a transport failure's kind.
struct FailureFacts {
    FailureFacts() noexcept = default;
    FailureFacts(const ApiError& error) noexcept;        // NOLINT: implicit, so decide_retry takes either
    FailureFacts(TransportFailure failure) noexcept;     // NOLINT

    std::optional<TransportFailure> transport;  // set: no response; the rest is ignored
    RetryKind retry_kind = RetryKind::Never;
    condition cond = condition::unknown;
    std::optional<std::chrono::milliseconds> retry_after;
    bool retry_safe = false;
};

// The decision after attempt number `attempt` (1 for the first) failed. `random` is the jitter's
// fraction in [0, 1): the backoff wait is floor(bound * random).
RetryDecision decide_retry(const FailureFacts& failure, int attempt, const RetryPolicy& policy,
                           Idempotency idempotency, double random) noexcept;
// The same with a random fraction of this thread's own generator.
RetryDecision decide_retry(const FailureFacts& failure, int attempt, const RetryPolicy& policy,
                           Idempotency idempotency);
// A fraction in [0, 1) from this thread's generator (seeded per thread, not secret).
double jitter_fraction() noexcept;

}  // namespace errspec
