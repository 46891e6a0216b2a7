"""The Python API: ``from soptool import Sop, load, validate``, and the models' JSON Schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import soptool
from soptool import Sop, SopInvalid, load, validate
from soptool.source.yamltree import parse_yaml

from .conftest import DATA, ROOT

GOOD = ROOT / "sops" / "rka-balai.yaml"
VALID = [*sorted((DATA / "valid").glob("*.yaml")), *sorted((ROOT / "sops").glob("*.yaml"))]
TYPO = "nama: X\npelaksana: {a: A}\nlangkah:\n  - kegiatan: K\n    pelaksana: a\n    kegaitan: x\n"


def test_load_a_path_or_text() -> None:
    sop = load(GOOD)
    assert isinstance(sop, Sop) and sop.nama == "Penyusunan Rencana Aksi Balai"
    assert load(str(GOOD)) == sop
    assert load(GOOD.read_text(encoding="utf-8")) == sop
    assert load(GOOD.read_bytes()) == sop


def test_load_raises_with_positioned_findings(tmp_path: Path) -> None:
    with pytest.raises(SopInvalid) as info:
        load(TYPO)
    [finding] = info.value.findings
    assert (finding.code, finding.line, finding.col) == ("SOP101", 6, 5)
    assert str(info.value) == "<teks>:6:5: SOP101 kunci tidak dikenal 'kegaitan' " \
        "(maksud Anda 'kegiatan'?)"
    assert isinstance(info.value, ValueError)
    path = tmp_path / "typo.yaml"
    path.write_text(TYPO, encoding="utf-8")
    with pytest.raises(SopInvalid, match=rf"^{path}:6:5: SOP101 "):
        load(path)
    with pytest.raises(SopInvalid, match=r"missing\.yaml:1:1: SOP001 "):
        load(str(tmp_path / "missing.yaml"))


def test_load_does_not_run_the_flow_checks() -> None:
    sop = load("nama: X\npelaksana: {a: A}\nlangkah:\n  - {kegiatan: K, pelaksana: b}\n")
    assert sop.langkah[0].pelaksana == ["b"]


def test_validate_lists_every_finding_in_file_order(tmp_path: Path) -> None:
    assert validate(GOOD) == []
    path = tmp_path / "bad.yaml"
    path.write_text(TYPO.replace("pelaksana: a", "pelaksana: b"), encoding="utf-8")
    found = validate(path)
    assert [(f.code, f.line) for f in found if f.is_error] == [("SOP201", 5), ("SOP101", 6)]
    assert validate(str(path)) == found


def test_import_soptool_stays_cheap() -> None:
    code = "import sys, soptool; print(soptool.__version__, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [soptool.__version__, "False"]
    assert {"Sop", "load", "validate", "SopInvalid"} <= set(dir(soptool))
    with pytest.raises(AttributeError):
        soptool.nothing  # noqa: B018


def test_model_json_schema_title() -> None:
    code = "from soptool import Sop; print(Sop.model_json_schema()['title'])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == "SOP AP (soptool)\n"


def _properties(schema: Any, where: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if isinstance(schema, dict):
        for name, prop in (schema.get("properties") or {}).items():
            found.append((f"{where}.{name}", prop))
        for key, value in schema.items():
            if key != "examples":
                found += _properties(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, item in enumerate(schema):
            found += _properties(item, f"{where}[{i}]")
    return found


def test_every_property_has_a_description() -> None:
    schema = soptool.model.json_schema()
    props = _properties(schema)
    assert len(props) == 39  # every field of the five models
    missing = [where for where, prop in props if not str(prop.get("description", "")).strip()]
    assert missing == []
    assert schema["description"].strip()
    assert all(d["description"].strip() for d in schema["$defs"].values())


def test_the_schema_is_a_draft_2020_12_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(soptool.model.json_schema())


def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft202012Validator(soptool.model.json_schema(),
                                           format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_files_as_the_loader_reads_them_are_valid(path: Path) -> None:
    tree, _positions, findings = parse_yaml(path.read_bytes(), str(path))
    assert findings == []
    assert [e.message for e in _validator().iter_errors(tree)] == []


def test_the_schema_accepts_any_pelaksana_key_as_validate_does() -> None:
    data = {"nama": "X", "pelaksana": {"Kepala Balai": "Kepala Balai"},
            "langkah": [{"kegiatan": "K", "pelaksana": "Kepala Balai"}]}
    assert [e.message for e in _validator().iter_errors(data)] == []
    assert soptool.Sop.model_validate(data).pelaksana == {"Kepala Balai": "Kepala Balai"}


@pytest.mark.parametrize(("change", "where"), [
    ({"warna": "merah"}, "warna"),
    ({"langkah": [{"kegiatan": "K", "pelaksana": "a", "kegaitan": "x"}]}, "kegaitan"),
    ({"langkah": [{"kegiatan": "K", "pelaksana": "a", "id": "Langkah 1"}]}, "Langkah 1"),
    ({"langkah": [{"kegiatan": "K", "pelaksana": "a", "id": "selesai"}]}, "selesai"),
    ({"langkah": []}, "[]"),
    ({"pelaksana": {" ": "Kepala"}}, "' '"),
    ({"nama": "  "}, "'  '"),
    ({"satuan_waktu": "jem"}, "jem"),
    ({"tanggal": {"dibuat": "2025-01-01"}}, "dibuat"),
])
def test_the_schema_rejects(change: dict[str, Any], where: str) -> None:
    data = {"nama": "X", "pelaksana": {"a": "A"},
            "langkah": [{"kegiatan": "K", "pelaksana": "a"}], **change}
    messages = [e.message for e in _validator().iter_errors(data)]
    assert messages and any(where in m for m in messages), messages
