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
    std::deque<SyntaxNode> nodes;
    const SyntaxNode* root = nullptr;
};

// Parses one YAML document. Returns a tree with a root, or reports why not and returns a tree
// without one. Problems that leave a usable tree (a UTF-8 byte-order mark) are warnings.
SyntaxTree parse_yaml(std::string_view bytes, Diagnostics& diagnostics);

// A short, human name of the node's kind for "expected X, found Y" messages.
std::string_view describe(const SyntaxNode& node);

}  // namespace errspec
