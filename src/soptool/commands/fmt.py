"""`soptool fmt`: format SOP files in place (or say which would change), the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from soptool.findings import EXIT_FINDINGS, EXIT_OK, FileResult
from soptool.report.messages import message
from soptool.report.progress import Progress
from soptool.report.reporters import TextReporter
from soptool.review.fmt import format_files, replace_if_unchanged, unified_diff


def run_fmt(files: list[Path], check: bool = False, show_diff: bool = False,
            lang: str = "id", stdout: IO[str] | None = None, stderr: IO[str] | None = None,
            progress: IO[str] | None = None) -> int:
    """The ``fmt`` command once its options are read; the exit code.

    Rewrites each file that would change (atomically), naming it on ``stdout``; with
    ``check`` names it only, with ``show_diff`` writes its unified diff instead. Files that
    cannot be read are not touched: their findings go to ``stderr``, then the summary. 1
    when a file failed (or, with ``check`` or ``show_diff``, when one would change), else 0.
    ``progress``: a terminal to count the files on while a long run goes.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    reporter = TextReporter(err, lang)
    counter = Progress(progress, len(files), lang)
    changed = same = failed = 0
    for result in format_files(files, jobs=None):
        counter.step()
        if result.failed:
            failed += 1
            counter.clear()
            reporter.add(FileResult(result.file, result.findings))
            continue
        if not result.changed:
            same += 1
            continue
        changed += 1
        counter.clear()
        if show_diff:
            out.write(unified_diff(result))
        elif check:
            out.write(message("fmt.would_change", lang, file=result.file) + "\n")
        else:
            assert result.formatted is not None
            try:
                replaced = replace_if_unchanged(Path(result.file), result.original,
                                                result.formatted)
            except OSError as exc:
                failed += 1
                changed -= 1
                err.write(message("fmt.write_failed", lang, file=result.file,
                                  detail=exc.strerror or str(exc)) + "\n")
                continue
            if not replaced:
                failed += 1
                changed -= 1
                err.write(message("fmt.changed_meanwhile", lang, file=result.file) + "\n")
                continue
            out.write(message("fmt.changed", lang, file=result.file) + "\n")
    counter.close()
    dry = check or show_diff
    key = "fmt.summary_check" if dry else "fmt.summary"
    err.write(message(key, lang, files=len(files), changed=changed, same=same,
                      failed=failed) + "\n")
    return EXIT_FINDINGS if failed or (dry and changed) else EXIT_OK
