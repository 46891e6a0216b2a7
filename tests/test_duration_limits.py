"""Limits are findings (issue 11, item 5): a projection (--mulai) that would run for more
than 50 working years is SOP306 of that file, named and located, exit 1; the batch's other
files are still reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

VALID = ROOT / "sops" / "rka-balai.yaml"


def _long_sop(path: Path, steps: int = 3000) -> Path:
    lines = ["nama: Sangat Panjang", "pelaksana:", "  a: Staf", "langkah:"]
    for i in range(steps):
        lines += [f"  - kegiatan: Langkah {i + 1}", "    pelaksana: a", "    waktu: 7 hari"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _duration(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOPTOOL_LANG": "id"}
    return subprocess.run([sys.executable, "-m", "soptool", "duration", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_a_projection_too_long_is_that_files_finding(tmp_path: Path) -> None:
    long = _long_sop(tmp_path / "panjang.yaml")
    proc = _duration("--mulai", "2026-01-05", str(long), str(VALID))
    assert proc.returncode == 1, proc.stderr
    assert (f"{long}:4:1: SOP306 galat: proyeksi ke kalender terlalu panjang: 21000 hari "
            "kerja dari --mulai") in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Penyusunan Rencana Aksi Balai" in proc.stdout  # the other file, still reported
    assert "Selasa, 24 Februari 2026" in proc.stdout


def test_in_json_too(tmp_path: Path) -> None:
    long = _long_sop(tmp_path / "panjang.yaml")
    proc = _duration("--format", "json", "--mulai", "2026-01-05", str(VALID), str(long))
    assert proc.returncode == 1, proc.stderr
    assert f"{long}:4:1: SOP306" in proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert [f["file"] for f in files] == [str(VALID)]


def test_without_mulai_it_is_measured(tmp_path: Path) -> None:
    long = _long_sop(tmp_path / "panjang.yaml")
    proc = _duration(str(long))
    assert proc.returncode == 0, proc.stderr
    assert "SOP306" not in proc.stderr
