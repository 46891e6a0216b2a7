"""source.atomic when a write is stopped or must not replace: nothing half-done is left."""

from __future__ import annotations

import errno
import os
import signal
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


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_signal_while_the_temporary_is_made_is_held_then_cleaned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_mkstemp = atomic.tempfile.mkstemp
    # SIGINT arrives while the temporary file is created: it is held back until the file
    # is registered, then raised inside the write, which removes the file.
    def mkstemp_then_signal(**kwargs: object) -> tuple[int, str]:
        made = real_mkstemp(**kwargs)  # type: ignore[call-overload]
        os.kill(os.getpid(), signal.SIGINT)
        return made  # type: ignore[no-any-return]

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp_then_signal)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "doc.html", "baru")
    assert list(tmp_path.iterdir()) == []
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == set()  # mask restored


def test_remove_temporaries(tmp_path: Path) -> None:
    stray = tmp_path / ".doc.html.abc.tmp"
    stray.write_text("x", encoding="utf-8")
    atomic._live.add(str(stray))
    remove_temporaries()
    assert not stray.exists() and atomic._live == set()
