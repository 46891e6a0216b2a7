"""Generated and mutated files through the CLI, in batches: many files in one folder, one
``python -m soptool`` per command over all of them (a process costs ~0.5 s), then per-file
checks: no traceback, exit 0 or 1, findings located, fmt keeps data and comments, render
writes every valid file, diff --git reads every pair.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import soptool
from soptool.findings import Severity

from .checks import check_fmt_result, check_located, comment_texts, fuzz_settings
from .strategies import Generated, Mutated, mutated, sops

_ENV = {k: v for k, v in os.environ.items()
        if k not in ("SOPTOOL_LANG", "FORCE_COLOR", "NO_COLOR", "COLUMNS")}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m soptool ARGS``; never a traceback, exit 0 or 1 (files never cause 2)."""
    proc = subprocess.run([sys.executable, "-m", "soptool", *args], cwd=cwd, env=_ENV,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout, proc.stdout[-3000:]
    assert proc.returncode in (0, 1), (args, proc.returncode, proc.stderr[-3000:])
    return proc


def _raw(item: Generated | Mutated) -> bytes:
    return item.raw


BATCH = st.lists(st.one_of(sops(max_steps=15), mutated(max_steps=8)), min_size=4,
                 max_size=12)


def _write(folder: Path, items: list[Generated | Mutated]) -> dict[str, bytes]:
    folder.mkdir()
    files = {}
    for n, item in enumerate(items):
        path = folder / f"sop{n:03d}.yaml"
        path.write_bytes(item.raw)
        files[str(path.resolve())] = item.raw
    return files


def _valid(raw: bytes) -> bool:
    """Whether render writes the file: validate reports no error (``load`` alone does not
    check the flow, such as a step's undeclared ``pelaksana``, SOP201)."""
    return not any(f.severity is Severity.ERROR for f in soptool.validate(raw))


@fuzz_settings(0.1)
@given(BATCH)
def test_cli_batch(items: list[Generated | Mutated]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = _write(root / "in", items)

        proc = cli("validate", "-f", "json", "in", cwd=root)
        for f in json.loads(proc.stdout)["findings"]:
            raw = files[str((root / f["file"]).resolve())]
            check_located(raw, [(f["line"], f["column"])], f)
        cli("validate", "in", cwd=root)
        cli("validate", "-f", "github", "--strict", "in", cwd=root)

        cli("duration", "-f", "json", "in", cwd=root)
        cli("duration", "--ulang", "2", "--mulai", "2026-03-16", "in", cwd=root)

        for fmt in ("html", "md"):
            out = root / f"out-{fmt}"
            cli("render", "-f", fmt, "-o", f"{out}/", "in", cwd=root)
            for path, raw in files.items():
                written = out / f"{Path(path).stem}.{fmt}"
                assert written.exists() == _valid(raw), (written, raw)

        cli("fmt", "--check", "in", cwd=root)
        cli("fmt", "--diff", "in", cwd=root)
        cli("fmt", "in", cwd=root)
        for path, raw in files.items():
            after = Path(path).read_bytes()
            if after != raw:
                result = type("R", (), {"failed": False, "formatted": after, "findings": []})
                check_fmt_result(raw, result, scalars=False)
        first = {p: Path(p).read_bytes() for p in files}
        cli("fmt", "in", cwd=root)
        assert {p: Path(p).read_bytes() for p in files} == first, "fmt is not idempotent"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=fuzz", "-c", "user.email=fuzz@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True,
                   capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@fuzz_settings(0.1)
@given(st.lists(mutated(max_steps=8), min_size=3, max_size=12))
def test_cli_diff_git_batch(items: list[Mutated]) -> None:
    """``diff --git HEAD``: every generated SOP committed, then its mutation in the tree."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _git(root, "init", "-q")
        _write(root / "in", [m.source for m in items])
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "generated")
        for n, m in enumerate(items):
            (root / "in" / f"sop{n:03d}.yaml").write_bytes(m.raw)
        for fmt in ("text", "md", "json"):
            cli("diff", "--git", "HEAD", "-f", fmt, "in", cwd=root)
        cli("diff", "--git", "HEAD", "--require-revisi", "--exit-code", "in", cwd=root)
        a, b = root / "in" / "sop000.yaml", root / "in" / "sop001.yaml"
        cli("diff", str(a), str(b), cwd=root)


@fuzz_settings(0.1)
@given(st.lists(sops(max_steps=8), min_size=2, max_size=6))
def test_cli_render_twice_into_the_same_folder(items: list[Generated]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root / "in", items)
        for fmt in ("html", "md"):
            cli("render", "-f", fmt, "-o", "out/", "in", cwd=root)
            first = {p.name: p.read_bytes() for p in (root / "out").iterdir()}
            # again: refused without --timpa (nothing touched), the same bytes with it
            proc = cli("render", "-f", fmt, "-o", "out/", "in", cwd=root)
            assert proc.returncode == 1, proc.stderr
            assert "--timpa" in proc.stderr
            assert {p.name: p.read_bytes() for p in (root / "out").iterdir()} == first
            proc = cli("render", "-f", fmt, "--timpa", "-o", "out/", "in", cwd=root)
            assert proc.returncode == 0, proc.stderr
            assert {p.name: p.read_bytes() for p in (root / "out").iterdir()} == first


@pytest.mark.parametrize("waktu", ["1 bulan", "99 bulan", "1-2 hari"])
def test_cli_duration_mulai_of_a_huge_sop(tmp_path: Path, waktu: str) -> None:
    steps = "".join(f"  - kegiatan: Langkah {n}\n    pelaksana: staf\n    waktu: {waktu}\n"
                    for n in range(3000))
    (tmp_path / "besar.yaml").write_text(
        f"nama: Besar\npelaksana:\n  staf: Staf\nlangkah:\n{steps}", encoding="utf-8")
    cli("duration", "--mulai", "2026-03-16", "besar.yaml", cwd=tmp_path)


def test_comment_texts_sees_what_fmt_must_keep() -> None:
    """The fuzz tests' own comment reader (not fmt's) against a hand-made file."""
    text = ('# atas\nnama: "a # b"  # satu\nx: [a, b]  # dua\ny: c#d\nz: \'#\'\n'
            "w: |\n  # bukan\n# akhir\n")
    assert sorted(comment_texts(text).elements()) == ["akhir", "atas", "dua", "satu"]
