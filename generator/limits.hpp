// The limits that keep a hostile spec from exhausting memory or time. README states them.
#pragma once

#include <cstddef>

namespace errspec::limits {

inline constexpr std::size_t max_file_bytes = 64u * 1024u * 1024u;
// Nodes after expanding every alias: a "billion laughs" spec stops here instead of in the OOM killer.
inline constexpr std::size_t max_expanded_nodes = 4u * 1024u * 1024u;
// Text after expanding every alias: without aliases a spec holds at most its file's bytes of text,
// and one 1 MiB text behind 4 million aliases would be 4 TiB.
inline constexpr std::size_t max_expanded_bytes = max_file_bytes;
// yaml-cpp itself stops at about 500 levels; the spec format never needs more than this many.
inline constexpr int max_depth = 64;
inline constexpr std::size_t max_string_bytes = 1024u * 1024u;
// The generated enum is std::uint16_t and value 0 is Unknown.
inline constexpr std::size_t max_errors = 65535;
// Every error carries a value for every envelope field, so fields multiply with errors: at this
// many, the largest spec's model takes about 2 GB (each field adds about 100 MB to it).
inline constexpr std::size_t max_envelope_fields = 8;
// The envelope is a few members in every real API, and every stage walks it, some once per member
// (JSON objects that keep their order look keys up one by one).
inline constexpr std::size_t max_body_nodes = 256;

// A template (of --templates or built in) with its partials included, every inclusion counted:
// thirteen partials that each include the one before ten times would be 10^13 copies. The largest
// built-in template is under 40 KiB with its partials.
inline constexpr std::size_t max_template_bytes = 4u * 1024u * 1024u;
// Rendering one output file. Sections over lists inside sections over lists multiply: a template
// of a few lines could ask for 65 535^5 steps, or for terabytes. The largest specs take about 16
// million steps for one file (a million fix steps, in the handler skeleton) and write 270 MB
// (a 64 MiB spec of '<' and '&' on the HTML page).
inline constexpr std::size_t max_render_steps = std::size_t{1} << 26;
inline constexpr std::size_t max_output_bytes = std::size_t{1} << 30;

}  // namespace errspec::limits
