"""The kinds of value the format is made of, as annotated types for the pydantic models.

Every scalar arrives from the loader as text, exactly as written (``source.yamltree``); the
models are strict, so nothing is coerced behind the user's back. What the format does allow
is written down here once, with its own error type where pydantic has none:

- a text that must not be blank (``sop_blank``);
- a list written as a single text (a list of one), or left empty (``[]``);
- a date written as text (``sop_date``, with the reason's message key and params in ctx);
  on the identity sheet also a month only (``Januari 2014``, a ``MonthDate``);
- a step id that is a slug (``sop_id``) and not the reserved word ``selesai``
  (``sop_id_reserved``);
- a target given as a number from Python (``ya: 4``) read as its text.

Each type also carries the JSON Schema of what a file may contain there (``WithJsonSchema``):
the input the loader accepts, which another YAML reader may type as numbers or booleans.
"""

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, GetPydanticSchema, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from soptool.model.dates import MonthDate, parse_date, parse_sop_date

ID_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
END = "selesai"

# What a YAML 1.2 reader (an editor, check-jsonschema) may make of a scalar that soptool
# reads as text: `010` is a number there, `no` a boolean.
SCALAR = ["string", "number", "boolean"]
_NOT_BLANK = r"\S"
_TEXT_SCHEMA: dict[str, Any] = {"type": SCALAR, "pattern": _NOT_BLANK}
_TEXT_LIST_SCHEMA: dict[str, Any] = {"anyOf": [
    {"type": "array", "items": {"type": SCALAR}}, {"type": [*SCALAR, "null"]}]}
_TARGET_PATTERN = rf"^(?:[1-9][0-9]*|{ID_PATTERN[1:-1]})$"
_TARGET_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "integer", "minimum": 1},
                                            {"type": "string", "pattern": _TARGET_PATTERN}]}


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("sop_blank", "text must not be blank")
    return value


def as_list(value: Any) -> Any:
    """A single text is a list of one; nothing written (null) is an empty list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def _read_date(value: Any, parse: Any = parse_date) -> Any:
    if not isinstance(value, str):
        return value  # None and dates pass; anything else is pydantic's date_type
    if not value.strip() or value.strip() == "-":
        return None  # written but not filled in yet
    try:
        return parse(value)
    except ValueError as exc:
        key, params = exc.args
        raise PydanticCustomError("sop_date", "not a date: {text}",
                                  {"text": value, "reason": (key, params)}) from None


def _number_as_text(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a step number given from Python rather than from a file
    return value


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise PydanticCustomError("sop_id", "not a step id: {text}", {"text": value})
    if value == END:
        raise PydanticCustomError("sop_id_reserved", "reserved word: {text}", {"text": value})
    return value


Text = Annotated[str, AfterValidator(_not_blank), WithJsonSchema(_TEXT_SCHEMA)]
"""Text that must be given and must not be blank."""

OptText = Annotated[str | None, WithJsonSchema({"type": [*SCALAR, "null"]})]
"""Optional text (null when not written)."""

TextList = Annotated[list[str], BeforeValidator(as_list), WithJsonSchema(_TEXT_LIST_SCHEMA)]
"""A list of texts, also written as one text or left empty."""

Actors = Annotated[list[str], BeforeValidator(as_list), Field(min_length=1),
                   WithJsonSchema({"anyOf": [
                       {"type": "string"},
                       {"type": "array", "items": {"type": "string"}, "minItems": 1}]})]
"""At least one actor key: one key, or a list of keys."""

Date = Annotated[dt.date | None, BeforeValidator(_read_date),
                 WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}]})]
"""A date written as text; empty or ``-`` is no date yet."""

def _sop_date_schema(source: Any, handler: Any) -> Any:
    # One error type (date_type) for a value that is neither, as for a day-only Date: a
    # union of the two would report each of its members. In JSON (model_dump_json, mode
    # "json") a month is 2014-01, which reads back as the same month.
    return core_schema.no_info_before_validator_function(
        lambda v: _read_date(v, parse_sop_date),
        core_schema.nullable_schema(core_schema.union_schema(
            [core_schema.date_schema(strict=True), core_schema.is_instance_schema(
                MonthDate, serialization=core_schema.plain_serializer_function_ser_schema(
                    MonthDate.isoformat, when_used="json"))],
            custom_error_type="date_type")))


SopDate = Annotated[dt.date | MonthDate | None, GetPydanticSchema(_sop_date_schema),
                    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}]})]
"""A date of the identity sheet: a day, or a month only (``Januari 2014``, kept at month
precision); empty or ``-`` is no date yet."""

Target = Annotated[str, BeforeValidator(_number_as_text), WithJsonSchema(_TARGET_SCHEMA)]
"""Where the flow goes: a step number, a step id, or ``selesai``; kept as text."""

OptTarget = Annotated[str | None, BeforeValidator(_number_as_text),
                      WithJsonSchema({"anyOf": [*_TARGET_SCHEMA["anyOf"], {"type": "null"}]})]
"""An optional target."""

StepId = Annotated[str | None, AfterValidator(lambda v: v if v is None else _check_id(v)),
                   WithJsonSchema({"anyOf": [
                       {"type": "string", "pattern": ID_PATTERN, "not": {"const": END}},
                       {"type": "null"}]})]
"""A step's name for targets: a slug, not ``selesai``."""

TextMap = Annotated[dict[str, Text], Field(min_length=1),
                    WithJsonSchema({"type": "object", "minProperties": 1,
                                    "propertyNames": {"pattern": r"\S"},
                                    "additionalProperties": _TEXT_SCHEMA})]
"""Key -> text, at least one entry. A key is any text (docs/format.md), so the schema asks
no more of it than validate does: an editor never marks what soptool accepts."""


def null_is_empty(value: Any) -> Any:
    """A nested mapping written with nothing under it (``tanggal:``) is an empty one."""
    return {} if value is None else value


def nullable_ref(schema: dict[str, Any]) -> None:
    """``json_schema_extra`` for a nested model that may also be written as null."""
    ref = schema.pop("$ref", None)
    if ref is not None:
        schema["anyOf"] = [{"$ref": ref}, {"type": "null"}]
    for wrapped in schema.pop("allOf", None) or ():
        schema["anyOf"] = [wrapped, {"type": "null"}]
