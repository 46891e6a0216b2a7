"""source.atomic: the one atomic write, as render (new files) and fmt (in place) use it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from soptool.source.atomic import write_atomic


def _fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    return calls


def test_a_new_file_gets_the_umask_mode_and_no_fsync(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fsyncs(monkeypatch)
    target = tmp_path / "doc.md"
    write_atomic(target, "teks é\n")
    assert target.read_bytes() == "teks é\n".encode()
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert calls == []


def test_in_place_keeps_mode_and_link_and_syncs(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fsyncs(monkeypatch)
    target = tmp_path / "sop.yaml"
    target.write_bytes(b"lama\n")
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_atomic(link, b"baru\r\n", in_place=True, sync=True)
    assert link.is_symlink()
    assert target.read_bytes() == b"baru\r\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert len(calls) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "sop.yaml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sop.yaml"
    target.write_bytes(b"lama\n")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"baru\n", in_place=True, sync=True)
    assert target.read_bytes() == b"lama\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sop.yaml"]
