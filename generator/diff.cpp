#include "diff.hpp"

#include <algorithm>
#include <map>

#include "diagnostics.hpp"

namespace errspec {
namespace {

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

class Differ {
public:
    Differ(const Model& before, const Model& after) : before_(before), after_(after) {}

    std::vector<SpecChange> run() {
        compare_api();
        compare_envelope();
        compare_errors();
        std::stable_partition(changes_.begin(), changes_.end(), [](const SpecChange& c) { return c.breaking; });
        return std::move(changes_);
    }

private:
    void add(std::string kind, bool breaking, std::string code, std::string message) {
        changes_.push_back({std::move(kind), breaking, std::move(code), std::move(message)});
    }

    void compare_api() {
        if (before_.api.id != after_.api.id) {
            add("api_id_changed", true, "", "api.id changed from " + in_quotes(before_.api.id) + " to " +
                                                in_quotes(after_.api.id) + ": the C++ namespace and file names change");
        }
        if (before_.integer_codes != after_.integer_codes) {
            add("code_type_changed", true, "", std::string("codes changed from ") +
                                                   (before_.integer_codes ? "integers to strings" : "strings to integers"));
        }
        if (before_.headers.request_id != after_.headers.request_id) {
            add("header_changed", true, "", "the request id header changed from " +
                                                in_quotes(before_.headers.request_id) + " to " +
                                                in_quotes(after_.headers.request_id));
        }
        if (before_.headers.retry_after != after_.headers.retry_after) {
            add("header_changed", true, "", "the Retry-After header changed from " +
                                                in_quotes(before_.headers.retry_after) + " to " +
                                                in_quotes(after_.headers.retry_after));
        }
    }

    // A slot's dotted path; the list of errors shows as `errors[]` (`errors[].extensions.code`).
    static std::string describe(const Slot& slot, const Envelope& envelope) {
        std::string path;
        for (std::size_t i = 0; i < slot.path.size(); ++i) {
            path += (path.empty() ? "" : ".") + slot.path[i];
            if (slot.in_list && i + 1 == envelope.list_path.size()) path += "[]";
        }
        if (!slot.alone()) path += " (in \"" + slot.prefix + "${" + slot.name + "}" + slot.suffix + "\")";
        return path;
    }

    static std::string json_type(const Slot& slot) { return slot.number ? "a JSON number" : "a JSON string"; }

    void compare_envelope() {
        for (const Slot& old_slot : before_.envelope.slots) {
            const Slot* new_slot = after_.envelope.slot(old_slot.name);
            if (new_slot == nullptr) {
                add("envelope_field_removed", true, "", "${" + old_slot.name + "} is no longer in the envelope (was at " +
                                                            describe(old_slot, before_.envelope) + ")");
            } else if (old_slot.path != new_slot->path || old_slot.prefix != new_slot->prefix ||
                       old_slot.suffix != new_slot->suffix || old_slot.in_list != new_slot->in_list) {
                add("envelope_field_moved", true, "", "${" + old_slot.name + "} moved from " +
                                                          describe(old_slot, before_.envelope) + " to " +
                                                          describe(*new_slot, after_.envelope));
            } else if (old_slot.number != new_slot->number) {
                add("envelope_type_changed", true, "", "${" + old_slot.name + "} at " + describe(old_slot, before_.envelope) +
                                                           " was " + json_type(old_slot) + ", now " + json_type(*new_slot));
            }
        }
        for (const Slot& new_slot : after_.envelope.slots) {
            if (before_.envelope.slot(new_slot.name) == nullptr) {
                add("envelope_field_added", false, "", "${" + new_slot.name + "} added at " + describe(new_slot, after_.envelope));
            }
        }
    }

    static const Error* find(const Model& model, const std::string& code) {
        for (const Error& error : model.errors) {
            if (error.code == code) return &error;
        }
        return nullptr;
    }

    // A removed code whose enumerator or enum value lives on under another code was renamed.
    const Error* renamed_to(const Error& removed) const {
        for (const Error& error : after_.errors) {
            if (find(before_, error.code) != nullptr) continue;
            if (error.enumerator == removed.enumerator || error.value == removed.value) return &error;
        }
        return nullptr;
    }

    void compare_errors() {
        for (const Error& old_error : before_.errors) {
            const Error* new_error = find(after_, old_error.code);
            if (new_error == nullptr) {
                if (const Error* renamed = renamed_to(old_error)) {
                    add("code_renamed", true, old_error.code, "code " + in_quotes(old_error.code) + " renamed to " +
                                                                  in_quotes(renamed->code) +
                                                                  ": clients matching the old code no longer match");
                } else {
                    add("code_removed", true, old_error.code, "code " + in_quotes(old_error.code) + " removed");
                }
                continue;
            }
            compare_error(old_error, *new_error);
        }
        for (const Error& new_error : after_.errors) {
            if (find(before_, new_error.code) != nullptr) continue;
            const bool is_rename_target = std::any_of(before_.errors.begin(), before_.errors.end(), [&](const Error& e) {
                return find(after_, e.code) == nullptr && renamed_to(e) == &new_error;
            });
            if (!is_rename_target) add("code_added", false, new_error.code, "code " + in_quotes(new_error.code) + " added");
        }
    }

    void compare_error(const Error& old_error, const Error& new_error) {
        const std::string& code = old_error.code;
        if (old_error.status != new_error.status) {
            add("status_changed", true, code, "status of " + in_quotes(code) + " changed from " +
                                                  std::to_string(old_error.status) + " to " +
                                                  std::to_string(new_error.status));
        }
        if (old_error.value != new_error.value) {
            add("enum_value_changed", true, code, "enum value of " + in_quotes(code) + " changed from " +
                                                      std::to_string(old_error.value) + " to " +
                                                      std::to_string(new_error.value) + "; pin it with id: " +
                                                      std::to_string(old_error.value));
        }
        if (old_error.enumerator != new_error.enumerator) {
            add("enumerator_changed", true, code, "C++ name of " + in_quotes(code) + " changed from " +
                                                      old_error.enumerator + " to " + new_error.enumerator);
        }
        if (old_error.retry != new_error.retry) {
            add("retry_changed", true, code, "retry of " + in_quotes(code) + " changed from " +
                                                 std::string(to_string(old_error.retry)) + " to " +
                                                 std::string(to_string(new_error.retry)));
        }
        if (match_text(old_error) != match_text(new_error)) {
            add("match_changed", true, code, "match rule of " + in_quotes(code) + " changed from " +
                                                 match_text(old_error) + " to " + match_text(new_error));
        }
        if (old_error.params != new_error.params) {
            add("params_changed", true, code, "message parameters of " + in_quotes(code) + " changed from (" +
                                                  params_text(old_error) + ") to (" + params_text(new_error) + ")");
        }
        if (old_error.message != new_error.message) {
            add("message_changed", false, code, "message of " + in_quotes(code) + " changed");
        }
    }

    static std::string match_text(const Error& error) {
        if (!error.match) return "none";
        std::string text;
        if (error.match->status) text += "status " + std::to_string(*error.match->status);
        if (error.match->message) text += (text.empty() ? "" : ", ") + std::string("message \"") + *error.match->message + "\"";
        if (error.match->message_contains) {
            text += (text.empty() ? "" : ", ") + std::string("message containing \"") + *error.match->message_contains + "\"";
        }
        return text;
    }

    static std::string params_text(const Error& error) {
        std::string text;
        for (const Param& param : error.params) text += (text.empty() ? "" : ", ") + param.name + ": " + param.type;
        return text;
    }

    const Model& before_;
    const Model& after_;
    std::vector<SpecChange> changes_;
};

}  // namespace

std::vector<SpecChange> diff_models(const Model& before, const Model& after) { return Differ(before, after).run(); }

std::string changes_to_text(const std::vector<SpecChange>& changes) {
    std::string text;
    std::size_t breaking = 0;
    for (const SpecChange& change : changes) {
        text += (change.breaking ? "breaking: " : "compatible: ") + printable(change.message) + "\n";
        breaking += change.breaking ? 1 : 0;
    }
    text += std::to_string(breaking) + " breaking change" + (breaking == 1 ? "" : "s") + ", " +
            std::to_string(changes.size() - breaking) + " compatible\n";
    return text;
}

nlohmann::json changes_to_json(const std::vector<SpecChange>& changes) {
    nlohmann::json list = nlohmann::json::array();
    std::size_t breaking = 0;
    for (const SpecChange& change : changes) {
        list.push_back({{"kind", change.kind}, {"breaking", change.breaking}, {"code", change.code}, {"message", change.message}});
        breaking += change.breaking ? 1 : 0;
    }
    return {{"breaking", breaking}, {"changes", list}};
}

}  // namespace errspec
