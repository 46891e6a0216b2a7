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
# by the SVG's own <style> (not the page's stylesheet), does not size an absolutely
# positioned SVG by its table cell, and sizes a nested <svg height="50%"> as if it were
# 100 % (so a line from a row's top to its middle would run on to the bottom). So each
# row's flowchart gets the height its cell is printed at and the template's `svg.flow`
# rules inside it, stands in its cell instead of over it, and has its row-relative
# positions (the nested viewports' y="50%", height="50%" and the lines' y2="100%") in
# pixels of that height.
_SVG_RULES = re.compile(r"^svg\.flow[^{]*\{[^}]*\}", re.M)
_FLOW_ROW = re.compile(
    r'(<tr class="step" data-step="([0-9]+)"[^>]*style="height: ([0-9.]+)mm">'
    r'(?:(?!<svg|</tr>).)*<svg class="flow" )([^>]*>)(.*?)(</td>)', re.S)
# soptool.render.document's markup: a vertical line between two anchors (_span_line) and
# a frame of items at one anchor (_svg_frames)
_SPAN = re.compile(r'<svg y="([0-9.]+)%" height="([0-9.]+)%" overflow="visible">'
                   r'(<line [^>]*?)y2="100%"/>')
_FRAME = re.compile(r'<svg y="([0-9.]+)%" overflow="visible">')
PAGED_CSS = (".steps td.flow > svg { position: static !important; display: block !important;"
             " overflow: hidden !important; }")
PX_PER_MM = 96 / 25.4


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _absolute(body: str, height: float) -> str:
    """A row's drawing with its row-relative positions in pixels, for a row ``height``
    pixels high."""
    def span(m: re.Match[str]) -> str:
        h = float(m.group(2)) / 100 * height
        return (f'<svg y="{_num(float(m.group(1)) / 100 * height)}" height="{_num(h)}" '
                f'overflow="visible">{m.group(3)}y2="{_num(h)}"/>')

    body = _SPAN.sub(span, body)
    return _FRAME.sub(lambda m: f'<svg y="{_num(float(m.group(1)) / 100 * height)}" '
                                f'overflow="visible">', body)


def paged_html(html: str, printed: dict[str, float] | None = None) -> str:
    """``html`` as WeasyPrint should print it (see above); unchanged where the document
    has no flowchart rows of the built-in template's shape (a user template).

    ``printed``: the height (mm) each step's flowchart cell was printed at, by step number,
    where it is not the row's planned height (a text taller than the layout estimated).
    """
    head = html.split("</style>", 1)[0]
    rules = "\n".join(_SVG_RULES.findall(head))
    style = f"<style>{rules}</style>" if rules else ""
    printed = printed or {}

    def row(match: re.Match[str]) -> str:
        mm = printed.get(match.group(2), float(match.group(3)))
        return (f'{match.group(1)}height="{_num(mm)}mm" {match.group(4)}{style}'
                f'{_absolute(match.group(5), mm * PX_PER_MM)}{match.group(6)}')

    return _FLOW_ROW.sub(row, html)


def _boxes(box: Any) -> Any:
    """A layout box and all the boxes in it."""
    stack = [box]
    while stack:
        b = stack.pop()
        yield b
        stack.extend(getattr(b, "children", None) or ())


def printed_heights(document: Any) -> dict[str, float]:
    """The height (mm) of each step's flowchart cell as WeasyPrint laid it out."""
    out: dict[str, float] = {}
    for page in document.pages:
        for b in _boxes(page._page_box):
            el = getattr(b, "element", None)
            if type(b).__name__ != "TableRowBox" or el is None or not el.get("data-step"):
                continue
            for cell in b.children:
                if cell.element is not None and cell.element.get("class") == "flow":
                    # WeasyPrint aligns a cell's content by padding it: the room in
                    # the cell is its content and that padding
                    room = cell.height + cell.padding_top + cell.padding_bottom
                    out[el.get("data-step")] = room / PX_PER_MM
    return out


def to_pdf(html: str, sop: Sop) -> bytes:
    """The PDF of ``html``, the HTML document of ``sop``: metadata from the SOP (title the
    nama, subject the nomor, author the instansi), dates its pembuatan and revisi."""
    weasyprint = _weasyprint()
    css = [weasyprint.CSS(string=PAGED_CSS)]
    paged = paged_html(html)
    document = weasyprint.HTML(string=paged, base_url=None).render(stylesheets=css)
    # a row printed taller than planned (its text): draw its flowchart again, as tall as
    # the cell (the row's height stays what the text made it, so nothing else moves)
    planned = {m.group(2): float(m.group(3)) for m in _FLOW_ROW.finditer(html)}
    taller = {step: mm for step, mm in printed_heights(document).items()
              if step in planned and mm > planned[step] + 0.05}
    if taller:
        document = weasyprint.HTML(string=paged_html(html, taller), base_url=None).render(
            stylesheets=css)
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
