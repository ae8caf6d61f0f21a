// libFuzzer target: every generated client decodes every input (under ASan and UBSan). Any
// exception, crash or leak is a finding; so is an error that decodes but does not survive being
// encoded with what was decoded and decoded again. Input: the HTTP status as three digits (any
// byte counts as one), then the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "all_specs.hpp"

namespace {

template <typename ApiError, typename Decode, typename Encode, typename HttpStatus>
void check(int status, std::string_view body, Decode decode, Encode encode, HttpStatus http_status) {
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Retry-After", std::string(body.substr(0, 40))}, {"X-Request-Id", std::string(body.substr(0, 8))}};
    const ApiError decoded = decode(status, headers, body);
    if (decoded.error == decltype(decoded.error){}) return;
    const ApiError again = decode(http_status(decoded.error), {}, encode(decoded.error, decoded.message, decoded.request_id));
    if (again.error != decoded.error) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const auto digit = [](std::uint8_t byte) { return static_cast<std::uint8_t>(byte - '0') % 10; };
    const int status = digit(data[0]) * 100 + digit(data[1]) * 10 + digit(data[2]);
    const std::string_view body(reinterpret_cast<const char*>(data + 3), size - 3);
#define ERRSPEC_FUZZ_SPEC(ns)                                                                        \
    check<ns::ApiError>(status, body, ns::decode_error,                                              \
                        [](ns::Error e, std::string_view m, std::string_view r) { return ns::encode_error(e, m, r); }, \
                        ns::http_status);
    ERRSPEC_FOR_EACH_SPEC(ERRSPEC_FUZZ_SPEC)
    return 0;
}
