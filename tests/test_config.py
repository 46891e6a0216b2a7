"""soptool.yaml: search, exact numbers, positioned errors, and its effect on `duration`."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.config import DEFAULT_SETTINGS, ConfigError, find_config, load_settings
from soptool.timing.durations import DEFAULT_CALENDAR

SOP = """\
nama: Dua hari
pelaksana: {a: A}
langkah:
  - {kegiatan: Satu, pelaksana: a, waktu: 2 hari}
  - {kegiatan: Dua, pelaksana: a, waktu: 1 minggu}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    settings = load_settings(start=tmp_path)
    assert settings == DEFAULT_SETTINGS
    assert settings.calendar == DEFAULT_CALENDAR
    assert settings.calendar.jam_per_hari == F(15, 2)
    assert settings.cuti_bersama is True


def test_found_in_a_parent_folder_and_read_exactly(tmp_path: Path) -> None:
    config = write(tmp_path / "soptool.yaml", """\
kalender:
  jam_per_hari: 7,25
  hari_per_minggu: 6
  hari_per_bulan: 24.5
  cuti_bersama: false
  libur_tambahan:
    - 2026-10-12
    - 1 Mei 2026
""")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == config.resolve()
    settings = load_settings(start=deep)
    assert settings.calendar.jam_per_hari == F(29, 4)  # exactly, not 7.25 as a float
    assert settings.calendar.hari_per_minggu == 6
    assert settings.calendar.hari_per_bulan == F(49, 2)
    assert settings.cuti_bersama is False
    assert settings.libur_tambahan == (dt.date(2026, 5, 1), dt.date(2026, 10, 12))


def test_explicit_file_overrides_the_search(tmp_path: Path) -> None:
    write(tmp_path / "soptool.yaml", "kalender:\n  jam_per_hari: 6\n")
    other = write(tmp_path / "lain.yaml", "kalender:\n  jam_per_hari: 8\n")
    assert load_settings(start=tmp_path).calendar.jam_per_hari == 6
    assert load_settings(other, start=tmp_path).calendar.jam_per_hari == 8


@pytest.mark.parametrize(
    ("text", "where", "code", "words"),
    [
        ("kalender:\n  jam_per_hari: tujuh\n", (2, 17), "CFG001",
         "'kalender.jam_per_hari' harus berupa angka (misalnya 7,5), bukan 'tujuh'"),
        ("kalender:\n  jam_per_hari: 30\n", (2, 17), "CFG002",
         "'kalender.jam_per_hari' = 30 di luar batas: harus lebih dari 0 dan paling banyak 24"),
        ("kalender:\n  hari_per_minggu: 5,5\n", (2, 20), "CFG002",
         "harus bilangan bulat dari 1 sampai 7"),
        ("kalender:\n  cuti_bersama: mungkin\n", (2, 17), "CFG003",
         "'kalender.cuti_bersama' harus true atau false, bukan 'mungkin'"),
        ("kalender:\n  jam_perhari: 8\n", (2, 3), "SOP101",
         "kunci tidak dikenal 'jam_perhari' (maksud Anda 'jam_per_hari'?)"),
        ("kalendar:\n  jam_per_hari: 8\n", (1, 1), "SOP101", "maksud Anda 'kalender'?"),
        ("kalender:\n  libur_tambahan:\n    - 2026-02-30\n", (3, 7), "SOP104",
         "tanggal '2026-02-30' tidak valid"),
        ("kalender:\n  jam_per_hari: 8\n  jam_per_hari: 7\n", (3, 3), "SOP004",
         "kunci 'jam_per_hari' ditulis dua kali"),
        ("kalender: [1, 2]\n", (1, 11), "SOP103", "'kalender' harus berupa pemetaan"),
    ],
)
def test_errors_carry_positions(tmp_path: Path, text: str, where: tuple[int, int], code: str,
                                words: str) -> None:
    config = write(tmp_path / "soptool.yaml", text)
    with pytest.raises(ConfigError) as exc:
        load_settings(config)
    finding = exc.value.findings[0]
    assert (finding.file, finding.line, finding.col, finding.code) == (
        str(config), *where, code)
    assert words in finding.message()


def test_cli_reads_the_calendar_from_soptool_yaml(tmp_path: Path) -> None:
    # 2 hari + 1 minggu: with 8 hours a day and 6 days a week, 2*8 + 6*8 = 64 jam.
    sop = write(tmp_path / "sop" / "dua.yaml", SOP)
    config = write(tmp_path / "soptool.yaml",
                   "kalender:\n  jam_per_hari: 8\n  hari_per_minggu: 6\n")
    result = CliRunner().invoke(app, ["duration", str(sop), "--config", str(config),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["total"] == {"min_menit": 64 * 60,
                                                              "max_menit": 64 * 60}
    result = CliRunner().invoke(app, ["duration", str(sop), "--config", str(config)])
    assert "(1 hari kerja = 8 jam, 1 minggu = 6 hari" in result.stdout
    assert "8 hari (64 jam)" in result.stdout


def test_cli_finds_soptool_yaml_from_the_current_folder(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    sop = write(tmp_path / "sop" / "dua.yaml", SOP)
    write(tmp_path / "soptool.yaml", "kalender:\n  jam_per_hari: 8\n")
    monkeypatch.chdir(tmp_path / "sop")
    result = CliRunner().invoke(app, ["duration", str(sop), "--format", "json"])
    assert json.loads(result.stdout)["files"][0]["total"]["min_menit"] == (2 + 5) * 8 * 60


def test_cli_bad_config_exits_2_with_position(tmp_path: Path) -> None:
    sop = write(tmp_path / "dua.yaml", SOP)
    config = write(tmp_path / "soptool.yaml", "kalender:\n  jam_per_hari: 7.5.1\n")
    result = CliRunner().invoke(app, ["duration", str(sop), "--config", str(config)])
    assert result.exit_code == 2
    assert f"{config}:2:17: CFG001 galat: 'kalender.jam_per_hari' harus berupa angka" in (
        result.stderr)
    assert "soptool: galat: pengaturan proyek tidak dapat dipakai (1 galat di atas)" in (
        result.stderr)
    assert result.stdout == ""


def test_cli_missing_config_file_exits_2(tmp_path: Path) -> None:
    sop = write(tmp_path / "dua.yaml", SOP)
    result = CliRunner().invoke(app, ["duration", str(sop), "--config",
                                      str(tmp_path / "tidak-ada.yaml")])
    assert result.exit_code == 2
    assert "SOP001" in result.stderr and "berkas tidak ada" in result.stderr


def test_validate_checks_the_settings_that_apply(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sop = (Path(__file__).resolve().parent / "data" / "abk" / "cuti.yaml").read_text(
        encoding="utf-8")
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "cuti.yaml").write_text(sop, encoding="utf-8")
    (tmp_path / "soptool.yaml").write_text("abk:\n  jam_kerja_efektif: banyak\n",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "sops"])
    assert result.exit_code == 1
    assert "soptool.yaml:2:22: CFG004" in result.stdout
    (tmp_path / "soptool.yaml").write_text("abk:\n  jam_kerja_efektif: 1.250\n",
                                           encoding="utf-8")
    result = runner.invoke(app, ["validate", "sops"])
    assert result.exit_code == 0 and "1 berkas diperiksa: 0 galat, 4 peringatan" in result.stdout
    result = runner.invoke(app, ["validate", "sops", "soptool.yaml"])
    assert result.exit_code == 0 and "2 berkas diperiksa: 0 galat, 4 peringatan" in result.stdout
