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
#include <thread>
#include <unordered_map>

#include "limits.hpp"
#include "lint.hpp"
#include "parallel.hpp"
#include "unicode.hpp"

namespace errspec {
namespace {

SourcePos to_pos(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

// The position of byte `offset`, counting columns in bytes as GCC does.
SourcePos pos_of_offset(std::string_view bytes, std::size_t offset) { return advanced({1, 1}, bytes.substr(0, offset)); }

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
        if (i + 8 <= text.size() && unicode::eight_printable_ascii(text.data() + i)) {
            i += 8;
            continue;
        }
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, most of every spec
            ++i;
            continue;
        }
        char32_t c = 0;
        const std::size_t length = unicode::decode_utf8(text, i, c);
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

// Sums up what lies below a node from its children: its size and text with aliases expanded, and
// its depth.
void total_up(SyntaxNode& node) {
    std::size_t size = 1, bytes = 0;
    int depth = 0;
    for (const SyntaxNode* child : node.children) {
        // Saturate: a billion-laughs tree must not overflow the counts.
        size = std::min(size + child->expanded_size, limits::max_expanded_nodes + 1);
        bytes = std::min(bytes + child->expanded_bytes, limits::max_expanded_bytes + 1);
        depth = std::max(depth, child->depth);
    }
    node.expanded_size = size;
    node.expanded_bytes = bytes;
    node.depth = depth + 1;
}

class TreeBuilder final : public YAML::EventHandler {
public:
    // `first_line`: the line of the file the parsed text starts on, for a piece of it.
    TreeBuilder(SyntaxTree& tree, Diagnostics& diagnostics, int first_line = 1)
        : tree_(tree), diagnostics_(diagnostics), line_offset_(first_line - 1) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        add(make(SyntaxNode::Kind::null, mark), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto found = anchors_.find(anchor);
        if (found == anchors_.end()) {
            // yaml-cpp rejects unknown aliases itself; stay safe if it ever does not.
            SyntaxNode* null = make(SyntaxNode::Kind::null, mark);
            diagnostics_.error(null->pos, "alias names no anchor defined before it");
            add(null, YAML::NullAnchor);
            return;
        }
        // An alias inside the node its anchor names would make the tree a cycle, which every
        // stage after this one would walk forever.
        if (std::find(open_.begin(), open_.end(), found->second) != open_.end()) {
            SyntaxNode* null = make(SyntaxNode::Kind::null, mark);
            diagnostics_.error(null->pos, "alias inside the node its anchor names; a value cannot contain itself");
            add(null, YAML::NullAnchor);
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
        if (node.pos.line > 0) node.pos.line += line_offset_;
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
        total_up(*open_.back());
        open_.pop_back();
    }

    SyntaxTree& tree_;
    Diagnostics& diagnostics_;
    int line_offset_;
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

// The text in one piece, which starts on line `first_line` of the file. False when it yields no
// tree; diagnostics say why.
bool parse_whole(std::string_view bytes, SyntaxTree& tree, Diagnostics& diagnostics, int first_line = 1) {
    try {
        std::istringstream stream{std::string(bytes)};
        YAML::Parser parser(stream);
        TreeBuilder builder(tree, diagnostics, first_line);
        if (!parser.HandleNextDocument(builder) || tree.root == nullptr) {
            diagnostics.error({}, "the spec is empty");
            return false;
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
        return false;
    } catch (const YAML::Exception& e) {
        diagnostics.error(to_pos(e.mark), explain_parse_error(bytes, e.mark, e.msg));
        return false;
    }
    return true;
}

// ---- A long errors list, parsed in pieces ----------------------------------------------------------

std::size_t indent_of(std::string_view line) {
    const std::size_t indent = line.find_first_not_of(' ');
    return indent == std::string_view::npos ? line.size() : indent;
}

// Nothing but spaces and maybe a comment (or the '\r' of a CRLF line break).
bool is_blank_or_comment(std::string_view line) {
    const std::size_t first = line.find_first_not_of(' ');
    return first == std::string_view::npos || line[first] == '#' || line.substr(first) == "\r";
}

// `errors:` at the start of a line, with nothing after it: the top-level key whose value follows.
bool is_errors_key(std::string_view line) {
    constexpr std::string_view key = "errors:";
    return line.substr(0, key.size()) == key && is_blank_or_comment(line.substr(key.size())) &&
           (line.size() == key.size() || line[key.size()] == ' ' || line[key.size()] == '\r');
}

// A dash at `indent` followed by a space or the end of the line: an item of the list.
bool starts_item(std::string_view line, std::size_t indent) {
    if (indent_of(line) != indent || line.size() <= indent || line[indent] != '-') return false;
    return line.size() == indent + 1 || line[indent + 1] == ' ' || line[indent + 1] == '\r';
}

struct ItemLine {
    std::size_t offset;  // of the line's first byte
    int line;            // 1-based
};

// The items of a top-level `errors:` block list that runs to the end of the text, when it is laid
// out so: every line after the key is blank, a comment, an item's dash at one indentation, or
// indented further. Such a line may still sit inside a quoted or flow text; parse_in_pieces tells.
std::vector<ItemLine> error_items(std::string_view bytes, std::size_t& indent) {
    std::vector<ItemLine> items;
    bool key_seen = false;
    int line_number = 1;
    for (std::size_t start = 0; start < bytes.size(); ++line_number) {
        const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
        const std::string_view line = bytes.substr(start, end - start);
        if (!key_seen) {
            key_seen = is_errors_key(line);
        } else if (is_blank_or_comment(line)) {
        } else if (items.empty()) {
            indent = indent_of(line);
            if (!starts_item(line, indent)) return {};
            items.push_back({start, line_number});
        } else if (starts_item(line, indent)) {
            items.push_back({start, line_number});
        } else if (indent_of(line) <= indent) {
            return {};  // the list ends before the text does
        }
        start = end + 1;
    }
    return items;
}

// One piece of the text as a clean document: no error, no warning, one document, a root of `kind`.
std::optional<SyntaxTree> parse_piece(std::string_view text, int first_line, SyntaxNode::Kind kind) {
    SyntaxTree tree;
    Diagnostics diagnostics{""};
    if (!parse_whole(text, tree, diagnostics, first_line) || !diagnostics.all().empty() || tree.root->kind != kind) {
        return std::nullopt;
    }
    return tree;
}

// The text parsed as its head (everything up to the first item, ending in `errors:`) and runs of
// items, side by side, and put back together; nothing when it is not laid out for that.
// A piece that stops inside a quoted text would still parse (yaml-cpp closes it at the end of its
// input), and yaml-cpp reads some broken lines by what follows them, so each piece but the last is
// parsed with the next piece's first line after it. Only when that line parses as an item of the
// list did the piece end between items, as the text in one piece reads it; the line comes off
// again. The spec fuzzer compares both ways of parsing on every input.
std::optional<SyntaxTree> parse_in_pieces(std::string_view bytes) {
    std::size_t indent = 0;
    const std::vector<ItemLine> items = error_items(bytes, indent);
    if (items.size() < 2) return std::nullopt;
    // Runs of about equal bytes, a few per core so that uneven items even out.
    const std::size_t runs = std::min<std::size_t>(items.size(), 4 * std::max(1u, std::thread::hardware_concurrency()));
    const std::size_t list_bytes = bytes.size() - items.front().offset;
    std::vector<std::size_t> run_starts;  // indices into items
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::size_t wanted = items.front().offset + list_bytes * run_starts.size() / runs;
        if (items[i].offset >= wanted) run_starts.push_back(i);
    }
    // The first line of the run of items starting at `item`, which the piece before it ends with.
    const auto probe = [&](std::size_t item) {
        const std::size_t offset = items[item].offset;
        return bytes.substr(offset, std::min(bytes.find('\n', offset), bytes.size() - 1) + 1 - offset);
    };
    // The probe parsed as the last item of `list`, alone on `line`: it comes off the list.
    const auto take_probe = [](SyntaxNode& list, int line) {
        if (list.children.size() < 1 || list.children.back()->pos.line != line) return false;
        if (list.children.size() >= 2 && list.children[list.children.size() - 2]->pos.line == line) return false;
        list.children.pop_back();
        return true;
    };
    // Job 0 parses the head; job k the run of items k.
    std::vector<std::optional<SyntaxTree>> parsed(run_starts.size() + 1);
    parallel_for(parsed.size(), [&](std::size_t job) {
        const std::size_t start = job == 0 ? 0 : items[run_starts[job - 1]].offset;
        const bool last = job == run_starts.size();
        const std::size_t end = last ? bytes.size() : items[run_starts[job]].offset;
        std::string text(bytes.substr(start, end - start));
        if (!last) text += probe(job == 0 ? 0 : run_starts[job]);
        const int first_line = job == 0 ? 1 : items[run_starts[job - 1]].line;
        parsed[job] = parse_piece(text, first_line, job == 0 ? SyntaxNode::Kind::map : SyntaxNode::Kind::sequence);
        if (job == 0 || last || !parsed[job]) return;
        SyntaxNode& run = *const_cast<SyntaxNode*>(parsed[job]->root);  // this piece's own node
        if (!take_probe(run, items[run_starts[job]].line)) parsed[job].reset();
    });
    if (std::any_of(parsed.begin(), parsed.end(), [](const auto& piece) { return !piece.has_value(); })) return std::nullopt;

    // The head ends `errors:`, whose value is the list the probe began on the first item's line.
    SyntaxTree tree = std::move(*parsed[0]);
    const SyntaxNode& root = *tree.root;
    if (root.children.size() < 2 || root.children[root.children.size() - 2]->text != "errors" ||
        !root.children.back()->is_sequence()) {
        return std::nullopt;
    }
    SyntaxNode& list = *const_cast<SyntaxNode*>(root.children.back());  // the head's own node
    if (!take_probe(list, items.front().line) || !list.children.empty()) return std::nullopt;
    for (std::size_t job = 1; job < parsed.size(); ++job) {
        const SyntaxNode* run = parsed[job]->root;
        list.children.insert(list.children.end(), run->children.begin(), run->children.end());
        tree.pieces.push_back(std::move(*parsed[job]));
    }
    total_up(list);
    total_up(*const_cast<SyntaxNode*>(tree.root));
    return tree;
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

SyntaxTree parse_yaml(std::string_view bytes, Diagnostics& diagnostics, std::size_t split_from_bytes) {
    SyntaxTree tree;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        diagnostics.warning({1, 1}, "UTF-8 byte-order mark ignored; save the spec without one");
        bytes.remove_prefix(3);
    }
    if (!check_encoding(bytes, diagnostics)) return tree;
    lint_text(bytes, diagnostics);

    std::optional<SyntaxTree> pieces = bytes.size() >= split_from_bytes ? parse_in_pieces(bytes) : std::nullopt;
    if (pieces) {
        tree = std::move(*pieces);
    } else if (!parse_whole(bytes, tree, diagnostics)) {
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
