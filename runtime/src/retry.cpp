// The retry decision of docs/client-semantics.md, rule by rule.
#include "errspec/retry.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace errspec {
namespace {

using std::chrono::milliseconds;

// How an error the spec does not know is retried, by its status.
RetryKind retry_kind_of_status(int status) noexcept {
    switch (status) {
    case 429: return RetryKind::AfterRetryAfter;
    case 408: case 500: case 502: case 503: case 504: return RetryKind::Backoff;
    default: return RetryKind::Never;
    }
}

// The full-jitter bound of the wait after attempt number `attempt`: min(max_delay, initial * 2^(attempt-1)).
milliseconds backoff_bound(int attempt, const RetryPolicy& policy) noexcept {
    milliseconds bound = std::max(std::min(policy.initial_delay, policy.max_delay), milliseconds(0));
    for (int doubled = 1; doubled < attempt && bound < policy.max_delay && bound.count() > 0; ++doubled) {
        bound = bound > policy.max_delay / 2 ? policy.max_delay : bound * 2;
    }
    return bound;
}

// Whether the failure shows that the server did not process the request (rule 3).
bool shown_not_processed(const FailureFacts& failure) noexcept {
    if (failure.transport) return *failure.transport == TransportFailure::connect_failed;
    return (failure.cond == condition::rate_limited && failure.retry_after) || failure.retry_safe;
}

RetryDecision give_up(RetryReason reason, const FailureFacts& failure) noexcept {
    return {false, milliseconds(0), reason, failure.transport ? std::nullopt : failure.retry_after};
}

std::uint64_t jitter_seed() noexcept {
    // Jitter needs no secrecy, only clients that do not retry in lockstep; std::random_device may
    // throw where no entropy source exists.
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    return static_cast<std::uint64_t>(ticks) ^ std::hash<std::thread::id>{}(std::this_thread::get_id());
}

}  // namespace

std::string_view to_string(RetryReason reason) noexcept {
    switch (reason) {
    case RetryReason::retry_after: return "retry_after";
    case RetryReason::backoff: return "backoff";
    case RetryReason::transport_failure: return "transport_failure";
    case RetryReason::not_retryable: return "not_retryable";
    case RetryReason::attempts_exhausted: return "attempts_exhausted";
    case RetryReason::not_idempotent: return "not_idempotent";
    case RetryReason::retry_after_too_long: return "retry_after_too_long";
    }
    return "not_retryable";
}

std::string_view to_string(TransportFailure failure) noexcept {
    switch (failure) {
    case TransportFailure::connect_failed: return "connect_failed";
    case TransportFailure::timed_out: return "timed_out";
    case TransportFailure::connection_lost: return "connection_lost";
    }
    return "connection_lost";
}

FailureFacts::FailureFacts(const ApiError& error) noexcept
    : retry_kind(error.retry_kind()),
      cond(static_cast<condition>(error.condition().value())),
      retry_after(error.retry_after),
      retry_safe(error.retry_safe()) {}

FailureFacts::FailureFacts(TransportFailure failure) noexcept
    : transport(failure),
      retry_kind(RetryKind::Backoff),
      cond(failure == TransportFailure::timed_out ? condition::deadline_exceeded : condition::unavailable) {}

RetryDecision decide_retry(const FailureFacts& failure, int attempt, const RetryPolicy& policy,
                           Idempotency idempotency, double random) noexcept {
    if (attempt >= policy.max_attempts) return give_up(RetryReason::attempts_exhausted, failure);
    if (!failure.transport && failure.retry_kind == RetryKind::Never) return give_up(RetryReason::not_retryable, failure);
    if (idempotency == Idempotency::not_idempotent && !shown_not_processed(failure)) {
        return give_up(RetryReason::not_idempotent, failure);
    }
    if (!failure.transport && failure.retry_after) {
        if (*failure.retry_after > policy.max_retry_after) return give_up(RetryReason::retry_after_too_long, failure);
        return {true, std::max(*failure.retry_after, milliseconds(0)), RetryReason::retry_after, failure.retry_after};
    }
    const double fraction = std::clamp(random, 0.0, 1.0);
    const auto bound = static_cast<double>(backoff_bound(attempt, policy).count());
    const auto delay = milliseconds(static_cast<milliseconds::rep>(std::floor(bound * fraction)));
    return {true, delay, failure.transport ? RetryReason::transport_failure : RetryReason::backoff, std::nullopt};
}

double jitter_fraction() noexcept {
    thread_local std::mt19937_64 engine(jitter_seed());
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;  // 53 random bits: a double in [0, 1)
}

RetryDecision decide_retry(const FailureFacts& failure, int attempt, const RetryPolicy& policy,
                           Idempotency idempotency) {
    return decide_retry(failure, attempt, policy, idempotency, jitter_fraction());
}

RetryKind ApiError::retry_kind() const noexcept {
    return recognized() && api != nullptr ? api->at(value).retry : retry_kind_of_status(status);
}

}  // namespace errspec
