#include "render.hpp"

#include <pthread.h>

#include <kainjow/mustache.hpp>

#include <fstream>
#include <memory>
#include <deque>
#include <sstream>
#include <unordered_map>

#include "builtin_templates.hpp"
#include "forms.hpp"
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

// Resolves names against the JSON view directly, the way Mustache's own context does (innermost
// scope first, dotted names descending), but builds Mustache data only for the values a template
// reaches: converting a whole view to Mustache's data model costs many times the rendering
// (DEPENDENCIES.md). It remembers every name that resolved to nothing, and serves partials from
// the template set.
class ViewContext final : public mustache::basic_context<std::string> {
public:
    ViewContext(const nlohmann::json& root, const TemplateSet& templates, RenderResult& result)
        : root_(root), templates_(templates), result_(result) {
        scopes_.push_back({&data_for(root), &root});
    }

    // Mustache pushes either an object this context handed out or an item of a list it handed
    // out; find which JSON value that is.
    // Looked up, not searched: every lookup of a list or object hands out a new one, so a search
    // made rendering quadratic in the codes (65 535 codes: four minutes for the cpp-client target).
    void push(const mustache::data* data) override {
        const nlohmann::json* json = nullptr;
        // Lists never overlap: only the one that starts last at or before `data` can hold it.
        auto list = lists_.upper_bound(data);
        if (list != lists_.begin()) {
            --list;
            const std::size_t index = static_cast<std::size_t>(data - list->first);
            if (index < list->second->size()) json = &(*list->second)[index];
        }
        if (json == nullptr) {
            const auto object = objects_.find(data);
            if (object != objects_.end()) json = object->second;
        }
        scopes_.push_back({data, json});
    }
    void pop() override { scopes_.pop_back(); }

    const mustache::data* get(const std::string& name) const override {
        if (name == ".") return scopes_.back().data;
        const std::size_t dot = name.find('.');
        const std::string first = dot == std::string::npos ? std::string() : name.substr(0, dot);
        const std::string& head = dot == std::string::npos ? name : first;
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            if (scope->json == nullptr || !scope->json->is_object()) continue;
            const nlohmann::json* value = member(*scope->json, head);
            if (value == nullptr) {
                if (dot == std::string::npos) {
                    if (const mustache::data* form = lazy_form(*scope->json, name)) return form;
                }
                continue;
            }
            // Dotted names descend from where their first part resolved; the last part may be a form.
            for (std::size_t at = dot; at != std::string::npos && value != nullptr;) {
                const std::size_t next = name.find('.', at + 1);
                const std::string part = name.substr(at + 1, next == std::string::npos ? next : next - at - 1);
                const nlohmann::json* child = value->is_object() ? member(*value, part) : nullptr;
                if (value->is_object() && child == nullptr && next == std::string::npos) {
                    if (const mustache::data* form = lazy_form(*value, part)) return form;
                }
                value = child;
                at = next;
            }
            if (value == nullptr) break;
            return &data_for(*value);
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
        if (cached != partials_.end()) return &cached->second;
        const auto found = templates_.find("_partials/" + name + ".mustache");
        if (!found) {
            missing_partials_.insert(name);
            return nullptr;
        }
        if (!found->file.empty()) result_.inputs.insert(found->file);
        if (const std::string tag = find_escaped_variable(found->text); !tag.empty()) {
            escaped_in_partials_.insert(name + " (" + tag + ")");
            return nullptr;
        }
        return &partials_.emplace(name, mustache::data{found->text}).first->second;
    }

    mutable std::set<std::string> missing_, missing_partials_, escaped_in_partials_, too_deep_partials_;

private:
    struct Scope {
        const mustache::data* data;
        const nlohmann::json* json;
    };
    // The member `key` of `object`, or of the object it extends (forms::extend), and which one has it.
    struct Member {
        const nlohmann::json* holder = nullptr;
        const nlohmann::json* value = nullptr;
    };
    Member find_member(const nlohmann::json& object, const std::string& key) const {
        for (const nlohmann::json* at = &object; at != nullptr; at = base_of(*at)) {
            const auto found = at->find(key);
            if (found != at->end()) return {at, &*found};
        }
        return {};
    }

    const nlohmann::json* member(const nlohmann::json& object, const std::string& key) const {
        return find_member(object, key).value;
    }

    const nlohmann::json* base_of(const nlohmann::json& object) const {
        const auto cached = bases_.find(&object);
        if (cached != bases_.end()) return cached->second;
        return bases_.emplace(&object, forms::base_of(root_, object)).first->second;
    }

    // A form of a text of `object` (`title_cpp` of `title`), computed on first use (forms.hpp).
    const mustache::data* lazy_form(const nlohmann::json& object, const std::string& name) const {
        const auto parts = forms::split(name);
        if (!parts) return nullptr;
        const auto [holder, text_value] = find_member(object, parts->first);
        if (holder == nullptr) return nullptr;
        const auto key = std::make_pair(holder, name);
        const auto cached = forms_.find(key);
        if (cached != forms_.end()) return cached->second;
        const auto kind = forms::kind_of(*holder, parts->first);
        if (!kind) return nullptr;
        std::optional<std::string> text = forms::form(text_value->get_ref<const std::string&>(), *kind, parts->second);
        if (!text) return nullptr;
        const mustache::data* data = &values_.emplace_back(std::move(*text));
        forms_.emplace(key, data);
        return data;
    }

    // The Mustache value of a JSON value. Objects become empty Mustache objects, resolved by this
    // context once pushed as a scope; lists hold one such object per item.
    const mustache::data& data_for(const nlohmann::json& value) const {
        const mustache::data& data = values_.emplace_back(make_data(value));
        if (value.is_object()) objects_.emplace(&data, &value);
        // A list's items are contiguous (a std::vector): keyed by the first.
        if (data.is_non_empty_list()) lists_.emplace(&data.list_value().front(), &value);
        return data;
    }

    static mustache::data make_data(const nlohmann::json& value) {
        switch (value.type()) {
        case nlohmann::json::value_t::object:
            return mustache::data{mustache::data::type::object};
        case nlohmann::json::value_t::array: {
            mustache::data list{mustache::data::type::list};
            for (const nlohmann::json& item : value) {
                list.push_back(item.is_object() || item.is_array() ? mustache::data{mustache::data::type::object}
                                                                   : make_data(item));
            }
            return list;
        }
        default:
            return mustache_scalar(value);
        }
    }

    const nlohmann::json& root_;
    std::vector<Scope> scopes_;
    mutable std::deque<mustache::data> values_;  // stable addresses for everything handed out
    mutable std::unordered_map<const mustache::data*, const nlohmann::json*> objects_;
    mutable std::map<const mustache::data*, const nlohmann::json*> lists_;
    mutable std::map<std::pair<const nlohmann::json*, std::string>, const mustache::data*> forms_;
    mutable std::unordered_map<const nlohmann::json*, const nlohmann::json*> bases_;
    const TemplateSet& templates_;
    RenderResult& result_;
    mutable std::map<std::string, mustache::data> partials_;
    mutable std::optional<const char*> stack_floor_;  // known once a partial reaches the renderer
};

// Collects rendered text in one string. Mustache's default std::ostringstream reallocates its
// buffer among many small frees, which sends glibc's allocator into repeated consolidation and
// made rendering grow faster than linearly with the number of codes.
struct OutputBuffer {
    std::string text;
    OutputBuffer& operator<<(const std::string& piece) {
        if (text.capacity() - text.size() < piece.size()) text.reserve(2 * text.capacity() + piece.size() + 65536);
        text += piece;
        return *this;
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

// Deeper than this, partials that include partials are taken for a loop.
constexpr int k_max_partial_depth = 16;

// The template with its partials spliced in where their tags stand, so that it is parsed once:
// kainjow parses a partial again at every inclusion (the docs page's reference once per spec, the
// banner in every file). A partial renders as its text in place of its tag would: in the same
// context, on the same line. Not across a change of delimiters, so tags after one, and partials
// that make one, stay for the renderer, as do partials that are missing or print double-brace
// variables (the render context reports those). Partials read from disk go to `inputs`.
std::string with_partials(const std::string& text, const TemplateSet& templates, std::set<std::string>& inputs,
                          std::string& error, int depth = 0) {
    std::string out;
    std::size_t copied = 0;
    for (auto tag = next_tag(text, 0); tag && tag->kind != '=' && tag->end != std::string::npos;
         tag = next_tag(text, tag->end)) {
        if (tag->kind == '>') {
            const std::size_t name_start = text.find_first_not_of(' ', tag->inner + 1);
            const std::size_t name_end = text.find_last_not_of(' ', tag->end - 3) + 1;
            const std::string name = name_start < name_end ? text.substr(name_start, name_end - name_start) : "";
            const auto found = templates.find("_partials/" + name + ".mustache");
            if (found && found->text.find("{{=") == std::string::npos && find_escaped_variable(found->text).empty()) {
                if (depth == k_max_partial_depth) {
                    error = "partials include each other more than " + std::to_string(k_max_partial_depth) +
                            " deep (" + name + "); do they include each other in a loop?";
                    return text;
                }
                if (!found->file.empty()) inputs.insert(found->file);
                out.append(text, copied, tag->start - copied);
                out += with_partials(found->text, templates, inputs, error, depth + 1);
                copied = tag->end;
            }
        }
    }
    out.append(text, copied, std::string::npos);
    return out;
}

}  // namespace

TemplateSet::TemplateSet(std::optional<std::filesystem::path> override_dir) : override_dir_(std::move(override_dir)) {}

std::optional<TemplateSet::Found> TemplateSet::find(const std::string& name) const {
    if (override_dir_) {
        const std::filesystem::path path = *override_dir_ / name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) {
            std::ifstream in(path, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            return Found{text.str(), path.string()};
        }
    }
    for (const auto& [builtin_name, text] : builtin_templates()) {
        if (builtin_name == name) return Found{std::string(text), {}};
    }
    return std::nullopt;
}

struct TargetTemplates::File {
    std::string where;          // "template cpp/errors.hpp.mustache" or the file it was read from
    std::string output_suffix;
    bool shared = false;  // named output_suffix alone
    std::optional<mustache::mustache> parsed;
    std::string error;          // why there is no parsed template
};

TargetTemplates::TargetTemplates(const Target& target, const TemplateSet& templates) : templates_(&templates) {
    for (const TargetFile& target_file : target.files) {
        const std::string name(target_file.template_name);
        File& file = files_.emplace_back(
            File{"template " + name, std::string(target_file.output_suffix), target_file.shared, {}, {}});
        const auto found = templates.find(name);
        if (!found) {
            file.error = file.where + ": not found";
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
        std::string partial_error;
        const std::string text = with_partials(found->text, templates, inputs_, partial_error);
        if (!partial_error.empty()) {
            file.error = file.where + ": " + partial_error;
            continue;
        }
        file.parsed.emplace(text);
        if (!file.parsed->is_valid()) {
            file.error = file.where + ": " + file.parsed->error_message();
            file.parsed.reset();
        }
    }
}

TargetTemplates::TargetTemplates(TargetTemplates&&) noexcept = default;
TargetTemplates::~TargetTemplates() = default;

RenderResult TargetTemplates::render(const nlohmann::json& view) {
    RenderResult result;
    result.inputs = inputs_;
    const std::string api_id = view.at("api").at("id").get<std::string>();
    for (File& file : files_) {
        if (!file.parsed) {
            result.errors.push_back(file.error);
            continue;
        }
        ViewContext context(view, *templates_, result);
        OutputBuffer output;
        file.parsed->render(context, output);
        std::string content = std::move(output.text);
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
        } else if (!context.missing_partials_.empty()) {
            result.errors.push_back(file.where + ": includes partials that do not exist: " +
                                    join(context.missing_partials_));
        } else {
            result.files.push_back({file.shared ? file.output_suffix : api_id + file.output_suffix, std::move(content)});
        }
    }
    return result;
}

RenderResult render_target(const Target& target, const nlohmann::json& view, const TemplateSet& templates) {
    return TargetTemplates(target, templates).render(view);
}

}  // namespace errspec
