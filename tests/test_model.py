"""The pydantic models: every kind of field accepted and rejected, with the error types and
locations that loading maps to findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from soptool.loading import shape_errors
from soptool.model import (
    DisahkanOleh,
    Kalender,
    Keputusan,
    Langkah,
    ProjectConfig,
    Sop,
    Tanggal,
    build,
    json_schema,
)

STEP = {"kegiatan": "Susun", "pelaksana": "a"}


def sop(**extra: Any) -> dict[str, Any]:
    return {"nama": "X", "pelaksana": {"a": "A"}, "langkah": [STEP], **extra}


def step(**extra: Any) -> dict[str, Any]:
    return sop(langkah=[{**STEP, **extra}])


def errors(data: Any, cls: type[BaseModel] = Sop) -> list[tuple[str, tuple[str | int, ...]]]:
    with pytest.raises(ValidationError) as info:
        cls.model_validate(data)
    return [(e["type"], e["loc"]) for e in info.value.errors()]


def ctx(data: Any) -> dict[str, Any]:
    with pytest.raises(ValidationError) as info:
        Sop.model_validate(data)
    [error] = info.value.errors()
    return dict(error.get("ctx") or {})


def test_a_minimal_sop_reads_with_defaults() -> None:
    got = Sop.model_validate(sop())
    assert got.nama == "X" and got.pelaksana == {"a": "A"}
    assert got.langkah == [Langkah(kegiatan="Susun", pelaksana=["a"])]
    assert got.tanggal == Tanggal() and got.disahkan_oleh == DisahkanOleh()
    assert got.instansi == [] and got.nomor is None and got.batas_waktu is None
    assert build(Sop, sop()) == got


def test_text_lists_dates_targets_and_nulls() -> None:
    got = Sop.model_validate(sop(
        instansi="Dinas", dasar_hukum=None, tanggal={"pembuatan": "17 Desember 2025",
                                                     "revisi": "-", "efektif": None},
        disahkan_oleh=None,
        langkah=[{**STEP, "keputusan": {"ya": 1, "tidak": "selesai"}, "id": "cek-1"},
                 {**STEP, "pelaksana": ["a"], "lanjut": "cek-1", "output": ["x", "y"]}]))
    assert got.instansi == ["Dinas"] and got.dasar_hukum == []
    assert got.tanggal == Tanggal(pembuatan=dt.date(2025, 12, 17))
    assert got.disahkan_oleh == DisahkanOleh()
    assert got.langkah[0].keputusan == Keputusan(ya="1", tidak="selesai")
    assert got.langkah[1].lanjut == "cek-1" and got.langkah[1].output == ["x", "y"]


@pytest.mark.parametrize(("text", "date"), [
    ("2025-12-17", dt.date(2025, 12, 17)),
    ("17 Desember 2025", dt.date(2025, 12, 17)),
    ("17 des. 2025", dt.date(2025, 12, 17)),
    ("17/12/2025", dt.date(2025, 12, 17)),
    ("1.8.2026", dt.date(2026, 8, 1)),
    ("", None),
    ("  ", None),
    ("-", None),
])
def test_dates_are_read_from_their_text(text: str, date: dt.date | None) -> None:
    assert Sop.model_validate(sop(tanggal={"revisi": text})).tanggal.revisi == date


@pytest.mark.parametrize(("text", "reason"), [
    ("kemarin", ("date.shape", {})),
    ("17 Desembre 2025", ("date.month", {"word": "Desembre"})),
    ("2025-13-01", ("date.month_number", {"month": 13})),
    ("32 Januari 2025", ("date.day", {"day": 32, "month": "Januari", "year": 2025})),
])
def test_a_bad_date_says_why(text: str, reason: Any) -> None:
    assert ctx(sop(tanggal={"efektif": text})) == {"text": text, "reason": reason}


def test_python_callers_may_give_dates_and_step_numbers() -> None:
    got = Sop.model_validate(sop(tanggal={"pembuatan": dt.date(2025, 1, 2)},
                                 langkah=[{**STEP, "lanjut": 1}]))
    assert got.tanggal.pembuatan == dt.date(2025, 1, 2)
    assert got.langkah[0].lanjut == "1"
    assert Keputusan(ya=2, tidak=3) == Keputusan(ya="2", tidak="3")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["susun", "susun-konsep", "cek_2", "a1", None])
def test_step_ids_that_are_slugs(value: str | None) -> None:
    assert Sop.model_validate(step(id=value)).langkah[0].id == value


@pytest.mark.parametrize("value", ["Susun", "1a", "a b", "a--b", "a-", "", "langkah 1"])
def test_step_ids_that_are_not_slugs(value: str) -> None:
    assert errors(step(id=value)) == [("sop_id", ("langkah", 0, "id"))]
    assert ctx(step(id=value)) == {"text": value}


@pytest.mark.parametrize(("data", "expected"), [
    ({"pelaksana": {"a": "A"}, "langkah": [STEP]}, [("missing", ("nama",))]),
    (sop(nama="  "), [("sop_blank", ("nama",))]),
    (sop(nama=None), [("string_type", ("nama",))]),
    (sop(nama=["X"]), [("string_type", ("nama",))]),
    (sop(nama=1), [("string_type", ("nama",))]),
    (sop(nomor=["1"]), [("string_type", ("nomor",))]),
    (sop(warna="merah"), [("extra_forbidden", ("warna",))]),
    (sop(instansi={"a": "b"}), [("list_type", ("instansi",))]),
    (sop(instansi=["a", ["b"], None]),
     [("string_type", ("instansi", 1)), ("string_type", ("instansi", 2))]),
    (sop(tanggal="kemarin"), [("model_type", ("tanggal",))]),
    (sop(tanggal={"revisi": "32 Januari 2025"}), [("sop_date", ("tanggal", "revisi"))]),
    (sop(tanggal={"revisi": ["2025-01-01"]}), [("date_type", ("tanggal", "revisi"))]),
    (sop(tanggal={"dibuat": "2025-01-01"}), [("extra_forbidden", ("tanggal", "dibuat"))]),
    (sop(disahkan_oleh=["Kepala"]), [("model_type", ("disahkan_oleh",))]),
    (sop(disahkan_oleh={"nip": ["1"]}), [("string_type", ("disahkan_oleh", "nip"))]),
    (sop(pelaksana={}), [("too_short", ("pelaksana",))]),
    (sop(pelaksana=None), [("dict_type", ("pelaksana",))]),
    (sop(pelaksana=["a"]), [("dict_type", ("pelaksana",))]),
    (sop(pelaksana={"a": ""}), [("sop_blank", ("pelaksana", "a"))]),
    (sop(pelaksana={"a": None}), [("string_type", ("pelaksana", "a"))]),
    (sop(langkah=[]), [("too_short", ("langkah",))]),
    (sop(langkah=None), [("list_type", ("langkah",))]),
    (sop(langkah="Susun"), [("list_type", ("langkah",))]),
    (sop(langkah=["Susun"]), [("model_type", ("langkah", 0))]),
    (sop(langkah=[{"kegiatan": "K"}]), [("missing", ("langkah", 0, "pelaksana"))]),
    (step(kegiatan=""), [("sop_blank", ("langkah", 0, "kegiatan"))]),
    (step(pelaksana=[]), [("too_short", ("langkah", 0, "pelaksana"))]),
    (step(pelaksana=None), [("too_short", ("langkah", 0, "pelaksana"))]),
    (step(pelaksana={"a": "b"}), [("list_type", ("langkah", 0, "pelaksana"))]),
    (step(pelaksana=["a", 1]), [("string_type", ("langkah", 0, "pelaksana", 1))]),
    (step(kelengkapan={"a": 1}), [("list_type", ("langkah", 0, "kelengkapan"))]),
    (step(output=[["x"]]), [("string_type", ("langkah", 0, "output", 0))]),
    (step(waktu=["2 jam"]), [("string_type", ("langkah", 0, "waktu"))]),
    (step(id=5), [("string_type", ("langkah", 0, "id"))]),
    (step(id="selesai"), [("sop_id_reserved", ("langkah", 0, "id"))]),
    (step(lanjut=True), [("string_type", ("langkah", 0, "lanjut"))]),
    (step(keputusan={"ya": "2"}), [("missing", ("langkah", 0, "keputusan", "tidak"))]),
    (step(keputusan={"ya": True, "tidak": "1"}),
     [("string_type", ("langkah", 0, "keputusan", "ya"))]),
    (step(keputusan={"ya": None, "tidak": "1"}),
     [("string_type", ("langkah", 0, "keputusan", "ya"))]),
    (step(keputusan={"ya": "1", "tidak": "2", "lalu": "3"}),
     [("extra_forbidden", ("langkah", 0, "keputusan", "lalu"))]),
    (step(keputusan="ya"), [("model_type", ("langkah", 0, "keputusan"))]),
    (["nama"], [("model_type", ())]),
    ("nama", [("model_type", ())]),
])
def test_rejections_name_their_place(data: Any, expected: list[Any]) -> None:
    assert errors(data) == expected


def test_every_error_is_reported_not_only_the_first() -> None:
    data = sop(nama="", warna="x", langkah=[{"kegiatan": "K", "pelaksana": "a", "id": "A B"},
                                             {"pelaksana": "a", "lanjutt": "1"}])
    assert errors(data) == [
        ("sop_blank", ("nama",)),
        ("sop_id", ("langkah", 0, "id")),
        ("missing", ("langkah", 1, "kegiatan")),
        ("extra_forbidden", ("langkah", 1, "lanjutt")),
        ("extra_forbidden", ("warna",)),
    ]


def test_models_are_strict_and_coerce_nothing() -> None:
    assert errors(sop(nomor=10)) == [("string_type", ("nomor",))]
    assert errors(sop(tanggal={"pembuatan": 20250101})) == [
        ("date_type", ("tanggal", "pembuatan"))]


def test_models_are_frozen() -> None:
    got = Sop.model_validate(sop())
    with pytest.raises(ValidationError):
        got.nama = "Y"  # type: ignore[misc]


def test_required_fields_are_those_without_defaults() -> None:
    def required(cls: type[BaseModel]) -> list[str]:
        return [n for n, f in cls.model_fields.items() if f.is_required()]

    assert required(Sop) == ["nama", "pelaksana", "langkah"]
    assert required(Langkah) == ["kegiatan", "pelaksana"]
    assert required(Keputusan) == ["ya", "tidak"]
    assert required(Tanggal) == required(DisahkanOleh) == required(Kalender) == []


def test_project_settings_shape() -> None:
    got = ProjectConfig.model_validate({"kalender": {"jam_per_hari": "7,5",
                                                     "libur_tambahan": ["2026-10-12", None]}})
    assert got.kalender == Kalender(jam_per_hari="7,5",
                                    libur_tambahan=[dt.date(2026, 10, 12), None])
    assert ProjectConfig.model_validate({"kalender": None}).kalender is None
    assert errors({"kalender": {"jam": "7"}}, ProjectConfig) == [
        ("extra_forbidden", ("kalender", "jam"))]
    assert errors({"kalender": {"libur_tambahan": "2026-10-12"}}, ProjectConfig) == [
        ("list_type", ("kalender", "libur_tambahan"))]
    assert errors({"kalender": {"libur_tambahan": ["besok"]}}, ProjectConfig) == [
        ("sop_date", ("kalender", "libur_tambahan", 0))]


def test_json_schema_is_the_models_schema_with_a_draft() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "SOP AP (soptool)" == Sop.model_json_schema()["title"]
    assert schema["required"] == ["nama", "pelaksana", "langkah"]
    assert sorted(schema["$defs"]) == ["DisahkanOleh", "Keputusan", "Langkah", "Tanggal"]
    step_schema = schema["$defs"]["Langkah"]["properties"]
    assert step_schema["id"]["anyOf"][0]["pattern"] == r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"
    # Pelaksana keys are any text to validate, so the schema accepts them too.
    assert schema["properties"]["pelaksana"]["propertyNames"] == {"pattern": r"\S"}
    units = schema["properties"]["satuan_waktu"]["enum"]
    assert {"menit", "jam", "hari", "minggu", "bulan", "mnt", "pekan", None} <= set(units)
    assert "2 jam" in step_schema["waktu"]["examples"]
    assert "17 Desember 2025" in schema["$defs"]["Tanggal"]["properties"]["revisi"]["examples"]


class _Union(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    x: int | str
    y: list[str] | str | None = None
    z: int | str = 0


def test_loading_reads_one_error_per_place_even_for_a_union() -> None:
    data = {"x": [], "y": {"str": 1}, "w": 1}
    with pytest.raises(ValidationError) as info:
        _Union.model_validate(data)
    assert len(info.value.errors()) == 5  # pydantic: one per member of each union
    assert [(e["type"], e["loc"]) for e in shape_errors(info.value, _Union)] == [
        ("int_type", ("x",)), ("list_type", ("y",)), ("extra_forbidden", ("w",))]
    with pytest.raises(ValidationError) as info:
        _Union.model_validate({})
    assert [(e["type"], e["loc"]) for e in shape_errors(info.value, _Union)] == [
        ("missing", ("x",))]


def test_loading_keeps_the_locations_of_the_format() -> None:
    data = sop(pelaksana={"str": ""}, langkah=[{**STEP, "keputusan": {"ya": []}}],
               tanggal={"revisi": "kemarin"})
    with pytest.raises(ValidationError) as info:
        Sop.model_validate(data)
    assert [e["loc"] for e in shape_errors(info.value, Sop)] == [
        e["loc"] for e in info.value.errors()] == [
        ("tanggal", "revisi"), ("pelaksana", "str"), ("langkah", 0, "keputusan", "ya"),
        ("langkah", 0, "keputusan", "tidak")]
