"""Durations as SOP tables write them: parsing, the working calendar, exact arithmetic.

All durations are working time. A parsed duration keeps its amounts per unit; the working
calendar (hours a day, days a week, days a month) turns them into working minutes as exact
fractions, never floats.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import TypeAlias

# Canonical unit -> accepted spellings (lower case).
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "detik": ("detik", "dtk", "second", "seconds", "sec"),
    "menit": ("menit", "mnt", "minute", "minutes", "min"),
    "jam": ("jam", "hour", "hours"),
    "hari": ("hari", "hr", "day", "days"),
    "minggu": ("minggu", "mgg", "pekan", "week", "weeks"),
    "bulan": ("bulan", "bln", "month", "months"),
}
# "hr" is the Indonesian abbreviation of hari (docs/format.md), not of "hour".
_WORD_TO_UNIT: dict[str, str] = {w: unit for unit, words in UNIT_WORDS.items() for w in words}

UNITS_HELP = "detik, menit (mnt), jam, hari (hr), minggu (mgg, pekan), bulan (bln)"

NOT_MEASURABLE = frozenset(
    {"", "-", "\u2013", "\u2014", "disesuaikan", "tentatif", "menyesuaikan", "situasional"}
)
# A waktu whose first word is one of these is not measurable (SOP302), whatever follows:
# "Sesuai kebutuhan", "Segera", "Bulanan selama setahun" (docs/format.md section 5).
NOT_MEASURABLE_WORDS: tuple[str, ...] = (
    # on demand, as the case requires
    "disesuaikan", "menyesuaikan", "tentatif", "situasional", "kondisional", "insidental",
    "insidentil", "fleksibel", "bervariasi", "segera", "saat", "seketika", "langsung",
    "sesaat", "sejenak",
    # how often, not how long
    "harian", "mingguan", "bulanan", "triwulanan", "triwulan", "caturwulanan",
    "semesteran", "semester", "tahunan", "berkala", "rutin", "setiap", "tiap", "sekali",
    # a year: no unit of the grammar (a working year depends on the year's holidays)
    "setahun",
)  # fmt: skip
# ... and so is one whose first word begins with one of these: "sesuai", "sesuaikan",
# "tergantung", "bergantungan", "segeranya".
NOT_MEASURABLE_PREFIXES: tuple[str, ...] = ("sesuai", "tergantung", "bergantung", "segera")
# "se-" + a unit is one of that unit: sehari = 1 hari; setengah + a unit is half of one.
ONE_WORDS: dict[str, str] = {
    "sedetik": "detik", "semenit": "menit", "sejam": "jam", "sehari": "hari",
    "seminggu": "minggu", "sepekan": "minggu", "sebulan": "bulan",
}  # fmt: skip
_ONE_RE = re.compile(r"\b(" + "|".join(ONE_WORDS) + r")\b")
_HALF_RE = re.compile(r"\bsetengah\s+(?=[a-z])")
_FIRST_WORD_RE = re.compile(r"^[a-z]+")
# How close a misspelt word must be to a known one to be taken as that word misspelt
# (difflib's ratio): "semingu" / "seminggu" is 0.93, "sebulam" / "sebulan" 0.86.
NEAR_MISS = 0.8

_NUM = r"\d+(?:[.,]\d+)?"
_PART_RE = re.compile(rf"({_NUM})\s*([a-z]+)")
_TIMES24_RE = re.compile(rf"^({_NUM})\s*[x\u00d7*]\s*24\s*jam(?:\s+kerja)?$")
_RANGE_RE = re.compile(
    r"\s*(?:\bs\.\s?d\.?|\bs/d\b|\bsd\b|\bsampai\b|\bhingga\b|-|\u2013|\u2014)\s*"
)
_BARE_RE = re.compile(rf"^{_NUM}$")

# Working minutes: an int where whole (fast, and the usual case), else an exact Fraction.
Minutes: TypeAlias = int | Fraction
# Distinct duration texts a calendar remembers before it starts over.
_CACHE_SIZE = 4096


class DurationError(ValueError):
    """A duration that cannot be read; ``code`` is the finding code, ``reason`` the detail."""

    def __init__(self, code: str, reason: str = "", **params: str) -> None:
        super().__init__(reason or code)
        self.code = code
        self.reason = reason  # a message key (dur.*), formatted with params
        self.params = params


@dataclass(frozen=True)
class Calendar:
    """The working calendar: how many working minutes each unit holds."""

    jam_per_hari: Fraction = Fraction(15, 2)
    hari_per_minggu: Fraction = Fraction(5)
    hari_per_bulan: Fraction = Fraction(20)

    def minutes_per(self, unit: str) -> Fraction:
        """Working minutes in one of ``unit``."""
        return self._minutes[unit]

    @cached_property
    def _minutes(self) -> dict[str, Fraction]:
        day = 60 * self.jam_per_hari
        return {
            "detik": Fraction(1, 60),
            "menit": Fraction(1),
            "jam": Fraction(60),
            "hari": day,
            "minggu": day * self.hari_per_minggu,
            "bulan": day * self.hari_per_bulan,
        }

    @cached_property
    def minutes_per_day(self) -> Fraction:
        """Working minutes in one working day."""
        return 60 * self.jam_per_hari

    def text_minutes(self, text: str,
                     satuan_waktu: str | None = None) -> tuple[Minutes, Minutes] | None:
        """The (lower, upper) working minutes of a duration as written, or None when it
        cannot be read or measured; ints where whole.

        Remembered per calendar: SOPs repeat the same few durations, and looking a text up
        here costs less than hashing the calendar's fractions for a shared cache.
        """
        key = (text, satuan_waktu)
        cache = self._text_minutes
        if key in cache:
            return cache[key]
        try:
            low, high = parse_duration(text, satuan_waktu).minutes(self)
            value: tuple[Minutes, Minutes] | None = (whole(low), whole(high))
        except DurationError:
            value = None
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[key] = value
        return value

    @cached_property
    def _text_minutes(self) -> dict[tuple[str, str | None], tuple[Minutes, Minutes] | None]:
        return {}

    def __getstate__(self) -> dict[str, Fraction]:
        # A copy (pickle, copy) takes only the fields; its caches fill up anew.
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_CALENDAR = Calendar()

Parts = tuple[tuple[Fraction, str], ...]


@dataclass(frozen=True)
class Duration:
    """A parsed duration: the amounts per unit of its lower and upper bound."""

    text: str
    low: Parts
    high: Parts

    @property
    def is_range(self) -> bool:
        """Whether the duration was written as a range."""
        return self.low != self.high

    def minutes(self, calendar: Calendar = DEFAULT_CALENDAR) -> tuple[Fraction, Fraction]:
        """The (lower, upper) bound in working minutes."""
        return (_to_minutes(self.low, calendar), _to_minutes(self.high, calendar))


def _to_minutes(parts: Parts, calendar: Calendar) -> Fraction:
    return sum((amount * calendar.minutes_per(unit) for amount, unit in parts), Fraction(0))


def normalise_unit(word: str) -> str | None:
    """The canonical unit for a unit word, or None when it is not one."""
    return _WORD_TO_UNIT.get(word.strip().lower())


_TRAILING_NUMBER_RE = re.compile(rf"{_NUM}\s*$")


def with_unit(text: str, satuan_waktu: str | None) -> str:
    """A waktu as printed: a number written without its unit gets the SOP's
    ``satuan_waktu`` (canonical, Indonesian): ``10`` -> ``10 menit``, ``15-30`` ->
    ``15-30 menit``. Other texts print as written."""
    unit = normalise_unit(satuan_waktu) if satuan_waktu else None
    if unit is None or not _TRAILING_NUMBER_RE.search(text):
        return text
    try:
        parse_duration(text, satuan_waktu)
    except DurationError:
        return text  # not a duration: printed as written (validate says why)
    return f"{text.rstrip()} {unit}"


def _clean(text: str) -> str:
    return " ".join(text.lower().split())


def _number(text: str) -> Fraction:
    return Fraction(text.replace(",", "."))


@lru_cache(maxsize=4096)
def parse_duration(text: str, satuan_waktu: str | None = None) -> Duration:
    """Parse a duration as written in an SOP.

    Raises DurationError with code SOP301 (cannot be read), SOP302 (not measurable),
    SOP304 (a bare number where no ``satuan_waktu`` is set) or SOP307 (a word that looks
    like a known one misspelt; param ``suggestion``, the text respelt). Results are cached
    (a Duration is immutable, and SOPs repeat the same few durations).
    """
    clean = _clean(text)
    if clean in NOT_MEASURABLE or not_measurable_word(clean):
        raise DurationError("SOP302")
    if not any(c.isdigit() for c in clean) and (suggestion := near_miss(clean)):
        raise DurationError("SOP307", suggestion=_respell(text, suggestion))
    clean = _HALF_RE.sub("0.5 ", _ONE_RE.sub(lambda m: "1 " + ONE_WORDS[m.group(1)], clean))
    default_unit = normalise_unit(satuan_waktu) if satuan_waktu else None
    sides = _RANGE_RE.split(clean)
    if len(sides) > 2 or any(not s for s in sides):
        raise DurationError("SOP301", "dur.range_shape")
    parsed = [_parse_side(s) for s in sides]
    low, high = parsed[0], parsed[-1]
    if len(parsed) == 2 and all(unit == "" for _, unit in low):
        # "1-2 hari": the lower bound borrows the unit of the upper bound.
        if len(low) != 1 or len(high) != 1:
            raise DurationError("SOP301", "dur.range_low_unit")
        low = ((low[0][0], high[0][1]),)
    if any(unit == "" for _, unit in low + high):
        if default_unit is None:
            raise DurationError("SOP304")
        low = tuple((a, u or default_unit) for a, u in low)
        high = tuple((a, u or default_unit) for a, u in high)
    if low != high and _to_minutes(low, DEFAULT_CALENDAR) > _to_minutes(high, DEFAULT_CALENDAR):
        raise DurationError("SOP301", "dur.range_order")
    return Duration(text=text, low=low, high=high)


def not_measurable_word(clean: str) -> bool:
    """Whether a waktu (lower case, spaces collapsed) begins with a word that makes it not
    measurable: one of NOT_MEASURABLE_WORDS, or a word beginning with one of
    NOT_MEASURABLE_PREFIXES."""
    m = _FIRST_WORD_RE.match(clean)
    if m is None:
        return False
    word = m.group(0)
    return word in NOT_MEASURABLE_WORDS or word.startswith(NOT_MEASURABLE_PREFIXES)


def _known_words() -> list[str]:
    return [*ONE_WORDS, "setengah", *NOT_MEASURABLE_WORDS, *NOT_MEASURABLE_PREFIXES]


def near_miss(clean: str) -> str | None:
    """The known word that the first word of a waktu written without digits is a
    misspelling of (``semingu`` -> ``seminggu``), or None.

    A unit word alone (``hari``, also ``tahun``) is not a misspelling of anything: it lacks
    its number.
    """
    m = _FIRST_WORD_RE.match(clean)
    if m is None or normalise_unit(m.group(0)) is not None or m.group(0) in _NOT_MISSPELT:
        return None
    close = difflib.get_close_matches(m.group(0), _known_words(), n=1, cutoff=NEAR_MISS)
    return close[0] if close else None


_NOT_MISSPELT = frozenset(ONE_WORDS) | {"setengah", "tahun"}


def _respell(text: str, word: str) -> str:
    """``text`` as written with its first word replaced by ``word`` (capitalised as it was):
    ``Sesuia kebutuhan`` -> ``Sesuai kebutuhan``."""
    first, _, rest = " ".join(text.split()).partition(" ")
    if first.isupper() and len(first) > 1:
        word = word.upper()
    elif first[:1].isupper():
        word = word.capitalize()
    return f"{word} {rest}" if rest else word


def _parse_side(side: str) -> Parts:
    m = _TIMES24_RE.match(side)
    if m:
        return ((_number(m.group(1)), "hari"),)
    if _BARE_RE.match(side):
        return ((_number(side), ""),)
    parts: list[tuple[Fraction, str]] = []
    pos = 0
    for m in _PART_RE.finditer(side):
        between = side[pos : m.start()].strip()
        if between not in ("", "kerja", "dan"):
            raise DurationError("SOP301", "dur.unknown_word", word=between)
        unit = normalise_unit(m.group(2))
        if unit is None:
            raise DurationError("SOP301", "dur.unknown_unit", word=m.group(2))
        parts.append((_number(m.group(1)), unit))
        pos = m.end()
    rest = side[pos:].strip()
    if rest not in ("", "kerja"):
        if parts:
            raise DurationError("SOP301", "dur.unknown_word", word=rest)
        raise DurationError("SOP301", "dur.no_number")
    if not parts:
        raise DurationError("SOP301", "dur.no_number")
    return tuple(parts)


def whole(value: Minutes) -> Minutes:
    """``value`` as an int when it is whole (equal, and cheaper to add up)."""
    return value.numerator if value.denominator == 1 else value


def minutes_json(value: Minutes) -> int | float:
    """Minutes as a JSON number, the same in every --format json: whole where whole, else
    rounded to 2 decimals (only with ``detik``, or a calendar such as 7,25 hours a day)."""
    if value.denominator == 1:
        return value.numerator
    return round(float(value), 2)


def format_minutes(minutes: Minutes, calendar: Calendar = DEFAULT_CALENDAR) -> str:
    """Print working minutes in Indonesian working units, e.g. ``2 hari 1 jam 50 menit``."""
    if minutes.numerator == 0:
        return "0 menit"
    day = calendar.minutes_per_day
    # divmod by a day, then by an hour, as Fractions would, but on ints counting
    # 1/unit minutes (minutes = n/d, day = p/q): the same results without building Fractions.
    unit = minutes.denominator * day.denominator
    days, rest = divmod(minutes.numerator * day.denominator, day.numerator * minutes.denominator)
    hours, mins = divmod(rest, 60 * unit)
    out = []
    if days:
        out.append(f"{days} hari")
    if hours:
        out.append(f"{hours} jam")
    if mins:
        out.append(f"{_decimal(mins, unit)} menit")
    return " ".join(out)


def format_number(value: Minutes) -> str:
    """A number as Indonesians write it: whole, or with a decimal comma (at most 2 places)."""
    return _decimal(value.numerator, value.denominator)


def format_hours_number(minutes: Minutes) -> str:
    """Working minutes as a number of hours, e.g. ``16,5``."""
    return _decimal(minutes.numerator, minutes.denominator * 60)


def format_hours(minutes: Minutes) -> str:
    """Working minutes as total hours, e.g. ``16,5 jam``."""
    return f"{_decimal(minutes.numerator, minutes.denominator * 60)} jam"


def _decimal(numerator: int, denominator: int) -> str:
    # The quotient without building a Fraction: int / int is correctly rounded, as is
    # float(Fraction), so the printed decimals are the same.
    if numerator % denominator == 0:
        return str(numerator // denominator)
    text = f"{numerator / denominator:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
