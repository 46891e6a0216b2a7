"""model.build: every kind of field read and rejected, with the error shapes loading maps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from soptool.model import Keputusan, Langkah, ShapeError, Sop, Tanggal, build, fields_of

STEP = {"kegiatan": "Susun", "pelaksana": "a"}


def sop(**extra: Any) -> dict[str, Any]:
    return {"nama": "X", "pelaksana": {"a": "A"}, "langkah": [STEP], **extra}


def errors(data: Any) -> list[tuple[str, tuple[str | int, ...]]]:
    with pytest.raises(ShapeError) as info:
        build(Sop, data)
    return [(e["type"], e["loc"]) for e in info.value.errors]


def test_a_minimal_sop_reads_with_defaults() -> None:
    got = build(Sop, sop())
    assert got.nama == "X" and got.pelaksana == {"a": "A"}
    assert got.langkah == [Langkah(kegiatan="Susun", pelaksana=["a"])]
    assert got.tanggal == Tanggal() and got.instansi == [] and got.nomor is None


def test_text_lists_dates_targets_and_nulls() -> None:
    got = build(Sop, sop(
        instansi="Dinas", dasar_hukum=None, tanggal={"pembuatan": "17 Desember 2025",
                                                     "revisi": "-", "efektif": None},
        disahkan_oleh=None,
        langkah=[{**STEP, "keputusan": {"ya": 1, "tidak": "selesai"}, "id": "cek-1"},
                 {**STEP, "pelaksana": ["a"], "lanjut": "cek-1", "output": ["x", "y"]}]))
    assert got.instansi == ["Dinas"] and got.dasar_hukum == []
    assert got.tanggal == Tanggal(pembuatan=dt.date(2025, 12, 17))
    assert got.langkah[0].keputusan == Keputusan(ya="1", tidak="selesai")
    assert got.langkah[1].lanjut == "cek-1" and got.langkah[1].output == ["x", "y"]


@pytest.mark.parametrize(("data", "expected"), [
    ({"pelaksana": {"a": "A"}, "langkah": [STEP]}, [("missing", ("nama",))]),
    (sop(nama="  "), [("sop_blank", ("nama",))]),
    (sop(nama=["X"]), [("string_type", ("nama",))]),
    (sop(warna="merah"), [("extra_forbidden", ("warna",))]),
    (sop(instansi={"a": "b"}), [("list_type", ("instansi",))]),
    (sop(instansi=["a", ["b"], None]),
     [("string_type", ("instansi", 1)), ("string_type", ("instansi", 2))]),
    (sop(tanggal="kemarin"), [("model_type", ("tanggal",))]),
    (sop(tanggal={"revisi": "32 Januari 2025"}), [("sop_date", ("tanggal", "revisi"))]),
    (sop(tanggal={"revisi": ["2025-01-01"]}), [("date_type", ("tanggal", "revisi"))]),
    (sop(pelaksana={}), [("too_short", ("pelaksana",))]),
    (sop(pelaksana=None), [("dict_type", ("pelaksana",))]),
    (sop(pelaksana={"a": ""}), [("sop_blank", ("pelaksana", "a"))]),
    (sop(langkah=[]), [("too_short", ("langkah",))]),
    (sop(langkah="Susun"), [("list_type", ("langkah",))]),
    (sop(langkah=["Susun"]), [("model_type", ("langkah", 0))]),
    (sop(langkah=[{"kegiatan": "K"}]), [("missing", ("langkah", 0, "pelaksana"))]),
    (sop(langkah=[{**STEP, "pelaksana": []}]), [("too_short", ("langkah", 0, "pelaksana"))]),
    (sop(langkah=[{**STEP, "pelaksana": None}]), [("too_short", ("langkah", 0, "pelaksana"))]),
    (sop(langkah=[{**STEP, "id": "Langkah 1"}]), [("sop_id", ("langkah", 0, "id"))]),
    (sop(langkah=[{**STEP, "id": "selesai"}]), [("sop_id_reserved", ("langkah", 0, "id"))]),
    (sop(langkah=[{**STEP, "keputusan": {"ya": "2"}}]),
     [("missing", ("langkah", 0, "keputusan", "tidak"))]),
    (sop(langkah=[{**STEP, "keputusan": {"ya": True, "tidak": "1"}}]),
     [("string_type", ("langkah", 0, "keputusan", "ya"))]),
    (sop(langkah=[{**STEP, "keputusan": "ya"}]), [("model_type", ("langkah", 0, "keputusan"))]),
    (["nama"], [("model_type", ())]),
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


def test_models_are_frozen() -> None:
    got = build(Sop, sop())
    with pytest.raises(AttributeError):
        got.nama = "Y"  # type: ignore[misc]


def test_required_fields_are_those_without_defaults() -> None:
    assert [n for n, f in fields_of(Sop).items() if f.required] == [
        "nama", "pelaksana", "langkah"]
    assert [n for n, f in fields_of(Keputusan).items() if f.required] == ["ya", "tidak"]
