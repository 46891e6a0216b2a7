"""The three --format json outputs (validate, duration, diff) agree with each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from soptool.cli import app

runner = CliRunner()

DETIK = """\
nama: Detik
pelaksana: {a: A}
langkah:
  - {kegiatan: Satu, pelaksana: a, waktu: 20 detik}
  - {kegiatan: Dua, pelaksana: a, waktu: %s}
"""


def run_json(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_duration_and_diff_give_the_same_number_for_fractional_minutes(
        tmp_path: Path) -> None:
    old, new = tmp_path / "lama.yaml", tmp_path / "baru.yaml"
    old.write_text(DETIK % "1 menit", encoding="utf-8")
    new.write_text(DETIK % "10 detik", encoding="utf-8")  # 4/3 minutes, then 1/2
    duration = run_json("duration", "--format", "json", str(old), str(new))
    diff = run_json("diff", "--format", "json", str(old), str(new))
    totals = [item["total"] for item in duration]
    assert totals == [{"min_menit": 1.33, "max_menit": 1.33},
                      {"min_menit": 0.5, "max_menit": 0.5}]
    (changed,) = diff["files"]
    time = changed["time"]["total"]
    for side, total in zip(("old", "new"), totals, strict=True):
        assert {k: time[side][k] for k in ("min_menit", "max_menit")} == total
