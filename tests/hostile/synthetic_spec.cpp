#include "synthetic_spec.hpp"

namespace errspec_test {

std::string synthetic_spec(std::size_t error_count, std::string_view flavour) {
    static constexpr int statuses[] = {400, 401, 403, 404, 409, 422, 429, 500, 503};
    std::string out =
        "errspec: 1\n"
        "api: {id: synthetic, name: Synthetic, base_url: https://api.example.com}\n"
        "envelope:\n"
        "  body: {error: {code: \"${code}\", message: \"${message}\", request_id: \"${request_id}\"}}\n"
        "headers: {request_id: X-Request-Id}\n"
        "errors:\n";
    out.reserve(error_count * 220);
    for (std::size_t i = 0; i < error_count; ++i) {
        const std::string n = std::to_string(i);
        out += "  - code: e" + n + "\n    status: " + std::to_string(statuses[i % std::size(statuses)]) +
               "\n    title: \"Error " + n + " " + std::string(flavour) + "\"\n    message: \"Message " + n + " " +
               std::string(flavour) + ".\"\n    description: What went wrong in case " + n +
               ", in a sentence about as long as a real one.\n    fix: [Change what case " + n +
               " says., Then try again.]\n";
    }
    return out;
}

}  // namespace errspec_test
