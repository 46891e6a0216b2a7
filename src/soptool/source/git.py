"""Reading SOP files from git: a file at a revision, and the SOP files changed since one.

Everything goes through the ``git`` program (subprocess, no shell). Problems become a
``SoptoolError`` with a message for the user (not a git repository, unknown revision, git
missing), which the CLI reports with exit code 2.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from soptool.findings import SoptoolError
from soptool.source.files import CONFIG_NAME, SUFFIXES


@dataclass(frozen=True)
class Change:
    """One SOP file that differs between a revision and the working tree.

    ``old`` is its path at the revision (None when added), ``new`` its path in the working
    tree (None when deleted); both relative to the repository root, with ``/``.
    """

    status: str  # "added", "deleted", "modified" or "renamed"
    old: str | None
    new: str | None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise SoptoolError("git.missing") from None


def _detail(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = proc.stderr.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0] if text else f"exit {proc.returncode}"


def repo_root(cwd: Path) -> Path:
    """The top folder of the git work tree that holds ``cwd``."""
    proc = _git(["rev-parse", "--show-toplevel"], cwd)
    if proc.returncode != 0:
        raise SoptoolError("git.not_repo", path=str(cwd))
    return Path(proc.stdout.decode("utf-8").strip())


def resolve_revision(rev: str, cwd: Path) -> str:
    """The commit id that ``rev`` names; SoptoolError when it names none."""
    if not rev or rev.startswith("-"):
        raise SoptoolError("git.bad_rev", rev=rev)
    proc = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
                cwd)
    if proc.returncode != 0:
        raise SoptoolError("git.bad_rev", rev=rev)
    return proc.stdout.decode("ascii").strip()


def show(commit: str, path: str, root: Path) -> bytes:
    """The bytes of ``path`` (relative to the repository root) at ``commit``."""
    proc = _git(["show", f"{commit}:{path}"], root)
    if proc.returncode != 0:
        raise SoptoolError("git.show_failed", rev=commit[:12], path=path, detail=_detail(proc))
    return proc.stdout


def is_sop_path(path: str) -> bool:
    """Whether a repository path looks like an SOP file (as ``files.discover`` finds them).

    ``*.yaml`` / ``*.yml``, not ``soptool.yaml``, not in a hidden folder, not a hidden file
    (such as ``.pre-commit-config.yaml``).
    """
    parts = path.split("/")
    if any(p.startswith(".") for p in parts):
        return False
    return parts[-1].endswith(SUFFIXES) and parts[-1] != CONFIG_NAME


def _pathspecs(paths: list[Path], root: Path, cwd: Path) -> list[str]:
    specs = []
    for p in paths:
        full = (cwd / p).resolve() if not p.is_absolute() else p.resolve()
        try:
            rel = full.relative_to(root.resolve())
        except ValueError:
            raise SoptoolError("git.outside", path=str(p), root=str(root)) from None
        specs.append(f":(top,literal){rel.as_posix() if str(rel) != '.' else ''}")
    return specs


def changed_sops(commit: str, paths: list[Path], cwd: Path) -> list[Change]:
    """SOP files that differ between ``commit`` and the working tree, under ``paths``.

    Untracked files (not ignored) count as added; renames are followed, so a renamed SOP is
    compared with its old self.
    """
    root = repo_root(cwd)
    specs = _pathspecs(paths, root, cwd)
    for given, spec in zip(paths, specs, strict=True):
        # A mistyped path must not pass CI as "nothing changed": it has to exist somewhere.
        if not (cwd / given).exists():
            listed = _git(["ls-tree", "-r", "--name-only", commit, "--", spec], root)
            if listed.returncode != 0 or not listed.stdout.strip():
                raise SoptoolError("git.path_unknown", path=str(given))
    proc = _git(["diff", "--name-status", "-z", "--find-renames", "--no-ext-diff", commit,
                 "--", *specs], root)
    if proc.returncode != 0:
        raise SoptoolError("git.diff_failed", detail=_detail(proc))
    fields = proc.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            if status[0] == "R":
                changes.append(_renamed(old, new))
            else:
                changes.append(Change("added", None, new))
            continue
        path = fields[i + 1]
        i += 2
        if status[0] == "A":
            changes.append(Change("added", None, path))
        elif status[0] == "D":
            changes.append(Change("deleted", path, None))
        else:  # M, T (type change), U (unmerged)
            changes.append(Change("modified", path, path))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *specs], root)
    if untracked.returncode != 0:
        raise SoptoolError("git.diff_failed", detail=_detail(untracked))
    for path in untracked.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        if path:
            changes.append(Change("added", None, path))
    kept = []
    for c in changes:
        old_ok = c.old is not None and is_sop_path(c.old)
        new_ok = c.new is not None and is_sop_path(c.new)
        if c.status == "renamed" and old_ok != new_ok:
            # Renamed into or out of the SOP files: an addition or a deletion of an SOP.
            c = Change("added", None, c.new) if new_ok else Change("deleted", c.old, None)
        if old_ok or new_ok:
            kept.append(c)
    return sorted(kept, key=lambda c: (c.new or c.old or ""))


def _renamed(old: str, new: str) -> Change:
    return Change("renamed", old, new)


def display_path(path: str, root: Path, cwd: Path) -> str:
    """A repository path as the user sees it: relative to the current folder."""
    return Path(os.path.relpath(root / path, cwd)).as_posix()
