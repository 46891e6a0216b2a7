"""The git history of SOP files, for the site's "Riwayat" (issue 14).

``history_of`` runs one ``git log`` per repository for any number of files and splits it per
file, following renames (2,000 files with one git call each would take minutes).
``revisions`` is the same for one file, ``content`` reads a file as it was at a revision, and
``states`` tells whether the working copy holds changes not committed yet.

Nothing here raises for a file that has no history: a file outside any repository, git not
installed, a file never committed all give an empty history (and ``states`` says why).
``content`` raises ``SoptoolError`` (a message for the user) when git cannot give the bytes.

Renames are followed as ``git log --follow`` does: walking from the newest commit to the
oldest, a rename ``old -> new`` of the file makes older commits count under ``old``, and the
commit that added the file ends its history. On a history with merges this is the usual
approximation (commits are walked in ``--date-order``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from soptool.findings import SoptoolError
from soptool.source.git import _git, show

# States of a working-copy file (``states``); the user's words are the messages
# ``history.<state>``.
CLEAN = "clean"  # as committed in HEAD
MODIFIED = "modified"  # committed, with changes not committed yet (edited, staged)
UNTRACKED = "untracked"  # in a repository, never committed (or ignored)
OUTSIDE = "outside"  # not in a git repository, or git is not installed

# Fields of one commit in the log, separated by US; a record starts with RS. Paths and the
# name-status entries are NUL-separated (``-z``), so no file name needs unquoting.
_FORMAT = "%x1e%H%x1f%h%x1f%aI%x1f%an%x1f%s"
_STATUS = re.compile(r"[ACDMRTUXB][0-9]*")


@dataclass(frozen=True)
class Revision:
    """One commit that changed a file.

    ``date`` is the author date in ISO 8601 with its offset (``2026-01-05T09:30:00+08:00``),
    ``message`` the subject line, ``path`` the file's path at that commit (relative to the
    repository root, with ``/``; an older name when the file was renamed since).
    """

    commit: str
    short: str
    date: str
    author: str
    message: str
    path: str


def revisions(path: Path) -> list[Revision]:
    """The commits that changed ``path``, newest first (empty when it has no history)."""
    return history_of([path])[path]


def content(rev: Revision, root: Path) -> bytes:
    """The bytes of the file as it was at ``rev``; ``root`` is the repository's top folder
    (``repository``). SoptoolError when git cannot give them."""
    return show(rev.commit, rev.path, root)


def repository(path: Path) -> Path | None:
    """The top folder of the git work tree holding ``path``; None when there is none (or git
    is not installed)."""
    folder = _absolute(path)
    while not folder.is_dir():
        if folder.parent == folder:
            return None
        folder = folder.parent
    try:
        proc = _git(["rev-parse", "--show-toplevel"], folder)
    except SoptoolError:  # git missing
        return None
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.decode("utf-8", errors="surrogateescape").strip()).resolve()


def history_of(paths: list[Path]) -> dict[Path, list[Revision]]:
    """Every path's commits, newest first, keyed by the path as given.

    One ``git log`` per repository, whatever the number of paths.
    """
    result: dict[Path, list[Revision]] = {p: [] for p in paths}
    for root, members in _by_repository(paths).items():
        wanted: dict[str, list[Path]] = {}
        for given, rel in members:
            wanted.setdefault(rel, []).append(given)
        for rel, revs in _log(root, set(wanted)).items():
            for given in wanted[rel]:
                result[given] = revs
    return result


def states(paths: list[Path]) -> dict[Path, str]:
    """Each path's working-copy state: CLEAN, MODIFIED, UNTRACKED or OUTSIDE.

    One ``git status`` per repository.
    """
    result = dict.fromkeys(paths, OUTSIDE)
    for root, members in _by_repository(paths).items():
        proc = _git(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored",
                     "--no-renames", "--", *(f":(top,literal){rel}" for _, rel in members)],
                    root)
        if proc.returncode != 0:
            continue
        found: dict[str, str] = {}
        for entry in proc.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
            if len(entry) > 3:
                code, name = entry[:2], entry[3:]
                found[name] = UNTRACKED if code in ("??", "!!") else MODIFIED
        for given, rel in members:
            result[given] = found.get(rel, CLEAN)
    return result


def _absolute(path: Path) -> Path:
    return path.resolve()


def _by_repository(paths: list[Path]) -> dict[Path, list[tuple[Path, str]]]:
    """The paths grouped by repository root, each with its repository-relative name."""
    roots: dict[Path, Path | None] = {}  # folder -> its repository, one git call per folder
    groups: dict[Path, list[tuple[Path, str]]] = {}
    for given in paths:
        full = _absolute(given)
        folder = full.parent
        if folder not in roots:
            roots[folder] = repository(folder)
        root = roots[folder]
        if root is None:
            continue
        try:
            rel = full.relative_to(root).as_posix()
        except ValueError:
            continue
        groups.setdefault(root, []).append((given, rel))
    return groups


def _log(root: Path, wanted: set[str]) -> dict[str, list[Revision]]:
    """The history of each repository path in ``wanted``, from one ``git log``."""
    proc = _git(["-c", "core.quotepath=false", "log", "--date-order", "--name-status", "-M",
                 "-z", "--no-color", f"--format={_FORMAT}", "--"], root)
    histories: dict[str, list[Revision]] = {name: [] for name in wanted}
    if proc.returncode != 0:  # no commit yet, or a broken repository
        return histories
    tokens = proc.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    # The name each wanted file had at the commit being read (walking back in time); a file
    # leaves ``current`` at the commit that added it.
    current = {name: name for name in wanted}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if not token.startswith("\x1e"):
            continue  # the empty token after the last entry
        fields = token[1:].split("\x1f", 4)
        if len(fields) != 5:
            continue
        commit, short, date, author, subject = fields
        changes: list[tuple[str, str, str]] = []  # (status, old name, new name)
        while i < len(tokens):
            status = tokens[i].lstrip("\n")
            if not _STATUS.fullmatch(status):
                break
            if status[0] in "RC":
                if i + 2 >= len(tokens):
                    break
                changes.append((status[0], tokens[i + 1], tokens[i + 2]))
                i += 3
            else:
                if i + 1 >= len(tokens):
                    break
                changes.append((status[0], tokens[i + 1], tokens[i + 1]))
                i += 2
        if not changes or not current:
            continue
        by_new = {new: (kind, old) for kind, old, new in changes}
        renamed_away = {old for kind, old, _ in changes if kind == "R"}
        for name, now in list(current.items()):
            hit = by_new.get(now)
            if hit is None:
                if now in renamed_away:
                    del current[name]  # as for "D": the name's older past is another file's
                continue
            kind, old = hit
            histories[name].append(Revision(commit, short, date, author, subject, now))
            if kind == "A" or kind == "C":
                del current[name]  # added here (or copied from another file): no older past
            elif kind == "R":
                current[name] = old
            elif kind == "D":
                # Deleted here and added back later: the file of that name before is another
                # file's history, not this one's.
                histories[name].pop()
                del current[name]
    return histories
