"""Validate SOP files: load each, run the checks, yield its findings.

``run_validate`` adds the checks across the files of the run (``rules.crossref``: a
``digantikan_oleh`` that names no SOP, SOP409; a ``nomor`` used twice, SOP410) in this
process, from what each worker returns with its file's findings.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from soptool.findings import EXIT_FINDINGS, EXIT_OK, FileResult
from soptool.loading import load_file
from soptool.rules.checks import run_checks
from soptool.rules.crossref import Reference, RunChecks, reference_of
from soptool.workers import map_in_order


def validate_file(path: Path, keep: bool = False) -> FileResult:
    """Load and check one file; ``keep`` keeps the loaded model in the result."""
    doc = load_file(path, str(path))
    return FileResult(doc.file, run_checks(doc), doc if keep else None)


def _validate_path(path: Path) -> FileResult:
    return validate_file(path)


def _validate_with_reference(path: Path) -> tuple[FileResult, Reference]:
    doc = load_file(path, str(path))
    return FileResult(doc.file, run_checks(doc)), reference_of(doc)


def validate_run(paths: Iterable[Path], jobs: int | None = 1,
                 read: Callable[[], None] | None = None) -> Iterator[FileResult]:
    """``validate_files`` with the checks across the run's files (SOP409, SOP410).

    Results come in input order; one whose ``digantikan_oleh`` names an SOP not read yet is
    held back (and the ones after it) until that SOP comes, or the run ends. ``read`` is
    called once each time a file has been read (for a progress count).
    """
    run = RunChecks()
    for result, ref in map_in_order(_validate_with_reference, paths, jobs):
        if read is not None:
            read()
        yield from run.add(result, ref)
    yield from run.close()


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


def config_results(files: list[Path], start: Path | None = None) -> list[FileResult]:
    """The project settings that apply, checked: every ``soptool.yaml`` among ``files``
    (each a result, also when it has no findings), and the nearest one from ``start`` (the
    current folder), which the other commands read, as a result only when it has findings.
    """
    from soptool.config import ConfigError, find_config, read_settings
    from soptool.source.files import CONFIG_NAME

    named = [p for p in files if p.name == CONFIG_NAME]
    here = (start or Path.cwd()).resolve()
    nearest = find_config(here)
    if nearest is not None and nearest.is_relative_to(here):
        nearest = nearest.relative_to(here)  # as the user would write it
    out = []
    for path in [*named, *([nearest] if nearest is not None else [])]:
        if path is nearest and any(_same(path, p) for p in named):
            continue
        try:
            read_settings(path)
        except ConfigError as exc:
            out.append(FileResult(str(path), exc.findings))
        else:
            if path is not nearest:
                out.append(FileResult(str(path), []))
    return out


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def run_validate(files: Iterable[Path], fmt: str = "text", strict: bool = False,
                 lang: str = "id", stream: IO[str] | None = None,
                 progress: IO[str] | None = None, settings: bool = True) -> int:
    """The ``validate`` command: report every file's findings, then the exit code.

    0 when no file has errors (nor warnings, with ``strict``), else 1. ``progress``: a
    terminal to count the files on while a long run goes (``report.progress``).
    ``settings``: also check the project settings that apply (``config_results``); a
    ``soptool.yaml`` among ``files`` is checked as settings, never as an SOP.
    """
    from soptool.report.progress import Progress
    from soptool.report.reporters import REPORTERS
    from soptool.source.files import CONFIG_NAME

    given = list(files)
    paths = [p for p in given if p.name != CONFIG_NAME]
    reporter = REPORTERS[fmt](stream if stream is not None else sys.stdout, lang, strict)
    counter = Progress(progress, len(paths), lang)
    for result in validate_run(paths, jobs=None, read=counter.step):
        if result.findings:
            counter.clear()
        reporter.add(result)
    counter.close()
    if settings:
        for result in config_results(given):
            reporter.add(result)
    reporter.close()
    return EXIT_FINDINGS if reporter.failed else EXIT_OK
