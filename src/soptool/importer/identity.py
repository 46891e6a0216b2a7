"""The identity sheet: the instansi heading, the labelled fields (Nomor, Tanggal, Disahkan
oleh, Nama SOP) and the boxes (Dasar Hukum ... Pencatatan dan Pendataan).

Labels are found by their words; a field's value is read from the cell to the label's right
(found from the rulings, or from the label's line where the sheet has no rulings there), a
box's items from the region under its title down to the next title (or the procedure table),
split into the sheet's own text columns where a box prints its list in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from soptool.importer.geometry import (
    BULLET,
    PageGeom,
    Seg,
    Word,
    join_line_texts,
    lines_of,
    read_page,
)
from soptool.importer.reading import Identity, Uncertain

# label word sequences (normalised: lower case letters only); the first match wins
_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "nomor": (("nomor", "sop"), ("no", "sop"), ("nomor",)),
    "tanggal.pembuatan": (("tanggal", "pembuatan"), ("tgl", "pembuatan")),
    "tanggal.revisi": (("tanggal", "revisi"), ("tgl", "revisi")),
    "tanggal.efektif": (("tanggal", "efektif"), ("tgl", "efektif"), ("tanggal", "berlaku")),
    "disahkan": (("disahkan", "oleh"), ("disahkan",)),
    "nama": (("nama", "sop"), ("judul", "sop")),
}
_BOXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "dasar_hukum": (("dasar", "hukum"),),
    "kualifikasi_pelaksana": (("kualifikasi", "pelaksana"), ("kualifikasi", "pelaksanaan"),
                              ("kualifikasi",)),
    "keterkaitan": (("keterkaitan",),),
    "peralatan": (("peralatanperlengkapan",), ("peralatan", "perlengkapan"), ("peralatan",),
                  ("perlengkapan",)),
    "peringatan": (("peringatan",),),
    "pencatatan": (("pencatatan", "dan", "pendataan"), ("pencatatan", "dan"),
                   ("pencatatan",)),
    "tujuan": (("maksud", "dan", "tujuan"), ("tujuan",)),
}
_MARK = re.compile(r"^(?:\(?\d{1,2}[.),]\)?|\(?[a-z][.)]|[ivx]{1,4}[.)])$", re.IGNORECASE)
_GLUED_MARK = re.compile(r"^(\d{1,2}[.)])(?=[A-Za-z(])")
_NIP = re.compile(r"^nip\.?:?$", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@dataclass
class _Label:
    key: str
    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _find_labels(geom: PageGeom, table_top: float) -> dict[str, _Label]:
    found: dict[str, _Label] = {}
    lines = lines_of([w for w in geom.words if w.cy < table_top])
    used: set[int] = set()
    for table_, boxes in ((_FIELDS, False), (_BOXES, True)):
        for key, patterns in table_.items():
            best: _Label | None = None
            for pattern in patterns:
                for line in lines:
                    norms = [_norm(w.text) for w in line]
                    for i in range(len(line) - len(pattern) + 1):
                        if id(line[i]) in used:
                            continue
                        if tuple(norms[i:i + len(pattern)]) != pattern:
                            continue
                        # a box title starts its cell's text; a field label too
                        if i > 0 and line[i].x0 - line[i - 1].x1 < 8:
                            continue
                        if boxes and key == "tujuan" and pattern == ("tujuan",):
                            # a lone "Tujuan" is a title only where it ends with ':'
                            if not line[i].text.rstrip().endswith(":"):
                                continue
                        cand = _Label(key, line[i:i + len(pattern)])
                        if best is None or (cand.top, cand.x0) < (best.top, best.x0):
                            best = cand
                if best is None and len(pattern) > 1:
                    best = _two_line_label(key, pattern, lines, used)
                if best is not None:
                    break
            if best is not None:
                found[key] = best
                used.update(id(w) for w in best.words)
    return found


def _runs(line: list[Word]) -> list[list[Word]]:
    """A line's words in runs: a gap wider than a few spaces separates cells' texts."""
    out: list[list[Word]] = []
    for w in line:
        if out and w.x0 - out[-1][-1].x1 <= 12:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _two_line_label(key: str, pattern: tuple[str, ...], lines: list[list[Word]],
                    used: set[int]) -> _Label | None:
    """A label wrapped in its cell: its words end one line's run and start the next line's
    run standing under it ("Tanggal" / "Pembuatan")."""
    pairs = []
    for n, a in enumerate(lines):
        height = max(w.bottom - w.top for w in a)
        for b in lines[n + 1:n + 4]:  # lines of other cells may stand between
            if min(w.top for w in b) - max(w.bottom for w in a) <= 0.8 * height:
                pairs.append((a, b))
    for a, b in pairs:
        for ra in _runs(a):
            for rb in _runs(b):
                if rb[0].x0 > ra[-1].x1 + 5 or rb[-1].x1 < ra[0].x0 - 5:
                    continue
                for k in range(1, len(pattern)):
                    head, tail = pattern[:k], pattern[k:]
                    if len(ra) < k or len(rb) < len(tail):
                        continue
                    if tuple(_norm(w.text) for w in ra[-k:]) != head:
                        continue
                    if tuple(_norm(w.text) for w in rb[:len(tail)]) != tail:
                        continue
                    words = ra[-k:] + rb[:len(tail)]
                    if len(ra) > k or any(id(w) in used for w in words):
                        continue  # the label starts its run
                    return _Label(key, words)
    return None


def _cell_right(geom: PageGeom, label: _Label) -> tuple[float, float]:
    """The x-range right of a field label: from the ruling after the label (or the label's
    end, where the value shares the label's cell: "Nomor SOP : ...") to the next ruling (or
    the page's right edge)."""
    xs = geom.vertical_at(label.cy)
    after = [x for x in xs if x >= label.x1 - 1]
    same_line = [w for w in geom.words if w.x0 > label.x1 and abs(w.cy - label.cy) <= 3]
    first = min((w.x0 for w in same_line), default=None)
    if after and first is not None and first < after[0]:
        return label.x1, after[0]
    start = after[0] if after else label.x1
    end_candidates = [x for x in after if x > start + 20]
    end = end_candidates[0] if end_candidates else geom.width
    return start, end


def _value_words(geom: PageGeom, label: _Label, labels: dict[str, _Label],
                 multi: bool, table_top: float) -> list[Word]:
    x0, x1 = _cell_right(geom, label)
    cx = None
    line_words = [w for w in geom.words if x0 - 1 <= w.x0 and w.x1 <= x1 + 1
                  and abs(w.cy - label.cy) <= max(3.0, 0.5 * (label.bottom - label.top))
                  and w.x0 >= label.x1 - 1 and w not in label.words]
    line_words = [w for w in line_words if w.text not in (":",)]
    if line_words:
        cx = line_words[0].cx
    # the cell's vertical extent: rulings above and below the label across the value cell
    probe = cx if cx is not None else (x0 + min(x1, x0 + 60)) / 2
    hs = geom.horizontal_at(probe)
    above = [y for y in hs if y <= label.top + 1]
    below = [y for y in hs if y >= label.bottom - 1]
    top = above[-1] if above else label.top - 1
    bottom = below[0] if below else table_top
    # other labels in the same column bound the value too
    for other in labels.values():
        if other is label or other.x0 > label.x1 or other.x1 < label.x0:
            continue
        if other.top > label.bottom - 1:
            bottom = min(bottom, other.top - 0.5)
        elif other.bottom < label.top + 1 and other.bottom > top:
            # no ruling between the label above and this one: the value starts on this
            # label's line (what stands above belongs to the label above)
            top = label.top - 1
    if not multi:
        bottom = min(bottom, label.bottom + 0.6 * (label.bottom - label.top) + 2) \
            if not (above and below) else bottom
        top = max(top, label.top - 0.6 * (label.bottom - label.top) - 2) \
            if not (above and below) else top
    words = [w for w in geom.words if x0 - 1 <= w.x0 and w.x1 <= x1 + 1 and top <= w.cy <= bottom
             and w not in label.words and not (w.text == ":" and w.x0 < (cx or 1e9))]
    if words and words[0].text.startswith(":") and len(words[0].text) > 1:
        first = words[0]
        words[0] = Word(first.text[1:], first.x0, first.x1, first.top, first.bottom,
                        first.space_after, first.italic)
    return words


def _text(words: list[Word]) -> str:
    out = ""
    for line in lines_of(words):
        out = join_line_texts(out, " ".join(w.text for w in line))
    return re.sub(r"\s+", " ", out).strip(" :")


def _read_disahkan(geom: PageGeom, label: _Label, labels: dict[str, _Label],
                   table_top: float) -> dict[str, str]:
    words = _value_words(geom, label, labels, True, table_top)
    out: dict[str, str] = {}
    lines = lines_of(words)
    nip_line = None
    for n, line in enumerate(lines):
        if _NIP.match(line[0].text) or line[0].text.lower().startswith("nip"):
            digits = re.sub(r"\D", "", " ".join(w.text for w in line))
            if digits:
                out["nip"] = digits
                nip_line = n
                break
    rest = lines[:nip_line] if nip_line is not None else lines
    if not rest:
        return out
    # jabatan above the signature's picture (or the gap it leaves), nama under it
    gaps = [(rest[i + 1][0].top - rest[i][0].bottom, i) for i in range(len(rest) - 1)]
    height = max(w.bottom - w.top for w in rest[0])
    split = None
    if gaps:
        widest, at = max(gaps)
        if widest > 2.5 * height:
            split = at
    if split is None:
        if len(rest) == 1:
            out["jabatan"] = _text(rest[0])
            return out
        split = len(rest) - 2
    out["jabatan"] = _text([w for line in rest[:split + 1] for w in line])
    nama = _text([w for line in rest[split + 1:] for w in line])
    if nama:
        out["nama"] = nama
    return out


def _box_region(geom: PageGeom, label: _Label, labels: dict[str, _Label],
                table_top: float) -> tuple[float, float, float, float]:
    xs = geom.vertical_at(label.cy)
    left = [x for x in xs if x <= label.x0 + 1]
    right = [x for x in xs if x >= label.x1 - 1]
    x0 = left[-1] if left else 0.0
    x1 = right[0] if right else geom.width
    if not right or not left:
        # no rulings: a box ends where the title beside it begins (titles stand flush left)
        beside = [o for o in labels.values() if o is not label and abs(o.cy - label.cy) < 6]
        if not left and any(o.x1 < label.x0 for o in beside):
            x0 = label.x0 - 4
        for o in beside:
            if o.x0 > label.x1:
                x1 = min(x1, o.x0 - 4)
    top = label.bottom - 0.5
    bottom = table_top
    for o in labels.values():
        if o is label or o.top <= label.bottom:
            continue
        if o.x0 < x1 - 2 and o.x1 > x0 + 2:
            bottom = min(bottom, o.top - 0.5)
    cx = (x0 + x1) / 2
    hs = [y for y in geom.horizontal_at(cx) if label.bottom + 1 < y < bottom]
    if bottom >= table_top and hs:
        inside = [w for w in geom.words if x0 <= w.cx <= x1 and label.bottom < w.cy]
        # the title's own ruling right under it does not close the box
        for y in hs:
            if any(w.cy < y for w in inside) or y > label.bottom + 12:
                bottom = min(bottom, y)
                break
    return x0, top, x1, bottom


def _columns(words: list[Word], x0: float, x1: float) -> list[list[Word]]:
    """A box's words split into its own text columns: where list numbers stand at two or
    more places across, each starts a column."""
    lines = lines_of(words)
    marks: list[float] = []
    for line in lines:
        for i, w in enumerate(line):
            if _MARK.match(w.text) or _GLUED_MARK.match(w.text):
                if i == 0 or w.x0 - line[i - 1].x1 > 15:
                    marks.append(w.x0)
    starts: list[float] = []
    for m in sorted(marks):
        if not starts or m - starts[-1] > 40:
            starts.append(m)
    if len(starts) < 2:
        return [words]
    # a column only where it starts away from the first one, with marks beyond the first
    cuts = [s - 2 for s in starts[1:]]
    cols: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for w in words:
        k = sum(1 for c in cuts if w.x0 >= c)
        cols[k].append(w)
    # a "column" whose lines all run on from the left one is not one: keep it only if
    # every one of its lines starts at its mark's x
    return [c for c in cols if c]


def _items(words: list[Word], soft_marked: bool) -> list[str]:
    lines = lines_of(words)
    items: list[str] = []
    current: str | None = None
    pending = False  # a number printed alone on its line, its text just below
    marked = False
    for n, line in enumerate(lines):
        texts = [w.text for w in line]
        mark = False
        if _MARK.match(texts[0]) or BULLET.match(texts[0]):
            if len(texts) == 1:
                if current is not None:
                    items.append(current)
                current = None
                pending = True
                marked = True
                continue
            texts = texts[1:]
            mark = True
        else:
            m = _GLUED_MARK.match(texts[0])
            if m:
                texts[0] = texts[0][m.end():]
                mark = True
            elif texts[0][:1] in "\u2022\u25cf\u25aa\uf0b7\uf0a7\u27a2" and len(texts[0]) > 1:
                texts[0] = texts[0][1:]
                mark = True
        text = " ".join(texts)
        if pending:
            current = text
            pending = False
            continue
        if mark:
            marked = True
            if current is not None:
                items.append(current)
            current = text
            continue
        if current is None:
            current = text
            continue
        prev = lines[n - 1][-1]
        hard = (not marked and soft_marked and not prev.space_after
                and not prev.text.endswith("-"))
        if hard:
            items.append(current)
            current = text
        else:
            current = join_line_texts(current, text)
    if current is not None:
        items.append(current)
    items = [re.sub(r"\s+", " ", i).strip() for i in items]
    items = [i for i in items if i]
    if items == ["-"] or all(re.fullmatch(r"[-\u2013\u2014.]+", i) for i in items):
        return []
    return items


def _instansi(geom: PageGeom, labels: dict[str, _Label], table_top: float) -> list[str]:
    fields = [labels[k] for k in _FIELDS if k in labels]
    if not fields:
        return []
    right = min(f.x0 for f in fields)
    xs = [x for x in geom.vertical_at(fields[0].cy) if x < right - 1]
    if xs:
        right = xs[-1]
    boxes = [labels[k] for k in _BOXES if k in labels]
    bottom = min([b.top for b in boxes] + [table_top])
    top_rul = geom.horizontal_at(right / 2, 0, fields[0].top + 2)
    top = top_rul[0] if top_rul else 0.0
    words = [w for w in geom.words if w.x1 <= right + 1 and top <= w.cy < bottom]
    # the heading's own cell: below its ruling, above the first box's ruling
    hs = [y for y in geom.horizontal_at(right / 2) if top + 5 < y < bottom]
    if hs:
        words = [w for w in words if w.cy < hs[0]]
    lines = [ln for ln in lines_of(words) if any(ch.isalpha() for w in ln for ch in w.text)]
    if not lines:
        return []
    mid = sum(w.cy for w in lines[0]) / len(lines[0])
    left_rul = [x for x in geom.vertical_at(mid) if x < min(w.x0 for ln in lines for w in ln)]
    left = left_rul[-1] if left_rul else min(w.x0 for ln in lines for w in ln) - 2
    pad = min(12.0, min(ln[0].x0 - left for ln in lines), min(right - ln[-1].x1 for ln in lines))
    inner = right - left - 2 * max(pad, 0.0)
    out: list[str] = []
    prev: list[Word] | None = None
    prev_gap = None
    for line in lines:
        text = " ".join(w.text for w in line)
        gap = line[0].top - max(w.bottom for w in prev) if prev is not None else None
        # a heading line that wrapped: closer under the line before than the heading's lines
        # stand apart, and its first word would not have fitted on that line
        wraps = False
        if prev is not None and gap is not None and prev_gap is not None:
            used = prev[-1].x1 - prev[0].x0
            fits = used + 3 + (line[0].x1 - line[0].x0) <= inner
            wraps = gap < prev_gap - 1.0 and not fits
        if wraps:
            out[-1] = join_line_texts(out[-1], text)
        else:
            out.append(text)
            if gap is not None:
                prev_gap = gap
        prev = line
    return out


def read_identity(pdf: Any) -> Identity:
    """Read the identity sheet of an open ``pdfplumber.PDF`` (never raises: what cannot be
    read is left out with an Uncertain note)."""
    ident = Identity()
    try:
        _read(pdf, ident)
    except Exception as exc:  # odd input must not stop the import
        ident.notes.append(Uncertain("nomor", "import.note.identity_unreadable",
                                     {"error": type(exc).__name__}))
    return ident


def _table_span(geom: PageGeom) -> tuple[float, float]:
    """Where the procedure table stands on the page, top to bottom (the page's height twice
    where it has none)."""
    from soptool.importer.table import _find_header

    header = _find_header(geom)
    if header is None:
        return geom.height, geom.height
    no = header[0]
    above = [y for y in geom.horizontal_at(no.cx, 0, no.top) if y <= no.top + 1]
    top = above[-1] if above else no.top - 2
    left = [v for v in geom.vsegs if v.pos <= no.x0 + 1 and v.a <= top + 3 and v.b > no.bottom]
    bottom = max(v.b for v in left) if left else geom.height
    return top, bottom


def _below(geom: PageGeom, y: float) -> PageGeom:
    """The part of a page under ``y``: an identity sheet printed after the table."""
    return PageGeom(geom.index, geom.width, geom.height,
                    [w for w in geom.words if w.top > y],
                    [Seg(v.pos, max(v.a, y), v.b) for v in geom.vsegs if v.b > y + 1],
                    [h for h in geom.hsegs if h.pos > y + 1],
                    [i for i in geom.images if i[3] > y])


_TITLE_TAILS = {"pendataan", "perlengkapan", "pelaksana", "pelaksanaan", "hukum", "tujuan"}


def _drop_title_tail(words: list[Word], label: _Label) -> list[Word]:
    lines = lines_of(words)
    if not lines:
        return words
    first = lines[0]
    height = label.bottom - label.top
    if (first[0].top - label.bottom < 1.5 * height
            and all(_norm(w.text) in _TITLE_TAILS or w.text == ":" for w in first)):
        return [w for line in lines[1:] for w in line]
    return words


def _box_items(geom: PageGeom, words: list[Word], x0: float, x1: float,
               soft: bool) -> tuple[list[str], bool]:
    """A box's items, and whether its first line starts an item (a number or a mark)."""
    items: list[str] = []
    first_marked = True
    for n, col in enumerate(_columns(words, x0, x1)):
        got = _items(col, soft)
        if n == 0 and col:
            head = lines_of(col)[0][0].text
            first_marked = bool(_MARK.match(head) or BULLET.match(head)
                                or _GLUED_MARK.match(head))
        items.extend(got)
    return items, first_marked


def _continue_boxes(geom: PageGeom, ident: Identity, open_boxes: dict[str, tuple[float, float]],
                    labels: dict[str, _Label], table_top: float, soft: bool) -> None:
    """Boxes that ran off the previous page go on at the top of this one, in the same
    place across, down to the first title below (or the table, or the last ruling)."""
    for key, (x0, x1) in open_boxes.items():
        cx = (x0 + x1) / 2
        hs = geom.horizontal_at(cx)
        bottom = table_top
        for o in labels.values():
            if o.x0 < x1 - 2 and o.x1 > x0 + 2:
                bottom = min(bottom, o.top - 0.5)
        inside = [y for y in hs if y < bottom - 1]
        # the box's sides go on from the top of this page (a box cut by the page break has
        # no ruling over it)
        sides = [v for v in geom.vsegs if (abs(v.pos - x0) <= 3 or abs(v.pos - x1) <= 3)
                 and v.a < bottom]
        side_top = min((v.a for v in sides), default=None)
        if side_top is not None and (not inside or side_top < inside[0] - 1):
            top = side_top - 1
        elif inside:
            top = inside[0]
        else:
            continue  # no box drawn here: the box ended with the page before
        if len(inside) >= 2 and bottom >= table_top:
            bottom = min(bottom, inside[-1])
        words = [w for w in geom.words if x0 <= w.cx <= x1 and top < w.cy < bottom]
        if not words:
            continue
        items, first_marked = _box_items(geom, words, x0, x1, soft)
        have = ident.boxes.setdefault(key, [])
        if items and have and not first_marked:
            have[-1] = join_line_texts(have[-1], items.pop(0))
        have.extend(items)


def _pictured(geom: PageGeom) -> bool:
    """A page that is mostly one picture with hardly any text."""
    for x0, top, x1, bottom in geom.images:
        if (x1 - x0) * (bottom - top) >= 0.3 * geom.width * geom.height:
            return len(geom.words) < 30
    return False


def _read(pdf: Any, ident: Identity) -> None:
    pages = list(pdf.pages)
    open_boxes: dict[str, tuple[float, float]] = {}
    for index, page in enumerate(pages[:6]):
        geom = read_page(page, index)
        table_top, table_bottom = _table_span(geom)
        labels = _find_labels(geom, table_top)
        if len(labels) < 3 and table_bottom < geom.height:
            # the identity sheet may follow the table on its page
            geom = _below(geom, table_bottom)
            table_top = geom.height
            labels = _find_labels(geom, table_top)
        if not ident.pages and len(labels) < 3:
            continue
        if ident.pages and not open_boxes and not any(k in _BOXES for k in labels):
            break
        ident.pages.append(index)
        soft = any(line[-1].space_after for line in lines_of(geom.words))
        if open_boxes:
            _continue_boxes(geom, ident, open_boxes, labels, table_top, soft)
        open_boxes = {}
        if not ident.instansi:
            ident.instansi = _instansi(geom, labels, table_top)
        for key in _FIELDS:
            if key not in labels or key == "disahkan" or key in ident.boxes:
                continue
            words = _value_words(geom, labels[key], labels, key == "nama", table_top)
            value = _text(words)
            if key.startswith("tanggal."):
                if value:
                    ident.tanggal.setdefault(key.split(".")[1], value)
            elif value and getattr(ident, key) is None:
                setattr(ident, key, value)
        if "disahkan" in labels and not ident.disahkan_oleh:
            ident.disahkan_oleh = _read_disahkan(geom, labels["disahkan"], labels, table_top)
        for key in _BOXES:
            if key not in labels or key in ident.boxes:
                continue
            label = labels[key]
            x0, top, x1, bottom = _box_region(geom, label, labels, table_top)
            words = [w for w in geom.words if x0 <= w.cx <= x1 and top < w.cy < bottom
                     and w not in label.words]
            # the title's own trailing ':', and the rest of a title wrapped onto the next
            # line ("PENCATATAN DAN" / "PENDATAAN:")
            words = [w for w in words if not (abs(w.cy - label.cy) < 2 and w.text == ":")]
            words = _drop_title_tail(words, label)
            ident.boxes[key], _ = _box_items(geom, words, x0, x1, soft)
            closed = any(o is not label and o.top > label.bottom and o.x0 < x1 - 2
                         and o.x1 > x0 + 2 for o in labels.values())
            if not closed and table_top >= geom.height:
                open_boxes[key] = (x0, x1)
        if table_top < geom.height:
            break  # the procedure table starts here: the identity ends above it
    if not ident.pages:
        if pages and _pictured(read_page(pages[0], 0)):
            ident.notes.append(Uncertain("nomor", "import.note.identity_picture"))
        else:
            ident.notes.append(Uncertain("nomor", "import.note.identity_missing"))
        return
    for key, what in (("nomor", "Nomor SOP"), ("nama", "Nama SOP")):
        if getattr(ident, key) is None:
            ident.notes.append(Uncertain(key, "import.note.field_unread", {"label": what}))
    for key in ("pembuatan", "revisi", "efektif"):
        if key not in ident.tanggal:
            ident.notes.append(Uncertain(f"tanggal.{key}", "import.note.field_unread",
                                         {"label": f"Tanggal {key.capitalize()}"}))
    if "jabatan" not in ident.disahkan_oleh:
        ident.notes.append(Uncertain("disahkan_oleh", "import.note.signer_unread"))
