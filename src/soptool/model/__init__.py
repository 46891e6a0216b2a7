"""The SOP file format (../shared/design/format.md): frozen dataclasses and their validator.

No I/O here. Scalars arrive from the loader as text, exactly as written; dates are parsed
here, durations stay text (their grammar is in ``timing`` and is checked with its own codes).

Each field declares its ``Kind``: how a value is read (and rejected), and its JSON Schema.
``build`` validates plain data against a class and ``json_schema`` describes the format, both
from those declarations, so the format is written down once.

Why not pydantic: validating one file is pre-commit's hot path, and pydantic's model
machinery alone (importing it and building the schemas) costs about twice what starting
Python and importing PyYAML cost (issue #5). What the loader hands over is only mappings,
lists, text and nulls, which a small reader handles in about the same time per file. Errors
keep pydantic's shape (``type``, ``loc``, ``input``, ``ctx``), so loading maps them to
findings as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

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



# --- reading values --------------------------------------------------------------------------

Loc = tuple[str | int, ...]
Error = dict[str, Any]  # {"type", "loc", "input", "ctx"}: the shape of pydantic's errors
Reader = Callable[[Any, Loc, list[Error]], Any]
T = TypeVar("T")


class ShapeError(ValueError):
    """Data that does not have the shape of the class asked for; ``errors`` says where."""

    def __init__(self, errors: list[Error]) -> None:
        super().__init__(f"{len(errors)} shape error(s): "
                         + ", ".join(f"{e['type']} at {e['loc']}" for e in errors[:5]))
        self.errors = errors


class _Rejected:
    """What a reader returns for a value it rejected (the error is already recorded)."""


BAD: Any = _Rejected()
_SCALAR = ["string", "number", "boolean"]


def _fail(errors: list[Error], loc: Loc, kind: str, value: Any, **ctx: Any) -> Any:
    errors.append({"type": kind, "loc": loc, "input": value, "ctx": ctx})
    return BAD


@dataclass(frozen=True)
class Kind:
    """How one field's value is read, and how the JSON Schema describes it."""

    read: Reader
    schema: Callable[[dict[str, Any]], dict[str, Any]]  # $defs -> the field's schema
    model: type | None = None  # the class a nested mapping becomes

    def meta(self) -> Mapping[str, Kind]:
        """The field metadata that declares this kind."""
        return {"kind": self}


def _fixed(schema: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda defs: schema


def _read_text(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if not isinstance(value, str):
        return _fail(errors, loc, "string_type", value)
    if not value.strip():
        return _fail(errors, loc, "sop_blank", value)
    return value


def _read_opt_text(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if value is None or isinstance(value, str):
        return value
    return _fail(errors, loc, "string_type", value)


def _read_text_list(value: Any, loc: Loc, errors: list[Error]) -> Any:
    # A single text is a list of one; nothing written is an empty list.
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return _fail(errors, loc, "list_type", value)
    bad = [_fail(errors, (*loc, i), "string_type", item)
           for i, item in enumerate(value) if not isinstance(item, str)]
    return BAD if bad else list(value)


def _read_actors(value: Any, loc: Loc, errors: list[Error]) -> Any:
    out = _read_text_list(value, loc, errors)
    if out == []:
        return _fail(errors, loc, "too_short", value)
    return out


def _read_date(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return _fail(errors, loc, "date_type", value)
    if not value.strip() or value.strip() == "-":
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        key, params = exc.args
        return _fail(errors, loc, "sop_date", value, text=value, reason=(key, params))


def _read_dates(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if value is None:
        return None
    if not isinstance(value, list):
        return _fail(errors, loc, "list_type", value)
    out = [_read_date(item, (*loc, i), errors) for i, item in enumerate(value)]
    return BAD if any(d is BAD for d in out) else out


def _read_target(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a step number given from Python rather than from a file
    if isinstance(value, str):
        return value
    return _fail(errors, loc, "string_type", value)


def _read_opt_target(value: Any, loc: Loc, errors: list[Error]) -> Any:
    return None if value is None else _read_target(value, loc, errors)


def _read_step_id(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        return _fail(errors, loc, "string_type", value)
    if not ID_RE.match(value):
        return _fail(errors, loc, "sop_id", value, text=value)
    if value == END:
        return _fail(errors, loc, "sop_id_reserved", value, text=value)
    return value


def _read_text_map(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if not isinstance(value, dict):
        return _fail(errors, loc, "dict_type", value)
    out = {}
    for key, item in value.items():
        if not isinstance(key, str):
            _fail(errors, (*loc, key), "string_type", key)
        elif (text := _read_text(item, (*loc, key), errors)) is not BAD:
            out[key] = text
    if len(out) < len(value):
        return BAD
    if not out:
        return _fail(errors, loc, "too_short", value)
    return out


TEXT = Kind(_read_text, _fixed({"type": _SCALAR}))
OPT_TEXT = Kind(_read_opt_text, _fixed({"type": [*_SCALAR, "null"]}))
TEXT_LIST = Kind(_read_text_list, _fixed({"anyOf": [
    {"type": "array", "items": {"type": _SCALAR}}, {"type": [*_SCALAR, "null"]}]}))
DATE = Kind(_read_date, _fixed({"anyOf": [{"type": "string"}, {"type": "null"}],
                                "description": "2025-12-17 or 17 Desember 2025"}))
DATES = Kind(_read_dates, _fixed({"anyOf": [
    {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
    {"type": "null"}]}))
_TARGET_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}],
                  "description": "a step number (from 1), a step id, or selesai"}
TARGET = Kind(_read_target, _fixed(_TARGET_SCHEMA))
OPT_TARGET = Kind(_read_opt_target, _fixed({"type": ["integer", "string", "null"]}))
STEP_ID = Kind(_read_step_id, _fixed({"type": ["string", "null"]}))
ACTORS = Kind(_read_actors, _fixed({"anyOf": [
    {"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}))
TEXT_MAP = Kind(_read_text_map, _fixed({
    "type": "object", "additionalProperties": {"type": _SCALAR}, "minProperties": 1}))


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ not in defs:
        defs[cls.__name__] = {}  # reserved first: a class may refer to itself
        defs[cls.__name__] = _object_schema(cls, defs)
    return {"$ref": f"#/$defs/{cls.__name__}"}


def nested(cls: type, null: str) -> Kind:
    """A nested mapping read as ``cls``; a null is ``cls()`` (``null="default"``) or None."""

    def read(value: Any, loc: Loc, errors: list[Error]) -> Any:
        if value is None:
            return cls() if null == "default" else None
        return _build(cls, value, loc, errors)

    return Kind(read, lambda defs: {"anyOf": [_ref(cls, defs), {"type": "null"}]}, cls)


def nested_list(cls: type) -> Kind:
    """A list (at least one) of nested mappings, each read as ``cls``."""

    def read(value: Any, loc: Loc, errors: list[Error]) -> Any:
        if not isinstance(value, list):
            return _fail(errors, loc, "list_type", value)
        out = [_build(cls, item, (*loc, i), errors) for i, item in enumerate(value)]
        if any(item is BAD for item in out):
            return BAD
        return out or _fail(errors, loc, "too_short", value)

    return Kind(read, lambda defs: {"type": "array", "items": _ref(cls, defs), "minItems": 1},
                cls)


# --- the format ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Tanggal:
    """The three dates of the identity sheet."""

    pembuatan: dt.date | None = field(default=None, metadata=DATE.meta())
    revisi: dt.date | None = field(default=None, metadata=DATE.meta())
    efektif: dt.date | None = field(default=None, metadata=DATE.meta())


@dataclass(frozen=True, kw_only=True, slots=True)
class DisahkanOleh:
    """Who signs the SOP."""

    jabatan: str | None = field(default=None, metadata=OPT_TEXT.meta())
    nama: str | None = field(default=None, metadata=OPT_TEXT.meta())
    nip: str | None = field(default=None, metadata=OPT_TEXT.meta())


@dataclass(frozen=True, kw_only=True, slots=True)
class Keputusan:
    """A decision: the question and where each branch goes."""

    tanya: str | None = field(default=None, metadata=OPT_TEXT.meta())
    ya: str = field(metadata=TARGET.meta())
    tidak: str = field(metadata=TARGET.meta())
    label_ya: str | None = field(default=None, metadata=OPT_TEXT.meta())
    label_tidak: str | None = field(default=None, metadata=OPT_TEXT.meta())


@dataclass(frozen=True, kw_only=True, slots=True)
class Langkah:
    """One step of the procedure."""

    kegiatan: str = field(metadata=TEXT.meta())
    pelaksana: list[str] = field(metadata=ACTORS.meta())
    id: str | None = field(default=None, metadata=STEP_ID.meta())
    kelengkapan: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    waktu: str | None = field(default=None, metadata=OPT_TEXT.meta())
    output: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    keterangan: str | None = field(default=None, metadata=OPT_TEXT.meta())
    keputusan: Keputusan | None = field(default=None,
                                        metadata=nested(Keputusan, null="none").meta())
    lanjut: str | None = field(default=None, metadata=OPT_TARGET.meta())


@dataclass(frozen=True, kw_only=True, slots=True)
class Sop:
    """One SOP in the SOP AP form."""

    nomor: str | None = field(default=None, metadata=OPT_TEXT.meta())
    nama: str = field(metadata=TEXT.meta())
    instansi: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    # An empty mapping (``tanggal:`` with nothing under it) means "nothing filled in yet".
    tanggal: Tanggal = field(default_factory=Tanggal,
                             metadata=nested(Tanggal, null="default").meta())
    disahkan_oleh: DisahkanOleh = field(default_factory=DisahkanOleh,
                                        metadata=nested(DisahkanOleh, null="default").meta())
    dasar_hukum: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    kualifikasi_pelaksana: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    keterkaitan: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    peralatan: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    peringatan: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    pencatatan: list[str] = field(default_factory=list, metadata=TEXT_LIST.meta())
    batas_waktu: str | None = field(default=None, metadata=OPT_TEXT.meta())
    satuan_waktu: str | None = field(default=None, metadata=OPT_TEXT.meta())
    pelaksana: dict[str, str] = field(metadata=TEXT_MAP.meta())
    langkah: list[Langkah] = field(metadata=nested_list(Langkah).meta())


# --- validating and describing ---------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One declared field: its name, kind, and whether a file must give it."""

    name: str
    kind: Kind
    required: bool


_SPECS: dict[type, dict[str, FieldSpec]] = {}


def fields_of(cls: type) -> dict[str, FieldSpec]:
    """The declared fields of a format class, by name, in order."""
    specs = _SPECS.get(cls)
    if specs is None:
        specs = _SPECS[cls] = {
            f.name: FieldSpec(f.name, f.metadata["kind"], f.default is dataclasses.MISSING
                              and f.default_factory is dataclasses.MISSING)
            for f in dataclasses.fields(cls)
        }
    return specs


_PLANS: dict[type, tuple[tuple[tuple[str, Reader, bool], ...], frozenset[str]]] = {}


def _build(cls: type, value: Any, loc: Loc, errors: list[Error]) -> Any:
    if not isinstance(value, dict):
        return _fail(errors, loc, "model_type", value)
    plan = _PLANS.get(cls)
    if plan is None:  # the fields as plain tuples: this runs for every step of every file
        specs = fields_of(cls).values()
        plan = _PLANS[cls] = (tuple((f.name, f.kind.read, f.required) for f in specs),
                              frozenset(f.name for f in specs))
    fields, names = plan
    values: dict[str, Any] = {}
    before = len(errors)
    for name, read, required in fields:
        if name in value:
            values[name] = read(value[name], (*loc, name), errors)
        elif required:
            _fail(errors, (*loc, name), "missing", value)
    if not names.issuperset(value):
        for key in value:
            if key not in names:
                _fail(errors, (*loc, key), "extra_forbidden", value[key])
    return BAD if len(errors) > before else cls(**values)


def build(cls: type[T], data: Any) -> T:
    """``data`` (mappings, lists, text, nulls) read as ``cls``; ShapeError lists every error."""
    errors: list[Error] = []
    made = _build(cls, data, (), errors)
    if errors:
        raise ShapeError(errors)
    return made  # type: ignore[no-any-return]


def _title(name: str) -> str:
    return name.replace("_", " ").title()


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        spec = fields_of(cls)[f.name]
        prop = {"title": _title(f.name), **spec.kind.schema(defs)}
        if spec.required:
            required.append(f.name)
        elif f.default is None:
            prop["default"] = None
        elif f.default_factory is list:
            prop["default"] = []
        properties[f.name] = prop
    schema: dict[str, Any] = {
        "title": cls.__name__, "description": (cls.__doc__ or "").strip(), "type": "object",
        "properties": properties, "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors and other validators."""
    defs: dict[str, Any] = {}
    top = _object_schema(Sop, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **top, "title": "SOP AP (soptool)", "$defs": dict(sorted(defs.items()))}
