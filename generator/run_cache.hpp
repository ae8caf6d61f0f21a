// `generate --cache FILE`: a run that would write the very files already there is skipped. The
// cache records a successful run: its settings (errspec's code, the working directory, the
// options), the digests of every file it could have read (the specs and every file of the
// --templates folder, taken before the run read them) and of every file it wrote (the outputs and
// the depfile, as written), and the messages it printed. A later run with the same settings and
// the same files read finds the recorded outputs still holding the recorded bytes, prints the
// messages again (as ccache replays a compiler's warnings) and stops: generation is deterministic,
// so rendering again would write those same bytes.
//
// Why it cannot keep a stale output: inputs are digested before the run reads them (an edit in
// between makes the next run differ, never match), outputs as this run wrote them (an edit after
// makes the next run differ), errspec's code by the build ids of the program and every library it
// loaded, and a run that read a file it had not digested is not recorded.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace errspec {

// What a run depends on besides its input files. Null when errspec cannot tell its own code apart
// (no build ids to be found): such a run is never cached.
nlohmann::json run_settings(const nlohmann::json& options);

// The digests of the files a run may read: each spec, and every file under the templates folder
// (the folder's listing matters too: a file added there overrides a built-in template). Nullopt
// when one cannot be read as a regular file; the run itself then reports the spec.
using Digests = std::map<std::string, std::string>;  // path -> digest
std::optional<Digests> input_digests(const std::vector<std::string>& spec_paths,
                                     const std::optional<std::filesystem::path>& templates_dir);

struct RecordedRun {
    nlohmann::json settings;
    Digests read;     // input_digests before the run
    Digests written;  // path -> digest of the bytes written there
    std::string messages;
};

// The digest of a file's bytes.
std::string digest(std::string_view bytes);

// The messages of the recorded run when `cache_file` holds a run with these settings and inputs
// whose outputs still hold the bytes it wrote; nullopt otherwise.
std::optional<std::string> replay(const std::filesystem::path& cache_file, const nlohmann::json& settings,
                                  const Digests& read);

// Records a successful run (atomically). False, with the reason, when the file cannot be written.
bool record(const std::filesystem::path& cache_file, const RecordedRun& run, std::string& problem);

}  // namespace errspec
