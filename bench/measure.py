#!/usr/bin/env python3
"""errspec's performance comparisons, each against its peer in the same run (bench/run calls this).

Ratios, not absolute times, are the results: the machine is shared and noisy, so every
comparison alternates the two sides and takes medians. Writes bench/RESULTS.md.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The peer and the spec generator, beside the checkout (or beside the folder of its worktrees).
SHARED_BENCH = next((folder for folder in (ROOT.parent / "shared" / "bench", ROOT.parent.parent / "shared" / "bench")
                     if folder.is_dir()), ROOT.parent / "shared" / "bench")
CXX_FLAGS = ["-std=c++17", "-O2", f"-I{ROOT / 'runtime' / 'include'}"]  # generated headers include the runtime's


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


class Time:
    """Wall seconds, CPU seconds (user + system, every thread) and peak memory (max RSS, bytes) of
    one run: on a shared machine wall time measures the neighbours too, so all are recorded."""

    def __init__(self, wall, cpu, rss=0):
        self.wall, self.cpu, self.rss = wall, cpu, rss

    @staticmethod
    def median(times):
        return Time(statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times),
                    statistics.median(t.rss for t in times))


def timed(cmd):
    """Runs `cmd` with its output discarded; its own resource use (os.wait4), not that of earlier
    children: the peak memory of all children so far is all RUSAGE_CHILDREN can tell."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, cmd, stderr=stderr)
    return Time(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def output_mb(folder):
    return sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6


def make_spec(work, count, api_id="synthetic"):
    path = work / f"{api_id}_{count}.yaml"
    if not path.exists():
        with open(path, "w") as out:
            subprocess.run([sys.executable, str(SHARED_BENCH / "make_spec.py"), str(count), api_id], check=True, stdout=out)
    return path


SIZES = (1000, 10000, 50000)


def generation(errspec, work, runs):
    """errspec generate --target cpp,markdown against peer_jinja2.py, each side alternating with
    the other, medians, at each of SIZES (10 000 codes, the goal's size, `runs` times; the others
    half as often); and errspec check of the 10 000-code spec (read, parse, check: what every
    generation does first, and the first part of the floor)."""
    results, check, one_core = {}, [], []
    for count in SIZES:
        spec = make_spec(work, count)
        ours, peer = [], []
        for _ in range(runs if count == 10000 else max(3, runs // 2)):
            shutil.rmtree(work / "gen-ours", ignore_errors=True)
            ours.append(timed([errspec, "generate", str(spec), "-o", str(work / "gen-ours"), "--target", "cpp,markdown"]))
            peer.append(timed(["/usr/bin/python3", str(SHARED_BENCH / "peer_jinja2.py"), str(spec), str(work / "gen-peer")]))
            if count == 10000:
                check.append(timed([errspec, "check", str(spec)]))
                # What errspec's threads buy: the same run on one core.
                shutil.rmtree(work / "gen-one-core", ignore_errors=True)
                one_core.append(timed(["taskset", "-c", "0", errspec, "generate", str(spec), "-o", str(work / "gen-one-core"),
                                       "--target", "cpp,markdown"]))
        results[count] = (Time.median(ours), Time.median(peer))
        if count == 10000:
            results["output_mb"] = output_mb(work / "gen-ours")
            results["one_core"] = Time.median(one_core)
    return results, Time.median(check)


def render_floor(errspec, work):
    """kainjow rendering the 10k spec's cpp and markdown targets from Mustache data built whole
    beforehand (bench/render_floor): what rendering costs with no view or lookup work at all."""
    floor = json.loads(run([str(Path(errspec).parent / "errspec_render_floor"), str(make_spec(work, 10000))]).stdout)
    return {target: floor[target]["seconds"] for target in ("cpp", "markdown")}


def no_op(errspec, work, runs):
    """A second generation of every spec in spec/ touches nothing; its time, with the run cache (as
    errspec_generate runs it) and without, alternating."""
    out = work / "noop"
    specs = sorted(str(p) for p in (ROOT / "spec").glob("*.yaml"))
    generate = [errspec, "generate", *specs, "-o", str(out)]
    cached = generate + ["--cache", str(work / "noop.cache")]
    run(cached)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    with_cache, without_cache = [], []
    for _ in range(3 * runs):
        with_cache.append(timed(cached))
        without_cache.append(timed(generate))
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    touched = sum(1 for name in before if before[name] != after.get(name))
    return Time.median(with_cache), Time.median(without_cache), touched, len(before)


def gperf_input(codes, class_name):
    lines = ["%language=C++", f"%define class-name {class_name}", "%define lookup-function-name in_word_set",
             "%readonly-tables", "%compare-lengths", "%%"]
    return "\n".join(lines + codes) + "\n"


def benchmark_medians(binary, field):
    """Runs a Google Benchmark binary with nine repetitions and returns, per benchmark name, the
    median of `field` over them: repetitions even out the noise of a shared machine, and run in
    random order across benchmarks, so that a busy spell slows both sides of a ratio alike."""
    result = json.loads(run([str(binary), "--benchmark_format=json", "--benchmark_min_time=0.2",
                             "--benchmark_repetitions=9", "--benchmark_enable_random_interleaving=true"]).stdout)
    values = {}
    for bench in result["benchmarks"]:
        if bench.get("run_type") == "iteration":
            values.setdefault(bench["run_name"], []).append(bench[field])
    return {name: statistics.median(runs) for name, runs in values.items()}


def lookup(errspec, work):
    """The lookup benchmark (bench/lookup): generated error_from_code, gperf, unordered_map."""
    inputs = work / "lookup-inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    for count in (10, 200, 2000):
        spec = make_spec(work, count, f"lookup{count}")
        run([errspec, "generate", str(spec), "-o", str(inputs), "--target", "cpp"])
        model = json.loads(run([errspec, "model", str(spec)]).stdout)
        codes = [error["code"] for error in model["errors"]]
        source = inputs / f"lookup{count}.gperf"
        source.write_text(gperf_input(codes, f"Gperf{count}"))
        run(["gperf", f"--output-file={inputs / f'lookup{count}.gperf.hpp'}", str(source)])
    build = work / "lookup-build"
    run(["cmake", "-S", str(ROOT / "bench" / "lookup"), "-B", str(build), "-G", "Ninja",
         "-DCMAKE_BUILD_TYPE=Release", f"-DLOOKUP_INPUT_DIR={inputs}"])
    run(["cmake", "--build", str(build)])
    # The margins over gperf are about 10%: medians of repetitions, not one run.
    ns = {}
    for name, rate in benchmark_medians(build / "lookup_bench", "items_per_second").items():
        size, peer = name.removeprefix("lookup").split("_", 1)
        ns[(int(size), peer)] = 1e9 / rate
    return ns


def decode(errspec, work):
    """The decode benchmark (bench/decode, bench/DECODE.md): the generated client's decode_error
    against a bare nlohmann::json::parse of the same seed body. Median CPU ns per body and side."""
    build = work / "decode-build"
    run(["cmake", "-S", str(ROOT / "bench" / "decode"), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
         f"-DERRSPEC={errspec}", f"-DSPEC_DIR={ROOT / 'spec'}"])
    run(["cmake", "--build", str(build)])
    return {tuple(reversed(name.split("/", 1))): ns
            for name, ns in benchmark_medians(build / "decode_bench", "cpu_time").items()}


def compile_cost(errspec, work, runs):
    """-O2 compile time of the generated cpp sources for 10 000 codes, and of a TU including the header."""
    spec = make_spec(work, 10000)
    out = work / "compile"
    run([errspec, "generate", str(spec), "-o", str(out), "--target", "cpp"])
    (out / "includes.cpp").write_text('#include "synthetic_errors.hpp"\n'
                                      "int main() { return static_cast<int>(synthetic::Error::Unknown); }\n")
    # The standard headers the generated header includes, without the header: the baseline.
    (out / "baseline.cpp").write_text("#include <cstddef>\n#include <cstdint>\n#include <optional>\n#include <string>\n"
                                      "#include <string_view>\n#include <system_error>\n#include <type_traits>\n"
                                      "int main() { return 0; }\n")
    def median_compile(source):
        return statistics.median(timed(["g++", *CXX_FLAGS, "-c", str(out / source), "-o", os.devnull]).cpu
                                 for _ in range(runs))
    return median_compile("synthetic_errors.cpp"), median_compile("includes.cpp"), median_compile("baseline.cpp")


def generation_rows(results, check, floor):
    """Goal 1's rows: 10 000 codes against the floor of yaml-cpp and kainjow and against the peer,
    and the same against the peer at 1 000 and 50 000 codes, so that growth shows."""
    ours, peer = results[10000]
    floor_wall = check.wall + floor["markdown"]
    rows = [
        f"| 1. 10 000 codes, `--target cpp,markdown`: wall time against the floor of yaml-cpp and kainjow "
        f"(`errspec check`, which reads, parses and checks the spec, then `bench/render_floor`: kainjow rendering "
        f"the markdown page from Mustache data built whole beforehand, the cpp files, {floor['cpp']:.3f} s, on the "
        f"other core; no view, lookup or writing) | errspec {ours.wall:.3f} s; floor {check.wall:.3f} s + "
        f"{floor['markdown']:.3f} s = {floor_wall:.3f} s: **{ours.wall / floor_wall:.2f}×** | ≤ 1.3× | "
        f"{verdict(ours.wall / floor_wall <= 1.3)} |",
        f"| 1. the same: CPU time (user + system, every thread) against `peer_jinja2.py`'s | errspec {ours.cpu:.3f} s "
        f"(of which `errspec check` {check.cpu:.3f} s), peer {peer.cpu:.3f} s: **{ours.cpu / peer.cpu:.2f}×** | "
        f"≤ 0.7× | {verdict(ours.cpu / peer.cpu <= 0.7)} |",
        f"| 1. the same: peak memory (max RSS) against the peer's | errspec {ours.rss / 1e6:.0f} MB (`errspec check` "
        f"{check.rss / 1e6:.0f} MB), peer {peer.rss / 1e6:.0f} MB: **{ours.rss / peer.rss:.2f}×** | ≤ 1.0× | "
        f"{verdict(ours.rss <= peer.rss)} |",
        f"| 1. the same: wall time against the peer ({results['output_mb']:.1f} MB written) | errspec {ours.wall:.3f} s, "
        f"peer {peer.wall:.3f} s: **{peer.wall / ours.wall:.2f}×** faster | ≥ 2× faster | "
        f"{verdict(peer.wall / ours.wall >= 2)} |",
    ]
    one_core = results["one_core"]
    rows.append(f"| 1. the same, errspec on one core (`taskset -c 0`): what its threads (the spec parsed in pieces, the "
                f"targets rendered side by side) buy | {one_core.wall:.3f} s (CPU {one_core.cpu:.3f} s, "
                f"{one_core.rss / 1e6:.0f} MB) against {ours.wall:.3f} s on every core: "
                f"{one_core.wall - ours.wall:+.3f} s | — | |")
    for count in (1000, 50000):
        ours_n, peer_n = results[count]
        rows.append(f"| 1. {count:,} codes".replace(",", " ") + " against the peer: wall time, CPU time, peak memory | "
                    f"errspec {ours_n.wall:.3f} s, CPU {ours_n.cpu:.3f} s, {ours_n.rss / 1e6:.0f} MB; peer "
                    f"{peer_n.wall:.3f} s, CPU {peer_n.cpu:.3f} s, {peer_n.rss / 1e6:.0f} MB: {peer_n.wall / ours_n.wall:.2f}× "
                    f"faster, CPU {ours_n.cpu / peer_n.cpu:.2f}×, memory {ours_n.rss / peer_n.rss:.2f}× | — | |")
    per_code = {count: results[count][0].cpu / count * 1e6 for count in SIZES}
    rows.append("| 1. errspec's CPU time per code at 1k / 10k / 50k codes | "
                + " / ".join(f"{per_code[c]:.1f} µs" for c in SIZES)
                + f" (50k/1k: {per_code[50000] / per_code[1000]:.2f}) | linear | "
                f"{verdict(per_code[50000] / per_code[1000] < 1.5)} |")
    return rows


def load_average():
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg()) + " (1 / 5 / 15 min)"
    except OSError:
        return "unknown"


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def verdict(ok):
    return "**met**" if ok else "**not met**"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--errspec", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke test")
    parser.add_argument("--generation-only", action="store_true",
                        help="print goal 1's rows (generation against the peer and the floor) and write nothing")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    errspec = str(Path(args.errspec).resolve())
    runs = 3 if args.quick else 7
    load_at_start = load_average()

    # Goal 1's ratios swing with the neighbours on a shared machine: twice the runs for its medians.
    results, check = generation(errspec, work, 2 * runs + 1)
    floor = render_floor(errspec, work)
    generation_lines = generation_rows(results, check, floor)
    if args.generation_only:
        print("\n".join(generation_lines))
        return
    noop_time, noop_uncached, touched, outputs = no_op(errspec, work, runs)
    ns = lookup(errspec, work)
    decode_ns = decode(errspec, work)
    cpp_time, include_time, baseline_time = compile_cost(errspec, work, runs)

    lines = [
        "# errspec benchmark results",
        "",
        f"Recorded by `bench/run` on {datetime.date.today().isoformat()}; machine: {machine()}; "
        f"load average {load_at_start} when the run started, {load_average()} when it ended.",
        "Ratios come from one run, each side alternating with its peer. Times are medians of wall time, "
        "with CPU time (user + system, every thread) and peak memory (max RSS) of the same runs: on a "
        "shared machine wall time also measures the neighbours. Compile and per-code costs are CPU time.",
        "",
        "| goal | measured | target | |",
        "|---|---|---|---|",
        *generation_lines,
        f"| 2. no-op regeneration of spec/ ({outputs} files), with `--cache` as `errspec_generate` runs it | "
        f"{noop_time.wall * 1000:.1f} ms (CPU {noop_time.cpu * 1000:.1f} ms), {touched} files touched | "
        f"< 20 ms, none touched | {verdict(noop_time.wall < 0.020 and touched == 0)} |",
        f"| 2. the same without `--cache` (every template parsed, every file rendered and compared) | "
        f"{noop_uncached.wall * 1000:.1f} ms (CPU {noop_uncached.cpu * 1000:.1f} ms) | — | |",
    ]
    for size in (10, 200, 2000):
        ours_ns, gperf_ns, map_ns = ns[(size, "errspec")], ns[(size, "gperf")], ns[(size, "unordered_map")]
        lines.append(f"| 3. lookup, {size} codes (hits and misses) | errspec {ours_ns:.1f} ns, gperf {gperf_ns:.1f} ns, "
                     f"unordered_map {map_ns:.1f} ns: {gperf_ns / ours_ns:.2f}× gperf, {map_ns / ours_ns:.2f}× map | "
                     f"≤ gperf, ≥ 3× map | {verdict(ours_ns <= gperf_ns and map_ns / ours_ns >= 3)} |")
    lines += [
        f"| 4. `-O2` compile of the generated cpp sources, 10 000 codes | {cpp_time:.2f} s | < 5 s | {verdict(cpp_time < 5)} |",
        f"| 4. a TU including `x_errors.hpp` (10 000 codes) | {include_time:.3f} s "
        f"({include_time - baseline_time:+.3f} s over its standard headers alone) | < 0.2 s | "
        f"{verdict(include_time - baseline_time < 0.2)} (the header's own cost) |",
    ]
    for body in ("trendtrack", "trackpilots", "admaxxer"):
        parse_ns, decode_error_ns = decode_ns[(body, "parse")], decode_ns[(body, "decode")]
        lines.append(f"| 5. `decode_error` of {body}'s example body vs a bare `nlohmann::json::parse` | "
                     f"{decode_error_ns:.0f} ns vs {parse_ns:.0f} ns: **{decode_error_ns / parse_ns:.2f}×** | ≤ 1.5× | "
                     f"{verdict(decode_error_ns / parse_ns <= 1.5)} |")
    lines += ["", (ROOT / "bench" / "PIECES.md").read_text().strip()]
    lines += ["", (ROOT / "bench" / "DECODE.md").read_text().strip()]
    import client_cost  # imports this module: here, once both are loaded
    lines += ["", *client_cost.section(*client_cost.measure(errspec, work / "client", runs))]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
