"""`soptool site` runs the checks across the files that `soptool validate` runs (SOP409,
SOP410): an SOP replaced by a nomor no SOP of the run has is not published, also when it
comes from the manifest's cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app

from .render_helpers import SOPS

runner = CliRunner()
RKA = SOPS / "rka-balai.yaml"
RKA_NOMOR = "576/B7.8/OT.01.00/2025"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPTOOL_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def replaced(target: Path, nomor: str, by: str) -> Path:
    """A copy of RKA with another nomor, replaced by ``by`` (on line 7, column 18)."""
    lines = []
    for line in RKA.read_text(encoding="utf-8").splitlines():
        if line.startswith("nomor:"):
            line = f"nomor: {json.dumps(nomor)}\nstatus: digantikan\ndigantikan_oleh: {by}"
        lines.append(line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def published(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "sop").iterdir())


def test_a_replacing_sop_nowhere_is_not_published(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    folder.mkdir()
    (folder / "rka.yaml").write_bytes(RKA.read_bytes())
    lama = replaced(folder / "lama.yaml", "500/LAMA/2020", "999/TIDAK/ADA")
    code, stdout, _ = run("validate", str(folder))
    assert code == 1 and f"{lama}:7:18: SOP409 galat:" in stdout
    out = tmp_path / "_site"
    for _ in range(2):  # the second build, nothing changed, reports it again
        code, stdout, stderr = run("site", str(folder), "-o", str(out), "--tanpa-pdf")
        assert code == 1
        assert f"{lama}:7:18: SOP409 galat: SOP pengganti '999/TIDAK/ADA'" in stderr
        assert f"{lama}: tidak dimasukkan ke situs karena ada 1 galat" in stderr
        assert "1 berkas SOP tidak valid dan tidak dimasukkan ke situs" in stderr
        assert "1 SOP;" in stdout
        assert published(out) == ["576-b7-8-ot-01-00-2025"]
        assert "500/LAMA/2020" not in (out / "index.html").read_text(encoding="utf-8")
    assert " 0 berkas ditulis" in stdout


def test_a_cached_sop_whose_replacing_sop_is_removed_is_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    folder.mkdir()
    rka = folder / "rka.yaml"
    rka.write_bytes(RKA.read_bytes())
    lama = replaced(folder / "lama.yaml", "500/LAMA/2020", RKA_NOMOR)
    out = tmp_path / "_site"
    code, stdout, stderr = run("site", str(folder), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "2 SOP;" in stdout and "SOP409" not in stderr
    assert published(out) == ["500-lama-2020", "576-b7-8-ot-01-00-2025"]
    rka.unlink()  # lama.yaml is unchanged: its description comes from the manifest
    code, stdout, stderr = run("site", str(folder), "-o", str(out), "--tanpa-pdf")
    assert code == 1
    assert f"{lama}:7:18: SOP409 galat: SOP pengganti '{RKA_NOMOR}'" in stderr
    assert "0 SOP;" in stdout
    assert not (out / "sop").exists() or published(out) == []
    rka.write_bytes(RKA.read_bytes())  # back: both published again
    code, stdout, stderr = run("site", str(folder), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "2 SOP;" in stdout and "SOP409" not in stderr


def test_a_nomor_used_twice_is_a_warning_and_both_are_published(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(RKA.read_bytes())
    (folder / "b.yaml").write_bytes(RKA.read_bytes())
    code, stdout, _ = run("validate", str(folder))
    assert code == 0 and f"{folder / 'b.yaml'}:5:8: SOP410 peringatan" in stdout
    out = tmp_path / "_site"
    code, stdout, stderr = run("site", str(folder), "-o", str(out), "--tanpa-pdf")
    assert code == 0 and "2 SOP;" in stdout
    assert published(out) == ["576-b7-8-ot-01-00-2025", "576-b7-8-ot-01-00-2025-2"]


def test_sop410_comes_with_the_errors_of_an_invalid_file(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(RKA.read_bytes())
    bad = folder / "b.yaml"
    bad.write_text(f"nomor: {RKA_NOMOR}\nnama: Rusak\npelaksana:\n  staf: Staf\nlangkah:\n"
                   "  - kegiatan: Bekerja\n    pelaksana: stf\n", encoding="utf-8")
    code, stdout, stderr = run("site", str(folder), "-o", str(tmp_path / "_site"),
                               "--tanpa-pdf")
    assert code == 1 and "1 SOP;" in stdout
    assert f"{bad}:1:8: SOP410 peringatan" in stderr
    assert f"{bad}:7:16: SOP201 galat" in stderr
