// Adapter for libcurl (7.83 or later, for curl_easy_header): a finished transfer or a failed one
// as an error in one call. Optional: include it where libcurl is used, and link libcurl yourself.
#pragma once

#include <curl/curl.h>

#include <optional>
#include <string>
#include <string_view>

#include "errspec/call_with_retry.hpp"
#include "errspec/client.hpp"

namespace errspec {

// The error response of a finished transfer on `handle`, whose body the caller collected.
inline ApiError decode_error(const Envelope& api, CURL* handle, std::string_view body) {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    const auto header = [handle](std::string_view lower_name) -> std::optional<std::string> {
        curl_header* found = nullptr;
        const std::string name(lower_name);
        // The last request's headers (after any redirect), the first of the name.
        if (curl_easy_header(handle, name.c_str(), 0, CURLH_HEADER, -1, &found) != CURLHE_OK) return std::nullopt;
        return std::string(found->value);
    };
    return decode_error(api, static_cast<int>(status), header, body);
}

// What a transfer that got no response failed with.
inline TransportFailure transport_failure_of(CURLcode code) noexcept {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR: return TransportFailure::connect_failed;
    case CURLE_OPERATION_TIMEDOUT: return TransportFailure::timed_out;
    default: return TransportFailure::connection_lost;
    }
}

}  // namespace errspec
