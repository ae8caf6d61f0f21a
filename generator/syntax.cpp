#include "syntax.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "limits.hpp"

namespace errspec {
namespace {

SourcePos to_pos(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

// The position of byte `offset`, counting columns in bytes as GCC does.
SourcePos pos_of_offset(std::string_view bytes, std::size_t offset) {
    SourcePos pos{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        if (bytes[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

// Length of the valid UTF-8 sequence at `i`, or 0 if it is not one (overlong forms, surrogates
// and code points above U+10FFFF included); `code_point` gets its value.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& code_point) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        code_point = b0;
        return 1;
    }
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        code_point = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        code_point = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        code_point = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
        code_point = (code_point << 6) | (byte(i + k) & 0x3Fu);
    }
    return length;
}

// What a spec text may hold: YAML's printable characters, less next line (U+0085), which yaml-cpp
// reads as a line break in some places and not in others. No C0 control but tab, line feed and
// carriage return, no DEL, no C1 control, no U+FFFE or U+FFFF.
bool is_printable(char32_t c) {
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
    return !(c >= 0x7F && c <= 0x9F) && c != 0xFFFE && c != 0xFFFF;
}

// A character a spec text may not hold, and where it is.
struct BadCharacter {
    std::size_t offset;
    bool invalid_utf8;  // else a character that is not printable
    char32_t code_point;
};

// The first character of `text` that is not printable UTF-8.
std::optional<BadCharacter> first_bad_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const std::size_t length = decode_utf8(text, i, c);
        if (length == 0) return BadCharacter{i, true, static_cast<unsigned char>(text[i])};
        if (!is_printable(c)) return BadCharacter{i, false, c};
        i += length;
    }
    return std::nullopt;
}

std::string hex(char32_t value, int digits) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", digits, static_cast<unsigned>(value));
    return buffer;
}

// "invalid UTF-8 (byte 0xE9)" or "control character U+001B".
std::string describe(const BadCharacter& bad) {
    return bad.invalid_utf8 ? "invalid UTF-8 (byte 0x" + hex(bad.code_point, 2) + ")"
                            : "control character U+" + hex(bad.code_point, 4);
}

// YAML texts are UTF-8 without control characters. yaml-cpp checks neither, and silently reads a
// UTF-16 byte-order mark, so this runs before it.
bool check_encoding(std::string_view bytes, Diagnostics& diagnostics) {
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                              (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        diagnostics.error({1, 1}, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        return false;
    }
    const std::optional<BadCharacter> bad = first_bad_character(bytes);
    if (!bad) return true;
    diagnostics.error(pos_of_offset(bytes, bad->offset),
                      describe(*bad) + (bad->invalid_utf8 ? "; specs are UTF-8 text"
                                                          : " is not allowed in a spec (is this a binary file?)"));
    return false;
}

// yaml-cpp reports a tab in indentation as a generic syntax error; say what it is.
std::string explain_parse_error(std::string_view bytes, const YAML::Mark& mark, const std::string& message) {
    if (mark.is_null() || mark.line < 0) return message;
    std::size_t start = 0;
    for (int line = 0; line < mark.line && start != std::string_view::npos; ++line) {
        start = bytes.find('\n', start);
        if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) return message;
    const std::string_view line = bytes.substr(start, bytes.find('\n', start) - start);
    const std::size_t indent_end = line.find_first_not_of(" \t");
    if (line.substr(0, indent_end).find('\t') != std::string_view::npos) {
        return "tab character in indentation; YAML indents with spaces only";
    }
    // In flow style ({...}) YAML reads the brace of an unquoted ${code} as a nested mapping.
    if (message.find("flow") != std::string::npos && bytes.find("${") != std::string_view::npos) {
        return message + " (inside {...} or [...], quote placeholders: \"${code}\")";
    }
    return message;
}

class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(SyntaxTree& tree, Diagnostics& diagnostics) : tree_(tree), diagnostics_(diagnostics) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        add(make(SyntaxNode::Kind::null, mark), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto found = anchors_.find(anchor);
        if (found == anchors_.end()) {
            // yaml-cpp rejects unknown aliases itself; stay safe if it ever does not.
            diagnostics_.error(to_pos(mark), "alias names no anchor defined before it");
            add(make(SyntaxNode::Kind::null, mark), YAML::NullAnchor);
            return;
        }
        attach(found->second);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        SyntaxNode* node = make(SyntaxNode::Kind::scalar, mark);
        node->text = value;
        node->expanded_bytes = value.size();
        // yaml-cpp tags plain scalars "?" and quoted or block scalars "!".
        node->quoted = tag != "?";
        // "key: ~" and "key: null" are null, as in every YAML reader.
        if (!node->quoted && (value == "~" || value == "null" || value == "Null" || value == "NULL")) {
            node->kind = SyntaxNode::Kind::null;
            node->text.clear();
        }
        if (value.size() > limits::max_string_bytes) {
            diagnostics_.error(node->pos, "string of " + std::to_string(value.size()) +
                                              " bytes exceeds the limit of " +
                                              std::to_string(limits::max_string_bytes));
        } else if (const std::optional<BadCharacter> bad = first_bad_character(value)) {
            // The file's bytes passed check_encoding: an escape ("\e", "\x01", "\0") made this.
            diagnostics_.error(node->pos, describe(*bad) + " in a string (from an escape); spec texts are printable");
        }
        add(node, anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(make(SyntaxNode::Kind::sequence, mark), anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(make(SyntaxNode::Kind::map, mark), anchor);
    }
    void OnMapEnd() override { close(); }

private:
    SyntaxNode* make(SyntaxNode::Kind kind, const YAML::Mark& mark) {
        SyntaxNode& node = tree_.nodes.emplace_back();
        node.kind = kind;
        node.pos = to_pos(mark);
        return &node;
    }

    void attach(const SyntaxNode* node) {
        if (open_.empty()) {
            tree_.root = node;
        } else {
            open_.back()->children.push_back(node);
        }
    }

    void add(SyntaxNode* node, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) anchors_[anchor] = node;
        attach(node);
    }

    void open(SyntaxNode* node, YAML::anchor_t anchor) {
        add(node, anchor);
        open_.push_back(node);
    }

    void close() {
        SyntaxNode* node = open_.back();
        open_.pop_back();
        std::size_t size = 1, bytes = 0;
        int depth = 0;
        for (const SyntaxNode* child : node->children) {
            // Saturate: a billion-laughs tree must not overflow the counts.
            size = std::min(size + child->expanded_size, limits::max_expanded_nodes + 1);
            bytes = std::min(bytes + child->expanded_bytes, limits::max_expanded_bytes + 1);
            depth = std::max(depth, child->depth);
        }
        node->expanded_size = size;
        node->expanded_bytes = bytes;
        node->depth = depth + 1;
    }

    SyntaxTree& tree_;
    Diagnostics& diagnostics_;
    std::vector<SyntaxNode*> open_;
    std::unordered_map<YAML::anchor_t, const SyntaxNode*> anchors_;
};

// The first node at `level` below which nesting goes on past the limit: where to point.
const SyntaxNode* first_too_deep(const SyntaxNode& node, int level) {
    if (level > limits::max_depth) return &node;
    for (const SyntaxNode* child : node.children) {
        if (child->depth + level > limits::max_depth) return first_too_deep(*child, level + 1);
    }
    return &node;
}

// Where to point when the tree expands past `limit` of `measure` (nodes or bytes): the deepest node
// that does so by itself, usually the alias that is repeated.
const SyntaxNode* first_oversized(const SyntaxNode& node, std::size_t SyntaxNode::*measure, std::size_t limit) {
    for (const SyntaxNode* child : node.children) {
        if (child->*measure > limit) return first_oversized(*child, measure, limit);
    }
    return &node;
}

}  // namespace

std::string_view describe(const SyntaxNode& node) {
    switch (node.kind) {
    case SyntaxNode::Kind::null: return "an empty value";
    case SyntaxNode::Kind::scalar: return "a string";
    case SyntaxNode::Kind::sequence: return "a list";
    case SyntaxNode::Kind::map: return "a mapping";
    }
    return "a value";
}

SyntaxTree parse_yaml(std::string_view bytes, Diagnostics& diagnostics) {
    SyntaxTree tree;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        diagnostics.warning({1, 1}, "UTF-8 byte-order mark ignored; save the spec without one");
        bytes.remove_prefix(3);
    }
    if (!check_encoding(bytes, diagnostics)) return tree;

    std::istringstream stream{std::string(bytes)};
    try {
        YAML::Parser parser(stream);
        TreeBuilder builder(tree, diagnostics);
        if (!parser.HandleNextDocument(builder) || tree.root == nullptr) {
            diagnostics.error({}, "the spec is empty");
            tree.root = nullptr;
            return tree;
        }
        SyntaxTree second;
        TreeBuilder second_builder(second, diagnostics);
        if (parser.HandleNextDocument(second_builder)) {
            diagnostics.error(second.root ? second.root->pos : SourcePos{},
                              "a spec holds exactly one YAML document; remove the second one");
        }
    } catch (const YAML::DeepRecursion& e) {
        diagnostics.error(to_pos(e.mark), "nesting is too deep; a spec nests at most " +
                                              std::to_string(limits::max_depth) + " levels");
        tree.root = nullptr;
        return tree;
    } catch (const YAML::Exception& e) {
        diagnostics.error(to_pos(e.mark), explain_parse_error(bytes, e.mark, e.msg));
        tree.root = nullptr;
        return tree;
    }
    if (tree.root->expanded_size > limits::max_expanded_nodes) {
        diagnostics.error(first_oversized(*tree.root, &SyntaxNode::expanded_size, limits::max_expanded_nodes)->pos,
                          "the spec expands to more than " + std::to_string(limits::max_expanded_nodes) +
                              " nodes (aliases expanded); is an alias repeated exponentially?");
        tree.root = nullptr;
    } else if (tree.root->expanded_bytes > limits::max_expanded_bytes) {
        diagnostics.error(first_oversized(*tree.root, &SyntaxNode::expanded_bytes, limits::max_expanded_bytes)->pos,
                          "the spec expands to more than " + std::to_string(limits::max_expanded_bytes) +
                              " bytes of text (aliases expanded); is a long text repeated through an alias?");
        tree.root = nullptr;
    } else if (tree.root->depth > limits::max_depth) {
        diagnostics.error(first_too_deep(*tree.root, 1)->pos, "nesting is too deep; a spec nests at most " +
                                              std::to_string(limits::max_depth) + " levels");
        tree.root = nullptr;
    }
    return tree;
}

}  // namespace errspec
