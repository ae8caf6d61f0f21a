// libFuzzer target: the errspec runtime decodes every input with every generated client's envelope
// (under ASan and UBSan), and formats the exception's message. Any exception, crash or leak is a
// finding; so is an error that decodes but does not survive being encoded with what was decoded
// (details included) and decoded again. Input: the HTTP status as three digits (any
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

// Decodes `body` with the envelope of one API; when it is one of that API's errors, encodes it
// again with what was decoded and decodes that, which must give the same error back.
void check(const errspec::Envelope& api, int status, std::string_view body) {
    const errspec::HeaderList headers = {{"Retry-After", std::string(body.substr(0, 40))},
                                         {"X-Request-Id", std::string(body.substr(0, 8))}};
    const errspec::ApiError decoded = errspec::decode_error(api, status, headers, body);
    static_cast<void>(errspec::ApiException(decoded).what());
    if (!decoded.recognized()) return;
    const std::string encoded = errspec::encode_error(api, decoded.value, decoded.message, decoded.request_id, decoded.details);
    const errspec::ApiError again = errspec::decode_error(api, api.errors.at(decoded.value).status, {}, encoded);
    if (again.value != decoded.value) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const auto digit = [](std::uint8_t byte) { return static_cast<std::uint8_t>(byte - '0') % 10; };
    const int status = digit(data[0]) * 100 + digit(data[1]) * 10 + digit(data[2]);
    const std::string_view body(reinterpret_cast<const char*>(data + 3), size - 3);
#define ERRSPEC_FUZZ_SPEC(ns) check(ns::envelope(), status, body);
    ERRSPEC_FOR_EACH_SPEC(ERRSPEC_FUZZ_SPEC)
    return 0;
}
