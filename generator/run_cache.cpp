#include "run_cache.hpp"

#if __has_include(<link.h>)
#include <link.h>
#define ERRSPEC_HAS_DL_ITERATE_PHDR 1
#endif
#include <sys/stat.h>

#include <cstring>
#include <functional>
#include <limits>

#include "files.hpp"
#include "limits.hpp"
#include "write.hpp"

namespace errspec {
namespace {

std::string hex(const unsigned char* bytes, std::size_t count) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

#ifdef ERRSPEC_HAS_DL_ITERATE_PHDR
// The GNU build id among an object's notes: the linker's digest of everything linked into it.
std::string build_id(const dl_phdr_info& object) {
    for (int i = 0; i < object.dlpi_phnum; ++i) {
        const ElfW(Phdr)& header = object.dlpi_phdr[i];
        if (header.p_type != PT_NOTE) continue;
        const std::size_t align = header.p_align < 4 ? 4 : header.p_align;
        const auto padded = [align](std::size_t size) { return (size + align - 1) / align * align; };
        const auto* note = reinterpret_cast<const unsigned char*>(object.dlpi_addr + header.p_vaddr);
        const unsigned char* const end = note + header.p_memsz;
        while (static_cast<std::size_t>(end - note) >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) entry;
            std::memcpy(&entry, note, sizeof entry);
            const unsigned char* name = note + sizeof entry;
            const unsigned char* desc = name + padded(entry.n_namesz);
            if (desc + entry.n_descsz > end) break;
            if (entry.n_type == NT_GNU_BUILD_ID && entry.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
                return hex(desc, entry.n_descsz);
            }
            note = desc + padded(entry.n_descsz);
        }
    }
    return {};
}

// An object without a build id is known by its file's size and modification time, as ccache
// knows a compiler.
std::string file_identity(const char* path) {
    struct stat status {};
    if (::stat(path, &status) != 0) return {};
    return std::to_string(status.st_size) + "@" + std::to_string(status.st_mtim.tv_sec) + "." +
           std::to_string(status.st_mtim.tv_nsec);
}

int add_object(dl_phdr_info* object, std::size_t, void* data) {
    auto& objects = *static_cast<nlohmann::json*>(data);
    const bool program = object->dlpi_name == nullptr || object->dlpi_name[0] == '\0';
    const std::string name = program ? "errspec" : object->dlpi_name;
    // The kernel's vDSO (clock and time calls) is no file, and writes no output.
    if (name.rfind("linux-vdso", 0) == 0 || name.rfind("linux-gate", 0) == 0) return 0;
    std::string id = build_id(*object);
    if (id.empty()) id = file_identity(program ? "/proc/self/exe" : object->dlpi_name);
    if (id.empty()) {
        objects = nullptr;  // one object that cannot be told apart: no cache at all
        return 1;
    }
    objects.push_back({name, id});
    return 0;
}
#endif

// errspec's code: the program and every library it loaded, kainjow's Mustache and yaml-cpp too.
nlohmann::json code_identity() {
    nlohmann::json objects = nlohmann::json::array();
#ifdef ERRSPEC_HAS_DL_ITERATE_PHDR
    dl_iterate_phdr(add_object, &objects);
    return objects;
#else
    return nullptr;
#endif
}

std::optional<std::string> file_digest(const std::string& path) {
    const FileRead file = read_regular_file(path, limits::max_file_bytes);
    if (file.status != FileRead::Status::ok) return std::nullopt;
    return digest(file.bytes);
}

}  // namespace

std::string digest(std::string_view bytes) {
    const std::size_t hash = std::hash<std::string_view>{}(bytes);
    return std::to_string(bytes.size()) + ":" + std::to_string(hash);
}

nlohmann::json run_settings(const nlohmann::json& options) {
    nlohmann::json code = code_identity();
    if (code.is_null()) return nullptr;
    std::error_code ec;
    const std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (ec) return nullptr;
    // Relative paths in the options, the depfile and the banners mean what they mean from here.
    return {{"code", std::move(code)}, {"directory", cwd.string()}, {"options", options}};
}

std::optional<Digests> input_digests(const std::vector<std::string>& spec_paths,
                                     const std::optional<std::filesystem::path>& templates_dir) {
    Digests digests;
    for (const std::string& path : spec_paths) {
        auto spec = file_digest(path);
        if (!spec) return std::nullopt;
        digests[path] = std::move(*spec);
    }
    if (!templates_dir) return digests;
    // The files a run may read: regular files reached without a symbolic link (TemplateSet reads
    // no other, and a link could lead this walk anywhere).
    std::error_code ec;
    auto entry = std::filesystem::recursive_directory_iterator(*templates_dir, ec);
    for (; !ec && entry != std::filesystem::recursive_directory_iterator(); entry.increment(ec)) {
        if (entry->symlink_status(ec).type() != std::filesystem::file_type::regular) continue;
        const std::string path = entry->path().lexically_normal().string();
        auto text = file_digest(path);
        if (!text) return std::nullopt;
        digests[path] = std::move(*text);
    }
    if (ec) return std::nullopt;
    return digests;
}

std::optional<std::string> replay(const std::filesystem::path& cache_file, const nlohmann::json& settings,
                                  const Digests& read) {
    if (settings.is_null()) return std::nullopt;
    const FileRead file = read_regular_file(cache_file.string(), limits::max_file_bytes);
    if (file.status != FileRead::Status::ok) return std::nullopt;
    const nlohmann::json recorded = nlohmann::json::parse(file.bytes, nullptr, false);
    if (!recorded.is_object() || recorded.value("settings", nlohmann::json()) != settings ||
        recorded.value("read", nlohmann::json()) != nlohmann::json(read)) {
        return std::nullopt;
    }
    const nlohmann::json written = recorded.value("written", nlohmann::json());
    const nlohmann::json messages = recorded.value("messages", nlohmann::json());
    if (!written.is_object() || !messages.is_string()) return std::nullopt;
    for (const auto& [path, expected] : written.items()) {
        const FileRead output = read_regular_file(path, std::numeric_limits<std::size_t>::max());
        if (output.status != FileRead::Status::ok || expected != digest(output.bytes)) return std::nullopt;
    }
    return messages.get<std::string>();
}

bool record(const std::filesystem::path& cache_file, const RecordedRun& run, std::string& problem) {
    const nlohmann::json recorded = {
        {"settings", run.settings}, {"read", run.read}, {"written", run.written}, {"messages", run.messages}};
    std::string text;
    try {
        text = recorded.dump(1) + "\n";
    } catch (const nlohmann::json::type_error&) {
        return true;  // a path or message that is not UTF-8 has no JSON form: such a run is not cached
    }
    bool changed = false;
    return write_if_different(cache_file, text, changed, problem);
}

}  // namespace errspec
