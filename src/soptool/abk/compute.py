"""The workload analysis (Analisis Beban Kerja, Permenpan-RB 1/2020) from SOPs.

For every step an SOP counts (its main path, as ``soptool duration`` totals it; rework loops
only with ``ulang``), each of its pelaksana gets one task: the SOP's yearly volume times the
step's time (its norma waktu). A pelaksana belongs to the position of ``abk.jabatan`` that
lists its title, else to a position of its own title. A position's workload divided by the
effective working hours of one employee (``jam_kerja_efektif``) is the number of employees
it needs; divided by that times its holders (``pemangku``), the efficiency of the position
(EJ), graded A to E. Every figure is an exact Fraction; ranges give a (low, high) pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from soptool.config import AbkSettings, title_key
from soptool.findings import FileResult
from soptool.graph import build_flow
from soptool.loading import load_file
from soptool.model import Sop
from soptool.rules.checks import run_checks
from soptool.timing.durations import Calendar
from soptool.timing.estimate import step_counts
from soptool.timing.volume import parse_volume, year_factors

Pair = tuple[Fraction, Fraction]
NOT_IN_FORCE = ("dicabut", "digantikan")
# EJ grades (Permenpan-RB 1/2020): the least EJ of each, on the two-decimal figure.
GRADES = (("A", Fraction(101, 100)), ("B", Fraction(90, 100)), ("C", Fraction(70, 100)),
          ("D", Fraction(50, 100)), ("E", Fraction(0)))


@dataclass(frozen=True)
class Task:
    """One step of one SOP done by one position: a line of the ABK form."""

    file: str
    sop: str  # the SOP's nama
    nomor: str | None
    langkah: int  # the step's number (1-based)
    kegiatan: str
    hasil: str  # the step's output: the satuan hasil ("" when the step has none)
    pelaksana: str  # the pelaksana's title as that SOP writes it
    volume: str  # the SOP's volume as written
    per_tahun: Fraction  # completions a year
    kali: int  # times the step is done in one completion (1, more with ulang on a loop)
    norma: Pair | None  # minutes per completion (kali included); None: no measurable time
    waktu: str | None  # the step's waktu as written

    @property
    def beban(self) -> Pair:
        """Hours a year (0 when the step has no measurable time)."""
        if self.norma is None:
            return (Fraction(0), Fraction(0))
        return (self.per_tahun * self.norma[0] / 60, self.per_tahun * self.norma[1] / 60)


@dataclass
class Position:
    """One position and its tasks."""

    name: str
    pemangku: int | None
    mapped: bool  # whether abk.jabatan lists it
    tasks: list[Task] = field(default_factory=list)

    @property
    def beban(self) -> Pair:
        """Total hours a year (low, high)."""
        low = sum((t.beban[0] for t in self.tasks), Fraction(0))
        high = sum((t.beban[1] for t in self.tasks), Fraction(0))
        return (low, high)

    @property
    def tanpa_waktu(self) -> list[Task]:
        """Its tasks whose step has no measurable time: its figures are lower bounds."""
        return [t for t in self.tasks if t.norma is None]

    @property
    def is_range(self) -> bool:
        """Whether some task's time is a range."""
        low, high = self.beban
        return low != high


@dataclass(frozen=True)
class Figures:
    """A position's numbers for one bound (the low or the high one)."""

    beban: Fraction  # hours a year
    kebutuhan: Fraction  # employees needed, exact
    pemangku: int | None

    @property
    def kebutuhan_2(self) -> Decimal:
        """Employees needed, two decimals, as the ABK form shows it."""
        return two_decimals(self.kebutuhan)

    @property
    def dibulatkan(self) -> int:
        """Employees needed, rounded as the official tables do: the two-decimal figure,
        half up (0,50 is 1)."""
        return int(self.kebutuhan_2.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def selisih(self) -> int | None:
        """Holders minus the employees needed (rounded): more than 0 is a surplus."""
        return None if self.pemangku is None else self.pemangku - self.dibulatkan

    @property
    def ej(self) -> Decimal | None:
        """The efficiency of the position: workload / (effective hours x holders), two
        decimals; None without holders."""
        if not self.pemangku:
            return None
        return two_decimals(self.kebutuhan / self.pemangku)

    @property
    def nilai(self) -> str | None:
        """The EJ grade, A (above 1,00) to E (below 0,50)."""
        ej = self.ej
        if ej is None:
            return None
        exact = Fraction(ej)
        return next(grade for grade, least in GRADES if exact >= least)


def two_decimals(value: Fraction) -> Decimal:
    """An exact value to two decimals, half up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Skipped:
    """An SOP that is not counted, and why (a message key of ``report.messages``)."""

    file: str
    sop: str  # its nama ("" when it could not be read)
    reason: str  # beban.skip_volume, beban.skip_status, beban.skip_invalid
    status: str = ""


@dataclass(frozen=True)
class Unmapped:
    """A pelaksana title that no position of abk.jabatan lists."""

    title: str
    file: str


@dataclass
class Analysis:
    """The whole analysis."""

    jam_kerja_efektif: Fraction
    calendar: Calendar
    ulang: int
    positions: list[Position]
    counted: list[str]  # the files counted
    skipped: list[Skipped]
    unmapped: list[Unmapped]
    results: list[FileResult]  # every file's validation (findings to show)
    jam_kerja_efektif_written: bool = False

    def figures(self, position: Position) -> tuple[Figures, Figures]:
        """The (low, high) figures of a position."""
        low, high = position.beban
        hours = self.jam_kerja_efektif
        return (Figures(low, low / hours, position.pemangku),
                Figures(high, high / hours, position.pemangku))

    @property
    def invalid(self) -> int:
        """How many files have errors."""
        return sum(1 for r in self.results if r.errors)

    @property
    def days_per_year(self) -> Fraction:
        """Working days of the year the volumes are counted on."""
        return year_factors(self.calendar)["hari"]

    @property
    def weeks_per_year(self) -> Fraction:
        """Working weeks of that year."""
        return year_factors(self.calendar)["minggu"]


def analyse(paths: Iterable[Path], settings: AbkSettings, calendar: Calendar,
            ulang: int = 0) -> Analysis:
    """Validate and read every SOP, then share its steps out to the positions."""
    positions: dict[str, Position] = {}
    for p in settings.positions:
        positions[title_key(p.name)] = Position(p.name, p.pemangku, True)
    analysis = Analysis(settings.jam_kerja_efektif, calendar, ulang, [], [], [], [], [],
                        settings.jam_kerja_efektif_written)
    seen_unmapped: set[str] = set()
    for path in paths:
        doc = load_file(path, str(path))
        sop = doc.sop
        flow = build_flow(sop) if sop is not None else None
        result = FileResult(doc.file, run_checks(doc, flow))
        analysis.results.append(result)
        if result.errors or sop is None or flow is None:
            analysis.skipped.append(Skipped(doc.file, sop.nama if sop else "",
                                            "beban.skip_invalid"))
            continue
        status = (sop.status or "").strip()
        if status in NOT_IN_FORCE:
            analysis.skipped.append(Skipped(doc.file, sop.nama, "beban.skip_status", status))
            continue
        if sop.volume is None or not sop.volume.strip():
            analysis.skipped.append(Skipped(doc.file, sop.nama, "beban.skip_volume"))
            continue
        analysis.counted.append(doc.file)
        volume = parse_volume(sop.volume)  # valid: SOP308 would have stopped it
        per_tahun = volume.per_year(calendar)
        counts = step_counts(flow.main_path(), flow.loops(), ulang)
        for i in sorted(counts):
            for task in _tasks(doc.file, sop, i, counts[i], per_tahun, calendar):
                key = title_key(task.pelaksana)
                mapped = settings.position_of(task.pelaksana)
                if mapped is not None:
                    key = title_key(mapped.name)
                elif key not in positions:
                    positions[key] = Position(task.pelaksana, None, False)
                if mapped is None and key not in seen_unmapped:
                    seen_unmapped.add(key)
                    analysis.unmapped.append(Unmapped(task.pelaksana, doc.file))
                positions[key].tasks.append(task)
    analysis.positions = list(positions.values())
    return analysis


def _tasks(file: str, sop: Sop, index: int, kali: int, per_tahun: Fraction,
           calendar: Calendar) -> Iterable[Task]:
    step = sop.langkah[index]
    minutes = None if step.waktu is None else calendar.text_minutes(step.waktu,
                                                                    sop.satuan_waktu)
    norma = None if minutes is None else (Fraction(minutes[0]) * kali,
                                          Fraction(minutes[1]) * kali)
    hasil = ", ".join(o.strip() for o in step.output if o.strip())
    for key in dict.fromkeys(step.pelaksana):
        title = sop.pelaksana.get(key, key)
        yield Task(file, sop.nama, sop.nomor, index + 1, step.kegiatan.strip(), hasil,
                   title.strip(), (sop.volume or "").strip(), per_tahun, kali, norma,
                   step.waktu)
