"""Project settings: ``soptool.yaml`` in the current folder or a parent, or ``--config FILE``.

The file is read with the same positioned loader as SOP files, so every problem carries
``file:line:column``. Values arrive as text and are converted exactly: numbers become
Fractions from their decimal text (decimal comma or point), never floats.

```yaml
kalender:
  jam_per_hari: 7,5        # working hours in a day
  hari_per_minggu: 5       # working days in a week (Monday first)
  hari_per_bulan: 20       # working days in a month
  cuti_bersama: true       # skip Indonesia's cuti bersama when projecting dates
  libur_tambahan:          # local holidays, also skipped
    - 2026-10-12
abk:                       # the workload analysis (soptool beban)
  jam_kerja_efektif: 1250  # effective working hours of one employee in a year
  jabatan:                 # position -> holders, and the pelaksana titles that are it
    Kepala Subbagian Umum:
      pemangku: 1
      pelaksana: [Kasubag Umum]
```
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

from soptool.findings import Finding, Severity
from soptool.loading import validate_model
from soptool.model.settings import Abk, Kalender, ProjectConfig
from soptool.source.files import CONFIG_NAME
from soptool.source.yamltree import Positions, YamlPath, not_a_mapping, read_yaml
from soptool.timing.durations import DEFAULT_CALENDAR, Calendar
from soptool.timing.volume import parse_count

_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
_TRUE = frozenset({"true", "ya", "yes", "on"})
_FALSE = frozenset({"false", "tidak", "no", "off"})

# setting -> (lowest allowed, highest allowed, whole numbers only)
_BOUNDS: dict[str, tuple[Fraction, Fraction, bool]] = {
    "jam_per_hari": (Fraction(0), Fraction(24), False),
    "hari_per_minggu": (Fraction(1), Fraction(7), True),
    "hari_per_bulan": (Fraction(0), Fraction(31), False),
}


# Permenpan-RB 1/2020 (Pedoman Analisis Jabatan dan Analisis Beban Kerja): 1.250 jam a year.
JAM_KERJA_EFEKTIF = Fraction(1250)
_HOURS_IN_A_YEAR = Fraction(366 * 24)
_PUNCTUATION = " .,;:"


def title_key(title: str) -> str:
    """How pelaksana titles are matched to positions: case, spacing and the punctuation at
    either end do not count (``Kasubag  umum.`` is ``Kasubag Umum``)."""
    return " ".join(title.split()).strip(_PUNCTUATION).casefold()


@dataclass(frozen=True)
class Position:
    """One position of ``abk.jabatan``: its name, holders, and the titles that are it."""

    name: str
    pemangku: int | None  # None when not written
    titles: tuple[str, ...]  # the name first, then its pelaksana, as written
    line: int = 0  # where it is written in soptool.yaml (0 when not from a file)


@dataclass(frozen=True)
class AbkSettings:
    """The workload analysis settings (``abk:``)."""

    jam_kerja_efektif: Fraction = JAM_KERJA_EFEKTIF
    positions: tuple[Position, ...] = ()
    jam_kerja_efektif_written: bool = False  # whether soptool.yaml gives it

    def position_of(self, title: str) -> Position | None:
        """The position a pelaksana title belongs to, or None when no position lists it."""
        return self._by_title.get(title_key(title))

    @cached_property
    def _by_title(self) -> dict[str, Position]:
        out: dict[str, Position] = {}
        for position in self.positions:
            for title in position.titles:
                out.setdefault(title_key(title), position)
        return out


@dataclass(frozen=True)
class Settings:
    """The project settings that soptool uses."""

    calendar: Calendar = DEFAULT_CALENDAR
    cuti_bersama: bool = True
    libur_tambahan: tuple[dt.date, ...] = ()
    file: Path | None = None  # where they were read from; None for the defaults
    abk: AbkSettings = AbkSettings()


DEFAULT_SETTINGS = Settings()


@dataclass
class ConfigError(Exception):
    """soptool.yaml cannot be used: its findings say where and why."""

    findings: list[Finding] = field(default_factory=list)


def find_config(start: Path) -> Path | None:
    """The nearest ``soptool.yaml`` in ``start`` or one of its parents."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load_settings(explicit: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from ``explicit`` (``--config``), else the nearest soptool.yaml, else defaults.

    Raises ConfigError with positioned findings when the file is wrong or unreadable.
    """
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    if path is None:
        return DEFAULT_SETTINGS
    return read_settings(path)


def read_settings(path: Path) -> Settings:
    """Read one settings file; ConfigError with positioned findings when it is wrong."""
    file = str(path)
    tree, positions, findings = read_yaml(path, file)
    if [f.code for f in findings] == ["SOP008"]:
        return Settings(file=path)  # empty, or only comments: the defaults
    if findings:
        raise ConfigError(findings)
    if tree is None:  # pragma: no cover - read_yaml reports an empty file as a finding
        return Settings(file=path)
    if not isinstance(tree, dict):
        raise ConfigError([not_a_mapping(tree, positions, file)])
    config, errors = validate_model(ProjectConfig, tree, positions, file)
    if config is None:
        raise ConfigError(errors)
    kal = config.kalender or Kalender()
    values: dict[str, Fraction] = {}
    for name, (low, high, whole) in _BOUNDS.items():
        text = getattr(kal, name)
        if text is None:
            continue
        number = _number(text)
        path_ = ("kalender", name)
        if number is None:
            errors.append(_finding("CFG001", positions, path_, file, key=name, text=text))
        elif not low < number <= high or (whole and number.denominator != 1):
            rule = ("config.whole" if whole else "config.above", {"low": str(low),
                                                                  "high": str(high)})
            errors.append(_finding("CFG002", positions, path_, file, key=name, text=text,
                                   rule=rule))
        else:
            values[name] = number
    cuti = True
    if kal.cuti_bersama is not None:
        word = kal.cuti_bersama.strip().lower()
        if word in _TRUE or word in _FALSE:
            cuti = word in _TRUE
        else:
            errors.append(_finding("CFG003", positions, ("kalender", "cuti_bersama"), file,
                                   text=kal.cuti_bersama))
    abk = _abk(config.abk or Abk(), positions, file, errors)
    if errors:
        raise ConfigError(errors)
    calendar = Calendar(
        jam_per_hari=values.get("jam_per_hari", DEFAULT_CALENDAR.jam_per_hari),
        hari_per_minggu=values.get("hari_per_minggu", DEFAULT_CALENDAR.hari_per_minggu),
        hari_per_bulan=values.get("hari_per_bulan", DEFAULT_CALENDAR.hari_per_bulan),
    )
    libur = tuple(sorted({d for d in kal.libur_tambahan or () if d is not None}))
    return Settings(calendar=calendar, cuti_bersama=cuti, libur_tambahan=libur, file=path,
                    abk=abk)


def _abk(abk: Abk, positions: Positions, file: str, errors: list[Finding]) -> AbkSettings:
    """The ``abk:`` section: CFG004 a jam_kerja_efektif that is not a number of hours in a
    year, CFG005 a pemangku that is not a whole number, CFG006 a title in two positions."""
    hours = JAM_KERJA_EFEKTIF
    if abk.jam_kerja_efektif is not None:
        number = parse_count(abk.jam_kerja_efektif)
        if number is None or not 0 < number <= _HOURS_IN_A_YEAR:
            errors.append(_finding("CFG004", positions, ("abk", "jam_kerja_efektif"), file,
                                   text=abk.jam_kerja_efektif,
                                   high=str(_HOURS_IN_A_YEAR)))
        else:
            hours = number
    out: list[Position] = []
    owner: dict[str, tuple[str, int]] = {}  # title key -> (position, line)
    for name, jabatan in (abk.jabatan or {}).items():
        where = ("abk", "jabatan", name)
        pemangku = None
        if jabatan.pemangku is not None:
            text = jabatan.pemangku.strip()
            if text.isascii() and text.isdigit():
                pemangku = int(text)
            else:
                errors.append(_finding("CFG005", positions, (*where, "pemangku"), file,
                                       name=name, text=jabatan.pemangku))
        line = positions.at(where, key=True)[0]
        titles = (name, *jabatan.pelaksana)
        for n, title in enumerate(titles):
            key = title_key(title)
            if key in owner and owner[key][0] != name:
                other, other_line = owner[key]
                at = (*where, "pelaksana", n - 1) if n else where
                errors.append(_finding("CFG006", positions, at, file, title=title,
                                       name=name, other=other, line=other_line,
                                       at_key=not n))
            else:
                owner.setdefault(key, (name, line))
        out.append(Position(name, pemangku, titles, line))
    return AbkSettings(hours, tuple(out), abk.jam_kerja_efektif is not None)


def _number(text: str) -> Fraction | None:
    clean = text.strip()
    if not _NUMBER_RE.match(clean):
        return None
    return Fraction(clean.replace(",", "."))


def _finding(code: str, positions: Positions, path: YamlPath, file: str,
             at_key: bool = False, **params: Any) -> Finding:
    line, col = positions.at(path, key=at_key)
    return Finding(code, Severity.ERROR, file, line, col, params)
