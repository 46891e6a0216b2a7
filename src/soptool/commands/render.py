"""`soptool render`: render SOP files to documents, report the invalid ones, the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from soptool.findings import EXIT_FINDINGS, EXIT_OK, SoptoolError
from soptool.render.document import STOPPING, PlanError, RenderJob, plan, render_planned
from soptool.report.messages import message
from soptool.report.progress import Progress
from soptool.report.reporters import TextReporter


def run_render(files: list[Path], job: RenderJob, output: str | None = None,
               lang: str = "id", stdout: IO[str] | None = None,
               stderr: IO[str] | None = None, progress: IO[str] | None = None,
               overwrite: bool = False) -> int:
    """The ``render`` command once its options are read; the exit code.

    Each valid SOP's document goes where ``render.document.plan`` puts it for ``output``
    (its name goes to ``stdout``; with ``-`` the document itself). An invalid SOP is not
    rendered: its findings go to ``stderr`` and the code is 1; the others are still
    rendered. A document that may not be written (an existing file without ``overwrite``,
    an input, a YAML file, a folder, a special file) or that the disk refuses is reported
    on ``stderr`` and the code is 1; the others are still written. Raises ``SoptoolError``
    for a usage error: outputs that cannot be written as asked (before anything is
    written), a template that fails. ``overwrite``: ``--timpa``, replace existing
    documents. ``progress``: a terminal to count the files on while a long run goes.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        plans = plan(files, job.fmt, output, overwrite)
    except PlanError as exc:
        raise SoptoolError(exc.key, **exc.params) from None
    failed = False
    errors = TextReporter(err, lang)
    counter = Progress(progress, len(plans), lang)
    try:
        for outcome in render_planned(plans, job):
            counter.clear()
            result = outcome.result
            if result.errors:  # not rendered: the SOP does not validate
                for finding in result.findings:
                    errors.finding(finding)
                err.write(message("render.skipped", lang, file=result.file,
                                  errors=result.errors) + "\n")
                failed = True
            elif outcome.error is not None:
                key, params = outcome.error
                if key in STOPPING:  # the same for every file: stop
                    raise SoptoolError(key, **params)
                # this document only (refused, or the disk said no): the others go on
                err.write(f"soptool: {message('ui.error', lang)}: "
                          f"{message(key, lang, **params)}\n")
                failed = True
            elif outcome.text is not None:
                out.write(outcome.text)
            elif outcome.data is not None:  # a PDF to stdout: bytes, on the binary stream
                out.flush()
                binary = getattr(out, "buffer", None)
                if binary is None:
                    raise SoptoolError("render.pdf_stdout")
                binary.write(outcome.data)
                binary.flush()
            else:
                out.write(f"{outcome.written.target}\n")
            counter.step()
    finally:
        counter.close()
    return EXIT_FINDINGS if failed else EXIT_OK
