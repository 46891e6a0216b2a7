"""The flowchart's own text as printed (branch labels, Mulai/Selesai, connector numbers):
inside the actor columns, never across a column border, never in the Kegiatan column beside
them (issue 13). Printed by Chromium and by WeasyPrint, read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pytest

from soptool.layout import PAPERS, layout
from soptool.render.document import render

from .render_helpers import SEEDS, load_sop, needs_chromium, print_pdf
from .test_flowchart_form import quick_sop, random_form_sop

pdfplumber = pytest.importorskip("pdfplumber")

PT_MM = 25.4 / 72
DRAWN_PT = 7.5  # the flowchart's text is 6.5 pt, the table's 8 pt or more
# random SOPs (tests/test_flowchart_form.py) with a long label beside a diamond that had
# no room next to it: 281 in the first actor column (it spilled into Kegiatan), 230 wider
# than a column (it crossed a border); and the project's own SOPs
CASES = [pytest.param(name, "chromium", marks=needs_chromium)
         for name in ("acak-281", "acak-230", *(path.stem for path in SEEDS))]
CASES += [pytest.param(name, "weasyprint") for name in ("acak-281", "acak-230")]


def _pdf(html: str, tmp: Path, printer: str, sop: object) -> Path:
    if printer == "chromium":
        return print_pdf(html, tmp)
    from soptool.render.pdf import to_pdf
    pdf = tmp / "dokumen.pdf"
    pdf.write_bytes(to_pdf(html, sop))  # type: ignore[arg-type]
    return pdf


@pytest.mark.parametrize(("name", "printer"), CASES)
def test_drawn_text_stays_in_the_actor_columns(tmp_path: Path, name: str,
                                               printer: str) -> None:
    if printer == "weasyprint":
        pytest.importorskip("weasyprint")
    if name.startswith("acak-"):
        sop = quick_sop(random_form_sop(int(name[5:]))[1])
    else:
        sop = load_sop(next(path for path in SEEDS if path.stem == name))
    chart = layout(sop, "A4")
    w = chart.widths
    left = (PAPERS["A4"].margin + w.no + w.kegiatan) / PT_MM
    right = left + w.actor_area / PT_MM
    borders = [left + k * w.actor / PT_MM for k in range(1, w.actors)]
    pdf = _pdf(render(sop, "html", "A4"), tmp_path, printer, sop)
    # the step rows only: below the sheet's head and the table's, above the total row and
    # the page's foot
    paper = PAPERS["A4"]
    head = (paper.margin + chart.header_height) / PT_MM - 2
    foot = (paper.height - paper.margin) / PT_MM
    drawn = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words(extra_attrs=["size"])
            total = min([wd["top"] for wd in words if wd["text"] == "Jumlah"] or [foot]) - 2
            drawn += [wd for wd in words if wd["size"] < DRAWN_PT and head < wd["top"] < total]
    # the label is printed (on one line or two; WeasyPrint's words may run together)
    printed = " ".join(wd["text"] for wd in drawn).replace("Tidakl", "Tidak l")
    assert "Mulai" in printed
    if name.startswith("acak-"):
        assert "Tidak lengkap" in printed
    out = [(wd["text"], round(wd["x0"] * PT_MM, 1), round(wd["x1"] * PT_MM, 1))
           for wd in drawn if wd["x0"] < left - 0.3 or wd["x1"] > right + 0.3
           or any(wd["x0"] + 0.3 < b < wd["x1"] - 0.3 for b in borders)]
    assert not out, out
