"""Validate SOP files: load each, run the checks, yield its findings."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from soptool.checks import run_checks
from soptool.findings import EXIT_FINDINGS, EXIT_OK, Finding
from soptool.loading import Loaded, load_file


@dataclass
class FileResult:
    """The findings for one file (and the loaded file, for commands that go on with it)."""

    file: str
    findings: list[Finding]
    loaded: Loaded | None = None

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors


def validate_file(path: Path, keep: bool = False) -> FileResult:
    """Load and check one file; ``keep`` keeps the loaded model in the result."""
    doc = load_file(path, str(path))
    return FileResult(doc.file, run_checks(doc), doc if keep else None)


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 150


def default_jobs(count: int) -> int:
    """How many processes validate ``count`` files: one per usable CPU for many files.

    Workers are forked (they inherit the loaded modules, so they start in milliseconds);
    where fork is not the safe choice (Windows, macOS), files are validated in this process.
    """
    if count < PARALLEL_MIN_FILES or not sys.platform.startswith("linux"):
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, count // (PARALLEL_MIN_FILES // 2)))


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent stops the pool and exits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _validate_path(path: Path) -> FileResult:
    return validate_file(path)


def validate_files(paths: Iterable[Path], keep: bool = False,
                   jobs: int | None = 1) -> Iterator[FileResult]:
    """Validate files, yielding each result in input order as it is ready (streamed).

    ``jobs`` processes do the work (``None``: ``default_jobs``); results with ``keep`` are
    always made in this process, as are those for a single job.
    """
    files = list(paths)
    workers = default_jobs(len(files)) if jobs is None else jobs
    if keep or workers <= 1 or len(files) <= 1:
        for path in files:
            yield validate_file(path, keep)
        return
    import multiprocessing

    chunk = max(1, min(16, len(files) // (workers * 8)))
    with multiprocessing.get_context("fork").Pool(workers, _worker_init) as pool:
        yield from pool.imap(_validate_path, files, chunk)


def run_validate(files: Iterable[Path], fmt: str = "text", strict: bool = False,
                 lang: str = "id", stream: IO[str] | None = None) -> int:
    """The ``validate`` command: report every file's findings, then the exit code.

    0 when no file has errors (nor warnings, with ``strict``), else 1.
    """
    from soptool.reporting import REPORTERS

    reporter = REPORTERS[fmt](stream if stream is not None else sys.stdout, lang, strict)
    for result in validate_files(files, jobs=None):
        reporter.add(result)
    reporter.close()
    return EXIT_FINDINGS if reporter.failed else EXIT_OK
