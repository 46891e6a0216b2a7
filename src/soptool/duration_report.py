"""`soptool duration`: measure SOPs, check their limits, and print the result as text or JSON.

``measure`` turns one valid SOP into a ``SopDuration`` (estimate, limits, calendar
projection); ``to_json`` and ``TextReport`` present a run. The command line only parses
options and calls these.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from soptool.duration import Estimate, Span, estimate, limit_minutes, pass_span, span_text
from soptool.flow import END, build_flow
from soptool.kalender import DAY_NAMES, Projection, WorkCalendar
from soptool.messages import message
from soptool.model import Sop, format_date
from soptool.timing import Calendar, format_hours, format_number
from soptool.validate import FileResult, validate_file

NAME_WIDTH = 44


@dataclass(frozen=True)
class Loop:
    """A rework loop: the decision, the branch that goes back, its target, one pass."""

    keputusan: int  # step index of the decision
    cabang: str  # "ya" or "tidak"
    label: str  # the branch's printed label (label_ya / label_tidak, else Ya / Tidak)
    kembali_ke: int  # step index the branch goes back to
    langkah: list[int]  # step indexes of one pass
    span: Span  # working time of one pass


@dataclass
class SopDuration:
    """The working time of one SOP, its limits, and (with a start date) its finish dates."""

    file: str
    sop: Sop
    calendar: Calendar
    estimate: Estimate
    loops: list[Loop]
    batas: Fraction | None  # the SOP's own batas_waktu, minutes
    max_limit: Fraction | None  # --max, minutes
    selesai: tuple[Projection, Projection] | None = None  # (low, high) with --mulai

    @property
    def total(self) -> Span:
        """The total along the main path, rework included."""
        return self.estimate.total

    @property
    def melebihi_batas(self) -> bool:
        """Whether the upper bound exceeds the SOP's own batas_waktu."""
        return self.batas is not None and self.total.high > self.batas

    @property
    def melebihi_max(self) -> bool:
        """Whether the upper bound exceeds --max."""
        return self.max_limit is not None and self.total.high > self.max_limit

    @property
    def failed(self) -> bool:
        """Whether a limit is exceeded."""
        return self.melebihi_batas or self.melebihi_max


@dataclass(frozen=True)
class Job:
    """What measuring one file needs (picklable, for worker processes)."""

    calendar: Calendar
    ulang: int = 0
    max_limit: Fraction | None = None
    mulai: dt.date | None = None
    work: WorkCalendar | None = None

    def __call__(self, path: Path) -> tuple[FileResult, SopDuration | None]:
        """Validate one file and, when it is valid, measure it."""
        result = validate_file(path, keep=True)
        sop = result.loaded.sop if result.loaded is not None else None
        result.loaded = None  # the model travels in the measurement, not twice
        if result.errors or sop is None:
            return result, None
        return result, measure(sop, result.file, self.calendar, self.ulang, self.max_limit,
                               self.mulai, self.work)


def measure_files(paths: list[Path], job: Job) -> Iterator[tuple[FileResult, SopDuration | None]]:
    """Each file validated and measured, in input order; many files in worker processes."""
    from soptool.workers import map_in_order

    return map_in_order(job, paths)


def measure(
    sop: Sop,
    file: str,
    calendar: Calendar,
    ulang: int = 0,
    max_limit: Fraction | None = None,
    mulai: dt.date | None = None,
    work_calendar: WorkCalendar | None = None,
) -> SopDuration:
    """Estimate one valid SOP, check its limits, and project it from ``mulai``."""
    est = estimate(sop, calendar, ulang)
    result = SopDuration(file, sop, calendar, est, _loops(sop, est, calendar),
                         limit_minutes(sop, calendar), max_limit)
    if mulai is not None:
        work = work_calendar or WorkCalendar(calendar)
        result.selesai = (work.project(mulai, est.total.low),
                          work.project(mulai, est.total.high))
    return result


def _loops(sop: Sop, est: Estimate, calendar: Calendar) -> list[Loop]:
    flow = build_flow(sop)
    out = []
    for decision, target, body in est.loops:
        keputusan = sop.langkah[decision].keputusan
        for edge in flow.edges[decision]:
            if edge.target != target or edge.branch not in ("ya", "tidak") or target == END:
                continue
            label = None
            if keputusan is not None:
                label = keputusan.label_ya if edge.branch == "ya" else keputusan.label_tidak
            out.append(Loop(decision, edge.branch, label or edge.branch.capitalize(), target,
                            body, pass_span(sop, body, calendar)))
            break
    return out


# --- JSON ---------------------------------------------------------------------------------


def json_number(value: Fraction) -> int | float:
    """Minutes as a JSON number: whole where whole, else rounded to 2 decimals."""
    if value.denominator == 1:
        return value.numerator
    return round(float(value), 2)


def _span_json(span: Span) -> dict[str, int | float]:
    return {"min_menit": json_number(span.low), "max_menit": json_number(span.high)}


def to_dict(item: SopDuration) -> dict[str, Any]:
    """One SOP as a JSON-ready dict (the keys are the public contract of --format json)."""
    est = item.estimate
    out: dict[str, Any] = {
        "file": item.file,
        "nama": item.sop.nama,
        "nomor": item.sop.nomor,
        "total": _span_json(item.total),
        "batas_bawah": est.is_lower_bound,
        "per_pelaksana": {k: _span_json(v) for k, v in est.per_pelaksana.items()},
        "tanpa_waktu": len(est.tanpa_waktu),
        "langkah_tanpa_waktu": [i + 1 for i in est.tanpa_waktu],
        "jalur_utama": [i + 1 for i in est.path],
        "ulang": est.ulang,
        "putaran": [
            {"keputusan": lp.keputusan + 1, "cabang": lp.cabang, "kembali_ke": lp.kembali_ke + 1,
             "langkah": [i + 1 for i in lp.langkah], "per_putaran": _span_json(lp.span)}
            for lp in item.loops
        ],
        "batas_waktu": item.sop.batas_waktu,
        "batas_waktu_menit": None if item.batas is None else json_number(item.batas),
        "melebihi_batas": item.melebihi_batas,
        "max_menit": None if item.max_limit is None else json_number(item.max_limit),
        "melebihi_max": item.melebihi_max,
    }
    if item.selesai is not None:
        low, high = item.selesai
        out["mulai"] = low.mulai.isoformat()
        out["selesai"] = {"min": low.selesai.isoformat(), "max": high.selesai.isoformat()}
        out["hari_kerja"] = {"min": low.hari_kerja, "max": high.hari_kerja}
        out["libur"] = [
            {"tanggal": h.tanggal.isoformat(), "nama": h.nama, "hari_kerja": h.kerja}
            for h in high.libur
        ]
    return out


def write_json(items: list[SopDuration], stream: IO[str]) -> None:
    """Write the run as a JSON list, one object per SOP."""
    json.dump([to_dict(i) for i in items], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


# --- text ---------------------------------------------------------------------------------

_COLOURS = {"bad": "\x1b[1;31m", "good": "\x1b[32m", "bold": "\x1b[1m", "dim": "\x1b[2m",
            "reset": "\x1b[0m"}


def hours_text(span: Span) -> str:
    """``253,5 jam``, or ``7,5-15 jam`` for a range."""
    if not span.is_range:
        return format_hours(span.low)
    return f"{format_number(span.low / 60)}-{format_hours(span.high)}"


class TextReport:
    """The run as text: the table of SOPs and the limits first, then details per SOP."""

    def __init__(self, stream: IO[str], lang: str = "id", colour: bool = False) -> None:
        self.stream = stream
        self.lang = lang
        self.colour = colour
        self.max_text: str | None = None

    def _m(self, key: str, **params: Any) -> str:
        return message(key, self.lang, **params)

    def _c(self, name: str, text: str) -> str:
        return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if self.colour else text

    def _w(self, line: str = "") -> None:
        self.stream.write(line.rstrip() + "\n")

    def _date(self, day: dt.date) -> str:
        if self.lang == "id":
            return format_date(day)
        return day.isoformat()

    def _day(self, day: dt.date) -> str:
        return f"{DAY_NAMES[self.lang][day.weekday()]}, {self._date(day)}"

    def _finish(self, item: SopDuration) -> str:
        assert item.selesai is not None
        low, high = item.selesai
        if low.selesai == high.selesai:
            return self._date(low.selesai)
        return f"{self._date(low.selesai)} - {self._date(high.selesai)}"

    def write(self, items: list[SopDuration], invalid: int, calendar: Calendar,
              max_text: str | None = None) -> None:
        """Write the whole report."""
        self.max_text = max_text
        self._w(self._c("bold", self._m("duration.heading", **_calendar_params(calendar))))
        self._w()
        if items:
            self._table(items, invalid, calendar)
        if any(i.failed for i in items) or invalid:
            self._w()
        self._breaches(items, max_text)
        if invalid:
            self._w(self._c("bad", self._m("duration.invalid", count=invalid)))
        for item in items:
            self._w()
            self._details(item)

    def _table(self, items: list[SopDuration], invalid: int, calendar: Calendar) -> None:
        projected = any(i.selesai is not None for i in items)
        head = [self._m("duration.col_sop"), self._m("duration.col_total"),
                self._m("duration.col_hours"), self._m("duration.col_limit"),
                self._m("duration.col_status")]
        if projected:
            head.append(self._m("duration.col_finish"))
        rows: list[list[str]] = []
        status: list[str] = []
        for item in items:
            mark = " *" if item.estimate.is_lower_bound else ""
            limit = self._limit(item)
            if item.failed:
                state = "bad"
                word = self._m("duration.exceeded")
            elif item.batas is not None or item.max_limit is not None:
                # A lower bound within the limit is no promise kept: some time is unknown.
                state, word = "good", "OK" + mark
            else:
                state, word = "", "-"
            row = [item.sop.nama, span_text(item.total, calendar) + mark,
                   hours_text(item.total) + mark, limit, word]
            if projected:
                row.append(self._finish(item) if item.selesai else "-")
            rows.append(row)
            status.append(state)
        total = Span()
        for item in items:
            total = total + item.total
        failed = sum(i.failed for i in items)
        lower = " *" if any(i.estimate.is_lower_bound for i in items) else ""
        summary = [self._m("duration.sum_row", count=len(items)),
                   span_text(total, calendar) + lower, hours_text(total) + lower, "",
                   self._m("duration.sum_failed", count=failed)]
        if projected:
            summary.append("")
        wrapped = [textwrap.wrap(r[0], NAME_WIDTH) or [""] for r in rows]
        table = [head, summary] + [[max(w, key=len), *r[1:]]
                                   for w, r in zip(wrapped, rows, strict=True)]
        width = [max(len(x) for x in col) for col in zip(*table, strict=True)]

        def line(cells: list[str], styles: list[str] | None = None) -> str:
            out = []
            for n, cell in enumerate(cells):
                text = cell.ljust(width[n]) if n < len(cells) - 1 else cell
                style = styles[n] if styles else ""
                out.append(self._c(style, text) if style and cell else text)
            return "  ".join(out)

        self._w(self._c("bold", line(head)) if self.colour else line(head))
        self._w("  ".join("-" * w for w in width))
        for name_lines, row, state in zip(wrapped, rows, status, strict=True):
            styles = ["", "bold", "", "", state] + ([""] if projected else [])
            self._w(line([name_lines[0], *row[1:]], styles))
            for extra in name_lines[1:]:
                self._w(extra)
        self._w("  ".join("-" * w for w in width))
        self._w(line(summary))
        if any(i.estimate.is_lower_bound for i in items):
            self._w(self._m("duration.lower_note"))

    def _limit(self, item: SopDuration) -> str:
        """The limit that binds: the SOP's batas_waktu or --max, whichever is shorter."""
        limits = []
        if item.batas is not None:
            limits.append((item.batas, item.sop.batas_waktu or ""))
        if item.max_limit is not None:
            limits.append((item.max_limit, f"--max {self.max_text or ''}".strip()))
        return min(limits, key=lambda x: x[0])[1] if limits else "-"

    def _breaches(self, items: list[SopDuration], max_text: str | None) -> None:
        for item in items:
            total = f"{span_text(item.total, item.calendar)} ({hours_text(item.total)})"
            if item.melebihi_batas and item.batas is not None:
                self._w(self._c("bad", self._m(
                    "duration.breach_batas", nama=item.sop.nama, file=item.file, total=total,
                    limit=item.sop.batas_waktu or "", minutes=format_hours(item.batas))))
            if item.melebihi_max and item.max_limit is not None:
                self._w(self._c("bad", self._m(
                    "duration.breach_max", nama=item.sop.nama, file=item.file, total=total,
                    limit=max_text or "", minutes=format_hours(item.max_limit))))

    def _details(self, item: SopDuration) -> None:
        sop, est, cal = item.sop, item.estimate, item.calendar
        self._w(self._c("bold", f"{sop.nama}") + f"  ({item.file})")
        total = f"{span_text(item.total, cal)} ({hours_text(item.total)})"
        if est.is_lower_bound:
            total = self._m("duration.at_least") + " " + total
        steps = ", ".join(str(i + 1) for i in est.path)
        self._w("  " + self._m("duration.total_line", total=total, count=len(est.path),
                               steps=steps))
        if item.selesai is not None:
            low, high = item.selesai
            if low.selesai == high.selesai:
                finish = self._m("duration.finish_one", day=self._day(low.selesai),
                                 days=low.hari_kerja)
            else:
                finish = self._m("duration.finish_range", low=self._day(low.selesai),
                                 high=self._day(high.selesai), low_days=low.hari_kerja,
                                 high_days=high.hari_kerja)
            self._w("  " + self._m("duration.start", day=self._day(low.mulai)) + "; " + finish)
        self._w("  " + self._m("duration.per_actor"))
        titles = {k: f"{t} ({k})" for k, t in sop.pelaksana.items()}
        width = max((len(t) for t in titles.values()), default=0)
        for key, span in est.per_pelaksana.items():
            title = titles.get(key, key)
            self._w(f"    {title.ljust(width)}  {span_text(span, cal)} ({hours_text(span)})")
        if est.tanpa_waktu:
            listed = ", ".join(self._no_time(sop, i) for i in est.tanpa_waktu)
            self._w("  " + self._m("duration.no_time", count=len(est.tanpa_waktu),
                                   steps=listed))
        else:
            self._w("  " + self._m("duration.no_time_none"))
        for lp in item.loops:
            counted = (self._m("duration.loop_counted", n=est.ulang) if est.ulang
                       else self._m("duration.loop_not_counted"))
            steps = ", ".join(str(i + 1) for i in lp.langkah)
            self._w("  " + self._m("duration.loop", step=lp.keputusan + 1, label=lp.label,
                                   target=lp.kembali_ke + 1, steps=steps,
                                   time=span_text(lp.span, cal),
                                   hours=hours_text(lp.span), counted=counted))
        if item.selesai is not None:
            libur = item.selesai[1].libur
            if libur:
                self._w("  " + self._m("duration.holidays", count=len(libur)))
                days = [self._day(h.tanggal) for h in libur]
                width = max(len(d) for d in days)
                for day, h in zip(days, libur, strict=True):
                    note = "" if h.kerja else " " + self._m("duration.weekend")
                    self._w(f"    {day.ljust(width)}  {h.nama}{note}")
            else:
                self._w("  " + self._m("duration.holidays_none"))

    def _no_time(self, sop: Sop, index: int) -> str:
        waktu = sop.langkah[index].waktu
        shown = f"'{waktu.strip()}'" if waktu and waktu.strip() else self._m("duration.empty")
        return f"{index + 1} ({shown})"


def _calendar_params(calendar: Calendar) -> dict[str, str]:
    return {"jam": format_number(calendar.jam_per_hari),
            "hari": format_number(calendar.hari_per_minggu),
            "bulan": format_number(calendar.hari_per_bulan)}
