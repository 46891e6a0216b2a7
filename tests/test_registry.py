"""The rules registry keeps codes, checks, messages, examples and the README together.

Every finding code has: a registry entry, an emitting site (its stage's module), a message in
both languages, a row in the README's generated table, and an invalid example in
data/invalid that produces it, or a stated reason it cannot be a data file and the test that
covers it instead.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from soptool.commands.validate import validate_file
from soptool.loading import _from_shape
from soptool.model import Sop
from soptool.report.messages import CATALOGUE
from soptool.rules import checks
from soptool.rules.__main__ import main
from soptool.rules.registry import (
    CHECKS,
    MARK_BEGIN,
    MARK_END,
    RULES,
    Stage,
    markdown_table,
    readme_table,
    update_readme,
)
from soptool.source.yamltree import Positions

from .conftest import DATA, ROOT

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (SOP\d{3}) (\d+):(\d+)$", re.M)

# Codes that cannot be a case file in data/invalid: why, and the test that covers each.
NOT_A_DATA_FILE = {
    "SOP001": ("a folder, a missing file or one without read permission cannot be committed "
               "as a case file", "tests/test_loading.py::test_unreadable_file"),
    "SOP002": ("a case file's '# expect:' lines are read as UTF-8",
               "tests/test_loading.py::test_each_bad_input_gives_one_clear_finding"),
    "SOP006": ("a case file over 5 MiB does not belong in the repository",
               "tests/test_loading.py::test_each_bad_input_gives_one_clear_finding"),
    "SOP010": ("NUL bytes make git treat the case file as binary",
               "tests/test_loading.py::test_each_bad_input_gives_one_clear_finding"),
    "SOP012": ("a UTF-16 case file's '# expect:' lines are not UTF-8",
               "tests/test_loading.py::test_each_bad_input_gives_one_clear_finding"),
    "SOP306": ("only `soptool duration --mulai` projects an SOP on the calendar; validate "
               "never gives it", "tests/test_duration_limits.py::"
               "test_a_projection_too_long_is_that_files_finding"),
    "SOP409": ("a check across the files validated together: a case file is checked alone",
               "tests/test_status.py::test_a_missing_successor_is_an_error_at_its_value"),
    "SOP410": ("a check across the files validated together: a case file is checked alone",
               "tests/test_status.py::test_a_nomor_used_twice_is_a_warning_on_the_later_file"),
    "SOP100": ("the fallback for a shape error with no code of its own: no file reaches it "
               "while every error of the model has its code",
               "tests/test_registry.py::test_sop100_is_the_fallback_for_other_shape_errors"),
}


def _examples() -> dict[str, list[str]]:
    """code -> the case files that expect it."""
    found: dict[str, list[str]] = {}
    for path in INVALID:
        for code, _, _ in EXPECT.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(path.name)
    return found


def test_registry_and_catalogue_have_the_same_codes() -> None:
    catalogued = {key for key in CATALOGUE if re.fullmatch(r"SOP\d{3}", key)}
    assert sorted(catalogued - RULES.keys()) == [], "messages without a rule"
    assert sorted(RULES.keys() - catalogued) == [], "rules without a message"


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_message_in_both_languages(code: str) -> None:
    rule = RULES[code]
    indonesian, english = CATALOGUE[rule.message_key]
    assert indonesian.strip() and english.strip()
    assert rule.doc.strip() and "\n" not in rule.doc and "|" not in rule.doc


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_an_emitting_site(code: str) -> None:
    rule = RULES[code]
    module = importlib.import_module(rule.stage.module)
    assert f'"{code}"' in inspect.getsource(module), f"{code} is not emitted by {module}"
    if rule.stage is Stage.CHECKS:
        assert rule.check is not None and rule.check.__module__ == checks.__name__
        assert rule.check in CHECKS
    else:
        assert rule.check is None


def test_every_check_is_in_the_registry() -> None:
    defined = {f for name, f in vars(checks).items()
               if name.startswith("check_") and inspect.isfunction(f)}
    assert defined == set(CHECKS)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_an_invalid_example_or_a_reason(code: str) -> None:
    examples = _examples()
    if code in NOT_A_DATA_FILE:
        assert code not in examples, f"{code} has a case file: drop it from NOT_A_DATA_FILE"
        reason, test = NOT_A_DATA_FILE[code]
        path, name = test.split("::")
        assert reason and re.search(rf"^def {name}\(", (ROOT / path).read_text(
            encoding="utf-8"), re.M), f"{test} does not exist"
    else:
        assert code in examples, (
            f"{code} has no case file in tests/data/invalid/ (a file with '# expect: {code} "
            "LINE:COL'), nor a reason in NOT_A_DATA_FILE")


def test_no_case_file_expects_an_unknown_code() -> None:
    assert sorted(_examples().keys() - RULES.keys()) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_findings_have_the_severity_of_their_rule(path: Path) -> None:
    for f in validate_file(path).findings:
        assert f.severity is RULES[f.code].severity, f"{path.name}: {f.code}"


def test_sop100_is_the_fallback_for_other_shape_errors() -> None:
    error = {"type": "int_parsing", "loc": ("langkah", 0, "waktu"), "input": "x", "ctx": {}}
    finding = _from_shape(Sop, error, Positions(), "x.yaml")
    assert finding.code == "SOP100"
    assert finding.message() == "nilai 'waktu' pada langkah 1 tidak valid: int_parsing"


def test_readme_table_is_generated_from_the_registry() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme_table(text)
    assert table is not None, f"README.md lacks the {MARK_BEGIN} ... {MARK_END} markers"
    assert table == markdown_table(), (
        "README.md's code table differs from the rules registry "
        "(src/soptool/rules/registry.py): run `python -m soptool.rules --update README.md`")


def test_markdown_table_has_one_row_per_code() -> None:
    rows = markdown_table().splitlines()[2:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == sorted(RULES)
    assert "| SOP202 | peringatan | " in markdown_table()
    assert "| SOP201 | galat | " in markdown_table()


def test_main_prints_and_updates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out == markdown_table()
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{MARK_BEGIN}\nold\n{MARK_END}\n\nend\n", encoding="utf-8")
    assert main(["--update", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == (
        f"# x\n\n{MARK_BEGIN}\n{markdown_table()}{MARK_END}\n\nend\n")
    assert not update_readme(readme)
    assert main(["--bogus"]) == 2
