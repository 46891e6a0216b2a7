"""`soptool import`: each PDF read and written as one SOP file; the summary; the exit code."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import IO, Any

from soptool.findings import EXIT_FINDINGS, EXIT_OK
from soptool.importer.document import Imported, import_pdf
from soptool.report.messages import message
from soptool.source.atomic import write_atomic


def _notes_json(result: Imported, lang: str) -> list[dict[str, Any]]:
    return [{"tempat": n.where, "kunci": n.key, "pesan": n.message(lang)}
            for n in result.notes]


def _record(result: Imported, target: Path | None, status: str, lang: str) -> dict[str, Any]:
    composed = result.composed
    return {
        "pdf": result.source,
        "halaman": result.pages,
        "status": status,
        "berkas": str(target) if target is not None else None,
        "langkah": composed.steps if composed else 0,
        "pelaksana": composed.actors if composed else 0,
        "gambar": [{"halaman": p.page + 1, "bagian": p.what} for p in result.pictures],
        "periksa": _notes_json(result, lang),
        "temuan": [{"line": f.line, "column": f.col, "code": f.code,
                    "severity": f.severity, "message": f.message(lang)}
                   for f in result.findings],
        "alasan": (message(result.failure_key, lang, **result.failure_params)
                   if result.failure_key and status == "gagal" else None),
    }


def run_import(files: list[Path], output: Path, fmt: str = "text", lang: str = "id",
               stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Import ``files`` into ``output`` (a folder); 0 when every PDF was read, else 1.

    A file is written only where no file of that name exists (never over anything). A PDF
    whose procedure table is a picture gives its identity only, marked, and counts as not
    read. ``fmt`` "json" writes one JSON document to ``stdout``; the text goes to ``stderr``.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    # pdfminer logs what it repairs in a damaged PDF ("Could not get FontBBox ..."), in
    # English, through logging's last-resort handler: the user reads soptool's own words.
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())
    records: list[dict[str, Any]] = []
    written = partial = failed = notes = 0
    for path in files:
        source = str(path)
        result = import_pdf(path, source)
        for picture in result.pictures:
            what = message(f"import.picture_{'table' if picture.what == 'tabel' else 'identity'}",
                           lang)
            err.write(message("import.picture", lang, source=source, page=picture.page + 1,
                              what=what) + "\n")
        composed = result.composed
        if composed is None or composed.text is None or (
                not composed.complete and not result.pictures):
            failed += 1
            reason = message(result.failure_key or "import.no_table", lang,
                             **result.failure_params)
            err.write(message("import.failed", lang, source=source, reason=reason) + "\n")
            result.failure_key = result.failure_key or "import.no_table"
            records.append(_record(result, None, "gagal", lang))
            continue
        target = output / composed.name
        try:
            write_atomic(target, composed.text, replace=False)
        except FileExistsError:
            failed += 1
            err.write(message("import.exists", lang, source=source, target=target) + "\n")
            result.failure_key, result.failure_params = "import.exists", {
                "source": source, "target": str(target)}
            records.append(_record(result, None, "gagal", lang))
            continue
        except OSError as exc:
            failed += 1
            err.write(message("import.write_failed", lang, source=source, target=target,
                              detail=exc.strerror or str(exc)) + "\n")
            result.failure_key, result.failure_params = "import.write_failed", {
                "source": source, "target": str(target), "detail": exc.strerror or str(exc)}
            records.append(_record(result, None, "gagal", lang))
            continue
        if composed.complete:
            written += 1
            err.write(message("import.written", lang, source=source, target=target,
                              steps=composed.steps, actors=composed.actors) + "\n")
            status = "diimpor"
        else:
            partial += 1
            err.write(message("import.partial", lang, source=source, target=target) + "\n")
            status = "sebagian"
        if result.notes:
            notes += len(result.notes)
            err.write(message("import.to_check", lang, count=len(result.notes)) + "\n")
            for note in result.notes:
                where = note.where + (f" ({note.key})" if note.key else "")
                err.write(message("import.note", lang, where=where,
                                  text=note.message(lang)) + "\n")
        if result.findings:
            errors = result.errors
            err.write(message("import.findings", lang, errors=errors,
                              warnings=len(result.findings) - errors) + "\n")
        records.append(_record(result, target, status, lang))
    err.write(message("import.summary", lang, files=len(files), written=written,
                      partial=partial, failed=failed, notes=notes) + "\n")
    if fmt == "json":
        from soptool.report.jsonout import envelope, write_document

        write_document(envelope(files=records), out)
    return EXIT_OK if failed == 0 and partial == 0 else EXIT_FINDINGS
