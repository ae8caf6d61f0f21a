// Adapter for cpp-httplib (Debian libcpp-httplib-dev): a response or a failed call as an error in
// one call. Optional: include it where cpp-httplib is used, and link cpp-httplib yourself.
#pragma once

#include <httplib.h>

#include "errspec/call_with_retry.hpp"
#include "errspec/client.hpp"

namespace errspec {

// An error response, decoded with the API's envelope (x::envelope()).
inline ApiError decode_error(const Envelope& api, const httplib::Response& response) {
    return decode_error(api, response.status, HeaderLookup(response.headers), response.body);
}

// What a call that got no response failed with. cpp-httplib 0.11 reports a read time-out as
// Error::Read, which reads as a lost connection.
inline TransportFailure transport_failure_of(httplib::Error error) noexcept {
    switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::BindIPAddress:
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return TransportFailure::connect_failed;
    case httplib::Error::ConnectionTimeout: return TransportFailure::timed_out;
    default: return TransportFailure::connection_lost;
    }
}

// A call's outcome, for call_with_retry: the response when its status is below 400, its error
// when not, the transport failure when there was no response.
inline Outcome<httplib::Response> outcome_of(const Envelope& api, httplib::Result result) {
    if (!result) return transport_failure_of(result.error());
    if (result->status >= 400) return decode_error(api, *result);
    return std::move(result.value());
}

}  // namespace errspec
