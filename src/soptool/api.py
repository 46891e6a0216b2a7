"""The Python API: ``soptool.load`` and ``soptool.validate`` (re-exported by ``soptool``).

```python
from soptool import Sop, load, validate

sop = load("sops/rka-balai.yaml")      # the Sop, or SopInvalid listing the findings
for finding in validate("sops/rka-balai.yaml"):
    print(finding.line, finding.code, finding.message())
```
"""

from __future__ import annotations

import os
from pathlib import Path

from soptool.findings import Finding, SopInvalid
from soptool.loading import Loaded, load_bytes, load_file
from soptool.model import Sop

_TEXT_NAME = "<teks>"


def _load(source: str | bytes | os.PathLike[str]) -> Loaded:
    if isinstance(source, bytes):
        return load_bytes(source, _TEXT_NAME)
    if isinstance(source, os.PathLike):
        return load_file(Path(source), os.fspath(source))
    if "\n" not in source and (source.endswith((".yaml", ".yml")) or Path(source).is_file()):
        return load_file(Path(source), source)
    return load_bytes(source.encode("utf-8"), _TEXT_NAME)


def load(source: str | bytes | os.PathLike[str]) -> Sop:
    """Read an SOP: a path (``Path``, or a one-line text naming a file or ending in .yaml),
    else YAML text (or bytes). Raises SopInvalid with the findings when it cannot be read as
    the format; the flow and time checks are ``validate``'s."""
    loaded = _load(source)
    if loaded.sop is None:
        raise SopInvalid(loaded.findings)
    return loaded.sop


def validate(source: str | bytes | os.PathLike[str]) -> list[Finding]:
    """Every finding for an SOP (what ``soptool validate`` reports), in file order.

    ``source`` is read as by ``load``. An empty list means valid without warnings.
    """
    from soptool.rules.checks import run_checks

    return sorted(run_checks(_load(source)), key=Finding.sort_key)
