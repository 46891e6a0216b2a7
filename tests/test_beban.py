"""soptool beban: the workload analysis, every figure against a hand computation.

tests/data/abk/ (jam_kerja_efektif 1200, default calendar: 240 working days, 48 weeks):

- surat-masuk.yaml, 100 per bulan = 1200 a year. Staf Umum (Pengadministrasi Umum):
  step 1 10-20 menit -> 200-400 jam; step 2 (with Kasubag Umum) 30 menit -> 600 jam; step 3
  "segera": no measurable time. Kasubag Umum (Kepala Subbagian Umum): 600 jam.
- cuti.yaml, 5 per minggu = 240 a year. Pengelola Kepegawaian (not in abk.jabatan): steps 1
  and 3, 1 jam each -> 480 jam. Kepala Subbagian Umum: step 2, 15 menit -> 60 jam; its
  "tidak" branch goes back to step 1 (a rework loop over steps 1-2).
- tanpa-volume.yaml: no volume, not counted.

Kepala Subbagian Umum: 660 jam / 1200 = 0,55 -> 1; pemangku 1: 0; EJ 0,55: D.
Pengadministrasi Umum: 800-1000 jam (a lower bound) / 1200 = 0,67-0,83 -> 1; pemangku 2:
+1; EJ 800/2400 = 0,33 and 1000/2400 = 0,42: E.
Pengelola Kepegawaian: 480 / 1200 = 0,40 -> 0; no pemangku.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app

DATA = Path(__file__).resolve().parent / "data" / "abk"
ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture()
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(DATA)
    return DATA


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["beban", *args])
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> dict:
    code, out, _ = run(".", "--format", "json", *args)
    assert code == 0
    return json.loads(out)


def test_positions_match_the_hand_computation(in_data: Path) -> None:
    data = as_json()
    rows = {r["jabatan"]: r for r in data["jabatan"]}
    assert list(rows) == ["Kepala Subbagian Umum", "Pengadministrasi Umum",
                          "Pengelola Kepegawaian"]
    ksu = rows["Kepala Subbagian Umum"]
    assert (ksu["beban_min"], ksu["beban_maks"], ksu["kebutuhan_min"], ksu["dibulatkan_min"],
            ksu["pemangku"], ksu["selisih_min"], ksu["ej_min"], ksu["predikat_min"]) == (
        660, 660, 0.55, 1, 1, 0, 0.55, "D")
    adm = rows["Pengadministrasi Umum"]
    assert (adm["beban_min"], adm["beban_maks"]) == (800, 1000)
    assert (adm["kebutuhan_min"], adm["kebutuhan_maks"]) == (0.67, 0.83)
    assert (adm["dibulatkan_min"], adm["dibulatkan_maks"], adm["selisih_min"]) == (1, 1, 1)
    assert (adm["ej_min"], adm["ej_maks"], adm["predikat_maks"]) == (0.33, 0.42, "E")
    assert "batas bawah" in adm["keterangan"]
    pk = rows["Pengelola Kepegawaian"]
    assert (pk["beban_min"], pk["kebutuhan_min"], pk["dibulatkan_min"]) == (480, 0.4, 0)
    assert (pk["pemangku"], pk["ej_min"], pk["predikat_min"]) == (None, None, None)
    assert data["jam_kerja_efektif"] == 1200
    assert data["kalender"]["hari_kerja_setahun"] == 240
    assert [r["berkas"] for r in data["tidak_dihitung"]] == ["tanpa-volume.yaml"]


def test_a_step_with_two_pelaksana_counts_for_each(in_data: Path) -> None:
    tasks = as_json()["tugas"]
    step2 = [(t["jabatan"], t["beban_min"]) for t in tasks
             if t["berkas"] == "surat-masuk.yaml" and t["langkah"] == 2]
    assert step2 == [("Kepala Subbagian Umum", 600), ("Pengadministrasi Umum", 600)]


def test_tasks_carry_volume_norm_and_output(in_data: Path) -> None:
    tasks = as_json()["tugas"]
    first = next(t for t in tasks if t["berkas"] == "surat-masuk.yaml" and t["langkah"] == 1)
    assert (first["satuan_hasil"], first["volume"], first["volume_per_tahun"],
            first["norma_min"], first["norma_maks"], first["beban_min"],
            first["beban_maks"]) == ("Agenda surat", "100 per bulan", 1200, 10, 20, 200, 400)
    missing = next(t for t in tasks if t["langkah"] == 3 and t["berkas"] == "surat-masuk.yaml")
    assert (missing["norma_min"], missing["beban_min"]) == (None, 0)
    assert "tidak terukur ('segera')" in missing["keterangan"]


def test_rework_is_counted_only_with_ulang(in_data: Path) -> None:
    rows = {r["jabatan"]: r for r in as_json("--ulang", "1")["jabatan"]}
    # cuti: steps 1 and 2 once more: Pengelola (2 x 60 + 60) x 240 / 60 = 720 jam;
    # Kepala Subbagian Umum 2 x 15 x 240 / 60 = 120, plus surat masuk 600.
    assert rows["Pengelola Kepegawaian"]["beban_min"] == 720
    assert rows["Kepala Subbagian Umum"]["beban_min"] == 720


def test_a_custom_calendar_and_jam_kerja_efektif(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "soptool.yaml").write_text(
        "kalender:\n  jam_per_hari: 8\n  hari_per_minggu: 6\n  hari_per_bulan: 24\n"
        "abk:\n  jam_kerja_efektif: 1.300\n  jabatan:\n    Staf:\n      pemangku: 1\n",
        encoding="utf-8")
    (tmp_path / "harian.yaml").write_text(
        "nama: Piket\nvolume: 2 per hari\npelaksana:\n  s: Staf\nlangkah:\n"
        "  - kegiatan: Memeriksa ruang\n    pelaksana: s\n    waktu: 1 jam\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = as_json()
    # 2 a day x 288 days (12 x 24) = 576 a year, 1 jam each: 576 jam / 1300 = 0,44 -> 0.
    row = data["jabatan"][0]
    assert (data["jam_kerja_efektif"], data["kalender"]["hari_kerja_setahun"]) == (1300, 288)
    assert (row["beban_min"], row["kebutuhan_min"], row["dibulatkan_min"], row["ej_min"],
            row["predikat_min"], row["selisih_min"]) == (576, 0.44, 0, 0.44, "E", 1)


def test_the_text_report_explains_itself(in_data: Path) -> None:
    code, out, err = run(".")
    assert code == 0, err
    assert "jam kerja efektif 1.200 jam setahun" in out
    assert "Kebutuhan pegawai: 660,00 / 1.200 = 0,55, dibulatkan 1" in out
    assert "Pemangku 1: 0 sesuai; EJ 0,55, predikat D (sedang)" in out
    assert "Kebutuhan pegawai: (800,00 - 1.000,00) / 1.200 = 0,67 - 0,83, dibulatkan 1" in out
    assert "Jumlah beban kerja: sedikitnya 800,00 - 1.000,00 jam setahun" in out
    assert "EJ (efektivitas jabatan) = jumlah beban kerja" in out
    assert "tanpa-volume.yaml: Rapat Tahunan (tanpa volume)" in out
    assert "pelaksana 'Pengelola Kepegawaian' (cuti.yaml) tidak ada di abk.jabatan" in out


def test_csv_carries_the_task_rows(in_data: Path) -> None:
    result = runner.invoke(app, ["beban", ".", "--format", "csv"])
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    head = rows[0]
    assert head[:4] == ["No", "Nama Jabatan", "Uraian Tugas", "Satuan Hasil"]
    first = dict(zip(head, rows[1], strict=True))
    assert first["Beban Kerja (jam/tahun) min"] == "60"
    tasks = as_json()["tugas"]
    assert len(rows) - 1 == len(tasks)


def test_xlsx_has_the_json_numbers_cell_by_cell(in_data: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "abk.xlsx"
    code, _, err = run(".", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    data = as_json()
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Ringkasan", "Rincian Tugas", "Tidak Dihitung", "Keterangan"]
    for sheet, rows in (("Ringkasan", data["jabatan"]), ("Rincian Tugas", data["tugas"])):
        cells = list(book[sheet].iter_rows(values_only=True))
        assert len(cells) == len(rows) + 1
        for row, values in zip(rows, cells[1:], strict=True):
            assert list(values) == [None if v == "" else v for v in row.values()], sheet
    first = book["Ringkasan"]["D2"]
    assert first.value == 660 and first.data_type == "n" and first.number_format == "0.00"
    again = tmp_path / "again.xlsx"
    time.sleep(1.1)  # a later second: the workbook's own save time must not show
    run(".", "--format", "xlsx", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()  # deterministic


def test_output_never_overwrites(in_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "abk.json"
    out.write_text("milik pengguna", encoding="utf-8")
    code, _, err = run(".", "-f", "json", "-o", str(out))
    assert code == 2 and "sudah ada" in err
    assert out.read_text(encoding="utf-8") == "milik pengguna"
    code, _, err = run(".", "-f", "json", "-o", str(out), "--timpa")
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))["jabatan"]
    before = (DATA / "cuti.yaml").read_bytes()
    code, _, err = run("cuti.yaml", "-o", "cuti.yaml", "--timpa")
    assert code == 2 and "berkas masukan" in err
    assert (DATA / "cuti.yaml").read_bytes() == before


def test_an_invalid_sop_is_named_and_exits_1(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rusak.yaml").write_text(
        "nama: Rusak\nvolume: sering\npelaksana:\n  s: Staf\nlangkah:\n"
        "  - kegiatan: Bekerja\n    pelaksana: s\n    waktu: 1 jam\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(".")
    assert code == 1
    assert "rusak.yaml:2:9: SOP308" in err
    assert "rusak.yaml: Rusak (tidak valid; lihat galatnya)" in out


def test_a_broken_soptool_yaml_is_located(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "soptool.yaml").write_text(
        "abk:\n  jabatan:\n    A:\n      pelaksana: Staf\n    B:\n      pelaksana: staf\n",
        encoding="utf-8")
    (tmp_path / "a.yaml").write_text((DATA / "tanpa-volume.yaml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(".")
    assert code == 2 and "soptool.yaml:6:18: CFG006" in err
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 1 and "soptool.yaml:6:18: CFG006" in result.stdout


def test_the_seeds_match_the_readme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run("sops/")
    assert code == 0, err
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in ("Kebutuhan pegawai: 222,50 / 1.250 = 0,18, dibulatkan 0",
                 "Pemangku 1: +1 kelebihan; EJ 0,18, predikat E (kurang)"):
        assert line in out
        assert line in readme
    assert os.path.exists(ROOT / "soptool.yaml")
