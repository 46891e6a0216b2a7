"""The benchmark keeps working: its corpus is valid, and a small run prints the table."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from soptool.commands.validate import validate_file
from soptool.model import json_schema

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    gen = _generate()
    out = tmp_path_factory.mktemp("corpus")
    paths: list[Path] = gen.generate_corpus(out, 20, seed=35)
    big = out / "big-300.yaml"
    big.write_text(gen.big_sop(300), encoding="utf-8")
    return [*paths, big]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    gen = _generate()
    a = [p.read_text("utf-8") for p in gen.generate_corpus(tmp_path / "a", 5, seed=7)]
    b = [p.read_text("utf-8") for p in gen.generate_corpus(tmp_path / "b", 5, seed=7)]
    c = [p.read_text("utf-8") for p in gen.generate_corpus(tmp_path / "c", 5, seed=8)]
    assert a == b
    assert a != c
    assert gen.big_sop(50) == gen.big_sop(50)
    assert gen.big_sop(50).count("\n  - ") >= 50


def test_every_generated_file_is_valid(corpus: list[Path]) -> None:
    shapes = {"loop": 0, "exit": 0, "lanjut": 0, "bare": 0, "not_measurable": 0}
    for path in corpus:
        result = validate_file(path, keep=True)
        errors = [f"{f.line}:{f.col} {f.code} {f.message('en')}"
                  for f in result.findings if f.is_error]
        assert errors == [], f"{path.name}: {errors}"
        sop = result.loaded.sop if result.loaded else None
        assert sop is not None
        assert 2 <= len(sop.pelaksana) <= 7
        assert sop.nomor and sop.instansi and sop.tanggal.pembuatan
        assert sop.disahkan_oleh.jabatan and sop.disahkan_oleh.nip
        if path.name.startswith("sop-"):
            assert 5 <= len(sop.langkah) <= 30
        for i, step in enumerate(sop.langkah):
            if step.keputusan is not None:
                shapes["exit"] += step.keputusan.tidak == "selesai"
                shapes["loop"] += step.keputusan.tidak.isdigit() and \
                    int(step.keputusan.tidak) <= i + 1
            shapes["lanjut"] += step.lanjut is not None
            shapes["bare"] += bool(step.waktu and step.waktu.isdigit())
            shapes["not_measurable"] += step.waktu in ("disesuaikan", "tentatif", "-")
    assert all(shapes.values()), shapes


def test_corpus_passes_check_jsonschema(corpus: list[Path], tmp_path: Path) -> None:
    """The peer gets files it accepts, so the comparison is on equal work."""
    exe = Path(sys.executable).parent / "check-jsonschema"
    if not exe.exists():
        found = shutil.which("check-jsonschema")
        if found is None:
            pytest.skip("check-jsonschema is not installed (pip install -e '.[bench]')")
        exe = Path(found)
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(json_schema()), encoding="utf-8")
    files = [*corpus, *sorted((ROOT / "sops").glob("*.yaml"))]
    proc = subprocess.run([str(exe), "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_runner_smoke() -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--n", "20", "--runs", "1", "--quick"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "section   measurement" in out
    for row in ("floor: yaml.compose x 20", "soptool validate x 20", "check-jsonschema x 20",
                "soptool duration x 20", "soptool render x 20 (HTML)",
                'python -c "import pydantic, yaml"', "soptool --version",
                "soptool validate (1 file)", "check-jsonschema (1 file)", "yamllint (1 file)",
                "soptool validate (200 steps)", "soptool fmt --check x 20",
                "soptool fmt --check (200 steps)",
                "peak RSS, validate x 20"):
        assert row in out, row
    for target in ("validate x 20 / floor (<= 1.5x)",
                   "check-jsonschema x 20 / validate (>= 20x)",
                   "duration x 20 / validate (<= 1.2x)", "render x 20 / validate (<= 4x)",
                   "fmt --check x 20 / validate (<= 3x)",
                   "fmt --check 200 steps / validate 200 steps (<= 3x)",
                   "validate 1 file / check-jsonschema 1 file (<= 1x)",
                   "validate 20 -> 200 steps growth (<= 12x)",
                   "render 20 -> 200 steps growth (<= 12x)",
                   "peak RSS validate x 20 (< 150 MB)"):
        line = next((x for x in out.splitlines() if target in x), None)
        assert line is not None, target
        assert line.rstrip().endswith(("PASS", "MISS", "n/a")), line
