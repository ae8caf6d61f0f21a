// Whether two syntax trees are the same: shape, texts, positions and totals. The split parse's
// tests and the spec fuzzer compare parse_yaml in pieces with parse_yaml in one piece.
#pragma once

#include <map>
#include <utility>

#include "syntax.hpp"

namespace errspec_test {

// Aliases make the trees DAGs: each pair of nodes is compared once.
inline bool same_syntax(const errspec::SyntaxNode* a, const errspec::SyntaxNode* b,
                        std::map<std::pair<const errspec::SyntaxNode*, const errspec::SyntaxNode*>, bool>& seen) {
    if (a == nullptr || b == nullptr) return a == b;
    const auto [it, inserted] = seen.emplace(std::make_pair(a, b), true);
    if (!inserted) return it->second;
    bool same = a->kind == b->kind && a->pos.line == b->pos.line && a->pos.column == b->pos.column &&
                a->text == b->text && a->quoted == b->quoted && a->expanded_size == b->expanded_size &&
                a->expanded_bytes == b->expanded_bytes && a->depth == b->depth &&
                a->children.size() == b->children.size();
    for (std::size_t i = 0; same && i < a->children.size(); ++i) same = same_syntax(a->children[i], b->children[i], seen);
    return it->second = same;
}

inline bool same_syntax(const errspec::SyntaxTree& a, const errspec::SyntaxTree& b) {
    std::map<std::pair<const errspec::SyntaxNode*, const errspec::SyntaxNode*>, bool> seen;
    return same_syntax(a.root, b.root, seen);
}

}  // namespace errspec_test
