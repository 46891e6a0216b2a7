from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soptool import __version__
from soptool.cli import app

from .conftest import DATA, ROOT

runner = CliRunner()
SOPS = ROOT / "sops"
BAD = DATA / "invalid"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


def test_validate_seeds_exit_0_with_summary() -> None:
    code, out = run("validate", str(SOPS))
    assert code == 0
    assert out.strip().splitlines()[-1] == "2 berkas diperiksa: semua valid"


def test_errors_exit_1_and_every_file_is_checked() -> None:
    code, out = run("validate", str(SOPS), str(BAD / "bad-waktu.yaml"),
                    str(BAD / "undeclared-pelaksana.yaml"))
    assert code == 1
    lines = out.strip().splitlines()
    assert any(line.startswith(f"{BAD / 'bad-waktu.yaml'}:10:12: SOP301 galat: waktu '5 jem'")
               for line in lines)
    assert any("SOP201 galat: pelaksana 'kepla' tidak dideklarasikan" in line
               and "(maksud Anda 'kepala'?)" in line for line in lines)
    assert lines[-1].startswith("4 berkas diperiksa: 4 galat, ")


def test_warnings_exit_0_but_1_under_strict() -> None:
    path = str(BAD / "unused-pelaksana.yaml")
    code, out = run("validate", path)
    assert code == 0
    assert "SOP202 peringatan: pelaksana 'kepala' (Kepala) dideklarasikan" in out
    code, out = run("validate", "--strict", path)
    assert code == 1
    assert "gagal karena --strict" in out


@pytest.mark.parametrize("args", [
    ["validate", "--no-such-option", "sops"],
    ["validate"],
    ["validate", "--format", "xml", "sops"],
    ["no-such-command"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _ = run(*args)
    assert code == 2


def test_missing_path_exit_2_with_indonesian_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "tidak-ada.yaml")])
    assert result.exit_code == 2
    assert "path tidak ada" in result.output
    assert "tidak-ada.yaml" in result.output


def test_folder_without_sops_exit_2(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path))
    assert code == 2
    assert "tidak ada berkas SOP" in out


def test_folder_discovery_skips_config_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "soptool.yaml").write_text("kalender: {}\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("- not an sop\n", encoding="utf-8")
    sub = tmp_path / "bidang"
    sub.mkdir()
    (sub / "a.yml").write_bytes((SOPS / "rka-balai.yaml").read_bytes())
    code, out = run("validate", str(tmp_path))
    assert code == 0, out
    assert "1 berkas diperiksa" in out


def test_json_format() -> None:
    code, out = run("validate", "--format", "json", str(BAD / "bad-target.yaml"), str(SOPS))
    assert code == 1
    doc = json.loads(out)
    assert list(doc) == ["versi", "soptool", "findings"]
    assert doc["versi"] == 1 and doc["soptool"] == __version__
    items = doc["findings"]
    errors = [i for i in items if i["severity"] == "error"]
    assert [(i["code"], i["line"], i["column"]) for i in errors] == [
        ("SOP204", 15, 14), ("SOP204", 21, 13)]
    for item in items:
        assert set(item) >= {"file", "line", "column", "code", "severity", "message"}
        assert item["file"] == str(BAD / "bad-target.yaml")
    assert "tujuan 'susn' tidak ada" in errors[0]["message"]


def test_json_format_clean_has_no_findings() -> None:
    code, out = run("validate", "-f", "json", str(SOPS))
    assert code == 0
    assert json.loads(out) == {"versi": 1, "soptool": __version__, "findings": []}


def test_github_format() -> None:
    code, out = run("validate", "--format", "github", str(BAD / "unknown-key.yaml"),
                    str(BAD / "unused-pelaksana.yaml"))
    assert code == 1
    lines = out.strip().splitlines()
    assert f"::error file={BAD / 'unknown-key.yaml'},line=9,col=5,title=SOP101::SOP101: " \
           "kunci tidak dikenal 'outptu' (maksud Anda 'output'?)" in lines
    assert any(line.startswith(f"::warning file={BAD / 'unused-pelaksana.yaml'},line=6,col=3,")
               for line in lines)


def test_github_escapes_newlines_and_percent() -> None:
    from soptool.findings import Finding, Severity
    from soptool.report.reporters import _gh_escape

    assert _gh_escape("a%b\nc") == "a%25b%0Ac"
    assert _gh_escape("C:\\x,y", prop=True) == "C%3A\\x%2Cy"
    assert Finding("SOP001", Severity.ERROR, "f", 1, 1, {"reason": "x"}).to_dict()["line"] == 1


def test_english_with_flag_and_environment() -> None:
    path = str(BAD / "unknown-key.yaml")
    _, out = run("validate", "--lang", "en", path)
    assert "SOP101 error: unknown key 'outptu' (did you mean 'output'?)" in out
    assert out.strip().splitlines()[-1] == "1 file(s) checked: 1 error(s), 4 warning(s)"
    _, out = run("validate", path, env={"SOPTOOL_LANG": "en"})
    assert "unknown key 'outptu'" in out
    code, _ = run("validate", "--lang", "fr", path)
    assert code == 2


def test_colour_only_when_forced_or_on_terminal() -> None:
    path = str(BAD / "unknown-key.yaml")
    _, plain = run("validate", path)
    assert "\x1b[" not in plain
    _, coloured = run("validate", path, env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31mgalat\x1b[0m" in coloured
    _, no_colour = run("validate", path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in no_colour


def test_version_and_python_m() -> None:
    code, out = run("--version")
    assert code == 0 and out.startswith("soptool ")
    proc = subprocess.run([sys.executable, "-m", "soptool", "validate", str(SOPS)],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0
    assert "2 berkas diperiksa: semua valid" in proc.stdout


def test_schema_describes_the_format() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    code, out = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert set(schema["required"]) == {"nama", "pelaksana", "langkah"}
    assert schema["additionalProperties"] is False
    validator = jsonschema.Draft202012Validator(schema)

    class Yaml12Loader(yaml.SafeLoader):
        """Like an editor's YAML 1.2 reader: numbers and booleans typed, dates left text."""

    Yaml12Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for path in [*sorted((DATA / "valid").glob("*.yaml")), *sorted(SOPS.glob("*.yaml"))]:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=Yaml12Loader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path.name
    bad = yaml.safe_load((BAD / "unknown-key.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(bad))


def test_pre_commit_hook_declared() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "soptool-validate")
    assert hook["entry"] == "soptool validate"
    assert hook["language"] == "python"


def test_discovery_skips_hidden_files_and_hooks_target_sops(tmp_path: Path) -> None:
    import re

    import yaml

    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_bytes((SOPS / "rka-balai.yaml").read_bytes())
    code, out = run("validate", str(tmp_path))
    assert code == 0 and "1 berkas diperiksa" in out
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        files = re.compile(hook["files"])
        assert files.search("sops/rka-balai.yaml")
        assert files.search("dinas/sops/bidang/x.yml")
        assert not files.search(".github/workflows/sop.yml")
        assert not files.search("mkdocs.yml")


def test_diff_of_folders_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("diff", str(SOPS), str(SOPS / "rka-balai.yaml"))
    assert code == 2
    assert "membandingkan dua berkas, bukan folder" in out
