"""`soptool render`: where documents go, stdout, folders, invalid files, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app

from .render_helpers import SEEDS, SOPS

runner = CliRunner()
RKA = SOPS / "rka-balai.yaml"
RKT = SOPS / "rkt-disdikbud-balangan.yaml"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPTOOL_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def bad_file(folder: Path) -> Path:
    path = folder / "rusak.yaml"
    path.write_text("nama: Rusak\npelaksana:\n  staf: Staf\nlangkah:\n"
                    "  - kegiatan: Bekerja\n    pelaksana: stf\n", encoding="utf-8")
    return path


def test_default_writes_stem_html_in_current_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(str(RKA))
    assert (code, out, err) == (0, "rka-balai.html\n", "")
    html = (tmp_path / "rka-balai.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Melakukan koordinasi dan konsolidasi rencana aksi" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rka-balai.html"]


def test_markdown_and_f4(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(str(RKT), "--format", "md")[:2] == (0, "rkt-disdikbud-balangan.md\n")
    assert "```mermaid" in (tmp_path / "rkt-disdikbud-balangan.md").read_text(encoding="utf-8")
    assert run(str(RKT), "--kertas", "F4", "-o", "f4.html")[:2] == (0, "f4.html\n")
    assert "size: 330mm 215mm" in (tmp_path / "f4.html").read_text(encoding="utf-8")


def test_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(str(RKA), "-f", "md", "-o", "-")
    assert code == 0
    assert out.startswith("# Penyusunan Rencana Aksi Balai\n")
    assert list(tmp_path.iterdir()) == []


def test_stdout_takes_one_file_only() -> None:
    code, out, err = run(str(RKA), str(RKT), "-o", "-")
    assert code == 2 and out == ""
    assert err == ("soptool: galat: '-o -' (stdout) hanya untuk satu berkas; untuk beberapa "
                   "berkas, -o harus sebuah folder\n")


def test_several_files_into_a_folder(tmp_path: Path) -> None:
    out_dir = tmp_path / "dokumen"
    code, out, _ = run(str(SOPS), "-o", f"{out_dir}/")
    assert code == 0
    assert out.splitlines() == [str(out_dir / f"{p.stem}.html") for p in SEEDS]
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{p.stem}.html" for p in SEEDS]


def test_several_files_need_a_folder(tmp_path: Path) -> None:
    existing = tmp_path / "satu.html"
    existing.write_text("x", encoding="utf-8")
    code, out, err = run(str(RKA), str(RKT), "-o", str(existing))
    assert code == 2 and out == ""
    assert "dengan beberapa berkas, -o harus sebuah folder" in err
    assert existing.read_text(encoding="utf-8") == "x"


def test_single_file_into_existing_folder_or_named_file(tmp_path: Path) -> None:
    assert run(str(RKA), "-o", str(tmp_path))[:2] == (0, f"{tmp_path / 'rka-balai.html'}\n")
    target = tmp_path / "nama-lain.htm"
    assert run(str(RKA), "-o", str(target))[:2] == (0, f"{target}\n")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_missing_folder_of_output_file(tmp_path: Path) -> None:
    code, _, err = run(str(RKA), "-o", str(tmp_path / "tidak" / "ada.html"))
    assert code == 2
    assert f"folder {tmp_path / 'tidak'} tidak ada" in err


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    src = tmp_path / "sop.yaml"
    src.write_text(RKA.read_text(encoding="utf-8"), encoding="utf-8")
    before = src.read_bytes()
    for force in ((), ("--timpa",)):
        code, out, err = run(str(src), "-o", str(src), *force)
        assert code == 1 and out == ""
        assert f"keluaran {src} adalah berkas masukan" in err
    # also when the input is named like the output would be
    html_named = tmp_path / "x.md"
    html_named.write_text(RKA.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(str(html_named), "-f", "md", "-o", str(tmp_path), "--force")
    assert code == 1 and "adalah berkas masukan" in err
    assert src.read_bytes() == before
    assert html_named.read_text(encoding="utf-8") == RKA.read_text(encoding="utf-8")


def test_two_inputs_with_the_same_name_collide(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "sop.yaml").write_text(RKA.read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    code, _, err = run(str(tmp_path / "a"), str(tmp_path / "b"), "-o", f"{tmp_path / 'out'}/")
    assert code == 2 and "akan ditulis ke berkas yang sama" in err
    assert not (tmp_path / "out").exists()


def test_invalid_file_is_reported_and_others_still_rendered(tmp_path: Path) -> None:
    bad = bad_file(tmp_path)
    out_dir = tmp_path / "out"
    code, out, err = run(str(bad), str(RKA), "-o", f"{out_dir}/")
    assert code == 1
    assert out == f"{out_dir / 'rka-balai.html'}\n"
    assert f"{bad}:6:16: SOP201 galat: pelaksana 'stf' tidak dideklarasikan" in err
    assert f"{bad}: tidak dirender karena ada 1 galat" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["rka-balai.html"]


def test_english_messages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(bad_file(tmp_path)), "-o", "-", "--lang", "en"])
    assert result.exit_code == 1
    assert "SOP201 error: pelaksana 'stf' is not declared" in result.stderr
    assert "not rendered because of 1 errors" in result.stderr


def test_missing_input_and_templates_folder(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "tidak-ada.yaml"))
    assert code == 2 and "path tidak ada" in err
    code, _, err = run(str(RKA), "--templates", str(tmp_path / "tpl"))
    assert code == 2 and f"folder templat {tmp_path / 'tpl'} tidak ada" in err


def test_user_templates_and_a_broken_one(tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "sop.md.j2").write_text("SOP {{ nama }}\n", encoding="utf-8")
    assert run(str(RKA), "-f", "md", "-o", "-", "--templates", str(tpl))[:2] == (
        0, "SOP Penyusunan Rencana Aksi Balai\n")
    (tpl / "sop.md.j2").write_text("SOP {{ nama \n", encoding="utf-8")
    code, out, err = run(str(RKA), "-f", "md", "-o", "-", "--templates", str(tpl))
    assert code == 2 and out == ""
    assert err.startswith("soptool: galat: templat sop.md.j2 tidak dapat dipakai:")
    assert "Traceback" not in err
    (tpl / "sop.md.j2").write_text("SOP {{ tidak_ada }}\n", encoding="utf-8")
    code, out, err = run(str(RKA), "-f", "md", "-o", "-", "--templates", str(tpl))
    assert (code, out) == (2, "")
    assert err == ("soptool: galat: templat sop.md.j2 tidak dapat dipakai: 'tidak_ada' is "
                   "undefined\n")


def test_bad_option_values_exit_2() -> None:
    assert run(str(RKA), "--kertas", "A3")[0] == 2
    assert run(str(RKA), "--format", "docx")[0] == 2


def test_real_subprocess_is_byte_identical(tmp_path: Path) -> None:
    outs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "soptool", "render", str(RKT), "-o", "-"],
                              capture_output=True, check=False)
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1] and outs[0].startswith(b"<!DOCTYPE html>")
