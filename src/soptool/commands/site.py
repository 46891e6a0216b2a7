"""`soptool site`: build the catalogue site of SOP files, report the invalid ones, the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from soptool.findings import EXIT_FINDINGS, EXIT_OK, FileResult, SoptoolError
from soptool.report.messages import message
from soptool.report.reporters import TextReporter
from soptool.site.build import SiteError, SiteOptions, SiteReport, build_site


def run_site(files: list[Path], out: Path, options: SiteOptions, lang: str = "id",
             stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """The ``site`` command once its options are read; the exit code.

    Every valid SOP is published; an invalid one is left out, its findings go to ``stderr``
    (``file:line:col``) and the code is 1. The summary line goes to ``stdout``. Raises
    ``SoptoolError`` for a usage error (an output folder that is not soptool's), before
    anything is written.
    """
    out_stream = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    errors = TextReporter(err, lang)

    def invalid(result: FileResult) -> None:
        for finding in result.findings:
            errors.finding(finding)
        err.write(message("site.skipped", lang, file=result.file, errors=result.errors) + "\n")

    try:
        report: SiteReport = build_site(files, out, options, on_invalid=invalid)
    except SiteError as exc:
        raise SoptoolError(exc.key, **exc.params) from None
    except OSError as exc:  # the output folder cannot be made or written (as render: 1)
        path = exc.filename if exc.filename is not None else out
        why = message("site.write_error", lang, path=str(path),
                      reason=exc.strerror or str(exc))
        err.write(f"soptool: {message('ui.error', lang)}: {why}\n")
        return EXIT_FINDINGS
    if report.pdf_error is not None and options.pdf:
        key, params = report.pdf_error
        err.write(f"soptool: {message('ui.warning', lang)}: "
                  f"{message('site.no_pdf', lang, reason=message(key, lang, **params))}\n")
    if report.invalid:
        err.write(message("site.invalid", lang, count=len(report.invalid)) + "\n")
    out_stream.write(message("site.done", lang, path=str(out), sops=report.sops,
                             written=len(report.written), unchanged=report.unchanged,
                             removed=len(report.removed)) + "\n")
    return EXIT_FINDINGS if report.invalid else EXIT_OK
