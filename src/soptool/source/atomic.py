"""Writing a file atomically: a temporary file in the same folder, then ``os.replace``.

A reader sees the old content or the new, never part of it, and a failed write leaves the
old file as it was (and no temporary file behind). Used by ``render`` (documents made from
an SOP) and by ``fmt`` (which rewrites the SOP files themselves).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, in_place: bool = False,
                 sync: bool = False) -> None:
    """Replace the content of ``path`` with ``data`` (text is written as UTF-8, as is).

    ``in_place``: ``path`` exists and is rewritten: it keeps its permission bits, and a
    symbolic link stays a link (its target is written). Otherwise the file gets the mode a
    new file gets (0o666 less the umask) and the path itself is replaced.

    ``sync``: force the data to disk before the rename (fsync). ``fmt`` does, for the SOP
    files; ``render`` does not: a document is made again from its SOP, and waiting for the
    disk took longer than rendering (about 1-2 ms a document on a shared disk).
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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
