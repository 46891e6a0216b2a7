"""The console script and `python -m soptool`: both are the one typer app of soptool.cli."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sops" / "rka-balai.yaml"


def run_in(cwd: Path | None, *args: str,
           lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOPTOOL_LANG", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    if lang:
        env["SOPTOOL_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "soptool", *args], capture_output=True,
                          text=True, env=env, cwd=cwd)


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    text = SEED.read_text("utf-8")
    nomor = next(line for line in text.splitlines() if line.startswith("nomor: "))
    typo, slow = tmp_path / "typo.yaml", tmp_path / "slow.yaml"
    # Each copy has a nomor of its own: one nomor in two files of a run is SOP410.
    typo.write_text(text.replace("  - kegiatan: Menyusun finalisasi", "  - kegaitan: Menyusun")
                    .replace(nomor, "nomor: 1/SALAH-KETIK/2025"), encoding="utf-8")
    slow.write_text(text.replace("waktu: 60 menit", "waktu: sebentar")
                    .replace(nomor, "nomor: 2/SALAH-KETIK/2025"), encoding="utf-8")
    return [SEED, typo, slow]


def test_console_script_is_the_typer_app() -> None:
    lines = (ROOT / "pyproject.toml").read_text("utf-8").splitlines()
    scripts = lines[lines.index("[project.scripts]") + 1:]
    assert scripts[0] == 'soptool = "soptool.cli:main"'
    assert not (ROOT / "src" / "soptool" / "entry.py").exists()


@pytest.mark.parametrize("lang", [None, "en"])
def test_validate_reports_every_file(files: list[Path], lang: str | None) -> None:
    proc = run_in(None, "validate", *map(str, files), lang=lang)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert "SOP301" in proc.stdout and "SOP101" in proc.stdout
    assert proc.stdout.splitlines()[-1] == (
        "3 berkas diperiksa: 3 galat, 0 peringatan" if lang is None
        else "3 file(s) checked: 3 error(s), 0 warning(s)")
    # An option changes nothing of the output.
    typed = run_in(None, "validate", "--format", "text", *map(str, files), lang=lang)
    assert (typed.returncode, typed.stdout, typed.stderr) == (1, proc.stdout, "")


def test_valid_file_exits_0() -> None:
    proc = run_in(None, "validate", str(SEED))
    assert proc.returncode == 0
    assert proc.stdout == "1 berkas diperiksa: semua valid\n"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_in(None, "validate", str(tmp_path / "tidak-ada.yaml"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("soptool: galat: path tidak ada: ")
    assert "tidak-ada.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_version_and_help() -> None:
    proc = run_in(None, "--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("soptool ")
    proc = run_in(None, "validate", "--help")
    assert proc.returncode == 0
    assert "--strict" in proc.stdout


def test_duration_reads_soptool_yaml_of_the_folder(files: list[Path], tmp_path: Path) -> None:
    (tmp_path / "soptool.yaml").write_text("kalender: {jam_per_hari: 8}\n", encoding="utf-8")
    names = [str(f) for f in files] + [str(ROOT / "sops")]
    proc = run_in(tmp_path, "duration", *names)
    assert proc.returncode == 1  # typo.yaml is invalid
    assert "SOP101" in proc.stderr and "SOP301" in proc.stderr  # typo.yaml, slow.yaml
    assert "= 8 " in proc.stdout.splitlines()[0]  # the day of soptool.yaml


def test_duration_with_a_bad_soptool_yaml_exits_2(tmp_path: Path) -> None:
    (tmp_path / "soptool.yaml").write_text("kalender: {jam_per_hri: 8}\n", encoding="utf-8")
    proc = run_in(tmp_path, "duration", str(SEED))
    assert proc.returncode == 2
    assert "soptool.yaml:1:12: SOP101" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_in(tmp_path, "duration", str(tmp_path / "tidak-ada.yaml"))
    assert proc.returncode == 2
    assert "tidak-ada.yaml" in proc.stderr
