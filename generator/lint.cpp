#include "lint.hpp"

#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "escape.hpp"
#include "model.hpp"
#include "unicode.hpp"

namespace errspec {
namespace {

std::string line_of(SourcePos pos) { return "line " + std::to_string(pos.line); }

std::string hex(char32_t c) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(c));
    return buffer;
}

// "U+200B ZERO WIDTH SPACE", from ICU's names; the number alone for an unassigned code point.
std::string describe_character(char32_t c) {
    char name[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
    std::string out = "U+" + hex(c);
    if (U_SUCCESS(status) && length > 0) out += " " + std::string(name, static_cast<std::size_t>(length));
    return out;
}

// The escape that writes `c` in a double-quoted YAML string.
std::string yaml_escape(char32_t c) { return (c > 0xFFFF ? "\\U" + std::string(8 - hex(c).size(), '0') : "\\u") + hex(c); }

// `text` in quotes with every character outside printable ASCII as its escape, so that a message
// about characters one cannot see, or cannot tell apart, shows them.
std::string visible(std::string_view text) {
    std::string out = "'";
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const std::size_t length = std::max<std::size_t>(1, unicode::decode_utf8(text, i, c));
        out += c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c)) : yaml_escape(c);
        i += length;
    }
    return out + "'";
}

// ---- invisible characters ------------------------------------------------------------------------

bool has(char32_t c, UProperty property) { return u_hasBinaryProperty(static_cast<UChar32>(c), property) != 0; }

// A zero width joiner between two emoji (👩‍💻), or a variation selector choosing an emoji's look (⚠️).
bool part_of_emoji(char32_t previous, char32_t c, char32_t next) {
    if (c == 0xFE0E || c == 0xFE0F) return has(previous, UCHAR_EMOJI);
    if (c != 0x200D) return false;
    const bool after_emoji = has(previous, UCHAR_EXTENDED_PICTOGRAPHIC) || has(previous, UCHAR_EMOJI_MODIFIER) ||
                             previous == 0xFE0F;
    return after_emoji && has(next, UCHAR_EXTENDED_PICTOGRAPHIC);
}

std::string invisible_message(char32_t c) {
    std::string what, effect;
    if (has(c, UCHAR_BIDI_CONTROL)) {
        what = "bidirectional control ";
        effect = "it reorders how the text around it shows, so readers do not see what the spec says";
    } else if (c == 0x2028 || c == 0x2029) {
        what = "invisible separator ";
        effect = "some editors and JavaScript before ES2019 break the line there, others do not";
    } else {
        what = "invisible character ";
        effect = "readers cannot see it, yet the text differs from one that looks the same";
    }
    return what + describe_character(c) + ": " + effect + "; delete it, or write it as the escape " +
           yaml_escape(c) + " in a double-quoted string if it is meant";
}

// Past this many, one warning says how many more there are: a spec pasted from a web page may
// hold thousands.
constexpr std::size_t max_invisible_warnings = 100;

// ---- how YAML readers type a plain code ------------------------------------------------------------

// What a YAML reader makes of a plain scalar.
struct Reading {
    enum class Type { string, boolean, integer, number } type = Type::string;
    std::string value;  // the text of a string, true or false, an integer in decimal, a number as written
    std::string form;   // how an integer was written, when not in decimal: "octal", "hexadecimal", ...

    bool same_as(const Reading& other) const { return type == other.type && value == other.value; }

    std::string words() const {
        switch (type) {
        case Type::string: return "the string " + visible(value);
        case Type::boolean: return "the boolean " + value;
        case Type::integer: return "the integer " + value + (form.empty() ? "" : " (" + form + ")");
        case Type::number: return "the floating-point number " + value;
        }
        return value;
    }
};

// The integer `digits` (underscores ignored) in `base`; `form` names the base in messages.
Reading integer(std::string_view sign, std::string_view digits, int base, std::string form) {
    unsigned long long value = 0;
    for (const char c : digits) {
        if (c == '_') continue;
        const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        if (value > (~0ull - static_cast<unsigned>(digit)) / static_cast<unsigned>(base)) {
            return {Reading::Type::integer, std::string(sign) + std::string(digits), std::move(form)};  // too large to say
        }
        value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
    }
    return {Reading::Type::integer, (sign == "-" && value != 0 ? "-" : "") + std::to_string(value), std::move(form)};
}

// `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`: base 60, as in 1:30 (90).
Reading sexagesimal(const std::string& text) {
    constexpr unsigned long long too_large = 1ull << 53;
    const bool signed_ = text[0] == '-' || text[0] == '+';
    unsigned long long value = 0, part = 0;
    for (const char c : text.substr(signed_ ? 1 : 0) + ":") {
        if (c == ':') {
            value = value * 60 + part;
            part = 0;
        } else if (c != '_') {
            part = part * 10 + static_cast<unsigned>(c - '0');
        }
        if (value > too_large || part > too_large) return {Reading::Type::integer, text, "base 60"};
    }
    return {Reading::Type::integer, (text[0] == '-' && value != 0 ? "-" : "") + std::to_string(value), "base 60"};
}

// Whether a YAML reader could take `text` for a number: most codes start otherwise, and skip the
// regular expressions.
bool may_be_number(const std::string& text) {
    return !text.empty() && std::string_view("+-.0123456789").find(text[0]) != std::string_view::npos;
}

// How a YAML 1.1 reader types a plain scalar: the types of YAML 1.1's type repository, with
// PyYAML's form of floats (the spec's regular expression would take 1.2.3 for one).
Reading yaml11_reading(const std::string& text) {
    static const std::set<std::string_view> truths = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
                                                      "on", "On", "ON"};
    static const std::set<std::string_view> falsities = {"n", "N", "no", "No", "NO", "false", "False", "FALSE",
                                                         "off", "Off", "OFF"};
    if (truths.count(text) != 0) return {Reading::Type::boolean, "true", ""};
    if (falsities.count(text) != 0) return {Reading::Type::boolean, "false", ""};
    if (!may_be_number(text)) return {Reading::Type::string, text, ""};
    static const std::regex binary("([-+]?)0b([01_]+)"), octal("([-+]?)0([0-7_]+)"),
        decimal("([-+]?)(0|[1-9][0-9_]*)"), hexadecimal("([-+]?)0x([0-9a-fA-F_]+)"),
        base60("[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");
    static const std::regex number(
        "[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?|"
        "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    std::smatch m;
    if (std::regex_match(text, m, binary)) return integer(m.str(1), m.str(2), 2, "binary");
    if (std::regex_match(text, m, octal)) return integer(m.str(1), m.str(2), 8, "octal");
    if (std::regex_match(text, m, decimal)) return integer(m.str(1), m.str(2), 10, "");
    if (std::regex_match(text, m, hexadecimal)) return integer(m.str(1), m.str(2), 16, "hexadecimal");
    if (std::regex_match(text, base60)) return sexagesimal(text);
    if (std::regex_match(text, number)) return {Reading::Type::number, text, ""};
    return {Reading::Type::string, text, ""};
}

// How a YAML 1.2 reader of the core schema (the default of most) types a plain scalar.
Reading yaml12_reading(const std::string& text) {
    static const std::set<std::string_view> truths = {"true", "True", "TRUE"}, falsities = {"false", "False", "FALSE"};
    if (truths.count(text) != 0) return {Reading::Type::boolean, "true", ""};
    if (falsities.count(text) != 0) return {Reading::Type::boolean, "false", ""};
    if (!may_be_number(text)) return {Reading::Type::string, text, ""};
    static const std::regex decimal("([-+]?)([0-9]+)"), octal("0o([0-7]+)"), hexadecimal("0x([0-9a-fA-F]+)");
    static const std::regex number(
        "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    std::smatch m;
    if (std::regex_match(text, m, decimal)) return integer(m.str(1), m.str(2), 10, "");
    if (std::regex_match(text, m, octal)) return integer("", m.str(1), 8, "octal");
    if (std::regex_match(text, m, hexadecimal)) return integer("", m.str(1), 16, "hexadecimal");
    if (std::regex_match(text, number)) return {Reading::Type::number, text, ""};
    return {Reading::Type::string, text, ""};
}

// No YAML number or boolean is longer; std::regex recurses per character and a code may be a
// megabyte long.
constexpr std::size_t max_typed_scalar_bytes = 64;

void lint_plain_code(const SpecError& error, Diagnostics& diagnostics) {
    const std::string& written = error.code_as_written;
    // An integer in plain decimal is the same integer to every reader.
    if (written.size() > max_typed_scalar_bytes || (error.code_is_integer && written == error.code.value)) return;
    const Reading errspec = error.code_is_integer ? Reading{Reading::Type::integer, error.code.value, ""}
                                                  : Reading{Reading::Type::string, written, ""};
    const Reading yaml11 = yaml11_reading(written), yaml12 = yaml12_reading(written);
    const bool zeros_dropped = error.code_is_integer && written != error.code.value;  // 007 is 7
    std::string others;
    if (!yaml11.same_as(errspec) && !yaml12.same_as(errspec) && yaml11.same_as(yaml12)) {
        others = "YAML 1.1 and 1.2 readers read " + yaml11.words();
    } else if (!yaml11.same_as(errspec)) {
        others = "YAML 1.1 readers read " + yaml11.words();
        if (!yaml12.same_as(errspec)) others += " and other YAML 1.2 readers " + yaml12.words();
    } else if (!yaml12.same_as(errspec)) {
        others = "other YAML 1.2 readers read " + yaml12.words();
    }
    if (others.empty() && !zeros_dropped) return;
    std::string message = "code " + written + " is written without quotes: errspec reads " + errspec.words();
    if (zeros_dropped) message += " and sends " + error.code.value + ", not " + written;
    if (!others.empty()) message += (zeros_dropped ? ", and " : ", but ") + others;
    message += zeros_dropped ? "; write " + error.code.value + ", or quote it (" + escape::yaml_string(written) +
                                   ") for a string code"
                             : "; quote it (" + escape::yaml_string(written) + ") so that every reader sees the same code";
    diagnostics.warning(error.code.pos, message);
}

// ---- codes outside printable ASCII -------------------------------------------------------------------

void lint_ascii(const SpecError& error, Diagnostics& diagnostics) {
    const std::string& code = error.code.value;
    for (std::size_t i = 0; i < code.size();) {
        char32_t c = 0;
        const std::size_t length = std::max<std::size_t>(1, unicode::decode_utf8(code, i, c));
        // A line break in a code is an error already.
        if (c == '\t' || c >= 0x7F) {
            diagnostics.warning(error.code.pos,
                                "code " + visible(code) + " holds " + describe_character(c) +
                                    ", outside printable ASCII: readers may take it for another character and clients "
                                    "compare codes byte for byte; write codes in ASCII");
            return;
        }
        i += length;
    }
}

// ---- codes that look the same ---------------------------------------------------------------------

using Utf16 = std::u16string;

Utf16 to_utf16(std::string_view text) {
    Utf16 out(text.size(), u'\0');  // UTF-16 never takes more units than UTF-8 takes bytes
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(out.data(), static_cast<int32_t>(out.size()), &length, text.data(),
                  static_cast<int32_t>(text.size()), &status);
    out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
    return out;
}

// Calls an ICU function that writes UTF-16 into a buffer, growing the buffer when it is short.
template <typename Write>
Utf16 grow_and_write(std::size_t guess, Write write) {
    Utf16 out(guess, u'\0');
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = write(out.data(), static_cast<int32_t>(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.assign(static_cast<std::size_t>(length), u'\0');
        status = U_ZERO_ERROR;
        length = write(out.data(), static_cast<int32_t>(out.size()), &status);
    }
    out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
    return out;
}

Utf16 fold_case(const Utf16& text) {
    return grow_and_write(text.size() + 8, [&](UChar* out, int32_t capacity, UErrorCode* status) {
        return u_strFoldCase(out, capacity, text.data(), static_cast<int32_t>(text.size()), U_FOLD_CASE_DEFAULT, status);
    });
}

// Case folded, without ASCII punctuation or spaces: what is left when case and separators do not
// count (rate_limited, RATE-LIMITED and RateLimited all give "ratelimited"). A text of separators
// alone is kept whole: `\` and `??/` do not look alike.
Utf16 loose(const Utf16& text) {
    const Utf16 folded = fold_case(text);
    Utf16 out;
    for (const char16_t c : folded) {
        const bool ascii_separator = c < 0x80 && !((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'));
        if (!ascii_separator) out += c;
    }
    return out.empty() ? folded : out;
}

// UTS #39 skeletons through ICU's spoof checker: two texts look alike when their skeletons agree.
class Skeletons {
public:
    Skeletons() {
        UErrorCode status = U_ZERO_ERROR;
        checker_.reset(uspoof_open(&status));
        if (U_FAILURE(status)) checker_.reset();
    }

    // The skeleton of the case-folded text, loose; the text itself, loose, if ICU has no data.
    Utf16 key(const Utf16& text) const {
        if (!checker_) return loose(text);
        const Utf16 folded = fold_case(text);
        return loose(grow_and_write(folded.size() * 2 + 8, [&](UChar* out, int32_t capacity, UErrorCode* status) {
            return uspoof_getSkeleton(checker_.get(), 0, folded.data(), static_cast<int32_t>(folded.size()), out,
                                      capacity, status);
        }));
    }

private:
    struct Close {
        void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
    };
    std::unique_ptr<USpoofChecker, Close> checker_;
};

// Each code that looks like an earlier one is reported once, against the first. A pair that the
// checker reports already (the same code, or the same C++ name) is left to that error.
void lint_look_alikes(const Spec& spec, Diagnostics& diagnostics) {
    const Skeletons skeletons;
    std::map<Utf16, const SpecError*> first_by_key;
    for (const SpecError& error : spec.errors) {
        if (!error.code.present() || error.code.value.empty() || error.code_is_integer) continue;
        const Utf16 code = to_utf16(error.code.value);
        const auto [found, inserted] = first_by_key.emplace(skeletons.key(code), &error);
        if (inserted) continue;
        const SpecError& first = *found->second;
        if (first.code.value == error.code.value || enumerator_name(first) == enumerator_name(error)) continue;
        const std::string other = visible(first.code.value) + " (" + line_of(first.code.pos) + ")";
        if (loose(code) == loose(to_utf16(first.code.value))) {
            diagnostics.warning(error.code.pos, "code " + visible(error.code.value) + " differs from " + other +
                                                    " only in case or separators: readers, and clients that "
                                                    "normalise codes, take them for one; rename one so that their "
                                                    "letters differ, or merge them");
        } else {
            diagnostics.warning(error.code.pos, "code " + visible(error.code.value) + " looks the same as " + other +
                                                    ": Unicode's confusables data (UTS #39) takes their characters "
                                                    "for one another; rename one so that they differ visibly");
        }
    }
}

}  // namespace

void lint_text(std::string_view bytes, Diagnostics& diagnostics) {
    std::size_t reported = 0, unreported = 0;
    SourcePos first_unreported;
    // Where a character stands, counted on from the last one asked for: only invisible ones ask.
    SourcePos pos{1, 1};
    std::size_t counted = 0;
    const auto position = [&](std::size_t offset) {
        pos = advanced(pos, bytes.substr(counted, offset - counted));
        counted = offset;
        return pos;
    };
    char32_t previous = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        // ASCII, most of every spec, is one byte and never invisible.
        if (i + 8 <= bytes.size() && unicode::eight_ascii(bytes.data() + i)) {
            previous = static_cast<unsigned char>(bytes[i + 7]);
            i += 8;
            continue;
        }
        char32_t c = static_cast<unsigned char>(bytes[i]);
        const std::size_t length = c < 0x80 ? 1 : std::max<std::size_t>(1, unicode::decode_utf8(bytes, i, c));
        if (c >= 0x80 && unicode::is_invisible(c)) {
            char32_t next = 0;
            if (i + length < bytes.size()) unicode::decode_utf8(bytes, i + length, next);
            if (part_of_emoji(previous, c, next)) {
                // how emoji are written
            } else if (reported < max_invisible_warnings) {
                diagnostics.warning(position(i), invisible_message(c));
                ++reported;
            } else if (unreported++ == 0) {
                first_unreported = position(i);
            }
        }
        previous = c;
        i += length;
    }
    if (unreported > 0) {
        diagnostics.warning(first_unreported, std::to_string(unreported) +
                                                  " more invisible characters from here on are not listed one by one");
    }
}

void lint_codes(const Spec& spec, Diagnostics& diagnostics) {
    for (const SpecError& error : spec.errors) {
        if (!error.code.present() || error.code.value.empty()) continue;
        if (error.code_is_plain) lint_plain_code(error, diagnostics);
        lint_ascii(error, diagnostics);
    }
    lint_look_alikes(spec, diagnostics);
}

}  // namespace errspec
