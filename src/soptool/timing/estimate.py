"""Working-time estimates of an SOP: the main path's total, per pelaksana, with rework loops.

The main path (docs/format.md) is what the totals follow; ``ulang`` adds every rework loop taken
that many extra times. Steps whose time is missing or not measurable are counted, so that a
total can say it is a lower bound. Minutes are exact: ints where whole (the usual case, and
cheap to add up), Fractions where a fraction of a minute appears.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from soptool.graph import Flow, build_flow
from soptool.model import Sop
from soptool.timing.durations import DEFAULT_CALENDAR, Calendar, Minutes, format_minutes, whole


@dataclass(frozen=True)
class Span:
    """A working time in minutes, as a range (low == high when exact)."""

    low: Minutes = 0
    high: Minutes = 0

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
    minutes = calendar.text_minutes(text, sop.satuan_waktu)
    return None if minutes is None else Span(*minutes)


def limit_minutes(sop: Sop, calendar: Calendar = DEFAULT_CALENDAR) -> Minutes | None:
    """The SOP's own ``batas_waktu`` in working minutes (its upper bound), or None."""
    if sop.batas_waktu is None:
        return None
    minutes = calendar.text_minutes(sop.batas_waktu, sop.satuan_waktu)
    return None if minutes is None else minutes[1]


def estimate(sop: Sop, calendar: Calendar = DEFAULT_CALENDAR, ulang: int = 0,
             flow: Flow | None = None) -> Estimate:
    """Total the main path; every rework loop is taken ``ulang`` extra times.

    ``flow`` is the SOP's flow graph when the caller has built it already.
    """
    if flow is None:
        flow = build_flow(sop)
    path = flow.main_path()
    loops = flow.loops()
    counts = step_counts(path, loops, ulang)
    total = _Sum()
    per = {key: _Sum() for key in sop.pelaksana}
    missing: list[int] = []
    satuan = sop.satuan_waktu
    order = counts if not ulang else _path_order(counts, path)
    for i in order:
        step = sop.langkah[i]
        minutes = None if step.waktu is None else calendar.text_minutes(step.waktu, satuan)
        if minutes is None:
            missing.append(i)
            continue
        low, high = minutes
        n = counts[i]
        if n != 1:
            low, high = low * n, high * n
        total.add(low, high)
        for key in step.pelaksana:
            acc = per.get(key)
            if acc is None:
                acc = per[key] = _Sum()
            acc.add(low, high)
    return Estimate(total.span(), {k: v.span() for k, v in per.items()}, path, missing,
                    loops, ulang)


def step_counts(path: list[int], loops: list[tuple[int, int, list[int]]],
                ulang: int = 0) -> dict[int, int]:
    """How many times each counted step is done in one completion: once along the main
    ``path``, and ``ulang`` more times for each rework loop it is in."""
    counts: dict[int, int] = {i: 1 for i in path}
    if ulang:
        for _decision, _target, body in loops:
            for i in body:
                counts[i] = counts.get(i, 0) + ulang
    return counts


class _Sum:
    """A running total of spans, its whole minutes apart from its fractions of a minute:
    one step of ``90 detik`` must not turn every later addition into Fraction arithmetic."""

    __slots__ = ("low", "high", "frac_low", "frac_high")

    def __init__(self) -> None:
        self.low = self.high = 0
        self.frac_low: Minutes = 0
        self.frac_high: Minutes = 0

    def add(self, low: Minutes, high: Minutes) -> None:
        if type(low) is int and type(high) is int:
            self.low += low
            self.high += high
        else:
            self.frac_low += low
            self.frac_high += high

    def span(self) -> Span:
        if type(self.frac_low) is int and type(self.frac_high) is int:
            return Span(self.low + self.frac_low, self.high + self.frac_high)
        return Span(whole(self.low + self.frac_low), whole(self.high + self.frac_high))


def _path_order(counts: dict[int, int], path: list[int]) -> list[int]:
    """The counted steps: the main path in order, then loop steps off it by number."""
    position = {s: k for k, s in enumerate(path)}  # not path.index: quadratic in steps
    return sorted(counts, key=lambda s: (position.get(s, len(path)), s))


def pass_span(sop: Sop, steps: list[int], calendar: Calendar = DEFAULT_CALENDAR) -> Span:
    """The working time of one pass over ``steps`` (steps without time count as zero)."""
    total = _Sum()
    for i in steps:
        text = sop.langkah[i].waktu
        minutes = None if text is None else calendar.text_minutes(text, sop.satuan_waktu)
        if minutes is not None:
            total.add(*minutes)
    return total.span()
