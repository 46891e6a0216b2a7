"""Dates as Indonesian documents write them: 2025-12-17, 17 Desember 2025, 17/12/2025.

The identity sheet's dates may also be printed with a month only (``Januari 2014``): they
are read as a ``MonthDate``, kept at month precision, and compared by month with any other
date (``compare_dates``), never as if a day had been written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeAlias

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
# English month names, which some signed documents print (docs/format.md section 3).
# April, September and November, and the abbreviations Jan, Feb, Mar, Apr, Jun, Jul, Sep,
# Sept and Nov, are spelled alike in both languages and are in MONTHS already.
ENGLISH_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_WORDS_RE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_MONTH_WORDS_RE = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_MONTH_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthDate:
    """A date printed with its month and year only (``Januari 2014``): month precision.

    Immutable, ordered by (year, month) among months, hashable; ``compare_dates`` compares
    it with a day. (A plain class, not a dataclass: pydantic would dump a dataclass as a
    mapping.)
    """

    __slots__ = ("month", "year")
    year: int
    month: int

    def __init__(self, year: int, month: int) -> None:
        if not 1 <= month <= 12:
            raise ValueError("date.month_number", {"month": month})
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "month", month)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("MonthDate is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (MonthDate, (self.year, self.month))

    def _key(self) -> tuple[int, int]:
        return (self.year, self.month)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MonthDate) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(("MonthDate", self.year, self.month))

    def __lt__(self, other: MonthDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: MonthDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: MonthDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: MonthDate) -> bool:
        return self._key() >= other._key()

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"

    def isoformat(self) -> str:
        """``2014-01``: the form JSON output gives (ISO 8601 year and month)."""
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return format_date(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(cls)


DateValue: TypeAlias = "dt.date | MonthDate"
"""A date of the identity sheet: a day, or a month only."""


def month_of(text: str) -> int | None:
    """The month number of a month name (Indonesian or English, full or abbreviated)."""
    word = text.lower()
    return MONTHS.get(word) or ENGLISH_MONTHS.get(word)


def parse_date(text: str) -> dt.date:
    """Parse ``2025-12-17``, ``17 Desember 2025``, ``17/12/2025`` or ``17 December 2025``.

    Raises ValueError whose args are (message key, params) for the reason.
    """
    s = " ".join(text.split())
    m = _ISO_RE.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY_RE.match(s):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _WORDS_RE.match(s):
        month = month_of(m.group(2))
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


def parse_sop_date(text: str) -> DateValue:
    """A date of the identity sheet: any form ``parse_date`` reads, or a month only
    (``Januari 2014``, ``Okt. 2018``, ``2014-01``), read as a ``MonthDate``.

    Raises ValueError whose args are (message key, params) for the reason.
    """
    s = " ".join(text.split())
    if m := _MONTH_WORDS_RE.match(s):
        month = month_of(m.group(1))
        if month is None:
            raise ValueError("date.month", {"word": m.group(1)})
        return MonthDate(int(m.group(2)), month)
    if m := _MONTH_ISO_RE.match(s):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError("date.month_number", {"month": month})
        return MonthDate(int(m.group(1)), month)
    return parse_date(s)


def format_date(value: DateValue) -> str:
    """A date as Indonesian documents print it: ``17 Desember 2025``, or ``Januari 2014``
    for a month only."""
    if isinstance(value, MonthDate):
        return f"{MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def date_json(value: DateValue) -> str:
    """A date for JSON output: ``2025-12-17``, or ``2014-01`` for a month only."""
    return value.isoformat()


def compare_dates(a: DateValue, b: DateValue) -> int:
    """-1, 0 or 1 as ``a`` is earlier than, the same as, or later than ``b``.

    Two days compare by day. When either is a month only, both compare by month: a month
    and any day within it are the same (0), so a month is never said to be earlier or later
    than a day it may hold.
    """
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        ka: tuple[int, ...] = (a.year, a.month, a.day)
        kb: tuple[int, ...] = (b.year, b.month, b.day)
    else:
        ka, kb = (a.year, a.month), (b.year, b.month)
    return (ka > kb) - (ka < kb)
