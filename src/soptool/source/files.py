"""Finding SOP files: expand files and folders into the YAML files to check."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

CONFIG_NAME = "soptool.yaml"
SUFFIXES = (".yaml", ".yml")


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named, and every *.yaml / *.yml below folders named (sorted, no soptool.yaml).

    Hidden folders (.git, .venv, ...) and hidden files (.pre-commit-config.yaml, ...) are
    skipped. A path that does not exist is kept, so
    that the caller reports it; a file named explicitly is kept whatever its name, and so is
    a folder named like an SOP file (``x.yaml/``): the loader reports that it is a folder.

    Never raises for what it finds: a symbolic link loop or a dangling link named like an
    SOP file is kept, and the loader reports it for that path (SOP001); links to folders
    are not followed below a folder named; a folder that cannot be read is skipped.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if _is_dir(path) and not path.name.endswith(SUFFIXES):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if name.endswith(SUFFIXES) and name != CONFIG_NAME \
                            and not name.startswith("."):
                        found.append(Path(root) / name)
            candidates = sorted(found)
        else:
            candidates = [path]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                out.append(c)
    return out


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder (or a link to one); False when it cannot be told."""
    try:
        return path.is_dir()
    except (OSError, RuntimeError):
        return False


def missing(paths: Iterable[Path]) -> list[Path]:
    """The paths that do not exist (a link, even dangling or a loop, exists; so does a path
    that cannot be looked at: the loader reports why)."""
    return [p for p in paths if _absent(p)]


def _absent(path: Path) -> bool:
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False
