"""The benchmark: soptool against the YAML parser floor and a JSON Schema validator.

Every figure is the median wall time of ``--runs`` runs of a fresh process, and every ratio
is computed from figures taken in the same run, on the same files, on this machine. Results
are printed, never stored as truth: machines differ.

    python bench/run.py                      # N = 2,000 files, 5 runs
    python bench/run.py --n 200 --runs 3     # smaller
    python bench/run.py --n 20 --runs 1 --quick   # the CI smoke run

Measured:
- validate of N files against (a) the floor, one Python process that only reads every file
  and builds its node tree with libyaml's C loader, and (b) check-jsonschema with the
  output of ``soptool schema`` (the ``bench`` extra installs it);
- duration and render (HTML) over the same files, when those commands exist;
- one file, as pre-commit runs it: ``soptool validate FILE`` against check-jsonschema of the
  same file with the same schema, and yamllint of it (the peers an office would otherwise
  wire into pre-commit); ``soptool --version`` and ``python -c "import pydantic, yaml"``
  for reference;
- scaling: validate and render of one SOP of 50, 500 and 5,000 steps;
- fmt --check over the N files, and of one SOP of 10,000 steps (the largest of --steps with
  --quick), each against validate of the same files (the corpus is already formatted: this
  is what CI pays for ``soptool fmt --check``);
- peak memory of validate over all N files (the largest process, and the whole process tree).

``--check`` makes the exit code 1 when a target is missed (the default only prints).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import big_sop, generate_corpus  # noqa: E402

FLOOR = """\
import sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as fh:
        yaml.compose(fh.read(), Loader=yaml.CSafeLoader)
"""
IMPORTS = "import pydantic, yaml"
# What any validator built on pydantic models pays before reading a file: `import pydantic`
# alone is lazy, while defining and using one model loads pydantic's schema machinery and
# its plugin loader (importlib.metadata). soptool's format is pydantic models (issue 10,
# soptool/model/), so this is the floor of its own start-up. Shown for reference, not a
# target.
MODEL_FLOOR = """\
import yaml
from pydantic import BaseModel
class M(BaseModel):
    x: str = ""
M.model_validate({})
"""
NA = "n/a (command not available)"


@dataclass
class Timing:
    """The wall times of one measurement, in seconds (empty when it was skipped)."""

    name: str
    times: list[float]
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


class CommandFailed(RuntimeError):
    """A measured command exited with an unexpected code."""


def tool(name: str) -> str | None:
    """A console script next to this Python (the same venv), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    return shutil.which(name)


def run_once(cmd: Sequence[str], ok: Sequence[int] = (0,)) -> tuple[float, int]:
    """Run a command once (output discarded); its wall time and exit code."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise CommandFailed(f"{' '.join(cmd[:3])} ... exited {proc.returncode}: "
                            + " | ".join(err))
    return elapsed, proc.returncode


def measure(name: str, cmd: Sequence[str], runs: int, ok: Sequence[int] = (0,),
            before: object = None) -> Timing:
    """The wall times of ``runs`` runs of ``cmd`` (plus one warm-up run, not counted).

    An exit code other than those in ``ok`` stops the benchmark (the command is broken, or
    the corpus is); an accepted code other than 0 is noted in the table.
    """
    times, codes = [], set()
    for k in range(runs + 1):
        if callable(before):
            before()
        t, code = run_once(cmd, ok)
        codes.add(code)
        if k:
            times.append(t)
    note = "" if codes == {0} else f"exit {', '.join(map(str, sorted(codes)))}"
    return Timing(name, times, note)


@dataclass
class Job:
    """One command to time: its name, argv, accepted exit codes, and a step before each run."""

    name: str
    cmd: Sequence[str]
    ok: Sequence[int] = (0,)
    before: object = None


def measure_rounds(jobs: Sequence[Job], runs: int) -> list[Timing]:
    """Time several commands in interleaved rounds (one warm-up round, not counted).

    Each round runs every command once, so that a change of load on a shared machine falls
    on all of them alike and their ratios stay fair.
    """
    times: list[list[float]] = [[] for _ in jobs]
    codes: list[set[int]] = [set() for _ in jobs]
    for k in range(runs + 1):
        for j, job in enumerate(jobs):
            if callable(job.before):
                job.before()
            t, code = run_once(job.cmd, job.ok)
            codes[j].add(code)
            if k:
                times[j].append(t)
    return [Timing(job.name, times[j],
                   "" if codes[j] == {0} else f"exit {', '.join(map(str, sorted(codes[j])))}")
            for j, job in enumerate(jobs)]


def available(soptool: str, command: str) -> bool:
    """Whether ``soptool COMMAND --help`` works (the command exists on this build)."""
    proc = subprocess.run([soptool, command, "--help"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    return proc.returncode == 0


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
            continue
    return total


def peak_memory(cmd: Sequence[str]) -> tuple[float, float | None]:
    """(largest single process, sampled whole process tree) peak RSS of ``cmd``, in MB.

    The first figure is exact (``getrusage`` in a fresh wrapper process, so earlier children
    of this runner do not count); the second samples /proc every few milliseconds and adds
    up the process and its workers (None where /proc is not there).
    """
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", wrapper, *cmd], stdout=subprocess.PIPE)
    tree_peak = 0
    have_proc = Path("/proc/self/status").exists()
    while proc.poll() is None:
        if have_proc:
            tree_peak = max(tree_peak, _tree_rss_kb(proc.pid) - _own_rss_kb(proc.pid))
        time.sleep(0.005)
    out = proc.stdout.read().decode() if proc.stdout else "0"
    single = int(out.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    return single, (tree_peak / 1024 if have_proc else None)


def _own_rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def fmt_s(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


@dataclass
class Target:
    """One target: its text, the measured figure, and whether it is met."""

    text: str
    figure: float | None
    limit: float
    at_least: bool = False  # the figure must be >= limit (else <= limit)
    unit: str = "x"

    @property
    def verdict(self) -> str:
        if self.figure is None:
            return "n/a"
        ok = self.figure >= self.limit if self.at_least else self.figure <= self.limit
        return "PASS" if ok else "MISS"

    def line(self) -> str:
        if self.figure is None:
            shown = "n/a"
        elif self.unit == "x":
            shown = f"{self.figure:.2f}x"
        else:
            shown = f"{self.figure:.0f} {self.unit}"
        return f"  {self.text:<58} {shown:>10}   {self.verdict}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="soptool benchmark (see the README).")
    parser.add_argument("--n", type=int, default=2000, help="files in the corpus (2000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (5)")
    parser.add_argument("--seed", type=int, default=35, help="corpus seed (35)")
    parser.add_argument("--steps", default="50,500,5000",
                        help="step counts of the scaling SOPs (50,500,5000)")
    parser.add_argument("--fmt-steps", type=int, default=10000,
                        help="step count of the SOP for fmt --check (10000)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: scaling on 10,20,200 steps, one run of start-up")
    parser.add_argument("--workdir", type=Path, help="keep the corpus here (default: temp)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    soptool = tool("soptool")
    if soptool is None:
        print("soptool is not installed in this environment", file=sys.stderr)
        return 2
    steps = [10, 20, 200] if args.quick else [int(s) for s in args.steps.split(",")]
    runs = max(1, args.runs)
    startup_runs = runs if args.quick else max(runs, 10)

    tmp = tempfile.TemporaryDirectory(prefix="soptool-bench-")
    work = args.workdir or Path(tmp.name)
    try:
        return _bench(args, soptool, steps, runs, startup_runs, work)
    except CommandFailed as exc:
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        tmp.cleanup()


def _bench(args: argparse.Namespace, soptool: str, steps: list[int], runs: int,
           startup_runs: int, work: Path) -> int:
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    t0 = time.perf_counter()
    files = [str(p) for p in generate_corpus(corpus, args.n, args.seed)]
    size = sum(os.path.getsize(f) for f in files)
    big = {}
    for k in steps:
        path = work / f"big-{k}.yaml"
        path.write_text(big_sop(k, args.seed), encoding="utf-8")
        big[k] = str(path)
    fmt_steps = steps[-1] if args.quick else args.fmt_steps
    if fmt_steps not in big:
        path = work / f"big-{fmt_steps}.yaml"
        path.write_text(big_sop(fmt_steps, args.seed), encoding="utf-8")
        big[fmt_steps] = str(path)
    has_fmt = available(soptool, "fmt")
    schema = work / "schema.json"
    schema.write_bytes(subprocess.run([soptool, "schema"], check=True,
                                      stdout=subprocess.PIPE).stdout)
    out = work / "out"
    has_duration = available(soptool, "duration")
    has_render = available(soptool, "render")
    cjs = tool("check-jsonschema")

    def clean_out() -> None:
        shutil.rmtree(out, ignore_errors=True)

    print(f"soptool benchmark: {args.n} files ({size / 1e6:.1f} MB, seed {args.seed}), "
          f"{runs} runs each, median wall time; corpus written in "
          f"{time.perf_counter() - t0:.1f} s")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, soptool at {soptool}")
    print()

    rows: list[tuple[str, Timing, str]] = []

    def add(section: str, timing: Timing) -> Timing:
        rows.append((section, timing, timing.note))
        shown = timing.note if timing.median is None else fmt_s(timing.median)
        print(f"  measured {timing.name}: {shown}", flush=True)
        return timing

    def skipped(name: str, note: str) -> Timing:
        return Timing(name, [], note)

    n = args.n
    # validate exits 0 on this corpus (warnings only): 1 would mean the generator broke.
    # duration and render may report findings on some files (exit 1): noted in the table.
    jobs = [Job(f"floor: yaml.compose x {n}", [sys.executable, "-c", FLOOR, *files]),
            Job(f"soptool validate x {n}", [soptool, "validate", *files])]
    if has_duration:
        jobs.append(Job(f"soptool duration x {n}", [soptool, "duration", *files], (0, 1)))
    if has_fmt:
        # Exit 1 would mean a generated file is not in fmt's shape: noted in the table.
        jobs.append(Job(f"soptool fmt --check x {n}", [soptool, "fmt", "--check", *files],
                        (0, 1)))
    if has_render:
        jobs.append(Job(f"soptool render x {n} (HTML)",
                        [soptool, "render", *files, "-o", f"{out}/"], (0, 1), clean_out))
    done = {t.name: t for t in measure_rounds(jobs, runs)}
    floor = add("corpus", done[f"floor: yaml.compose x {n}"])
    val = add("corpus", done[f"soptool validate x {n}"])
    if cjs:
        peer = add("corpus", measure(f"check-jsonschema x {n}",
                                     [cjs, "--schemafile", str(schema), *files], runs))
    else:
        peer = add("corpus", skipped(f"check-jsonschema x {n}",
                                     "n/a (not installed: pip install -e '.[bench]')"))
    dur = add("corpus", done.get(f"soptool duration x {n}")
              or skipped(f"soptool duration x {n}", NA))
    ren = add("corpus", done.get(f"soptool render x {n} (HTML)")
              or skipped(f"soptool render x {n} (HTML)", NA))
    fmt_all = add("corpus", done.get(f"soptool fmt --check x {n}")
                  or skipped(f"soptool fmt --check x {n}", NA))

    # One file, as pre-commit runs each tool: the same file, the same schema.
    single_file = files[0]
    one_jobs = [
        Job(f'python -c "{IMPORTS}"', [sys.executable, "-c", IMPORTS]),
        Job("python: one pydantic model (reference)", [sys.executable, "-c", MODEL_FLOOR]),
        Job("soptool --version", [soptool, "--version"]),
        Job("soptool validate (1 file)", [soptool, "validate", single_file]),
    ]
    if cjs:
        one_jobs.append(Job("check-jsonschema (1 file)",
                            [cjs, "--schemafile", str(schema), single_file]))
    yamllint = tool("yamllint")
    if yamllint:
        # yamllint's relaxed rules may warn (exit 0) or find errors (exit 1): timed either way.
        one_jobs.append(Job("yamllint (1 file)", [yamllint, "-d", "relaxed", single_file],
                            (0, 1)))
    one_done = {t.name: t for t in measure_rounds(one_jobs, startup_runs)}
    imports = add("one file", one_done[f'python -c "{IMPORTS}"'])
    model_floor = add("one file", one_done["python: one pydantic model (reference)"])
    add("one file", one_done["soptool --version"])
    one = add("one file", one_done["soptool validate (1 file)"])
    not_installed = "n/a (not installed: pip install -e '.[bench]')"
    cjs_one = add("one file", one_done.get("check-jsonschema (1 file)")
                  or skipped("check-jsonschema (1 file)", not_installed))
    add("one file", one_done.get("yamllint (1 file)")
        or skipped("yamllint (1 file)", not_installed))

    scale_jobs = [Job(f"soptool validate ({k} steps)", [soptool, "validate", big[k]])
                  for k in steps]
    if has_render:
        scale_jobs += [Job(f"soptool render ({k} steps)",
                           [soptool, "render", big[k], "-o", f"{out}/"], (0, 1), clean_out)
                       for k in steps]
    fmt_big_name = f"soptool fmt --check ({fmt_steps} steps)"
    val_big_name = f"soptool validate ({fmt_steps} steps)"
    if has_fmt:
        scale_jobs.append(Job(fmt_big_name, [soptool, "fmt", "--check", big[fmt_steps]],
                              (0, 1)))
        if fmt_steps not in steps:
            scale_jobs.append(Job(val_big_name, [soptool, "validate", big[fmt_steps]]))
    scaled = {t.name: t for t in measure_rounds(scale_jobs, runs)}
    scale_val = {k: add("scaling", scaled[f"soptool validate ({k} steps)"]) for k in steps}
    scale_ren = {k: add("scaling", scaled.get(f"soptool render ({k} steps)")
                        or skipped(f"soptool render ({k} steps)", NA)) for k in steps}
    val_big = scale_val.get(fmt_steps) or add(
        "scaling", scaled.get(val_big_name) or skipped(val_big_name, NA))
    fmt_big = add("scaling", scaled.get(fmt_big_name) or skipped(fmt_big_name, NA))

    single, tree = peak_memory([soptool, "validate", *files])
    clean_out()

    print()
    print(f"  {'section':<9} {'measurement':<40} {'median':>9} {'min':>9} {'runs':>5}  note")
    print(f"  {'-' * 9} {'-' * 40} {'-' * 9} {'-' * 9} {'-' * 5}  {'-' * 4}")
    for section, timing, note in rows:
        low = min(timing.times) if timing.times else None
        print(f"  {section:<9} {timing.name:<40} {fmt_s(timing.median):>9} {fmt_s(low):>9} "
              f"{len(timing.times):>5}  {note}".rstrip())
    tree_text = "n/a" if tree is None else f"{tree:.0f} MB"
    print(f"  {'memory':<9} {'peak RSS, validate x ' + str(n):<40} {single:>6.0f} MB "
          f"{'':>9} {1:>5}  largest process; whole process tree {tree_text}")

    lo, hi = steps[-2], steps[-1]
    growth = ratio(scale_val[hi].median, scale_val[lo].median)
    growth_r = ratio(scale_ren[hi].median, scale_ren[lo].median)
    memory = max(single, tree or 0.0)
    targets = [
        Target(f"validate x {n} / floor (<= 1.5x)", ratio(val.median, floor.median), 1.5),
        Target(f"check-jsonschema x {n} / validate (>= 20x)",
               ratio(peer.median, val.median), 20, at_least=True),
        Target(f"duration x {n} / validate (<= 1.2x)", ratio(dur.median, val.median), 1.2),
        Target(f"render x {n} / validate (<= 4x)", ratio(ren.median, val.median), 4),
        Target(f"fmt --check x {n} / validate (<= 3x)", ratio(fmt_all.median, val.median), 3),
        Target(f"fmt --check {fmt_steps:,} steps / validate {fmt_steps:,} steps (<= 3x)",
               ratio(fmt_big.median, val_big.median), 3),
        Target("validate 1 file / check-jsonschema 1 file (<= 1x)",
               ratio(one.median, cjs_one.median), 1),
        Target(f"validate {lo} -> {hi} steps growth (<= 12x)", growth, 12),
        Target(f"render {lo} -> {hi} steps growth (<= 12x)", growth_r, 12),
        Target(f"peak RSS validate x {n} (< 150 MB)", memory, 150, unit="MB"),
    ]
    print()
    print("  targets" + " " * 54 + "measured   verdict")
    for t in targets:
        print(t.line())
    for name, base in ((repr(IMPORTS), imports), ("one pydantic model", model_floor)):
        reference = ratio(one.median, base.median)
        if reference is not None:
            print(f"  {'(reference) validate 1 file / ' + name:<58} {reference:>9.2f}x   info")
    missed = [t for t in targets if t.verdict == "MISS"]
    met = sum(t.verdict == "PASS" for t in targets)
    print()
    print(f"  {met} met, {len(missed)} missed, {len(targets) - met - len(missed)} not measured")
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
