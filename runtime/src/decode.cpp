// Decoding an error response: a SAX reader that keeps only what the envelope's decoded leaves
// need, then the code-less match rules and the request id and Retry-After headers.
#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "errspec/client.hpp"
#include "text.hpp"

namespace errspec {
namespace {

using text::parse_digits;

// The placeholders a decoder reads: code, message, request_id, status, details.
constexpr std::size_t kMaxDecodedLeaves = 5;

// The middle of `text` when it starts with `prefix` and ends with `suffix` (not overlapping).
std::optional<std::string_view> between(std::string_view text, std::string_view prefix, std::string_view suffix) noexcept {
    if (text.size() < prefix.size() + suffix.size() || text.substr(0, prefix.size()) != prefix ||
        text.substr(text.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    return text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
}

bool is_http_status(long long status) noexcept { return status >= 100 && status <= 599; }

// What the body held at the decoded leaves.
struct BodyValues {
    std::string code, message, request_id;
    bool code_found = false;  // a code stood where the spec puts it (prefix and suffix matched)
    std::optional<int> status;
    nlohmann::json details;
    bool root_is_object = false;
};

bool alone(const Leaf& leaf) noexcept { return leaf.prefix.empty() && leaf.suffix.empty(); }

// A SAX handler for nlohmann::json that keeps only what the decoded leaves need: it builds no
// document except `details`, and stops at kMaxBodyDepth (the parser itself is not recursive).
//
// Path tracking: depth_ counts the open containers. matched_[i] is how many keys of decoded leaf
// i's path the open objects' current keys match, in order from the root; the value at the current
// position belongs to leaf i exactly when matched_[i] == depth_ == its path length. Arrays never
// match a key, so nothing inside an array is taken for a leaf.
class EnvelopeReader {
public:
    using json = nlohmann::json;

    explicit EnvelopeReader(const Envelope& api) noexcept : api_(api) {}

    BodyValues take_values() && noexcept { return std::move(values_); }

    // nlohmann's SAX interface; returning false stops the parse. Every event first settles the
    // number before it (see pending_number_).
    bool null() { return other(json(nullptr)); }
    bool boolean(bool b) { return other(json(b)); }
    bool number_float(json::number_float_t n, const json::string_t&) { return other(json(n)); }
    bool number_integer(json::number_integer_t n) { return integer(json(n)); }
    bool number_unsigned(json::number_unsigned_t n) { return integer(json(n)); }
    bool binary(json::binary_t&) { return true; }  // JSON text has no binary values

    bool string(json::string_t& text) {
        settle_number();
        if (capturing()) return add_captured(json(std::move(text)));
        const Leaf* leaf = leaf_here();
        if (leaf == nullptr) return true;
        switch (leaf->part) {
        case Part::Code: {
            // A code embedded in a longer string counts only when prefix and suffix both match;
            // otherwise the whole string is kept as the raw code.
            const std::optional<std::string_view> code = between(text, leaf->prefix, leaf->suffix);
            values_.code = std::string(code.value_or(text));
            values_.code_found = code.has_value();
            break;
        }
        // Text around an embedded message or request id is dropped when it matches, else kept.
        case Part::Message: values_.message = between(text, leaf->prefix, leaf->suffix).value_or(text); break;
        case Part::RequestId: values_.request_id = between(text, leaf->prefix, leaf->suffix).value_or(text); break;
        case Part::Status: {
            const std::optional<std::string_view> digits = between(text, leaf->prefix, leaf->suffix);
            const std::optional<long long> status = digits ? parse_digits(*digits, 1000) : std::nullopt;
            if (status && is_http_status(*status)) values_.status = static_cast<int>(*status);
            break;
        }
        case Part::Details: values_.details = std::move(text); break;
        default: break;
        }
        return true;
    }

    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        settle_number();
        if (capturing()) captured_key_ = name;
        for (std::size_t i = 0; i < api_.decoded_count; ++i) {
            if (matched_[i] + 1 < depth_) continue;  // an enclosing object's key is off the path
            const Leaf& leaf = api_.leaves[api_.decoded[i]];
            const bool on_path = depth_ <= leaf.key_count && api_.keys[leaf.key_begin + depth_ - 1] == name;
            matched_[i] = on_path ? depth_ : depth_ - 1;
        }
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

private:
    bool capturing() const noexcept { return !captured_.empty(); }

    // The decoded leaf whose value stands at the current position, if any.
    const Leaf* leaf_here() const noexcept {
        for (std::size_t i = 0; i < api_.decoded_count; ++i) {
            const Leaf& leaf = api_.leaves[api_.decoded[i]];
            if (matched_[i] == depth_ && depth_ == leaf.key_count) return &leaf;
        }
        return nullptr;
    }

    // Integers: a code, request id or status standing alone, or details.
    bool integer(json number) {
        settle_number();
        if (capturing()) return add_captured(std::move(number));
        const Leaf* leaf = leaf_here();
        if (leaf != nullptr && (alone(*leaf) || leaf->part == Part::Details)) pending_number_ = {leaf, std::move(number)};
        return true;
    }

    // A number ends where the next token starts, so one that the end of the body cut short
    // ({"code":204) reaches the handler looking whole: it is taken only once another token follows.
    void settle_number() {
        if (pending_number_.leaf == nullptr) return;
        json& number = pending_number_.number;
        switch (pending_number_.leaf->part) {
        case Part::Code:  // integer codes: decoding reads them as their decimal text
            values_.code = number.dump();
            values_.code_found = true;
            break;
        case Part::RequestId: values_.request_id = number.dump(); break;
        case Part::Status:
            if (number >= 100 && number <= 599) values_.status = number.get<int>();
            break;
        case Part::Details: values_.details = std::move(number); break;
        default: break;
        }
        pending_number_.leaf = nullptr;
    }

    // null, booleans and non-integer numbers: only details may be one.
    bool other(json value) {
        settle_number();
        if (capturing()) return add_captured(std::move(value));
        const Leaf* leaf = leaf_here();
        if (leaf != nullptr && leaf->part == Part::Details) values_.details = std::move(value);
        return true;
    }

    bool open(json container) {
        settle_number();
        if (depth_ == kMaxBodyDepth) return false;
        if (capturing()) {
            captured_.push_back(&add_captured_value(std::move(container)));
        } else if (const Leaf* leaf = leaf_here(); leaf != nullptr && leaf->part == Part::Details) {
            values_.details = std::move(container);
            captured_.push_back(&values_.details);
        } else if (depth_ == 0) {
            values_.root_is_object = container.is_object();
        }
        ++depth_;
        return true;
    }

    bool close() {
        settle_number();
        if (capturing()) captured_.pop_back();
        --depth_;
        for (std::size_t& matched : matched_) matched = std::min(matched, depth_);
        return true;
    }

    bool add_captured(json value) {
        add_captured_value(std::move(value));
        return true;
    }
    json& add_captured_value(json value) {
        json& parent = *captured_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return parent.back();
        }
        return parent[captured_key_] = std::move(value);
    }

    const Envelope& api_;
    BodyValues values_;
    struct PendingNumber {
        const Leaf* leaf = nullptr;
        json number;
    } pending_number_;
    std::size_t depth_ = 0;
    std::array<std::size_t, kMaxDecodedLeaves> matched_{};
    // While reading a details object or array: its open containers, innermost last, and the last
    // key read (pointers stay valid: a container only grows while it is innermost).
    std::vector<json*> captured_;
    std::string captured_key_;
};


std::optional<std::uint16_t> match_code_less(const Envelope& api, int status, std::string_view message) noexcept {
    for (std::size_t i = 0; i < api.match_rule_count; ++i) {
        const MatchRule& rule = api.match_rules[i];
        if (rule.status != 0 && rule.status != status) continue;
        const bool message_matches = rule.rule == MessageRule::AnyMessage ||
                                     (rule.rule == MessageRule::Exact && message == rule.text) ||
                                     (rule.rule == MessageRule::Contains && message.find(rule.text) != std::string_view::npos);
        if (message_matches) return rule.value;
    }
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> retry_after_of(const Envelope& api, const HeaderLookup& headers) {
    // retry-after-ms is preferred where the spec names it.
    if (const auto millis = headers.find(api.retry_after_ms_header)) {
        if (const auto ms = parse_digits(text::trim(*millis), text::kMaxRetryAfterSeconds * 1000)) {
            return std::chrono::milliseconds(*ms);
        }
    }
    if (const auto value = headers.find(api.retry_after_header)) {
        if (const auto seconds = parse_retry_after(*value, std::chrono::system_clock::now())) return *seconds;
    }
    return std::nullopt;
}

}  // namespace

ApiError decode_error(const Envelope& api, int status, const HeaderLookup& headers, std::string_view body) {
    EnvelopeReader reader(api);
    const bool complete = nlohmann::json::sax_parse(body.data(), body.data() + body.size(), &reader);
    BodyValues values = std::move(reader).take_values();
    ApiError result;
    result.api = &api.errors;
    result.status = status;
    result.code = std::move(values.code);
    result.message = std::move(values.message);
    result.request_id = std::move(values.request_id);
    if (complete && values.root_is_object) {
        const bool error_status = status >= 400 && status <= 599;
        if (values.status && !error_status) result.status = *values.status;
        if (values.code_found) {
            result.value = api.errors.value_of_code(result.code).value_or(0);
        } else if (const std::optional<std::uint16_t> matched = match_code_less(api, result.status, result.message)) {
            result.value = *matched;
            result.code = std::string(api.errors.at(*matched).code);
        }
        if (!values.details.is_null()) result.details = std::move(values.details);
    }
    if (result.request_id.empty()) {
        if (const auto header = headers.find(api.request_id_header)) result.request_id = text::valid_utf8(text::trim(*header));
    }
    result.retry_after = retry_after_of(api, headers);
    return result;
}

}  // namespace errspec
