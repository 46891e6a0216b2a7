"""Print the HTML document (``render.document.render``, format html) to PDF with WeasyPrint.

The PDF is the same document as the HTML: one template, whose ``@page`` rules (paper,
margins, the "Halaman N dari M" margin box) are what paged media needs. WeasyPrint is an
optional extra (``soptool[pdf]``) on the system's Pango: ``check`` says, before anything is
rendered, which one is missing (``PdfUnavailable``, a message key).

The output is PDF/A-3b (ISO 19005-3, level B: every font embedded, sRGB output intent, XMP
metadata; part 3 so that an office may attach the SOP's YAML to the signed file later) and
byte-identical for the same input: WeasyPrint writes no dates unless given them and, for
PDF/A, an ID that is a hash of the content; the dates are the SOP's own (pembuatan,
revisi), never the clock.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING, Any

from soptool.model.dates import MonthDate

if TYPE_CHECKING:
    from soptool.model import Sop

PDF_VARIANT = "pdf/a-3b"
PRODUCER = "soptool"


class PdfUnavailable(Exception):
    """WeasyPrint cannot be used here; ``key`` is a message key, ``params`` its parameters."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _weasyprint() -> Any:
    """The weasyprint module, or ``PdfUnavailable`` saying what to install."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except ImportError:  # the extra is not installed (or sys.modules says None)
        raise PdfUnavailable("render.pdf_missing") from None
    except OSError as exc:  # WeasyPrint loads Pango when imported: a system library
        raise PdfUnavailable("render.pdf_library", reason=str(exc)) from None
    # WeasyPrint logs each CSS property it does not know (the SVG ones of the shared
    # stylesheet, which Chromium uses) as a warning: not for users of soptool.
    for name in ("weasyprint", "fontTools"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
    return weasyprint


def check() -> None:
    """Raise ``PdfUnavailable`` when a PDF cannot be made here (before rendering)."""
    _weasyprint()


def _date(value: object) -> str | None:
    """A W3C date (what WeasyPrint's metadata takes) at midnight UTC, so that it does not
    depend on the machine's time zone; a month-only date (``Januari 2014``) is its first day.
    """
    if isinstance(value, _dt.date):
        return f"{value.isoformat()}T00:00:00Z"
    if isinstance(value, MonthDate):
        return f"{value.year:04d}-{value.month:02d}-01T00:00:00Z"
    return None


def to_pdf(html: str, sop: Sop) -> bytes:
    """The PDF of ``html``, the HTML document of ``sop``: metadata from the SOP (title the
    nama, subject the nomor, author the instansi), dates its pembuatan and revisi."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=None).render()
    meta = document.metadata
    meta.title = str(sop.nama)
    meta.description = str(sop.nomor) if sop.nomor else None
    meta.authors = [", ".join(str(line) for line in sop.instansi)] if sop.instansi else []
    meta.generator = PRODUCER
    created = sop.tanggal.pembuatan
    meta.created = _date(created)
    meta.modified = _date(sop.tanggal.revisi or created)
    meta.lang = "id"
    data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return data
