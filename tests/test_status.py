"""An SOP's status (issue 14): status and digantikan_oleh through validate, render, diff, fmt
and schema, on real files through the command line.

The per-file rules (SOP110, SOP406-SOP408) have case files in data/invalid too; the checks
across the files of a run (SOP409, SOP410) are here, as they need several files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.commands.validate import validate_run
from soptool.loading import load_file
from soptool.model.status import STATUS_LABELS, effective_status

from .conftest import ROOT

runner = CliRunner()
SEED = ROOT / "sops" / "rka-balai.yaml"


def sop(nomor: str | None, status: str | None = None, target: str | None = None,
        nama: str = "Uji Status") -> str:
    """A small SOP with a complete identity (no SOP405), with these status keys."""
    head = f"nomor: {nomor}\n" if nomor is not None else ""
    head += f"nama: {nama}\n"
    if status is not None:
        head += f"status: {status}\n"
    if target is not None:
        head += f"digantikan_oleh: {target}\n"
    return head + """instansi: [Dinas Uji]
tanggal:
  pembuatan: 2025-12-17
disahkan_oleh:
  jabatan: Kepala Dinas Uji
pelaksana:
  staf: Staf
langkah:
  - kegiatan: Menyusun konsep
    pelaksana: staf
    waktu: 1 jam
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def codes(output: str) -> list[str]:
    """``FILE:LINE:COL CODE`` of each finding line of text output, in printed order."""
    return [f"{Path(m[0]).name}:{m[1]} {m[2]}"
            for m in re.findall(r"^(\S+?):(\d+:\d+): (SOP\d{3}) ", output, re.M)]


# --- the library function the site and render use ----------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    (None, "berlaku"), ("draf", "draf"), ("berlaku", "berlaku"), ("digantikan", "digantikan"),
    ("dicabut", "dicabut"), ("Draf", "draf"), ("sementara", "draf"),
])
def test_effective_status_of_a_file(tmp_path: Path, written: str | None,
                                    expected: str) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", written))
    doc = load_file(path)
    assert doc.sop is not None
    assert effective_status(doc.sop) == expected
    assert STATUS_LABELS[expected] == expected.capitalize()


def test_labels_are_the_four_statuses_in_indonesian() -> None:
    assert STATUS_LABELS == {"draf": "Draf", "berlaku": "Berlaku", "digantikan": "Digantikan",
                             "dicabut": "Dicabut"}


# --- the per-file rules ------------------------------------------------------------------

@pytest.mark.parametrize("status", ["draf", "berlaku", "dicabut"])
def test_a_known_status_passes(tmp_path: Path, status: str) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", status))
    assert validate(path) == (0, "1 berkas diperiksa: semua valid\n")


@pytest.mark.parametrize(("written", "suggestion"), [
    ("Draf", "draf"), ("berlak", "berlaku"), ("diganti", "digantikan"), ("aktif", None),
])
def test_an_unknown_status_is_an_error_at_its_value(tmp_path: Path, written: str,
                                                    suggestion: str | None) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", written))
    code, out = validate(path)
    assert code == 1
    hint = f" (maksud Anda '{suggestion}'?)" if suggestion else ""
    assert f"{path}:3:9: SOP110 galat: status '{written}' tidak dikenal; status yang " \
           f"diterima: draf, berlaku, digantikan, dicabut{hint}\n" in out
    assert codes(out) == ["a.yaml:3:9 SOP110"]


def test_unknown_status_in_english(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", "Berlaku"))
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 1
    assert "status 'Berlaku' is not known; accepted statuses: draf, berlaku, digantikan, " \
           "dicabut (did you mean 'berlaku'?)" in result.output


def test_replaced_without_status_digantikan_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", sop("2/UJI/2026"))
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", "berlaku", "2/UJI/2026"))
    code, out = validate(path)
    assert code == 0
    assert f"{path}:4:1: SOP406 peringatan: 'digantikan_oleh' diisi, tetapi status SOP ini " \
           "berlaku: tulis 'status: digantikan', atau hapus 'digantikan_oleh'" in out
    assert validate("--strict", path)[0] == 1
    # No status at all is "berlaku" too.
    write(tmp_path, "a.yaml", sop("1/UJI/2025", None, "2/UJI/2026"))
    assert codes(validate(path)[1]) == ["a.yaml:3:1 SOP406"]


def test_status_digantikan_without_a_successor_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", "digantikan"))
    code, out = validate(path)
    assert code == 0
    assert f"{path}:3:9: SOP407 peringatan: SOP berstatus digantikan tanpa 'digantikan_oleh'" \
           in out


def test_replaced_by_itself_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", "digantikan", "1/UJI/2025"))
    code, out = validate(path)
    assert code == 1
    assert codes(out) == ["a.yaml:4:18 SOP408"]  # and not SOP409: the nomor exists
    assert "'digantikan_oleh' menyebut nomor SOP ini sendiri (1/UJI/2025)" in out


# --- across the files of a run -----------------------------------------------------------

def test_a_successor_in_the_run_passes(tmp_path: Path) -> None:
    a = write(tmp_path / "x", "a.yaml", sop("1/UJI/2025", "digantikan", "2/UJI/2026"))
    b = write(tmp_path / "y", "b.yaml", sop("2/UJI/2026"))
    assert validate(a, b) == (0, "2 berkas diperiksa: semua valid\n")
    assert validate(tmp_path) == (0, "2 berkas diperiksa: semua valid\n")


def test_a_missing_successor_is_an_error_at_its_value(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", sop("1/UJI/2025", "digantikan", "2/UJI/2025"))
    write(tmp_path, "b.yaml", sop("2/UJI/2026"))
    code, out = validate(tmp_path)
    assert code == 1
    assert f"{a}:4:18: SOP409 galat: SOP pengganti '2/UJI/2025' tidak ditemukan: tidak ada " \
           f"SOP bernomor itu di antara berkas yang diperiksa maupun di folder {tmp_path} " \
           "(maksud Anda '2/UJI/2026'?)\n" in out
    assert out.endswith("2 berkas diperiksa: 1 galat, 0 peringatan\n")
    # The same finding in the other formats, at the same place.
    result = runner.invoke(app, ["validate", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["file"], f["line"], f["column"], f["code"], f["severity"]) for f in found] == [
        (str(a), 4, 18, "SOP409", "error")]
    result = runner.invoke(app, ["validate", "--format", "github", str(tmp_path)])
    assert result.exit_code == 1
    assert f"::error file={a},line=4,col=18,title=SOP409::SOP409: SOP pengganti " \
           "'2/UJI/2025' tidak ditemukan" in result.output


def test_one_file_finds_its_successor_next_to_it(tmp_path: Path) -> None:
    """pre-commit passes only the changed file: the unchanged successor beside it counts."""
    a = write(tmp_path, "a.yaml", sop("1/UJI/2025", "digantikan", "2/UJI/2026"))
    write(tmp_path, "b.yaml", sop("2/UJI/2026"))
    write(tmp_path, "rusak.yaml", "nama: [tidak ditutup\n")  # not reported: not validated
    assert validate(a) == (0, "1 berkas diperiksa: semua valid\n")


def test_one_file_does_not_look_in_other_folders(tmp_path: Path) -> None:
    a = write(tmp_path / "lama", "a.yaml", sop("1/UJI/2025", "digantikan", "2/UJI/2026"))
    b = write(tmp_path / "baru", "b.yaml", sop("2/UJI/2026"))
    code, out = validate(a)
    assert code == 1 and codes(out) == ["a.yaml:4:18 SOP409"]
    assert validate(a, b)[0] == 0
    assert validate(tmp_path)[0] == 0


def test_a_successor_later_in_the_run_keeps_the_output_order(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", sop("1/UJI/2025", "digantikan", "9/UJI/2026", nama=""))
    write(tmp_path, "b.yaml", sop("2/UJI/2025", "digantikan", "nowhere"))
    write(tmp_path, "c.yaml", sop("3/UJI/2025", "Draf"))
    write(tmp_path, "d.yaml", sop("9/UJI/2026"))
    code, out = validate(tmp_path)
    assert code == 1
    assert codes(out) == ["a.yaml:2:6 SOP102", "b.yaml:4:18 SOP409", "c.yaml:3:9 SOP110"]


def test_a_nomor_used_twice_is_a_warning_on_the_later_file(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", sop("1/UJI/2025"))
    b = write(tmp_path, "b.yaml", sop(" 1/UJI/2025", nama="Lain"))
    write(tmp_path, "c.yaml", sop("2/UJI/2025"))
    code, out = validate(tmp_path)
    assert code == 0
    assert f"{b}:1:9: SOP410 peringatan: nomor '1/UJI/2025' sudah dipakai oleh {a}\n" in out
    assert codes(out) == ["b.yaml:1:9 SOP410"]
    assert validate("--strict", tmp_path)[0] == 1
    # Only files validated together are compared.
    assert validate(b) == (0, "1 berkas diperiksa: semua valid\n")


def test_workers_give_the_same_results_as_one_process(tmp_path: Path) -> None:
    for n in range(12):
        target = f"{n + 1}/UJI/2025" if n % 3 else "0/TIDAK/ADA"
        write(tmp_path, f"s{n:02d}.yaml", sop(f"{n % 10}/UJI/2025", "digantikan", target))
    paths = sorted(tmp_path.glob("*.yaml"))

    def run(jobs: int) -> list[tuple[str, list[str]]]:
        return [(r.file, [f"{f.line}:{f.col} {f.code}" for f in r.findings])
                for r in validate_run(paths, jobs=jobs)]

    serial = run(1)
    assert serial == run(2)
    assert [r[0] for r in serial] == [str(p) for p in paths]
    flat = [c for _, found in serial for c in found]
    assert flat.count("4:18 SOP409") == 6  # s00, s03, s06, s09; s10, s11 (11-12/UJI)
    assert flat.count("1:8 SOP410") == 2  # s10, s11 repeat s00, s01


# --- render, diff, fmt, schema -----------------------------------------------------------

def _with_status(tmp_path: Path, status: str | None) -> Path:
    text = SEED.read_text(encoding="utf-8")
    if status is not None:
        text = re.sub(r"^(nama: .*)$", rf"\1\nstatus: {status}", text, count=1, flags=re.M)
    return write(tmp_path, "sop.yaml", text)


def _html(path: Path) -> str:
    result = runner.invoke(app, ["render", str(path), "-o", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_draft_is_marked_on_every_sheet(tmp_path: Path) -> None:
    html = _html(_with_status(tmp_path, "draf"))
    sheets = html.count('<section class="sheet')
    assert sheets >= 2
    assert html.count('<div class="draft-mark" aria-hidden="true">DRAF</div>') == sheets
    assert '<div class="draft-note">DRAF (belum disahkan)</div>' in html


@pytest.mark.parametrize("status", [None, "berlaku", "digantikan", "dicabut"])
def test_only_a_draft_is_marked(tmp_path: Path, status: str | None) -> None:
    html = _html(_with_status(tmp_path, status))
    assert "DRAF" not in html and "draft-" not in html
    if status is None:
        assert html == _html(SEED)


def test_the_draft_mark_is_printed_in_the_pdf(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    pdfplumber = pytest.importorskip("pdfplumber")
    path = _with_status(tmp_path, "draf")
    pdf = tmp_path / "sop.pdf"
    result = runner.invoke(app, ["render", str(path), "--format", "pdf", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(pdf) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    assert len(texts) >= 2
    assert "DRAF (belum disahkan)" in texts[0]
    for text in texts:  # the mark's letters are on every page
        assert all(ch in text for ch in "DRAF")


def test_diff_shows_a_status_change(tmp_path: Path) -> None:
    old = write(tmp_path, "lama.yaml", sop("1/UJI/2025", "draf"))
    new = write(tmp_path, "baru.yaml", sop("1/UJI/2025", "digantikan", "2/UJI/2026"))
    result = runner.invoke(app, ["diff", str(old), str(new), "--exit-code"])
    assert result.exit_code == 1
    assert "status draf -> digantikan" in result.output
    assert "digantikan oleh (kosong) -> 2/UJI/2026" in result.output
    same = write(tmp_path, "sama.yaml", sop("1/UJI/2025", "draf"))
    assert runner.invoke(app, ["diff", str(old), str(same), "--exit-code"]).exit_code == 0


def test_fmt_puts_the_status_keys_after_nama(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "digantikan_oleh: 2/UJI/2026\npelaksana:\n  staf: Staf\n"
                 "status: digantikan\nlangkah:\n  - kegiatan: K\n    pelaksana: staf\n"
                 "nama: N\nnomor: 1/UJI/2025\n")
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 0, result.output
    keys = re.findall(r"^(\w+):", path.read_text(encoding="utf-8"), re.M)
    assert keys == ["nomor", "nama", "status", "digantikan_oleh", "pelaksana", "langkah"]


def test_schema_lists_the_statuses() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    prop = json.loads(result.stdout)["properties"]["status"]
    assert prop["enum"] == ["draf", "berlaku", "digantikan", "dicabut", None]
    assert "digantikan_oleh" in json.loads(result.stdout)["properties"]


def test_the_folder_search_passes_over_links_that_lead_nowhere(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", sop("1/UJI/2025", "digantikan", "2/UJI/2026"))
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "putus.yaml").symlink_to("tidak-ada.yaml")
    code, out = validate(a)
    assert code == 1 and codes(out) == ["a.yaml:4:18 SOP409"]
    write(tmp_path, "b.yaml", sop("2/UJI/2026"))
    assert validate(a) == (0, "1 berkas diperiksa: semua valid\n")


# --- a status or digantikan_oleh that is not text: SOP103 only ----------------------------

@pytest.mark.parametrize("written", ["[berlaku]", "{berlaku: ya}", "[]"])
def test_a_status_that_is_not_text_is_only_sop103(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", written))
    code, out = validate(path)
    assert code == 1 and codes(out) == ["a.yaml:3:9 SOP103"]
    assert "'status' harus berupa teks" in out and "\x00" not in out
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    found = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert [(f["line"], f["column"], f["code"]) for f in found] == [(3, 9, "SOP103")]
    assert "\x00" not in result.stdout and "\\u0000" not in result.stdout


@pytest.mark.parametrize("status", ["berlaku", "digantikan"])
def test_a_digantikan_oleh_that_is_not_text_is_only_sop103(tmp_path: Path,
                                                          status: str) -> None:
    path = write(tmp_path, "a.yaml", sop("1/UJI/2025", status, "[2/UJI/2026]"))
    code, out = validate(path)
    assert code == 1 and codes(out) == ["a.yaml:4:18 SOP103"]
    assert "\x00" not in out
