// A JSON scalar as kainjow/mustache data, for the render context and bench/render_floor alike.
#pragma once

#include <kainjow/mustache.hpp>

#include "view_json.hpp"

namespace errspec {

// Strings as they are, booleans as booleans, null as false (an empty section), numbers as JSON
// prints them. Objects and lists are the caller's to convert.
inline kainjow::mustache::data mustache_scalar(const ViewJson& value) {
    switch (value.type()) {
    case ViewJson::value_t::string:
        return kainjow::mustache::data{value.get_ref<const std::string&>()};
    case ViewJson::value_t::boolean:
        return kainjow::mustache::data{value.get<bool>()};
    case ViewJson::value_t::null:
        return kainjow::mustache::data{false};
    default:
        return kainjow::mustache::data{value.dump()};
    }
}

}  // namespace errspec
