"""Pagination density, on the pages as printed: sheets as full as real signed documents
(7 or more steps on an A4 sheet when the steps take one or two lines and there are up to 6
actors), no sheet ended while the next row would fit, the plan as the print (the steps and
the space left on each sheet), and off-page connectors only where the flow crosses a break.

Each document is printed once by headless Chromium (needs Debian's chromium) and once by
WeasyPrint (``render --format pdf``, when it can be used here). The steps per sheet and the
millimetres left at the bottom of each sheet are printed (``pytest -s``); bench/density.py
prints the same figures for any file.
"""

from __future__ import annotations

import importlib.util
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from soptool.layout import PAPERS, Chart, layout
from soptool.layout.flowchart import PAGINATE, PREPARE, build_state, run
from soptool.layout.sheets import PRINT_HEAD, PRINT_ROW, SPARE, capacity, overflowing, used
from soptool.layout.state import State, for_pass
from soptool.model import Sop
from soptool.render.document import render

from .render_helpers import ROOT, SEEDS, load_sop, needs_chromium, print_pdf

pdfplumber = pytest.importorskip("pdfplumber")

PT_MM = 25.4 / 72
PAPER = PAPERS["A4"]
# Short steps, as most real procedures have them: a verb and an object, one or two lines.
VERBS = ["Menerima", "Memeriksa", "Mencatat", "Menyusun", "Memaraf", "Menandatangani",
         "Mengirim", "Mengarsipkan", "Memverifikasi", "Meneruskan"]
THINGS = ["berkas permohonan", "surat masuk", "nota dinas", "draf laporan", "data usulan",
          "surat keputusan", "dokumen kontrak"]


def short_sop(actors: int, steps: int, seed: int) -> str:
    """An SOP of ``steps`` short steps (one or two lines) among ``actors`` actors: a step
    now and then with two actors, a decision every seventh step that sends the work back."""
    rnd = random.Random(seed)
    keys = [f"p{k}" for k in range(actors)]
    lines = [f"nomor: {seed}/UJI/2025", "nama: Uji Kepadatan Lembar", "instansi: [Dinas Uji]",
             "pelaksana:", *(f"  {k}: Pelaksana {k.upper()}" for k in keys), "langkah:"]
    for n in range(1, steps + 1):
        who = rnd.sample(keys, 2 if actors > 1 and rnd.random() < 0.15 else 1)
        lines += [f"  - id: l{n}",
                  f"    kegiatan: {rnd.choice(VERBS)} {rnd.choice(THINGS)}",
                  f"    pelaksana: [{', '.join(who)}]",
                  f"    waktu: {rnd.choice([5, 10, 15, 30])} menit",
                  f"    output: {rnd.choice(THINGS).capitalize()}"]
        if n % 7 == 0 and n < steps:
            lines += ["    keputusan:", "      tanya: Sudah lengkap?",
                      f"      ya: l{n + 1}", f"      tidak: l{n - 2}"]
    return "\n".join(lines) + "\n"


def _generated(actors: int, steps: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.sop_text(random.Random(actors), actors, steps, actors))


# documents of short steps with up to 6 actors: these must be as dense as real documents
SHORT = {f"pendek-{a}": short_sop(a, 30, a) for a in (2, 4, 6)}
DOCUMENTS: dict[str, str] = {
    **{p.stem: p.read_text(encoding="utf-8") for p in SEEDS},
    "every-duration-form": (ROOT / "tests" / "data" / "valid" / "every-duration-form.yaml")
    .read_text(encoding="utf-8"),
    **SHORT,
    **{f"aktor-{a}": _generated(a, 24) for a in (2, 6, 10, 14)},
}
DENSE = 7  # steps on an A4 sheet at least, as in the signed documents of an office


@dataclass
class Printed:
    sop: Sop
    chart: Chart
    html: str
    # per engine: per procedure page, the step numbers in its No column and the empty mm
    # under the table down to the bottom margin
    pages: dict[str, list[tuple[list[int], float]]]


def _pages(pdf: Path) -> list[tuple[list[int], float]]:
    """Each procedure page (the first page is the identity sheet): the numbers in the table's
    No column, and the space left under the table's last border, in mm."""
    left = PAPER.margin / PT_MM
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages[1:]:
            numbers = [int(w["text"]) for w in page.extract_words()
                       if left < w["x0"] < left + 9 / PT_MM and w["text"].isdigit()]
            # the horizontal borders of the first column (the flowchart's lines may run on
            # past a row's cell, clipped: they are no border)
            bottoms = [o["bottom"] for o in (*page.rects, *page.lines)
                       if o["bottom"] - o["top"] < 3 and o["x0"] < left + 3
                       and o["x1"] - o["x0"] > 10 and not _white(o)]
            empty = PAPER.height - PAPER.margin - max(bottoms) * PT_MM
            out.append((numbers, empty))
    return out


def _white(o: dict) -> bool:
    fill = o.get("non_stroking_color")
    values = fill if isinstance(fill, (tuple, list)) else (fill,)
    return bool(o.get("fill")) and not o.get("stroke") and fill is not None and all(
        isinstance(c, (int, float)) and c > 0.9 for c in values)


def _weasyprint() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("headless Chromium not installed")
    out: dict[str, Printed] = {}
    for name, text in DOCUMENTS.items():
        tmp = tmp_path_factory.mktemp(name)
        path = tmp / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        sop = load_sop(path)
        html = render(sop, "html")
        pages = {"chromium": _pages(print_pdf(html, tmp, name))}
        if _weasyprint():
            from soptool.render.pdf import to_pdf

            pdf = tmp / f"{name}.weasy.pdf"
            pdf.write_bytes(to_pdf(html, sop))
            pages["weasyprint"] = _pages(pdf)
        out[name] = Printed(sop, layout(sop, PAPER), html, pages)
    return out


def _planned(doc: Printed) -> tuple[State, list[float]]:
    """The kept pagination as a state, and the mm each sheet keeps free by the plan."""
    state = build_state(doc.sop, PAPER)
    state.rows, state.sheets = doc.chart.rows, doc.chart.sheets
    return state, [capacity(state) - used(state, s) for s in range(len(state.sheets))]


@needs_chromium
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_each_sheet_prints_the_steps_planned_and_the_space_planned(
        printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    _, planned = _planned(doc)
    sheets = [[i + 1 for i in s] for s in doc.chart.sheets]
    print(f"\n{name}: {len(doc.sop.langkah)} langkah, {len(doc.sop.pelaksana)} pelaksana, "
          f"langkah per lembar A4 {[len(s) for s in sheets]}; mm kosong di bawah tabel: "
          f"rencana {[round(p) for p in planned]}, " + ", ".join(
              f"{engine} {[round(e) for _, e in pages]}"
              for engine, pages in doc.pages.items()))
    for engine, pages in doc.pages.items():
        # no sheet spills onto a page of its own: each page holds the steps planned for it
        assert [numbers for numbers, _ in pages] == sheets, engine
        for s, (_, empty) in enumerate(pages):
            # the plan keeps what printing may add (sheets.py: the head, each row's border)
            # and not much more: 2 mm (Chromium prints the head 0.5 mm shorter than
            # WeasyPrint, the total row keeps 1 mm to spare)
            keeps = PRINT_HEAD + SPARE + PRINT_ROW * (len(sheets[s]) + 1) + 2.0
            assert planned[s] - 0.5 <= empty <= planned[s] + keeps, (
                engine, s + 1, empty, planned[s])


@needs_chromium
@pytest.mark.parametrize("name", list(SHORT))
def test_sheets_of_short_steps_hold_as_many_as_signed_documents(
        printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    for engine, pages in doc.pages.items():
        counts = [len(numbers) for numbers, _ in pages]
        assert len(counts) > 1, "the document is meant to take several sheets"
        # every sheet but the last (which holds what is left)
        assert min(counts[:-1]) >= DENSE, (engine, counts)


@needs_chromium
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_printed_sheet_ends_while_the_next_row_fits(
        printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    sheets = doc.chart.sheets
    prepared = build_state(doc.sop, PAPER)
    run(PREPARE, prepared)
    starts = [s[0] for s in sheets[1:]]
    for k in range(len(starts)):
        # the next sheet's first step pulled onto this sheet: the final heights of that
        # pagination (its connectors and zones) overflow this sheet
        trial = starts[:]
        trial[k] += 1
        if k + 1 < len(trial) and trial[k] >= trial[k + 1]:
            continue  # the next sheet would be empty
        trial = [s for s in trial if s < len(doc.sop.langkah)]
        state = for_pass(prepared, {})
        state.starts = tuple(trial)
        run(PAGINATE, state)
        assert k in overflowing(state), f"sheet {k + 1} could hold step {starts[k] + 1}"
        # and as printed: what that row would add is more than the sheet has left (the plan
        # keeps room for WeasyPrint's borders, 0.3 mm a row, that Chromium draws inside the
        # rows' heights, and its taller head)
        extra = used(state, k) - used(_planned(doc)[0], k)
        for engine, pages in doc.pages.items():
            empty = pages[k][1]
            allowed = 0.0 if engine == "weasyprint" else PRINT_ROW * len(sheets[k]) + 1.0
            assert empty < extra + allowed, (
                engine, f"sheet {k + 1}: {empty:.1f} mm left, step {starts[k] + 1} adds "
                f"{extra:.1f} mm")


@needs_chromium
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_off_page_connectors_only_where_the_flow_crosses_a_break(
        printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    chart = doc.chart
    for pair in chart.connectors:
        source, target = chart.rows[pair.source_step - 1], chart.rows[pair.target_step - 1]
        kinds = {s.kind for row in (source, target) for s in row.shapes
                 if s.kind in ("connector", "onpage") and s.text == str(pair.number)}
        if pair.from_sheet != pair.to_sheet:
            assert source.sheet != target.sheet and kinds == {"connector"}, pair
        else:
            assert "connector" not in kinds, pair
    # as printed: the pentagons on each sheet are those of the pairs that cross its breaks
    sections = doc.html.split('<section class="sheet procedure"')[1:]
    for s, section in enumerate(sections):
        drawn = len(re.findall(r'class="symbol connector"', section))
        ends = sum((c.from_sheet == s) + (c.to_sheet == s) for c in chart.connectors
                   if c.from_sheet != c.to_sheet)
        # pairs into the same step share its incoming connector
        shared = len({(c.target_step, c.number) for c in chart.connectors
                      if c.to_sheet == s and c.from_sheet != s})
        incoming = sum(1 for c in chart.connectors if c.to_sheet == s and c.from_sheet != s)
        assert drawn == ends - incoming + shared, (s + 1, drawn)
