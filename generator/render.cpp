#include "render.hpp"

#include <pthread.h>

#include <kainjow/mustache.hpp>

#include <cstring>
#include <deque>
#include <unordered_map>

#include "builtin_templates.hpp"
#include "files.hpp"
#include "forms.hpp"
#include "limits.hpp"
#include "mustache_scalar.hpp"

namespace errspec {
namespace {

namespace mustache = kainjow::mustache;

// A Mustache tag with the default delimiters: `{{`, its kind ('#', '>', '{', ... or the first
// letter of a variable's name), and where it closes (npos when it does not).
struct Tag {
    std::size_t start;
    std::size_t inner;  // where its kind stands
    std::size_t end;    // one past its closing braces
    char kind;
};

// The first tag at or after `from`.
std::optional<Tag> next_tag(const std::string& text, std::size_t from) {
    const std::size_t start = text.find("{{", from);
    if (start == std::string::npos) return std::nullopt;
    const std::size_t inner = text.find_first_not_of(' ', start + 2);
    if (inner == std::string::npos) return std::nullopt;
    const std::string_view closing = text[inner] == '{' ? "}}}" : "}}";
    const std::size_t close = text.find(closing, inner);
    return Tag{start, inner, close == std::string::npos ? close : close + closing.size(), text[inner]};
}

// Templates print precomputed forms with triple braces ({{{message_cpp}}}); a double-brace
// variable would HTML-escape into code, so it is refused. Returns the offending tag or "".
std::string find_escaped_variable(const std::string& text) {
    for (auto tag = next_tag(text, 0); tag; tag = next_tag(text, tag->end)) {
        if (std::string_view("{#^/>!&=").find(tag->kind) == std::string_view::npos) {
            return text.substr(tag->start, tag->end == std::string::npos ? tag->end : tag->end - tag->start);
        }
        if (tag->end == std::string::npos) break;
    }
    return {};
}

// The lowest address this thread's stack may grow to while a partial is still rendered: the
// stack's end, less room for the deepest rendering of a partial (as clang keeps room before its
// stack runs out). Null when the thread cannot tell its stack.
const char* stack_floor() {
    constexpr std::size_t room = 256 * 1024;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return nullptr;
    void* lowest = nullptr;
    std::size_t size = 0;
    const bool known = pthread_attr_getstack(&attributes, &lowest, &size) == 0 && size > 2 * room;
    pthread_attr_destroy(&attributes);
    return known ? static_cast<const char*>(lowest) + room : nullptr;
}

// What rendering one file may do (limits.hpp): Mustache renders a list inside a list, and partials
// that change delimiters include each other by recursion, so a small template can ask for
// unbounded time and output. Past a limit, rendering stops with RenderLimit.
struct RenderLimit {
    std::string what;
};

std::string template_size_error(const std::string& partial) {
    return "with its partials included the template exceeds the limit of " + std::to_string(limits::max_template_bytes) +
           " bytes (every inclusion counted), at partial '" + partial + "'; do partials include each other many times over?";
}

std::string refused_partial(const std::string& name, const std::string& why) {
    return "partial '" + name + "': " + why;
}

// Mustache writes out a line only at its end: until then, the output is counted as what may have
// reached the line: the values printed, and at each step the most template text a section repeats
// between two steps (longest_repeated_run), so that a section over a list inside a section over
// that list, on one line, stops at the limit too.
class RenderBudget {
public:
    RenderBudget(std::size_t partial_bytes, std::size_t repeated_run)
        : partial_bytes_(partial_bytes), repeated_run_(repeated_run) {}

    // A section entered or a name looked up.
    void step() { steps(1); }
    void steps(std::size_t count) {
        steps_ += count;
        if (steps_ > limits::max_render_steps) {
            throw RenderLimit{"rendering takes more than " + std::to_string(limits::max_render_steps) +
                              " steps (sections entered and names looked up); do sections over lists nest too deep?"};
        }
        add_output(pending_, repeated_run_);
    }
    // A value that goes on the current line; Mustache writes out a line only at its end.
    void value(std::size_t bytes) { add_output(pending_, bytes); }
    // A line written out, values included.
    void line(std::size_t bytes) {
        pending_ = 0;
        add_output(written_, bytes);
    }
    // A partial included while rendering (one that changes delimiters: the others are spliced in).
    void partial(const std::string& name, std::size_t bytes) {
        if (bytes > partial_bytes_) throw RenderLimit{template_size_error(name)};
        partial_bytes_ -= bytes;
    }

private:
    void add_output(std::size_t& counter, std::size_t bytes) {
        counter += bytes;
        if (written_ + pending_ > limits::max_output_bytes) {
            throw RenderLimit{"the output exceeds the limit of " + std::to_string(limits::max_output_bytes) + " bytes"};
        }
    }

    std::size_t steps_ = 0, written_ = 0, pending_ = 0;
    std::size_t partial_bytes_;  // what partials included while rendering may still add
    std::size_t repeated_run_;
};

// Resolves names against the JSON view directly, the way Mustache's own context does (innermost
// scope first, dotted names descending), and hands Mustache data only for the value a template
// reaches, keeping none of it: a text is copied into one reused value as it is printed, and a form
// (forms.hpp) computed as it is printed. Converting a whole view to Mustache's data model, or
// keeping the Mustache copy of every value printed, cost more time and memory than the rendering
// (DEPENDENCIES.md). It remembers every name that resolved to nothing, and serves partials from
// the template set.
class ViewContext final : public mustache::basic_context<std::string> {
public:
    ViewContext(const View& view, const TemplateSet& templates, RenderResult& result, RenderBudget& budget)
        : root_(view.json), items_(view.items.get()), templates_(templates), result_(result), budget_(budget) {
        scopes_.push_back({&object_, &root_, false});
    }

    // Mustache pushes what get() returned (an object, a true value or a text) or an item of a list
    // it returned; find which JSON value that is.
    // Looked up, not searched: a search made rendering quadratic in the codes (65 535 codes: four
    // minutes for the cpp-client target).
    void push(const mustache::data* data) override {
        budget_.step();
        if (data == &object_) {
            // get() returned it just before: Mustache enters a section as soon as it has its value.
            scopes_.push_back({data, entered_object_, false});
            return;
        }
        if (data == &text_) {
            // A text as a section: its value must outlive the names looked up inside.
            scopes_.push_back({&pushed_texts_.emplace_back(text_), nullptr, true});
            return;
        }
        const ViewJson* json = nullptr;
        // Lists never overlap: only the one that starts last at or before `data` can hold it.
        auto list = lists_.upper_bound(data);
        if (list != lists_.begin()) {
            --list;
            const std::size_t index = static_cast<std::size_t>(data - list->first);
            if (index < list->second->size()) json = &(*list->second)[index];
        }
        if (json != nullptr && items_ != nullptr && DeferredItems::is_marker(*json)) {
            // Built for this item's section and freed when it ends.
            budget_.steps(k_steps_per_built_item);
            built_.push_back({items_->build(root_, *json), {}});
            scopes_.push_back({data, &built_.back().item, false, true});
            return;
        }
        scopes_.push_back({data, json, false});
    }
    void pop() override {
        if (scopes_.back().owns_text) pushed_texts_.pop_back();
        if (scopes_.back().owns_built) forget_built();
        scopes_.pop_back();
    }

    const mustache::data* get(const std::string& name) const override {
        budget_.step();
        const mustache::data* found = resolve(name);
        if (found != nullptr && found->is_string()) budget_.value(found->string_value().size());
        return found;
    }

    const mustache::data* resolve(const std::string& name) const {
        if (name.size() == 1 && name[0] == '.') return scopes_.back().data;  // not a compare per name looked up
        std::vector<Part>& parts = parse(name);
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            if (scope->json == nullptr || !scope->json->is_object()) continue;
            const ViewJson* value = member(*scope->json, parts[0]);
            if (value == nullptr) {
                if (parts.size() == 1) {
                    if (const mustache::data* form = lazy_form(*scope->json, parts[0])) return form;
                }
                continue;
            }
            // Dotted names descend from where their first part resolved; the last part may be a form.
            for (std::size_t i = 1; i < parts.size() && value != nullptr; ++i) {
                const ViewJson* child = value->is_object() ? member(*value, parts[i]) : nullptr;
                if (value->is_object() && child == nullptr && i + 1 == parts.size()) {
                    if (const mustache::data* form = lazy_form(*value, parts[i])) return form;
                }
                value = child;
            }
            if (value == nullptr) break;
            return data_for(*value);
        }
        missing_.insert(name);
        return nullptr;
    }

    const mustache::data* get_partial(const std::string& name) const override {
        // Partials reach here only when they change delimiters (the others are spliced into the
        // template), and kainjow renders each by recursion: ones that include each other in a loop
        // would recurse until the stack overflows.
        // The floor is looked up here, not per render: on the main thread it reads /proc/self/maps.
        if (!stack_floor_) stack_floor_ = stack_floor();
        if (static_cast<const char*>(__builtin_frame_address(0)) < *stack_floor_) {
            too_deep_partials_.insert(name);
            return nullptr;
        }
        const auto cached = partials_.find(name);
        if (cached != partials_.end()) {
            budget_.partial(name, cached->second.string_value().size());
            return &cached->second;
        }
        const auto found = templates_.find("_partials/" + name + ".mustache");
        if (!found) {
            missing_partials_.insert(name);
            return nullptr;
        }
        if (!found->refused.empty()) {
            refused_partials_.insert(refused_partial(name, found->refused));
            return nullptr;
        }
        budget_.partial(name, found->text.size());
        if (!found->file.empty()) result_.inputs.insert(found->file);
        if (const std::string tag = find_escaped_variable(found->text); !tag.empty()) {
            escaped_in_partials_.insert(name + " (" + tag + ")");
            return nullptr;
        }
        return &partials_.emplace(name, mustache::data{found->text}).first->second;
    }

    mutable std::set<std::string> missing_, missing_partials_, escaped_in_partials_, too_deep_partials_, refused_partials_;

private:
    struct Scope {
        const mustache::data* data;
        const ViewJson* json;
        bool owns_text;           // data is the last of pushed_texts_
        bool owns_built = false;  // json is the last of built_
    };
    // A deferred item built while its section renders, and the lists and objects inside it that
    // the caches below hold by address: once the item is freed, another can take its addresses.
    struct BuiltItem {
        ViewJson item;
        std::vector<const ViewJson*> cached;
    };
    // Building an item costs many steps' time: a template over a list inside a list of them runs
    // out of steps as soon as it would have of time.
    static constexpr std::size_t k_steps_per_built_item = 64;
    // A part of a name as looked up: where it was found last, as objects of one kind (the errors)
    // have their members in the same order; and its form's text and suffix when it names a form.
    struct Part {
        std::string key;
        // The member names' ids (view_json.hpp): null where no member anywhere has the name.
        const std::string* id = nullptr;
        std::size_t hint = 0;
        // When it names a form: its text's name and the form's suffix, and the text's marker.
        struct Form {
            std::string_view suffix;
            const std::string *text_id, *marker_id;
            std::size_t text_hint = 0, marker_hint = 0;
        };
        std::optional<Form> form;
    };
    struct ParsedName {
        std::string name;
        std::vector<Part> parts;
    };
    // The name's parts, split once per tag: Mustache passes the name its parsed template holds.
    std::vector<Part>& parse(const std::string& name) const {
        ParsedName& parsed = names_[&name];
        if (parsed.parts.empty() || parsed.name != name) {
            parsed.name = name;
            parsed.parts.clear();
            for (std::size_t at = 0;;) {
                const std::size_t dot = name.find('.', at);
                Part& part = parsed.parts.emplace_back();
                part.key = name.substr(at, dot == std::string::npos ? dot : dot - at);
                part.id = MemberName::existing(part.key);
                if (const auto form = forms::split(part.key)) {
                    part.form = Part::Form{form->second, MemberName::existing(form->first),
                                           MemberName::existing(forms::marker_name(form->first))};
                }
                if (dot == std::string::npos) break;
                at = dot + 1;
            }
        }
        return parsed.parts;
    }

    // The member of `object` alone named by `id`, tried first where `hint` says: objects of one
    // kind (the errors) have the same members in the same order.
    static const ViewJson* own_member(const ViewJson& object, const std::string* id, std::size_t& hint) {
        if (id == nullptr) return nullptr;
        const auto& object_members = object.get_ref<const ViewJson::object_t&>();
        const auto* members = object_members.data();
        if (hint < object_members.size() && members[hint].first.id() == id) return &members[hint].second;
        for (std::size_t i = 0; i < object_members.size(); ++i) {
            if (members[i].first.id() == id) {
                hint = i;
                return &members[i].second;
            }
        }
        return nullptr;
    }

    // The member named by `id` of `object`, or of the object it extends (forms::extend), and which
    // one has it.
    struct Member {
        const ViewJson* holder = nullptr;
        const ViewJson* value = nullptr;
    };
    Member find_member(const ViewJson& object, const std::string* id, std::size_t& hint) const {
        if (id == nullptr) return {};
        for (const ViewJson* at = &object; at != nullptr; at = base_of(*at)) {
            if (const ViewJson* value = own_member(*at, id, hint)) return {at, value};
        }
        return {};
    }

    const ViewJson* member(const ViewJson& object, Part& part) const { return find_member(object, part.id, part.hint).value; }

    const ViewJson* base_of(const ViewJson& object) const {
        const auto [cached, inserted] = bases_.emplace(&object, nullptr);
        if (inserted) {
            cached->second = forms::base_of(root_, object);
            remember_cached(&object);
        }
        return cached->second;
    }

    // A value cached by address while a built item is in scope may be part of it.
    void remember_cached(const ViewJson* value) const {
        if (!built_.empty()) built_.back().cached.push_back(value);
    }

    void forget_built() {
        for (const ViewJson* value : built_.back().cached) {
            bases_.erase(value);
            const auto list = lists_of_.find(value);
            if (list == lists_of_.end()) continue;
            if (list->second.is_non_empty_list()) lists_.erase(&list->second.list_value().front());
            lists_of_.erase(list);
        }
        built_.pop_back();
    }

    // A form of a text of `object` (`title_cpp` of `title`), computed as it is printed.
    const mustache::data* lazy_form(const ViewJson& object, Part& part) const {
        if (!part.form) return nullptr;
        Part::Form& form = *part.form;
        const auto [holder, text_value] = find_member(object, form.text_id, form.text_hint);
        if (holder == nullptr) return nullptr;
        const ViewJson* marker = own_member(*holder, form.marker_id, form.marker_hint);
        if (marker == nullptr) return nullptr;
        std::optional<std::string> text =
            forms::form(text_value->get_ref<const std::string&>(), forms::kind_of_marker(*marker), form.suffix);
        if (!text) return nullptr;
        return set_text(std::move(*text));
    }

    const mustache::data* set_text(std::string text) const {
        // Mustache prints a variable's text before it looks up another name.
        const_cast<std::string&>(text_.string_value()) = std::move(text);
        return &text_;
    }

    // The Mustache value of a JSON value. Objects are one value, resolved by this context once
    // pushed as a scope; lists hold a true value per object item. A list is made once: a section
    // over a list inside a section over that list would otherwise copy the list at every item
    // (and a hostile template nests many).
    const mustache::data* data_for(const ViewJson& value) const {
        switch (value.type()) {
        case ViewJson::value_t::object:
            entered_object_ = &value;
            return &object_;
        case ViewJson::value_t::array:
            return &list_for(value);
        case ViewJson::value_t::string:
            return set_text(value.get_ref<const std::string&>());
        case ViewJson::value_t::boolean:
            return value.get<bool>() ? &true_ : &false_;
        case ViewJson::value_t::null:
            return &false_;
        default:
            return set_text(value.dump());
        }
    }

    const mustache::data& list_for(const ViewJson& value) const {
        const auto [cached, inserted] = lists_of_.emplace(&value, mustache::data::type::list);
        mustache::data& list = cached->second;
        if (!inserted) return list;
        remember_cached(&value);
        for (const ViewJson& item : value) list.push_back(item.is_structured() ? mustache::data{true} : mustache_scalar(item));
        // A list's items are contiguous (a std::vector): keyed by the first.
        if (list.is_non_empty_list()) lists_.emplace(&list.list_value().front(), &value);
        return list;
    }

    const ViewJson& root_;
    const DeferredItems* items_;  // builds what the view's markers stand for
    std::vector<Scope> scopes_;
    mutable std::deque<BuiltItem> built_;  // a deque: an item stays where it is while others are added
    const mustache::data object_{true}, true_{true}, false_{false};
    const mustache::data text_{std::string()};
    mutable const ViewJson* entered_object_ = nullptr;  // the object get() returned last
    std::deque<mustache::data> pushed_texts_;
    mutable std::unordered_map<const std::string*, ParsedName> names_;
    mutable std::unordered_map<const ViewJson*, mustache::data> lists_of_;
    mutable std::map<const mustache::data*, const ViewJson*> lists_;
    mutable std::unordered_map<const ViewJson*, const ViewJson*> bases_;
    const TemplateSet& templates_;
    RenderResult& result_;
    RenderBudget& budget_;
    mutable std::map<std::string, mustache::data> partials_;
    mutable std::optional<const char*> stack_floor_;  // known once a partial reaches the renderer
};

// Collects rendered text in blocks of a megabyte, joined once at the end into a string of the
// exact size: a string that doubled as it grew held up to three times the text while it moved
// (a large page is ten megabytes). Mustache's default std::ostringstream reallocates its buffer
// among many small frees, which sends glibc's allocator into repeated consolidation and made
// rendering grow faster than linearly with the number of codes.
struct OutputBuffer {
    static constexpr std::size_t k_block = 1 << 20;
    RenderBudget& budget;
    std::vector<std::string> blocks;
    OutputBuffer& operator<<(const std::string& piece) {
        budget.line(piece.size());
        if (blocks.empty() || blocks.back().capacity() - blocks.back().size() < piece.size()) {
            blocks.emplace_back().reserve(std::max(k_block, piece.size()));
        }
        blocks.back() += piece;
        return *this;
    }
    std::string text() {
        std::size_t size = 0;
        for (const std::string& block : blocks) size += block.size();
        std::string joined;
        joined.reserve(size);
        for (std::string& block : blocks) {
            joined += block;
            std::string().swap(block);
        }
        return joined;
    }
};

std::size_t line_of_offset(const std::string& text, std::size_t offset) {
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

std::string join(const std::set<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

// The most template text that can reach the output between two calls to the render context (a
// name looked up, a section entered) and be repeated by a section: text outside sections is printed
// once per inclusion, and counted with the template's size. After a change of delimiters, whose
// tags this does not see, the rest counts as one run.
std::size_t longest_repeated_run(const std::string& text) {
    std::size_t longest = 0, depth = 0, run = 0;
    bool repeats = false;  // whether the current run started inside a section
    const auto add_text = [&](std::size_t from, std::size_t to) {
        for (std::size_t at = from; at < to; ++at) {
            run = text[at] == '\n' ? 0 : run + 1;
            if (repeats) longest = std::max(longest, run);
        }
    };
    std::size_t copied = 0;
    for (auto tag = next_tag(text, 0); tag; tag = next_tag(text, tag->end)) {
        if (tag->kind == '=' || tag->end == std::string::npos) {
            repeats = true;
            break;
        }
        add_text(copied, tag->start);
        copied = tag->end;
        if (tag->kind == '/') depth -= depth > 0 ? 1 : 0;
        if (tag->kind == '/' || tag->kind == '!') continue;  // the renderer passes these without a call
        if (tag->kind == '#' || tag->kind == '^') ++depth;
        run = 0;
        repeats = depth > 0;
    }
    add_text(copied, text.size());
    return longest;
}

// Deeper than this, partials that include partials are taken for a loop.
constexpr int k_max_partial_depth = 16;

// The template with its partials spliced in where their tags stand, so that it is parsed once:
// kainjow parses a partial again at every inclusion (the docs page's reference once per spec, the
// banner in every file). A partial renders as its text in place of its tag would: in the same
// context, on the same line. Not across a change of delimiters, so tags after one, and partials
// that make one, stay for the renderer, as do partials that are missing or print double-brace
// variables (the render context reports those). Partials read from disk go to `inputs`. Each
// inclusion takes its partial's size from `budget`: partials that include each other many times
// over run out of it (`error` says so) instead of expanding to 10^13 copies.
class Splicer {
public:
    Splicer(const TemplateSet& templates, std::set<std::string>& inputs, std::size_t& budget)
        : templates_(templates), inputs_(inputs), budget_(budget) {}

    std::string splice(const std::string& text, int depth = 0) {
        std::string out;
        std::size_t copied = 0;
        for (auto tag = next_tag(text, 0); tag && tag->kind != '=' && tag->end != std::string::npos;
             tag = next_tag(text, tag->end)) {
            if (tag->kind != '>') continue;
            const std::size_t name_start = text.find_first_not_of(' ', tag->inner + 1);
            const std::size_t name_end = text.find_last_not_of(' ', tag->end - 3) + 1;
            const std::string name = name_start < name_end ? text.substr(name_start, name_end - name_start) : "";
            const Partial& partial = find(name);
            if (!partial.found) continue;
            if (!partial.found->refused.empty()) {
                error = refused_partial(name, partial.found->refused);
                return text;
            }
            if (!partial.spliced) continue;
            if (depth == k_max_partial_depth) {
                error = "partials include each other more than " + std::to_string(k_max_partial_depth) + " deep (" +
                        name + "); do they include each other in a loop?";
                return text;
            }
            if (partial.found->text.size() > budget_) {
                error = template_size_error(name);
                return text;
            }
            budget_ -= partial.found->text.size();
            if (!partial.found->file.empty()) inputs_.insert(partial.found->file);
            out.append(text, copied, tag->start - copied);
            out += splice(partial.found->text, depth + 1);
            if (!error.empty()) return text;
            copied = tag->end;
        }
        out.append(text, copied, std::string::npos);
        return out;
    }

    std::string error;

private:
    struct Partial {
        std::optional<TemplateSet::Found> found;
        bool spliced = false;
    };
    // Looked up once per template: a partial included 100 000 times is read once.
    const Partial& find(const std::string& name) {
        const auto [cached, inserted] = partials_.emplace(name, Partial{});
        if (inserted) {
            Partial& partial = cached->second;
            partial.found = templates_.find("_partials/" + name + ".mustache");
            partial.spliced = partial.found && partial.found->text.find("{{=") == std::string::npos &&
                              find_escaped_variable(partial.found->text).empty();
        }
        return cached->second;
    }

    const TemplateSet& templates_;
    std::set<std::string>& inputs_;
    std::size_t& budget_;
    std::map<std::string, Partial> partials_;
};

}  // namespace

TemplateSet::TemplateSet(std::optional<std::filesystem::path> override_dir) : override_dir_(std::move(override_dir)) {}

std::optional<TemplateSet::Found> TemplateSet::find(const std::string& name) const {
    const auto refused = [](std::string why) { return Found{{}, {}, std::move(why)}; };
    if (!is_plain_relative_path(name)) return refused("'" + name + "' names no file inside the templates folder");
    if (override_dir_) {
        const std::string file = (*override_dir_ / name).string();
        FileRead read = read_regular_file_inside(override_dir_->string(), name, limits::max_template_bytes);
        switch (read.status) {
            case FileRead::Status::ok:
                return Found{std::move(read.bytes), file, {}};
            case FileRead::Status::missing:
                break;  // built in, if at all
            case FileRead::Status::symbolic_link:
                return refused(file + " is or lies behind a symbolic link; a templates folder reads only regular files "
                                      "inside itself (to share a partial, include it by name)");
            case FileRead::Status::directory:
            case FileRead::Status::not_regular:
                return refused(file + " is not a regular file");
            case FileRead::Status::too_large:
                return refused(file + " of " + std::to_string(read.size) + " bytes exceeds the limit of " +
                               std::to_string(limits::max_template_bytes) + " bytes");
            case FileRead::Status::failed:
                return refused("cannot read " + file + ": " + std::strerror(read.error_number));
        }
    }
    for (const auto& [builtin_name, text] : builtin_templates()) {
        if (builtin_name == name) return Found{std::string(text), {}, {}};
    }
    return std::nullopt;
}

struct TargetTemplates::File {
    std::string where;          // "template cpp/errors.hpp.mustache" or the file it was read from
    std::string output_suffix;
    bool shared = false;  // named output_suffix alone
    std::optional<mustache::mustache> parsed;
    std::string error;          // why there is no parsed template
    std::size_t partial_bytes;  // what partials included while rendering may add (limits.hpp)
    std::size_t repeated_run;   // longest_repeated_run of the template, its partials spliced in
};

TargetTemplates::TargetTemplates(const Target& target, const TemplateSet& templates) : templates_(&templates) {
    for (const TargetFile& target_file : target.files) {
        const std::string name(target_file.template_name);
        File& file = files_.emplace_back(
            File{"template " + name, std::string(target_file.output_suffix), target_file.shared, {}, {}, 0, 0});
        const auto found = templates.find(name);
        if (!found) {
            file.error = file.where + ": not found";
            continue;
        }
        if (!found->refused.empty()) {
            file.error = file.where + ": " + found->refused;
            continue;
        }
        if (!found->file.empty()) {
            file.where = "template " + found->file;
            inputs_.insert(found->file);
        }
        if (const std::string tag = find_escaped_variable(found->text); !tag.empty()) {
            file.error = file.where + ":" + std::to_string(line_of_offset(found->text, found->text.find(tag))) + ": " +
                         tag + " would HTML-escape; print a precomputed form with triple braces, e.g. {{{message_cpp}}}";
            continue;
        }
        // A file from the folder is at most the limit (TemplateSet::find), a built-in one far below it.
        file.partial_bytes = limits::max_template_bytes - std::min(found->text.size(), limits::max_template_bytes);
        Splicer splicer(templates, inputs_, file.partial_bytes);
        const std::string text = splicer.splice(found->text);
        if (!splicer.error.empty()) {
            file.error = file.where + ": " + splicer.error;
            continue;
        }
        file.repeated_run = longest_repeated_run(text);
        file.parsed.emplace(text);
        if (!file.parsed->is_valid()) {
            file.error = file.where + ": " + file.parsed->error_message();
            file.parsed.reset();
        }
    }
}

TargetTemplates::TargetTemplates(TargetTemplates&&) noexcept = default;
TargetTemplates::~TargetTemplates() = default;

RenderResult TargetTemplates::render(const View& view) {
    RenderResult result;
    result.inputs = inputs_;
    const std::string api_id = view.json.at("api").at("id").get<std::string>();
    for (File& file : files_) {
        if (!file.parsed) {
            result.errors.push_back(file.error);
            continue;
        }
        RenderBudget budget(file.partial_bytes, file.repeated_run);
        ViewContext context(view, *templates_, result, budget);
        OutputBuffer output{budget, {}};
        try {
            file.parsed->render(context, output);
        } catch (const RenderLimit& limit) {
            result.errors.push_back(file.where + ": " + limit.what);
            continue;
        }
        std::string content = output.text();
        if (!file.parsed->is_valid()) {
            result.errors.push_back(file.where + ": " + file.parsed->error_message());
        } else if (!context.missing_.empty()) {
            result.errors.push_back(file.where + ": names what the view model does not have: " +
                                    join(context.missing_) + " (see `errspec model SPEC`)");
        } else if (!context.escaped_in_partials_.empty()) {
            result.errors.push_back(file.where + ": partials print double-brace variables, which would HTML-escape: " +
                                    join(context.escaped_in_partials_));
        } else if (!context.too_deep_partials_.empty()) {
            result.errors.push_back(file.where + ": partials nest too deep (" + join(context.too_deep_partials_) +
                                    "); do they include each other in a loop?");
        } else if (!context.refused_partials_.empty()) {
            result.errors.push_back(file.where + ": " + join(context.refused_partials_));
        } else if (!context.missing_partials_.empty()) {
            result.errors.push_back(file.where + ": includes partials that do not exist: " +
                                    join(context.missing_partials_));
        } else {
            result.files.push_back({file.shared ? file.output_suffix : api_id + file.output_suffix, std::move(content)});
        }
    }
    return result;
}

RenderResult render_target(const Target& target, const View& view, const TemplateSet& templates) {
    return TargetTemplates(target, templates).render(view);
}

}  // namespace errspec
