"""Reporters: text (coloured on a terminal), json, github and gitlab, behind one interface."""

from __future__ import annotations

import hashlib
import json
import os
from typing import IO, Any

from soptool.findings import FileResult, Finding
from soptool.report.jsonout import envelope, write_document
from soptool.report.messages import message

_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "code": "\x1b[2m",
            "path": "\x1b[1m", "ok": "\x1b[1;32m", "reset": "\x1b[0m"}


def use_colour(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (FORCE_COLOR forces it)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Reporter:
    """Receives each file's result as it comes, then the end of the run."""

    def __init__(self, stream: IO[str], lang: str = "id", strict: bool = False) -> None:
        self.stream = stream
        self.lang = lang
        self.strict = strict
        self.files = 0
        self.errors = 0
        self.warnings = 0

    def add(self, result: FileResult) -> None:
        """Report one file's findings."""
        self.files += 1
        self.errors += result.errors
        self.warnings += result.warnings
        for finding in result.findings:
            self.finding(finding)

    def finding(self, finding: Finding) -> None:
        """Report one finding."""
        raise NotImplementedError

    def close(self) -> None:
        """End the report."""

    @property
    def failed(self) -> bool:
        """Whether the run fails: errors, or warnings under --strict."""
        return self.errors > 0 or (self.strict and self.warnings > 0)


class TextReporter(Reporter):
    """``file:line:col: CODE severity: message`` lines and a summary line."""

    def __init__(self, stream: IO[str], lang: str = "id", strict: bool = False) -> None:
        super().__init__(stream, lang, strict)
        self.colour = use_colour(stream)

    def _c(self, name: str, text: str) -> str:
        return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if self.colour else text

    def finding(self, finding: Finding) -> None:
        """Print one finding line."""
        sev = finding.severity.value
        word = message(f"ui.{sev}", self.lang)
        where = self._c("path", f"{finding.file}:{finding.line}:{finding.col}:")
        self.stream.write(
            f"{where} {self._c('code', finding.code)} {self._c(sev, word)}: "
            f"{finding.message(self.lang)}\n"
        )

    def close(self) -> None:
        """Print the summary line."""
        if self.errors or self.warnings:
            line = message("ui.summary", self.lang, files=self.files, errors=self.errors,
                           warnings=self.warnings)
            line = self._c("error" if self.failed else "warning", line)
        else:
            line = self._c("ok", message("ui.summary_ok", self.lang, files=self.files))
        self.stream.write(line + "\n")
        if self.strict and not self.errors and self.warnings:
            self.stream.write(message("ui.strict_failed", self.lang) + "\n")


class JsonReporter(Reporter):
    """The JSON envelope (``report.jsonout``) with ``findings``, a list of: file, line,
    column, code, severity, message."""

    def __init__(self, stream: IO[str], lang: str = "id", strict: bool = False) -> None:
        super().__init__(stream, lang, strict)
        self.items: list[dict[str, Any]] = []

    def finding(self, finding: Finding) -> None:
        """Collect one finding."""
        self.items.append(finding.to_dict(self.lang))

    def close(self) -> None:
        """Write the document."""
        write_document(envelope(findings=self.items), self.stream)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message``."""

    def finding(self, finding: Finding) -> None:
        """Print one workflow command."""
        props = ",".join([
            f"file={_gh_escape(finding.file, True)}",
            f"line={finding.line}",
            f"col={finding.col}",
            f"title={_gh_escape(finding.code, True)}",
        ])
        msg = _gh_escape(f"{finding.code}: {finding.message(self.lang)}")
        self.stream.write(f"::{finding.severity.value} {props}::{msg}\n")


# GitLab's Code Quality severities are info, minor, major, critical and blocker.
_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def gitlab_fingerprint(finding: Finding) -> str:
    """A stable hex hash of the finding's path, line, column, code and (Indonesian) message.

    The message is hashed in Indonesian whatever ``--lang`` is, so a report in English
    names the same findings as one in Indonesian.
    """
    key = "\0".join([finding.file, str(finding.line), str(finding.col), finding.code,
                      finding.message("id")])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _gitlab_path(path: str) -> str:
    path = path.replace(os.sep, "/") if os.sep != "/" else path
    while path.startswith("./"):
        path = path[2:]
    return path


class GitlabReporter(Reporter):
    """GitLab Code Quality report (the Code Climate subset GitLab reads): a JSON array of
    description, check_name, fingerprint, severity, location (path, lines.begin)."""

    def __init__(self, stream: IO[str], lang: str = "id", strict: bool = False) -> None:
        super().__init__(stream, lang, strict)
        self.items: list[dict[str, Any]] = []
        self.seen: set[str] = set()

    def finding(self, finding: Finding) -> None:
        """Collect one issue."""
        fingerprint = gitlab_fingerprint(finding)
        # GitLab shows one issue per fingerprint: two equal findings (same place, code and
        # message) stay two issues, the second hashed with its repeat count.
        repeat = 1
        unique = fingerprint
        while unique in self.seen:
            repeat += 1
            unique = hashlib.sha256(f"{fingerprint}\0{repeat}".encode()).hexdigest()
        self.seen.add(unique)
        self.items.append({
            "description": f"{finding.code}: {finding.message(self.lang)}",
            "check_name": finding.code,
            "fingerprint": unique,
            "severity": _GITLAB_SEVERITY.get(finding.severity.value, "info"),
            "location": {"path": _gitlab_path(finding.file),
                         "lines": {"begin": finding.line}},
        })

    def close(self) -> None:
        """Write the array (``[]`` when there is nothing to report)."""
        json.dump(self.items, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
}
