"""`soptool baru`: a new SOP file, every field of the SOP AP form present and explained.

The file is made from ``templates/baru.yaml.j2``: every key of the form, each under an
Indonesian comment saying what to write there (with an example), and a first sequence of
steps: the first one (receiving), one per pelaksana in order, the last one (archiving),
with a commented example of a decision step before the last. It is a draft
(``status: draf``) that validates as written, warnings only (the identity not filled in yet,
steps without ``waktu``), and it is exactly what ``soptool fmt`` writes (its fast path
recognises it): tests/test_baru.py checks both, and that every field of the model is there.
"""

from __future__ import annotations

import os
import shlex
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import yaml

from soptool.findings import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from soptool.model.dates import format_date
from soptool.report.messages import message
from soptool.source.atomic import write_atomic
from soptool.source.names import slug
from soptool.source.templates import builtin_templates

TEMPLATE = "baru.yaml.j2"
# The columns of a new SOP when no --pelaksana is given (cli/baru.py's help names them).
DEFAULT_PELAKSANA = ("Staf", "Kepala Unit Kerja")
FIRST_STEP = ("terima", "Menerima dan mencatat berkas")
LAST_STEP = ("arsip", "Mengarsipkan dokumen")
ACTOR_STEP = "Melaksanakan tugas {title} (ganti dengan uraian kegiatannya)"
# How many words of a title make its key (``Penelaah Teknis Kebijakan (Penyusun ...)`` ->
# ``penelaah_teknis_kebijakan``): a key is written again in every step.
KEY_WORDS = 3
NAME_CHARS = 80  # at most, of the file name made from nama (before .yaml)
UNKNOWN_FILE = "NAMA-BERKAS.yaml"  # the file named in the header when written to stdout
STDOUT = "-"
NAMA: tuple[str, dict[str, object]] = ("baru.what_nama", {})  # the name, in a message

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader
_STR_TAG = "tag:yaml.org,2002:str"


class BaruError(ValueError):
    """Input a new SOP cannot be made from: a message key and its parameters."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Actor:
    """One pelaksana column of the new SOP: its key and its printed title."""

    key: str
    title: str


@dataclass(frozen=True)
class Step:
    """One step of the new SOP's first sequence."""

    kegiatan: str
    pelaksana: str
    id: str | None = None


# --- text as it may be written ---------------------------------------------------------


def _odd(ch: str) -> bool:
    """Whether a one-line YAML value cannot hold ``ch`` as itself: a line break, a control,
    format, private or unassigned character."""
    kind = unicodedata.category(ch)
    return kind.startswith("C") or kind in ("Zl", "Zp")


def _odd_char(text: str) -> str | None:
    """The first character of ``text`` that ``_odd`` refuses, as ``U+000A``; else None."""
    for ch in text:
        if _odd(ch):
            return f"U+{ord(ch):04X}"
    return None


def _shown(text: str) -> str:
    """``text`` for a message: each character ``_odd`` refuses as an escape (``\\n``)."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if _odd(ch) else ch
                   for ch in text)


def clean_text(text: str, what: object, empty_key: str) -> str:
    """``text`` without the spaces around it; BaruError when empty or not one line."""
    cleaned = text.strip()
    if not cleaned:
        raise BaruError(empty_key)
    odd = _odd_char(cleaned)
    if odd is not None:
        raise BaruError("baru.bad_text", what=what, text=_shown(cleaned), char=odd)
    return cleaned


def _reads_back(plain: str) -> bool:
    """Whether ``plain``, written unquoted after ``key: ``, is read back as this very text
    (also by readers that make ``no`` false or ``2026-01-05`` a date)."""
    try:
        node = yaml.compose(f"k: {plain}\n", Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    value = node.value[0][1]
    return (isinstance(value, yaml.ScalarNode) and not value.style
            and value.tag == _STR_TAG and value.value == plain)


def yaml_text(value: str) -> str:
    """One line of text (see ``clean_text``) as a YAML value: as it is when that reads back
    as the same text, else in single quotes (a quote inside written twice)."""
    if value and _reads_back(value):
        return value
    return "'" + value.replace("'", "''") + "'"


# --- what the new SOP holds ------------------------------------------------------------


def actor_key(title: str, position: int, taken: set[str]) -> str:
    """The pelaksana key made from a column title: its first words as lower-case ASCII
    joined by ``_`` (``Kepala Sub Bagian Umum`` -> ``kepala_sub_bagian``); ``pelaksana_N``
    when the title gives none (N: its position, from 1); ``_2``, ``_3``... when taken. A
    key that YAML readers would take for something else (``null``, ``2024``, ``yes``) gets
    ``pelaksana_`` in front."""
    key = "_".join(slug(title, "_").split("_")[:KEY_WORDS])
    if not key:
        key = f"pelaksana_{position}"
    elif not _reads_back(key):
        key = f"pelaksana_{key}"
    base, n = key, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    taken.add(key)
    return key


def actors_of(titles: Sequence[str]) -> list[Actor]:
    """The pelaksana columns for ``titles`` (the defaults when none), in order."""
    cleaned = [clean_text(t, "--pelaksana", "baru.empty_pelaksana") for t in titles]
    taken: set[str] = set()
    return [Actor(actor_key(t, i, taken), t)
            for i, t in enumerate(cleaned or DEFAULT_PELAKSANA, start=1)]


def steps_of(actors: Sequence[Actor]) -> list[Step]:
    """The first sequence of steps: receiving (by the first pelaksana), one step per
    pelaksana in order, archiving (by the first pelaksana)."""
    first = actors[0].key
    return [
        Step(FIRST_STEP[1], first, FIRST_STEP[0]),
        *(Step(ACTOR_STEP.format(title=a.title), a.key) for a in actors),
        Step(LAST_STEP[1], first, LAST_STEP[0]),
    ]


def skeleton(nama: str, pelaksana: Sequence[str] = (), today: date | None = None,
             berkas: str | None = None) -> str:
    """The text of a new SOP named ``nama`` with the pelaksana columns ``pelaksana`` (the
    titles, in order; ``DEFAULT_PELAKSANA`` when empty), made ``today`` (default: today).
    ``berkas``: the file name to show in the header's ``soptool validate`` line.

    BaruError when ``nama`` or a title is empty or not one line of text.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    name = clean_text(nama, NAMA, "baru.empty_nama")
    actors = actors_of(pelaksana)
    steps = steps_of(actors)
    shown = shlex.quote(berkas) if berkas and _odd_char(berkas) is None else UNKNOWN_FILE
    env = Environment(loader=FileSystemLoader(str(builtin_templates())), autoescape=False,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["yaml"] = yaml_text
    return env.get_template(TEMPLATE).render(
        nama=name, tanggal=format_date(today or date.today()), berkas=shown,
        actors=actors, steps=steps,
        example={"decider": actors[-1].key, "fixer": actors[0].key},
    )


# --- where it goes ---------------------------------------------------------------------


def file_name(nama: str) -> str:
    """The file name made from an SOP's name: its slug (at most ``NAME_CHARS`` characters,
    cut between words), ``.yaml``; ``sop-baru.yaml`` when the name gives no letters."""
    base = slug(nama)
    if len(base) > NAME_CHARS:
        base = base[:NAME_CHARS + 1].rsplit("-", 1)[0][:NAME_CHARS].strip("-")
    return f"{base or 'sop-baru'}.yaml"


def target_of(nama: str, output: str | Path | None, cwd: Path | None = None) -> Path | None:
    """Where the new SOP goes: ``output`` (a folder, or a path ending in ``/``: the file
    name inside it), else ``sops/NAME.yaml`` when ``./sops`` is a folder, else
    ``./NAME.yaml``; None for stdout (``-o -``). Relative paths stay relative (to ``cwd``,
    default the current folder)."""
    here = cwd if cwd is not None else Path(".")
    if output is None:
        folder = Path("sops") if (here / "sops").is_dir() else Path(".")
        return folder / file_name(nama)
    written = str(output)
    if written == STDOUT:
        return None
    path = Path(written)
    if written.endswith(("/", os.sep)) or (here / path).is_dir():
        return path / file_name(nama)
    return path


def run_baru(nama: str, pelaksana: Sequence[str] = (), output: str | Path | None = None,
             lang: str = "id", today: date | None = None, cwd: Path | None = None,
             stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """The ``baru`` command once its options are read; the exit code.

    Writes the new SOP to ``target_of(nama, output, cwd)`` (never over an existing file,
    atomically) and says on ``stdout`` what was made and what to do next; with ``-o -``
    writes the SOP itself to ``stdout``, nothing else. 0 when written; 2 for bad input or a
    file already there (``soptool: galat: ...`` on ``stderr``); 1 when it cannot be written.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    here = cwd if cwd is not None else Path(".")

    def fail(key: str, params: dict[str, object], code: int = EXIT_USAGE) -> int:
        err.write(f"soptool: {message('ui.error', lang)}: {message(key, lang, **params)}\n")
        return code

    try:
        target = target_of(clean_text(nama, NAMA, "baru.empty_nama"), output, here)
        text = skeleton(nama, pelaksana, today, None if target is None else str(target))
    except BaruError as exc:
        return fail(exc.key, exc.params)
    if target is None:
        out.write(text)
        return EXIT_OK
    where = here / target
    if os.path.lexists(where):
        return fail("baru.exists", {"path": target})
    if not where.parent.is_dir():
        return fail("baru.no_folder", {"folder": target.parent, "path": target})
    try:
        write_atomic(where, text, replace=False)
    except FileExistsError:  # made by someone else meanwhile
        return fail("baru.exists", {"path": target})
    except OSError as exc:
        return fail("baru.write_failed", {"path": target, "detail": exc.strerror or str(exc)},
                    EXIT_FINDINGS)
    actors = len(actors_of(pelaksana))
    out.write(message("baru.made", lang, path=target, actors=actors, steps=actors + 2) + "\n")
    out.write(message("baru.next", lang, path=shlex.quote(str(target))) + "\n")
    return EXIT_OK
