"""``soptool validate --format gitlab``: a GitLab Code Quality report.

GitLab reads a JSON array of issues, each with ``description``, ``check_name``,
``fingerprint``, ``severity`` (one of info, minor, major, critical, blocker) and
``location`` with ``path`` and ``lines.begin`` (docs.gitlab.com/ci/testing/code_quality,
"Code Quality report format"); issues with the same fingerprint are shown as one.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.findings import FileResult, Finding, Severity
from soptool.report.reporters import GitlabReporter

from .conftest import DATA, ROOT

runner = CliRunner()
SOPS = ROOT / "sops"
BAD = DATA / "invalid"

# What GitLab requires of a Code Quality report, as a JSON Schema.
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]+$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1,
                             "not": {"pattern": "^(/|\\./)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


def report(*args: str, env: dict[str, str] | None = None) -> tuple[int, list[dict[str, Any]]]:
    code, out = run("validate", "--format", "gitlab", *args, env=env)
    doc = json.loads(out)
    jsonschema.validate(doc, GITLAB_CODE_QUALITY)
    return code, doc


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths as a CI job gives them: relative to the repository root."""
    monkeypatch.chdir(ROOT)


def test_findings_as_gitlab_issues() -> None:
    key, unused = relative(BAD / "unknown-key.yaml"), relative(BAD / "unused-pelaksana.yaml")
    code, issues = report(key, unused)
    assert code == 1
    outptu = [i for i in issues if i["check_name"] == "SOP101"]
    assert len(outptu) == 1
    assert outptu[0]["description"] == (
        "SOP101: kunci tidak dikenal 'outptu' (maksud Anda 'output'?)")
    assert outptu[0]["severity"] == "major"
    assert outptu[0]["location"] == {"path": key, "lines": {"begin": 9}}
    unused_issue = [i for i in issues if i["check_name"] == "SOP202"]
    assert len(unused_issue) == 1
    assert unused_issue[0]["severity"] == "minor"
    assert unused_issue[0]["location"] == {"path": unused, "lines": {"begin": 6}}
    assert unused_issue[0]["description"].startswith("SOP202: pelaksana 'kepala' (Kepala) ")


def test_same_findings_as_json_format() -> None:
    paths = [relative(BAD / name) for name in
             ("bad-target.yaml", "undeclared-pelaksana.yaml", "bad-waktu.yaml")]
    _, out = run("validate", "--format", "json", *paths)
    expected = json.loads(out)["findings"]
    _, issues = report(*paths)
    assert len(issues) == len(expected) > 3
    for issue, finding in zip(issues, expected, strict=True):
        assert issue["check_name"] == finding["code"]
        assert issue["description"] == f"{finding['code']}: {finding['message']}"
        assert issue["location"] == {"path": finding["file"],
                                     "lines": {"begin": finding["line"]}}
        assert issue["severity"] == {"error": "major", "warning": "minor"}[finding["severity"]]


def test_valid_files_give_an_empty_array_and_exit_0() -> None:
    code, out = run("validate", "--format", "gitlab", "sops/")
    assert code == 0
    assert out == "[]\n"


def test_fingerprints_are_distinct_and_stable_across_runs() -> None:
    paths = [relative(p) for p in sorted(BAD.glob("*.yaml"))]
    _, first = report(*paths)
    assert len(first) > 20
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints)
    # Another process (another hash seed, worker processes of its own) gives the same ones.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.run([sys.executable, "-m", "soptool", "validate", "--format", "gitlab",
                           *paths], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=False)
    assert proc.returncode == 1
    assert [i["fingerprint"] for i in json.loads(proc.stdout)] == prints
    # In English: English descriptions, the same findings, so the same fingerprints.
    _, english = report(*paths, "--lang", "en")
    assert [i["fingerprint"] for i in english] == prints
    assert english[0]["description"] != first[0]["description"]


def test_fingerprint_follows_the_finding() -> None:
    """A finding that moves (another line) or changes (another code) is another issue."""
    findings = [Finding("SOP101", Severity.ERROR, "sops/a.yaml", 9, 5, {"key": "x", "hint": ""}),
                Finding("SOP101", Severity.ERROR, "sops/a.yaml", 10, 5, {"key": "x", "hint": ""}),
                Finding("SOP101", Severity.ERROR, "sops/a.yaml", 9, 6, {"key": "x", "hint": ""}),
                Finding("SOP101", Severity.ERROR, "sops/b.yaml", 9, 5, {"key": "x", "hint": ""}),
                Finding("SOP101", Severity.ERROR, "sops/a.yaml", 9, 5, {"key": "y", "hint": ""}),
                Finding("SOP201", Severity.ERROR, "sops/a.yaml", 9, 5,
                        {"key": "x", "hint": ""})]
    prints = [i["fingerprint"] for i in gitlab_issues(findings)]
    assert len(set(prints)) == len(findings)


def test_repeated_finding_stays_two_issues() -> None:
    same = Finding("SOP101", Severity.ERROR, "./sops/a.yaml", 3, 1, {"key": "x", "hint": ""})
    issues = gitlab_issues([same, same])
    assert len(issues) == 2
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    assert issues[0]["location"]["path"] == "sops/a.yaml"
    assert gitlab_issues([same])[0]["fingerprint"] == issues[0]["fingerprint"]


def gitlab_issues(findings: list[Finding]) -> list[dict[str, Any]]:
    stream = io.StringIO()
    reporter = GitlabReporter(stream)
    reporter.add(FileResult("x", findings))
    reporter.close()
    doc = json.loads(stream.getvalue())
    jsonschema.validate(doc, GITLAB_CODE_QUALITY)
    return list(doc)


@pytest.mark.parametrize(("args", "expected"), [
    (["sops/"], 0),
    ([relative(BAD / "unused-pelaksana.yaml")], 0),
    (["--strict", relative(BAD / "unused-pelaksana.yaml")], 1),
    ([relative(BAD / "bad-waktu.yaml"), "sops/"], 1),
    (["tidak-ada.yaml"], 2),
])
def test_exit_codes_as_github_format(args: list[str], expected: int) -> None:
    github, _ = run("validate", "--format", "github", *args)
    gitlab, out = run("validate", "--format", "gitlab", *args)
    assert gitlab == github == expected
    if expected == 2:
        assert "path tidak ada: tidak-ada.yaml" in out
    else:
        jsonschema.validate(json.loads(out), GITLAB_CODE_QUALITY)
