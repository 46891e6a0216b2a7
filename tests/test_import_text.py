"""The importer's text readers: the identity sheet and the procedure table.

Three kinds of input: small PDFs these tests write themselves (always run), soptool's own
documents printed by headless Chromium (skipped without /usr/bin/chromium), and the real
signed SOPs with their hand-read truth in shared/real-pdf (skipped where that folder is
absent; read in place, never copied).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

pdfplumber = pytest.importorskip("pdfplumber")

from soptool.importer.geometry import Word, join_line_texts  # noqa: E402
from soptool.importer.identity import read_identity  # noqa: E402
from soptool.importer.reading import Table, Text  # noqa: E402
from soptool.importer.table import cell_text, read_table  # noqa: E402
from soptool.loading import load_file  # noqa: E402
from soptool.render.document import _date  # noqa: E402
from soptool.timing.durations import with_unit  # noqa: E402

from .pdfdraw import Page, write  # noqa: E402
from .render_helpers import OWN, REAL_PDF, needs_chromium  # noqa: E402

REAL = REAL_PDF if REAL_PDF.is_dir() and any(REAL_PDF.glob("*.truth.yaml")) else None
needs_real = pytest.mark.skipif(REAL is None, reason="the real SOP PDFs (shared/) are absent")

# the procedure table's columns: No, Kegiatan, three actors, Kelengkapan, Waktu, Output, Ket.
XS = [30.0, 55.0, 200.0, 260.0, 320.0, 380.0, 480.0, 540.0, 660.0, 800.0]


def _table_header(s: Page, top: float) -> float:
    """Draw the two-row header at ``top``; return the body's top."""
    mid, bottom = top + 14, top + 30
    s.hline(XS[0], XS[-1], top)
    s.hline(XS[2], XS[8], mid)
    s.hline(XS[0], XS[-1], bottom)
    for i, x in enumerate(XS):
        s.vline(x, mid if i in (3, 4, 6, 7) else top, bottom)
    s.text(35, top + 10, "No")
    s.text(100, top + 10, "Kegiatan")
    s.text(265, top + 3, "Pelaksana")
    s.text(560, top + 3, "Mutu Baku")
    s.text(688, top + 10, "Keterangan")
    s.text(205, mid + 4, "Kepala")
    s.text(265, mid + 4, "Staf")
    s.text(325, mid + 4, "Tim")
    s.text(385, mid + 4, "Kelengkapan")
    s.text(485, mid + 4, "Waktu")
    s.text(545, mid + 4, "Output")
    return bottom


def _row(s: Page, top: float, bottom: float, cells: dict[int, list[str]],
         open_below: tuple[int, ...] = ()) -> None:
    """A row; the columns in ``open_below`` have no ruling under them (a cell spanning into
    the next row)."""
    for i in range(len(XS) - 1):
        if i not in open_below:
            s.hline(XS[i], XS[i + 1], bottom)
    for x in XS:
        s.vline(x, top, bottom)
    for col, lines in cells.items():
        for n, line in enumerate(lines):
            s.text(XS[col] + 3, top + 3 + 10 * n, line)


def _identity(s: Page) -> float:
    """An identity sheet at the top of ``s``; returns where it ends."""
    for y in (20.0, 34.0, 48.0, 62.0, 76.0, 120.0, 134.0):
        s.hline(30.0 if y in (20.0, 134.0) else 420.0, 800.0, y)
    for x in (30.0, 420.0, 520.0, 800.0):
        s.vline(x, 20.0, 134.0)
    s.text(150, 50, "DINAS CONTOH", 11)
    s.text(150, 66, "KABUPATEN UJI", 11)
    for n, (label, value) in enumerate([("Nomor SOP", "12/UJI/2025"),
                                        ("Tanggal Pembuatan", "02 June 2025"),
                                        ("Tanggal Revisi", "-"),
                                        ("Tanggal Efektif", "Januari 2014")]):
        s.text(423, 23 + 14 * n, label)
        s.text(523, 23 + 14 * n, value)
    s.text(423, 79, "Disahkan oleh")
    s.text(523, 79, "Kepala Dinas Contoh")
    s.text(523, 100, "Budi Santoso, S.E.")
    s.text(523, 109, "NIP. 19800101 200501 1 001")
    s.text(423, 123, "Nama SOP")
    s.text(523, 123, "Penyusunan Laporan Uji")
    # the boxes: Dasar Hukum | Kualifikasi, Keterkaitan | Peralatan (two columns inside)
    s.grid([30.0, 415.0, 800.0], [140.0, 200.0, 250.0])
    s.text(33, 143, "Dasar Hukum:")
    s.text(33, 155, "1. Undang-Undang Nomor 1 Tahun 2020 tentang Hal yang Panjang dan ")
    s.text(45, 165, "Lebih Panjang Lagi;")
    s.text(33, 175, "2. Peraturan tentang SPH-")
    s.text(45, 185, "TBF dan pelak-")
    s.text(33, 195, "sanaan")
    s.text(418, 143, "Kualifikasi Pelaksana:")
    s.text(418, 155, "1. Memahami tugas")
    s.text(33, 203, "Keterkaitan:")
    s.text(33, 215, "-")
    s.text(418, 203, "Peralatan/Perlengkapan:")
    for n, item in enumerate(["Komputer", "Printer"]):
        s.text(418, 215 + 10 * n, f"{n + 1}. {item}")
        s.text(600, 215 + 10 * n, f"{n + 3}. {['Internet', 'Kertas'][n]}")
    return 250.0


def test_made_pdf_identity_and_table_on_one_page_and_a_row_over_the_page_break(
        tmp_path: Path) -> None:
    one = Page()
    end = _identity(one)
    body = _table_header(one, end + 20)
    _row(one, body, body + 12, {i: [f"({i + 1})"] for i in range(9)})  # column numbers
    body += 12
    _row(one, body, body + 40, {0: ["1"], 1: ["Menyiapkan bahan laporan yang ", "lengkap"],
                                5: ["Surat dalam kondisi", "Alamat tujuan jelas"],
                                6: ["30 Menit"], 7: ["Bahan"]})
    _row(one, body + 40, body + 80, {0: ["2"], 1: ["Memeriksa bahan"], 6: ["-"],
                                     7: ["Bahan yang ", "diperiksa"]})
    _row(one, body + 80, 560, {0: ["2"], 1: ["Menyusun laporan di halaman ", "ini"],
                               6: ["1 Jam"]})
    two = Page()
    _row(two, 40, 80, {1: ["dan di halaman berikutnya"], 7: ["Laporan"]})
    pdf_path = write([one, two], tmp_path / "uji.pdf")
    with pdfplumber.open(pdf_path) as pdf:
        ident = read_identity(pdf)
        table, pictures = read_table(pdf)
    assert ident.instansi == ["DINAS CONTOH", "KABUPATEN UJI"]
    assert ident.nomor == "12/UJI/2025"
    assert ident.tanggal == {"pembuatan": "02 June 2025", "revisi": "-",
                             "efektif": "Januari 2014"}
    assert ident.disahkan_oleh == {"jabatan": "Kepala Dinas Contoh",
                                   "nama": "Budi Santoso, S.E.", "nip": "198001012005011001"}
    assert ident.nama == "Penyusunan Laporan Uji"
    assert ident.boxes["dasar_hukum"] == [
        "Undang-Undang Nomor 1 Tahun 2020 tentang Hal yang Panjang dan Lebih Panjang Lagi;",
        "Peraturan tentang SPH-TBF dan pelaksanaan"]
    assert ident.boxes["kualifikasi_pelaksana"] == ["Memahami tugas"]
    assert ident.boxes["keterkaitan"] == []
    assert ident.boxes["peralatan"] == ["Komputer", "Printer", "Internet", "Kertas"]
    assert pictures == []
    assert table is not None
    assert table.actors == ["Kepala", "Staf", "Tim"]
    assert [r.number for r in table.rows] == ["1", "2", "2"]  # as printed
    first, second, third = table.rows
    assert first.kegiatan == "Menyiapkan bahan laporan yang lengkap"
    assert first.kelengkapan == ["Surat dalam kondisi", "Alamat tujuan jelas"]
    assert (first.waktu, first.output) == ("30 Menit", "Bahan")
    assert second.output == "Bahan yang diperiksa"
    assert third.kegiatan == "Menyusun laporan di halaman ini dan di halaman berikutnya"
    assert third.output == "Laporan"
    assert [s.page for s in third.spans] == [0, 1]
    assert table.pages == [0, 1]
    cols = table.columns[0]
    assert [x for c in cols for x in (c.x0, c.x1)] == pytest.approx(
        [200, 260, 260, 320, 320, 380], abs=1)
    assert table.columns[1] == cols
    span = first.spans[0]
    assert span.top == pytest.approx(body, abs=1) and span.bottom == pytest.approx(body + 40,
                                                                                   abs=1)
    assert any(n.key == "waktu" and n.where == "langkah 3" for n in table.notes) is False
    assert not any(n.where == "langkah 1" for n in table.notes)


def test_made_pdf_picture_table_and_picture_identity(tmp_path: Path) -> None:
    one = Page()
    end = _identity(one)
    one.image(40, end + 20, 800, 560)  # the procedure table pasted as a picture
    with pdfplumber.open(write([one], tmp_path / "gambar.pdf")) as pdf:
        table, pictures = read_table(pdf)
        ident = read_identity(pdf)
    assert table is None
    assert [(p.page, p.what) for p in pictures] == [(0, "tabel")]
    assert ident.nomor == "12/UJI/2025"  # the identity is still read

    scan = Page()
    scan.image(0, 0, 842, 595)
    tail = Page()
    body = _table_header(tail, 40)
    _row(tail, body, body + 40, {0: ["1"], 1: ["Kegiatan satu"], 6: ["1 Jam"]})
    with pdfplumber.open(write([scan, tail], tmp_path / "pindai.pdf")) as pdf:
        table, pictures = read_table(pdf)
        ident = read_identity(pdf)
    assert [(p.page, p.what) for p in pictures] == [(0, "identitas")]
    assert table is not None and [r.kegiatan for r in table.rows] == ["Kegiatan satu"]
    assert ident.nomor is None and any("gambar" in n.message() for n in ident.notes)


def test_cli_picture_pages_are_named_and_what_could_be_read_is_kept(tmp_path: Path) -> None:
    one = Page()
    end = _identity(one)
    one.image(40, end + 20, 800, 560)  # the procedure table pasted as a picture
    scan, tail = Page(), Page()
    scan.image(0, 0, 842, 595)  # the identity sheet scanned
    body = _table_header(tail, 40)
    _row(tail, body, body + 40, {0: ["1"], 1: ["Kegiatan satu"], 2: ["x"], 6: ["1 Jam"]})
    pdfs = [write([one], tmp_path / "gambar.pdf"), write([scan, tail], tmp_path / "pindai.pdf")]
    out = tmp_path / "hasil"
    proc = subprocess.run([sys.executable, "-m", "soptool", "import", *map(str, pdfs), "-o",
                           str(out), "-f", "json"], capture_output=True, text=True, check=False)
    assert proc.returncode == 1  # not every PDF could be read whole
    assert "Traceback" not in proc.stderr
    assert (f"{pdfs[0]}: halaman 1 (tabel prosedur) berupa gambar (hasil pindai atau "
            "tempelan), tidak dapat dibaca tanpa OCR") in proc.stderr
    assert f"{pdfs[1]}: halaman 1 (lembar identitas) berupa gambar" in proc.stderr
    records = json.loads(proc.stdout)["files"]
    assert [r["status"] for r in records] == ["sebagian", "sebagian"]
    identity_only = Path(records[0]["berkas"]).read_text(encoding="utf-8")
    assert "nomor: 12/UJI/2025" in identity_only and "langkah:" not in identity_only
    assert "# PERIKSA: halaman 1 (tabel prosedur) berupa gambar" in identity_only
    steps_only = Path(records[1]["berkas"]).read_text(encoding="utf-8")
    assert "kegiatan: Kegiatan satu" in steps_only
    assert "# PERIKSA: Nama SOP tidak ditemukan di PDF" in steps_only


def test_cli_notes_in_english_while_the_file_stays_indonesian(tmp_path: Path) -> None:
    page = Page()  # no identity sheet, no flowchart symbols: notes everywhere
    body = _table_header(page, 40)
    _row(page, body, body + 40, {0: ["1"], 1: ["Kegiatan satu"], 6: ["1 Jam"]})
    _row(page, body + 40, body + 80, {0: ["2"], 1: ["Kegiatan dua"]})
    _row(page, body + 80, body + 120, {0: ["3"], 1: ["Kegiatan tiga"], 6: ["sebentar saja"]})
    pdf = write([page], tmp_path / "catatan.pdf")
    out = tmp_path / "hasil"
    env = {k: v for k, v in os.environ.items() if k != "SOPTOOL_LANG"}
    proc = subprocess.run([sys.executable, "-m", "soptool", "import", str(pdf), "-o", str(out),
                           "--lang", "en", "-f", "json"], capture_output=True, text=True,
                          env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    said = proc.stderr.splitlines()
    assert "  9 readings to check (search the file for PERIKSA):" in said
    assert "    nomor: no identity sheet was found" in said
    assert "    langkah 1 (pelaksana): there is no flowchart symbol in this row" in said
    assert "    langkah 2 (waktu): the Waktu column of step 2 is empty in the PDF" in said
    assert ('    langkah 3 (waktu): The printed Waktu "sebentar saja" cannot be read as a '
            "duration; it is not written. Write it again, for example 2 jam.") in said
    for id_word in ("tidak", "kosong", "dipilih", "lembar"):
        assert not any(id_word in line for line in said if line.startswith("    ")), id_word
    (record,) = json.loads(proc.stdout)["files"]
    assert {"tempat": "langkah 2", "kunci": "waktu",
            "pesan": "the Waktu column of step 2 is empty in the PDF"} in record["periksa"]
    text = Path(record["berkas"]).read_text(encoding="utf-8")
    marks = [line.strip() for line in text.splitlines() if "# PERIKSA" in line]
    assert "# PERIKSA: lembar identitas tidak ditemukan" in marks
    assert "# PERIKSA: tidak ada simbol bagan alir di baris ini" in marks
    assert "# PERIKSA: kolom Waktu langkah 2 kosong di PDF" in marks
    assert ('# PERIKSA: Waktu tercetak "sebentar saja" tidak terbaca sebagai lama waktu; '
            "tidak ditulis. Tulis ulang, misalnya 2 jam.") in marks
    assert not any(en_word in line for line in marks
                   for en_word in (" the ", " no ", "could not", "chosen"))


def test_made_pdf_repeated_header_spanning_cell_and_continued_row(tmp_path: Path) -> None:
    one = Page()
    body = _table_header(one, 40)
    _row(one, body, body + 40, {0: ["1"], 1: ["Satu"], 5: ["Berkas bersama"], 6: ["1 Jam"]},
         open_below=(5,))
    _row(one, body + 40, body + 80, {0: ["2"], 1: ["Dua"], 6: ["2 Jam"]})
    _row(one, body + 80, 560, {0: ["3"], 1: ["Tiga yang panjang "], 6: ["3 Jam"]})
    two = Page()
    body = _table_header(two, 40)
    _row(two, body, body + 30, {1: ["sekali"], 7: ["Hasil"]})
    _row(two, body + 30, body + 60, {0: ["4"], 1: ["Empat"], 6: ["4 Jam"]})
    with pdfplumber.open(write([one, two], tmp_path / "ulang.pdf")) as pdf:
        table, _ = read_table(pdf)
    assert table is not None
    assert [r.number for r in table.rows] == ["1", "2", "3", "4"]
    assert [r.kelengkapan for r in table.rows] == ["Berkas bersama", "", "", ""]
    assert any(n.where == "langkah 2" and n.key == "kelengkapan" for n in table.notes)
    third = table.rows[2]
    assert third.kegiatan == "Tiga yang panjang sekali"
    assert (third.waktu, third.output) == ("3 Jam", "Hasil")
    assert [(s.page, round(s.top)) for s in third.spans] == [(0, round(40 + 30 + 80)),
                                                             (1, round(40 + 30))]
    assert table.pages == [0, 1]


def test_made_pdf_rows_without_rulings_between_them(tmp_path: Path) -> None:
    one = Page()
    body = _table_header(one, 40)
    for x in XS:
        one.vline(x, body, body + 150)
    one.hline(XS[0], XS[-1], body + 150)
    for n, top in enumerate((body + 5, body + 55, body + 100), start=1):
        one.text(XS[0] + 3, top + 10, str(n))  # the number centred on its row's text
        for k, line in enumerate([f"Kegiatan {n} yang ", "panjang", "sekali"]):
            one.text(XS[1] + 3, top + 10 * k, line)
        one.text(XS[6] + 3, top, f"{n} Jam")
    with pdfplumber.open(write([one], tmp_path / "tanpa-garis.pdf")) as pdf:
        table, _ = read_table(pdf)
    assert table is not None
    assert [r.kegiatan for r in table.rows] == [f"Kegiatan {n} yang panjang sekali"
                                                for n in (1, 2, 3)]
    assert [r.waktu for r in table.rows] == ["1 Jam", "2 Jam", "3 Jam"]
    tops = [r.spans[0].top for r in table.rows]
    assert tops[0] == pytest.approx(body, abs=1)
    assert body + 30 < tops[1] < body + 55 < body + 80 < tops[2] < body + 100


def test_made_pdf_table_with_no_rulings_at_all(tmp_path: Path) -> None:
    one = Page()
    one.text(35, 50, "No")
    one.text(100, 50, "Kegiatan")
    one.text(265, 40, "Pelaksana")
    one.text(560, 40, "Mutu Baku")
    one.text(688, 50, "Keterangan")
    for x, title in zip(XS[2:8], ["Kepala", "Staf", "Tim", "Kelengkapan", "Waktu", "Output"],
                        strict=True):
        one.text(x + 5, 55, title)
    for n, top in enumerate((80, 130), start=1):
        one.text(XS[0] + 3, top, str(n))
        one.text(XS[1] + 3, top, f"Kegiatan nomor {n} yang ")
        one.text(XS[1] + 3, top + 10, "agak panjang")
        one.text(XS[5] + 3, top, "Berkas")
        one.text(XS[6] + 3, top, f"{n} Hari")
        one.text(XS[7] + 3, top, f"Hasil {n}")
    one.text(40, 570, "* Dokumen ini telah ditandatangani secara elektronik")
    with pdfplumber.open(write([one], tmp_path / "polos.pdf")) as pdf:
        table, _ = read_table(pdf)
    assert table is not None
    assert table.actors == ["Kepala", "Staf", "Tim"]
    assert [(r.number, r.kegiatan, r.kelengkapan, r.waktu, r.output) for r in table.rows] == [
        ("1", "Kegiatan nomor 1 yang agak panjang", "Berkas", "1 Hari", "Hasil 1"),
        ("2", "Kegiatan nomor 2 yang agak panjang", "Berkas", "2 Hari", "Hasil 2")]
    assert any("ditebak" in n.message() for n in table.notes)
    assert table.rows[-1].spans[0].bottom < 200


def test_made_pdf_identity_without_rulings_between_fields(tmp_path: Path) -> None:
    s = Page()
    s.grid([30.0, 400.0, 800.0], [20.0, 150.0])
    s.text(120, 60, "BADAN UJI")
    s.text(120, 75, "PROVINSI CONTOH")
    rows = [("Nomor SOP", "SOP-1/UJI/2025"), ("Tanggal Pembuatan", "2 Januari 2024"),
            ("Tanggal Revisi", "-")]
    for n, (label, value) in enumerate(rows):
        s.text(405, 25 + 10 * n, label)
        s.text(490, 25 + 10 * n, ":")
        s.text(500, 25 + 10 * n, value)
    s.text(405, 55, "Tanggal")
    s.text(405, 64, "Efektif")
    s.text(490, 59, ":")
    s.text(500, 59, "10 Januari 2025")
    s.text(405, 80, "Disahkan oleh")
    s.text(490, 80, ":")
    s.text(560, 80, "Kepala Badan Uji")
    s.text(580, 115, "Nama Pejabat")
    s.text(405, 130, "Nama SOP")
    s.text(490, 130, ":")
    s.text(500, 130, "STANDAR OPERASIONAL PROSEDUR YANG")
    s.text(500, 139, "PANJANG")
    s.grid([30.0, 400.0, 800.0], [155.0, 230.0, 300.0])
    s.text(33, 158, "PENCATATAN DAN")
    s.text(33, 167, "PENDATAAN")
    s.text(33, 180, "Dicatat sebagai data elektronik dan manual di bagian umum dan ")
    s.text(33, 190, "subbagian umum.")
    s.text(403, 158, "Peringatan:")
    s.text(403, 170, "- Pelaksana bertanggung jawab;")
    s.text(403, 180, "- Penyimpangan adalah kegagalan.")
    s.text(33, 233, "Dasar Hukum:")
    s.text(33, 243, "4.")
    s.text(45, 247, "Peraturan yang nomornya di atas")
    s.text(33, 257, "5. Peraturan kedua")
    s.text(403, 233, "Keterkaitan:")
    with pdfplumber.open(write([s], tmp_path / "titik-dua.pdf")) as pdf:
        ident = read_identity(pdf)
    assert ident.instansi == ["BADAN UJI", "PROVINSI CONTOH"]
    assert ident.nomor == "SOP-1/UJI/2025"
    assert ident.tanggal == {"pembuatan": "2 Januari 2024", "revisi": "-",
                             "efektif": "10 Januari 2025"}
    assert ident.disahkan_oleh == {"jabatan": "Kepala Badan Uji", "nama": "Nama Pejabat"}
    assert ident.nama == "STANDAR OPERASIONAL PROSEDUR YANG PANJANG"
    assert ident.boxes["pencatatan"] == [
        "Dicatat sebagai data elektronik dan manual di bagian umum dan subbagian umum."]
    assert ident.boxes["peringatan"] == ["Pelaksana bertanggung jawab;",
                                         "Penyimpangan adalah kegagalan."]
    assert ident.boxes["dasar_hukum"] == ["Peraturan yang nomornya di atas",
                                          "Peraturan kedua"]
    assert ident.boxes["keterkaitan"] == []


def test_made_pdf_identity_printed_under_the_table(tmp_path: Path) -> None:
    s = Page(842, 900)
    body = _table_header(s, 20)
    _row(s, body, body + 40, {0: ["1"], 1: ["Kegiatan pertama"], 6: ["1 Jam"]})
    _row(s, body + 40, body + 80, {0: ["2"], 1: ["Kegiatan kedua"], 6: ["2 Jam"]})
    s.dy = body + 120
    _identity(s)
    with pdfplumber.open(write([s], tmp_path / "terbalik.pdf")) as pdf:
        table, _ = read_table(pdf)
        ident = read_identity(pdf)
    assert table is not None
    assert [(r.kegiatan, r.waktu) for r in table.rows] == [("Kegiatan pertama", "1 Jam"),
                                                           ("Kegiatan kedua", "2 Jam")]
    assert table.rows[-1].spans[-1].bottom == pytest.approx(body + 80, abs=1)
    assert ident.nomor == "12/UJI/2025"
    assert ident.instansi == ["DINAS CONTOH", "KABUPATEN UJI"]
    assert ident.boxes["peralatan"] == ["Komputer", "Printer", "Internet", "Kertas"]


@pytest.mark.parametrize("make", ["junk", "blank", "text", "lines", "header-only"])
def test_made_pdf_odd_input_never_raises(tmp_path: Path, make: str) -> None:
    s = Page()
    if make == "text":
        s.text(40, 40, "No Kegiatan Waktu Output Nomor SOP")
    elif make == "lines":
        for n in range(30):
            s.stroke_line(10 + n * 20, 10, 30 + n * 15, 500)
            s.hline(5, 5 + n * 25, 10 + n * 18)
    elif make == "header-only":
        _table_header(s, 40)
    elif make == "junk":
        s.ops += ["1 2 3 4 re S", "BT /F1 8 Tf 10 10 Td (Nomor SOP) Tj ET", "q 5 0 0 5 re",
                  "0 0 m 10 10 l 20 0 l h f", "BT /F1 0 Tf (No) Tj ET", "W n Q Q Q"]
    path = write([s], tmp_path / f"{make}.pdf")
    with pdfplumber.open(path) as pdf:
        table, pictures = read_table(pdf)
        ident = read_identity(pdf)
    assert table is None or isinstance(table, Table)
    assert ident.nomor is None
    if make == "header-only":
        assert table is not None and table.rows == []
        assert table.actors == ["Kepala", "Staf", "Tim"]


def _cell(lines: list[str], x0: float = 100.0) -> list[Word]:
    """Words of a cell, one string per printed line; a trailing space marks a soft wrap."""
    out = []
    for n, line in enumerate(lines):
        x = x0
        parts = line.split(" ")
        for k, part in enumerate(parts):
            if not part:
                continue
            width = 4.0 * len(part)
            after = k + 1 < len(parts)
            out.append(Word(part, x, x + width, 10.0 * n, 10.0 * n + 8, after))
            x += width + 2
    return out


@pytest.mark.parametrize("a,b,joined", [
    ("Peraturan tentang pelak-", "sanaan", "Peraturan tentang pelaksanaan"),
    ("data SPH-", "TBF", "data SPH-TBF"),
    ("masing-", "masing unit", "masing-masing unit"),
    ("Undang-", "Undang Nomor", "Undang-Undang Nomor"),
    ("surat", "dinas", "surat dinas"),
])
def test_wrapped_lines_join(a: str, b: str, joined: str) -> None:
    assert join_line_texts(a, b) == joined


@pytest.mark.parametrize("lines,soft,want", [
    (["Surat yang sudah ", "dicetak"], True, "Surat yang sudah dicetak"),
    (["Surat dalam kondisi ", "aman untuk dikirim", "Alamat tujuan jelas"], True,
     ["Surat dalam kondisi aman untuk dikirim", "Alamat tujuan jelas"]),
    # a hard break followed by text that goes on wrapping is one text broken by hand
    (["Draft Publikasi Statistik", "Politik dan Keamanan ", "dan Laporan"], True,
     "Draft Publikasi Statistik Politik dan Keamanan dan Laporan"),
    (["\u2022 Menyusun draft", "\u2022 Menentukan supplier"], True,
     ["Menyusun draft", "Menentukan supplier"]),
    (["Menyiapkan:", "\u2022 bahan", "\u2022 alat"], True, ["Menyiapkan:", "bahan", "alat"]),
    (["30 menit", "- 1 jam"], False, "30 menit - 1 jam"),
    (["- Surat", "- Daftar hadir"], False, ["Surat", "Daftar hadir"]),
])
def test_cell_text(lines: list[str], soft: bool, want: Any) -> None:
    # a wide cell where wraps are marked; where not, one just wider than "30 menit"
    assert cell_text(_cell(lines), soft, 98.0, 400.0 if soft else 135.0, 2.0) == want


# --- soptool's own documents, printed by Chromium, read back


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        items = [_flat(v) for v in value]
        return items[0] if len(items) == 1 else (items or "")
    return "" if value is None else re.sub(r"\s+", " ", str(value)).strip()




@needs_chromium
@pytest.mark.parametrize("path", OWN, ids=lambda p: p.stem)
def test_own_document_reads_back(path: Path, printed_own: Callable[[Path], Path]) -> None:
    sop = load_file(path).sop
    assert sop is not None
    with pdfplumber.open(printed_own(path)) as pdf:
        ident = read_identity(pdf)
        table, pictures = read_table(pdf)
    assert pictures == []
    assert table is not None
    assert table.actors == list(sop.pelaksana.values())
    assert len(table.rows) == len(sop.langkah)
    for n, (row, step) in enumerate(zip(table.rows, sop.langkah, strict=True), start=1):
        assert row.number == str(n)
        for key in ("kegiatan", "kelengkapan", "output", "keterangan"):
            assert _flat(getattr(row, key)) == _flat(getattr(step, key)), (n, key)
        # a bare number prints with the SOP's satuan_waktu
        waktu = None if step.waktu is None else with_unit(str(step.waktu), sop.satuan_waktu)
        assert _flat(row.waktu) == _flat(waktu), (n, "waktu")
        question = step.keputusan.tanya if step.keputusan else None
        assert row.tanya == _flat(question)
    assert [x.lower() for x in ident.instansi] == [x.lower() for x in sop.instansi]
    assert _flat(ident.nomor) == _flat(sop.nomor)
    assert _flat(ident.nama).lower() == _flat(sop.nama).lower()  # printed in capitals
    for key in ("pembuatan", "revisi", "efektif"):
        value = getattr(sop.tanggal, key)
        printed = ident.tanggal.get(key, "")
        assert printed == (_date(value) if value else printed), key
    for key in ("jabatan", "nama"):
        assert ident.disahkan_oleh.get(key, "-") in (_flat(getattr(sop.disahkan_oleh, key)),
                                                     "-")
    nip = sop.disahkan_oleh.nip
    assert ident.disahkan_oleh.get("nip") == (re.sub(r"\D", "", nip) if nip else None)
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan",
                "peringatan", "pencatatan"):
        assert ident.boxes.get(key, []) == [_flat(t) for t in getattr(sop, key)], key


# --- the real signed SOPs against their hand-read truth (read in place)

_NOT_MEASURABLE = re.compile(r"^(|-|disesuaikan|segera|sesuai kebutuhan|bulanan selama "
                             r"setahun)$")


def _same(got: Text | None, want: Any, key: str = "") -> bool:
    def norm(v: Any) -> Any:
        if isinstance(v, list):
            v = [norm(x) for x in v]
            return v[0] if len(v) == 1 else v
        return re.sub(r"\s+", " ", "" if v is None else str(v)).strip().lower()

    a, b = norm(got), norm(want)
    if key == "kegiatan" and isinstance(a, list) and isinstance(b, str):
        a = "; ".join(a)  # a bulleted Kegiatan: the truth joins its points with "; "
    if key == "waktu" and isinstance(a, str) and isinstance(b, str):
        if _NOT_MEASURABLE.match(a) and _NOT_MEASURABLE.match(b):
            return True
    return bool(a == b)


def _reals() -> list[Path]:
    return sorted(REAL.glob("*.pdf")) if REAL is not None else []


@needs_real
def test_real_documents_against_their_truth() -> None:
    steps = cells = cells_ok = fields = fields_ok = drawn = 0
    for path in _reals():
        truth = yaml.safe_load(path.with_suffix(".truth.yaml").read_text(encoding="utf-8"))
        with pdfplumber.open(path) as pdf:
            ident = read_identity(pdf)
            table, pictures = read_table(pdf)
        checks = [(ident.nomor, truth.get("nomor")), (ident.nama, truth.get("nama")),
                  (ident.instansi, truth.get("instansi"))]
        signer = truth.get("disahkan_oleh") or {}
        checks += [(ident.disahkan_oleh.get(k), signer.get(k)) for k in ("jabatan", "nama")]
        checks.append((ident.disahkan_oleh.get("nip"),
                       re.sub(r"\D", "", str(signer["nip"])) if signer.get("nip") else None))
        for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan",
                    "peringatan", "pencatatan"):
            checks.append((ident.boxes.get(key, []), truth.get(key) or []))
        fields += len(checks)
        fields_ok += sum(_same(g, w) for g, w in checks)
        want = truth["langkah"]
        if table is None:
            assert pictures and all(p.what == "tabel" for p in pictures), path.name
            continue
        drawn += 1
        assert len(table.rows) == len(want), path.name
        assert _same(table.actors, list(truth["pelaksana"].values())), path.name
        steps += len(want)
        for row, step in zip(table.rows, want, strict=True):
            for key in ("kegiatan", "kelengkapan", "waktu", "output", "keterangan"):
                cells += 1
                cells_ok += _same(getattr(row, key), step.get(key, ""), key)
    assert drawn == 10
    assert cells_ok / cells >= 0.97
    assert fields_ok / fields >= 0.95


@needs_real
def test_real_table_grid_across_pages() -> None:
    assert REAL is not None
    path = next(REAL.glob("259-*.pdf"))
    with pdfplumber.open(path) as pdf:
        table, pictures = read_table(pdf)
    assert pictures == []
    assert table is not None
    assert [r.number for r in table.rows] == [str(n) for n in range(1, 9)]
    assert table.pages == [0, 1]
    assert sorted(table.columns) == [0, 1]
    assert all(len(cols) == len(table.actors) for cols in table.columns.values())
    for row in table.rows:
        for span in row.spans:
            assert span.top < span.bottom
    assert {s.page for r in table.rows for s in r.spans} == {0, 1}


@needs_real
@pytest.mark.parametrize("prefix,page", [("215", 0), ("221", 1)])
def test_real_picture_tables(prefix: str, page: int) -> None:
    assert REAL is not None
    path = next(REAL.glob(prefix + "-*.pdf"))
    with pdfplumber.open(path) as pdf:
        table, pictures = read_table(pdf)
        ident = read_identity(pdf)
    assert table is None
    assert [(p.page, p.what) for p in pictures] == [(page, "tabel")]
    assert ident.nomor is not None and ident.boxes.get("dasar_hukum")
