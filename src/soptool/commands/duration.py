"""`soptool duration`: measure SOPs, check their limits, and print the result as text or JSON.

``measure`` turns one valid SOP into a ``SopDuration`` (estimate, limits, calendar
projection); ``to_dict`` and ``TextReport`` present it. ``Show`` does both for one file, in a
worker process when there are many: what comes back is a ``Shown``, the SOP's table row and
its text (or JSON), not its model; the parent only lays out the table and writes. The command
line only parses options and calls these.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import IO, Any, TypeVar

from soptool.findings import FileResult, Finding, Severity
from soptool.graph import END, Flow, build_flow
from soptool.loading import load_file
from soptool.model import Sop, format_date
from soptool.report.jsonout import ITEM_NEWLINE, write_items
from soptool.report.messages import message
from soptool.rules.checks import run_checks
from soptool.timing.calendar import DAY_NAMES, MAX_DAYS, Projection, WorkCalendar
from soptool.timing.durations import (
    Calendar,
    Minutes,
    format_hours,
    format_hours_number,
    format_number,
    minutes_json,
)
from soptool.timing.estimate import Estimate, Span, estimate, limit_minutes, pass_span, span_text

NAME_WIDTH = 44

R = TypeVar("R")


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
    batas: Minutes | None  # the SOP's own batas_waktu, minutes
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
        # validate_file, with the flow graph built once for the checks and the measurement.
        doc = load_file(path, str(path))
        sop = doc.sop
        flow = build_flow(sop) if sop is not None else None
        result = FileResult(doc.file, run_checks(doc, flow))
        if result.errors or sop is None:
            return result, None
        try:
            return result, measure(sop, result.file, self.calendar, self.ulang,
                                   self.max_limit, self.mulai, self.work, flow)
        except OverflowError as exc:  # a limit of the projection: this file's finding
            line, col = doc.positions.at(("langkah",), key=True)
            result.findings.append(Finding("SOP306", Severity.ERROR, result.file, line, col,
                                           {"days": exc.args[0], "limit": MAX_DAYS}))
            return result, None


@dataclass
class Shown:
    """One measured SOP as the report shows it, made where it was measured.

    Text and a few figures only: with many files, worker processes make these, and the SOP's
    model never travels back to the parent, which only lays out the table and writes.
    """

    file: str
    failed: bool  # a limit is exceeded
    lower_bound: bool  # its total is only a lower bound
    total: tuple[Minutes, Minutes]  # (low, high), for the table's sum row
    json: str = ""  # --format json: its object, indented as an item of "files"
    name: tuple[str, ...] = ()  # the table's SOP cell: the name, wrapped to NAME_WIDTH
    cells: tuple[str, ...] = ()  # the other cells of its row: total, hours, limit, status
    state: str = ""  # the style of the status cell: "bad", "good" or ""
    finish: str | None = None  # the finish cell, with --mulai
    breaches: str = ""  # the lines for the limits it exceeds
    details: str = ""  # its details section

    @property
    def projected(self) -> bool:
        """Whether it has finish dates (--mulai)."""
        return self.finish is not None


@dataclass(frozen=True)
class Show:
    """The command's work for one file (picklable, for worker processes): validate and
    measure it (``job``), then present it as ``fmt`` in ``lang``.

    Returns the file's findings when it is invalid, else its ``Shown``.
    """

    job: Job
    fmt: str = "text"
    lang: str = "id"
    colour: bool = False
    max_text: str | None = None  # --max as written

    def __call__(self, path: Path) -> tuple[FileResult | None, Shown | None]:
        """Validate, measure and present one file."""
        result, item = self.job(path)
        if item is None:
            return result, None
        if self.fmt == "json":
            total = item.total
            return None, Shown(item.file, item.failed, item.estimate.is_lower_bound,
                               (total.low, total.high), json=json_text(item))
        return None, TextReport(None, self.lang, self.colour, self.max_text).show(item)


def measure_files(paths: list[Path], job: Callable[[Path], R]) -> Iterator[R]:
    """``job`` (a ``Job`` or a ``Show``) over each file, in input order; many files in worker
    processes."""
    from soptool.workers import map_in_order

    return map_in_order(job, paths)


def run_duration(files: list[Path], job: Job, fmt: str = "text", lang: str = "id",
                 max_text: str | None = None, progress: IO[str] | None = None,
                 stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """The ``duration`` command once its options are read: measure every file, report the
    invalid ones to stderr and the rest to stdout; the exit code.

    0 when all is well, 1 when a file is invalid, a limit is exceeded or a projection
    (--mulai) would run for decades (SOP306, that file's finding). ``progress``: a
    terminal to count the files on while a long run goes (``report.progress``). ``stdout``
    and ``stderr``: where the report and the invalid files' findings go (default: sys's).
    """
    from soptool.findings import EXIT_FINDINGS, EXIT_OK
    from soptool.report.progress import Progress
    from soptool.report.reporters import TextReporter, use_colour

    out = stdout if stdout is not None else sys.stdout
    items = []
    invalid = TextReporter(stderr if stderr is not None else sys.stderr, lang)
    colour = use_colour(out)
    counter = Progress(progress, len(files), lang)
    # Each file is measured and presented where it is validated (a worker process for
    # many files); this process receives only its text and lays out the report.
    for result, shown in measure_files(files, Show(job, fmt, lang, colour, max_text)):
        if shown is None:
            assert result is not None
            counter.clear()
            invalid.add(result)
        else:
            items.append(shown)
        counter.step()
    counter.close()
    if invalid.files:
        invalid.close()
    if fmt == "json":
        write_json(items, out)
    else:
        TextReport(out, lang, colour).write(items, invalid.files, job.calendar)
    failed = invalid.files > 0 or any(item.failed for item in items)
    return EXIT_FINDINGS if failed else EXIT_OK


def measure(
    sop: Sop,
    file: str,
    calendar: Calendar,
    ulang: int = 0,
    max_limit: Fraction | None = None,
    mulai: dt.date | None = None,
    work_calendar: WorkCalendar | None = None,
    flow: Flow | None = None,
) -> SopDuration:
    """Estimate one valid SOP, check its limits, and project it from ``mulai``.

    ``flow`` is the SOP's flow graph when the caller has built it already.
    """
    if flow is None:
        flow = build_flow(sop)
    est = estimate(sop, calendar, ulang, flow)
    result = SopDuration(file, sop, calendar, est, _loops(sop, flow, est, calendar),
                         limit_minutes(sop, calendar), max_limit)
    if mulai is not None:
        work = work_calendar or WorkCalendar(calendar)
        result.selesai = (work.project(mulai, est.total.low),
                          work.project(mulai, est.total.high))
    return result


def _loops(sop: Sop, flow: Flow, est: Estimate, calendar: Calendar) -> list[Loop]:
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


def _span_json(span: Span) -> dict[str, int | float]:
    return {"min_menit": minutes_json(span.low), "max_menit": minutes_json(span.high)}


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
        "batas_waktu_menit": None if item.batas is None else minutes_json(item.batas),
        "melebihi_batas": item.melebihi_batas,
        "max_menit": None if item.max_limit is None else minutes_json(item.max_limit),
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


def json_text(item: SopDuration) -> str:
    """One SOP's JSON object as it stands in the document ``write_json`` writes (indented)."""
    # JSON strings escape newlines: every newline here is the layout's, so indenting after
    # each one gives exactly what json.dump of the whole document writes.
    text = json.dumps(to_dict(item), ensure_ascii=False, indent=2)
    return text.replace("\n", ITEM_NEWLINE)


def write_json(items: Sequence[SopDuration | Shown], stream: IO[str]) -> None:
    """Write the run as the JSON envelope (``report.jsonout``) with ``files``, one object
    per valid SOP."""
    write_items("files", [i.json if isinstance(i, Shown) else json_text(i) for i in items],
                stream)


# --- text ---------------------------------------------------------------------------------

_COLOURS = {"bad": "\x1b[1;31m", "good": "\x1b[32m", "bold": "\x1b[1m", "dim": "\x1b[2m",
            "reset": "\x1b[0m"}


def hours_text(span: Span) -> str:
    """``253,5 jam``, or ``7,5-15 jam`` for a range."""
    if not span.is_range:
        return format_hours(span.low)
    return f"{format_hours_number(span.low)}-{format_hours(span.high)}"


class TextReport:
    """The run as text: the table of SOPs and the limits first, then details per SOP.

    ``show`` presents one SOP (in a worker process when there are many); ``write`` lays out
    the whole report from those.
    """

    def __init__(self, stream: IO[str] | None, lang: str = "id", colour: bool = False,
                 max_text: str | None = None) -> None:
        self.stream = stream
        self.lang = lang
        self.colour = colour
        self.max_text = max_text  # --max as written

    def _m(self, key: str, **params: Any) -> str:
        return message(key, self.lang, **params)

    def _c(self, name: str, text: str) -> str:
        return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if self.colour else text

    def _w(self, line: str = "") -> None:
        assert self.stream is not None
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

    def show(self, item: SopDuration) -> Shown:
        """One SOP's row of the table, its breach lines and its details, as text."""
        mark = " *" if item.estimate.is_lower_bound else ""
        if item.failed:
            state = "bad"
            word = self._m("duration.exceeded")
        elif item.batas is not None or item.max_limit is not None:
            # A lower bound within the limit is no promise kept: some time is unknown.
            state, word = "good", "OK" + mark
        else:
            state, word = "", "-"
        span, hours = span_text(item.total, item.calendar), hours_text(item.total)
        total = f"{span} ({hours})"
        return Shown(
            item.file, item.failed, item.estimate.is_lower_bound,
            (item.total.low, item.total.high),
            name=wrap_name(item.sop.nama),
            cells=(span + mark, hours + mark, self._limit(item), word),
            state=state,
            finish=None if item.selesai is None else self._finish(item),
            breaches=_lines(self._breaches(item, total)),
            details=_lines(self._details(item, total)),
        )

    def write(self, items: list[Shown], invalid: int, calendar: Calendar) -> None:
        """Write the whole report."""
        assert self.stream is not None
        self._w(self._c("bold", self._m("duration.heading", **_calendar_params(calendar))))
        self._w()
        if items:
            self._table(items, calendar)
        if any(i.failed for i in items) or invalid:
            self._w()
        for item in items:
            self.stream.write(item.breaches)
        if invalid:
            self._w(self._c("bad", self._m("duration.invalid", count=invalid)))
        for item in items:
            self._w()
            self.stream.write(item.details)

    def _table(self, items: list[Shown], calendar: Calendar) -> None:
        projected = any(i.projected for i in items)
        head = [self._m("duration.col_sop"), self._m("duration.col_total"),
                self._m("duration.col_hours"), self._m("duration.col_limit"),
                self._m("duration.col_status")]
        if projected:
            head.append(self._m("duration.col_finish"))
        rows = [[*i.cells, i.finish or "-"] if projected else list(i.cells) for i in items]
        low: Minutes = 0
        high: Minutes = 0
        for item in items:
            low += item.total[0]
            high += item.total[1]
        total = Span(low, high)
        failed = sum(i.failed for i in items)
        lower = " *" if any(i.lower_bound for i in items) else ""
        summary = [self._m("duration.sum_row", count=len(items)),
                   span_text(total, calendar) + lower, hours_text(total) + lower, "",
                   self._m("duration.sum_failed", count=failed)]
        if projected:
            summary.append("")
        table = [head, summary] + [[max(i.name, key=len), *r]
                                   for i, r in zip(items, rows, strict=True)]
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
        for item, row in zip(items, rows, strict=True):
            styles = ["", "bold", "", "", item.state] + ([""] if projected else [])
            self._w(line([item.name[0], *row], styles))
            for extra in item.name[1:]:
                self._w(extra)
        self._w("  ".join("-" * w for w in width))
        self._w(line(summary))
        if lower:
            self._w(self._m("duration.lower_note"))

    def _limit(self, item: SopDuration) -> str:
        """The limit that binds: the SOP's batas_waktu or --max, whichever is shorter."""
        limits = []
        if item.batas is not None:
            limits.append((item.batas, item.sop.batas_waktu or ""))
        if item.max_limit is not None:
            limits.append((item.max_limit, f"--max {self.max_text or ''}".strip()))
        return min(limits, key=lambda x: x[0])[1] if limits else "-"

    def _breaches(self, item: SopDuration, total: str) -> list[str]:
        out = []
        if item.melebihi_batas and item.batas is not None:
            out.append(self._c("bad", self._m(
                "duration.breach_batas", nama=item.sop.nama, file=item.file, total=total,
                limit=item.sop.batas_waktu or "", minutes=format_hours(item.batas))))
        if item.melebihi_max and item.max_limit is not None:
            out.append(self._c("bad", self._m(
                "duration.breach_max", nama=item.sop.nama, file=item.file, total=total,
                limit=self.max_text or "", minutes=format_hours(item.max_limit))))
        return out

    def _details(self, item: SopDuration, total: str) -> list[str]:
        sop, est, cal = item.sop, item.estimate, item.calendar
        out = [self._c("bold", f"{sop.nama}") + f"  ({item.file})"]
        if est.is_lower_bound:
            total = self._m("duration.at_least") + " " + total
        steps = ", ".join(str(i + 1) for i in est.path)
        out.append("  " + self._m("duration.total_line", total=total, count=len(est.path),
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
            out.append("  " + self._m("duration.start", day=self._day(low.mulai)) + "; "
                       + finish)
        out.append("  " + self._m("duration.per_actor"))
        titles = {k: f"{t} ({k})" for k, t in sop.pelaksana.items()}
        width = max((len(t) for t in titles.values()), default=0)
        for key, span in est.per_pelaksana.items():
            title = titles.get(key, key)
            out.append(f"    {title.ljust(width)}  {span_text(span, cal)} ({hours_text(span)})")
        if est.tanpa_waktu:
            listed = ", ".join(self._no_time(sop, i) for i in est.tanpa_waktu)
            out.append("  " + self._m("duration.no_time", count=len(est.tanpa_waktu),
                                      steps=listed))
        else:
            out.append("  " + self._m("duration.no_time_none"))
        for lp in item.loops:
            counted = (self._m("duration.loop_counted", n=est.ulang) if est.ulang
                       else self._m("duration.loop_not_counted"))
            steps = ", ".join(str(i + 1) for i in lp.langkah)
            out.append("  " + self._m("duration.loop", step=lp.keputusan + 1, label=lp.label,
                                      target=lp.kembali_ke + 1, steps=steps,
                                      time=span_text(lp.span, cal),
                                      hours=hours_text(lp.span), counted=counted))
        if item.selesai is not None:
            libur = item.selesai[1].libur
            if libur:
                out.append("  " + self._m("duration.holidays", count=len(libur)))
                days = [self._day(h.tanggal) for h in libur]
                width = max(len(d) for d in days)
                for day, h in zip(days, libur, strict=True):
                    note = "" if h.kerja else " " + self._m("duration.weekend")
                    out.append(f"    {day.ljust(width)}  {h.nama}{note}")
            else:
                out.append("  " + self._m("duration.holidays_none"))
        return out

    def _no_time(self, sop: Sop, index: int) -> str:
        waktu = sop.langkah[index].waktu
        shown = f"'{waktu.strip()}'" if waktu and waktu.strip() else self._m("duration.empty")
        return f"{index + 1} ({shown})"


def wrap_name(name: str) -> tuple[str, ...]:
    """An SOP's name in lines of at most NAME_WIDTH, as ``textwrap.wrap`` gives them."""
    if len(name) <= NAME_WIDTH and name.isprintable() and name.strip() \
            and not name.endswith(" "):
        # What wrap returns for a short name of printable characters (no tab nor line
        # break to replace, no trailing space to drop), without its 10 us of work.
        return (name,)
    return tuple(textwrap.wrap(name, NAME_WIDTH) or [""])


def _lines(lines: list[str]) -> str:
    """Lines as the report writes them: each without trailing spaces, ending in a newline."""
    return "".join(line.rstrip() + "\n" for line in lines)


def _calendar_params(calendar: Calendar) -> dict[str, str]:
    return {"jam": format_number(calendar.jam_per_hari),
            "hari": format_number(calendar.hari_per_minggu),
            "bulan": format_number(calendar.hari_per_bulan)}
