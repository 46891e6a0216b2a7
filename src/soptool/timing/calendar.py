"""Projecting working time onto the calendar: weekends, holidays, cuti bersama.

Work starts at the beginning of the start day, or of the next working day when the start day
is not one. Each working day holds ``jam_per_hari`` hours. The finish date is the working day
on which the last working minute falls. Weekends (the days after the first
``hari_per_minggu`` days of the week, Monday first), Indonesia's national holidays and, unless
switched off, cuti bersama (the ``holidays`` package, country ID, categories public and
government) and the project's own extra holidays are skipped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from soptool.timing.durations import DEFAULT_CALENDAR, Calendar, Minutes

# A projection longer than this is refused: it would mean decades of work (a typo).
MAX_DAYS = 366 * 50

DAY_NAMES = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@dataclass(frozen=True)
class Libur:
    """A day off that is not a weekend: its date and name."""

    tanggal: dt.date
    nama: str
    kerja: bool  # whether it falls on a working weekday (and so costs a working day)


@dataclass(frozen=True)
class Projection:
    """Where some working minutes land on the calendar."""

    mulai: dt.date  # the first working day
    selesai: dt.date  # the working day of the last working minute
    hari_kerja: int  # working days used
    libur: tuple[Libur, ...]  # holidays from the requested start day to selesai


class WorkCalendar:
    """Working days: the working week, national holidays, cuti bersama and extra days off."""

    def __init__(
        self,
        calendar: Calendar = DEFAULT_CALENDAR,
        cuti_bersama: bool = True,
        libur_tambahan: Iterable[dt.date] = (),
        lang: str = "id",
    ) -> None:
        import holidays  # costs ~0.1 s; only projections need it

        self.calendar = calendar
        self.week = int(calendar.hari_per_minggu)
        categories = ("public", "government") if cuti_bersama else ("public",)
        self._holidays: Any = holidays.country_holidays(
            "ID", categories=categories, language="id" if lang == "id" else "en_US"
        )
        self._extra = frozenset(libur_tambahan)
        self._extra_name = "Libur tambahan (soptool.yaml)" if lang == "id" else (
            "Extra holiday (soptool.yaml)")

    def holiday(self, day: dt.date) -> str | None:
        """The name of the holiday on ``day``, or None."""
        names = []
        if day in self._holidays:
            names.append(str(self._holidays.get(day)))
        if day in self._extra:
            names.append(self._extra_name)
        return "; ".join(names) if names else None

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        return day.weekday() < self.week and self.holiday(day) is None

    def project(self, start: dt.date, minutes: Minutes) -> Projection:
        """Where ``minutes`` of working time, begun at the start of ``start``, finish."""
        per_day = self.calendar.minutes_per_day
        days = max(1, math.ceil(minutes / per_day))
        if days > MAX_DAYS:
            raise OverflowError(days)
        day = start
        first: dt.date | None = None
        used = 0
        while True:
            if self.is_working_day(day):
                if first is None:
                    first = day
                used += 1
                if used == days:
                    break
            day += dt.timedelta(days=1)
        assert first is not None
        libur = []
        d = start
        while d <= day:
            name = self.holiday(d)
            if name is not None:
                libur.append(Libur(d, name, d.weekday() < self.week))
            d += dt.timedelta(days=1)
        return Projection(first, day, days, tuple(libur))
