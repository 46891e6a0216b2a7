"""Data-driven: every file in data/valid passes; every file in data/invalid produces exactly
the findings its ``# expect: CODE LINE:COL`` lines list (SOP405 identity warnings are only
compared in files that expect some)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool.cli import app
from soptool.commands.validate import validate_file
from soptool.findings import Severity
from soptool.rules.registry import rule

from .conftest import DATA, ROOT

VALID = sorted((DATA / "valid").glob("*.yaml")) + sorted((ROOT / "sops").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (SOP\d{3}) (\d+):(\d+)$", re.M)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_file_has_no_findings(path: Path) -> None:
    result = validate_file(path)
    assert [f"{f.line}:{f.col} {f.code} {f.message()}" for f in result.findings] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_file_gives_expected_findings(path: Path) -> None:
    expected = sorted((c, int(line), int(col)) for c, line, col in EXPECT.findall(
        path.read_text(encoding="utf-8")))
    assert expected, f"{path.name} states no '# expect:' line"
    keep_identity = any(code == "SOP405" for code, _, _ in expected)
    findings = validate_file(path).findings
    actual = sorted((f.code, f.line, f.col) for f in findings
                    if keep_identity or f.code != "SOP405")
    assert actual == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_file_through_the_cli(path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(path)])
    expects_error = any(rule(c).severity is Severity.ERROR
                        for c, _, _ in EXPECT.findall(path.read_text(encoding="utf-8")))
    assert result.exit_code == (1 if expects_error else 0), result.output
    code, line, col = EXPECT.findall(path.read_text(encoding="utf-8"))[0]
    assert f"{path}:{line}:{col}: {code} " in result.output
    assert "Traceback" not in result.output
