"""`soptool validate FILE...` (pre-commit's call) skips typer but answers exactly like it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sops" / "rka-balai.yaml"


def soptool(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOPTOOL_LANG", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    if lang:
        env["SOPTOOL_LANG"] = lang
    code = "import sys; from soptool.entry import main; sys.argv[0] = 'soptool'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, env=env)


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    text = SEED.read_text("utf-8")
    typo, slow = tmp_path / "typo.yaml", tmp_path / "slow.yaml"
    typo.write_text(text.replace("  - kegiatan: Menyusun finalisasi", "  - kegaitan: Menyusun"),
                    encoding="utf-8")
    slow.write_text(text.replace("waktu: 60 menit", "waktu: sebentar"), encoding="utf-8")
    return [SEED, typo, slow]


@pytest.mark.parametrize("lang", [None, "en"])
def test_plain_call_answers_like_the_typer_command(files: list[Path], lang: str | None) -> None:
    names = [str(f) for f in files]
    fast = soptool("validate", *names, lang=lang)
    # An option sends the same call through typer.
    typed = soptool("validate", "--format", "text", *names, lang=lang)
    assert fast.returncode == typed.returncode == 1
    assert fast.stdout == typed.stdout
    assert fast.stderr == typed.stderr == ""
    assert "SOP301" in fast.stdout and "SOP101" in fast.stdout
    last = fast.stdout.splitlines()[-1]
    assert last == ("3 berkas diperiksa: 3 galat, 0 peringatan" if lang is None
                    else "3 file(s) checked: 3 error(s), 0 warning(s)")


def test_valid_file_exits_0() -> None:
    proc = soptool("validate", str(SEED))
    assert proc.returncode == 0
    assert proc.stdout == "1 berkas diperiksa: semua valid\n"


def test_missing_path_still_gets_typer_usage_error(tmp_path: Path) -> None:
    proc = soptool("validate", str(tmp_path / "tidak-ada.yaml"))
    assert proc.returncode == 2
    assert "tidak-ada.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_other_calls_go_to_typer() -> None:
    proc = soptool("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("soptool ")
    proc = soptool("validate", "--help")
    assert proc.returncode == 0
    assert "--strict" in proc.stdout
