"""The SOPs of a site: each file read once, its content hash, and what the pages show of it.

``Entry`` is one SOP as the site knows it: plain data (JSON-ready, so that the manifest
caches it by the file's content hash and an unchanged SOP is not parsed again), made by
``describe`` from the loaded model. ``Prepare`` is the work for one changed file, done in a
worker process when there are many: validate, describe, render the document (and its PDF).
``SiteChecks`` then runs the checks across the run's files (SOP409, SOP410) over every file,
prepared or cached (``Entry.rujukan`` keeps what they need).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from soptool.findings import FileResult
from soptool.model import Sop, format_date
from soptool.model.status import STATUS_LABELS, effective_status
from soptool.rules.crossref import Reference, RunChecks, reference_of
from soptool.source.names import slug
from soptool.timing.durations import Calendar

__all__ = ["STATUS_LABELS", "effective_status"]  # re-exported for the site's modules

IN_FORCE = "berlaku"
ENTRY_FORMAT = 3  # bumped when ``Entry`` or ``describe`` changes: the cache is dropped


def content_hash(data: bytes) -> str:
    """The sha256 of a file's bytes, hex."""
    return hashlib.sha256(data).hexdigest()


_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Text as the search compares it: lower case, accents dropped, spaces collapsed (the
    same as ``fold`` in site.js)."""
    return " ".join(_MARKS.sub("", unicodedata.normalize("NFD", text.lower())).split())


def _date(value: Any) -> str:
    return format_date(value) if value is not None else ""


@dataclass
class Entry:
    """One valid SOP as the site shows it (plain data, cached in the manifest)."""

    nomor: str
    nama: str
    status: str
    digantikan_oleh: str
    instansi: list[str]
    unit: str
    tanggal: dict[str, str]  # pembuatan, revisi, efektif, as printed ("" when not filled in)
    tahun: str  # the year of efektif, else revisi, else pembuatan ("" when none)
    pelaksana: list[str]  # the titles
    kegiatan: list[str]
    dasar_hukum: list[str]
    keterkaitan: list[str]
    disahkan: dict[str, str]
    total: str  # the total working time, as the document prints it
    per_pelaksana: list[tuple[str, str]]  # (title, time)
    batas_waktu: str  # as written, with its unit ("" when none)
    batas_status: str  # "" (no limit), "sesuai", "melebihi", "tidak_terukur"
    base_slug: str
    cari: str = ""  # what the search looks in (``search_text``), folded
    # nomor and digantikan_oleh as written, with their positions (``rules.crossref``)
    rujukan: dict[str, Any] = field(default_factory=dict)
    file: str = ""  # the path as given (set by the build, not cached)
    sha: str = ""  # the sha256 of the file's bytes (set by the build, not cached)
    slug: str = ""  # unique in the site (set by the build)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The cached part: everything made from the file's content (shallow copies)."""
        data = {name: getattr(self, name) for name in _CACHED}
        data["per_pelaksana"] = [list(p) for p in self.per_pelaksana]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        """An entry from the manifest's cache."""
        data = dict(data)
        data["per_pelaksana"] = [tuple(p) for p in data["per_pelaksana"]]
        return cls(**data)

    @property
    def draft(self) -> bool:
        """Whether it is a draft."""
        return self.status == "draf"

    @property
    def status_label(self) -> str:
        """Berlaku, Draf, Digantikan or Dicabut."""
        return str(STATUS_LABELS.get(self.status, self.status.capitalize()))

    def search_text(self) -> str:
        """What the search looks in: nomor, nama, kegiatan, dasar hukum, pelaksana."""
        return fold(" ".join([self.nomor, self.nama, *self.kegiatan, *self.dasar_hukum,
                              *self.pelaksana]))


_CACHED = tuple(f.name for f in fields(Entry) if f.name not in ("file", "slug", "sha"))


def _year(sop: Sop) -> str:
    for value in (sop.tanggal.efektif, sop.tanggal.revisi, sop.tanggal.pembuatan):
        year = getattr(value, "year", None)
        if year:
            return str(year)
    return ""


def describe(sop: Sop, stem: str, calendar: Calendar) -> Entry:
    """What the site shows of a valid SOP."""
    from soptool.commands.duration import hours_text, measure
    from soptool.timing.durations import with_unit
    from soptool.timing.estimate import span_text

    item = measure(sop, stem, calendar)
    est = item.estimate
    total = f"{span_text(item.total, calendar)} ({hours_text(item.total)})"
    if est.tanpa_waktu and item.total.high == 0:
        total = "tidak terukur"
    elif est.tanpa_waktu:
        total = f"minimal {total}"
    titles = {k: str(v) for k, v in sop.pelaksana.items()}
    per = [(titles.get(k, k), f"{span_text(s, calendar)} ({hours_text(s)})")
           for k, s in est.per_pelaksana.items()]
    if item.batas is None:
        batas_status = ""
    elif item.melebihi_batas:
        batas_status = "melebihi"
    elif est.is_lower_bound:
        batas_status = "tidak_terukur"
    else:
        batas_status = "sesuai"
    instansi = [str(x) for x in sop.instansi]
    d = sop.disahkan_oleh
    entry = Entry(
        nomor=str(sop.nomor or ""),
        nama=str(sop.nama),
        status=effective_status(sop),
        digantikan_oleh=str(sop.digantikan_oleh or ""),
        instansi=instansi,
        unit=instansi[-1] if instansi else "",
        tanggal={"pembuatan": _date(sop.tanggal.pembuatan),
                 "revisi": _date(sop.tanggal.revisi),
                 "efektif": _date(sop.tanggal.efektif)},
        tahun=_year(sop),
        pelaksana=list(titles.values()),
        kegiatan=[str(s.kegiatan) for s in sop.langkah],
        dasar_hukum=[str(x) for x in sop.dasar_hukum],
        keterkaitan=[str(x) for x in sop.keterkaitan],
        disahkan={"jabatan": str(d.jabatan or ""), "nama": str(d.nama or ""),
                  "nip": str(d.nip or "")},
        total=total,
        per_pelaksana=per,
        batas_waktu=with_unit(str(sop.batas_waktu), sop.satuan_waktu)
        if sop.batas_waktu else "",
        batas_status=batas_status,
        base_slug=(slug(str(sop.nomor or ""))[:80].strip("-") or slug(stem)[:80].strip("-")
                   or "sop"),
    )
    entry.cari = entry.search_text()
    return entry


def reference_json(ref: Reference) -> dict[str, Any]:
    """What the checks across the run need of a file, without its path (cached by content)."""
    return {"nomor": ref.nomor, "nomor_at": list(ref.nomor_at), "target": ref.target,
            "target_at": list(ref.target_at)}


def entry_reference(entry: Entry) -> Reference:
    """The ``Reference`` of a described SOP (``entry.file`` set)."""
    data = entry.rujukan
    return Reference(entry.file, data.get("nomor"), tuple(data.get("nomor_at", (1, 1))),
                     data.get("target"), tuple(data.get("target_at", (1, 1))))


class SiteChecks:
    """The checks across the files of a site build (SOP409, SOP410), as ``soptool validate``
    runs them: files fed by their index in any order, results given back in input order."""

    def __init__(self) -> None:
        self._run = RunChecks()
        self._waiting: dict[int, tuple[FileResult, Reference]] = {}
        self._fed = 0
        self._given = 0

    def add(self, index: int, result: FileResult,
            ref: Reference) -> Iterator[tuple[int, FileResult]]:
        """Take file ``index``; yield (index, result) for the files that can be settled now."""
        self._waiting[index] = (result, ref)
        while self._fed in self._waiting:
            yield from self._number(self._run.add(*self._waiting.pop(self._fed)))
            self._fed += 1

    def close(self) -> Iterator[tuple[int, FileResult]]:
        """The results still held (with SOP409 where the replacing SOP is nowhere)."""
        yield from self._number(self._run.close())

    def _number(self, results: Iterator[FileResult]) -> Iterator[tuple[int, FileResult]]:
        for result in results:
            yield self._given, result
            self._given += 1


@dataclass
class Prepared:
    """What preparing one file gave (picklable, from a worker process)."""

    path: Path
    sha: str
    result: FileResult  # its findings (errors: not in the site)
    entry: Entry | None = None
    ref: Reference | None = None  # its nomor and digantikan_oleh (``rules.crossref``)
    html: str | None = None  # the rendered document (``soptool render``'s HTML)
    pdf: bytes | None = None
    pdf_error: tuple[str, dict[str, str]] | None = None


@dataclass(frozen=True)
class Prepare:
    """Validate, describe and render one SOP file (picklable, for worker processes).

    ``documents``: render the document too (False when only its description is missing).
    """

    kertas: str
    calendar: Calendar
    pdf: bool

    def __call__(self, item: tuple[Path, str, bool]) -> Prepared:
        """Prepare one file: (path, the sha256 of its bytes as read, render it too)."""
        from soptool.commands.validate import validate_file
        from soptool.render.document import render

        path, sha, documents = item
        result = validate_file(path, keep=True)
        sop = result.loaded.sop if result.loaded is not None else None
        ref = reference_of(result.loaded) if result.loaded is not None else Reference(str(path))
        result.loaded = None
        if result.errors or sop is None:
            return Prepared(path, sha, result, ref=ref)
        entry = describe(sop, path.stem, self.calendar)
        entry.rujukan = reference_json(ref)
        out = Prepared(path, sha, result, entry, ref)
        if documents:
            out.html = render(sop, "html", self.kertas, None, self.calendar)
            if self.pdf:
                from soptool.render.pdf import PdfUnavailable, to_pdf

                try:
                    out.pdf = to_pdf(out.html, sop)
                except PdfUnavailable as exc:
                    out.pdf_error = (exc.key, dict(exc.params))
        return out


def unique_slugs(entries: list[Entry]) -> None:
    """Give each entry its page folder: its base slug, with -2, -3... when taken (in the
    order given)."""
    taken: set[str] = set()
    for entry in entries:
        name, n = entry.base_slug, 2
        while name in taken:
            name, n = f"{entry.base_slug}-{n}", n + 1
        taken.add(name)
        entry.slug = name
