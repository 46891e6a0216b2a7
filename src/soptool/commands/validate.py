"""Validate SOP files: load each, run the checks, yield its findings."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from soptool.findings import EXIT_FINDINGS, EXIT_OK, FileResult
from soptool.loading import load_file
from soptool.rules.checks import run_checks
from soptool.workers import map_in_order


def validate_file(path: Path, keep: bool = False) -> FileResult:
    """Load and check one file; ``keep`` keeps the loaded model in the result."""
    doc = load_file(path, str(path))
    return FileResult(doc.file, run_checks(doc), doc if keep else None)


def _validate_path(path: Path) -> FileResult:
    return validate_file(path)


def validate_files(paths: Iterable[Path], keep: bool = False,
                   jobs: int | None = 1) -> Iterator[FileResult]:
    """Validate files, yielding each result in input order as it is ready (streamed).

    ``jobs`` processes do the work (``None``: ``workers.default_jobs``, one per CPU for many
    files); results with ``keep`` (which hold the whole loaded file) are made in this process.
    """
    if keep:
        for path in paths:
            yield validate_file(path, keep)
        return
    yield from map_in_order(_validate_path, paths, jobs)


def run_validate(files: Iterable[Path], fmt: str = "text", strict: bool = False,
                 lang: str = "id", stream: IO[str] | None = None,
                 progress: IO[str] | None = None) -> int:
    """The ``validate`` command: report every file's findings, then the exit code.

    0 when no file has errors (nor warnings, with ``strict``), else 1. ``progress``: a
    terminal to count the files on while a long run goes (``report.progress``).
    """
    from soptool.report.progress import Progress
    from soptool.report.reporters import REPORTERS

    paths = list(files)
    reporter = REPORTERS[fmt](stream if stream is not None else sys.stdout, lang, strict)
    counter = Progress(progress, len(paths), lang)
    for result in validate_files(paths, jobs=None):
        if result.findings:
            counter.clear()
        reporter.add(result)
        counter.step()
    counter.close()
    reporter.close()
    return EXIT_FINDINGS if reporter.failed else EXIT_OK
