"""Pydantic models of the SOP file format (../shared/design/format.md); no I/O here.

Scalars arrive from the loader as text, exactly as written. Dates are parsed here; durations
stay text (their grammar is in ``timing`` and is checked with its own codes).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
MONTH_NAMES = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_WORDS_RE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
END = "selesai"


def parse_date(text: str) -> dt.date:
    """Parse ``2025-12-17``, ``17 Desember 2025`` or ``17/12/2025``.

    Raises ValueError whose args are (message key, params) for the reason.
    """
    s = " ".join(text.split())
    m = _ISO_RE.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY_RE.match(s):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _WORDS_RE.match(s):
        month = MONTHS.get(m.group(2).lower())
        if month is None:
            raise ValueError("date.month", {"word": m.group(2)})
        d, mo, y = int(m.group(1)), month, int(m.group(3))
    else:
        raise ValueError("date.shape", {})
    if not 1 <= mo <= 12:
        raise ValueError("date.month_number", {"month": mo})
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError("date.day", {"day": d, "month": MONTH_NAMES[mo - 1], "year": y}) from None


def format_date(value: dt.date) -> str:
    """A date as Indonesian documents print it: ``17 Desember 2025``."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def _date(value: Any) -> Any:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not value.strip() or value.strip() == "-":
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            key, params = exc.args
            raise PydanticCustomError(
                "sop_date", "invalid date", {"text": value, "reason": (key, params)}
            ) from None
    return value


def _text_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def _target(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _step_id(value: Any) -> Any:
    if isinstance(value, str) and not ID_RE.match(value):
        raise PydanticCustomError("sop_id", "invalid id", {"text": value})
    if value == END:
        raise PydanticCustomError("sop_id_reserved", "reserved id", {"text": value})
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("sop_blank", "blank text")
    return value


Date = Annotated[
    dt.date | None,
    BeforeValidator(_date),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "description": "2025-12-17 or 17 Desember 2025",
        }
    ),
]
# In the JSON Schema a text scalar also admits what a YAML 1.2 reader (an editor, another
# validator) would type as a number or boolean: soptool itself reads every scalar as text.
_SCALAR = ["string", "number", "boolean"]
TextList = Annotated[
    list[str],
    BeforeValidator(_text_list),
    WithJsonSchema(
        {"anyOf": [{"type": "array", "items": {"type": _SCALAR}}, {"type": [*_SCALAR, "null"]}]}
    ),
]
Target = Annotated[
    str,
    BeforeValidator(_target),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}],
            "description": "a step number (from 1), a step id, or selesai",
        }
    ),
]
Text = Annotated[str, AfterValidator(_not_blank), WithJsonSchema({"type": _SCALAR})]
OptText = Annotated[str | None, WithJsonSchema({"type": [*_SCALAR, "null"]})]
StepId = Annotated[str | None, BeforeValidator(_step_id), WithJsonSchema({"type": "string"})]
Actors = Annotated[
    list[str],
    BeforeValidator(_text_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        }
    ),
]


def _null_to_default(value: Any) -> Any:
    # An empty mapping (``tanggal:`` with nothing under it) means "nothing filled in yet".
    return {} if value is None else value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tanggal(_Model):
    """The three dates of the identity sheet."""

    pembuatan: Date = None
    revisi: Date = None
    efektif: Date = None


class DisahkanOleh(_Model):
    """Who signs the SOP."""

    jabatan: OptText = None
    nama: OptText = None
    nip: OptText = None


class Keputusan(_Model):
    """A decision: the question and where each branch goes."""

    tanya: OptText = None
    ya: Target
    tidak: Target
    label_ya: OptText = None
    label_tidak: OptText = None


class Langkah(_Model):
    """One step of the procedure."""

    kegiatan: Text
    pelaksana: Actors = Field(min_length=1)
    id: StepId = None
    kelengkapan: TextList = []
    waktu: OptText = None
    output: TextList = []
    keterangan: OptText = None
    keputusan: Keputusan | None = None
    lanjut: Annotated[Target | None, WithJsonSchema({"type": ["integer", "string"]})] = None


class Sop(_Model):
    """One SOP in the SOP AP form."""

    nomor: OptText = None
    nama: Text
    instansi: TextList = []
    tanggal: Annotated[Tanggal, BeforeValidator(_null_to_default)] = Tanggal()
    disahkan_oleh: Annotated[DisahkanOleh, BeforeValidator(_null_to_default)] = DisahkanOleh()
    dasar_hukum: TextList = []
    kualifikasi_pelaksana: TextList = []
    keterkaitan: TextList = []
    peralatan: TextList = []
    peringatan: TextList = []
    pencatatan: TextList = []
    batas_waktu: OptText = None
    satuan_waktu: OptText = None
    pelaksana: dict[str, Text] = Field(min_length=1)
    langkah: list[Langkah] = Field(min_length=1)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors and other validators."""
    schema = Sop.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SOP AP (soptool)"
    return schema
