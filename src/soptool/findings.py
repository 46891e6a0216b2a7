"""Findings (errors and warnings with a position) and the project's error types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from soptool.report.messages import message

if TYPE_CHECKING:
    from soptool.loading import Loaded


class Severity(str, Enum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"


# Exit codes, as named constants (0 clean, 1 findings, 2 usage or user error).
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Finding:
    """One problem found in one file, at one position (1-based line and column)."""

    code: str
    severity: Severity
    file: str
    line: int
    col: int
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        """The message text in the given language."""
        return message(self.code, lang, **self.params)

    @property
    def is_error(self) -> bool:
        """Whether this finding is an error (not a warning)."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, position and code."""
        return (self.file, self.line, self.col, self.code)

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """A JSON-ready dict of this finding."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
        }


class SoptoolError(Exception):
    """A user error that is not tied to a position in an SOP file (bad option, bad config)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "id") -> str:
        """The message text in the given language."""
        return message(self.code, lang, **self.params)


class SopInvalid(ValueError):
    """An SOP that cannot be read as the format (``soptool.load``): ``findings`` say where.

    ``str()`` lists them one a line, as ``file:line:col: CODE message``.
    """

    def __init__(self, findings: list[Finding], lang: str = "id") -> None:
        self.findings = list(findings)
        self.lang = lang
        super().__init__(self.findings)

    def __str__(self) -> str:
        lines = [f"{f.file}:{f.line}:{f.col}: {f.code} {f.message(self.lang)}"
                 for f in self.findings]
        return "\n".join(lines) or "SOP tidak valid"


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
