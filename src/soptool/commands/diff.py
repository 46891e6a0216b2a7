"""`soptool diff`: report a review of SOP changes (``review.diff``), the exit code."""

from __future__ import annotations

import sys
from typing import IO

from soptool.findings import EXIT_FINDINGS, EXIT_OK, FileResult
from soptool.report.messages import message
from soptool.report.reporters import TextReporter
from soptool.review.diff import Review, revisi_text, write_json, write_markdown, write_text


def run_diff(review: Review, fmt: str = "text", lang: str = "id",
             require_revisi: bool = False, exit_code: bool = False,
             stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """The ``diff`` command once the review is made (``review_files``, ``review_git``).

    The report (``fmt``: text, md or json) goes to ``stdout``; the findings of invalid
    files and the revision problems (with ``require_revisi``) to ``stderr``. 1 when a new
    version is invalid, when ``require_revisi`` is broken, or with ``exit_code`` when
    something changed; else 0.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    invalid = review.invalid
    # Findings of invalid files go to stderr, so that stdout stays a clean report. Only the
    # new versions' errors fail the run: an edit that repairs a broken SOP must pass.
    if review.old_invalid:
        err.write(message("diff.old_invalid", lang) + "\n")
        old_reporter = TextReporter(err, lang)
        for d in review.diffs:
            for finding in d.old_findings:
                old_reporter.finding(finding)
    if invalid:
        reporter = TextReporter(err, lang)
        for d in review.diffs:
            if d.findings:
                reporter.add(FileResult(d.file, d.findings))
        reporter.close()
    problems = review.problems if require_revisi else []
    shown = [d for d in review.diffs if d.changed or not (d.findings or d.old_findings)]
    if fmt == "json":
        write_json(shown, out, lang, problems)
    elif fmt == "md":
        write_markdown(shown, out, lang, problems)
    else:
        write_text(shown, out, lang)
    for problem in problems:
        err.write(f"soptool: {message('ui.error', lang)}: {revisi_text(problem, lang)}\n")
    failed = bool(invalid) or bool(problems) or (exit_code and review.changed)
    return EXIT_FINDINGS if failed else EXIT_OK
