"""Working-time estimates of an SOP: the main path's total, per pelaksana, with rework loops.

The main path (format.md) is what the totals follow; ``ulang`` adds every rework loop taken
that many extra times. Steps whose time is missing or not measurable are counted, so that a
total can say it is a lower bound.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from fractions import Fraction

from soptool.flow import build_flow
from soptool.model import Sop
from soptool.timing import (
    DEFAULT_CALENDAR,
    Calendar,
    DurationError,
    format_minutes,
    parse_duration,
)


@dataclass(frozen=True)
class Span:
    """A working time in minutes, as a range (low == high when exact)."""

    low: Fraction = Fraction(0)
    high: Fraction = Fraction(0)

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def times(self, n: int) -> Span:
        """This span repeated ``n`` times."""
        return Span(self.low * n, self.high * n)

    @property
    def is_range(self) -> bool:
        """Whether the bounds differ."""
        return self.low != self.high


def span_text(span: Span, calendar: Calendar = DEFAULT_CALENDAR) -> str:
    """``33 hari 6 jam``, or ``1 hari - 2 hari`` for a range."""
    if not span.is_range:
        return format_minutes(span.low, calendar)
    return f"{format_minutes(span.low, calendar)} - {format_minutes(span.high, calendar)}"


@dataclass
class Estimate:
    """The working time of one SOP along its main path."""

    total: Span
    per_pelaksana: dict[str, Span]
    path: list[int]  # step indexes of the main path, in order
    tanpa_waktu: list[int] = field(default_factory=list)  # counted steps with no measurable time
    loops: list[tuple[int, int, list[int]]] = field(default_factory=list)
    ulang: int = 0

    @property
    def is_lower_bound(self) -> bool:
        """Whether some step's time is unknown, so the total is only a lower bound."""
        return bool(self.tanpa_waktu)


def step_span(sop: Sop, index: int, calendar: Calendar = DEFAULT_CALENDAR) -> Span | None:
    """The working time of one step, or None when it is missing or cannot be measured."""
    text = sop.langkah[index].waktu
    if text is None:
        return None
    return _span_of(text, sop.satuan_waktu, calendar)


@functools.lru_cache(maxsize=4096)
def _span_of(text: str, satuan_waktu: str | None, calendar: Calendar) -> Span | None:
    # The same few durations recur across steps and files: convert each once.
    try:
        low, high = parse_duration(text, satuan_waktu).minutes(calendar)
    except DurationError:
        return None
    return Span(low, high)


def limit_minutes(sop: Sop, calendar: Calendar = DEFAULT_CALENDAR) -> Fraction | None:
    """The SOP's own ``batas_waktu`` in working minutes (its upper bound), or None."""
    if sop.batas_waktu is None:
        return None
    try:
        return parse_duration(sop.batas_waktu, sop.satuan_waktu).minutes(calendar)[1]
    except DurationError:
        return None


def estimate(sop: Sop, calendar: Calendar = DEFAULT_CALENDAR, ulang: int = 0) -> Estimate:
    """Total the main path; every rework loop is taken ``ulang`` extra times."""
    flow = build_flow(sop)
    path = flow.main_path()
    loops = flow.loops()
    counts: dict[int, int] = {i: 1 for i in path}
    if ulang:
        for _decision, _target, body in loops:
            for i in body:
                counts[i] = counts.get(i, 0) + ulang
    total = Span()
    per: dict[str, Span] = {key: Span() for key in sop.pelaksana}
    missing: list[int] = []
    position = {s: k for k, s in enumerate(path)}  # not path.index: quadratic in steps
    for i in sorted(counts, key=lambda s: (position.get(s, len(path)), s)):
        span = step_span(sop, i, calendar)
        if span is None:
            missing.append(i)
            continue
        span = span.times(counts[i])
        total = total + span
        for key in sop.langkah[i].pelaksana:
            per[key] = per.get(key, Span()) + span
    return Estimate(total, per, path, missing, loops, ulang)


def pass_span(sop: Sop, steps: list[int], calendar: Calendar = DEFAULT_CALENDAR) -> Span:
    """The working time of one pass over ``steps`` (steps without time count as zero)."""
    total = Span()
    for i in steps:
        span = step_span(sop, i, calendar)
        if span is not None:
            total = total + span
    return total
