"""Output streams (issue 11, item 3): a command whose stdout cannot be written in full says
so in one line on stderr and exits non-zero; never a traceback, never exit 0."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOP = ROOT / "sops" / "rka-balai.yaml"
OTHER = ROOT / "sops" / "rkt-disdikbud-balangan.yaml"
DISK_FULL = "soptool: galat: keluaran tidak dapat ditulis: ruang disk penuh\n"

COMMANDS = {
    "validate": ["validate", str(SOP)],
    "validate-json": ["validate", "--format", "json", str(SOP)],
    "duration": ["duration", str(SOP)],
    "duration-mulai": ["duration", "--mulai", "2026-01-05", str(SOP)],
    "render": ["render", "-o", "-", str(SOP)],
    "render-md": ["render", "--format", "md", "-o", "-", str(SOP)],
    "diff": ["diff", str(SOP), str(OTHER)],
    "schema": ["schema"],
    "help": ["--help"],
}


def _env(lang: str = "id", unbuffered: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "CI", "PYTHONUNBUFFERED")}
    env["SOPTOOL_LANG"] = lang
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def _run(args: list[str], stdout: int, lang: str = "id", unbuffered: bool = False,
         limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def small_disk() -> None:  # the file can grow to ``limit`` bytes, then EFBIG
        assert limit is not None
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "soptool", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=_env(lang, unbuffered),
                          cwd=ROOT, timeout=120,
                          preexec_fn=small_disk if limit is not None else None)


@pytest.fixture(scope="module")
def dev_full() -> int:
    if not Path("/dev/full").exists():  # pragma: no cover - Linux has it
        pytest.skip("no /dev/full")
    fd = os.open("/dev/full", os.O_WRONLY)
    yield fd  # type: ignore[misc]
    os.close(fd)


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_disk_full_is_one_line_and_exit_1(name: str, unbuffered: bool, dev_full: int) -> None:
    proc = _run(COMMANDS[name], dev_full, unbuffered=unbuffered)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == DISK_FULL


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("name", ["render", "render-md", "schema"])
def test_a_disk_filling_mid_output_is_never_exit_0(name: str, unbuffered: bool,
                                                   tmp_path: Path) -> None:
    # The document is cut short after 4,000 bytes: with PYTHONUNBUFFERED=1 a TextIOWrapper
    # straight over the file ignored that short write, and the command exited 0.
    out = tmp_path / "out"
    with out.open("w") as fh:
        proc = _run(COMMANDS[name], fh.fileno(), unbuffered=unbuffered, limit=4000)
    assert out.stat().st_size == 4000
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ("soptool: galat: keluaran tidak dapat ditulis: berkas melampaui "
                           "batas ukuran\n")


def test_disk_full_in_english(dev_full: int) -> None:
    proc = _run(COMMANDS["validate"], dev_full, lang="en")
    assert proc.returncode == 1
    assert proc.stderr == ("soptool: error: the output cannot be written: "
                           "no space left on the disk\n")


@pytest.mark.parametrize("name", ["validate", "duration", "render", "diff", "schema"])
def test_closed_pipe_exits_non_zero_without_traceback(name: str) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written: EPIPE on the first write
    try:
        proc = _run(COMMANDS[name], write)
    finally:
        os.close(write)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "Exception ignored" not in proc.stderr


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_written_output_still_exits_as_before(unbuffered: bool, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    with out.open("w") as fh:
        proc = _run(COMMANDS["render"], fh.fileno(), unbuffered=unbuffered)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
