// The finer codes under a spec's codes: their names, and which a decoded error carries.
#include "errspec/client.hpp"

namespace errspec {

std::string_view Subcodes::name(std::uint16_t subcode) const noexcept {
    return subcode < name_count ? names[subcode] : std::string_view();
}

std::uint16_t Subcodes::of(const ApiError& error) const noexcept {
    if (error.subcode.empty()) return 0;
    for (std::size_t i = 0; i < row_count; ++i) {
        if (rows[i].error == error.value && name(rows[i].subcode) == error.subcode) return rows[i].subcode;
    }
    return 0;
}

}  // namespace errspec
