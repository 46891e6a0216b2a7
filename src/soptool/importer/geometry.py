"""Page geometry shared by the text readers: ruling segments and words, read once per page.

Rulings come from every kind of drawn object: thin rectangles (filled or stroked), the four
edges of larger rectangles, lines, and the axis-aligned pieces of curves and paths (some PDFs
draw their grid as one path per cell). Segments on the same x (or y) that touch or overlap are
merged, so a ruling drawn in pieces reads as one.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

THIN = 3.0  # a rectangle thinner than this (points) is a ruling line
ALIGN = 1.5  # two rulings this close on their axis are one
GAP = 4.0  # pieces of one ruling (dashes, cells drawn one by one) may leave a gap this wide


@dataclass
class Seg:
    """An axis-aligned ruling: ``pos`` is x for a vertical one, y (top) for a horizontal one;
    it runs from ``a`` to ``b`` along the other axis."""

    pos: float
    a: float
    b: float

    def covers(self, v: float, tol: float = 1.0) -> bool:
        """Whether the ruling reaches ``v`` along its length."""
        return self.a - tol <= v <= self.b + tol


@dataclass
class Word:
    """A printed word (pdfplumber coordinates)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    space_after: bool = False  # a space character follows the word on its line
    italic: bool = False

    @property
    def cx(self) -> float:
        """The middle, across."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """The middle, down."""
        return (self.top + self.bottom) / 2


@dataclass
class PageGeom:
    """One page read once: its words, its rulings and its pictures."""

    index: int
    width: float
    height: float
    words: list[Word]
    vsegs: list[Seg]
    hsegs: list[Seg]
    images: list[tuple[float, float, float, float]] = field(default_factory=list)

    def vertical_at(self, y: float, x0: float = -1e9, x1: float = 1e9) -> list[float]:
        """x of the vertical rulings crossing height ``y`` between ``x0`` and ``x1``."""
        return sorted(s.pos for s in self.vsegs if s.covers(y) and x0 - 2 <= s.pos <= x1 + 2)

    def horizontal_at(self, x: float, y0: float = -1e9, y1: float = 1e9) -> list[float]:
        """y of the horizontal rulings crossing ``x`` between ``y0`` and ``y1``."""
        return sorted(s.pos for s in self.hsegs if s.covers(x) and y0 - 2 <= s.pos <= y1 + 2)


def _merge(raw: list[tuple[float, float, float]]) -> list[Seg]:
    raw.sort()
    groups: list[list[tuple[float, float, float]]] = []
    for item in raw:
        if groups and item[0] - groups[-1][-1][0] <= ALIGN:
            groups[-1].append(item)
        else:
            groups.append([item])
    out: list[Seg] = []
    for g in groups:
        pos = sum(i[0] for i in g) / len(g)
        spans = sorted((i[1], i[2]) for i in g)
        a, b = spans[0]
        for s0, s1 in spans[1:]:
            if s0 <= b + GAP:
                b = max(b, s1)
            else:
                out.append(Seg(pos, a, b))
                a, b = s0, s1
        out.append(Seg(pos, a, b))
    return out


def _white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False  # a pattern or a named colour: take it as visible
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.05 for v in values)
    return bool(values) and all(v >= 0.95 for v in values)


def _visible(obj: dict[str, Any]) -> bool:
    """Whether a drawn object shows: stroked in a colour that is not white, or filled so.
    Word processors put white boxes behind text; those are no rulings."""
    if obj.get("object_type") == "line":
        return not _white(obj.get("stroking_color"))
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))


def _stroked(obj: dict[str, Any]) -> bool:
    return bool(obj.get("stroke")) and not _white(obj.get("stroking_color"))


def _segments(page: Any) -> tuple[list[Seg], list[Seg]]:
    vert: list[tuple[float, float, float]] = []
    hor: list[tuple[float, float, float]] = []

    def box(x0: float, top: float, x1: float, bottom: float, stroked: bool = True) -> None:
        w, h = x1 - x0, bottom - top
        if w <= THIN and h <= THIN:
            return
        if not stroked and w > THIN and h > THIN:
            return  # a filled area (cell shading, a box behind text): no ruling
        if w <= THIN:
            vert.append(((x0 + x1) / 2, top, bottom))
        elif h <= THIN:
            hor.append(((top + bottom) / 2, x0, x1))
        else:
            vert.extend([(x0, top, bottom), (x1, top, bottom)])
            hor.extend([(top, x0, x1), (bottom, x0, x1)])

    def poly(pts: list[tuple[float, float]]) -> None:
        for (xa, ya), (xb, yb) in zip(pts, pts[1:], strict=False):
            if abs(xa - xb) <= 0.6 and abs(ya - yb) > THIN:
                vert.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))
            elif abs(ya - yb) <= 0.6 and abs(xa - xb) > THIN:
                hor.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))

    for r in page.rects:
        if _visible(r):
            box(r["x0"], r["top"], r["x1"], r["bottom"], _stroked(r))
    for obj in list(page.lines) + list(page.curves):
        if not _visible(obj):
            continue
        pts = [(float(p[0]), float(p[1])) for p in obj.get("pts") or []]
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if (w <= THIN) != (h <= THIN):  # a thin filled shape or a straight line
            box(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        elif len(pts) >= 2 and (obj.get("object_type") == "line" or _stroked(obj)):
            poly(pts)
    return _merge(vert), _merge(hor)


def _words(page: Any) -> list[Word]:
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                             extra_attrs=["fontname"])
    # spaces, binned by line, to see which words a space follows (a soft wrap in vector PDFs)
    spaces: dict[int, list[float]] = {}
    for c in page.chars:
        if c["text"] == " ":
            spaces.setdefault(round(c["top"]), []).append(c["x0"])
    out: list[Word] = []
    for w in raw:
        text = w["text"]
        if not text.strip():
            continue
        after = False
        key = round(w["top"])
        for k in (key - 1, key, key + 1):
            if any(abs(x - w["x1"]) <= 1.0 for x in spaces.get(k, ())):
                after = True
                break
        font = str(w.get("fontname") or "").lower()
        italic = "italic" in font or "oblique" in font
        out.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"], after, italic))
    return out


_CACHE: weakref.WeakKeyDictionary[Any, PageGeom] = weakref.WeakKeyDictionary()


def read_page(page: Any, index: int) -> PageGeom:
    """Read a pdfplumber page's words and drawn objects once (kept while the page lives,
    so the identity and table readers share one reading)."""
    try:
        cached = _CACHE.get(page)
    except TypeError:
        cached = None
    if cached is not None and cached.index == index:
        return cached
    vsegs, hsegs = _segments(page)
    images = [(im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images]
    geom = PageGeom(index, float(page.width), float(page.height), _words(page), vsegs, hsegs,
                    images)
    try:
        _CACHE[page] = geom
    except TypeError:
        pass
    return geom


def lines_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom, each left to right."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if out:
            last = out[-1]
            ref = sum(x.cy for x in last) / len(last)
            height = max(x.bottom - x.top for x in last)
            if abs(w.cy - ref) <= max(2.0, 0.45 * height):
                last.append(w)
                continue
        out.append([w])
    for line in out:
        line.sort(key=lambda w: w.x0)
    return out


BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u25a0\u2013\u2014\uf0b7\uf0a7\uf0d8\u27a2\u00b7\-\*o]$")


def join_line_texts(a: str, b: str) -> str:
    """Two wrapped lines as one text: a space between them, or, where the first ends with a
    hyphen that splits a word (a lower-case letter either side), nothing (hyphen dropped); a
    hyphen that belongs to a term (SPH-TBF, masing-masing) is kept, without a space."""
    if not a:
        return b
    if not b:
        return a
    if a.endswith("-") and len(a) >= 2 and a[-2].isalpha():
        head = re.split(r"[\s-]", a[:-1])[-1]
        tail = re.split(r"[\s-]", b)[0]
        if a[-2].islower() and b[:1].islower() and head.lower() != tail.lower().strip(".,;:"):
            return a[:-1] + b
        return a + b
    return a + " " + b
