"""The SOP file format (docs/format.md) as pydantic v2 models, and its JSON Schema.

No I/O here: ``soptool.loading`` reads files into plain data and validates it with these
models (``Sop.model_validate``), mapping pydantic's errors to positioned findings.

- ``dates``: parse_date, parse_sop_date (also a month only: MonthDate), format_date,
  compare_dates and the month names;
- ``fields``: the kinds of value (text, text list, date, target, step id...) as annotated
  types with their validators, error types and input JSON Schema;
- ``sop``: Sop, Langkah, Keputusan, Tanggal, DisahkanOleh;
- ``settings``: the shape of soptool.yaml (Kalender, ProjectConfig).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from soptool.model.dates import (
    MONTH_NAMES,
    MONTHS,
    DateValue,
    MonthDate,
    compare_dates,
    date_json,
    format_date,
    parse_date,
    parse_sop_date,
)
from soptool.model.fields import END, ID_PATTERN, ID_RE
from soptool.model.sop import SCHEMA_TITLE, DisahkanOleh, Keputusan, Langkah, Sop, Tanggal

if TYPE_CHECKING:
    from soptool.model.settings import Kalender, ProjectConfig

__all__ = [
    "END", "ID_PATTERN", "ID_RE", "MONTHS", "MONTH_NAMES", "SCHEMA_TITLE", "DateValue",
    "DisahkanOleh", "Kalender", "Keputusan", "Langkah", "MonthDate", "ProjectConfig", "Sop",
    "Tanggal", "build", "compare_dates", "date_json", "format_date", "json_schema",
    "parse_date", "parse_sop_date",
]

M = TypeVar("M", bound=BaseModel)
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def __getattr__(name: str) -> Any:
    # soptool.yaml's models are built when first asked for: validating SOPs never needs them.
    if name in ("Kalender", "ProjectConfig"):
        from soptool.model import settings

        return getattr(settings, name)
    raise AttributeError(f"module 'soptool.model' has no attribute {name!r}")


def build(cls: type[M], data: Any) -> M:
    """``data`` (mappings, lists, text, nulls) read as ``cls``: ``cls.model_validate(data)``.

    Raises pydantic's ValidationError, which lists every error.
    """
    return cls.model_validate(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format (draft 2020-12), for editors and other validators.

    It is ``Sop.model_json_schema()``: each field's type declares the input a file may give
    (a single text for a list, a step number for a target, a date as text...).
    """
    schema = Sop.model_json_schema(mode="validation")
    defs = schema.pop("$defs", {})
    return {"$schema": DRAFT, **schema, "title": SCHEMA_TITLE,
            "$defs": dict(sorted(defs.items()))}
