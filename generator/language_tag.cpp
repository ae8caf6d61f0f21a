#include "language_tag.hpp"

#include <regex>
#include <string>

namespace errspec {

bool is_language_tag(std::string_view tag) {
    // RFC 5646's ABNF, production by production.
    static const std::string language = "(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})";
    static const std::string script = "(?:-[a-z]{4})?";
    static const std::string region = "(?:-(?:[a-z]{2}|[0-9]{3}))?";
    static const std::string variants = "(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*";
    static const std::string extensions = "(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*";
    static const std::string private_use = "x(?:-[a-z0-9]{1,8})+";
    static const std::string irregular =
        "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|"
        "i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de";
    static const std::regex pattern(language + script + region + variants + extensions + "(?:-" + private_use + ")?|" +
                                        private_use + "|" + irregular,
                                    std::regex::icase | std::regex::optimize);
    // The longest well-formed tags in use are far below this; it bounds the regex's work.
    constexpr std::size_t max_length = 128;
    return tag.size() <= max_length && std::regex_match(tag.begin(), tag.end(), pattern);
}

}  // namespace errspec
