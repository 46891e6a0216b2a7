"""Progress on a terminal for long runs; never in pipes, logs or CI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from soptool.commands.validate import run_validate
from soptool.report import progress
from soptool.report.progress import Progress, wanted

from .conftest import ROOT

SOPS = sorted((ROOT / "sops").glob("*.yaml"))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_counter_shows_after_the_delay_and_is_erased(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    tty = Terminal()
    counter = Progress(tty, 3, delay=0)
    counter.step()
    assert tty.getvalue() == "\r1/3 berkas"
    counter.clear()
    assert tty.getvalue().endswith("\r" + " " * len("1/3 berkas") + "\r")
    counter.step()
    counter.close()
    assert tty.getvalue().endswith("\r2/3 berkas\r" + " " * len("2/3 berkas") + "\r")


def test_redrawn_at_most_once_an_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "INTERVAL", 60.0)
    tty = Terminal()
    counter = Progress(tty, 100, delay=0)
    for _ in range(100):
        counter.step()
        counter.clear()
    assert tty.getvalue().count("berkas") == 1


def test_nothing_before_the_delay_nor_for_one_file() -> None:
    tty = Terminal()
    counter = Progress(tty, 3, delay=60)
    counter.step()
    counter.close()
    one = Progress(tty, 1, delay=0)
    one.step()
    assert tty.getvalue() == ""


def test_only_on_a_terminal_and_not_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(Terminal())
    assert not wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(Terminal())
    monkeypatch.setenv("CI", "false")
    assert wanted(Terminal())


def test_validate_counts_on_the_terminal_and_writes_the_same_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    plain, shown, tty = io.StringIO(), io.StringIO(), Terminal()
    assert run_validate(SOPS, stream=plain) == run_validate(SOPS, stream=shown, progress=tty)
    assert plain.getvalue() == shown.getvalue()
    assert f"/{len(SOPS)} berkas" in tty.getvalue()


@pytest.mark.parametrize("args", [
    ["validate"], ["duration"], ["fmt", "--check"], ["render", "-o", "{out}/"],
])
def test_piped_output_has_no_progress(args: list[str], tmp_path: Path) -> None:
    files = []
    for n in range(12):
        for sop in SOPS:
            copy = tmp_path / "in" / f"{n}-{sop.name}"
            copy.parent.mkdir(exist_ok=True)
            copy.write_text(sop.read_text("utf-8"), encoding="utf-8")
            files.append(str(copy))
    args = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    # Bytes: text mode would turn a carriage return into a newline.
    proc = subprocess.run([sys.executable, "-m", "soptool", *args, *files],
                          capture_output=True, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    assert b"\r" not in proc.stdout and b"\r" not in proc.stderr
    assert b"/24 " not in proc.stderr


def test_library_commands_write_to_the_streams_given(tmp_path: Path) -> None:
    # What a caller of soptool.commands gets: its own streams, nothing on sys's.
    from soptool.commands.duration import Job, run_duration
    from soptool.commands.fmt import run_fmt
    from soptool.timing.durations import DEFAULT_CALENDAR

    out, err = io.StringIO(), io.StringIO()
    assert run_duration(SOPS, Job(DEFAULT_CALENDAR), stdout=out, stderr=err) == 0
    assert out.getvalue().count("\n") > 10 and err.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert run_fmt(SOPS, check=True, stdout=out, stderr=err) == 0
    assert out.getvalue() == "" and f"{len(SOPS)}" in err.getvalue()
