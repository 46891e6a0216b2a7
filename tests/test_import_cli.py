"""``soptool import`` on the command line: what is written, what is refused, what is said."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from soptool.importer.document import import_pdf
from soptool.report.messages import message

from .render_helpers import REAL_PDF as REAL
from .render_helpers import needs_real_pdf as needs_real


def soptool(*args: str, cwd: Path | None = None,
            **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "soptool", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "SOPTOOL_LANG": "id", **env},
                          check=False)


def test_a_file_that_is_not_a_pdf_is_said_and_nothing_is_written(tmp_path: Path) -> None:
    fake = tmp_path / "bukan.pdf"
    fake.write_text("nama: bukan PDF\n", encoding="utf-8")
    out = tmp_path / "hasil"
    proc = soptool("import", str(fake), "-o", str(out))
    assert proc.returncode == 1
    assert f"{fake}: bukan berkas PDF" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert list(out.iterdir()) == []


def test_a_damaged_pdf_is_said_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    proc = soptool("import", str(broken), "-o", str(tmp_path / "o"))
    assert proc.returncode == 1
    assert f"{broken}: PDF rusak, terkunci kata sandi, atau tidak dapat dibaca" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 2  # its line and the summary: no library logs
    result = import_pdf(broken)
    assert result.composed is None and result.failure_key == "import.broken_pdf"


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    proc = soptool("import", str(tmp_path / "tidak-ada.pdf"))
    assert proc.returncode == 2
    assert "tidak-ada.pdf" in proc.stderr and "Traceback" not in proc.stderr


def test_output_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    fake = tmp_path / "a.pdf"
    fake.write_bytes(b"%PDF-1.4\n")
    taken = tmp_path / "berkas.txt"
    taken.write_text("milik pengguna", encoding="utf-8")
    proc = soptool("import", str(fake), "-o", str(taken))
    assert proc.returncode == 2
    assert f"{taken} bukan folder" in proc.stderr
    assert taken.read_text(encoding="utf-8") == "milik pengguna"


def test_without_pdfplumber_the_message_says_what_to_install(tmp_path: Path) -> None:
    fake = tmp_path / "a.pdf"
    fake.write_bytes(b"%PDF-1.4\n")
    code = ("import sys; sys.modules['pdfplumber'] = None; sys.argv = ['soptool', 'import', "
            f"{str(fake)!r}, '-o', {str(tmp_path / 'o')!r}]; from soptool.cli import main; "
            "main()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 2
    assert "soptool import memerlukan pdfplumber" in proc.stderr
    assert "pip install 'soptool[import]'" in proc.stderr


def test_help_is_indonesian() -> None:
    proc = soptool("import", "--help")
    assert proc.returncode == 0
    assert "Impor PDF SOP yang sudah ditandatangani menjadi berkas YAML." in proc.stdout
    assert "PERIKSA" in proc.stdout
    assert "import" in soptool("--help").stdout


@needs_real
def test_real_pdfs_import_and_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    pdf = REAL / "027-sop-pengiriman-surat-dinas.pdf"
    out = tmp_path / "sops"
    first = soptool("import", str(pdf), "-o", str(out))
    assert first.returncode == 0, first.stderr
    (made,) = out.glob("*.yaml")
    text = made.read_text(encoding="utf-8")
    assert text.startswith(f"# Diimpor dari {pdf.name} (2 halaman) oleh soptool import.")
    assert soptool("validate", str(made)).returncode == 0
    made.write_text(text + "# diedit pengguna\n", encoding="utf-8")
    again = soptool("import", str(pdf), "-o", str(out))
    assert again.returncode == 1
    assert f"{made} sudah ada; tidak ditimpa" in again.stderr
    assert made.read_text(encoding="utf-8").endswith("# diedit pengguna\n")


@needs_real
def test_a_picture_page_is_named_and_the_identity_kept(tmp_path: Path) -> None:
    pdf = REAL / "221-sop-pengolahan-dan-analisis-tanaman-biofarmaka.pdf"
    proc = soptool("import", str(pdf), "-o", str(tmp_path), "--format", "json")
    assert proc.returncode == 1
    assert "halaman 2 (tabel prosedur) berupa gambar" in proc.stderr
    assert "Traceback" not in proc.stderr
    (record,) = json.loads(proc.stdout)["files"]
    assert record["status"] == "sebagian" and record["gambar"] == [
        {"halaman": 2, "bagian": "tabel"}]
    (made,) = tmp_path.glob("*.yaml")
    assert "nama:" in made.read_text(encoding="utf-8")


@needs_real
def test_json_reports_each_file(tmp_path: Path) -> None:
    pdfs = [REAL / "027-sop-pengiriman-surat-dinas.pdf",
            REAL / "259-sop-pemilihan-penyedia-melalui-tender-cepat-barang-jasa-lainnya.pdf"]
    proc = soptool("import", *map(str, pdfs), "-o", str(tmp_path), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["versi"] == 1 and [r["pdf"] for r in doc["files"]] == list(map(str, pdfs))
    assert [r["status"] for r in doc["files"]] == ["diimpor", "diimpor"]
    assert [r["langkah"] for r in doc["files"]] == [5, 8]
    for record in doc["files"]:
        assert Path(record["berkas"]).exists()
        assert all({"tempat", "kunci", "pesan"} <= set(n) for n in record["periksa"])


def test_an_error_in_soptools_own_reader_is_said_as_a_bug(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import soptool.importer.table as table

    from .pdfdraw import Page, write

    def broken(pdf: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(table, "read_table", broken)
    result = import_pdf(write([Page()], tmp_path / "kosong.pdf"))
    assert result.composed is None and result.failure_key == "import.bug"
    text = message("import.bug", "id", **result.failure_params)
    assert text.startswith("soptool gagal membaca PDF ini karena kesalahan di soptool sendiri "
                           "(ZeroDivisionError: division by zero)")


def test_damaged_bytes_never_raise(tmp_path: Path) -> None:
    # A PDF cut short or with bytes overwritten: read or refused, never an exception.
    from .pdfdraw import Page, write

    page = Page()
    page.text(40, 40, "STANDAR OPERASIONAL PROSEDUR")
    page.grid([30.0, 60.0, 300.0, 500.0, 800.0], [80.0, 110.0, 200.0])
    page.text(70, 90, "Kegiatan")
    raw = write([page], tmp_path / "utuh.pdf").read_bytes()
    rng = random.Random(12)
    for k in range(40):
        data = bytearray(raw)
        if k % 2:
            data = data[: rng.randrange(10, len(data))]
        else:
            for _ in range(8):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"rusak-{k}.pdf"
        path.write_bytes(bytes(data))
        result = import_pdf(path)
        assert result.failure_key in (None, "import.broken_pdf", "import.not_pdf",
                                      "import.no_table"), (k, result.failure_params)
