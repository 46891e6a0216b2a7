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
    return run_in(None, *args, lang=lang)


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


def run_in(cwd: Path | None, *args: str,
           lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOPTOOL_LANG", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    if lang:
        env["SOPTOOL_LANG"] = lang
    code = "import sys; from soptool.entry import main; sys.argv[0] = 'soptool'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, env=env, cwd=cwd)


@pytest.mark.parametrize("lang", [None, "en"])
def test_plain_duration_answers_like_the_typer_command(files: list[Path], tmp_path: Path,
                                                       lang: str | None) -> None:
    # CI's call, `soptool duration FOLDER...`, skips typer too; soptool.yaml still applies.
    (tmp_path / "soptool.yaml").write_text("kalender: {jam_per_hari: 8}\n", encoding="utf-8")
    names = [str(f) for f in files] + [str(ROOT / "sops")]
    fast = run_in(tmp_path, "duration", *names, lang=lang)
    typed = run_in(tmp_path, "duration", "--format", "text", *names, lang=lang)
    assert fast.returncode == typed.returncode == 1  # typo.yaml is invalid
    assert fast.stdout == typed.stdout
    assert fast.stderr == typed.stderr
    assert "SOP101" in fast.stderr and "SOP301" in fast.stderr  # typo.yaml, slow.yaml
    assert "= 8 " in fast.stdout.splitlines()[0]  # the day of soptool.yaml


def test_plain_duration_leaves_a_bad_soptool_yaml_to_typer(tmp_path: Path) -> None:
    (tmp_path / "soptool.yaml").write_text("kalender: {jam_per_hri: 8}\n", encoding="utf-8")
    proc = run_in(tmp_path, "duration", str(SEED))
    assert proc.returncode == 2
    assert "soptool.yaml:1:12: SOP101" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_in(tmp_path, "duration", str(tmp_path / "tidak-ada.yaml"))
    assert proc.returncode == 2
    assert "tidak-ada.yaml" in proc.stderr


def test_plain_calls_do_not_load_typer(tmp_path: Path) -> None:
    code = ("import sys; from soptool.entry import main; sys.argv[0] = 'soptool'\n"
            "try:\n    main()\nfinally:\n    print('typer' in sys.modules, file=sys.stderr)\n")
    for command in ("validate", "duration"):
        proc = subprocess.run([sys.executable, "-c", code, command, str(SEED)],
                              capture_output=True, text=True, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.splitlines()[-1] == "False", command
