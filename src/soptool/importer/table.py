"""The procedure table: its grid (columns from the rulings and the header words), its rows (by
the step numbers in the No column, each with its vertical extent on every page it covers) and
the text of its Kegiatan and Mutu Baku cells.

Each page is read once (words, spaces and drawn objects) and the words are binned into cells;
nothing is extracted per cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from soptool.importer.geometry import (
    BULLET,
    PageGeom,
    Word,
    join_line_texts,
    lines_of,
    read_page,
)
from soptool.importer.reading import Column, PicturePage, Row, Span, Table, Text, Uncertain

# header words naming each column (lower case, without punctuation)
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor"),
    "kegiatan": ("kegiatan", "aktivitas", "aktifitas", "uraian"),
    "kelengkapan": ("kelengkapan", "persyaratan", "perlengkapan", "syarat"),
    "waktu": ("waktu",),
    "output": ("output", "keluaran", "hasil"),
    "keterangan": ("keterangan", "ket"),
}
_GROUP_WORDS = {"pelaksana", "mutu", "baku", "mutubaku"}
_NUMBER = re.compile(r"^\(?(\d{1,3}[a-z]?)[.)]?$", re.IGNORECASE)
_COLNUM = re.compile(r"^\(\d{1,2}\)$")
PAGE_OFFSET = 10000.0  # added to ``top`` per page, so a cell's words sort across pages
_AMBIGUOUS_MARKS = "-*o\u2013\u2014"
_TEXT_KEYS = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@dataclass
class _Grid:
    """The table's columns on one page."""

    bounds: list[float]  # x of the leaf column boundaries, left to right
    roles: dict[str, int]  # role -> leaf column index
    actors: list[int]  # leaf column indices of the actor columns
    titles: list[str]  # actor titles
    body_top: float  # where the rows start on this page
    left: float
    right: float

    def column_of(self, x: float) -> int | None:
        """The leaf column holding ``x``, or None outside the table."""
        for i in range(len(self.bounds) - 1):
            if self.bounds[i] <= x < self.bounds[i + 1]:
                return i
        return None


def _find_header(geom: PageGeom) -> tuple[Word, Word] | None:
    """The header's No word and its Kegiatan word (same band, Kegiatan to the right)."""
    nos = [w for w in geom.words if _norm(w.text) in ("no", "nomor") and len(w.text) <= 6]
    kegs = [w for w in geom.words if _norm(w.text) in _ROLE_WORDS["kegiatan"]
            or _norm(w.text).startswith(("kegiatan", "aktivitas", "uraian"))]
    best: tuple[Word, Word] | None = None
    for no in nos:
        for keg in kegs:
            if keg.x0 > no.x1 and abs(keg.cy - no.cy) <= 25 and keg.x0 - no.x1 < 250:
                others = [w for w in geom.words if abs(w.cy - no.cy) <= 40 and w.x0 > keg.x1
                          and _norm(w.text) in ("waktu", "output", "pelaksana", "mutu",
                                                "keterangan", "kelengkapan")]
                if others and (best is None or no.top < best[0].top):
                    best = (no, keg)
    return best


def _grid_from_header(geom: PageGeom, no: Word, keg: Word,
                      notes: list[Uncertain]) -> _Grid | None:
    # header top: the ruling above the No word; header bottom: the first ruling below it
    above = [y for y in geom.horizontal_at(no.cx, 0, no.top) if y <= no.top + 1]
    head_top = above[-1] if above else no.top - 2
    below = [y for y in geom.horizontal_at(no.cx, no.bottom, geom.height) if y >= no.bottom - 1]
    if below:
        head_bottom = below[0]
    else:
        first = [w.top for w in geom.words if w.top > no.bottom and no.x0 - 5 <= w.cx <= keg.x0
                 and _NUMBER.match(w.text)]
        if not first:
            notes.append(Uncertain("pelaksana", "import.note.head_rule_unread"))
            return None
        head_bottom = min(first) - 2
    probe = head_bottom - 2.5
    xs = geom.vertical_at(probe)
    xs = _dedupe([x for x in xs if x <= geom.width])
    left_candidates = [x for x in xs if x <= no.x0 + 1]
    if not left_candidates or len(xs) < 4:
        guessed = _bounds_from_words(geom, no, head_top, head_bottom)
        if guessed is None:
            notes.append(Uncertain("pelaksana", "import.note.column_rules_unread"))
            return None
        notes.append(Uncertain("pelaksana", "import.note.column_rules_guessed"))
        xs = guessed
        left_candidates = [xs[0]]
    left = left_candidates[-1]
    bounds = [x for x in xs if x >= left]
    right = bounds[-1]
    ncol = len(bounds) - 1
    # each leaf column's own header cell: below the lowest ruling crossing its middle
    leaf_text: list[str] = []
    head_words = [w for w in geom.words if head_top - 1 <= w.cy <= head_bottom + 1
                  and left <= w.cx <= right]
    for i in range(ncol):
        cx = (bounds[i] + bounds[i + 1]) / 2
        rul = [y for y in geom.horizontal_at(cx, head_top + 2, head_bottom - 2)
               if head_top + 2 < y < head_bottom - 2]
        top = rul[-1] if rul else head_top
        ws = [w for w in head_words if top <= w.cy <= head_bottom and bounds[i] <= w.cx
              < bounds[i + 1]]
        if top <= head_top + 1:
            # no ruling under a group heading: drop the heading's words from the leaf
            lines = lines_of(ws)
            if len(lines) > 1 and all(_norm(w.text) in _GROUP_WORDS for w in lines[0]):
                ws = [w for line in lines[1:] for w in line]
        leaf_text.append(_join_lines(ws))
    roles = _roles(leaf_text)
    first_mutu = min([roles[k] for k in ("kelengkapan", "waktu", "output", "keterangan")
                      if k in roles] or [ncol])
    actors = list(range(roles["kegiatan"] + 1, first_mutu))
    titles = [leaf_text[i] for i in actors]
    if not actors:
        notes.append(Uncertain("pelaksana", "import.note.no_actor_columns"))
    return _Grid(bounds, roles, actors, titles, head_bottom, left, right)


def _roles(leaf_text: list[str]) -> dict[str, int]:
    """Which leaf column is which: No and Kegiatan from the left; the Mutu Baku columns and
    Keterangan from the right, each the rightmost match left of the one after it, so that an
    actor's title ("Pengolah Hasil") or the actors' misprinted group heading ("Kelengkapan")
    never takes their place."""
    ncol = len(leaf_text)
    words = [[_norm(t) for t in text.split()] for text in leaf_text]

    def named(i: int, role: str) -> bool:
        # a short name ("no", "ket") only as a whole word; a long one may start a word
        # ("persyaratanperlengkapan")
        return any(w == name or (len(name) >= 5 and w.startswith(name))
                   for w in words[i] for name in _ROLE_WORDS[role])

    def first(role: str, lo: int) -> int | None:
        return next((i for i in range(lo, ncol) if named(i, role)), None)

    def rightmost(role: str, lo: int, hi: int) -> int | None:
        return next((i for i in range(hi - 1, lo, -1) if named(i, role)), None)

    roles: dict[str, int] = {}
    no = first("no", 0)
    roles["no"] = no if no is not None else 0
    keg = first("kegiatan", roles["no"] + 1)
    roles["kegiatan"] = keg if keg is not None else min(roles["no"] + 1, ncol - 1)
    hi = ncol
    for role in ("keterangan", "output", "waktu", "kelengkapan"):
        at = rightmost(role, roles["kegiatan"], hi)
        if at is not None:
            roles[role] = at
            hi = at
    return roles


def _bounds_from_words(geom: PageGeom, no: Word, head_top: float,
                      head_bottom: float) -> list[float] | None:
    """Column boundaries where the table has no vertical rulings: one column per cluster of
    header words (group headings left out), each boundary where fewest body words cross."""
    head = [w for w in geom.words if head_top - 1 <= w.cy <= head_bottom + 1
            and w.x0 >= no.x0 - 5 and _norm(w.text) not in _GROUP_WORDS]
    clusters: list[list[float]] = []
    for a, b in sorted((w.x0, w.x1) for w in head):
        if clusters and a <= clusters[-1][1] + 6:
            clusters[-1][1] = max(clusters[-1][1], b)
        else:
            clusters.append([a, b])
    if len(clusters) < 4:
        return None
    body = [w for w in geom.words if w.top > head_bottom]
    bounds = [clusters[0][0] - 3]
    for (_, a1), (b0, _) in zip(clusters, clusters[1:], strict=False):
        best = (a1 + b0) / 2
        best_cost = sum(1 for w in body if w.x0 < best < w.x1)
        x = a1 + 1
        while x < b0:
            cost = sum(1 for w in body if w.x0 < x < w.x1)
            if cost < best_cost:
                best, best_cost = x, cost
            x += 2
        bounds.append(best)
    right = max([clusters[-1][1] + 3] + [w.x1 + 3 for w in body if w.x0 > clusters[-1][0] - 5
                                         and w.x0 < geom.width * 0.98])
    bounds.append(min(right, geom.width))
    return bounds


def _dedupe(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if out and x - out[-1] < 3:
            continue
        out.append(x)
    return out


def _join_lines(words: list[Word]) -> str:
    text = ""
    for line in lines_of(words):
        text = join_line_texts(text, " ".join(w.text for w in line))
    return text


def _grid_continued(geom: PageGeom, prev: _Grid) -> _Grid | None:
    """A page without a header: the table goes on if rulings stand where the previous
    page's columns were. Its rows start at the top of those rulings (a row cut by the page
    break may have no ruling over it)."""
    best: tuple[int, float, list[float]] | None = None
    for v in geom.vsegs:
        if abs(v.pos - prev.left) > 3 or v.b - v.a < 10:
            continue
        probe = v.a + 3
        xs = geom.vertical_at(probe)
        hits = sum(1 for b in prev.bounds if any(abs(b - x) <= 3 for x in xs))
        if best is None or hits > best[0]:
            best = (hits, v.a, xs)
    if best is None or best[0] < max(3, (len(prev.bounds) + 1) // 2):
        return None
    _, top, xs = best
    bounds = []
    for b in prev.bounds:
        near = [x for x in xs if abs(b - x) <= 3]
        bounds.append(near[0] if near else b)
    return _Grid(bounds, prev.roles, prev.actors, prev.titles, top, bounds[0], bounds[-1])


def _picture(geom: PageGeom, top: float = 0.0) -> bool:
    """A picture covering much of the page below ``top`` with hardly any text on it."""
    for x0, t, x1, b in geom.images:
        if b <= top:
            continue
        area = (x1 - x0) * (b - max(t, top))
        if (x1 - x0) >= 0.4 * geom.width and area >= 0.12 * geom.width * geom.height:
            inside = [w for w in geom.words if x0 <= w.cx <= x1 and t <= w.cy <= b]
            if len(inside) < 15:
                return True
    return False


def _fits(line: list[Word], nxt: list[Word], width: float) -> bool:
    """Whether the next line's first word would have fitted on ``line`` (so the break is
    the writer's, not a wrap)."""
    used = line[-1].x1 - line[0].x0
    gap = 0.0
    if len(line) > 1:
        gaps = [b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False)]
        gap = min(gaps)
    else:
        gap = 0.25 * (line[0].bottom - line[0].top)
    # the first piece that cannot be broken: a lone sign ("- 1 jam") goes with the next word
    piece = nxt[0].x1 - nxt[0].x0
    if len(nxt) > 1 and not any(ch.isalnum() for ch in nxt[0].text):
        piece = nxt[1].x1 - nxt[0].x0
    return used + gap + piece <= width + 0.5


def cell_text(words: list[Word], soft_marked: bool, x0: float | None = None,
              x1: float | None = None, pad: float | None = None,
              breaks: bool = True) -> Text:
    """A cell's words as text: lines joined with a space; a list where lines start with
    bullets (a list that starts the cell), or, with ``breaks``, where a line ends hard and
    the item after it stands on its own line(s). A line ends hard where the document marks
    soft wraps with a trailing space and this line has none, or, in a document that does
    not, where the next line's first word would have fitted on it."""
    lines = lines_of(words)
    if not lines:
        return ""
    width = 1e9
    if x0 is not None and x1 is not None:
        if pad is None:
            pad = min(max(0.0, min(w.x0 for w in words) - x0), 6.0)
        width = (x1 - x0) - 2 * pad
    items: list[str] = []
    current = ""
    bulleted = False
    for n, line in enumerate(lines):
        texts = [w.text for w in line]
        starts_bullet = False
        if BULLET.match(texts[0]) and len(texts) > 1:
            texts = texts[1:]
            starts_bullet = True
        elif texts[0][:1] in "\u2022\u25cf\u25aa\uf0b7\uf0a7\u27a2" and len(texts[0]) > 1:
            texts[0] = texts[0][1:]
            starts_bullet = True
        text = " ".join(texts)
        prev_hard = False
        if n > 0:
            last = lines[n - 1][-1]
            if not breaks:
                prev_hard = False
            elif line[0].top - last.top > PAGE_OFFSET / 2:
                prev_hard = False  # the cell goes on after a page break
            elif soft_marked:
                prev_hard = not last.space_after and not last.text.endswith("-")
            else:
                prev_hard = _fits(lines[n - 1], line, width) and not last.text.endswith("-")
        if starts_bullet and n > 0 and not bulleted and line[0].text[:1] in _AMBIGUOUS_MARKS:
            # a dash (or '*', 'o') starts list items only where the list starts the cell
            # ("30 menit" / "- 1 jam" is a range wrapped before its dash); a bullet glyph
            # always does
            starts_bullet = False
            text = " ".join(w.text for w in line)
        if starts_bullet:
            bulleted = True
        if prev_hard and not bulleted and n + 1 < len(lines):
            # a hard break starts an item only where that item stands on its own line; a
            # run that goes on wrapping after it is one text the writer broke by hand
            tail = lines[n][-1]
            prev_hard = not (soft_marked and tail.space_after)
        if n > 0 and (starts_bullet or (prev_hard and not bulleted)):
            items.append(current)
            current = text
        else:
            current = join_line_texts(current, text)
    items.append(current)
    items = [i.strip() for i in items if i.strip()]
    if len(items) == 1:
        return items[0]
    return items


def read_table(pdf: Any) -> tuple[Table | None, list[PicturePage]]:
    """Read the procedure table of an open ``pdfplumber.PDF``.

    Returns the table (``None`` where there is none to read) and the pages whose table is a
    picture. Never raises on odd input: what could not be read becomes an Uncertain note.
    """
    pictures: list[PicturePage] = []
    notes: list[Uncertain] = []
    rows: list[Row] = []
    columns: dict[int, list[Column]] = {}
    pages: list[int] = []
    grid: _Grid | None = None
    actors: list[str] = []
    bands_by_row: list[list[tuple[int, dict[int, list[Word]]]]] = []
    soft_marked = False
    ident_text: set[int] = set()
    for index, page in enumerate(pdf.pages):
        try:
            geom = read_page(page, index)
            if _identity_words(geom):
                ident_text.add(index)
            header = _find_header(geom)
            page_grid: _Grid | None = None
            if header is not None:
                page_grid = _grid_from_header(geom, header[0], header[1], notes)
                if page_grid is not None and not actors:
                    actors = page_grid.titles
                elif page_grid is not None and page_grid.titles != actors:
                    notes.append(Uncertain("pelaksana", "import.note.actors_differ", {
                        "page": index + 1, "titles": ", ".join(page_grid.titles)}))
            elif grid is not None:
                page_grid = _grid_continued(geom, grid)
            if page_grid is None:
                if _picture(geom) and not rows:
                    pictures.append(PicturePage(index, "tabel"))
                continue
            grid = page_grid
            if header is not None and _picture(geom, page_grid.body_top):
                pictures.append(PicturePage(index, "tabel"))
                continue
            pages.append(index)
            columns[index] = [Column(grid.bounds[i], grid.bounds[i + 1]) for i in grid.actors]
            soft_marked = soft_marked or any(
                line[-1].space_after for line in lines_of(
                    [w for w in geom.words if w.cy > grid.body_top]))
            _read_rows(geom, grid, rows, bands_by_row, notes)
        except Exception as exc:  # a broken page must not stop the reading
            notes.append(Uncertain("pelaksana", "import.note.page_unreadable", {
                "page": index + 1, "error": type(exc).__name__}))
    pictures = _name_pictures(pictures, pages, ident_text)
    if not rows:
        if pictures or grid is None:
            return None, pictures
    merged: list[dict[int, list[Word]]] = []
    for bands in bands_by_row:
        cells: dict[int, list[Word]] = {}
        for _, byc in bands:
            for c, ws in byc.items():
                cells.setdefault(c, []).extend(ws)
        merged.append(cells)
    pad = _padding(merged, grid)
    for n, (row, cells) in enumerate(zip(rows, merged, strict=True), start=1):
        try:
            _fill(row, cells, grid, soft_marked, pad)
        except Exception as exc:  # one odd cell must not lose the table
            notes.append(Uncertain(f"langkah {n}", "import.note.step_text_unreadable",
                                   {"error": type(exc).__name__}))
    table = Table(actors=actors, columns=columns, rows=rows, pages=pages, notes=notes)
    _check(table)
    return table, pictures


_IDENTITY_WORDS = {"nomor", "tanggal", "pembuatan", "revisi", "efektif", "disahkan", "dasar",
                   "hukum", "kualifikasi", "keterkaitan", "peringatan", "pencatatan"}


def _identity_words(geom: PageGeom) -> bool:
    """Whether a page carries the identity sheet's labels as text."""
    return len({_norm(w.text) for w in geom.words} & _IDENTITY_WORDS) >= 4


def _name_pictures(pictures: list[PicturePage], pages: list[int],
                   ident_text: set[int]) -> list[PicturePage]:
    """A pictured page before the table's text is the identity sheet; with no table text at
    all, a first page without identity text pictures both."""
    out: list[PicturePage] = []
    first = min(pages) if pages else None
    for pic in pictures:
        if first is not None and pic.page < first:
            if pic.page not in ident_text:
                out.append(PicturePage(pic.page, "identitas"))
        elif first is None and pic.page == 0 and 0 not in ident_text:
            out.append(PicturePage(0, "identitas"))
            out.append(pic)
        else:
            out.append(pic)
    return out


def _padding(cells: list[dict[int, list[Word]]], grid: _Grid | None) -> float | None:
    """The cells' inner margin: the smallest gap between a Kegiatan cell's left ruling and its
    text (Kegiatan is written flush left; Mutu Baku cells are often centred)."""
    if grid is None or "kegiatan" not in grid.roles:
        return None
    i = grid.roles["kegiatan"]
    gaps = [min(w.x0 for w in c[i]) - grid.bounds[i] for c in cells if c.get(i)]
    gaps = [g for g in gaps if g >= 0]
    return min(min(gaps), 6.0) if gaps else None


def _fill(row: Row, cells: dict[int, list[Word]], grid: _Grid | None, soft: bool,
          pad: float | None = None) -> None:
    if grid is None:
        return
    for key in _TEXT_KEYS:
        if key in grid.roles:
            # words on later pages come after those above them: keep page order
            i = grid.roles[key]
            ws = cells.get(i, [])
            if key == "kegiatan":
                ws, question = _split_question(ws)
                row.tanya = question
            # a Kegiatan is one sentence: its lines never split into items but by bullets
            setattr(row, key, cell_text(ws, soft, grid.bounds[i], grid.bounds[i + 1], pad,
                                        breaks=key != "kegiatan"))


def _split_question(words: list[Word]) -> tuple[list[Word], str]:
    """A Kegiatan cell's trailing lines in italics under upright text: the decision's
    question, as soptool's own layout prints it."""
    lines = lines_of(words)
    n = len(lines)
    while n > 0 and all(w.italic for w in lines[n - 1]):
        n -= 1
    if n == len(lines) or n == 0:
        return words, ""
    question = _join_lines([w for line in lines[n:] for w in line])
    return [w for line in lines[:n] for w in line], question


def _read_rows(geom: PageGeom, grid: _Grid, rows: list[Row],
               bands_by_row: list[list[tuple[int, dict[int, list[Word]]]]],
               notes: list[Uncertain]) -> None:
    no_i = grid.roles["no"]
    no_cx = (grid.bounds[no_i] + grid.bounds[no_i + 1]) / 2
    ys = [y for y in geom.horizontal_at(no_cx, grid.body_top - 1) if y >= grid.body_top - 1]
    ys = _dedupe(ys)
    if not ys or ys[0] > grid.body_top + 2:
        ys.insert(0, grid.body_top)
    # the table's bottom: the lowest point of its outer verticals
    # (the one reaching up to the table's top: a box drawn lower on the page at the same x,
    # the identity sheet under the table, is no part of it)
    outer = [s.b for s in geom.vsegs if abs(s.pos - grid.left) <= 2 and s.b > ys[0]
             and s.a <= ys[0] + 3]
    bottom = max(outer) if outer else ys[-1]
    if not outer and len(ys) == 1:
        bottom = _text_bottom(geom, grid, ys[0])
    if outer:
        ys = [y for y in ys if y <= bottom + 2]
    if bottom > ys[-1] + 3:
        ys.append(bottom)
    body_words = [w for w in geom.words if grid.left <= w.cx <= grid.right
                  and ys[0] <= w.cy <= ys[-1]]
    # page offset so that words from later pages sort after earlier ones in one cell
    offset = geom.index * PAGE_OFFSET
    bands = [(top, bot) for top, bot in zip(ys, ys[1:], strict=False) if bot - top >= 2]
    bands, cut = _split_bands(bands, body_words, grid)
    # a text cell spanning several rows (no ruling across its column between them) belongs
    # to the first of them
    owner: dict[int, list[int]] = {}
    for key in _TEXT_KEYS:
        c = grid.roles.get(key)
        if c is None:
            continue
        cx = (grid.bounds[c] + grid.bounds[c + 1]) / 2
        rulings = geom.horizontal_at(cx)
        first = 0
        own: list[int] = []
        for b, (top, _) in enumerate(bands):
            if b == 0 or b in cut or any(abs(y - top) <= 2.5 for y in rulings):
                first = b
            own.append(first)
        owner[c] = own
    per_band: list[dict[int, list[Word]]] = [{} for _ in bands]
    spanned: dict[tuple[int, int], int] = {}  # (band, column) -> the band holding its text
    b = 0
    for w in sorted(body_words, key=lambda w: w.cy):
        while b < len(bands) and w.cy >= bands[b][1]:
            b += 1
        if b >= len(bands):
            break
        if w.cy < bands[b][0]:
            continue
        c = grid.column_of(w.cx)
        if c is None:
            continue
        target = owner[c][b] if c in owner else b
        if target != b:
            spanned[(b, c)] = target
        per_band[target].setdefault(c, []).append(
            replace(w, top=w.top + offset, bottom=w.bottom + offset))
    for c, own in owner.items():
        for band, first in enumerate(own):
            if first != band:
                spanned.setdefault((band, c), first)
    band_row: dict[int, int] = {}
    for band, (top, bot) in enumerate(bands):
        byc = per_band[band]
        no_words = byc.get(no_i, [])
        no_text = " ".join(w.text for w in sorted(no_words, key=lambda w: (w.top, w.x0)))
        all_words = [w for ws in byc.values() for w in ws]
        if all_words and all(_COLNUM.match(w.text) for w in all_words):
            continue  # the column-number row "(1) (2) ..."
        if _summary(geom, grid, top, bot, byc):
            continue  # the total row under the steps
        m = _NUMBER.match(no_text.strip())
        if m:
            rows.append(Row(number=m.group(1), spans=[Span(geom.index, top, bot)]))
            bands_by_row.append([(geom.index, byc)])
            band_row[band] = len(rows)
        elif rows:
            band_row[band] = len(rows)
            last = rows[-1]
            if last.spans[-1].page == geom.index and abs(last.spans[-1].bottom - top) <= 3:
                last.spans[-1].bottom = bot
            else:
                last.spans.append(Span(geom.index, top, bot))
            bands_by_row[-1].append((geom.index, byc))
            if no_text:
                notes.append(Uncertain(f"langkah {len(rows)}", "import.note.number_unreadable",
                                       {"number": no_text}))
        elif all_words:
            notes.append(Uncertain("langkah 1", "import.note.text_above_first"))
    names = {grid.roles[k]: k for k in _TEXT_KEYS if k in grid.roles}
    seen: set[tuple[int, int]] = set()
    for (band, c), first in sorted(spanned.items()):
        row, holder = band_row.get(band), band_row.get(first)
        if row is None or holder is None or row == holder or (row, c) in seen:
            continue
        seen.add((row, c))
        label = names[c].capitalize()
        notes.append(Uncertain(f"langkah {row}", "import.note.merged_cell",
                               {"label": label, "step": row, "holder": holder}, names[c]))


def _text_bottom(geom: PageGeom, grid: _Grid, top: float) -> float:
    """Where a table with no closing ruling ends: after its last text line, before a gap
    of several lines (the page's footer stands apart)."""
    lines = lines_of([w for w in geom.words if w.cy > top and grid.left <= w.cx <= grid.right])
    bottom = top
    for line in lines:
        height = max(w.bottom - w.top for w in line)
        if line[0].top - bottom > 4 * height and bottom > top:
            break
        bottom = max(bottom, max(w.bottom for w in line))
    return bottom + 2


def _split_bands(bands: list[tuple[float, float]], words: list[Word],
                 grid: _Grid) -> tuple[list[tuple[float, float]], set[int]]:
    """Rows with no ruling between them: a band whose No cell holds several step numbers is
    cut in the widest gap between text lines between each two numbers. Returns the bands
    and the indices of those that start at such a cut."""
    no_i = grid.roles["no"]
    out: list[tuple[float, float]] = []
    cut: set[int] = set()
    for top, bot in bands:
        inside = [w for w in words if top <= w.cy < bot]
        numbers = [line for line in lines_of([w for w in inside if grid.column_of(w.cx) == no_i])
                   if _NUMBER.match(" ".join(w.text for w in line))]
        if len(numbers) < 2:
            out.append((top, bot))
            continue
        lines = lines_of([w for w in inside if grid.column_of(w.cx) != no_i])
        cuts: list[float] = []
        for a, b in zip(numbers, numbers[1:], strict=False):
            lo, hi = a[0].cy, b[0].top
            edges = sorted((min(w.top for w in ln), max(w.bottom for w in ln)) for ln in lines)
            best = ((a[0].bottom + b[0].top) / 2, -1.0)
            last_bottom = a[0].bottom
            for t, bt in edges:
                if t <= lo:
                    last_bottom = max(last_bottom, bt)
                    continue
                if t > hi:
                    break
                gap = t - last_bottom
                if gap > best[1]:
                    best = ((t + last_bottom) / 2, gap)
                last_bottom = max(last_bottom, bt)
            if hi - last_bottom > best[1]:
                best = ((hi + last_bottom) / 2, hi - last_bottom)
            cuts.append(best[0])
        edges_y = [top, *cuts, bot]
        cut.update(range(len(out) + 1, len(out) + len(edges_y) - 1))
        out.extend(zip(edges_y, edges_y[1:], strict=False))
    return out, cut


def _summary(geom: PageGeom, grid: _Grid, top: float, bot: float,
             byc: dict[int, list[Word]]) -> bool:
    """A band that is no step: a total row ("Jumlah waktu kerja") whose label runs over the
    No and Kegiatan columns (no ruling between them), or whose Kegiatan says so with no No."""
    no_i = grid.roles["no"]
    if byc.get(no_i):
        return False
    mid = (top + bot) / 2
    xs = geom.vertical_at(mid)
    at_left = any(abs(x - grid.left) <= 3 for x in xs)
    split = any(abs(x - grid.bounds[no_i + 1]) <= 3 for x in xs)
    if at_left and not split and any(byc.values()):
        return True
    keg = byc.get(grid.roles.get("kegiatan", -1), [])
    first = _join_lines(keg).lower()
    return first.startswith(("jumlah waktu", "total waktu", "jumlah "))


def _check(table: Table) -> None:
    for n, row in enumerate(table.rows, start=1):
        where = f"langkah {n}"
        if row.number != str(n):
            table.notes.append(Uncertain(where, "import.note.numbered",
                                         {"n": n, "number": row.number}))
        if not row.kegiatan:
            table.notes.append(Uncertain(where, "import.note.kegiatan_empty", key="kegiatan"))
        noted = any(x.where == where and x.key == "waktu" for x in table.notes)
        if not row.waktu and not noted:
            table.notes.append(Uncertain(where, "import.note.waktu_empty", {"step": n},
                                         "waktu"))
