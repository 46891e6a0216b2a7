"""Writing a file atomically: a temporary file in the same folder, then ``os.replace``.

A reader sees the old content or the new, never part of it, and a failed or interrupted
write leaves the old file as it was and no temporary file behind: the temporary file is
made with SIGINT and SIGTERM held back, registered until it is renamed, and removed when
anything (an error, Ctrl-C, a ``SystemExit`` raised by a SIGTERM handler) stops the write.
``remove_temporaries`` removes the ones still registered, for a signal handler. Used by
``render`` (documents made from an SOP) and by ``fmt`` (which rewrites the SOP files
themselves).
"""

from __future__ import annotations

import errno
import os
import signal
import tempfile
from pathlib import Path

# Temporary files made by this process and not yet renamed or removed.
_live: set[str] = set()
_HELD = {signal.SIGINT, signal.SIGTERM}
# Errors of os.link that mean "this file system has no hard links", not "cannot write".
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


def temporary_name(path: Path) -> str:
    """The pattern of the temporary files made for ``path`` (for tests and cleanup)."""
    return f".{path.name}.*.tmp"


def remove_temporaries() -> None:
    """Remove the temporary files this process made and has not renamed yet."""
    for tmp in list(_live):
        _live.discard(tmp)
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _hold() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)


def _release(held: set[int | signal.Signals] | None) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def write_atomic(path: Path, data: str | bytes, *, in_place: bool = False,
                 sync: bool = False, replace: bool = True) -> None:
    """Replace the content of ``path`` with ``data`` (text is written as UTF-8, as is).

    ``in_place``: ``path`` exists and is rewritten: it keeps its permission bits, and a
    symbolic link stays a link (its target is written). Otherwise the file gets the mode a
    new file gets (0o666 less the umask) and the path itself is replaced.

    ``sync``: force the data to disk before the rename (fsync). ``fmt`` does, for the SOP
    files; ``render`` does not: a document is made again from its SOP, and waiting for the
    disk took longer than rendering (about 1-2 ms a document on a shared disk).

    ``replace=False``: never write over anything already at ``path``, not even a file that
    appears while this one is written: ``FileExistsError``, and ``path`` is left alone
    (the file is put in place with a hard link, which fails when the name is taken).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if in_place:
        path = Path(os.path.realpath(path))
        mode = os.stat(path).st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    held = _hold()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        _live.add(tmp)
        with os.fdopen(fd, "wb") as fh:
            _release(held)  # a signal held back until now is raised here, inside the try
            held = None
            fh.write(raw)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if replace:
            os.replace(tmp, path)
        else:
            _put_new(tmp, path)
        _live.discard(tmp)
        tmp = None
    finally:
        _release(held)
        if tmp is not None:
            _live.discard(tmp)
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _put_new(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if nothing has it (FileExistsError otherwise)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # No hard links here (some network or FAT file systems): check, then rename.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)
