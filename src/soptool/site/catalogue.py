"""The SOPs of a site: each file read once, its content hash, and what the pages show of it.

``Entry`` is one SOP as the site knows it: plain data (JSON-ready, so that the manifest
caches it by the file's content hash and an unchanged SOP is not parsed again), made by
``describe`` from the loaded model. ``Prepare`` is the work for one changed file, done in a
worker process when there are many: validate, describe, render the document (and its PDF).
"""

from __future__ import annotations

import hashlib
import importlib
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from soptool.findings import FileResult
from soptool.model import Sop, format_date
from soptool.source.names import slug
from soptool.timing.durations import Calendar

try:  # the status helper's module (issue 14); until it lands, the same rule here
    _status: Any = importlib.import_module("soptool.model.status")
except ImportError:  # pragma: no cover - removed once soptool.model.status is merged
    _status = None

STATUS_LABELS: dict[str, str] = dict(_status.STATUS_LABELS) if _status is not None else {
    "draf": "Draf", "berlaku": "Berlaku", "digantikan": "Digantikan", "dicabut": "Dicabut"}


def effective_status(sop: Sop) -> str:
    """The SOP's status; no status is "berlaku"."""
    if _status is not None:
        return str(_status.effective_status(sop))
    return str(sop.status) if sop.status else "berlaku"


IN_FORCE = "berlaku"


def content_hash(data: bytes) -> str:
    """The sha256 of a file's bytes, hex."""
    return hashlib.sha256(data).hexdigest()


def fold(text: str) -> str:
    """Text as the search compares it: lower case, accents dropped, spaces collapsed (the
    same as ``fold`` in site.js)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


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
    file: str = ""  # the path as given (set by the build, not cached)
    slug: str = ""  # unique in the site (set by the build)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The cached part: everything made from the file's content."""
        data = asdict(self)
        data.pop("file")
        data.pop("slug")
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
    return Entry(
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


@dataclass
class Prepared:
    """What preparing one file gave (picklable, from a worker process)."""

    path: Path
    sha: str
    result: FileResult  # its findings (errors: not in the site)
    entry: Entry | None = None
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
        result.loaded = None
        if result.errors or sop is None:
            return Prepared(path, sha, result)
        entry = describe(sop, path.stem, self.calendar)
        out = Prepared(path, sha, result, entry)
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
