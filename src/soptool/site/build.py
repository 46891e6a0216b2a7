"""Build the static catalogue site of many SOPs into a folder, redoing only what changed.

Layout (the contract with ``serve``, history and the browser tests): docs/site-design.md
of the issue, in short::

    index.html  daftar.html  monitoring.html  data/katalog.js  assets/site.{css,js}
    sop/<slug>/index.html  sop/<slug>/dokumen.html  sop/<slug>/<slug>.pdf
    sop/<slug>/riwayat/<short>.html  .soptool-site.json

Incremental by content: the manifest (``.soptool-site.json``) lists every file soptool
wrote with the key of its inputs (a sha256 over the soptool version, the templates' bytes,
the settings and options, and the page's own data: the SOP file's bytes for its document).
A file whose key is unchanged and that is still there is neither made nor written again.
The description of each SOP is cached in the manifest by the sha256 of the file's bytes,
so that an unchanged SOP is not even parsed. Files of SOPs that are gone are removed, and
only files the manifest lists are ever removed; a non-empty folder without a manifest is
not soptool's and is refused. Before the first file of a build is written, the manifest
is rewritten to list every file the build may write (``Writer.claim``), so that a build
stopped halfway leaves a folder that is still soptool's, with every file owned.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soptool import __version__
from soptool.findings import FileResult
from soptool.rules.crossref import Reference
from soptool.site.catalogue import (
    ENTRY_FORMAT,
    IN_FORCE,
    STATUS_LABELS,
    Entry,
    Prepare,
    Prepared,
    SiteChecks,
    content_hash,
    entry_reference,
    fold,
    unique_slugs,
)
from soptool.source.atomic import write_atomic
from soptool.timing.durations import DEFAULT_CALENDAR, Calendar

MANIFEST = ".soptool-site.json"
MANIFEST_FORMAT = 1
ASSETS = ("site.css", "site.js")


class SiteError(Exception):
    """The site cannot be built as asked (a usage error); ``key`` is a message key."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class SiteOptions:
    """How the site is built."""

    kertas: str = "A4"
    calendar: Calendar = DEFAULT_CALENDAR
    hanya_berlaku: bool = False  # publish only the SOPs in force
    pdf: bool = True  # a PDF per SOP, when WeasyPrint can be used
    riwayat: bool = True  # history from git, when the files are in a repository
    judul: str = "Katalog SOP"


@dataclass
class SiteReport:
    """What a build did."""

    out: Path
    sops: int = 0  # SOPs published
    written: list[str] = field(default_factory=list)  # files written (relative paths)
    unchanged: int = 0  # files left as they were
    removed: list[str] = field(default_factory=list)
    parsed: int = 0  # SOP files read and checked this time
    invalid: list[FileResult] = field(default_factory=list)  # not published: errors
    pdf_error: tuple[str, dict[str, str]] | None = None  # why there are no PDFs


def _digest(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(
            part, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _templates_hash(folder: Path, include: Callable[[Path], bool]) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and include(p)):
        h.update(str(path.relative_to(folder)).encode())
        h.update(content_hash(path.read_bytes()).encode())
    return h.hexdigest()


def _calendar_json(calendar: Calendar) -> list[str]:
    return [str(calendar.jam_per_hari), str(calendar.hari_per_minggu),
            str(calendar.hari_per_bulan)]


# --- the output folder ----------------------------------------------------------------------


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of an earlier build in ``out``; None for an empty or missing folder.

    Raises ``SiteError`` when ``out`` is not a folder soptool may write into: a file, or a
    non-empty folder with no manifest (someone else's).
    """
    if not out.exists():
        return None
    if not out.is_dir():
        raise SiteError("site.out_not_dir", path=str(out))
    path = out / MANIFEST
    if not path.is_file():
        if any(out.iterdir()):
            raise SiteError("site.out_not_ours", path=str(out))
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SiteError("site.bad_manifest", path=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("berkas"), dict):
        raise SiteError("site.bad_manifest", path=str(path))
    return data


_SAFE_NAME = re.compile(r"^[A-Za-z0-9._/-]+$")
_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # what catalogue's base_slug yields


def _owned(out: Path, rel: str) -> Path | None:
    """The file of a manifest entry, only when it is a plain path inside ``out`` (also once
    links are followed)."""
    if not _SAFE_NAME.match(rel) or rel.startswith("/") or ".." in rel.split("/"):
        return None
    path = out / rel
    try:
        path.resolve().relative_to(out.resolve())
    except (OSError, ValueError, RuntimeError):
        return None
    return path


def _cached_entry(cached: Any) -> Entry | None:
    """A description from the manifest's cache, None when it is not one soptool wrote (a
    tampered or stale manifest): then the file is read again."""
    if not isinstance(cached, dict) or not isinstance(cached.get("base_slug"), str) \
            or not _SAFE_SLUG.match(cached["base_slug"]):
        return None
    try:
        return Entry.from_json(cached)
    except (TypeError, KeyError, ValueError):
        return None


def _manifest_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_manifest(out: Path, data: dict[str, Any]) -> None:
    """Write the manifest of ``out`` (atomically), making the folder if need be."""
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / MANIFEST, _manifest_text(data))


class Writer:
    """Writes the site's files, each only when its key changed, and keeps the manifest."""

    def __init__(self, out: Path, old: dict[str, str], report: SiteReport,
                 doc_key: str = "") -> None:
        self.out = out
        self.old = old
        self.new: dict[str, str] = {}
        self.report = report
        self.doc_key = doc_key
        self.planned: set[str] = set()  # the files this build expects to write or keep
        self.listed: set[str] | None = None  # what the manifest on disk lists, once claimed

    def claim(self, rel: str) -> None:
        """Before ``rel`` is written: make sure the manifest on disk lists it, so that a
        build stopped halfway leaves a folder that is still soptool's and whose files are
        all owned (removed or remade by the next build). Written once, before the first
        file, listing every file planned; again only for a file not planned (history).
        Files not known to be complete yet get an empty key: they are remade next time.
        (Without a file to write, the manifest of the last build is left as it is.)"""
        if self.listed is not None and rel in self.listed:
            return
        self.planned.add(rel)
        self._list()

    def plan(self, rels: list[str]) -> None:
        """Files about to be written that were not planned at first (history pages): listed
        in the manifest at once (one rewrite), if it was rewritten already."""
        self.planned.update(rels)
        if self.listed is not None and not self.planned <= self.listed:
            self._list()

    def _list(self) -> None:
        names = set(self.old) | self.planned | (self.listed or set())
        files = {name: "" for name in names}
        files.update(self.new)  # kept or written whole by this build: their key holds
        write_manifest(self.out, {"format": MANIFEST_FORMAT, "soptool": __version__,
                                  "kunci_dokumen": self.doc_key,
                                  "berkas": dict(sorted(files.items())), "sop": {}})
        self.listed = set(files)

    def fresh(self, rel: str, key: str) -> bool:
        """Whether ``rel`` is there already with this key (then it is kept as it is)."""
        if self.old.get(rel) == key and (self.out / rel).is_file():
            self.new[rel] = key
            self.report.unchanged += 1
            return True
        return False

    def write(self, rel: str, key: str, data: str | bytes) -> None:
        """Write ``rel`` atomically and record its key."""
        self.claim(rel)
        target = self.out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        self.new[rel] = key
        self.report.written.append(rel)

    def keep(self, rel: str, key: str, data: str | bytes) -> None:
        """Write ``rel`` (already made) unless it is fresh."""
        if not self.fresh(rel, key):
            self.write(rel, key, data)

    def put(self, rel: str, key: str, make: Callable[[], str | bytes]) -> None:
        """Write ``rel`` from ``make()`` unless it is fresh."""
        if not self.fresh(rel, key):
            self.write(rel, key, make())

    def remove_stale(self) -> None:
        """Remove the files the last build wrote and this one did not; then their empty
        folders. Nothing that the manifest does not list is touched."""
        for rel in sorted(set(self.old) - set(self.new)):
            path = _owned(self.out, rel)
            if path is None or path.is_symlink() or not path.is_file():
                continue
            path.unlink()
            self.report.removed.append(rel)
            folder = path.parent
            while folder != self.out and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


# --- pages -----------------------------------------------------------------------------------


def _env() -> Any:
    from soptool.render.document import environment

    return environment(None)


def _render(name: str, **ctx: Any) -> str:
    text: str = _env().get_template(f"site/{name}").render(**ctx)
    return text


def _js_data(name: str, value: Any) -> str:
    """``window.<name> = ...;`` with the data as JSON, ``<`` escaped (never markup)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029",
                                                                             "\\u2029")
    return f"window.{name} = {text};\n"


def _sort_key(entry: Entry) -> tuple[str, str, str]:
    return (fold(entry.unit), fold(entry.nomor), fold(entry.nama))


def _links(entries: list[Entry]) -> Callable[[str, Entry], str | None]:
    """How a keterkaitan text (or a digantikan_oleh nomor) finds the SOP it names: by its
    nomor written in the text, else by its nama (the whole text, or "SOP <nama>")."""
    by_nomor = {fold(e.nomor): e for e in reversed(entries) if e.nomor}
    by_nama = {fold(e.nama): e for e in reversed(entries)}

    def find(text: str, me: Entry) -> str | None:
        t = fold(text)
        hit = by_nomor.get(t) or by_nama.get(t) or by_nama.get(t.removeprefix("sop ").strip())
        if hit is None:  # a nomor among the words ("SOP nomor 12/SOP/2024 tentang ...")
            for word in t.split():
                hit = by_nomor.get(word.strip(".,;:()[]\"'"))
                if hit is not None:
                    break
        if hit is None or hit is me:
            return None
        return hit.slug

    return find


def _entry_view(entry: Entry) -> dict[str, Any]:
    data = entry.to_json()
    del data["cari"]
    data["slug"] = entry.slug
    data["status_label"] = entry.status_label
    return data


def _sop_context(entry: Entry, view: dict[str, Any], find: Callable[[str, Entry], str | None],
                 pdf: bool, history: list[dict[str, Any]] | None, site: dict[str, Any]
                 ) -> dict[str, Any]:
    links = [(text, find(text, entry)) for text in entry.keterkaitan]
    replaced = find(entry.digantikan_oleh, entry) if entry.digantikan_oleh else None
    return {"sop": view, "keterkaitan": links,
            "pengganti": replaced, "pdf": f"{entry.slug}.pdf" if pdf else "",
            "riwayat": history, "site": site, "root": "../../", "active": ""}


def _groups(entries: list[Entry], views: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in entries:
        unit = entry.unit or "(tanpa unit)"
        if not out or out[-1]["unit"] != unit:
            out.append({"unit": unit, "id": f"unit-{len(out) + 1}", "sops": []})
        out[-1]["sops"].append(views[id(entry)])
    return out


def _index_context(entries: list[Entry], views: dict[int, dict[str, Any]],
                   site: dict[str, Any]) -> dict[str, Any]:
    units = sorted({e.unit for e in entries if e.unit}, key=fold)
    statuses = [(s, STATUS_LABELS.get(s, s)) for s in STATUS_LABELS
                if any(e.status == s for e in entries)]
    years = sorted({e.tahun for e in entries if e.tahun}, reverse=True)
    return {"sops": [views[id(e)] for e in entries], "units": units,
            "statuses": statuses, "years": years, "site": site, "root": "",
            "active": "index"}


def _katalog(entries: list[Entry]) -> list[dict[str, str]]:
    return [{"nomor": e.nomor, "nama": e.nama, "slug": e.slug, "unit": e.unit,
             "status": e.status, "tahun": e.tahun, "cari": e.cari or e.search_text()}
            for e in entries]


# --- the build -------------------------------------------------------------------------------


def _prepare(items: list[tuple[Path, str, bool]], job: Prepare) -> Iterator[Prepared]:
    from soptool.workers import map_in_order

    return map_in_order(job, items)


def build_site(paths: list[Path], out: Path, options: SiteOptions | None = None,
               on_invalid: Callable[[FileResult], None] | None = None) -> SiteReport:
    """Build (or bring up to date) the site of the SOP files ``paths`` in ``out``.

    ``on_invalid`` is told of each file that does not validate (it is left out of the site),
    in input order as soon as it is known: the checks across the run's files (SOP409,
    ``rules.crossref``) hold a file back while its ``digantikan_oleh`` names an SOP not read
    yet. Raises ``SiteError`` for a folder that is not soptool's,
    before anything is written.
    """
    opts = options or SiteOptions()
    report = SiteReport(out)
    manifest = read_manifest(out) or {}
    if out.exists():  # (absolute paths: a link into the folder is not looked through)
        root = os.path.join(os.path.abspath(out), "")
        for path in paths:
            if os.path.abspath(path).startswith(root):
                raise SiteError("site.over_input", path=str(out))
    from soptool.source.templates import builtin_templates

    templates = builtin_templates()
    pdf = opts.pdf
    if pdf:
        from soptool.render.pdf import PdfUnavailable, check

        try:
            check()
        except PdfUnavailable as exc:
            pdf = False
            report.pdf_error = (exc.key, dict(exc.params))
    doc_key = _digest("dokumen", __version__, ENTRY_FORMAT, opts.kertas,
                      _calendar_json(opts.calendar),
                      _templates_hash(templates, lambda p: "site" not in
                                      p.relative_to(templates).parts))
    site_key = _digest("situs", __version__, doc_key, opts.hanya_berlaku, pdf, opts.judul,
                       _templates_hash(templates / "site", lambda p: True))
    cache: dict[str, Any] = {}
    if manifest.get("format") == MANIFEST_FORMAT and manifest.get("kunci_dokumen") == doc_key:
        cache = manifest.get("sop", {}) if isinstance(manifest.get("sop"), dict) else {}
    old_files = {k: v for k, v in manifest.get("berkas", {}).items()
                 if isinstance(k, str) and isinstance(v, str) and _owned(out, k) is not None}
    writer = Writer(out, old_files, report, doc_key)

    # 1. each file's bytes and hash; its description from the cache, else prepared
    sources: list[tuple[Path, str]] = []
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b""  # the loader reports why (SOP001)
        sources.append((path, content_hash(raw)))
    entries: dict[int, Entry] = {}
    html: dict[int, str] = {}
    pdfs: dict[int, bytes] = {}
    job = Prepare(opts.kertas, opts.calendar, pdf)

    def reject(result: FileResult) -> None:
        report.invalid.append(result)
        if on_invalid is not None:
            on_invalid(result)

    # the checks across the run's files (SOP409, SOP410), as ``soptool validate`` runs them:
    # a file with errors, its own or these, is not published
    checks = SiteChecks()

    def settle(settled: Iterator[tuple[int, FileResult]]) -> None:
        for index, result in settled:
            if index not in entries or result.errors:
                entries.pop(index, None)
                html.pop(index, None)
                pdfs.pop(index, None)
                reject(result)

    def take(index: int, got: Prepared, first: bool = False) -> None:
        report.parsed += 1
        keep(index, got)
        if first:  # step 1: the checks across the run settle it
            settle(checks.add(index, got.result, got.ref or Reference(str(got.path))))
        elif got.entry is None:
            reject(got.result)

    def keep(index: int, got: Prepared) -> None:
        if got.entry is None:
            return
        got.entry.file = str(got.path)
        got.entry.sha = got.sha
        known = entries.get(index)
        if known is not None:  # described already (and given its page folder)
            got.entry.slug = known.slug
        entries[index] = got.entry
        if got.html is not None:
            html[index] = got.html
        if got.pdf is not None:
            pdfs[index] = got.pdf
        if got.pdf_error is not None and report.pdf_error is None:
            report.pdf_error = got.pdf_error

    todo = []
    kept: dict[str, Any] = {}  # cached descriptions used as they are
    for index, (path, sha) in enumerate(sources):
        cached = cache.get(sha)
        entry = _cached_entry(cached)
        if entry is not None:
            entry.file = str(path)
            entry.sha = sha
            entries[index] = entry
            kept[sha] = cached
            settle(checks.add(index, FileResult(str(path), []), entry_reference(entry)))
            continue
        todo.append(index)
    for index, got in zip(todo, _prepare([(sources[i][0], sources[i][1], True)
                                          for i in todo], job), strict=True):
        take(index, got, first=True)
    settle(checks.close())

    # 2. which SOPs are published, and their page folders
    order = sorted(entries)
    unique_slugs([entries[i] for i in order])
    published = [i for i in order if not opts.hanya_berlaku or entries[i].status == IN_FORCE]
    doc_keys = {i: _digest(doc_key, sources[i][1]) for i in published}
    writer.planned = {*(f"sop/{entries[i].slug}/{name}" for i in published
                        for name in ("index.html", "dokumen.html", f"{entries[i].slug}.pdf")
                        if pdf or name != f"{entries[i].slug}.pdf"),
                      "index.html", "daftar.html", "monitoring.html", "data/katalog.js",
                      *(f"assets/{name}" for name in ASSETS)}

    # 3. documents: cached descriptions whose document is stale are rendered now
    def doc_files(i: int) -> list[str]:
        slug = entries[i].slug
        names = [f"sop/{slug}/dokumen.html"]
        if pdf:
            names.append(f"sop/{slug}/{slug}.pdf")
        return names

    stale = [i for i in published if i not in html
             and not all(old_files.get(rel) == doc_keys[i] and (out / rel).is_file()
                         for rel in doc_files(i))]
    for index, got in zip(stale, _prepare([(sources[i][0], sources[i][1], True)
                                           for i in stale], job), strict=True):
        take(index, got)
    for i in published:
        if i not in entries:  # became invalid between two reads: nothing to publish
            continue
        rels = doc_files(i)
        key = doc_keys[i]
        if i in html:
            writer.keep(rels[0], key, html[i])
        else:
            writer.fresh(rels[0], key)
        if pdf and len(rels) > 1:
            if i in pdfs:
                writer.keep(rels[1], key, pdfs[i])
            else:
                writer.fresh(rels[1], key)
    published = [i for i in published if i in entries]
    shown = sorted((entries[i] for i in published), key=_sort_key)
    report.sops = len(shown)

    site = {"judul": opts.judul, "versi": __version__,
            "hanya_berlaku": opts.hanya_berlaku}

    # 4. history (git), when the files are in a repository
    histories: dict[int, list[dict[str, Any]] | None] = {}
    from soptool.site import history as history_module

    history = history_module if opts.riwayat else None
    if history is not None:
        from soptool.site.riwayat import history_sections

        items = [(sources[i][0], sources[i][1], entries[i]) for i in published]
        found = history_sections(history, items, opts, _digest(site_key, doc_key), writer,
                                 site, _digest, _render)
        histories = {i: found.get(sources[i][0]) for i in published}

    # 5. the pages. Each page's key names what it is made of: the SOPs' content (their
    # sha256, under doc_key in site_key) and page folders, so that the data of an unchanged
    # page is not even put together.
    find = _links(shown)
    views: dict[int, dict[str, Any]] = {}

    def view(entry: Entry) -> dict[str, Any]:
        made = views.get(id(entry))
        if made is None:
            made = views[id(entry)] = _entry_view(entry)
        return made

    for i in published:
        entry = entries[i]
        links = [find(text, entry) for text in entry.keterkaitan]
        replaced = find(entry.digantikan_oleh, entry) if entry.digantikan_oleh else None
        key = _digest(site_key, "sop", entry.sha, entry.slug, links, replaced,
                      histories.get(i))
        rel = f"sop/{entry.slug}/index.html"
        if not writer.fresh(rel, key):
            ctx = _sop_context(entry, view(entry), find, pdf, histories.get(i), site)
            writer.write(rel, key, _render("sop.html.j2", **ctx))
    everything = [(e.sha, e.slug) for e in shown]
    key = _digest(site_key, "index", everything)
    if not writer.fresh("index.html", key):
        writer.write("index.html", key,
                     _render("index.html.j2", **_index_context(shown, {id(e): view(e)
                                                                       for e in shown}, site)))
    key = _digest(site_key, "daftar", everything)
    if not writer.fresh("daftar.html", key):
        groups = _groups(shown, {id(e): view(e) for e in shown})
        writer.write("daftar.html", key, _render("daftar.html.j2", groups=groups, site=site,
                                                 root="", jumlah=len(shown),
                                                 active="daftar"))
    # the six-monthly review assesses what is applied: SOPs replaced or revoked are not
    applied = [e for e in shown if e.status not in ("digantikan", "dicabut")]
    key = _digest(site_key, "monitoring", [(e.sha, e.slug) for e in applied])
    if not writer.fresh("monitoring.html", key):
        groups = _groups(applied, {id(e): view(e) for e in applied})
        writer.write("monitoring.html", key,
                     _render("monitoring.html.j2", groups=groups, site=site, root="",
                             jumlah=len(applied), active="monitoring"))
    key = _digest(site_key, "katalog", everything)
    if not writer.fresh("data/katalog.js", key):
        writer.write("data/katalog.js", key, _js_data("SOPTOOL_KATALOG", _katalog(shown)))
    for name in ASSETS:
        asset = (templates / "site" / "assets" / name).read_bytes()
        writer.keep(f"assets/{name}", _digest(site_key, name, asset), asset)

    # 6. what is gone, then the manifest (complete now: the cache, every file's key)
    writer.remove_stale()
    # (with --hanya-berlaku only the published SOPs are cached: the manifest is in the
    # published folder, and static hosts serve dotfiles too)
    cached_now = set(published) if opts.hanya_berlaku else set(order)
    new_cache = {entries[i].sha: kept.get(entries[i].sha) or entries[i].to_json()
                 for i in order if i in cached_now}
    data = {"format": MANIFEST_FORMAT, "soptool": __version__, "kunci_dokumen": doc_key,
            "berkas": dict(sorted(writer.new.items())), "sop": dict(sorted(new_cache.items()))}
    text = _manifest_text(data)
    manifest_path = out / MANIFEST
    old_text = None
    if manifest_path.is_file():
        try:
            old_text = manifest_path.read_text(encoding="utf-8")
        except OSError:
            old_text = None
    if text != old_text:
        write_manifest(out, data)
    report.invalid.sort(key=lambda r: r.file)
    return report


def site_files(out: Path) -> list[str]:
    """The files the manifest of ``out`` lists (for tools and tests)."""
    data = read_manifest(out) or {}
    return sorted(data.get("berkas", {}))

