"""What the hot paths load: pre-commit's `soptool validate FILE` and `soptool --version`.

Issue #5 asks validate of one file to start within 2x of `python -c "import pydantic, yaml"`.
That is measured by bench/run.py (never timed here); these tests pin its cause: the hot
paths import none of the heavy libraries that other commands need. Validating needs the
format's models, which are pydantic's (issue 10): pydantic is the one library validate
loads, and `--version` loads none.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "pydantic,pydantic_core"  # what validating loads: the format's models
HEAVY = ("pydantic", "pydantic_core", "typer", "click", "rich", "jinja2", "holidays",
         "ruamel", "multiprocessing")

PROBE = """
import sys
from soptool import entry
sys.argv = ["soptool", *sys.argv[1:]]
try:
    entry.main()
except SystemExit as exc:
    code = exc.code
heavy = [m for m in {heavy!r} if m in sys.modules]
print("EXIT", code, "LOADED", ",".join(heavy) or "-")
"""


def probe(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return proc.stdout.splitlines()


def test_validate_one_file_loads_no_heavy_library() -> None:
    lines = probe("validate", "sops/rka-balai.yaml")
    assert lines == ["1 berkas diperiksa: semua valid", f"EXIT 0 LOADED {MODEL}"]


def test_validate_with_findings_loads_no_heavy_library(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nama: X\npelaksana: {a: A}\nlangkah:\n  - kegiatan: K\n"
                   "    pelaksana: b\n    waktu: 2 jam\n    warna: merah\n", encoding="utf-8")
    lines = probe("validate", str(bad))
    assert lines[-1] == f"EXIT 1 LOADED {MODEL}"
    assert any("SOP101" in line and f"{bad}:7:5" in line for line in lines)
    assert any("SOP201" in line for line in lines)


def test_version_loads_no_heavy_library() -> None:
    from soptool import __version__

    assert probe("--version") == [f"soptool {__version__}", "EXIT 0 LOADED -"]


def test_other_commands_still_get_the_full_cli() -> None:
    lines = probe("validate", "--strict", "sops/rka-balai.yaml")
    assert lines[-1].startswith("EXIT 0 LOADED ")
    assert "typer" in lines[-1]
