"""The readings of one PDF joined into an SOP file: YAML text as ``soptool fmt`` writes it.

What the importer is unsure of stays where it stands, as a ``# PERIKSA: ...`` comment the
user can search for; the same notes are listed for the command's summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from soptool.importer.flow import TIDAK_WORDS, YA_WORDS
from soptool.importer.reading import (
    Flow,
    Identity,
    PicturePage,
    StepFlow,
    Table,
    Target,
    Text,
    Uncertain,
)
from soptool.source.names import slug as _slug

MARK = "PERIKSA"
BOXES = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan",
         "pencatatan", "tujuan")
STEP_TEXTS = ("kelengkapan", "waktu", "output", "keterangan")
# Keys the format holds as one text (a list printed in their cell is joined with "; ").
ONE_TEXT = ("kegiatan", "keterangan")


@dataclass
class Composed:
    """One PDF's SOP: the YAML text (``None`` when nothing could be read) and what it holds."""

    text: str | None
    name: str  # the file name to write, from the nomor or the nama
    steps: int = 0
    actors: int = 0
    notes: list[Uncertain] = field(default_factory=list)
    complete: bool = True  # False: part of the SOP could not be read (a picture page)


def _scalar(value: str) -> str:
    """A YAML scalar for text as printed: plain where YAML reads it back as that text."""
    text = " ".join(value.split())
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**9, default_flow_style=True)
    dumped = dumped.rstrip("\n")
    if dumped.endswith("\n..."):
        dumped = dumped[:-4]
    return dumped.strip()


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def file_name(identity: Identity, fallback: str) -> str:
    """``<nomor>.yaml`` (as a slug), else ``<nama>.yaml``, else from the PDF's own name."""
    for candidate in (identity.nomor, identity.nama):
        slug = _slug(candidate or "")[:80].strip("-")
        if slug:
            return slug + ".yaml"
    stem = fallback.rsplit(".", 1)[0] if fallback.lower().endswith(".pdf") else fallback
    return (_slug(stem) or "sop") + ".yaml"


def actor_keys(titles: list[str]) -> list[str]:
    """A key per actor column title: snake case, unique, never empty."""
    keys: list[str] = []
    for k, title in enumerate(titles):
        base = _slug(title, "_")[:40].strip("_")
        base = base or f"pelaksana_{k + 1}"
        if base[0].isdigit():
            base = "p_" + base
        key, n = base, 2
        while key in keys:
            key, n = f"{base}_{n}", n + 1
        keys.append(key)
    return keys


class _Lines:
    """YAML lines with the notes of each place written above it."""

    def __init__(self, notes: list[Uncertain]) -> None:
        self.lines: list[str] = []
        self.pending = list(notes)
        self.used: list[Uncertain] = []

    def notes_for(self, where: str, key: str | None, indent: str) -> None:
        for note in list(self.pending):
            if note.where == where and note.key == key:
                self.pending.remove(note)
                self.mark(indent, note)

    def mark(self, indent: str, note: Uncertain) -> None:
        """The note as a comment here, in Indonesian (the file is the office's document)."""
        self.used.append(note)
        self.lines.append(indent + _comment(f"{MARK}: {note.message('id')}"))

    def add(self, line: str) -> None:
        self.lines.append(line)


def _has_text(value: Text) -> bool:
    return any(v.strip() for v in value) if isinstance(value, list) else bool(value.strip())


def _joined(value: Text) -> str:
    """A list printed in a cell, as one text: the items as a list is read aloud, with "; "."""
    if isinstance(value, str):
        return " ".join(value.split())
    return "; ".join(t for t in (" ".join(item.split()).rstrip(";") for item in value) if t)


def _text_value(out: _Lines, indent: str, key: str, value: Text) -> None:
    if key in ONE_TEXT:
        value = _joined(value)
    if isinstance(value, list):
        items = [v for v in (" ".join(x.split()) for x in value) if v]
        if len(items) == 1:
            out.add(f"{indent}{key}: {_scalar(items[0])}")
        elif items:
            out.add(f"{indent}{key}:")
            out.lines.extend(f"{indent}  - {_scalar(item)}" for item in items)
        return
    text = " ".join(value.split())
    if text:
        out.add(f"{indent}{key}: {_scalar(text)}")


def _identity(out: _Lines, identity: Identity, source: str) -> None:
    out.notes_for("nomor", None, "")
    if identity.nomor:
        out.add(f"nomor: {_scalar(identity.nomor)}")
    out.notes_for("nama", None, "")
    if identity.nama:
        out.add(f"nama: {_scalar(identity.nama)}")
    else:
        out.add(_comment(f"{MARK}: Nama SOP tidak ditemukan di PDF; diisi dari nama berkas."))
        out.add(f"nama: {_scalar(re.sub(r'[-_]+', ' ', source.rsplit('.', 1)[0]))}")
    out.notes_for("instansi", None, "")
    if identity.instansi:
        out.add("instansi:")
        out.lines.extend(f"  - {_scalar(line)}" for line in identity.instansi)
    dates = {k: v for k, v in identity.tanggal.items() if v is not None}
    out.notes_for("tanggal", None, "")
    if dates or any(n.where.startswith("tanggal.") for n in out.pending):
        out.add("tanggal:")
        for key in ("pembuatan", "revisi", "efektif"):
            out.notes_for(f"tanggal.{key}", None, "  ")
            printed = " ".join((dates.get(key) or "").split())
            if printed and printed.strip("-–— ") == "":
                out.add(f"  {key}:  # tercetak {_scalar(printed)}")
            elif printed:
                out.add(f"  {key}: {_scalar(printed)}")
    signer = {k: v for k, v in identity.disahkan_oleh.items() if v}
    out.notes_for("disahkan_oleh", None, "")
    if signer:
        out.add("disahkan_oleh:")
        for key in ("jabatan", "nama", "nip"):
            out.notes_for(f"disahkan_oleh.{key}", None, "  ")
            if signer.get(key):
                value = " ".join(signer[key].split())
                out.add(f"  {key}: " + (f'"{value}"' if key == "nip" and value.isdigit()
                                        else _scalar(value)))
    for box in BOXES:
        out.notes_for(box, None, "")
        if box not in identity.boxes:
            continue
        items = [" ".join(i.split()) for i in identity.boxes[box]]
        items = [i for i in items if i]
        if not items:
            out.add(f"{box}: []")
            continue
        out.add(f"{box}:")
        out.lines.extend(f"  - {_scalar(item)}" for item in items)


def _target(value: Target, rows: int) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < rows:
        return str(value + 1)
    return "selesai"


def _label(label: str | None, defaults: set[str]) -> str | None:
    if label is None:
        return None
    clean = " ".join(label.split()).strip(" .:")
    if not clean or clean.lower() in defaults:
        return None
    return clean


def _waktu(out: _Lines, indent: str, where: str, value: Text) -> None:
    """The Waktu cell as printed, where soptool can read it; else a note and no ``waktu``."""
    from soptool.findings import Severity
    from soptool.rules.registry import rule
    from soptool.timing.durations import DurationError, parse_duration

    text = " ".join((" ".join(value) if isinstance(value, list) else value).split())
    if not text:
        return
    try:
        parse_duration(text)
    except DurationError as exc:
        # Kept as printed where soptool only warns (not measurable, "Segera"; a misspelling,
        # "semingu"); else it would make the file invalid: a note instead.
        if rule(exc.code).severity is not Severity.WARNING:
            note = Uncertain(where, "import.note.waktu_unreadable", {"text": text}, "waktu")
            out.mark(indent, note)
            return
    out.add(f"{indent}waktu: {_scalar(text)}")


def _step(out: _Lines, k: int, row: Any, flow: StepFlow | None, keys: list[str],
          rows: int) -> None:
    """The step's lines; a note about a key the step does not write (a ``lanjut`` that was
    not chosen, say) stands above the step, with the step's own notes."""
    where = f"langkah {k + 1}"
    start = len(out.lines)
    _step_body(out, k, row, flow, keys, rows, where)
    body = out.lines[start:]
    del out.lines[start:]
    out.notes_for(where, None, "  ")
    for note in [n for n in out.pending if n.where == where]:
        out.pending.remove(note)
        out.mark("  ", note)
    out.lines.extend(body)


def _step_body(out: _Lines, k: int, row: Any, flow: StepFlow | None, keys: list[str],
               rows: int, where: str) -> None:
    kegiatan = _joined(row.kegiatan)
    if not kegiatan:
        out.mark("  ", Uncertain(where, "import.note.kegiatan_missing", key="kegiatan"))
        kegiatan = f"(kegiatan langkah {row.number or k + 1})"
    out.notes_for(where, "kegiatan", "    ")
    out.add(f"  - kegiatan: {_scalar(kegiatan)}")
    columns = [c for c in (flow.columns if flow else []) if 0 <= c < len(keys)]
    out.notes_for(where, "pelaksana", "    ")
    if not columns:
        out.mark("    ", Uncertain(where, "import.note.no_actor", key="pelaksana"))
        columns = [0]
    names = [keys[c] for c in dict.fromkeys(columns)]
    inline = "    pelaksana: " + (names[0] if len(names) == 1 else "[" + ", ".join(names) + "]")
    if len(inline) <= 90:
        out.add(inline)
    else:  # five columns with long titles: one per line reads better
        out.add("    pelaksana:")
        out.lines.extend(f"      - {name}" for name in names)
    for key in STEP_TEXTS:
        value = getattr(row, key)
        if _has_text(value):
            out.notes_for(where, key, "    ")
        if key == "waktu":
            _waktu(out, "    ", where, value)
        else:
            _text_value(out, "    ", key, value)
    if flow is not None and flow.kind == "keputusan" and flow.ya is not None \
            and flow.tidak is not None:
        out.notes_for(where, "keputusan", "    ")
        out.add("    keputusan:")
        # the question under the Kegiatan (soptool's own documents) or in the diamond
        tanya = " ".join((row.tanya or flow.tanya or "").split())
        if tanya:
            out.add(f"      tanya: {_scalar(tanya)}")
        out.add(f"      ya: {_target(flow.ya, rows)}")
        out.add(f"      tidak: {_target(flow.tidak, rows)}")
        label_ya = _label(flow.label_ya, YA_WORDS)  # Y, Ya: the default label
        label_tidak = _label(flow.label_tidak, TIDAK_WORDS)
        if label_ya:
            out.add(f"      label_ya: {_scalar(label_ya)}")
        if label_tidak:
            out.add(f"      label_tidak: {_scalar(label_tidak)}")
    elif flow is not None and flow.kind == "keputusan":
        out.mark("    ", Uncertain(where, "import.note.decision_no_branches", key="keputusan"))
    if flow is not None and flow.kind != "keputusan" and flow.lanjut is not None:
        target = _target(flow.lanjut, rows)
        if not (target == "selesai" and k == rows - 1) and target != str(k + 2):
            out.notes_for(where, "lanjut", "    ")
            out.add(f"    lanjut: {target}")


def compose(identity: Identity, table: Table | None, flow: Flow | None,
            pictures: list[PicturePage], source: str, pages: int,
            pages_read: str) -> Composed:
    """The SOP file of one PDF; ``pages_read`` says in words what was read on which page."""
    notes = [*identity.notes, *(table.notes if table else []), *(flow.notes if flow else [])]
    out = _Lines(notes)
    name = file_name(identity, source)
    # Complete: every part was read (a picture page leaves a part unread).
    complete = table is not None and bool(table.rows) and not pictures
    out.add(_comment(f"Diimpor dari {source} ({pages} halaman) oleh soptool import."))
    out.add(_comment(f"Dibaca: {pages_read}."))
    for picture in pictures:
        what = "tabel prosedur" if picture.what == "tabel" else "lembar identitas"
        out.add(_comment(f"{MARK}: halaman {picture.page + 1} ({what}) berupa gambar, tidak "
                         "dapat dibaca tanpa OCR; bagian itu belum ada di berkas ini."))
    out.add(_comment(f"Cari {MARK} untuk setiap bacaan yang perlu diperiksa."))
    _identity(out, identity, source)
    steps = actors = 0
    if table is not None and table.rows:
        keys = actor_keys(table.actors)
        actors = len(keys)
        out.add("")
        out.notes_for("pelaksana", None, "")
        out.add("pelaksana:")
        out.lines.extend(f"  {key}: {_scalar(title or key)}"
                         for key, title in zip(keys, table.actors, strict=True))
        out.add("")
        out.add("langkah:")
        steps = len(table.rows)
        for k, row in enumerate(table.rows):
            step_flow = flow.steps[k] if flow is not None and k < len(flow.steps) else None
            _step(out, k, row, step_flow, keys, steps)
    for note in out.pending:  # a place the writer did not meet: said at the end
        out.used.append(note)
        out.add(_comment(f"{MARK} ({note.where}{'.' + note.key if note.key else ''}): "
                         f"{note.message('id')}"))
    text = "\n".join(out.lines) + "\n"
    from soptool.review.fmt import FormatError, format_text

    try:
        text = format_text(text)
    except FormatError:  # pragma: no cover - the writer's own YAML is fmt's shape already
        pass
    return Composed(text, name, steps, actors, out.used, complete)
