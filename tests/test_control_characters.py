"""Control characters in any text are a located error, SOP013 (issue 11, item 5), raw in the
file or written as a YAML escape, in values and in keys."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from soptool.source.yamltree import parse_yaml
from tests.conftest import ROOT

CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F,
                                                                      *range(0x80, 0xA0)]
ALLOWED = [0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2028, 0xFEFF]
DOC = "nama: Contoh\npelaksana:\n  a: Staf\nlangkah:\n  - kegiatan: {text}\n    pelaksana: a\n"


def _codes(raw: bytes) -> list[tuple[str, int, int, object]]:
    _, _, findings = parse_yaml(raw, "x.yaml")
    return [(f.code, f.line, f.col, f.params.get("char")) for f in findings]


@pytest.mark.parametrize("code", CONTROLS, ids=lambda c: f"U+{c:04X}")
def test_an_escaped_control_character_is_sop013_at_its_scalar(code: int) -> None:
    raw = DOC.format(text=f'"a\\u{code:04x}b"').encode()
    assert _codes(raw) == [("SOP013", 5, 15, f"U+{code:04X}")]


@pytest.mark.parametrize("code", [c for c in CONTROLS if c != 0], ids=lambda c: f"U+{c:04X}")
def test_a_raw_control_character_is_sop013_where_it_stands(code: int) -> None:
    raw = DOC.format(text=f"a{chr(code)}b").encode()
    assert _codes(raw) == [("SOP013", 5, 16, f"U+{code:04X}")]


def test_a_raw_nul_stays_a_binary_file() -> None:
    assert _codes(DOC.format(text="a\0b").encode()) == [("SOP010", 5, 16, None)]


@pytest.mark.parametrize("code", ALLOWED, ids=lambda c: f"U+{c:04X}")
def test_tab_line_breaks_and_other_text_are_allowed(code: int) -> None:
    assert _codes(DOC.format(text=f'"a\\u{code:04x}b"').encode()) == []


def test_an_escape_in_a_key_is_sop013_at_the_key() -> None:
    raw = DOC.format(text="Menyusun").replace("pelaksana: a", '"pel\\eaksana": a').encode()
    assert _codes(raw) == [("SOP013", 6, 5, "U+001B")]


def test_every_one_is_reported() -> None:
    raw = (DOC.format(text='"a\\0"') + '    output: "b\\x85"\n').encode()
    assert [c[:3] for c in _codes(raw)] == [("SOP013", 5, 15), ("SOP013", 7, 13)]


def test_an_escaped_nul_reaches_no_document(tmp_path: Path) -> None:
    sop = tmp_path / "nul.yaml"
    sop.write_text(DOC.format(text='"a\\0b"') + "    waktu: 1 jam\n", encoding="utf-8")
    env = {**os.environ, "SOPTOOL_LANG": "id"}
    for args in (["validate"], ["render", "-o", "-"], ["render", "--format", "md", "-o", "-"],
                 ["duration"]):
        proc = subprocess.run([sys.executable, "-m", "soptool", *args, str(sop)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert proc.returncode == 1, (args, proc.stderr)
        assert "\0" not in proc.stdout
        assert f"{sop}:5:15: SOP013" in proc.stdout + proc.stderr, args


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_a_character_yaml_refuses_is_located(char: str) -> None:
    # libyaml's reader error has no line:column, only a byte offset.
    raw = DOC.format(text=f"\u00e9t{char}").encode()
    _, _, findings = parse_yaml(raw, "x.yaml")
    assert [(f.code, f.line, f.col) for f in findings] == [("SOP003", 5, 17)]
    assert f"U+{ord(char):04X}" in findings[0].message()
