"""Positions do not depend on line ends (issue 11, item 4): the same broken files written with
LF, CRLF and a lone CR (old Mac editors) give the same line:column findings, whichever part
of soptool finds them (the byte checks, libyaml's marks and errors, PyYAML's parser for the
depth, the key checks, the model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAD = "nama: Contoh\npelaksana:\n  a: Staf\nlangkah:\n  - kegiatan: Menyusun\n"

# name -> (bytes written with "\n", the findings expected: (code, line, column))
CASES: dict[str, tuple[bytes, list[tuple[str, int, int]]]] = {
    "nul": (HEAD.encode() + b"    pelaksana: a\n    output: \xc3\xa9t\0\n",
            [("SOP010", 7, 15)]),
    "utf8": (HEAD.encode() + b"    pelaksana: a\n    output: \xc3\xa9t\xff\n",
             [("SOP002", 7, 15)]),
    "syntax": (HEAD.encode() + b"    pelaksana: a\n    output: Dokumen: baru\n",
               [("SOP003", 7, 20)]),
    "duplicate": (HEAD.encode() + b"    pelaksana: a\n    pelaksana: a\n",
                  [("SOP004", 7, 5)]),
    "unknown": (HEAD.encode() + b"    pelaksana: a\n    outptu: Dokumen\n",
                [("SOP101", 7, 5)]),
    "waktu": (HEAD.encode() + b"    pelaksana: a\n    waktu: 5 jem\n",
              [("SOP301", 7, 12)]),
    "date": (b"tanggal:\n  pembuatan: 31 Februari 2025\n" + HEAD.encode()
             + b"    pelaksana: a\n", [("SOP104", 2, 14)]),
    "control": (HEAD.encode() + b"    pelaksana: a\n    output: \xc3\xa9t\x07\n",
                [("SOP013", 7, 15)]),
    "escape": (HEAD.encode() + b"    pelaksana: a\n    output: \"\xc3\xa9t\\x07\"\n",
               [("SOP013", 7, 13)]),
    "block": (HEAD.encode() + b"    pelaksana: a\n    output: |\n      satu\n      dua\n"
              b"    waktu: 5 jem\n", [("SOP301", 10, 12)]),
    "nonchar": (HEAD.encode() + b"    pelaksana: a\n    output: \xc3\xa9t\xef\xbf\xbe\n",
                [("SOP003", 7, 15)]),
    "alias": (HEAD.encode() + b"    pelaksana: a\n    output: &x Dokumen\n",
              [("SOP005", 7, 13)]),
    "tab": (HEAD.encode() + b"    pelaksana: a\n\toutput: Dokumen\n", [("SOP003", 7, 1)]),
    "key": (HEAD.encode() + b"    pelaksana: a\n    [output]: Dokumen\n",
            [("SOP011", 7, 5)]),
    "deep": (b"nama: Contoh\nx:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 70)),
             [("SOP007", 67, 131)]),
}
ENDS = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}


def _findings(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    env = {**os.environ, "SOPTOOL_LANG": "id"}
    proc = subprocess.run([sys.executable, "-m", "soptool", "validate", "--format", "json",
                           str(folder)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    found: dict[str, list[tuple[str, int, int]]] = {}
    for f in json.loads(proc.stdout)["findings"]:
        if f["severity"] == "error":
            found.setdefault(Path(f["file"]).stem, []).append((f["code"], f["line"],
                                                               f["column"]))
    return found


@pytest.mark.parametrize("end", list(ENDS))
def test_same_positions_for_every_line_end(end: str, tmp_path: Path) -> None:
    for name, (text, _) in CASES.items():
        (tmp_path / f"{name}.yaml").write_bytes(text.replace(b"\n", ENDS[end]))
    assert _findings(tmp_path) == {name: expected for name, (_, expected) in CASES.items()}


def test_a_stream_that_ends_inside_a_value_is_reported_on_its_last_line(tmp_path: Path) -> None:
    # libyaml puts the end of a stream with no final line break on the line after the last.
    path = tmp_path / "terpotong.yaml"
    path.write_bytes(b"nama: x\npelaksana: {")
    out = subprocess.run([sys.executable, "-m", "soptool", "validate", str(path)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stdout.startswith(f"{path}:2:13: SOP003 ")
