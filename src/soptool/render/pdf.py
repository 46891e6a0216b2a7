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
import re
import warnings
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


# What WeasyPrint needs of the HTML document that Chromium does not (the HTML file itself
# is not changed): WeasyPrint draws an inline SVG as an image of its own size, styled only
# by the SVG's own <style> (not the page's stylesheet), and does not size an absolutely
# positioned SVG by its table cell. So each row's flowchart gets the row's height and the
# template's `svg.flow` rules inside it, and stands in its cell instead of over it. And
# WeasyPrint resolves a percentage in a nested <svg> against whichever nested <svg> it sized
# last, not against the row: the row's nested spans and frames (y="50%", height="50%", a
# line's y2="100%") get their places in px of the row's height instead, or a line may run
# past its end (a stub under a start box) or stop short of it.
_SVG_RULES = re.compile(r"^svg\.flow[^{]*\{[^}]*\}", re.M)
_FLOW_ROW = re.compile(
    r'(<tr class="step"[^>]*style="height: ([0-9.]+)mm">(?:(?!<svg|</tr>).)*'
    r'<svg class="flow" )([^>]*>)', re.S)
_STEP_ROW = re.compile(r'<tr class="step"[^>]*style="height: ([0-9.]+)mm">.*?</tr>', re.S)
_SPAN = re.compile(r'<svg y="([0-9.]+)%" height="([0-9.]+)%" overflow="visible">'
                   r'(<line [^>]*?)y2="100%"')
_FRAME = re.compile(r'<svg y="([0-9.]+)%" overflow="visible">')
PX_PER_MM = 96 / 25.4
PAGED_CSS = (".steps td.flow > svg { position: static !important; display: block !important;"
             " overflow: hidden !important; }")


def paged_html(html: str) -> str:
    """``html`` as WeasyPrint should print it (see above); unchanged where the document
    has no flowchart rows of the built-in template's shape (a user template)."""
    head = html.split("</style>", 1)[0]
    rules = "\n".join(_SVG_RULES.findall(head))
    style = f"<style>{rules}</style>" if rules else ""

    def row(match: re.Match[str]) -> str:
        return f'{match.group(1)}height="{match.group(2)}mm" {match.group(3)}{style}'

    def spans(match: re.Match[str]) -> str:
        height = float(match.group(1)) * PX_PER_MM

        def at(percent: str) -> str:
            return f"{float(percent) * height / 100:.2f}"

        text = _SPAN.sub(lambda m: f'<svg y="{at(m.group(1))}" height="{at(m.group(2))}" '
                                   f'overflow="visible">{m.group(3)}y2="{at(m.group(2))}"',
                         match.group(0))
        return _FRAME.sub(lambda m: f'<svg y="{at(m.group(1))}" overflow="visible">', text)

    return _STEP_ROW.sub(spans, _FLOW_ROW.sub(row, html))


def to_pdf(html: str, sop: Sop) -> bytes:
    """The PDF of ``html``, the HTML document of ``sop``: metadata from the SOP (title the
    nama, subject the nomor, author the instansi), dates its pembuatan and revisi."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=paged_html(html), base_url=None).render(
        stylesheets=[weasyprint.CSS(string=PAGED_CSS)])
    meta = document.metadata
    meta.title = str(sop.nama)
    meta.description = str(sop.nomor) if sop.nomor else None
    meta.authors = [", ".join(str(line) for line in sop.instansi)] if sop.instansi else []
    meta.generator = PRODUCER
    created = sop.tanggal.pembuatan
    meta.created = _date(created)
    meta.modified = _date(sop.tanggal.revisi or created)
    meta.lang = "id"
    with warnings.catch_warnings():
        # WeasyPrint 70 leaves its sRGB profile (pdf/sRGB2014.icc) for the collector to close
        warnings.simplefilter("ignore", ResourceWarning)
        data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return data
