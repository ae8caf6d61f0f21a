#include "render.hpp"

#include <kainjow/mustache.hpp>

#include <fstream>
#include <sstream>

#include "builtin_templates.hpp"

namespace errspec {
namespace {

namespace mustache = kainjow::mustache;

mustache::data to_data(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::object: {
        mustache::data object{mustache::data::type::object};
        for (const auto& [key, item] : value.items()) object.set(key, to_data(item));
        return object;
    }
    case nlohmann::json::value_t::array: {
        mustache::data list{mustache::data::type::list};
        for (const auto& item : value) list.push_back(to_data(item));
        return list;
    }
    case nlohmann::json::value_t::string:
        return mustache::data{value.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean:
        return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null:
        return mustache::data{false};
    default:
        return mustache::data{value.dump()};
    }
}

// Templates print precomputed forms with triple braces ({{{message_cpp}}}); a double-brace
// variable would HTML-escape into code, so it is refused. Returns the offending tag or "".
std::string find_escaped_variable(const std::string& text) {
    for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
        const std::size_t inner = text.find_first_not_of(' ', at + 2);
        if (inner == std::string::npos) break;
        if (std::string_view("{#^/>!&=").find(text[inner]) != std::string_view::npos) {
            if (text[inner] == '{') at = text.find("}}}", inner);
            if (at == std::string::npos) break;
            continue;
        }
        const std::size_t end = text.find("}}", inner);
        return text.substr(at, end == std::string::npos ? std::string::npos : end + 2 - at);
    }
    return {};
}

// Resolves names as Mustache does, but remembers every name that resolved to nothing, and serves
// partials from the template set instead of the data.
class StrictContext final : public mustache::basic_context<std::string> {
public:
    StrictContext(const mustache::data& root, const TemplateSet& templates, RenderResult& result)
        : templates_(templates), result_(result) {
        inner_.push(&root);
    }

    void push(const mustache::data* data) override { inner_.push(data); }
    void pop() override { inner_.pop(); }

    const mustache::data* get(const std::string& name) const override {
        const mustache::data* found = inner_.get(name);
        if (found == nullptr) missing_.insert(name);
        return found;
    }

    const mustache::data* get_partial(const std::string& name) const override {
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

    mutable std::set<std::string> missing_, missing_partials_, escaped_in_partials_;

private:
    mustache::context<std::string> inner_;
    const TemplateSet& templates_;
    RenderResult& result_;
    mutable std::map<std::string, mustache::data> partials_;
};

std::size_t line_of_offset(const std::string& text, std::size_t offset) {
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

std::string join(const std::set<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
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

MustacheView::MustacheView(const nlohmann::json& view)
    : api_id_(view.at("api").at("id").get<std::string>()),
      data_(std::make_shared<const mustache::data>(to_data(view))) {}

MustacheView::~MustacheView() = default;

RenderResult render_target(const Target& target, const MustacheView& view, const TemplateSet& templates) {
    RenderResult result;
    const auto& root = *static_cast<const mustache::data*>(view.data());
    for (const TargetFile& file : target.files) {
        const std::string name(file.template_name);
        const auto found = templates.find(name);
        if (!found) {
            result.errors.push_back("template " + name + ": not found");
            continue;
        }
        const std::string where = "template " + (found->file.empty() ? name : found->file);
        if (!found->file.empty()) result.inputs.insert(found->file);
        if (const std::string tag = find_escaped_variable(found->text); !tag.empty()) {
            result.errors.push_back(where + ":" + std::to_string(line_of_offset(found->text, found->text.find(tag))) +
                                    ": " + tag + " would HTML-escape; print a precomputed form with triple braces, "
                                                 "e.g. {{{message_cpp}}}");
            continue;
        }
        mustache::mustache tmpl{found->text};
        if (!tmpl.is_valid()) {
            result.errors.push_back(where + ": " + tmpl.error_message());
            continue;
        }
        StrictContext context(root, templates, result);
        std::string content = tmpl.render(context);
        if (!tmpl.is_valid()) {
            result.errors.push_back(where + ": " + tmpl.error_message());
        } else if (!context.missing_.empty()) {
            result.errors.push_back(where + ": names what the view model does not have: " + join(context.missing_) +
                                    " (see `errspec model SPEC`)");
        } else if (!context.escaped_in_partials_.empty()) {
            result.errors.push_back(where + ": partials print double-brace variables, which would HTML-escape: " +
                                    join(context.escaped_in_partials_));
        } else if (!context.missing_partials_.empty()) {
            result.errors.push_back(where + ": includes partials that do not exist: " + join(context.missing_partials_));
        } else {
            result.files.push_back({view.api_id() + std::string(file.output_suffix), std::move(content)});
        }
    }
    return result;
}

}  // namespace errspec
