#!/usr/bin/env python3
"""The C++ client's cost per seed API (issue 13), measured in one run against a baseline TU that
includes only the standard headers a client header needs:

- lines of the generated `x_client.cpp` (target <= 150);
- its `-O2` compile time (target <= 3.3x the baseline TU);
- the compile time of a TU that includes only `x_client.hpp` (target <= 1.6x the baseline TU);
- the stripped size one more API adds to a program that decodes errors (target <= 10 KB);
- `decode_error` against a bare `nlohmann::json::parse` (bench/decode; target <= 1.5x).

bench/run records this section with the rest; alone (after `cmake --build build --target errspec`):
    python3 bench/client_cost.py --errspec build/errspec --work build-bench/client
which rewrites only this section of bench/RESULTS.md.
"""
import argparse
import statistics
from pathlib import Path

from measure import ROOT, decode, run, timed, verdict

SEEDS = ["admaxxer", "creatoraudit", "trackpilots", "trakkr", "trendtrack"]
CXX_FLAGS = ["-std=c++17", "-O2"]
TITLE = "## The C++ client's cost per seed API"

# What a client header (with the runtime's and the cpp target's headers) needs of the standard
# library: the baseline.
BASELINE = """#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>
int main() { return 0; }
"""


def median_compile(source, include_dirs, runs, output="/dev/null"):
    includes = [f"-I{d}" for d in include_dirs]
    return statistics.median(timed(["g++", *CXX_FLAGS, *includes, "-c", str(source), "-o", output]).cpu
                             for _ in range(runs))


def program(api_ids, generated, runtime_lib, include_dirs, out):
    """A program decoding one error body with each API of `api_ids`, stripped: the size of its
    file, which the linker rounds to pages, and of its loaded sections (text, data, bss)."""
    main = out.with_suffix(".cpp")
    lines = [f'#include "{api}_client.hpp"' for api in api_ids]
    lines += ["int main(int argc, char** argv) {", "    int recognized = 0;"]
    lines += [f"    recognized += {api}::decode_error(argc, {{}}, argv[0]).recognized();" for api in api_ids]
    lines += ["    return recognized;", "}"]
    main.write_text("\n".join(lines) + "\n")
    sources = [str(main)] + [str(generated / f"{api}_{part}.cpp") for api in api_ids for part in ("errors", "client")]
    run(["g++", *CXX_FLAGS, *[f"-I{d}" for d in include_dirs], *sources, str(runtime_lib), "-o", str(out)])
    run(["strip", str(out)])
    sections = int(run(["size", str(out)]).stdout.splitlines()[1].split()[3])  # Berkeley format: dec
    return out.stat().st_size, sections


def measure(errspec, work, runs):
    work.mkdir(parents=True, exist_ok=True)
    generated = work / "generated"
    run([errspec, "generate", *[str(ROOT / "spec" / f"{api}.yaml") for api in SEEDS], "-o", str(generated),
         "--target", "cpp,cpp-client"])
    runtime_src = work / "errspec_runtime"
    run([errspec, "runtime", "-o", str(runtime_src)])
    include_dirs = [generated, runtime_src / "include"]
    objects = []
    for source in sorted((runtime_src / "src").glob("*.cpp")):
        obj = work / (source.stem + ".o")
        run(["g++", *CXX_FLAGS, f"-I{runtime_src / 'include'}", "-c", str(source), "-o", str(obj)])
        objects.append(str(obj))
    runtime_lib = work / "liberrspec_runtime.a"
    runtime_lib.unlink(missing_ok=True)
    run(["ar", "rcs", str(runtime_lib), *objects])

    baseline_source = work / "baseline.cpp"
    baseline_source.write_text(BASELINE)
    rows = []
    for api in SEEDS:
        header_tu = work / f"{api}_includes.cpp"
        header_tu.write_text(f'#include "{api}_client.hpp"\nint main() {{ return 0; }}\n')
        # The baseline alternates with the TUs it is compared with: the machine is shared.
        baseline = median_compile(baseline_source, include_dirs, runs)
        client = median_compile(generated / f"{api}_client.cpp", include_dirs, runs)
        header = median_compile(header_tu, include_dirs, runs)
        other = "trendtrack" if api != "trendtrack" else "creatoraudit"
        alone = program([other], generated, runtime_lib, include_dirs, work / f"only_{other}_for_{api}")
        both = program([other, api], generated, runtime_lib, include_dirs, work / f"{other}_and_{api}")
        lines = len((generated / f"{api}_client.cpp").read_text().splitlines())
        rows.append((api, lines, baseline, client, header, both[1] - alone[1], both[0] - alone[0]))
    decode_ns = decode(errspec, work)
    return rows, decode_ns


def section(rows, decode_ns):
    out = [TITLE, "",
           "Issue 13's targets, measured by `bench/client_cost.py` in one run: g++ `-O2`, CPU time, medians; "
           "each compile against a baseline TU that includes only the standard headers a client header needs "
           "(`<chrono>`, `<string>`, `<vector>`, `<system_error>`, `<optional>`, `<memory>`, ...), compiled "
           "alternately with it. \"Size\" is what one more API adds to a stripped program that decodes an "
           "error of each of its APIs with the runtime linked statically: its loaded sections (`size`: text, "
           "data, bss), and in brackets its file, which the linker grows a 4 KB page at a time. Of an API's "
           "size, its `error_from_code` slot table is 64 bytes per slot (32 slots, 2 KB, for 12 to 14 codes), "
           "and its texts cost no relocations (one `kTexts` per API).",
           "",
           "| API | `x_client.cpp` lines (≤ 150) | baseline TU | `x_client.cpp` compile (≤ 3.3×) | TU including `x_client.hpp` (≤ 1.6×) | stripped size of one more API (≤ 10 KB) |",
           "|---|---|---|---|---|---|"]
    for api, lines, baseline, client, header, size, file_size in rows:
        out.append(f"| {api} | {lines} {verdict(lines <= 150)} | {baseline:.3f} s | {client:.3f} s: "
                   f"**{client / baseline:.2f}×** {verdict(client / baseline <= 3.3)} | {header:.3f} s: "
                   f"**{header / baseline:.2f}×** {verdict(header / baseline <= 1.6)} | {size / 1024:.1f} KB "
                   f"(file: {file_size / 1024:.1f} KB) {verdict(size <= 10 * 1024)} |")
    out += ["", "| `decode_error` (the runtime's) vs a bare `nlohmann::json::parse` of the seed's example body | measured | target | |",
            "|---|---|---|---|"]
    for body in ("trendtrack", "trackpilots", "admaxxer"):
        parse_ns, decode_error_ns = decode_ns[(body, "parse")], decode_ns[(body, "decode")]
        out.append(f"| {body} | {decode_error_ns:.0f} ns vs {parse_ns:.0f} ns: **{decode_error_ns / parse_ns:.2f}×** | "
                   f"≤ 1.5× | {verdict(decode_error_ns / parse_ns <= 1.5)} |")
    return out


def splice(results, new_section):
    """RESULTS.md with this section replaced (or appended): up to the next `## ` heading."""
    lines = results.splitlines()
    if TITLE in lines:
        start = lines.index(TITLE)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = new_section + ([""] if end < len(lines) else [])
    else:
        lines += [""] + new_section
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--errspec", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke test")
    args = parser.parse_args()
    rows, decode_ns = measure(str(Path(args.errspec).resolve()), Path(args.work).resolve(), 3 if args.quick else 7)
    results = ROOT / "bench" / "RESULTS.md"
    results.write_text(splice(results.read_text(), section(rows, decode_ns)))
    print("\n".join(section(rows, decode_ns)))


if __name__ == "__main__":
    main()
