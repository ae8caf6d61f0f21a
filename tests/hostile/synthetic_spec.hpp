// Valid specs of any size, written at test time: the limits and kill tests need specs of
// megabytes that are not worth committing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errspec_test {

// A spec with `error_count` errors (codes e0, e1, ...), each with every text a target prints.
// `flavour` goes into every title and message, so that two flavours of one size differ in every
// output.
std::string synthetic_spec(std::size_t error_count, std::string_view flavour = "");

}  // namespace errspec_test
