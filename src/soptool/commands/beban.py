"""``soptool beban``: the workload analysis of the SOPs' positions, as text, JSON, CSV or XLSX.

The command line only parses options and calls ``run_beban``; the figures are made in
``abk.compute`` and laid out in ``abk.output`` (and ``abk.xlsx``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from soptool.config import Settings
from soptool.findings import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

BOM = "\ufeff"


def run_beban(files: list[Path], settings: Settings, fmt: str = "text", lang: str = "id",
              ulang: int = 0, output: Path | None = None, timpa: bool = False,
              stream: IO[str] | None = None) -> int:
    """Analyse, write the report (to ``output`` or the stream), return the exit code: 1 when
    a file is not valid (its findings go to stderr), 2 when ``output`` may not be written."""
    from soptool.abk.compute import analyse
    from soptool.abk.output import csv_text, text_report, warnings, write_json
    from soptool.report.messages import message
    from soptool.report.reporters import TextReporter

    out = stream if stream is not None else sys.stdout
    if output is not None:
        refusal = _refusal(output, files, timpa)
        if refusal is not None:
            key, params = refusal
            print(_prefix(lang) + message(key, lang, **params),
                  file=sys.stderr)
            return EXIT_USAGE
    analysis = analyse(files, settings.abk, settings.calendar, ulang)
    err = TextReporter(sys.stderr, lang)
    for result in analysis.results:
        for finding in result.findings:
            if finding.severity.value == "error":
                err.finding(finding)
    if fmt != "text":
        for note in warnings(analysis, lang):
            print(message("beban.warning_word", lang) + ": " + note, file=sys.stderr)
    data: str | bytes
    if fmt == "json":
        import io

        buffer = io.StringIO()
        write_json(analysis, buffer, lang)
        data = buffer.getvalue()
    elif fmt == "csv":
        data = BOM + csv_text(analysis, lang)
    elif fmt == "xlsx":
        from soptool.abk.xlsx import xlsx_bytes

        data = xlsx_bytes(analysis, lang)
    else:
        data = text_report(analysis, lang)
    if output is not None:
        from soptool.source.atomic import write_atomic

        try:
            write_atomic(output, data, replace=timpa)
        except FileExistsError:
            print(_prefix(lang) + message("beban.exists", lang, path=str(output)), file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:
            print(_prefix(lang) + message(
                "beban.cannot_write", lang, path=str(output), reason=exc.strerror or str(exc)),
                file=sys.stderr)
            return EXIT_USAGE
        print(message("beban.written", lang, file=str(output)), file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        if fmt == "csv" and hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(data.encode("utf-8"))
            out.flush()
        else:
            out.write(data)
    return EXIT_FINDINGS if analysis.invalid else EXIT_OK


def _prefix(lang: str) -> str:
    from soptool.report.messages import message

    return f"soptool: {message('ui.error', lang)}: "


def _refusal(output: Path, inputs: list[Path], timpa: bool) -> tuple[str, dict[str, str]] | None:
    if output.is_dir():
        return "beban.is_dir", {"path": str(output)}
    for path in inputs:
        try:
            if output.exists() and output.samefile(path):
                return "beban.is_input", {"path": str(output)}
        except OSError:
            continue
    if output.exists() and not timpa:
        return "beban.exists", {"path": str(output)}
    return None
