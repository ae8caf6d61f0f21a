// BCP 47 language tags (RFC 5646), as `generate --locale` takes them: the tag goes into the docs'
// <html lang>, so nothing but a tag may pass.
#pragma once

#include <string_view>

namespace errspec {

// Whether `tag` is a well-formed language tag (RFC 5646 section 2.1: the ABNF, private-use and
// grandfathered tags included, case-insensitive). Well-formed, not valid: subtags are not looked up
// in the IANA registry.
bool is_language_tag(std::string_view tag);

}  // namespace errspec
