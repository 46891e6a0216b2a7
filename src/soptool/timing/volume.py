"""How often an SOP runs: ``volume: 1200 per tahun`` (docs/format.md, "volume").

A volume is a count with a period: ``1200 per tahun``, ``100 per bulan``, ``5 per minggu``,
``2 per hari`` (also ``2 kali per hari``, ``2 kali sehari``, ``100/bulan``, ``setiap bulan``
for one). The yearly count follows the working calendar of ``soptool.yaml``: a year is
12 months, so it has ``12 x hari_per_bulan`` working days (240 with the defaults) and
``that / hari_per_minggu`` working weeks (48). Counts are exact fractions, never floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from soptool.timing.durations import DEFAULT_CALENDAR, Calendar, format_number

MONTHS_PER_YEAR = 12

# Canonical period -> accepted spellings (lower case).
PERIOD_WORDS: dict[str, tuple[str, ...]] = {
    "tahun": ("tahun", "thn", "th"),
    "bulan": ("bulan", "bln"),
    "minggu": ("minggu", "mgg", "pekan"),
    "hari": ("hari", "hr"),
}
_WORD_TO_PERIOD = {w: p for p, words in PERIOD_WORDS.items() for w in words}
# "sebulan", "setahun", ...: one period.
_ONE_PERIOD = {"setahun": "tahun", "sebulan": "bulan", "seminggu": "minggu",
               "sepekan": "minggu", "sehari": "hari"}
PERIODS_HELP = "tahun, bulan, minggu (pekan), hari"

# 1.200 (thousands grouped with dots, as Indonesian writes them), 2,5 or 2.5 (a decimal).
_COUNT = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_VOLUME_RE = re.compile(
    rf"^(?P<count>{_COUNT})\s*(?:kali|x)?\s*"
    rf"(?:(?:per|/|tiap|setiap)\s*(?P<period>[a-z]+)|(?P<one>se[a-z]+))$")
_EVERY_RE = re.compile(r"^(?:per|tiap|setiap)\s+(?P<period>[a-z]+)$")
_GROUPED_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


class VolumeError(ValueError):
    """A volume that cannot be read; ``reason`` is a message key (``volume.*``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Volume:
    """A parsed volume: how many times per period."""

    text: str
    count: Fraction
    period: str  # canonical: tahun, bulan, minggu or hari

    def per_year(self, calendar: Calendar = DEFAULT_CALENDAR) -> Fraction:
        """The count in one working year of ``calendar``."""
        return self.count * year_factors(calendar)[self.period]

    def describe(self) -> str:
        """``1.200 per tahun``: the count and the canonical period."""
        return f"{format_count(self.count)} per {self.period}"


def year_factors(calendar: Calendar = DEFAULT_CALENDAR) -> dict[str, Fraction]:
    """How many of each period a working year holds under ``calendar``."""
    days = MONTHS_PER_YEAR * calendar.hari_per_bulan
    return {"tahun": Fraction(1), "bulan": Fraction(MONTHS_PER_YEAR),
            "minggu": days / calendar.hari_per_minggu, "hari": days}


def parse_volume(text: str) -> Volume:
    """Read a volume as written; VolumeError with the reason when it cannot be read."""
    clean = " ".join(text.lower().split())
    if not clean:
        raise VolumeError("volume.empty")
    every = _EVERY_RE.match(clean)
    if every:  # "setiap bulan": once a month
        return Volume(text, Fraction(1), _period(every["period"]))
    found = _VOLUME_RE.match(clean)
    if found is None:
        if re.fullmatch(_COUNT, clean):
            raise VolumeError("volume.no_period")
        raise VolumeError("volume.form")
    if found["one"] is not None:
        period = _ONE_PERIOD.get(found["one"])
        if period is None:
            raise VolumeError("volume.period")
    else:
        period = _period(found["period"])
    return Volume(text, _count(found["count"]), period)


def _period(word: str) -> str:
    period = _WORD_TO_PERIOD.get(word)
    if period is None:
        raise VolumeError("volume.period")
    return period


def parse_count(text: str) -> Fraction | None:
    """A count as Indonesian writes it (``1.200``, ``1200``, ``2,5``), or None."""
    clean = text.strip()
    return _count(clean) if re.fullmatch(_COUNT, clean) else None


def _count(text: str) -> Fraction:
    if _GROUPED_RE.match(text):
        return Fraction(int(text.replace(".", "")))
    return Fraction(text.replace(",", "."))


def format_count(value: Fraction) -> str:
    """A count as Indonesian writes it: ``1.200``, ``2,5``."""
    if value.denominator == 1:
        return f"{value.numerator:,}".replace(",", ".")
    return format_number(value)
