"""The HTML document in a real browser: headless Chromium prints it to PDF; the PDF has
one page per sheet (identity sheet + procedure sheets), A4 or F4 landscape, and every
kegiatan in its text.

Needs Debian's chromium and poppler-utils (pdfinfo, pdftotext); .ci/run installs them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from soptool.layout import layout
from soptool.render.document import render

from .render_helpers import CHROMIUM, SEEDS, load_sop, print_pdf, write_long

MISSING = [p for p in ("pdfinfo", "pdftotext") if shutil.which(p) is None]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="headless Chromium not installed (/usr/bin/chromium): "
                              "apt-get install chromium poppler-utils"),
    pytest.mark.skipif(bool(MISSING),
                       reason=f"poppler-utils not installed ({', '.join(MISSING)}): "
                              "apt-get install poppler-utils"),
]

# PDF page sizes in points, landscape
SIZES = {"A4": (841.92, 594.96), "F4": (935.04, 609.12)}


def pdf_info(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert size is not None
    return pages, (float(size.group(1)), float(size.group(2)))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def check_sheets(pdf: Path, sheets: int) -> list[str]:
    """Each procedure sheet is exactly one page, in order, after the identity sheet."""
    pages = page_texts(pdf)
    marks = [re.findall(r"lembar (\d+) dari (\d+)", page) for page in pages]
    first = next(i for i, m in enumerate(marks) if m)
    assert first >= 1  # the identity sheet comes first
    assert marks[first:] == [[(str(k), str(sheets))] for k in range(1, sheets + 1)]
    return pages


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_prints_one_page_per_sheet_with_every_kegiatan(path: Path, tmp_path: Path) -> None:
    sop = load_sop(path)
    pdf = print_pdf(render(sop, "html"), tmp_path)
    pages, size = pdf_info(pdf)
    sheets = len(layout(sop).sheets)
    assert pages == 1 + sheets  # the seeds' identity sheets fit on one page
    assert size == pytest.approx(SIZES["A4"], abs=0.5)
    flat = squeeze("".join(check_sheets(pdf, sheets)))
    for step in sop.langkah:
        assert squeeze(str(step.kegiatan)) in flat, step.kegiatan
    assert squeeze(str(sop.nomor)) in flat


def test_sixty_steps_on_f4(tmp_path: Path) -> None:
    sop = load_sop(write_long(tmp_path, 60))
    pdf = print_pdf(render(sop, "html", "F4"), tmp_path)
    pages, size = pdf_info(pdf)
    sheets = layout(sop, "F4").sheets
    assert len(sheets) > 3
    assert pages == 1 + len(sheets)
    assert size == pytest.approx(SIZES["F4"], abs=0.5)
    check_sheets(pdf, len(sheets))


def test_long_identity_spills_over_but_every_sheet_stays_one_page(tmp_path: Path) -> None:
    text = (SEEDS[0]).read_text(encoding="utf-8")
    extra = "".join(f"  - Peraturan Daerah Nomor {i} Tahun 2020 tentang Hal yang Panjang "
                    "untuk Menguji Lembar Identitas SOP\n" for i in range(1, 31))
    path = tmp_path / "identitas-panjang.yaml"
    path.write_text(text.replace("dasar_hukum:\n", "dasar_hukum:\n" + extra, 1),
                    encoding="utf-8")
    sop = load_sop(path)
    pdf = print_pdf(render(sop, "html"), tmp_path)
    pages, _ = pdf_info(pdf)
    sheets = len(layout(sop).sheets)
    assert pages > 1 + sheets
    check_sheets(pdf, sheets)


def test_ten_laws_under_dasar_hukum_fit_the_identity_sheet(tmp_path: Path) -> None:
    # as a real office's SOP has them: the signed original fits one page
    laws = [
        "Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional",
        "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara",
        "Undang-Undang Nomor 1 Tahun 2004 tentang Perbendaharaan Negara",
        "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",
        "Undang-Undang Nomor 14 Tahun 2005 tentang Guru dan Dosen",
        "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja "
        "Instansi Pemerintah",
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah",
        "Peraturan Menteri Keuangan Nomor 62 Tahun 2023 tentang Perencanaan Anggaran, "
        "Pelaksanaan Anggaran, serta Akuntansi dan Pelaporan Keuangan",
    ]
    text = (SEEDS[0]).read_text(encoding="utf-8")
    assert text.count("\n  - Peraturan") >= 2
    path = tmp_path / "sepuluh-hukum.yaml"
    path.write_text(text.replace("dasar_hukum:\n", "dasar_hukum:\n" + "".join(
        f"  - {law}\n" for law in laws), 1), encoding="utf-8")
    sop = load_sop(path)
    assert len(sop.dasar_hukum) >= 10
    pdf = print_pdf(render(sop, "html"), tmp_path)
    pages, _ = pdf_info(pdf)
    sheets = len(layout(sop).sheets)
    assert pages == 1 + sheets
    check_sheets(pdf, sheets)
