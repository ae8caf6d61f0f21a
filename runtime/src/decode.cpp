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

// The placeholders a decoder reads: code, message, request_id, status, details, subcode.
constexpr std::size_t kMaxDecodedLeaves = 6;

// The middle of `text` when it starts with `prefix` and ends with `suffix` (not overlapping).
std::optional<std::string_view> between(std::string_view text, std::string_view prefix, std::string_view suffix) noexcept {
    if (text.size() < prefix.size() + suffix.size() || text.substr(0, prefix.size()) != prefix ||
        text.substr(text.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    return text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
}

bool is_http_status(long long status) noexcept { return status >= 100 && status <= 599; }

// What the body held at the decoded leaves: outside the list of errors, or in one of its elements.
struct BodyValues {
    std::string code, message, request_id, subcode;
    bool code_found = false;  // a code stood where the spec puts it (prefix and suffix matched)
    bool code_read = false;   // a code stood there, matched or not
    std::optional<int> status;
    nlohmann::json details;
};

// What the body held: outside the list, and per element of the list that is an object.
struct BodyRead {
    BodyValues response;
    std::vector<BodyValues> elements;
    bool root_is_object = false;
};

bool alone(const Leaf& leaf) noexcept { return leaf.prefix.empty() && leaf.suffix.empty(); }

// A SAX handler for nlohmann::json that keeps only what the decoded leaves need: it builds no
// document except `details`, and stops at kMaxBodyDepth (the parser itself is not recursive).
//
// Path tracking: depth_ counts the open containers. matched_[i] is how many keys of decoded leaf
// i's path the open objects' current keys match, in order from the root; the value at the current
// position belongs to leaf i exactly when matched_[i] == key depth == its path length. The key
// depth is depth_, less one inside an element of the list of errors (the list's array adds no
// key). Other arrays never match a key, so nothing inside them is taken for a leaf. list_matched_
// tracks the list's own path the same way; in-list leaves match only inside an object element.
class EnvelopeReader {
public:
    using json = nlohmann::json;

    EnvelopeReader(const Envelope& api, std::size_t max_errors) noexcept : api_(api), max_errors_(max_errors) {
        for (std::size_t i = 0; i < api.leaf_count && list_leaf_ == nullptr; ++i) {
            if (api.leaves[i].in_list) list_leaf_ = &api.leaves[i];
        }
    }

    // What was read; an element the parse stopped in counts with what it held.
    BodyRead take() && {
        if (element_open_) finish_element();
        return std::move(read_);
    }

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
        BodyValues& values = target();
        switch (leaf->part) {
        case Part::Code: {
            if (leaf->type == JsonType::Number) break;
            // A code embedded in a longer string counts only when prefix and suffix both match;
            // otherwise the whole string is kept as the raw code.
            const std::optional<std::string_view> code = between(text, leaf->prefix, leaf->suffix);
            values.code = std::string(code.value_or(text));
            values.code_found = code.has_value();
            values.code_read = true;
            break;
        }
        // Text around an embedded message or request id is dropped when it matches, else kept.
        case Part::Message: values.message = between(text, leaf->prefix, leaf->suffix).value_or(text); break;
        case Part::RequestId: values.request_id = between(text, leaf->prefix, leaf->suffix).value_or(text); break;
        case Part::Subcode: values.subcode = between(text, leaf->prefix, leaf->suffix).value_or(text); break;
        case Part::Status: {
            if (leaf->type == JsonType::Number) break;
            const std::optional<std::string_view> digits = between(text, leaf->prefix, leaf->suffix);
            const std::optional<long long> status = digits ? parse_digits(*digits, 1000) : std::nullopt;
            if (status && is_http_status(*status)) values.status = static_cast<int>(*status);
            break;
        }
        case Part::Details: values.details = std::move(text); break;
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
        const std::size_t depth = key_depth();
        for (std::size_t i = 0; i < api_.decoded_count; ++i) {
            const Leaf& leaf = api_.leaves[api_.decoded[i]];
            if (leaf.in_list == element_open_) advance(matched_[i], leaf.key_begin, leaf.key_count, depth, name);
        }
        if (list_leaf_ != nullptr && list_depth_ == 0) {
            advance(list_matched_, list_leaf_->key_begin, api_.list_key_count, depth, name);
        }
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

private:
    bool capturing() const noexcept { return !captured_.empty(); }

    // The number of keys on the path to the current position (see the class comment).
    std::size_t key_depth() const noexcept { return element_open_ ? depth_ - 1 : depth_; }

    // After key `name` at key depth `depth`: how many keys of the path keys[begin, begin + count) match.
    void advance(std::size_t& matched, std::size_t begin, std::size_t count, std::size_t depth, const std::string& name) const {
        if (matched + 1 < depth) return;  // an enclosing object's key is off the path
        const bool on_path = depth <= count && api_.keys[begin + depth - 1] == name;
        matched = on_path ? depth : depth - 1;
    }

    BodyValues& target() noexcept { return element_open_ ? element_ : read_.response; }

    // The decoded leaf whose value stands at the current position, if any: directly inside the
    // list's array stands no leaf (an element of the wrong shape).
    const Leaf* leaf_here() const noexcept {
        if (list_depth_ != 0 && depth_ == list_depth_) return nullptr;
        const std::size_t depth = key_depth();
        for (std::size_t i = 0; i < api_.decoded_count; ++i) {
            const Leaf& leaf = api_.leaves[api_.decoded[i]];
            if (leaf.in_list == element_open_ && matched_[i] == depth && depth == leaf.key_count) return &leaf;
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
        BodyValues& values = target();
        const bool text_only = pending_number_.leaf->type == JsonType::String;
        switch (pending_number_.leaf->part) {
        case Part::Code:  // integer codes: decoding reads them as their decimal text
            if (text_only) break;
            values.code = number.dump();
            values.code_found = values.code_read = true;
            break;
        case Part::RequestId: values.request_id = number.dump(); break;
        case Part::Status:
            if (!text_only && number >= 100 && number <= 599) values.status = number.get<int>();
            break;
        case Part::Details: values.details = std::move(number); break;
        default: break;
        }
        pending_number_.leaf = nullptr;
    }

    // null, booleans and non-integer numbers: only details may be one.
    bool other(json value) {
        settle_number();
        if (capturing()) return add_captured(std::move(value));
        const Leaf* leaf = leaf_here();
        if (leaf != nullptr && leaf->part == Part::Details) target().details = std::move(value);
        return true;
    }

    bool open(json container) {
        settle_number();
        if (depth_ == kMaxBodyDepth) return false;
        const bool is_object = container.is_object();
        if (capturing()) {
            captured_.push_back(&add_captured_value(std::move(container)));
        } else if (const Leaf* leaf = leaf_here(); leaf != nullptr && leaf->part == Part::Details) {
            BodyValues& values = target();
            values.details = std::move(container);
            captured_.push_back(&values.details);
        } else if (depth_ == 0) {
            read_.root_is_object = is_object;
        } else if (list_depth_ == 0 && !is_object && list_leaf_ != nullptr && list_matched_ == depth_ &&
                   depth_ == api_.list_key_count) {
            list_depth_ = depth_ + 1;  // the list of errors opens
        } else if (list_depth_ != 0 && depth_ == list_depth_) {
            start_element(is_object);
        }
        ++depth_;
        return true;
    }

    // An element of the list opens: an object is an error, anything else matches no leaf inside.
    void start_element(bool is_object) {
        for (std::size_t i = 0; i < api_.decoded_count; ++i) {
            if (api_.leaves[api_.decoded[i]].in_list) matched_[i] = is_object ? api_.list_key_count : 0;
        }
        element_open_ = is_object;
        element_ = BodyValues{};
    }

    void finish_element() {
        element_open_ = false;
        if (read_.elements.size() < max_errors_) read_.elements.push_back(std::move(element_));
    }

    bool close() {
        settle_number();
        if (capturing()) captured_.pop_back();
        --depth_;
        if (depth_ == list_depth_ && element_open_) finish_element();
        if (list_depth_ != 0 && depth_ + 1 == list_depth_) list_depth_ = 0;  // the list closed
        const std::size_t depth = key_depth();
        for (std::size_t& matched : matched_) matched = std::min(matched, depth);
        list_matched_ = std::min(list_matched_, depth_);
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
    const std::size_t max_errors_;
    const Leaf* list_leaf_ = nullptr;  // an in-list leaf, whose path begins with the list's
    BodyRead read_;
    BodyValues element_;        // the element being read
    bool element_open_ = false;  // inside an object element of the list
    struct PendingNumber {
        const Leaf* leaf = nullptr;
        json number;
    } pending_number_;
    std::size_t depth_ = 0;
    std::size_t list_depth_ = 0;  // depth_ inside the list's array; 0 outside it
    std::size_t list_matched_ = 0;
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

// Sets `into` to `from`, moving it when `take` (the last use of `from`).
template <typename T>
void assign(T& into, T& from, bool take) {
    if (take) {
        into = std::move(from);
    } else {
        into = from;
    }
}

// An element's values, with what the body holds outside the list where the element has none:
// copied, but moved into the last element (the only one of a body without a list, or of
// decode_error): a copy of `details` is a deep copy, which cost decode_error a third of its time.
BodyValues merged(BodyValues& response, BodyValues element, bool last) {
    if (!element.code_read) {
        assign(element.code, response.code, last);
        element.code_found = response.code_found;
    }
    if (element.message.empty()) assign(element.message, response.message, last);
    if (element.request_id.empty()) assign(element.request_id, response.request_id, last);
    if (element.subcode.empty()) assign(element.subcode, response.subcode, last);
    if (!element.status) element.status = response.status;
    if (element.details.is_null()) assign(element.details, response.details, last);
    return element;
}

ApiError error_of(const Envelope& api, int status, BodyValues values, bool envelope) {
    ApiError result;
    result.api = &api.errors;
    result.status = status;
    result.code = std::move(values.code);
    result.message = std::move(values.message);
    result.request_id = std::move(values.request_id);
    result.subcode = std::move(values.subcode);
    if (envelope) {
        const bool error_status = status >= 400 && status <= 599;
        if (values.status && !error_status) result.status = *values.status;
        if (values.code_found) {
            result.value = api.errors.value_of_code(result.code).value_or(0);
        } else if (const std::optional<std::uint16_t> matched = match_code_less(api, result.status, result.message)) {
            result.value = *matched;
            result.code = std::string(api.errors.code(*matched));
        }
        if (!values.details.is_null()) result.details = std::move(values.details);
    }
    return result;
}

}  // namespace

std::vector<ApiError> decode_errors(const Envelope& api, int status, const HeaderLookup& headers, std::string_view body,
                                    std::size_t max_errors) {
    EnvelopeReader reader(api, std::max<std::size_t>(max_errors, 1));
    const bool complete = nlohmann::json::sax_parse(body.data(), body.data() + body.size(), &reader);
    BodyRead read = std::move(reader).take();
    if (read.elements.empty()) read.elements.emplace_back();
    const bool envelope = complete && read.root_is_object;
    std::optional<std::string> header_request_id;
    const std::optional<std::chrono::milliseconds> retry_after = retry_after_of(api, headers);
    std::vector<ApiError> errors;
    errors.reserve(read.elements.size());
    for (std::size_t i = 0; i < read.elements.size(); ++i) {
        const bool last = i + 1 == read.elements.size();
        ApiError error = error_of(api, status, merged(read.response, std::move(read.elements[i]), last), envelope);
        if (error.request_id.empty()) {
            if (!header_request_id) header_request_id = headers.find(api.request_id_header).value_or("");
            error.request_id = text::valid_utf8(text::trim(*header_request_id));
        }
        error.retry_after = retry_after;
        errors.push_back(std::move(error));
    }
    return errors;
}

ApiError decode_error(const Envelope& api, int status, const HeaderLookup& headers, std::string_view body) {
    return std::move(decode_errors(api, status, headers, body, 1).front());
}

}  // namespace errspec
