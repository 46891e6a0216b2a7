"""soptool.yaml sets the working calendar for every command that prints a working time."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app

SOP = "nama: H\npelaksana: {a: A}\nlangkah:\n- {kegiatan: K, pelaksana: a, waktu: %s}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "soptool.yaml").write_text("kalender:\n  jam_per_hari: 8\n", encoding="utf-8")
    (tmp_path / "h.yaml").write_text(SOP % "8 jam", encoding="utf-8")
    (tmp_path / "h2.yaml").write_text(SOP % "16 jam", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def test_duration_render_and_diff_agree_on_an_8_hour_day(project: Path) -> None:
    code, out = run("duration", "h.yaml")
    assert code == 0 and "Total: 1 hari (8 jam)" in out
    code, out = run("render", "h.yaml", "--format", "md", "-o", "-")
    assert code == 0 and "**Jumlah waktu kerja:** 1 hari\n" in out
    code, out = run("diff", "h.yaml", "h2.yaml")
    assert code == 0
    assert "Waktu kerja total: 1 hari -> 2 hari (+1 hari)" in out


def test_config_option_and_bad_config(project: Path) -> None:
    (project / "lain.yaml").write_text("kalender: {jam_per_hari: 4}\n", encoding="utf-8")
    code, out = run("render", "h.yaml", "--format", "md", "-o", "-", "--config", "lain.yaml")
    assert code == 0 and "**Jumlah waktu kerja:** 2 hari\n" in out
    (project / "soptool.yaml").write_text("kalender: {jam_per_hri: 8}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", "h.yaml", "h2.yaml"])
    assert result.exit_code == 2
    assert "soptool.yaml:1:12: SOP101" in result.stderr


def test_empty_settings_file_means_defaults(project: Path) -> None:
    (project / "soptool.yaml").write_text("# kalender: bawaan\n", encoding="utf-8")
    code, out = run("duration", "h.yaml")
    assert code == 0 and "Total: 1 hari 30 menit (8 jam)" in out
