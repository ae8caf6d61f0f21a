// What the cpp-client tests share: every generated client under one type per spec (for Catch2's
// TEMPLATE_LIST_TEST_CASE), and the spec as `errspec model` printed it.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "all_specs.hpp"

using Headers = errspec::HeaderList;

// Calls ns::name, whatever its overloads.
#define ERRSPEC_FORWARD(ns, name)                                     \
    template <typename... Args>                                       \
    static decltype(auto) name(Args&&... args) {                      \
        return ns::name(std::forward<Args>(args)...);                 \
    }

#define ERRSPEC_CLIENT_API(ns)                                        \
    struct ns##_api {                                                 \
        static constexpr const char* id = #ns;                        \
        using Error = ns::Error;                                      \
        static const errspec::Envelope& envelope() { return ns::envelope(); } \
        static errspec::RetryPolicy policy() { return ns::kRetryPolicy; } \
        ERRSPEC_FORWARD(ns, decode_error)                             \
        ERRSPEC_FORWARD(ns, decode_errors)                            \
        ERRSPEC_FORWARD(ns, subcode_of)                               \
        ERRSPEC_FORWARD(ns, encode_error)                             \
        ERRSPEC_FORWARD(ns, decide_retry)                             \
        ERRSPEC_FORWARD(ns, handle_error)                             \
        ERRSPEC_FORWARD(ns, code_of)                                  \
        ERRSPEC_FORWARD(ns, error_from_code)                          \
        ERRSPEC_FORWARD(ns, error_of)                                 \
        ERRSPEC_FORWARD(ns, error_table)                              \
        ERRSPEC_FORWARD(ns, error_category)                           \
        ERRSPEC_FORWARD(ns, all_errors)                               \
        ERRSPEC_FORWARD(ns, http_status)                              \
        ERRSPEC_FORWARD(ns, message)                                  \
    };
ERRSPEC_FOR_EACH_SPEC(ERRSPEC_CLIENT_API)

using AllApis = std::tuple<ERRSPEC_API_TYPES>;

// The view model of spec `id`, as `errspec model` printed it at configure time.
inline const nlohmann::json& model_of(const std::string& id) {
    static std::map<std::string, nlohmann::json> models;
    auto found = models.find(id);
    if (found == models.end()) {
        std::ifstream in(std::string(CPP_CLIENT_MODEL_DIR) + "/" + id + ".model.json");
        found = models.emplace(id, nlohmann::json::parse(in)).first;
    }
    return found->second;
}

// The error of spec `Api` whose wire code (or, code-less, stable name) is `code`.
template <typename Api>
typename Api::Error error_named(const std::string& code) {
    const auto error = Api::error_from_code(code);
    REQUIRE(error.has_value());
    return *error;
}

// An ApiError of spec `Api` as its client would decode it, without a body.
template <typename Api>
errspec::ApiError api_error_of(int status, typename Api::Error error = {}) {
    errspec::ApiError result;
    result.api = &Api::error_table();
    result.value = static_cast<std::uint16_t>(error);
    result.status = status;
    return result;
}

// The condition named `name` (docs/client-semantics.md), if any.
inline std::optional<errspec::condition> parse_condition_name(const std::string& name) {
    for (const errspec::condition c : errspec::kAllConditions) {
        if (errspec::to_string(c) == name) return c;
    }
    return std::nullopt;
}

// Does the envelope have a `${name}` placeholder at all?
inline bool has_placeholder(const nlohmann::json& model, const std::string& name) {
    for (const auto& slot : model["envelope"]["slots"]) {
        if (slot["name"] == name) return true;
    }
    return false;
}

// The message decoding finds in a body encoded without one of its own: the error's wire message,
// or none where envelope.body has no ${message}.
inline std::string sent_message(const nlohmann::json& model, const nlohmann::json& error) {
    return has_placeholder(model, "message") ? error["wire_message"].get<std::string>() : std::string();
}
