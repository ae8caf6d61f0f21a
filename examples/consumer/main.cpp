// Turns the error code of a shop API response into what the program needs to know about it, with
// the code errspec generated from spec/shop.yaml. Usage: shop_demo CODE (e.g. shop_demo out_of_stock)
#include <iostream>
#include <system_error>

#include "shop_errors.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: shop_demo CODE\n";
        return 2;
    }
    const std::optional<shop::Error> error = shop::error_from_code(argv[1]);
    if (!error) {
        std::cout << argv[1] << ": not an error code of the shop API\n";
        return 1;
    }
    const std::error_code as_error_code = *error;  // shop::Error is a std::error_code enum
    std::cout << shop::code_of(*error) << ": HTTP " << shop::http_status(*error) << ", "
              << as_error_code.message() << ", " << (shop::retry_kind(*error) == shop::RetryKind::Never ? "do not retry" : "retry later")
              << '\n';
    return 0;
}
