"""What the hot paths load: pre-commit's `soptool validate FILE` and `soptool --version`.

Issue #5 asks validate of one file to start within 2x of `python -c "import pydantic, yaml"`.
That is measured by bench/run.py (never timed here); these tests pin its cause: every command
goes through the one typer app in soptool.cli, which imports only the command invoked, and
the hot paths import none of the heavy libraries that other commands need. Validating needs
the format's models, which are pydantic's (issue 10): pydantic is allowed, typer's own
pydantic coercion of option values is not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What validate never needs: the other commands' libraries, worker processes for one file,
# and typer's pydantic coercion of option values (soptool.cli.common.PlainCoercion).
HEAVY = ("rich", "jinja2", "holidays", "ruamel", "multiprocessing", "typer._adapters",
         "soptool.render", "soptool.review", "soptool.timing.calendar", "soptool.cli.render",
         "soptool.cli.duration", "soptool.cli.diff", "soptool.cli.fmt", "soptool.cli.schema")

PROBE = """
import sys
from soptool.cli import main
sys.argv = ["soptool", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
heavy = [m for m in {heavy!r} if m in sys.modules]
print("EXIT", code, "LOADED", ",".join(heavy) or "-")
"""


def probe(*args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(heavy=heavy), *args],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return proc.stdout.splitlines()


def test_validate_one_file_loads_no_heavy_library() -> None:
    lines = probe("validate", "sops/rka-balai.yaml")
    assert lines == ["1 berkas diperiksa: semua valid", "EXIT 0 LOADED -"]


def test_validate_with_options_loads_no_heavy_library() -> None:
    lines = probe("validate", "--strict", "--format", "text", "--lang", "id",
                  "sops/rka-balai.yaml")
    assert lines == ["1 berkas diperiksa: semua valid", "EXIT 0 LOADED -"]


def test_validate_with_findings_loads_no_heavy_library(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nama: X\npelaksana: {a: A}\nlangkah:\n  - kegiatan: K\n"
                   "    pelaksana: b\n    waktu: 2 jam\n    warna: merah\n", encoding="utf-8")
    lines = probe("validate", str(bad))
    assert lines[-1] == "EXIT 1 LOADED -"
    assert any("SOP101" in line and f"{bad}:7:5" in line for line in lines)
    assert any("SOP201" in line for line in lines)


def test_version_loads_no_command() -> None:
    from soptool import __version__

    heavy = (*HEAVY, "soptool.cli.validate", "soptool.model", "pydantic", "yaml")
    assert probe("--version", heavy=heavy) == [f"soptool {__version__}", "EXIT 0 LOADED -"]


def test_help_lists_every_command_without_importing_them() -> None:
    heavy = (*HEAVY, "soptool.cli.validate", "soptool.model", "pydantic")
    lines = probe("--help", heavy=heavy)
    assert lines[-1] == "EXIT 0 LOADED -"
    for name in ("validate", "schema", "duration", "render", "diff", "fmt"):
        assert any(line.startswith(f"  {name}  ") for line in lines), name


def test_duration_loads_only_what_it_needs() -> None:
    lines = probe("duration", "sops/rka-balai.yaml",
                  heavy=("jinja2", "rich", "ruamel", "typer._adapters", "soptool.render",
                         "soptool.review", "soptool.cli.render"))
    assert lines[-1] == "EXIT 0 LOADED -"
