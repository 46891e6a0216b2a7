"""Validate SOP files: load each, run the checks, yield its findings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from soptool.checks import run_checks
from soptool.findings import Finding
from soptool.loading import Loaded, load_file


@dataclass
class FileResult:
    """The findings for one file (and the loaded file, for commands that go on with it)."""

    file: str
    findings: list[Finding]
    loaded: Loaded | None = None

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors


def validate_file(path: Path, keep: bool = False) -> FileResult:
    """Load and check one file; ``keep`` keeps the loaded model in the result."""
    doc = load_file(path, str(path))
    return FileResult(doc.file, run_checks(doc), doc if keep else None)


def validate_files(paths: Iterable[Path], keep: bool = False) -> Iterator[FileResult]:
    """Validate files one at a time, in order (streamed: nothing is held between files)."""
    for path in paths:
        yield validate_file(path, keep)
