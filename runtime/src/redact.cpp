// Credential masking for ApiException's message. A server may echo what the client sent (an
// Authorization header, an api_key=... query, a password in a form) into its error message; the
// message goes into logs. Four shapes of credential are masked, wherever they stand:
//   - the value after a name that ends like a credential's (`Authorization: ...`, `x-api-key=...`,
//     `"client_secret": "..."`, `password=p@ss`), up to where that value ends;
//   - the word after an authentication scheme (`Bearer abc`, `Token abc`, `Basic dXNlcg==`);
//   - tokens of well-known formats by their prefix (`ghp_...`, `sk_live_...`, `xoxb-...`, a JWT);
//   - the user information of a URL (`https://user:pass@host`).
#include <algorithm>
#include <string>

#include "errspec/error.hpp"
#include "text.hpp"

namespace errspec {
namespace {

using text::ascii_lower;
using text::is_alnum;

constexpr std::string_view kRedacted = "[redacted]";

// A name whose lowercase form ends with one of these introduces a credential.
constexpr std::string_view kCredentialNameEndings[] = {
    "authorization", "auth",   "token",      "secret",      "password",  "passwd", "pwd",    "pass",
    "key",           "apikey", "signature",  "sig",         "credential", "credentials", "cookie", "session",
    "sessionid",     "session_id"};

// Names whose value runs to the end of its line, spaces included: a scheme and its credentials
// (`Authorization: token ghp_...`, `Authorization: Digest username="me", response="..."`), a
// cookie's pairs.
constexpr std::string_view kWholeValueNameEndings[] = {"authorization", "auth", "cookie"};

// Authentication schemes (the IANA registry and common non-standard ones). After the unambiguous
// ones any word is a credential; after one that is also an English word ("Token expired", "Basic
// plan") only a word that is not all lowercase letters is.
constexpr std::string_view kSchemes[] = {"bearer", "digest", "negotiate", "ntlm", "dpop", "gnap", "hoba", "mutual",
                                         "vapid", "aws4-hmac-sha256", "sharedaccesssignature", "sharedkey", "apikey",
                                         "api-key", "oauth"};
constexpr std::string_view kAmbiguousSchemes[] = {"basic", "token", "bot", "key"};

// Prefixes of credential formats (GitHub, GitLab, Stripe, Slack, OpenAI, AWS access keys, JWTs),
// case-sensitive, masked when at least kMinPrefixedSecretTail more credential characters follow.
constexpr std::string_view kSecretPrefixes[] = {"ghp_",     "gho_",     "ghu_",     "ghs_",  "ghr_",  "github_pat_",
                                                "glpat-",   "sk_live_", "sk_test_", "rk_live_", "rk_test_", "sk-",
                                                "xoxb-",    "xoxp-",    "xoxa-",    "xoxs-", "xapp-", "AKIA",
                                                "ASIA",     "eyJ"};
constexpr std::size_t kMinPrefixedSecretTail = 8;

bool is_name_char(char c) noexcept { return is_alnum(c) || c == '_' || c == '-' || c == '.'; }

// Where a credential value ends: white space, quotes, and what separates list items or parameters.
bool ends_credential(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || std::string_view("\"',;&<>()[]{}").find(c) != std::string_view::npos;
}
bool ends_line(char c) noexcept { return c == '\n' || c == '\r'; }

bool ends_with_any(std::string_view lower, const std::string_view* begin, const std::string_view* end) noexcept {
    return std::any_of(begin, end, [&](std::string_view ending) {
        return lower.size() >= ending.size() && lower.substr(lower.size() - ending.size()) == ending;
    });
}

std::string lowercase(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
    return lower;
}

class Redactor {
public:
    explicit Redactor(std::string_view text) : text_(text) { out_.reserve(text.size()); }

    std::string run() && {
        while (at_ < text_.size()) {
            if (!(userinfo() || (word_start() && (prefixed_secret() || named_value() || scheme_credential())))) {
                out_ += text_[at_++];
            }
        }
        return std::move(out_);
    }

private:
    bool word_start() const noexcept { return at_ == 0 || !is_name_char(text_[at_ - 1]); }

    std::size_t skip(std::size_t from, std::string_view characters) const noexcept {
        while (from < text_.size() && characters.find(text_[from]) != std::string_view::npos) ++from;
        return from;
    }
    template <typename Ends>
    std::size_t run_end(std::size_t from, Ends ends) const noexcept {
        while (from < text_.size() && !ends(text_[from])) ++from;
        return from;
    }

    // Copies text up to `begin`, masks [begin, end) and moves past it; false when the run is empty.
    bool mask(std::size_t begin, std::size_t end) {
        if (end <= begin) return false;
        out_.append(text_, at_, begin - at_);
        out_ += kRedacted;
        at_ = end;
        return true;
    }

    // scheme://user:password@host
    bool userinfo() {
        if (text_.compare(at_, 3, "://") != 0) return false;
        const std::size_t begin = at_ + 3;
        std::size_t end = begin;
        while (end < text_.size() && text_[end] != '@' && !ends_credential(text_[end]) &&
               std::string_view("/?#").find(text_[end]) == std::string_view::npos) {
            ++end;
        }
        if (end == text_.size() || text_[end] != '@') return false;
        return mask(begin, end);
    }

    bool prefixed_secret() {
        const std::string_view rest = text_.substr(at_);
        for (const std::string_view prefix : kSecretPrefixes) {
            if (rest.substr(0, prefix.size()) != prefix) continue;
            const std::size_t end = run_end(at_, ends_credential);
            if (end - at_ >= prefix.size() + kMinPrefixedSecretTail) return mask(at_, end);
        }
        return false;
    }

    // name: value, name=value, "name": "value"
    bool named_value() {
        const std::size_t name_end = run_end(at_, [](char c) { return !is_name_char(c); });
        if (name_end == at_) return false;
        const std::string name = lowercase(text_.substr(at_, name_end - at_));
        if (!ends_with_any(name, std::begin(kCredentialNameEndings), std::end(kCredentialNameEndings))) return false;
        std::size_t value = skip(name_end, " \t\"'");
        if (value == text_.size() || (text_[value] != ':' && text_[value] != '=')) return false;
        value = skip(value + 1, " \t");
        if (value < text_.size() && (text_[value] == '"' || text_[value] == '\'')) {
            const char quote = text_[value];
            const std::size_t close = text_.find(quote, value + 1);
            return mask(value + 1, close == std::string_view::npos ? text_.size() : close);
        }
        if (ends_with_any(name, std::begin(kWholeValueNameEndings), std::end(kWholeValueNameEndings))) {
            std::size_t end = run_end(value, ends_line);
            while (end > value && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
            return mask(value, end);
        }
        return mask(value, run_end(value, ends_credential));
    }

    enum class Scheme { none, sure, ambiguous };
    static Scheme scheme_of(std::string_view word) {
        const std::string lower = lowercase(word);
        if (std::find(std::begin(kSchemes), std::end(kSchemes), lower) != std::end(kSchemes)) return Scheme::sure;
        if (std::find(std::begin(kAmbiguousSchemes), std::end(kAmbiguousSchemes), lower) != std::end(kAmbiguousSchemes)) {
            return Scheme::ambiguous;
        }
        return Scheme::none;
    }

    // Bearer abc
    bool scheme_credential() {
        const std::size_t word_end = run_end(at_, [](char c) { return !is_alnum(c) && c != '-'; });
        const Scheme scheme = scheme_of(text_.substr(at_, word_end - at_));
        if (scheme == Scheme::none) return false;
        const std::size_t begin = skip(word_end, " \t");
        if (begin == word_end) return false;
        std::size_t end = run_end(begin, ends_credential);
        const std::string_view credential = text_.substr(begin, end - begin);
        const bool plain_word = std::all_of(credential.begin(), credential.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (scheme == Scheme::ambiguous && plain_word) return false;
        // A scheme twice ("Bearer Bearer abc"): the credential is the word after the second.
        if (scheme_of(credential) != Scheme::none) {
            const std::size_t next = skip(end, " \t");
            if (next > end) end = run_end(next, ends_credential);
        }
        return mask(begin, end);
    }

    std::string_view text_;
    std::size_t at_ = 0;
    std::string out_;
};

}  // namespace

std::string redact_credentials(std::string_view text) { return Redactor(text).run(); }

}  // namespace errspec
