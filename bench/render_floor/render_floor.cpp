// A floor under errspec's render stage: kainjow/mustache rendering the cpp and markdown targets
// from Mustache data built whole beforehand, with kainjow's own context. errspec resolves names
// lazily against its JSON view instead (render.cpp), which costs more; no work on the view or the
// lookups can take rendering below this. bench/run prints it beside goal 1.
//
// Usage: errspec_render_floor SPEC. Prints JSON: median seconds over five renders of each target
// (each on a thread of its own, as errspec renders them) and the bytes rendered.
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "builtin_templates.hpp"
#include "forms.hpp"
#include "mustache_scalar.hpp"
#include "pipeline.hpp"
#include "targets.hpp"
#include "view.hpp"

namespace {

using namespace errspec;
namespace mustache = kainjow::mustache;

mustache::data to_mustache(const ViewJson& value) {
    switch (value.type()) {
    case ViewJson::value_t::object: {
        mustache::data object{mustache::data::type::object};
        for (const auto& [key, member] : value.items()) object.set(key, to_mustache(member));
        return object;
    }
    case ViewJson::value_t::array: {
        mustache::data list{mustache::data::type::list};
        for (const ViewJson& item : value) list.push_back(to_mustache(item));
        return list;
    }
    default:
        return mustache_scalar(value);
    }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: errspec_render_floor SPEC\n";
        return 2;
    }
    Diagnostics diagnostics(argv[1]);
    const std::optional<Spec> spec = load_checked(argv[1], diagnostics);
    if (!spec) return 1;
    const std::vector<const Target*> targets = {find_target("cpp"), find_target("markdown")};
    const ViewJson view = materialized(build_view(build_model(*spec), view_parts(targets)));
    mustache::data data = to_mustache(view);
    for (const auto& [name, text] : builtin_templates()) {
        constexpr std::string_view prefix = "_partials/", suffix = ".mustache";
        if (name.substr(0, prefix.size()) != prefix) continue;
        const std::string partial(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
        data.set(partial, mustache::partial([text = std::string(text)] { return text; }));
    }

    constexpr int runs = 5;
    ViewJson result;
    std::vector<std::vector<double>> times(targets.size());
    std::vector<std::size_t> bytes(targets.size());
    for (int run = 0; run < runs; ++run) {
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < targets.size(); ++t) {
            threads.emplace_back([&, t] {
                const auto start = std::chrono::steady_clock::now();
                bytes[t] = 0;
                for (const TargetFile& file : targets[t]->files) {
                    const auto found = TemplateSet{}.find(std::string(file.template_name));
                    mustache::mustache parsed{found->text};
                    bytes[t] += parsed.render(data).size();
                }
                times[t].push_back(seconds_since(start));
            });
        }
        for (std::thread& thread : threads) thread.join();
    }
    for (std::size_t t = 0; t < targets.size(); ++t) {
        std::sort(times[t].begin(), times[t].end());
        result[std::string(targets[t]->name)] = {{"seconds", times[t][runs / 2]}, {"bytes", bytes[t]}};
    }
    std::cout << result.dump() << '\n';
}
