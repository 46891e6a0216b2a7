"""The three --format json outputs (validate, duration, diff) agree with each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from soptool import __version__
from soptool.cli import app
from soptool.report.jsonout import JSON_VERSION

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
    totals = [item["total"] for item in duration["files"]]
    assert totals == [{"min_menit": 1.33, "max_menit": 1.33},
                      {"min_menit": 0.5, "max_menit": 0.5}]
    (changed,) = diff["files"]
    time = changed["time"]["total"]
    for side, total in zip(("old", "new"), totals, strict=True):
        assert {k: time[side][k] for k in ("min_menit", "max_menit")} == total


def test_every_json_output_has_the_same_envelope_and_field_names(tmp_path: Path) -> None:
    good, bad = tmp_path / "baik.yaml", tmp_path / "rusak.yaml"
    good.write_text(DETIK % "1 menit", encoding="utf-8")
    bad.write_text((DETIK % "1 menit").replace("pelaksana: a, waktu: 1", "pelaksana: b, waktu: 1"),
                   encoding="utf-8")
    outputs = {}
    for name, args in (("validate", ["validate", str(bad)]),
                       ("duration", ["duration", str(good)]),
                       ("diff", ["diff", str(good), str(bad)])):
        result = runner.invoke(app, [*args, "--format", "json"])
        outputs[name] = json.loads(result.stdout)
    for name, doc in outputs.items():
        assert list(doc)[:2] == ["versi", "soptool"], name
        assert (doc["versi"], doc["soptool"]) == (JSON_VERSION, __version__), name
    assert list(outputs["validate"]) == ["versi", "soptool", "findings"]
    assert list(outputs["duration"]) == ["versi", "soptool", "files"]
    assert list(outputs["diff"]) == ["versi", "soptool", "files", "revisi_problems"]
    findings = outputs["validate"]["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["SOP201"]
    assert outputs["diff"]["files"][0]["findings"] == errors  # diff shows errors only
    for finding in findings:
        assert list(finding) == ["file", "line", "column", "code", "severity", "message"]
    assert outputs["duration"]["files"][0]["file"] == str(good)
