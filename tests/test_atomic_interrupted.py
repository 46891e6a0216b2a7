"""source.atomic when a write is stopped or must not replace: nothing half-done is left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from soptool.source import atomic
from soptool.source.atomic import remove_temporaries, write_atomic


def test_replace_false_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "doc.html"
    write_atomic(target, "satu", replace=False)
    assert target.read_text(encoding="utf-8") == "satu"
    with pytest.raises(FileExistsError):
        write_atomic(target, "dua", replace=False)
    assert target.read_text(encoding="utf-8") == "satu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.html"]
    # a dangling link holds the name too
    (tmp_path / "link.html").symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "link.html", "x", replace=False)
    assert not (tmp_path / "nowhere").exists()


def test_replace_false_without_hard_links(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: Path) -> None:
        raise OSError(errno.EPERM, "no hard links")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "doc.md"
    write_atomic(target, "satu", replace=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, "dua", replace=False)
    assert target.read_text(encoding="utf-8") == "satu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_a_write_stopped_midway_leaves_no_temporary(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    stop: type[BaseException]) -> None:
    target = tmp_path / "doc.html"
    target.write_text("lama", encoding="utf-8")

    def interrupted(src: str, dst: Path) -> None:
        raise stop()

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(stop):
        write_atomic(target, "baru")
    assert target.read_text(encoding="utf-8") == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.html"]
    assert atomic._live == set()


# In a fresh interpreter: the signal mask is per thread, and a thread another test left
# running in this process could take the signal at once instead of holding it back.
SIGNAL_WHILE_MADE = """
import os, signal, sys, tempfile
from pathlib import Path
from soptool.source import atomic
folder = Path(sys.argv[1])
# A shell's background job starts with SIGINT ignored: this test wants Python's own handler.
signal.signal(signal.SIGINT, signal.default_int_handler)
real_mkstemp = atomic.tempfile.mkstemp
def mkstemp_then_signal(**kwargs):
    made = real_mkstemp(**kwargs)
    os.kill(os.getpid(), signal.SIGINT)
    return made
atomic.tempfile.mkstemp = mkstemp_then_signal
try:
    atomic.write_atomic(folder / "doc.html", "baru")
except KeyboardInterrupt:
    print("interrupted")
print(sorted(p.name for p in folder.iterdir()))
print(signal.pthread_sigmask(signal.SIG_BLOCK, set()) == set())
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_signal_while_the_temporary_is_made_is_held_then_cleaned(tmp_path: Path) -> None:
    # SIGINT arrives while the temporary file is created: it is held back until the file
    # is registered, then raised inside the write, which removes the file.
    out = subprocess.run([sys.executable, "-c", SIGNAL_WHILE_MADE, str(tmp_path)],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.stdout.splitlines() == ["interrupted", "[]", "True"], out.stderr


def test_remove_temporaries(tmp_path: Path) -> None:
    stray = tmp_path / ".doc.html.abc.tmp"
    stray.write_text("x", encoding="utf-8")
    atomic._live.add(str(stray))
    remove_temporaries()
    assert not stray.exists() and atomic._live == set()
