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
SHARED_BENCH = ROOT.parent / "shared" / "bench"
CXX_FLAGS = ["-std=c++17", "-O2"]


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


class Time:
    """Wall seconds, which the goals are stated in, and CPU seconds (user + system, every thread):
    on a shared machine wall time measures the neighbours too, so both are recorded."""

    def __init__(self, wall, cpu):
        self.wall, self.cpu = wall, cpu

    @staticmethod
    def median(times):
        return Time(statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times))


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run(cmd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Time(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def output_mb(folder):
    return sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6


def make_spec(work, count, api_id="synthetic"):
    path = work / f"{api_id}_{count}.yaml"
    if not path.exists():
        with open(path, "w") as out:
            subprocess.run([sys.executable, str(SHARED_BENCH / "make_spec.py"), str(count), api_id], check=True, stdout=out)
    return path


def generation(errspec, work, runs):
    """errspec generate --target cpp,markdown against peer_jinja2.py, alternating, medians; and
    errspec check of the same spec (read, parse, check: what every generation does first)."""
    spec = make_spec(work, 10000)
    ours, peer, check = [], [], []
    for _ in range(runs):
        shutil.rmtree(work / "gen-ours", ignore_errors=True)
        ours.append(timed([errspec, "generate", str(spec), "-o", str(work / "gen-ours"), "--target", "cpp,markdown"]))
        peer.append(timed(["/usr/bin/python3", str(SHARED_BENCH / "peer_jinja2.py"), str(spec), str(work / "gen-peer")]))
        check.append(timed([errspec, "check", str(spec)]))
    scaling = {}
    for count in (1000, 10000, 50000):
        spec = make_spec(work, count)
        times = []
        for _ in range(max(3, runs // 2)):
            shutil.rmtree(work / "gen-scale", ignore_errors=True)
            times.append(timed([errspec, "generate", str(spec), "-o", str(work / "gen-scale"), "--target", "cpp,markdown"]).cpu)
        scaling[count] = statistics.median(times)
    return Time.median(ours), Time.median(peer), Time.median(check), scaling


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
    args = parser.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    errspec = str(Path(args.errspec).resolve())
    runs = 3 if args.quick else 7

    ours, peer, check, scaling = generation(errspec, work, runs)
    floor = render_floor(errspec, work)
    noop_time, noop_uncached, touched, outputs = no_op(errspec, work, runs)
    ns = lookup(errspec, work)
    decode_ns = decode(errspec, work)
    cpp_time, include_time, baseline_time = compile_cost(errspec, work, runs)

    per_code = {count: seconds / count * 1e6 for count, seconds in scaling.items()}
    lines = [
        "# errspec benchmark results",
        "",
        f"Recorded by `bench/run` on {datetime.date.today().isoformat()}; machine: {machine()}.",
        "Ratios come from one run, each side alternating with its peer. Times are medians of wall time, "
        "as the goals state them, with CPU time (user + system, every thread) in brackets: errspec runs "
        "on every core, the peer on one, and on a shared machine wall time also measures the neighbours. "
        "Compile and per-code costs are CPU time.",
        "",
        "| goal | measured | target | |",
        "|---|---|---|---|",
        f"| 1. generate `--target cpp,markdown`, 10 000 codes, vs `peer_jinja2.py` | "
        f"errspec {ours.wall:.3f} s (CPU {ours.cpu:.3f} s), peer {peer.wall:.3f} s (CPU {peer.cpu:.3f} s): "
        f"**{peer.wall / ours.wall:.2f}×** faster (CPU: {peer.cpu / ours.cpu:.2f}×) | ≥ 3× | "
        f"{verdict(peer.wall / ours.wall >= 3)} |",
        f"| 1. where the time goes: `errspec check` of that spec (read, yaml-cpp parse in pieces, check), "
        f"and the rest (views, kainjow Mustache rendering of {output_mb(work / 'gen-ours'):.1f} MB, writing) | "
        f"check {check.wall:.3f} s (CPU {check.cpu:.3f} s), the rest {ours.wall - check.wall:.3f} s; "
        f"3× the peer needs all of it in {peer.wall / 3:.3f} s | — | |",
        f"| 1. the floor with yaml-cpp and kainjow: `errspec check` as above, then kainjow rendering the "
        f"markdown page from Mustache data built whole beforehand (`bench/render_floor`; the cpp files take "
        f"{floor['cpp']:.3f} s on the other core), with no view, lookup or writing at all | "
        f"{check.wall:.3f} s + {floor['markdown']:.3f} s = {check.wall + floor['markdown']:.3f} s against "
        f"{peer.wall / 3:.3f} s | — | |",
        f"| 1. cost per code at 1k / 10k / 50k codes | "
        + " / ".join(f"{per_code[c]:.1f} µs" for c in (1000, 10000, 50000))
        + f" (50k/1k: {per_code[50000] / per_code[1000]:.2f}) | linear | "
        f"{verdict(per_code[50000] / per_code[1000] < 1.5)} |",
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
    lines += ["", (ROOT / "bench" / "DECODE.md").read_text().strip()]
    import client_cost  # imports this module: here, once both are loaded
    lines += ["", *client_cost.section(*client_cost.measure(errspec, work / "client", runs))]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
