// A JSON scalar as kainjow/mustache data, for the render context and bench/render_floor alike.
#pragma once

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace errspec {

// Strings as they are, booleans as booleans, null as false (an empty section), numbers as JSON
// prints them. Objects and lists are the caller's to convert.
inline kainjow::mustache::data mustache_scalar(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::string:
        return kainjow::mustache::data{value.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean:
        return kainjow::mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null:
        return kainjow::mustache::data{false};
    default:
        return kainjow::mustache::data{value.dump()};
    }
}

}  // namespace errspec
