"""Many files are validated by worker processes: same findings, same order as one process."""

from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from soptool.commands.validate import validate_files, validate_run
from soptool.report.reporters import TextReporter
from soptool.workers import PARALLEL_MIN_FILES, default_jobs, map_in_order

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """More files than the parallel threshold; some with errors, in a mixed order."""
    seed = (ROOT / "sops" / "rka-balai.yaml").read_text("utf-8")
    out = tmp_path_factory.mktemp("many")
    paths = []
    for k in range(PARALLEL_MIN_FILES + 20):
        text = seed
        if k % 7 == 3:
            text = text.replace("  - kegiatan: Menyusun finalisasi", "  - kegaitan: Menyusun")
        if k % 11 == 5:
            text = text.replace("waktu: 60 menit", "waktu: sebentar")
        if k % 13 == 0:
            text = "nama: [tidak ditutup\n"
        path = out / f"sop-{(k * 37) % 1000:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_give_the_same_results_in_input_order(many: list[Path]) -> None:
    serial = list(validate_files(many, jobs=1))
    parallel = list(validate_files(many, jobs=2))
    assert [r.file for r in parallel] == [str(p) for p in many]
    assert [r.findings for r in parallel] == [r.findings for r in serial]
    assert sum(r.errors for r in parallel) > 0
    assert all(r.loaded is None for r in parallel)


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_map_in_order_uses_workers_and_keeps_order() -> None:
    results = list(map_in_order(_pid_and_square, range(300), jobs=2))
    assert [sq for _, sq in results] == [n * n for n in range(300)]
    assert os.getpid() not in {pid for pid, _ in results}
    serial = list(map_in_order(_pid_and_square, range(5), jobs=1))
    assert {pid for pid, _ in serial} == {os.getpid()}


class _Counter:
    """A callable with state: how many items this copy of it has seen."""

    def __init__(self) -> None:
        self.seen = 0

    def __call__(self, n: int) -> tuple[int, int, int]:
        self.seen += 1
        return os.getpid(), id(self), self.seen


def test_a_callable_reaches_each_worker_once() -> None:
    # Not pickled anew with every batch of items: its caches last the whole run (duration's
    # working calendar keeps the minutes of every duration text it has read).
    results = list(map_in_order(_Counter(), range(400), jobs=2))
    copies: dict[int, set[int]] = {}
    for pid, ident, _seen in results:
        copies.setdefault(pid, set()).add(ident)
    # One worker may take every batch of such quick items; each has one copy all the same.
    assert 1 <= len(copies) <= 2 and all(len(ids) == 1 for ids in copies.values())
    assert sum(max(seen for p, _, seen in results if p == pid) for pid in copies) == 400


def test_few_files_stay_in_this_process() -> None:
    assert default_jobs(1) == 1
    assert default_jobs(PARALLEL_MIN_FILES - 1) == 1
    assert default_jobs(100_000) >= 1


def test_cli_output_matches_one_process(many: list[Path]) -> None:
    expected = io.StringIO()
    reporter = TextReporter(expected, "id")
    for result in validate_run(sorted(many), jobs=1):  # with the checks across the run
        reporter.add(result)
    reporter.close()
    proc = subprocess.run(
        [sys.executable, "-m", "soptool", "validate", str(many[0].parent)],
        capture_output=True, text=True, env={"PATH": "", "NO_COLOR": "1"},
    )
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert proc.stdout == expected.getvalue()
    assert "SOP101" in proc.stdout and "SOP003" in proc.stdout and "SOP301" in proc.stdout


_PARENT = os.getpid()


def _dies_in_a_worker(n: int) -> int:
    # A worker killed by the system (out of memory, say) vanishes without a word.
    if n == 123 and os.getpid() != _PARENT:
        os._exit(9)
    return n * 2


@pytest.mark.timeout(60)
def test_a_worker_that_dies_leaves_its_items_to_this_process() -> None:
    # multiprocessing.Pool waits forever for the lost batch; here the run finishes, whole.
    assert list(map_in_order(_dies_in_a_worker, range(600), jobs=2)) == [
        n * 2 for n in range(600)]


def _fails_at_250(n: int) -> int:
    if n == 250:
        raise ValueError(f"butir {n}")
    return n


@pytest.mark.timeout(60)
def test_an_error_arrives_where_a_loop_would_raise_it() -> None:
    seen: list[int] = []
    with pytest.raises(ValueError, match="butir 250"):
        for value in map_in_order(_fails_at_250, range(600), jobs=2):
            seen.append(value)
    assert seen == list(range(250))


@pytest.mark.timeout(60)
def test_a_run_stopped_early_leaves_no_worker() -> None:
    results = map_in_order(_pid_and_square, range(600), jobs=2)
    first = [next(results) for _ in range(10)]
    assert [sq for _, sq in first] == [n * n for n in range(10)]
    results.close()  # the consumer stops: the workers are stopped too
    assert multiprocessing.active_children() == []
