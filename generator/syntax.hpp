// The syntax stage: bytes -> a tree of YAML nodes, each with its source position. yaml-cpp's event
// parser does the YAML; this stage adds what yaml-cpp 0.7 does not check: UTF-8, tabs in
// indentation, the size of the tree once aliases are expanded, and nesting depth.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"

namespace errspec {

struct SyntaxNode {
    enum class Kind { null, scalar, sequence, map };
    Kind kind = Kind::null;
    SourcePos pos;
    std::string text;    // scalars only
    bool quoted = false; // a quoted or block scalar: always a string, never a number or bool
    // Sequence items; for maps alternating key, value. An alias points at its anchor's node, so a
    // node may be shared: the tree is a DAG.
    std::vector<const SyntaxNode*> children;
    std::size_t expanded_size = 1; // nodes below and including this one, aliases expanded
    std::size_t expanded_bytes = 0; // bytes of text below and including this one, aliases expanded
    int depth = 1;                 // levels below and including this one

    bool is_map() const { return kind == Kind::map; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_null() const { return kind == Kind::null; }
    std::size_t map_size() const { return children.size() / 2; }
    const SyntaxNode& key(std::size_t i) const { return *children[2 * i]; }
    const SyntaxNode& value(std::size_t i) const { return *children[2 * i + 1]; }
};

// Owns every node of one document.
struct SyntaxTree {
    SyntaxTree() = default;
    // Nodes point at each other: a copy would point into the original. Moves keep every node where
    // it is (a deque's move takes its blocks).
    SyntaxTree(const SyntaxTree&) = delete;
    SyntaxTree& operator=(const SyntaxTree&) = delete;
    SyntaxTree(SyntaxTree&&) = default;
    SyntaxTree& operator=(SyntaxTree&&) = default;

    std::deque<SyntaxNode> nodes;
    std::vector<SyntaxTree> pieces;  // trees of pieces parsed apart, whose nodes this tree links to
    const SyntaxNode* root = nullptr;
};

// A spec of this size or more has its `errors:` list parsed in pieces, on every core.
inline constexpr std::size_t k_split_parse_bytes = 256 * 1024;

// Parses one YAML document. Returns a tree with a root, or reports why not and returns a tree
// without one. Problems that leave a usable tree (a UTF-8 byte-order mark, invisible characters:
// lint_text) are warnings.
// From `split_from_bytes` on, a top-level `errors:` block list that ends the text is parsed in
// pieces, one per run of items, side by side: yaml-cpp's parse is most of the time errspec takes
// for a large spec. The pieces are used only when each is one clean document and they fit back
// together; otherwise, and for every diagnostic, the text is parsed in one piece.
SyntaxTree parse_yaml(std::string_view bytes, Diagnostics& diagnostics,
                      std::size_t split_from_bytes = k_split_parse_bytes);

// A short, human name of the node's kind for "expected X, found Y" messages.
std::string_view describe(const SyntaxNode& node);

}  // namespace errspec
