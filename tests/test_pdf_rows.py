"""A row printed taller than the layout planned (a text the estimate under-measured): the
flowchart's vertical lines (lanes, lines through the row, the arrow going on down, the
column borders) still reach the cell's bottom, and the lines that end in the row (at a
symbol) do not run on to it; in Chromium and in WeasyPrint (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from soptool.layout import PAPERS, layout
from soptool.model import Sop
from soptool.render.document import render

from .render_helpers import needs_chromium, print_pdf, sop_text

pdfplumber = pytest.importorskip("pdfplumber")

PT_MM = 25.4 / 72
LONG = " ".join(["Memeriksa kelengkapan berkas permohonan dan mencatat hasilnya dalam buku "
                 "register"] * 12)
LOOP = """  - kegiatan: Memeriksa
    pelaksana: kepala
    keputusan:
      ya: 4
      tidak: 2
"""


def _pdf(html: str, tmp: Path, printer: str, sop: Sop) -> Path:
    if printer == "chromium":
        return print_pdf(html, tmp)
    pytest.importorskip("weasyprint")
    from soptool.render.pdf import to_pdf
    pdf = tmp / "dokumen.pdf"
    pdf.write_bytes(to_pdf(html, sop))
    return pdf


@pytest.mark.parametrize("printer", [pytest.param("chromium", marks=needs_chromium),
                                     "weasyprint"])
def test_lines_reach_the_bottom_of_a_row_printed_taller(tmp_path: Path,
                                                        printer: str) -> None:
    sop = Sop.model_validate(yaml.safe_load(sop_text(LONG, LOOP)))
    chart = layout(sop, "A4")
    row = chart.rows[1]  # step 2: the long text, a loop's lane beside its box
    html = render(sop, "html", "A4")
    # as if the layout had under-estimated the text: planned 14 mm, printed much taller
    planned = re.compile(r'(<tr class="step" data-step="2"[^>]*style="height: )[0-9.]+mm')
    html, count = planned.subn(r"\g<1>14mm", html)
    assert count == 1
    pdf = _pdf(html, tmp_path, printer, sop)
    w = chart.widths
    left = (PAPERS["A4"].margin + w.no + w.kegiatan) / PT_MM
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[1]  # the cover page first, then the one sheet
        words = page.extract_words()
        vertical = [(ln["x0"], ln["top"], ln["bottom"]) for ln in page.lines
                    if abs(ln["x0"] - ln["x1"]) < 0.3
                    and left + 0.5 < ln["x0"] < left + w.actor_area / PT_MM - 0.5]
    number = {wd["text"]: wd["top"] for wd in words if wd["x1"] < left - w.kegiatan / PT_MM}
    # the rows' tops: where the lines of the next row start (just above its number)
    top = min(t for _, t, b in vertical if number["2"] - 8 < t < number["2"])
    bottom = min(t for _, t, b in vertical if number["3"] - 8 < t < number["3"])
    assert (bottom - top) * PT_MM > 30  # the row is printed much taller than 14 mm
    in_row = [(x, t, b) for x, t, b in vertical if top - 1 < t < bottom - 1]
    to_bottom = {round(left + ln.x1 / PT_MM, 1) for ln in row.lines if ln.vertical
                 and max(ln.y1.frac, ln.y2.frac) == 1.0 and ln.y1.off == ln.y2.off == 0}
    assert len(to_bottom) >= 3  # the column border, the lane, the arrow on to step 3
    for x in to_bottom:
        ends = [b for lx, t, b in in_row if abs(lx - x) < 1.0]
        assert ends and max(ends) > bottom - 1.0, (x, ends, bottom)
    for lx, _t, b in in_row:
        if b > bottom - 1.0:
            assert any(abs(lx - x) < 1.0 for x in to_bottom), (
                f"a line at {lx:.1f} pt runs on to the row's bottom")
