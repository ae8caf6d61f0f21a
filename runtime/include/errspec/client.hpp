// What every generated client (`x_client.hpp`) builds on: its envelope as tables, decoding from
// any header container, encoding, Retry-After parsing. A generated client passes its own tables.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "errspec/error.hpp"
#include "errspec/retry.hpp"

namespace errspec {

// ---- One API's envelope, as tables (from the spec's envelope.body) -------------------------------

// What fills one value of the body.
enum class Part : std::uint8_t { Constant, Code, Message, Title, Status, RequestId, Details, Field, Subcode };

// The JSON type a lone code or status travels as where the spec declares one (`${status:string}`):
// decoding reads it only in that type. Any: the default (a status is written as a number, a code as
// a string or, for integer codes, a number; decoding reads both forms).
enum class JsonType : std::uint8_t { Any, String, Number };

// One value of the body: a constant or a placeholder's string (an empty object counts as a value).
struct Leaf {
    std::uint16_t key_begin, key_count;  // its path: keys[key_begin, key_begin + key_count)
    Part part;
    std::uint16_t field;                 // Part::Field: the column in field_values
    std::string_view prefix, suffix;     // the text around an embedded placeholder
    std::string_view constant;           // Part::Constant: the value as JSON text
    JsonType type;
    // In the element of the list of errors: its path runs through the list's (Envelope::list_key_count
    // keys, the list adding none) and it holds a value per error of the response.
    bool in_list;
};

// A code-less envelope tells errors apart by status and message; the spec's rules are disjoint.
enum class MessageRule : std::uint8_t { AnyMessage, Exact, Contains };
struct MatchRule {
    std::uint16_t value;  // the error's enum value
    int status;           // 0: any status
    MessageRule rule;
    std::string_view text;
};

struct Envelope {
    const ErrorTable& errors;
    const std::string_view* keys;
    const Leaf* leaves;                  // in document order: the encoder writes them so
    std::size_t leaf_count;
    const std::uint16_t* decoded;        // the leaves the decoder reads (a lone placeholder wins)
    std::size_t decoded_count;
    const std::string_view* field_values;  // per error row (row 0: the defaults), field_count columns
    std::size_t field_count;
    const std::uint16_t* field_row;      // per enum value, its row of field_values
    std::size_t field_row_count;
    bool integer_codes;
    const MatchRule* match_rules;
    std::size_t match_rule_count;
    // Lowercase; empty when the spec names no such header.
    std::string_view request_id_header, retry_after_header, retry_after_ms_header;
    // The keys to the list of errors (the first of those of any in_list leaf); 0 when there is none.
    std::size_t list_key_count;
};

// The finer codes a spec lists under its codes (`subcodes:`), numbered from 1 in its `Subcode` enum.
struct SubcodeRow {
    std::uint16_t error, subcode;  // the error's enum value lists the subcode's
};
struct Subcodes {
    const std::string_view* names;  // by subcode value; names[0] is "" (none)
    std::size_t name_count;
    const SubcodeRow* rows;
    std::size_t row_count;

    // The subcode as sent; "" for 0 and for values out of range.
    std::string_view name(std::uint16_t subcode) const noexcept;
    // The value of the subcode `error` carries where its code lists that subcode; else 0.
    std::uint16_t of(const ApiError& error) const noexcept;
};

// One error of a body that encode_errors writes: its enum value, and its message (empty: its own),
// details and finer code (empty: left out).
struct ErrorItem {
    std::uint16_t value;
    std::string message;
    Details details;
    std::string subcode;
};

// ---- Headers -------------------------------------------------------------------------------------

using HeaderList = std::vector<std::pair<std::string, std::string>>;

bool equals_ignoring_case(std::string_view text, std::string_view lower) noexcept;

// The response's headers as decode_error reads them: any range of name/value pairs (a vector, a
// multimap, httplib::Headers, a braced list of pairs), or a callable taking a lowercase name and
// returning std::optional<std::string> (for header APIs that are no range: libcurl, Boost.Beast).
// It refers to its source, which must outlive it: pass it straight to decode_error.
class HeaderLookup {
public:
    using Pair = std::pair<std::string_view, std::string_view>;

    HeaderLookup() noexcept = default;
    HeaderLookup(std::initializer_list<Pair> headers) noexcept  // NOLINT: decode_error(status, {{"Retry-After", "2"}}, body)
        : source_(headers.begin()), count_(headers.size()), find_(&find_in<Span>) {}
    template <typename Source, typename = std::enable_if_t<!std::is_same_v<std::decay_t<Source>, HeaderLookup>>>
    HeaderLookup(const Source& source) noexcept : source_(&source), find_(&find_in<Source>) {}  // NOLINT

    // The value of the first header named `lower_name` (in any case); nothing when there is none.
    std::optional<std::string> find(std::string_view lower_name) const {
        if (source_ == nullptr || lower_name.empty()) return std::nullopt;
        return find_(*this, lower_name);
    }

private:
    struct Span {};  // the pairs of an initializer list: source_ and count_

    template <typename Source>
    static std::optional<std::string> find_in(const HeaderLookup& lookup, std::string_view lower_name) {
        if constexpr (std::is_same_v<Source, Span>) {
            const Pair* pairs = static_cast<const Pair*>(lookup.source_);
            for (std::size_t i = 0; i < lookup.count_; ++i) {
                if (equals_ignoring_case(pairs[i].first, lower_name)) return std::string(pairs[i].second);
            }
            return std::nullopt;
        } else if constexpr (std::is_invocable_v<const Source&, std::string_view>) {
            return (*static_cast<const Source*>(lookup.source_))(lower_name);
        } else {
            for (const auto& [name, value] : *static_cast<const Source*>(lookup.source_)) {
                if (equals_ignoring_case(name, lower_name)) return std::string(value);
            }
            return std::nullopt;
        }
    }

    const void* source_ = nullptr;
    std::size_t count_ = 0;
    std::optional<std::string> (*find_)(const HeaderLookup&, std::string_view) = nullptr;
};

// ---- Decoding and encoding -----------------------------------------------------------------------

// Deeper than this, a body is not an error envelope: decode_error stops reading it. The limit
// also keeps `details` shallow enough to copy and dump (both recursive in nlohmann::json).
inline constexpr std::size_t kMaxBodyDepth = 256;

// Reads an error response. Never throws (std::bad_alloc aside): a body that is not this API's
// envelope (a proxy's HTML page, an empty body, null, an array, truncated or invalid JSON, a body
// nested deeper than kMaxBodyDepth) yields an unrecognised error, with the code, message and
// request id the body held before it went wrong. Header names match case-insensitively; the
// request id in the body wins over the header's. Only the request id and Retry-After (or the
// spec's retry-after-ms header, preferred) are taken from headers.
ApiError decode_error(const Envelope& api, int status, const HeaderLookup& headers, std::string_view body);

// Every error of a response, in body order: one per object in the list of errors (each with its
// own code, message and details, and what the body holds outside the list: a request id, a
// status), at most `max_errors`; elements that are no object are skipped. Never empty: a body
// without such an element (or an envelope without a list) gives the one error decode_error gives.
// Never throws (std::bad_alloc aside); time linear in the body.
std::vector<ApiError> decode_errors(const Envelope& api, int status, const HeaderLookup& headers, std::string_view body,
                                    std::size_t max_errors = SIZE_MAX);

// The body a server sends for the error of enum value `value`, member order as in the spec:
// `message` defaults to the error's own, an empty `request_id` and empty `details` are left out.
// Text that is not valid UTF-8 is sent with U+FFFD in place of the bad bytes.
std::string encode_error(const Envelope& api, std::uint16_t value, std::string_view message,
                         std::string_view request_id, const Details& details, std::string_view subcode = {});

// The body of a response carrying several errors: the list of errors holds one element per item,
// in order; what stands outside the list is the first item's (constants and the request id aside).
// Where the envelope has no list, the first item's body.
std::string encode_errors(const Envelope& api, const std::vector<ErrorItem>& errors, std::string_view request_id);

// A Retry-After value: delta-seconds, or an HTTP-date (IMF-fixdate, RFC 850 or asctime form)
// measured from `now` (a date in the past is 0 s). Nothing for anything else.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) noexcept;

}  // namespace errspec
