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
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir() and not path.name.endswith(SUFFIXES):
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


def missing(paths: Iterable[Path]) -> list[Path]:
    """The paths that do not exist."""
    return [p for p in paths if not p.exists() and not p.is_symlink()]
