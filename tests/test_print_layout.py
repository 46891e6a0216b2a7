"""The procedure table as Chromium prints it: no word split without a hyphen, no table text
outside its cell, no sheet ended while the next row would have fit, and the steps per sheet
(printed in the test's output: ``pytest -s``).

A handful of documents, each printed once: the seeds, generated SOPs with 2 to 15 actors
and long texts (bench/generate.py, render_helpers.long_sop). Needs Debian's chromium.
"""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

import pytest

from soptool.layout import PAPERS
from soptool.layout.flowchart import PAGINATE, PREPARE, build_state, run
from soptool.layout.sheets import overflowing
from soptool.layout.state import for_pass

from .printcheck import PT_MM, Printed, columns, print_sop
from .render_helpers import ROOT, SEEDS, load_sop, long_sop, needs_chromium

pdfplumber = pytest.importorskip("pdfplumber")

LONG_WORDS = """nomor: 1/UJI/2025
nama: Uji Kata Panjang
pelaksana:
  a: Pejabat Pembuat Komitmen
  b: Bendahara Pengeluaran Pembantu
  c: Kepala Subbagian Umum dan Kepegawaian
  d: Pendamping
  e: Kepala Bidang
  f: Sekretaris
langkah:
  - kegiatan: Menerima berkas permohonan yang telah ditandatangani oleh pemohon
    pelaksana: a
    kelengkapan: [Formulir pertanggungjawaban, Surat permohonan]
    waktu: 10 menit
    output: Berkas yang telah ditandatangani
    keterangan: Ditandatangani oleh pejabat yang berwenang
  - kegiatan: Memverifikasi kelengkapan dan keabsahan dokumen pertanggungjawaban
    pelaksana: b
    waktu: 1 jam
    keterangan: Pemeriksaan administratif berdasarkan ketentuan perundang-undangan
  - kegiatan: Mengadministrasikan hasil verifikasi
    pelaksana: [c, d]
    waktu: 30 menit
    output: Laporan hasil verifikasi keuangan
  - kegiatan: Menyampaikan laporan kepada Kepala Bidang
    pelaksana: e
    waktu: 15 menit
  - kegiatan: Mengarsipkan dokumen
    pelaksana: f
    waktu: 5 menit
"""


def _generated(actors: int, steps: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.sop_text(random.Random(actors), actors, steps, actors))


DOCUMENTS: dict[str, str] = {
    **{p.stem: p.read_text(encoding="utf-8") for p in SEEDS},
    "panjang-20": long_sop(20),
    "kata-panjang": LONG_WORDS,
    "aktor-2": _generated(2, 14),
    "aktor-15": _generated(15, 14),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("headless Chromium not installed")
    out: dict[str, Printed] = {}
    for name, text in DOCUMENTS.items():
        tmp = tmp_path_factory.mktemp(name)
        path = tmp / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        out[name] = print_sop(load_sop(path), tmp, name)
    return out


@needs_chromium
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_word_split_without_hyphen(printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    known = {t.strip(".,;:()?\"'").lower() for t in doc.source.split()}
    known |= {p.lower() for t in doc.source.split() for p in re.split(r"[/().,;:?]", t)}
    cells = columns(doc, actors=True)
    bad = []
    for n, words in enumerate(doc.pages, start=1):
        assert len(doc.pages) == len(doc.chart.sheets)
        # each cell's words in reading order; a word that ends in a hyphen at the end of a
        # line goes on in the next
        for cell, x0, x1 in cells:
            stream = sorted((w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 < x1),
                            key=lambda w: (round(w["top"]), w["x0"]))
            joined: list[str] = []
            carry = ""
            for w in stream:
                text = carry + w["text"].replace("\u2010", "-")  # the hyphen as printed
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
    assert not bad, bad


@needs_chromium
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_table_text_outside_its_cell(printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    cells = columns(doc)
    out = []
    # the step rows only: below the table's header (its titles span columns), above the
    # total row of the last sheet
    head = (PAPERS["A4"].margin + doc.chart.header_height) / PT_MM - 2
    for n, words in enumerate(doc.pages, start=1):
        total = min([w["top"] for w in words if w["text"] == "Jumlah"] or [1e9]) - 2
        for w in words:
            if w["size"] < 7.5:  # the flowchart's labels (6.5 pt) are drawn, not set
                continue
            if not head < w["top"] < total:
                continue
            mid = (w["x0"] + w["x1"]) / 2
            for cell, x0, x1 in cells:
                if x0 <= mid < x1 and (w["x0"] < x0 - 0.5 or w["x1"] > x1 + 0.5):
                    out.append((n, cell, w["text"]))
    assert not out, out


@needs_chromium
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_sheet_ends_while_the_next_row_fits(printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    sheets = doc.chart.sheets
    print(f"\n{name}: {len(doc.sop.langkah)} langkah, {len(doc.sop.pelaksana)} pelaksana, "
          f"langkah per lembar A4 {[len(s) for s in sheets]}")
    prepared = build_state(doc.sop, PAPERS["A4"])
    run(PREPARE, prepared)
    starts = [s[0] for s in sheets[1:]]
    for k in range(len(starts)):
        trial = starts[:]
        trial[k] += 1
        if k + 1 < len(trial) and trial[k] >= trial[k + 1]:
            continue  # the next sheet would be empty: then it is one row and fits nowhere
        trial = [s for s in trial if s < len(doc.sop.langkah)]
        state = for_pass(prepared, {})
        state.starts = tuple(trial)
        run(PAGINATE, state)
        assert overflowing(state), f"sheet {k + 1} could hold step {starts[k] + 1}"
