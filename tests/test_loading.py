"""The loader on what people actually type, and on hostile input: never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.loading import load_bytes, load_file
from soptool.source.yamltree import MAX_BYTES

from .conftest import ROOT

GOOD = (ROOT / "sops" / "rka-balai.yaml").read_bytes()


def codes(path: Path) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in load_file(path).findings]


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str, str]]:
    """name -> (path, expected code, expected position)."""
    cases: dict[str, tuple[Path, str, str]] = {}

    def add(name: str, data: bytes, code: str, pos: str) -> None:
        path = tmp / f"{name}.yaml"
        path.write_bytes(data)
        cases[name] = (path, code, pos)

    add("empty", b"", "SOP008", "1:1")
    add("whitespace", b"\n\n   \n", "SOP008", "1:1")
    add("top-level-list", b"- a\n- b\n", "SOP009", "1:1")
    add("top-level-scalar", b"just some text\n", "SOP009", "1:1")
    add("binary", b"nama: x\n" + bytes(range(256)), "SOP010", "2:1")
    add("latin1", "nama: Rencana\nkegiatan: Pengadaan barang \u00e9\n".encode("latin-1"),
        "SOP002", "2:28")
    add("utf16", "nama: x\n".encode("utf-16"), "SOP012", "1:1")
    add("deep", b"[" * 10_000 + b"]" * 10_000, "SOP007", "1:66")
    add("deep-block", b"- " * 10_000 + b"x\n", "SOP007", "1:131")
    bomb = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        refs = ",".join([f"*{prev}"] * 9)
        bomb.append(f"{cur}: &{cur} [{refs}]".encode())
    add("alias-bomb", b"\n".join(bomb) + b"\n", "SOP005", "1:4")
    add("syntax", b"nama: [unclosed\n", "SOP003", "2:1")
    add("tabs", b"nama: x\n\tpelaksana: y\n", "SOP003", "2:1")
    big = tmp / "big.yaml"
    with open(big, "wb") as fh:
        fh.write(b"nama: x\n")
        fh.truncate(50 * 1024 * 1024)
    cases["big"] = (big, "SOP006", "1:1")
    folder = tmp / "folder.yaml"
    folder.mkdir()
    cases["folder"] = (folder, "SOP001", "1:1")
    return cases


def test_each_bad_input_gives_one_clear_finding(tmp_path: Path) -> None:
    for name, (path, code, pos) in bad_inputs(tmp_path).items():
        found = codes(path)
        assert found, name
        assert f"{found[0][0]} {found[0][1]}:{found[0][2]}" == f"{code} {pos}", name


def test_bad_inputs_through_the_cli_with_a_good_file(tmp_path: Path) -> None:
    cases = bad_inputs(tmp_path)
    good = tmp_path / "good.yaml"
    good.write_bytes(GOOD)
    paths = [str(p) for p, _, _ in cases.values()] + [str(good)]
    result = CliRunner().invoke(app, ["validate", *paths])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for path, code, pos in cases.values():
        assert f"{path}:{pos}: {code} galat: " in result.output
    assert str(good) not in result.output
    assert result.output.strip().splitlines()[-1].startswith(
        f"{len(cases) + 1} berkas diperiksa: ")


def test_messages_say_what_is_wrong(tmp_path: Path) -> None:
    cases = bad_inputs(tmp_path)
    out = CliRunner().invoke(app, ["validate", *(str(p) for p, _, _ in cases.values())]).output
    assert "berkas kosong" in out
    assert "bukan daftar" in out
    assert "tampaknya biner" in out
    assert "bukan teks UTF-8 yang sah (bita 0xE9 tidak valid)" in out
    assert "tersimpan sebagai UTF-16; simpan ulang sebagai UTF-8" in out
    assert "terlalu dalam (lebih dari 64 tingkat)" in out
    assert "anchor dan alias YAML" in out
    assert f"terlalu besar (52428800 bita; batas {MAX_BYTES} bita)" in out
    assert "ini sebuah folder, bukan berkas" in out


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_bytes(GOOD)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make open() refuse as it would for another user
        def refuse(*_args: object, **_kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("soptool.source.yamltree.open", refuse, raising=False)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1:1: SOP001 galat: berkas tidak dapat dibaca: tidak ada izin membaca" \
        in result.output


def test_scalars_keep_their_text() -> None:
    doc = load_bytes(
        b"nama: no\nnomor: 010\ninstansi: [off, 1e3, 1:30, yes, '']\n"
        b"pelaksana: {a: on}\nlangkah:\n- {kegiatan: 12, pelaksana: a, waktu: 1 jam,"
        b" keputusan: {ya: 1, tidak: selesai}}\n",
        "x.yaml",
    )
    assert doc.findings == []
    assert doc.sop is not None
    assert doc.sop.nama == "no"
    assert doc.sop.nomor == "010"
    assert doc.data["instansi"] == ["off", "1e3", "1:30", "yes", ""]
    assert doc.sop.pelaksana == {"a": "on"}
    assert doc.sop.langkah[0].kegiatan == "12"
    assert doc.sop.langkah[0].keputusan is not None
    assert doc.sop.langkah[0].keputusan.ya == "1"


def test_bom_and_crlf_keep_positions() -> None:
    text = "nama: x\r\npelaksana:\r\n  a: A\r\nlangkah:\r\n  - kegiatan: k\r\n    pelaksana: b\r\n"
    doc = load_bytes(b"\xef\xbb\xbf" + text.encode(), "x.yaml")
    from soptool.rules.checks import run_checks

    errors = [(f.code, f.line, f.col) for f in run_checks(doc) if f.is_error]
    assert errors == [("SOP201", 6, 16)]


def test_duplicate_key_names_both_lines() -> None:
    doc = load_bytes(b"nama: a\npelaksana: {a: A}\nnama: b\n", "x.yaml")
    [finding] = doc.findings
    assert (finding.code, finding.line, finding.col) == ("SOP004", 3, 1)
    assert finding.message() == (
        "kunci 'nama' ditulis dua kali (pertama di baris 1, lagi di baris 3)")


def test_unicode_columns_count_characters() -> None:
    doc = load_bytes("nama: é\npelaksana: {a: A}\nlangkah:\n- {kegiatan: ééé, kegaitan: x}\n"
                     .encode(), "x.yaml")
    unknown = [f for f in doc.findings if f.code == "SOP101"]
    assert [(f.line, f.col) for f in unknown] == [(4, 19)]
