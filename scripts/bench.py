#!/usr/bin/env python3
"""The province-scale benchmark behind `make bench` (issue 8). Standard library only.

    python3 scripts/bench.py [--jimu .build/release/jimu] [--catalog DIR] [--runs 3] [--keep]
                             [--parser-runs N] [--rebuild-runs N] [--yams-runs N] [--json FILE]

It writes the province-scale catalog (scripts/province_catalog.py, default seed) into a
work folder, or takes --catalog / $BENCH_CATALOG when that folder already holds one, then
measures, each a median of --runs runs (more where said) after nothing but the page cache
has warmed, each timed run after `sync` (what the runs before it wrote is written back
first, not while it runs):

- `jimu check` and `jimu build` (everything emitted, cold: no output folder, no cache):
  wall time, and peak memory as the maximum resident set size the kernel reports for the
  child (`os.wait4`, the figure `/usr/bin/time -v` prints); each cold build between two
  passes of the C event walk, so that its ratio to the walk is taken on the machine as it
  was during that build;
- the stages of `jimu build --timings` (`timing: <stage> <seconds>` lines on stderr), or
  n/a when the binary has no such flag;
- the C event walk, scripts/yaml_walk.c compiled here with `cc -O2 ... -lyaml`: libyaml's
  events over every catalog file, read into memory first; the physical limit of the parse
  stage;
- Jimu's reader (`YAMLReader.parse`) over the same in-memory files, on one thread and on
  every core, and Yams' `compose` on one thread: Benchmarks/ReaderBench, built in release
  mode in .build-reader-bench; --parser-runs rounds (default --runs, at least 7), each a
  pass of the reader between two of the C walk;
- a rebuild after one practice file's promised limit changes, on a copy of the catalog
  built once before (the incremental cache, when the binary has one, does its work here),
  --rebuild-runs times (default --runs, at least 5): the first after the copy's cold build
  also makes the spare tree the later ones bring up to date, so it is shown apart as well.

Then it prints a table with the targets of the issue and PASS or MISS. The targets are
ratios, so that the machine's speed cancels out; on a shared machine that speed changes
from one second to the next (the C walk alone has taken 1.4-2.0 s in six runs in a row
here), so each ratio is taken round by round, against the mean of the C walks just before
and just after, and the verdict is on the median of those ratios. The ratio of the medians
is printed beside it. It never fails on a missed target: timings are reported,
not asserted. It exits non-zero only when something cannot run (the catalog does not check
clean, a build fails). --json FILE also writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
READER_PACKAGE = REPO / "Benchmarks" / "ReaderBench"
READER_SCRATCH = REPO / ".build-reader-bench"
STAGES = ["load", "decode", "resolve", "merge", "compose"]
GIB = 1 << 30
TIMING_LINE = re.compile(r"^timing:\s+(\S.*?)\s+([0-9]+(?:\.[0-9]+)?)\s*s?\s*$")


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds, every thread
    max_rss: int  # bytes
    code: int
    stdout: str
    stderr: str

    def timings(self) -> dict[str, float]:
        found: dict[str, float] = {}
        for line in self.stderr.splitlines():
            match = TIMING_LINE.match(line.strip())
            if match:
                found[match.group(1)] = found.get(match.group(1), 0.0) + float(match.group(2))
        return found


@dataclass
class Results:
    figures: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# How long ext4 without a journal passes over a deleted inode once its table is written.
QUIET_AFTER_DELETIONS = 65.0


def settle() -> None:
    """Writes back what earlier runs left in the page cache before the next is timed: a cold
    build leaves 300 MB to write, and the kernel's writeback would take the cores from the
    run after it. It also shortens the time in which every file created passes over recently
    deleted inodes (on an ext4 file system without a journal, as here): a minute once their
    table is written, five while it is not."""
    os.sync()


def measured(command: list[str], *, cwd: Path, env: dict[str, str] | None = None, work: Path) -> Run:
    """Runs `command` to completion, after `settle()`; its wall time and its own peak
    resident memory."""
    settle()
    out_path, err_path = work / "stdout.txt", work / "stderr.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss=usage.ru_maxrss * 1024,  # kilobytes on Linux
        code=process.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
    )


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def reset(paths: list[Path]) -> None:
    for path in paths:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


class Sandbox:
    """A place to run jimu cold: a fresh working folder, output folder and cache home, and
    anything new inside the catalog or beside it (a cache folder) removed before each run.
    Beside it only when the catalog is the bench's own, alone in its folder."""

    def __init__(self, root: Path, catalog: Path, own_catalog: bool):
        self.root, self.catalog = root, catalog
        self.cwd, self.out, self.xdg = root / "cwd", root / "out", root / "xdg-cache"
        watched = [root, catalog] + ([catalog.parent] if own_catalog and catalog.parent != root else [])
        self.baseline = {folder: self.entries(folder) for folder in watched}

    @staticmethod
    def entries(folder: Path) -> set[str]:
        return {child.name for child in folder.iterdir()} if folder.exists() else set()

    def new_entries(self) -> list[Path]:
        found = []
        for folder, before in self.baseline.items():
            found += [folder / name for name in sorted(self.entries(folder) - before)]
        return found

    def cache_paths(self) -> list[str]:
        """What a run left besides its output: a cache, wherever the binary keeps it."""
        own = {self.cwd, self.out, self.xdg}
        found = [path for path in self.new_entries() if path not in own]
        for folder in (self.cwd, self.xdg):
            if folder.exists():
                found += sorted(folder.iterdir())
        return [str(path) for path in found]

    def make_cold(self) -> None:
        reset(self.new_entries())
        for folder in (self.cwd, self.xdg):
            folder.mkdir(parents=True, exist_ok=True)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["XDG_CACHE_HOME"] = str(self.xdg)
        return env


def help_text(jimu: Path, command: str) -> str:
    result = subprocess.run([str(jimu), command, "--help"], capture_output=True, text=True)
    return result.stdout + result.stderr


# ---------------------------------------------------------------------------------------


def ensure_catalog(args, work: Path) -> tuple[Path, bool]:
    """The catalog to measure, and whether it is the bench's own (alone in its folder)."""
    supplied = args.catalog or (Path(os.environ["BENCH_CATALOG"]) if os.environ.get("BENCH_CATALOG") else None)
    if supplied and (supplied / "jimu.yaml").is_file():
        log(f"using the catalog in {supplied}")
        return supplied.resolve(), False
    target = supplied or (work / "province" / "catalog")
    log(f"writing the province-scale catalog into {target}")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "province_catalog.py"), "--out", str(target), *args.generator],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.exit(f"bench: the catalog generator failed:\n{tail(result.stderr)}")
    log(result.stderr.strip())
    return target.resolve(), supplied is None


def catalog_facts(catalog: Path, work: Path) -> dict:
    # Not what a dot folder may hold (a cache kept inside the catalog).
    files = sorted(
        path for path in catalog.rglob("*.yaml")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(catalog).parts)
    )
    listing = work / "files.txt"
    listing.write_text("".join(f"{path}\n" for path in files), encoding="utf-8")
    return {
        "path": str(catalog),
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
        "items": len(list((catalog / "items").glob("*.yaml"))),
        "localities": sum(1 for p in (catalog / "localities").iterdir() if p.is_dir()),
        "practices": sum(1 for p in (catalog / "localities").rglob("*.yaml") if p.name != "locality.yaml"),
        "bundles": len(list((catalog / "bundles").glob("*.yaml"))),
        "list": str(listing),
    }


def bench_check(jimu: Path, catalog: Path, own: bool, work: Path, runs: int, results: Results) -> None:
    sandbox = Sandbox(work / "check", catalog, own)
    timings_flag = ["--timings"] if "--timings" in help_text(jimu, "check") else []
    walls, cpus, rss, stages = [], [], [], []
    for index in range(runs):
        sandbox.make_cold()
        run = measured([str(jimu), "check", str(catalog), *timings_flag], cwd=sandbox.cwd, env=sandbox.env(), work=work)
        if run.code != 0:
            sys.exit(f"bench: `jimu check` exits {run.code} on the catalog:\n{tail(run.stderr)}")
        walls.append(run.wall)
        cpus.append(run.cpu)
        rss.append(run.max_rss)
        stages.append(run.timings())
        log(f"jimu check, run {index + 1}/{runs}: {run.wall:.2f} s, {run.max_rss / 2**20:.0f} MiB")
    results.figures["check"] = {
        "wall": walls, "cpu": cpus, "max_rss": rss, "stages": stages, "summary": run.stderr.strip().splitlines()[-1:],
    }
    reset(sandbox.new_entries())


def c_walk_once(walker: Path, facts: dict, walk: dict) -> float:
    """One pass of the C event walk, its figures added to `walk`; its wall time."""
    one = json_run([str(walker), facts["list"], "--runs", "1"], "yaml_walk")
    walk["walk"] += one["walk"]
    walk["walk_cpu"] += one["walk_cpu"]
    walk.update(files=one["files"], bytes=one["bytes"], events=one["events"])
    return one["walk"][0]


def paired_ratios(values: list[float], walks: list[float]) -> list[float]:
    """Each value over the mean of the C walks just before and just after it (`walks` has
    one more entry than `values`, the walks and the values having taken turns)."""
    return [value / ((walks[index] + walks[index + 1]) / 2) for index, value in enumerate(values)]


def bench_build(jimu: Path, catalog: Path, own: bool, work: Path, runs: int, walker: Path, facts: dict,
                results: Results) -> list[Path]:
    """The cold builds; returns what they left, for the caller to delete once the rebuilds
    are timed too (deleting 75,000 files just before them would slow their file creation,
    as it would the cold builds')."""
    sandbox = Sandbox(work / "build", catalog, own)
    help = help_text(jimu, "build")
    flags = ["--timings"] if "--timings" in help else []
    if "--quiet" in help:
        flags.append("--quiet")
    if "--timings" not in help:
        results.notes.append("this jimu build has no --timings flag: per-stage times are n/a")
    walls, cpus, rss, stages, caches = [], [], [], [], set()
    # Each run's tree is moved aside, not deleted, until every run is done. On an ext4 file
    # system without a journal (as here) the kernel passes over inodes freed in the last
    # minute (five while their table is not yet written) each time it allocates one, so
    # creating 18,000 files just after deleting 18,000 costs seconds of system time that a
    # cold build on a quiet file system, such as CI's fresh clone, does not pay.
    aside = Path(tempfile.mkdtemp(prefix="jimu-bench-aside-"))
    walk: dict = results.figures["c_walk"]
    walks = [c_walk_once(walker, facts, walk)]
    for index in range(runs):
        if sandbox.out.exists():
            sandbox.out.rename(aside / f"run-{index}")
        sandbox.make_cold()
        reset([sandbox.out])
        run = measured(
            [str(jimu), "build", str(catalog), "--out", str(sandbox.out), *flags],
            cwd=sandbox.cwd, env=sandbox.env(), work=work,
        )
        if run.code != 0:
            sys.exit(f"bench: `jimu build` exits {run.code} on the catalog:\n{tail(run.stderr)}")
        walls.append(run.wall)
        cpus.append(run.cpu)
        rss.append(run.max_rss)
        stages.append(run.timings())
        caches.update(sandbox.cache_paths())
        walks.append(c_walk_once(walker, facts, walk))
        log(f"jimu build, run {index + 1}/{runs}: {run.wall:.2f} s, {run.max_rss / 2**20:.0f} MiB; "
            f"C walk before and after {walks[-2]:.3f} s, {walks[-1]:.3f} s")
    output_files = sum(1 for path in sandbox.out.rglob("*") if path.is_file())
    output_bytes = sum(path.stat().st_size for path in sandbox.out.rglob("*") if path.is_file())
    results.figures["build"] = {
        "wall": walls, "cpu": cpus, "max_rss": rss, "stages": stages, "flags": flags,
        "output_files": output_files, "output_bytes": output_bytes, "cache_paths": sorted(caches),
        "walks": walks, "ratios": paired_ratios(walls, walks),
    }
    return sandbox.new_entries() + [sandbox.out, aside]


def bench_rebuild(jimu: Path, catalog: Path, work: Path, runs: int, results: Results) -> None:
    """Copy the catalog, build it once, then edit one practice's promised limit and build again."""
    root = work / "rebuild"
    copy = root / "catalog"
    reset([root])
    root.mkdir(parents=True)
    # Not a cache the catalog folder may hold (a dot folder): the copy starts cold.
    shutil.copytree(catalog, copy, symlinks=True,
                    ignore=lambda folder, names: [n for n in names if n.startswith(".")] if Path(folder) == catalog else [])
    sandbox = Sandbox(root, copy, True)
    sandbox.make_cold()
    help = help_text(jimu, "build")
    flags = [flag for flag in ("--timings", "--quiet") if flag in help]
    command = [str(jimu), "build", str(copy), "--out", str(sandbox.out), *flags]
    first = measured(command, cwd=sandbox.cwd, env=sandbox.env(), work=work)
    if first.code != 0:
        sys.exit(f"bench: the first build of the rebuild test exits {first.code}:\n{tail(first.stderr)}")
    # A city's practice with a promise above 0, first in path order: lowering it by a day
    # keeps it within the statutory limit and every bundle within its promise.
    practice = next(
        path for path in sorted(copy.glob("localities/*/*.yaml"))
        if path.name != "locality.yaml" and re.search(r"^promised_limit: [1-9]", path.read_text(encoding="utf-8"), re.M)
    )
    original = practice.read_text(encoding="utf-8")
    limit = int(re.search(r"^promised_limit: ([0-9]+)", original, re.M).group(1))
    walls, stages = [], []
    for index in range(runs):
        value = limit - 1 if index % 2 == 0 else limit
        practice.write_text(re.sub(r"^promised_limit: [0-9]+", f"promised_limit: {value}", original, flags=re.M),
                            encoding="utf-8")
        run = measured(command, cwd=sandbox.cwd, env=sandbox.env(), work=work)
        if run.code != 0:
            sys.exit(f"bench: a rebuild exits {run.code}:\n{tail(run.stderr)}")
        walls.append(run.wall)
        stages.append(run.timings())
        log(f"rebuild after editing {practice.relative_to(copy)}, run {index + 1}/{runs}: {run.wall:.2f} s")
    results.figures["rebuild"] = {
        "first_build": first.wall, "wall": walls, "stages": stages, "edited": str(practice.relative_to(copy)),
        "cache_paths": sandbox.cache_paths(), "cache_counts": CACHE_LINE.findall(run.stderr),
    }
    if "--no-cache" in help:
        # The check: a build with the cache and one without give identical bytes.
        reference = root / "reference"
        plain = measured([str(jimu), "build", str(copy), "--out", str(reference), "--quiet", "--no-cache"],
                         cwd=sandbox.cwd, env=sandbox.env(), work=work)
        if plain.code != 0:
            sys.exit(f"bench: the build without the cache exits {plain.code}:\n{tail(plain.stderr)}")
        different = tree_differences(sandbox.out, reference)
        if different:
            sys.exit("bench: the cached rebuild differs from a build without the cache: " + ", ".join(different[:20]))
        results.figures["rebuild"]["identical_without_cache"] = True
        log("the cached rebuild and a build without the cache: identical bytes")
    reset([root])


CACHE_LINE = re.compile(r"^cache: ([0-9]+) units reused, ([0-9]+) rendered", re.M)


def tree_differences(a: Path, b: Path) -> list[str]:
    """Relative paths whose bytes differ, or that only one tree has."""
    def files(root: Path) -> dict[str, Path]:
        return {str(path.relative_to(root)): path for path in root.rglob("*") if path.is_file()}
    left, right = files(a), files(b)
    return sorted(path for path in left.keys() | right.keys()
                  if path not in left or path not in right or left[path].read_bytes() != right[path].read_bytes())


def compile_c_walk(work: Path) -> tuple[Path, str]:
    binary = work / "yaml_walk"
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], capture_output=True, text=True)
    link = flags.stdout.split() if flags.returncode == 0 and flags.stdout.strip() else ["-lyaml"]
    # $CC, else cc; the Swift toolchain's clang where a minimal image has no cc.
    compiler = os.environ.get("CC") or next((c for c in ("cc", "clang", "gcc") if shutil.which(c)), "cc")
    command = [compiler, "-O2", "-o", str(binary), str(REPO / "scripts" / "yaml_walk.c"), *link]
    compiled = subprocess.run(command, capture_output=True, text=True)
    if compiled.returncode != 0:
        sys.exit(f"bench: cannot compile scripts/yaml_walk.c ({' '.join(command)}):\n{tail(compiled.stderr)}")
    return binary, " ".join(command)


def build_reader_bench(results: Results) -> Path | None:
    swift = os.environ.get("SWIFT", "swift")
    command = [swift, "build", "-c", "release", "--package-path", str(READER_PACKAGE), "--scratch-path", str(READER_SCRATCH)]
    log("building Benchmarks/ReaderBench (release)")
    built = subprocess.run(command, capture_output=True, text=True)
    if built.returncode != 0:
        results.notes.append("Benchmarks/ReaderBench did not build: reader and Yams figures are n/a")
        log(f"Benchmarks/ReaderBench did not build:\n{tail(built.stderr + built.stdout)}")
        return None
    return READER_SCRATCH / "release"


def json_run(command: list[str], what: str) -> dict:
    settle()
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"bench: {what} failed:\n{tail(run.stderr)}")
    return json.loads(run.stdout)


def bench_parsers(facts: dict, runs: int, yams_runs: int, skip_readers: bool, walker: Path, results: Results) -> None:
    """Jimu's reader between passes of the C event walk, round by round, so that a change in
    the machine's speed hits both alike; then Yams."""
    products = None if skip_readers else build_reader_bench(results)
    if skip_readers:
        results.notes.append("--skip-readers: reader and Yams figures are n/a")
    if not products:
        return  # the C walk's figures come from the cold builds' rounds
    walk: dict = results.figures["c_walk"]
    reader: dict = {"serial": [], "parallel": [], "serial_cpu": [], "parallel_cpu": []}
    walks = [c_walk_once(walker, facts, walk)]
    for index in range(runs):
        one = json_run([str(products / "reader-bench"), facts["list"], "--runs", "1"], "reader-bench")
        for key in ("serial", "parallel", "serial_cpu", "parallel_cpu"):
            reader[key] += one[key]
        reader.update(files=one["files"], bytes=one["bytes"], nodes=one["nodes"], cores=one["cores"])
        walks.append(c_walk_once(walker, facts, walk))
        log(f"round {index + 1}/{runs}: reader {one['serial'][0]:.3f} s on one thread, {one['parallel'][0]:.3f} s "
            f"on {one['cores']} cores; C event walk before and after {walks[-2]:.3f} s, {walks[-1]:.3f} s")
    # Throughput ratios: the walk's time over the reader's, round by round.
    reader["walks"] = walks
    reader["serial_ratios"] = [1 / ratio for ratio in paired_ratios(reader["serial"], walks)]
    reader["parallel_ratios"] = [1 / ratio for ratio in paired_ratios(reader["parallel"], walks)]
    results.figures["reader"] = reader
    log(f"Yams compose, {yams_runs} runs")
    results.figures["yams"] = json_run(
        [str(products / "yams-bench"), facts["list"], "--runs", str(yams_runs)], "yams-bench")
    log(f"Yams compose: {median(results.figures['yams']['compose']):.3f} s")


# ---------------------------------------------------------------------------------------


def seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f} s" if value < 10 else f"{value:.2f} s"


def memory(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value / GIB:.2f} GiB" if value >= GIB else f"{value / 2**20:.0f} MiB"


def rate(size: int, value: float | None) -> str:
    return "n/a" if not value else f"{size / value / 1e6:.1f} MB/s"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def report(results: Results, runs: int) -> str:
    f = results.figures
    facts = f["catalog"]
    size = facts["bytes"]
    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, value: str, target: str = "", result: str = "") -> None:
        rows.append((name, value, target, result))

    def busy(wall: float | None, cpu: float | None) -> str:
        return f"{seconds(cpu)} CPU, {cpu / wall:.1f} cores busy" if wall and cpu else "n/a"

    check_wall, check_cpu = median(f["check"]["wall"]), median(f["check"]["cpu"])
    check_rss = max(f["check"]["max_rss"])
    build_wall, build_cpu = median(f["build"]["wall"]), median(f["build"]["cpu"])
    build_rss = max(f["build"]["max_rss"])
    walk, walk_cpu = median(f["c_walk"]["walk"]), median(f["c_walk"]["walk_cpu"])

    row("jimu check: wall", seconds(check_wall), "", busy(check_wall, check_cpu))
    row("jimu check: peak memory", memory(check_rss), "< 2 GiB", verdict(check_rss < 2 * GIB))
    for stage in stage_names(f["check"]["stages"], emits=False):
        row(f"  check stage: {stage}", seconds(median([s[stage] for s in f["check"]["stages"] if stage in s])))
    row("jimu build: wall (cold, all outputs)", seconds(build_wall), "", busy(build_wall, build_cpu))
    row("jimu build: peak memory", memory(build_rss), "< 2 GiB", verdict(build_rss < 2 * GIB))
    for stage in stage_names(f["build"]["stages"]):
        row(f"  build stage: {stage}", seconds(median([s[stage] for s in f["build"]["stages"] if stage in s])))
    row("C event walk (libyaml events only)", f"{seconds(walk)}  {rate(size, walk)}", "the limit",
        f"CPU {seconds(walk_cpu)}, {rate(size, walk_cpu)}")

    reader = f.get("reader")
    serial = median(reader["serial"]) if reader else None
    parallel = median(reader["parallel"]) if reader else None
    serial_cpu = median(reader["serial_cpu"]) if reader else None
    parallel_cpu = median(reader["parallel_cpu"]) if reader else None
    cores = reader["cores"] if reader else os.cpu_count()
    serial_ratio = median(reader["serial_ratios"]) if reader else None
    parallel_ratio = median(reader["parallel_ratios"]) if reader else None
    row("Jimu reader, 1 thread", f"{seconds(serial)}  {rate(size, serial)}",
        ">= 70% of C walk", percent_verdict(serial_ratio, 0.70))
    # The ratios of medians against the walks of the same phase, not those minutes apart.
    reader_walk = median(reader["walks"]) if reader else None
    if reader:
        row("  round by round; ratio of medians", percents(reader["serial_ratios"]), "",
            f"{reader_walk / serial:.0%}" if serial else "n/a")
    row(f"Jimu reader, {cores} cores", f"{seconds(parallel)}  {rate(size, parallel)}",
        ">= 100% of C walk", percent_verdict(parallel_ratio, 1.00))
    if reader:
        row("  round by round; ratio of medians", percents(reader["parallel_ratios"]), "",
            f"{reader_walk / parallel:.0%}" if parallel else "n/a")
    row("  same, on CPU time: 1 thread", f"{seconds(serial_cpu)}  {rate(size, serial_cpu)}",
        "(cross-check)", f"{walk_cpu / serial_cpu:.0%} of C CPU" if serial_cpu else "n/a")
    row(f"  same, on CPU time: {cores} cores", busy(parallel, parallel_cpu), "(cross-check)", "")
    yams = median(f["yams"]["compose"]) if f.get("yams") else None
    row("Yams compose, 1 thread", f"{seconds(yams)}  {rate(size, yams)}", "(comparison)",
        f"{walk / yams:.0%} of C walk" if yams else "n/a")
    ratios = f["build"].get("ratios", [])
    ratio = median(ratios)
    row("jimu build / C event walk", f"{ratio:.1f}x" if ratio else "n/a", "<= 5x", verdict(ratio <= 5 if ratio else None))
    if ratios:
        build_walk = median(f["build"]["walks"])
        row("  round by round; ratio of medians", ", ".join(f"{r:.1f}x" for r in ratios), "",
            f"{build_wall / build_walk:.1f}x" if build_walk else "n/a")
    peak = max(check_rss, build_rss)
    row("peak memory (check and build)", memory(peak), "< 2 GiB", verdict(peak < 2 * GIB))
    rebuild = median(f["rebuild"]["wall"]) if f.get("rebuild") else None
    share = rebuild / build_wall if rebuild and build_wall else None
    row("rebuild after one practice edit", seconds(rebuild), "<= 10% of full build",
        f"{share:.1%} {verdict(share <= 0.10)}" if share is not None else "n/a")
    if f.get("rebuild"):
        walls = f["rebuild"]["wall"]
        row("  each rebuild (the first makes the spare tree)", ", ".join(f"{w:.2f}" for w in walls), "",
            f"first {walls[0] / build_wall:.1%}" if build_wall else "")
    rebuild_stages = f.get("rebuild", {}).get("stages", [])
    if any(rebuild_stages):
        for stage in stage_names(rebuild_stages):
            row(f"  rebuild stage: {stage}", seconds(median([s[stage] for s in rebuild_stages if stage in s])))

    header = ("Measure", "Median", "Target", "Result")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    before, after = f.get("load_average_before"), f.get("load_average_after")
    lines = [
        f"Jimu province-scale benchmark: {os.cpu_count()} cores, medians of {runs} runs "
        f"({len(f.get('rebuild', {}).get('wall', []))} rebuilds, {len(f['reader']['serial']) if f.get('reader') else 0} "
        f"rounds of the reader, {len(f['c_walk']['walk'])} passes of the C walk); jimu {f['jimu']}",
        f"catalog {facts['path']}: {facts['files']:,} YAML files, {size / 1e6:.1f} MB; {facts['items']:,} items, "
        f"{facts['localities']} localities, {facts['practices']:,} practices, {facts['bundles']} bundles",
        f"build output: {f['build']['output_files']:,} files, {f['build']['output_bytes'] / 1e6:.1f} MB",
        "ratios to the C walk: each round against the mean of the walks just before and after it; "
        "the verdict on their median",
    ]
    if before and after:
        lines.append(f"load average (1 min) before {before[0]:.2f}, after {after[0]:.2f}: "
                     "above the core count, other work shares the machine and wall times grow")
    lines += ["", "  ".join(header[i].ljust(widths[i]) for i in range(4)).rstrip(),
              "  ".join("-" * widths[i] for i in range(4))]
    lines += ["  ".join(r[i].ljust(widths[i]) for i in range(4)).rstrip() for r in rows]
    lines.append("")
    lines += [f"note: {note}" for note in results.notes]
    lines.append(f"C walk compiled with: {f['c_walk']['compile']}")
    if f.get("rebuild"):
        lines.append(f"rebuild: edited {f['rebuild']['edited']} (promised_limit -1/+1 in turn); "
                     f"first build of the copy {seconds(f['rebuild']['first_build'])}")
        for reused, rendered in f["rebuild"].get("cache_counts", [])[-1:]:
            lines.append(f"rebuild: the cache reused {reused} units and rendered {rendered}")
        if f["rebuild"].get("identical_without_cache"):
            lines.append("rebuild: byte-identical to a build of the same catalog without the cache")
    caches = sorted(set(f["build"]["cache_paths"]) | set(f.get("rebuild", {}).get("cache_paths", [])))
    lines.append("cache folders seen (cleared before every cold run): " + (", ".join(caches) if caches else "none"))
    return "\n".join(lines)


def stage_names(runs: list[dict[str, float]], emits: bool = True) -> list[str]:
    seen: list[str] = list(STAGES)
    for timings in runs:
        for name in timings:
            if name not in seen:
                seen.append(name)
    if emits and not any(name.startswith("emit") for name in seen):
        seen.append("emit")
    return seen


def percents(ratios: list[float]) -> str:
    return ", ".join(f"{ratio:.0%}" for ratio in ratios)


def percent_verdict(ratio: float | None, target: float) -> str:
    return "n/a" if ratio is None else f"{ratio:.0%} {verdict(ratio >= target)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jimu", type=Path, default=REPO / ".build" / "release" / "jimu", help="the jimu binary (release)")
    parser.add_argument("--catalog", type=Path, help="a catalog to measure (default: write the province-scale one)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure, at least 3 for a median (default 3)")
    parser.add_argument("--yams-runs", type=int, default=None, help="runs of the Yams pass (default --runs)")
    parser.add_argument("--parser-runs", type=int, default=None,
                        help="rounds of the C walk and the reader (default --runs, at least 7: a pass is seconds, "
                             "and a shared machine's speed swings from one to the next)")
    parser.add_argument("--rebuild-runs", type=int, default=None,
                        help="rebuilds after an edit (default --runs, at least 5: the first also makes the spare tree)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--skip-readers", action="store_true", help="skip Benchmarks/ReaderBench (no Swift build)")
    parser.add_argument("generator", nargs="*", help="arguments for scripts/province_catalog.py, after --")
    args = parser.parse_args(argv)
    jimu = args.jimu if args.jimu.is_absolute() else (Path.cwd() / args.jimu)
    if not jimu.exists():
        sys.exit(f"bench: no jimu binary at {jimu}: run `make build` first")
    runs = max(1, args.runs)
    for name in ("parser_runs", "rebuild_runs", "yams_runs"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")

    work = Path(tempfile.mkdtemp(prefix="jimu-bench-"))
    results = Results()
    # Files deleted just before the bench (by `make test`, by an earlier bench) would slow
    # the cold builds' file creation for a minute after they are written back (`settle`): the
    # first cold build starts no sooner than that after the start.
    settle()
    quiet_from = time.monotonic() + QUIET_AFTER_DELETIONS
    left: list[Path] = []  # the cold builds' trees, kept until the rebuilds are timed
    try:
        catalog, own = ensure_catalog(args, work)
        facts = catalog_facts(catalog, work)
        results.figures["catalog"] = facts
        results.figures["jimu"] = str(jimu)
        results.figures["load_average_before"] = os.getloadavg()
        walker, compile_command = compile_c_walk(work)
        results.figures["c_walk"] = {"walk": [], "walk_cpu": [], "compile": compile_command}
        bench_check(jimu, catalog, own, work, runs, results)
        if (wait := quiet_from - time.monotonic()) > 0:
            log(f"waiting {wait:.0f} s for the file system to pass files deleted before the bench")
            time.sleep(wait)
        left = bench_build(jimu, catalog, own, work, runs, walker, facts, results)
        bench_rebuild(jimu, catalog, work, max(runs, 5) if args.rebuild_runs is None else args.rebuild_runs, results)
        reset(left)
        left = []
        bench_parsers(facts, max(runs, 7) if args.parser_runs is None else args.parser_runs,
                      args.yams_runs or runs, args.skip_readers, walker, results)
        results.figures["load_average_after"] = os.getloadavg()
        print(report(results, runs))
        if args.json:
            args.json.write_text(json.dumps(results.figures | {"notes": results.notes}, indent=2) + "\n")
    finally:
        reset(left)
        if args.keep:
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
