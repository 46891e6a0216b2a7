"""The history section of each SOP's page and its older versions' pages, from git.

``soptool.site.history`` (one ``git log`` per repository for all the files, one
``git cat-file --batch`` per repository for the bytes) lists each file's revisions, newest
first. For every revision that is not the version published (the working copy), this
module writes ``sop/<slug>/riwayat/<short>.html``: the date, author and message, the
semantic review (``soptool diff``) against the revision before it, and that version's
rendered document. A page's key names the two commits (and paths) it is made of, so that
an unchanged history is not read nor rendered again; the bytes of a revision are read from
git only for pages to write and for the newest revision of each file (to tell whether it is
the published version).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soptool.site.catalogue import content_hash

if TYPE_CHECKING:
    from soptool.model import Sop
    from soptool.site.build import SiteOptions, Writer
    from soptool.site.catalogue import Entry

Page = tuple[Any, Any | None]  # (revision, the revision before it or None)


def _load(raw: bytes | None, label: str) -> Sop | None:
    """The SOP of a revision's bytes, when it validates (no errors)."""
    if raw is None:
        return None
    from soptool.loading import load_bytes
    from soptool.rules.checks import run_checks

    doc = load_bytes(raw, label)
    if doc.sop is None or any(f.is_error for f in run_checks(doc)):
        return None
    return doc.sop


def _fetch(history: Any, revs: list[Any]) -> dict[tuple[str, str], bytes | None]:
    """The bytes of each revision, one git call per repository."""
    by_root: dict[str, list[Any]] = defaultdict(list)
    for rev in revs:
        by_root[rev.root].append(rev)
    out: dict[tuple[str, str], bytes | None] = {}
    for root, group in by_root.items():
        for rev, raw in zip(group, history.contents(group, Path(root)), strict=True):
            out[(rev.commit, rev.path)] = raw
    return out


def history_sections(history: Any, items: list[tuple[Path, str, Entry]], opts: SiteOptions,
                     key: str, writer: Writer, site: dict[str, Any],
                     digest: Callable[..., str], render_page: Callable[..., str]
                     ) -> dict[Path, list[dict[str, Any]]]:
    """Each file's revisions as its page lists them, the older versions' pages written.

    ``items``: (path, sha256 of its bytes now, its entry) of each published SOP. A file
    with no history (not in a repository, never committed) is left out.
    """
    try:
        logs = history.history_of([path for path, _, _ in items])
    except Exception:  # noqa: BLE001 - no git: no history section, the site is still built
        return {}
    newest = [logs[path][0] for path, _, _ in items if logs.get(path)]
    heads = _fetch(history, newest)
    sections: dict[Path, list[dict[str, Any]]] = {}
    todo: list[tuple[str, str, dict[str, Any], Entry, Any, Any | None]] = []
    for path, sha, entry in items:
        revs = logs.get(path) or []
        if not revs:
            continue
        head = heads.get((revs[0].commit, revs[0].path))
        current = head is not None and content_hash(head) == sha
        listed = []
        for n, rev in enumerate(revs):
            this = n == 0 and current
            item = {"commit": str(rev.commit), "short": str(rev.short),
                    "date": str(rev.date).replace("T", " ")[:16], "iso": str(rev.date),
                    "author": str(rev.author),
                    "message": str(rev.message).strip(), "latest": this,
                    "page": "" if this else f"riwayat/{rev.short}.html"}
            listed.append(item)
            if this:
                continue
            before = revs[n + 1] if n + 1 < len(revs) else None
            rel = f"sop/{entry.slug}/riwayat/{rev.short}.html"
            page_key = digest(key, "riwayat", entry.slug, rev.commit, rev.path,
                              [before.commit, before.path] if before is not None else None,
                              item, entry.nama, entry.nomor)
            if not writer.fresh(rel, page_key):
                todo.append((rel, page_key, item, entry, rev, before))
        sections[path] = listed
    if todo:
        writer.plan([rel for rel, *_ in todo])  # listed in the manifest before written
        wanted = [rev for *_, rev, _ in todo] + [b for *_, b in todo if b is not None]
        raws = _fetch(history, wanted)
        for rel, page_key, item, entry, rev, before in todo:
            raw = raws.get((rev.commit, rev.path))
            old = raws.get((before.commit, before.path)) if before is not None else None
            writer.write(rel, page_key, _revision_page(raw, old, before is not None, item,
                                                       entry, opts, site, render_page))
    return sections


def _revision_page(raw: bytes | None, before: bytes | None, has_before: bool,
                   item: dict[str, Any], entry: Entry, opts: SiteOptions,
                   site: dict[str, Any], render_page: Callable[..., str]) -> str:
    from soptool.render.document import render
    from soptool.review.diff import compare, text_lines

    sop = _load(raw, item["short"])
    old = _load(before, "sebelumnya")
    document = render(sop, "html", opts.kertas, None, opts.calendar) if sop else ""
    changes: list[str] = []
    if sop is not None and (old is not None or not has_before):
        changes = text_lines(compare(old, sop, calendar=opts.calendar))
    view = {"nama": str(sop.nama) if sop is not None else entry.nama,
            "nomor": str(sop.nomor or "") if sop is not None else entry.nomor}
    return render_page("riwayat.html.j2", sop=view, item=item, dokumen=document,
                       perubahan=changes, valid=sop is not None, pertama=not has_before,
                       site=site, root="../../../", active="")
