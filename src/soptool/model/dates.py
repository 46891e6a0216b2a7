"""Dates as Indonesian documents write them: 2025-12-17, 17 Desember 2025, 17/12/2025."""

from __future__ import annotations

import datetime as dt
import re

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
