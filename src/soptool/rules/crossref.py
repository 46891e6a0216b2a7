"""Checks across the files of one ``soptool validate`` run: SOP409 and SOP410.

Each worker reads one file and returns, with its findings, the file's ``Reference`` (its
``nomor`` and ``digantikan_oleh`` with their positions); the parent process feeds them, in
input order, to a ``RunChecks``, which holds a file's result back only while its
``digantikan_oleh`` names an SOP not seen yet, so that output keeps the input order and still
streams.

- SOP410 (warning): a ``nomor`` already used by an earlier file of the run, at the later
  file's ``nomor``.
- SOP409 (error): ``digantikan_oleh`` names no SOP of the run. Before reporting it, the other
  SOP files of the same folder as the file (not below it) are read for their ``nomor`` only:
  ``soptool validate FILE`` (pre-commit passes only the changed files) does not report a
  replacing SOP that sits, unchanged, next to it. Those files' own problems are not reported.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from soptool.findings import FileResult, Finding, Severity
from soptool.loading import Loaded

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Reference:
    """What the run's checks need of one file (picklable: it comes back from a worker)."""

    file: str
    nomor: str | None = None
    nomor_at: tuple[int, int] = (1, 1)
    target: str | None = None
    target_at: tuple[int, int] = (1, 1)


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def reference_of(doc: Loaded) -> Reference:
    """The file's nomor and digantikan_oleh as written (whatever else is wrong with it)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    return Reference(doc.file, _text(data.get("nomor")), doc.positions.at(("nomor",)),
                     _text(data.get("digantikan_oleh")),
                     doc.positions.at(("digantikan_oleh",)))


def _folder_nomors(folder: Path, skip: set[Path]) -> dict[str, str]:
    """nomor -> file, for the SOP files directly in ``folder`` (not in ``skip``)."""
    from soptool.source.files import CONFIG_NAME, SUFFIXES
    from soptool.source.yamltree import read_yaml

    found: dict[str, str] = {}
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return found
    for name in names:
        path = folder / name
        if not name.endswith(SUFFIXES) or name == CONFIG_NAME or name.startswith(".") \
                or not path.is_file() or path.resolve() in skip:
            continue
        tree, _, _ = read_yaml(path)
        nomor = _text(tree.get("nomor")) if isinstance(tree, dict) else None
        if nomor is not None:
            found.setdefault(nomor, str(path))
    return found


@dataclass
class RunChecks:
    """Adds SOP409/SOP410 to the results of a run, fed and given back in input order."""

    nomors: dict[str, str] = field(default_factory=dict)  # nomor -> first file
    files: set[Path] = field(default_factory=set)  # the run's files, resolved
    _held: list[tuple[FileResult, Reference]] = field(default_factory=list)
    _folders: dict[Path, dict[str, str]] = field(default_factory=dict)

    def add(self, result: FileResult, ref: Reference) -> Iterator[FileResult]:
        """Take one file's result; yield the results that can be reported now."""
        extra: list[Finding] = []
        self.files.add(Path(ref.file).resolve())
        if ref.nomor is not None:
            first = self.nomors.setdefault(ref.nomor, ref.file)
            if first != ref.file:
                extra.append(Finding("SOP410", W, ref.file, *ref.nomor_at,
                                     {"nomor": ref.nomor, "other": first}))
        if extra:
            result = _with(result, extra)
        self._held.append((result, ref))
        yield from self._release()

    def _release(self) -> Iterator[FileResult]:
        while self._held:
            result, ref = self._held[0]
            if ref.target is not None and ref.target not in self.nomors:
                return  # its replacing SOP may come later in the run
            self._held.pop(0)
            yield result

    def close(self) -> Iterator[FileResult]:
        """The results still held, with SOP409 where the replacing SOP is nowhere."""
        for result, ref in self._held:
            if ref.target is not None and ref.target not in self.nomors:
                folder = Path(ref.file).parent
                key = folder.resolve()
                if key not in self._folders:
                    self._folders[key] = _folder_nomors(folder, self.files)
                if ref.target not in self._folders[key]:
                    known = sorted({*self.nomors, *self._folders[key]} - {ref.nomor})
                    close = difflib.get_close_matches(ref.target, known, n=1, cutoff=0.8)
                    hint = ("ui.did_you_mean", {"suggestion": close[0]}) if close else ""
                    result = _with(result, [Finding(
                        "SOP409", E, ref.file, *ref.target_at,
                        {"target": ref.target, "folder": str(folder), "hint": hint})])
            yield result
        self._held.clear()


def _with(result: FileResult, extra: list[Finding]) -> FileResult:
    return replace(result, findings=sorted([*result.findings, *extra], key=Finding.sort_key))
