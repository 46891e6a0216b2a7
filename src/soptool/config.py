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
```
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from soptool.findings import Finding, Severity
from soptool.loading import validate_model
from soptool.model.settings import Kalender, ProjectConfig
from soptool.source.files import CONFIG_NAME
from soptool.source.yamltree import Positions, YamlPath, not_a_mapping, read_yaml
from soptool.timing.durations import DEFAULT_CALENDAR, Calendar

_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
_TRUE = frozenset({"true", "ya", "yes", "on"})
_FALSE = frozenset({"false", "tidak", "no", "off"})

# setting -> (lowest allowed, highest allowed, whole numbers only)
_BOUNDS: dict[str, tuple[Fraction, Fraction, bool]] = {
    "jam_per_hari": (Fraction(0), Fraction(24), False),
    "hari_per_minggu": (Fraction(1), Fraction(7), True),
    "hari_per_bulan": (Fraction(0), Fraction(31), False),
}


@dataclass(frozen=True)
class Settings:
    """The project settings that soptool uses."""

    calendar: Calendar = DEFAULT_CALENDAR
    cuti_bersama: bool = True
    libur_tambahan: tuple[dt.date, ...] = ()
    file: Path | None = None  # where they were read from; None for the defaults


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
    if errors:
        raise ConfigError(errors)
    calendar = Calendar(
        jam_per_hari=values.get("jam_per_hari", DEFAULT_CALENDAR.jam_per_hari),
        hari_per_minggu=values.get("hari_per_minggu", DEFAULT_CALENDAR.hari_per_minggu),
        hari_per_bulan=values.get("hari_per_bulan", DEFAULT_CALENDAR.hari_per_bulan),
    )
    libur = tuple(sorted({d for d in kal.libur_tambahan or () if d is not None}))
    return Settings(calendar=calendar, cuti_bersama=cuti, libur_tambahan=libur, file=path)


def _number(text: str) -> Fraction | None:
    clean = text.strip()
    if not _NUMBER_RE.match(clean):
        return None
    return Fraction(clean.replace(",", "."))


def _finding(code: str, positions: Positions, path: YamlPath, file: str,
             **params: Any) -> Finding:
    line, col = positions.at(path)
    return Finding(code, Severity.ERROR, file, line, col, params)
