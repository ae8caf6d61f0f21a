// Decodes an error response of the shop API with the client errspec generated from
// spec/shop.yaml, and says whether and when to retry a GET. Usage: shop_demo STATUS BODY [RETRY_AFTER]
//   shop_demo 409 '{"error": {"code": "out_of_stock", "message": "Sold out."}}'
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "shop_client.hpp"

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) {
        std::cerr << "usage: shop_demo STATUS BODY [RETRY_AFTER]\n";
        return 2;
    }
    errspec::HeaderList headers;
    if (argc == 4) headers.emplace_back("Retry-After", argv[3]);
    const errspec::ApiError error = shop::decode_error(std::atoi(argv[1]), headers, argv[2]);
    const shop::Error known = shop::error_of(error);
    if (known == shop::Error::Unknown) {
        std::cout << "not an error of the shop API (code '" << error.code << "')\n";
        return 1;
    }
    // A body without a message gets the spec's default one.
    const std::string_view message = error.message.empty() ? shop::message(known) : error.message;
    std::cout << shop::code_of(known) << " (HTTP " << error.status << "): " << message;
    const errspec::RetryDecision decision = shop::decide_retry(error, 1, errspec::Idempotency::idempotent);
    if (decision.retry) {
        std::cout << " Retry in " << decision.delay.count() << " ms.\n";
    } else {
        std::cout << " Do not retry.\n";
    }
    return 0;
}
