// The cross-API conditions every error maps onto (docs/client-semantics.md, "Conditions"), modelled
// on gRPC's canonical codes: `ec == errspec::condition::unauthenticated` holds for an error of any
// API. Self-contained and constexpr: the generator derives each error's condition with it too.
#pragma once

#include <string_view>
#include <system_error>
#include <type_traits>

namespace errspec {

enum class condition {
    invalid_argument = 1,
    unauthenticated = 2,
    permission_denied = 3,
    not_found = 4,
    conflict = 5,
    failed_precondition = 6,
    resource_exhausted = 7,
    rate_limited = 8,
    deadline_exceeded = 9,
    unavailable = 10,
    internal = 11,
    unimplemented = 12,
    cancelled = 13,
    unknown = 14,
};

inline constexpr condition kAllConditions[] = {
    condition::invalid_argument,  condition::unauthenticated,   condition::permission_denied, condition::not_found,
    condition::conflict,          condition::failed_precondition, condition::resource_exhausted, condition::rate_limited,
    condition::deadline_exceeded, condition::unavailable,       condition::internal,          condition::unimplemented,
    condition::cancelled,         condition::unknown,
};

// The name the spec's `condition:` key and the TypeScript client use.
constexpr std::string_view to_string(condition c) noexcept {
    switch (c) {
    case condition::invalid_argument: return "invalid_argument";
    case condition::unauthenticated: return "unauthenticated";
    case condition::permission_denied: return "permission_denied";
    case condition::not_found: return "not_found";
    case condition::conflict: return "conflict";
    case condition::failed_precondition: return "failed_precondition";
    case condition::resource_exhausted: return "resource_exhausted";
    case condition::rate_limited: return "rate_limited";
    case condition::deadline_exceeded: return "deadline_exceeded";
    case condition::unavailable: return "unavailable";
    case condition::internal: return "internal";
    case condition::unimplemented: return "unimplemented";
    case condition::cancelled: return "cancelled";
    case condition::unknown: return "unknown";
    }
    return "unknown";
}

// The condition of an error the spec says nothing more about: derived from its HTTP status.
constexpr condition condition_of_status(int status) noexcept {
    switch (status) {
    case 401: case 407: return condition::unauthenticated;
    case 403: return condition::permission_denied;
    case 404: case 410: return condition::not_found;
    case 409: return condition::conflict;
    case 412: case 428: return condition::failed_precondition;
    case 402: return condition::resource_exhausted;
    case 429: return condition::rate_limited;
    case 408: case 504: return condition::deadline_exceeded;
    case 502: case 503: return condition::unavailable;
    case 405: case 501: return condition::unimplemented;
    case 499: return condition::cancelled;
    default: break;
    }
    if (status >= 400 && status <= 499) return condition::invalid_argument;
    if (status >= 500 && status <= 599) return condition::internal;
    return condition::unknown;
}

// The `std::error_code` values of errors the spec does not know (a proxy's page, a newer code):
// kUnrecognizedErrorValue + the response's HTTP status (0 when it is not 100..599). Never 0, above
// every enum value (those are 16-bit), and carrying the status, so that default_error_condition
// gives an unrecognised 502 the condition `unavailable`, as it gives a known one.
inline constexpr int kUnrecognizedErrorValue = 65536;

constexpr int unrecognized_error_value(int status) noexcept {
    return kUnrecognizedErrorValue + (status >= 100 && status <= 599 ? status : 0);
}

constexpr bool is_unrecognized_error_value(int value) noexcept {
    return value >= kUnrecognizedErrorValue && value <= kUnrecognizedErrorValue + 599;
}

// The category of the conditions, named "errspec".
const std::error_category& condition_category() noexcept;

inline std::error_condition make_error_condition(condition c) noexcept {
    return {static_cast<int>(c), condition_category()};
}

}  // namespace errspec

namespace std {
template <>
struct is_error_condition_enum<errspec::condition> : true_type {};
}  // namespace std
