"""The history section of an SOP's page and its older versions' pages, from git.

``soptool.site.history.revisions(path)`` (the history helper's module) lists the revisions
of one file, each with ``commit``, ``short``, ``date``, ``author``, ``message`` and ``raw``
(the file's bytes at that commit), newest first. For each revision this module writes
``sop/<slug>/riwayat/<short>.html``: the date, author and message, the semantic review
(``soptool diff``) against the revision before it, and that version's rendered document.
Each page's key is made of the two versions' bytes, so that an unchanged history is not
rendered again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from soptool.site.catalogue import content_hash

if TYPE_CHECKING:
    from soptool.model import Sop
    from soptool.site.build import SiteOptions, Writer
    from soptool.site.catalogue import Entry


def _load(raw: bytes, label: str) -> Sop | None:
    from soptool.loading import load_bytes
    from soptool.rules.checks import run_checks

    doc = load_bytes(raw, label)
    if doc.sop is None:
        return None
    if any(f.is_error for f in run_checks(doc)):
        return None
    return doc.sop


def _when(value: Any) -> str:
    text = value.isoformat(timespec="minutes") if hasattr(value, "isoformat") else str(value)
    return text.replace("T", " ")


def history_pages(history: Any, path: Path, entry: Entry, opts: SiteOptions, doc_key: str,
                  writer: Writer, site: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The revisions of ``path`` as the SOP's page lists them (written pages included);
    None when the file is not in a git repository or has no history."""
    from soptool.site.build import _digest, _render

    try:
        revisions = list(history.revisions(path))
    except Exception:  # noqa: BLE001 - no git, not a repository: no history section
        return None
    if not revisions:
        return None
    # The history module gives a revision's bytes by content(rev, root), root the
    # repository's top folder (its Revision has no bytes of its own).
    root = history.repository(path)
    raws: list[bytes] = [history.content(rev, root) for rev in revisions]
    out: list[dict[str, Any]] = []
    for n, rev in enumerate(revisions):
        raw: bytes = raws[n]
        before = raws[n + 1] if n + 1 < len(revisions) else None
        short = str(rev.short)
        item = {"commit": str(rev.commit), "short": short, "date": _when(rev.date),
                "author": str(rev.author), "message": str(rev.message).strip(),
                "page": f"riwayat/{short}.html" if n else "", "latest": n == 0}
        out.append(item)
        if n == 0:
            continue  # the current version is the page itself
        rel = f"sop/{entry.slug}/riwayat/{short}.html"
        key = _digest(doc_key, "riwayat", content_hash(raw),
                      content_hash(before) if before is not None else "", item, entry.slug)

        def make(raw: bytes = raw, before: bytes | None = before,
                 item: dict[str, Any] = item) -> str:
            return _revision_page(raw, before, item, entry, opts, site, _render)

        writer.put(rel, key, make)
    return out


def _revision_page(raw: bytes, before: bytes | None, item: dict[str, Any], entry: Entry,
                   opts: SiteOptions, site: dict[str, Any], render_page: Any) -> str:
    from soptool.render.document import render
    from soptool.review.diff import compare, text_lines

    sop = _load(raw, item["short"])
    old = _load(before, "sebelumnya") if before is not None else None
    document = render(sop, "html", opts.kertas, None, opts.calendar) if sop else ""
    changes: list[str] = []
    if sop is not None and (old is not None or before is None):
        changes = text_lines(compare(old, sop, calendar=opts.calendar))
    page: str = render_page("riwayat.html.j2", sop=entry, item=item, dokumen=document,
                            perubahan=changes, valid=sop is not None,
                            site=site, root="../../../", active="")
    return page
