"""One PDF imported: opened with pdfplumber, read, composed, checked (no writing here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soptool.findings import Finding
from soptool.importer.compose import Composed, compose
from soptool.importer.reading import Identity, PicturePage, Uncertain


class MissingExtra(Exception):
    """pdfplumber is not installed: ``pip install 'soptool[import]'``."""


@dataclass
class Imported:
    """What importing one PDF gave."""

    source: str  # the PDF as named on the command line
    pages: int = 0
    composed: Composed | None = None  # None: the PDF could not be read at all
    pictures: list[PicturePage] = field(default_factory=list)
    failure_key: str | None = None  # why it could not be read: a message key, its params
    failure_params: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)  # soptool validate on the result

    @property
    def notes(self) -> list[Uncertain]:
        """What the importer was unsure of (each a PERIKSA comment in the file)."""
        return self.composed.notes if self.composed else []

    @property
    def errors(self) -> int:
        """How many of the findings on the imported file are errors."""
        return sum(1 for f in self.findings if f.is_error)


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError as exc:
        raise MissingExtra() from exc
    return pdfplumber


def _pages_read(identity: Identity, table_pages: list[int], steps: int,
                pictures: list[PicturePage]) -> str:
    def pages(numbers: list[int]) -> str:
        shown = [str(n + 1) for n in sorted(set(numbers))]
        return ("halaman " + ", ".join(shown)) if shown else "halaman tidak diketahui"

    parts = [f"identitas ({pages(identity.pages)})"]
    if table_pages:
        parts.append(f"tabel prosedur dan bagan alir ({pages(table_pages)}): {steps} langkah")
    for picture in pictures:
        parts.append(f"halaman {picture.page + 1} berupa gambar")
    return "; ".join(parts)


def import_pdf(path: Path, source: str | None = None) -> Imported:
    """Read ``path``; never raises for what the PDF holds (only ``MissingExtra``)."""
    pdfplumber = _pdfplumber()
    name = source if source is not None else str(path)
    result = Imported(name)
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        result.failure_key, result.failure_params = "import.unreadable", {
            "detail": exc.strerror or str(exc)}
        return result
    if b"%PDF-" not in head:
        result.failure_key = "import.not_pdf"
        return result
    try:
        # The file opened here, so that it is closed when pdfplumber fails to open it.
        with open(path, "rb") as stream, pdfplumber.open(stream) as pdf:
            result.pages = len(pdf.pages)
            return _read(pdf, path, result)
    except MissingExtra:
        raise
    except Exception as exc:  # noqa: BLE001 - said, never a traceback
        # Raised inside the PDF libraries: a damaged or encrypted PDF. Raised in soptool's
        # own readers: a soptool bug, said as one, with what to report.
        key = "import.broken_pdf" if _from_pdf_library(exc) else "import.bug"
        result.failure_key, result.failure_params = key, {
            "detail": f"{type(exc).__name__}: {exc}"[:300]}
        result.composed = None
        return result


def _from_pdf_library(exc: BaseException) -> bool:
    """Whether ``exc`` was raised inside pdfplumber, pdfminer or the imaging libraries."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return last is not None and any(part in last for part in (
        "pdfminer", "pdfplumber", "pypdfium2", "PIL", "charset_normalizer", "cryptography"))


def _read(pdf: Any, path: Path, result: Imported) -> Imported:
    from soptool.api import validate
    from soptool.importer.flow import read_flow
    from soptool.importer.identity import read_identity
    from soptool.importer.table import read_table

    identity = read_identity(pdf)
    table, pictures = read_table(pdf)
    flow = read_flow(pdf, table) if table is not None and table.rows else None
    result.pictures = pictures
    table_pages = table.pages if table is not None else []
    steps = len(table.rows) if table is not None else 0
    composed = compose(identity, table, flow, pictures, path.name, result.pages,
                       _pages_read(identity, table_pages, steps, pictures))
    result.composed = composed
    if composed.text is not None and steps:
        result.findings = validate(composed.text.encode("utf-8"))
    if table is None and not pictures:
        result.failure_key = "import.no_table"
    return result
