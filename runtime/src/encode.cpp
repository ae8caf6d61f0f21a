// Encoding an error body: the envelope's leaves in document order, as compact JSON.
#include "errspec/client.hpp"
#include "text.hpp"

namespace errspec {
namespace {

bool alone(const Leaf& leaf) noexcept { return leaf.prefix.empty() && leaf.suffix.empty(); }

// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, UTF-8 kept,
// bytes that are not well-formed UTF-8 replaced by U+FFFD so that the body is valid JSON.
void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            i += text::append_character(out, text, i);
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (byte < 0x20) {
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xF];
            } else {
                out += c;
            }
        }
        ++i;
    }
    out += '"';
}

// What one leaf holds for an error; nothing for a placeholder without a value (left out).
struct LeafValue {
    std::string text;
    bool is_json = false;  // raw JSON (a constant, a number, details) rather than a string's text
};

struct EncodeInput {
    const Envelope& api;
    std::uint16_t value;
    std::string_view message, request_id;
    const Details& details;
    std::string_view subcode;
};

std::optional<LeafValue> leaf_value(const Leaf& leaf, const EncodeInput& in) {
    const ErrorInfo& info = in.api.errors.at(in.value);
    switch (leaf.part) {
    case Part::Constant: return LeafValue{std::string(leaf.constant), true};
    case Part::Code: {
        const bool number = leaf.type == JsonType::Number || (leaf.type == JsonType::Any && in.api.integer_codes);
        return LeafValue{std::string(in.api.errors.text(info.code)), alone(leaf) && number};
    }
    case Part::Message: return LeafValue{std::string(in.message.empty() ? in.api.errors.text(info.message) : in.message), false};
    case Part::Title: return LeafValue{std::string(in.api.errors.text(info.title)), false};
    case Part::Status: return LeafValue{std::to_string(info.status), alone(leaf) && leaf.type != JsonType::String};
    case Part::RequestId:
        if (in.request_id.empty()) return std::nullopt;
        return LeafValue{std::string(in.request_id), false};
    case Part::Details:
        if (in.details.empty()) return std::nullopt;
        return LeafValue{in.details.text(), true};
    case Part::Subcode:
        if (in.subcode.empty()) return std::nullopt;
        return LeafValue{std::string(in.subcode), false};
    case Part::Field: {
        const std::size_t row = in.value < in.api.field_row_count ? in.api.field_row[in.value] : 0;
        return LeafValue{std::string(in.api.field_values[row * in.api.field_count + leaf.field]), false};
    }
    }
    return std::nullopt;
}

// Writes the present leaves as one JSON object, opening and closing the nested objects of their
// paths as it goes (the leaves of one object are adjacent in document order, and an object whose
// placeholders all have no value is left out with them).
//
// An element of the list of errors is a body of its own: its writer skips the `skipped_keys` of
// the list's path at the start of each leaf's path.
class BodyWriter {
public:
    explicit BodyWriter(const std::string_view* keys, std::size_t skipped_keys = 0) noexcept
        : keys_(keys), skipped_keys_(skipped_keys) {}

    void add(const Leaf& full_leaf, const LeafValue& value) {
        Leaf leaf = full_leaf;
        leaf.key_begin = static_cast<std::uint16_t>(leaf.key_begin + skipped_keys_);
        leaf.key_count = static_cast<std::uint16_t>(leaf.key_count - skipped_keys_);
        const std::size_t parents = leaf.key_count - 1u;
        std::size_t common = 0;
        while (common < open_.size() && common < parents && open_[common] == keys_[leaf.key_begin + common]) ++common;
        while (open_.size() > common) close_object();
        while (open_.size() < parents) {
            const std::string_view key = keys_[leaf.key_begin + open_.size()];
            member(key);
            out_ += '{';
            open_.push_back(key);
            has_member_.push_back(false);
        }
        member(keys_[leaf.key_begin + parents]);
        if (value.is_json) {
            out_ += value.text;
        } else {
            append_json_string(out_, std::string(leaf.prefix) + value.text + std::string(leaf.suffix));
        }
    }

    std::string finish() && {
        while (!open_.empty()) close_object();
        return std::move(out_) + '}';
    }

private:
    void member(std::string_view key) {
        if (has_member_.back()) out_ += ',';
        has_member_.back() = true;
        append_json_string(out_, key);
        out_ += ':';
    }
    void close_object() {
        out_ += '}';
        open_.pop_back();
        has_member_.pop_back();
    }

    const std::string_view* keys_;
    std::size_t skipped_keys_;
    std::string out_ = "{";
    std::vector<std::string_view> open_;      // the keys of the open objects below the root
    std::vector<bool> has_member_ = {false};  // per open object, the root first
};

// The list of errors, one element per item, as JSON text: the in-list leaves from `first` on.
std::string error_list(const Envelope& api, const std::vector<ErrorItem>& errors, std::string_view request_id,
                       std::size_t first) {
    std::string list = "[";
    for (const ErrorItem& item : errors) {
        const EncodeInput in{api, item.value, item.message, request_id, item.details, item.subcode};
        BodyWriter element(api.keys, api.list_key_count);
        for (std::size_t i = first; i < api.leaf_count && api.leaves[i].in_list; ++i) {
            if (const std::optional<LeafValue> leaf_text = leaf_value(api.leaves[i], in)) element.add(api.leaves[i], *leaf_text);
        }
        if (list.size() > 1) list += ',';
        list += std::move(element).finish();
    }
    return list + ']';
}

}  // namespace

std::string encode_errors(const Envelope& api, const std::vector<ErrorItem>& errors, std::string_view request_id) {
    static const ErrorItem no_error{0, {}, {}, {}};  // no item: the body with an empty list
    const ErrorItem& first = errors.empty() ? no_error : errors.front();
    const EncodeInput in{api, first.value, first.message, request_id, first.details, first.subcode};
    BodyWriter writer(api.keys);
    for (std::size_t i = 0; i < api.leaf_count; ++i) {
        const Leaf& leaf = api.leaves[i];
        if (leaf.in_list) {  // the list's leaves are adjacent: write the list once, at the first
            Leaf list = leaf;
            list.key_count = static_cast<std::uint16_t>(api.list_key_count);
            writer.add(list, LeafValue{error_list(api, errors, request_id, i), true});
            while (i + 1 < api.leaf_count && api.leaves[i + 1].in_list) ++i;
        } else if (const std::optional<LeafValue> leaf_text = leaf_value(leaf, in)) {
            writer.add(leaf, *leaf_text);
        }
    }
    return std::move(writer).finish();
}

std::string encode_error(const Envelope& api, std::uint16_t value, std::string_view message,
                         std::string_view request_id, const Details& details, std::string_view subcode) {
    return encode_errors(api, {ErrorItem{value, std::string(message), details, std::string(subcode)}}, request_id);
}

}  // namespace errspec
