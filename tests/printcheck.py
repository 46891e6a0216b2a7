"""The print checks on a document as printed, for any paper and either printer: Chromium
(the HTML document, as an office prints it) or WeasyPrint (``soptool render --format pdf``).

Each check returns what it found wrong (empty: none), so that a test asserts on it:
``split_words`` (a word split without a hyphen), ``outside_cells`` (table text outside its
cell), ``early_sheets`` (a sheet ended while the next row would have fit). ``steps_per_sheet``
is what the tests print (``pytest -s``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from soptool.layout import PAPERS, Chart, layout
from soptool.layout.flowchart import PAGINATE, PREPARE, build_state, run
from soptool.layout.sheets import overflowing
from soptool.layout.state import for_pass
from soptool.model import Sop
from soptool.render.document import render

from .render_helpers import print_pdf

PT_MM = 25.4 / 72
PRINTERS = ("chromium", "weasyprint")


@dataclass
class Printed:
    sop: Sop
    chart: Chart
    paper: str
    printer: str
    source: str  # the document's text as the HTML holds it
    pages: list[list[dict]]  # per procedure sheet: its words (with positions)
    size: tuple[float, float]  # the first page's width and height, in points
    path: Path  # the printed PDF


def words(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """The words of a PDF page. Chromium writes a space (overlapping the next letter) where a
    soft hyphen did not break: such spaces are no word breaks."""
    chars = page.chars
    ghosts = {id(a) for a, b in zip(chars, chars[1:], strict=False)
              if a["text"] == " " and abs(a["top"] - b["top"]) < 0.5
              and b["x0"] < a["x1"] - 0.5}
    clean = page.filter(lambda o: id(o) not in ghosts)
    # WeasyPrint sets an SVG text (a flowchart label, 6.5 pt) without space characters: a
    # gap of a space's width (1.8 pt) is a word break there, a letter's kerning is not. The
    # table's text and the letter-spaced titles have their spaces.
    small = clean.filter(lambda o: o.get("size", 99) < 7.5)
    large = clean.filter(lambda o: o.get("size", 0) >= 7.5)
    found = (large.extract_words(extra_attrs=["size"])
             + small.extract_words(x_tolerance=1, extra_attrs=["size"]))
    # the page number in the page's margin ("Halaman 2 dari 3") is no text of the table
    lines: dict[int, list[dict]] = {}
    for w in found:
        lines.setdefault(round(w["top"]), []).append(w)
    margin = {id(w) for line in lines.values()
              if re.fullmatch(r"Halaman \d+ dari \d+", " ".join(w["text"] for w in line))
              for w in line}
    return [w for w in found if id(w) not in margin]


def print_sop(sop: Sop, tmp: Path, name: str, paper: str = "A4",
              printer: str = "chromium") -> Printed:
    """``sop`` printed on ``paper`` by ``printer``, read back with pdfplumber."""
    import pdfplumber

    page = render(sop, "html", kertas=paper)
    if printer == "chromium":
        pdf = print_pdf(page, tmp, name)
    else:
        from soptool.render.pdf import to_pdf

        pdf = tmp / f"{name}.pdf"
        pdf.write_bytes(to_pdf(page, sop))
    body = html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1]))
    with pdfplumber.open(pdf) as doc:
        pages = [words(p) for p in doc.pages[1:]]
        size = (float(doc.pages[0].width), float(doc.pages[0].height))
    return Printed(sop, layout(sop, paper), paper, printer, body.replace("\u00ad", ""), pages,
                   size, pdf)


def columns(doc: Printed, actors: bool = False) -> list[tuple[str, float, float]]:
    """The cells of a row, left to right, in PDF points: the actor columns as one area (or
    each, with ``actors``)."""
    w = doc.chart.widths
    left = PAPERS[doc.paper].margin
    cells = []
    flow = ([(f"pelaksana {k + 1}", w.actor) for k in range(w.actors)] if actors
            else [("flow", w.actor_area)])
    for name, width in (("no", w.no), ("kegiatan", w.kegiatan), *flow,
                        ("kelengkapan", w.kelengkapan), ("waktu", w.waktu),
                        ("output", w.output), ("keterangan", w.keterangan)):
        cells.append((name, left / PT_MM, (left + width) / PT_MM))
        left += width
    return cells


def split_words(doc: Printed) -> list[tuple[int, str, str]]:
    """The printed words (sheet, cell, word) that are no word of the document: a word split
    without a hyphen. A word ending in a hyphen at the end of a line goes on in the next."""
    known = {t.strip(".,;:()?\"'").lower() for t in doc.source.split()}
    known |= {p.lower() for t in doc.source.split() for p in re.split(r"[/().,;:?]", t)}
    bad = []
    for n, found in enumerate(doc.pages, start=1):
        for cell, x0, x1 in columns(doc, actors=True):
            stream = sorted((w for w in found if x0 <= (w["x0"] + w["x1"]) / 2 < x1),
                            key=lambda w: (round(w["top"]), w["x0"]))
            joined: list[str] = []
            carry = ""
            for w in stream:
                text = carry + w["text"].replace("\u2010", "-")  # the hyphen as printed
                if re.search(r"\w/$", text) and w is not stream[-1]:
                    carry = text  # a line may end after a slash ("kegiatan/sub...")
                    continue
                if re.search(r"\w-$", text) and w is not stream[-1]:
                    carry = text[:-1] if text[:-1].lower() + "-" not in doc.source.lower() \
                        else text
                    continue
                carry = ""
                joined.append(text)
            for text in joined:
                core = text.strip(".,;:()?\"'").lower()
                if core and core not in known and text.lower() not in known:
                    bad.append((n, cell, text))
    return bad


def outside_cells(doc: Printed) -> list[tuple[int, str, str]]:
    """The words of the step rows (sheet, cell, word) that stand out of their cell. The
    flowchart's labels (6.5 pt) are drawn, not set, and not looked at here."""
    out = []
    # the step rows only: below the table's header (its titles span columns), above the
    # total row of the last sheet
    head = (PAPERS[doc.paper].margin + doc.chart.header_height) / PT_MM - 2
    cells = columns(doc)
    for n, found in enumerate(doc.pages, start=1):
        total = min([w["top"] for w in found if w["text"] == "Jumlah"] or [1e9]) - 2
        for w in found:
            if w["size"] < 7.5 or not head < w["top"] < total:
                continue
            mid = (w["x0"] + w["x1"]) / 2
            for cell, x0, x1 in cells:
                if x0 <= mid < x1 and (w["x0"] < x0 - 0.5 or w["x1"] > x1 + 0.5):
                    out.append((n, cell, w["text"]))
    return out


def early_sheets(doc: Printed) -> list[str]:
    """The sheets that end while the next step's row would have fit on them."""
    sheets = doc.chart.sheets
    prepared = build_state(doc.sop, PAPERS[doc.paper])
    run(PREPARE, prepared)
    starts = [s[0] for s in sheets[1:]]
    bad = []
    for k in range(len(starts)):
        trial = starts[:]
        trial[k] += 1
        if k + 1 < len(trial) and trial[k] >= trial[k + 1]:
            continue  # the next sheet would be empty: then it is one row and fits nowhere
        trial = [s for s in trial if s < len(doc.sop.langkah)]
        state = for_pass(prepared, {})
        state.starts = tuple(trial)
        run(PAGINATE, state)
        if not overflowing(state):
            bad.append(f"sheet {k + 1} could hold step {starts[k] + 1}")
    return bad


def steps_per_sheet(doc: Printed) -> list[int]:
    return [len(s) for s in doc.chart.sheets]


def all_problems(doc: Printed) -> dict[str, list]:
    """Every check's findings, by check; the printed sheets are the chart's sheets."""
    found: dict[str, list] = {}
    paper = PAPERS[doc.paper]
    want = (paper.width / PT_MM, paper.height / PT_MM)
    if any(abs(a - b) > 1 for a, b in zip(doc.size, want, strict=True)):
        found["paper"] = [f"{doc.size} pt, not {doc.paper} {want}"]
    if len(doc.pages) != len(doc.chart.sheets):
        found["sheets"] = [f"{len(doc.pages)} printed, {len(doc.chart.sheets)} laid out"]
    for name, check in (("split", split_words), ("outside", outside_cells),
                        ("early", early_sheets)):
        if problems := check(doc):
            found[name] = problems
    return found
