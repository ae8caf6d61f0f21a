// Decodes an error response of the shop API with the client errspec generated from
// spec/shop.yaml, and says whether and when to retry. Usage: shop_demo STATUS BODY [RETRY_AFTER]
//   shop_demo 409 '{"error": {"code": "out_of_stock", "message": "Sold out."}}'
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shop_client.hpp"

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) {
        std::cerr << "usage: shop_demo STATUS BODY [RETRY_AFTER]\n";
        return 2;
    }
    std::vector<std::pair<std::string, std::string>> headers;
    if (argc == 4) headers.emplace_back("Retry-After", argv[3]);
    const shop::ApiError error = shop::decode_error(std::atoi(argv[1]), headers, argv[2]);
    if (error.error == shop::Error::Unknown) {
        std::cout << "not an error of the shop API (code '" << error.code << "')\n";
        return 1;
    }
    // A body without a message gets the spec's default one.
    const std::string_view message = error.message.empty() ? shop::message(error.error) : error.message;
    std::cout << shop::code_of(error.error) << " (HTTP " << error.status << "): " << message;
    if (const auto delay = shop::next_delay(error, 1)) {
        std::cout << " Retry in " << delay->count() << " ms.\n";
    } else {
        std::cout << " Do not retry.\n";
    }
    return 0;
}
