"""The flowchart drawn in the actor columns, read back as a flow per table row.

The drawing is read by geometry only (pdfplumber's rects, lines and curves, in page points):

* symbols: closed outlines, classified by where their outline runs past the corners and the
  edge midpoints of their bounding box (rectangle, capsule, diamond, off-page pentagon,
  circle, document shape with a wavy bottom). Filled outlines (Word draws a ring: an outer
  and an inner outline, both filled) give nested outlines, of which the outer one is kept.
* wires: every other stroke, thin filled rect or thin filled outline becomes line segments;
  segments join where the end of one touches another (an elbow, a merge), not where two cross
  in their middles (a crossing). Grid lines (along column and row borders) are dropped.
* arrowheads: small filled triangles (a notched back too), or a stroked "V" (one path or two
  short strokes), pointing at the symbol they enter.

A wire with arrowheads goes from the symbols it touches without a head to the symbols its
heads point into (a head that ends on another line merges into it; a wire that stops short of
its symbols floats, and is taken to the nearest one). Off-page connectors (and on-page
circles) with the same printed label are paired, else by their order. Each row's symbols are
one step; symbols joined by a line with no head are one step drawn in several columns (a
decision drawn as several diamonds). The rows reached from a step's symbols give its flow;
a decision's branches are the wires leaving its diamonds, matched to the words printed near
where they leave (or along their line). What the format cannot say (a fork, a dead end, an
arrow to nowhere, arrows between the symbols of one row) is read as the nearest valid flow,
with a note.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from soptool.importer import geometry
from soptool.importer.reading import Flow, Joined, StepFlow, Table, Target, Uncertain

Point = tuple[float, float]
Seg = tuple[float, float, float, float]

SELESAI = "selesai"
TOUCH = 2.5  # how near a wire end must come to a symbol or a head to touch it
JOIN = 1.8  # how near a segment end must come to another segment to join it
HEAD_MAX = 10.0  # the largest arrowhead (points)
SYMBOL_MIN = 5.0  # the smallest symbol side
FLOAT_REACH = 20.0  # how far a floating wire end may be from the symbol it serves
MARGIN = 60.0  # how far above and below the rows the flowchart may reach (connectors)

YA_WORDS = {"ya", "y", "yes", "iya"}
TIDAK_WORDS = {"tidak", "t", "tdk", "no", "n", "tak", "bukan"}


@dataclass
class Symbol:
    """A drawn symbol: its box, kind and outline (page points), and where it stands."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # terminator, proses, keputusan, dokumen, offpage, circle
    outline: list[Point]
    text: str = ""
    row: int | None = None
    col: int | None = None

    @property
    def cx(self) -> float:
        """The middle, across."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """The middle, down."""
        return (self.top + self.bottom) / 2

    @property
    def area(self) -> float:
        """The area of the box."""
        return (self.x1 - self.x0) * (self.bottom - self.top)

    def near(self, p: Point, tol: float) -> bool:
        """Whether ``p`` lies inside the outline or within ``tol`` of it."""
        x, y = p
        if not (self.x0 - tol <= x <= self.x1 + tol and self.top - tol <= y <= self.bottom + tol):
            return False
        if _inside(p, self.outline):
            return True
        return _dist_poly(p, self.outline) <= tol


@dataclass
class Head:
    """An arrowhead: where it points and the middle of its back."""

    page: int
    tip: Point
    base: Point  # the middle of the head's back
    box: tuple[float, float, float, float]

    @property
    def direction(self) -> Point:
        """The unit vector from the back to the tip."""
        dx, dy = self.tip[0] - self.base[0], self.tip[1] - self.base[1]
        n = math.hypot(dx, dy) or 1.0
        return dx / n, dy / n


@dataclass
class Edge:
    """An arrow from one symbol to another (global symbol indices)."""

    src: int  # symbol index
    dst: int
    wire: int  # wire id (page-unique component, made global)
    start: Point  # where the wire leaves the source


@dataclass
class PageDrawing:
    """What one page's flowchart region holds."""

    symbols: list[Symbol] = field(default_factory=list)
    heads: list[Head] = field(default_factory=list)
    segments: list[Seg] = field(default_factory=list)
    seg_obj: list[int] = field(default_factory=list)  # the drawn object of each segment
    words: list[dict[str, Any]] = field(default_factory=list)
    bands: list[tuple[float, float]] = field(default_factory=list)  # the rows' spans
    wire_segs: dict[int, list[Seg]] = field(default_factory=dict)  # wire id -> its segments
    labels: list[tuple[tuple[float, float, float, float], str]] | None = None  # free words
    page: int = 0


# --- geometry helpers -------------------------------------------------------------------

def _dist_seg(p: Point, s: Seg) -> float:
    x, y = p
    x1, y1, x2, y2 = s
    dx, dy = x2 - x1, y2 - y1
    ln = dx * dx + dy * dy
    if ln <= 1e-12:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / ln))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def _dist_poly(p: Point, pts: Sequence[Point]) -> float:
    best = math.inf
    n = len(pts)
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        d = _dist_seg(p, (a[0], a[1], b[0], b[1]))
        if d < best:
            best = d
    return best


def _inside(p: Point, pts: Sequence[Point]) -> bool:
    x, y = p
    inside = False
    n = len(pts)
    j = n - 1
    for i in range(n):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-12) + xi:
            inside = not inside
        j = i
    return inside


def _area(pts: Sequence[Point]) -> float:
    a = 0.0
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        a += x1 * y2 - x2 * y1
    return abs(a) / 2


def _subpaths(obj: dict[str, Any]) -> list[tuple[list[Point], bool]]:
    """The object's subpaths as point lists (curves sampled) and whether each is closed."""
    path = obj.get("path")
    out: list[tuple[list[Point], bool]] = []
    if not path:
        pts = [(float(x), float(y)) for x, y in obj.get("pts") or []]
        if pts:
            out.append((pts, obj.get("object_type") == "rect"))
        return out
    cur: list[Point] = []
    closed = False
    for cmd in path:
        op = cmd[0]
        if op == "m":
            if cur:
                out.append((cur, closed))
            cur, closed = [(float(cmd[1][0]), float(cmd[1][1]))], False
        elif op == "l" and cur:
            cur.append((float(cmd[1][0]), float(cmd[1][1])))
        elif op == "c" and cur:
            p0 = cur[-1]
            c1, c2, p3 = cmd[1], cmd[2], cmd[3]
            for t in (0.25, 0.5, 0.75, 1.0):
                u = 1 - t
                cur.append((u ** 3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0]
                            + t ** 3 * p3[0],
                            u ** 3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1]
                            + t ** 3 * p3[1]))
        elif op == "h":
            closed = True
    if cur:
        out.append((cur, closed))
    # a path whose last point returns to its first is closed too
    res = []
    for pts, cl in out:
        if len(pts) > 2 and math.hypot(pts[0][0] - pts[-1][0], pts[0][1] - pts[-1][1]) < 0.5:
            cl = True
            pts = pts[:-1]
        res.append((pts, cl))
    return res


def _dedupe(pts: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in pts:
        if not out or math.hypot(p[0] - out[-1][0], p[1] - out[-1][1]) > 0.05:
            out.append(p)
    if len(out) > 1 and math.hypot(out[0][0] - out[-1][0], out[0][1] - out[-1][1]) <= 0.05:
        out.pop()
    return out


def classify(pts: Sequence[Point]) -> str | None:
    """The symbol kind of a closed outline, or None where it is no symbol (a line's outline)."""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, y1 - y0
    if w < SYMBOL_MIN or h < SYMBOL_MIN or len(pts) < 3:
        return None
    ratio = _area(pts) / (w * h)
    if ratio < 0.35:
        return None
    m = min(w, h)
    tol = 0.12 * m

    def occ(p: Point) -> bool:
        return _dist_poly(p, pts) <= tol

    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    tl, tr, br, bl = (occ((x0, y0)), occ((x1, y0)), occ((x1, y1)), occ((x0, y1)))
    top, right, bottom, left = (occ((cx, y0)), occ((x1, cy)), occ((cx, y1)), occ((x0, cy)))
    corners = [tl, tr, br, bl]
    n = sum(corners)
    # a pentagon: two adjacent corners, the opposite edge's middle a point
    for (a, b, c, d, tip) in ((tl, tr, br, bl, bottom), (tr, br, bl, tl, left),
                              (br, bl, tl, tr, top), (bl, tl, tr, br, right)):
        if a and b and not c and not d and tip and ratio < 0.95:
            wavy = _wavy_bottom(pts, x0, x1, y0, y1)
            if (a, b) == (tl, tr) and wavy and not _pointed_bottom(pts, x0, x1, y1):
                return "dokumen"
            return "offpage"
    if tl and tr and _wavy_bottom(pts, x0, x1, y0, y1):
        return "dokumen"
    if n == 4 or (n == 3 and ratio > 0.9):
        return "proses"
    if n == 0:
        if ratio < 0.62 and top and bottom and left and right:
            return "keputusan"
        if 0.8 <= w / h <= 1.25 and ratio < 0.85:
            return "circle"
        return "terminator"
    if ratio > 0.85:
        return "proses"
    return None


def _wavy_bottom(pts: Sequence[Point], x0: float, x1: float, y0: float, y1: float) -> bool:
    """The lowest outline points across the middle of the width differ in height."""
    w, h = x1 - x0, y1 - y0
    lows = []
    for k in range(1, 8):
        x = x0 + w * (0.1 + 0.8 * k / 8)
        ys = _crossings_at_x(pts, x)
        if ys:
            lows.append(max(ys))
    return len(lows) >= 4 and (max(lows) - min(lows)) > 0.08 * h


def _pointed_bottom(pts: Sequence[Point], x0: float, x1: float, y1: float) -> bool:
    """The bottom comes to one point at the middle (a pentagon), not a wave."""
    w = x1 - x0
    low = [p for p in pts if y1 - p[1] < 0.5]
    return bool(low) and all(abs(p[0] - (x0 + x1) / 2) < 0.15 * w for p in low)


def _crossings_at_x(pts: Sequence[Point], x: float) -> list[float]:
    ys = []
    n = len(pts)
    for i in range(n):
        (xa, ya), (xb, yb) = pts[i], pts[(i + 1) % n]
        if (xa - x) * (xb - x) <= 0 and xa != xb:
            t = (x - xa) / (xb - xa)
            ys.append(ya + t * (yb - ya))
    return ys


def _head(pts: Sequence[Point]) -> tuple[Point, Point] | None:
    """(tip, base middle) of a small triangle, or None."""
    q = _dedupe(list(pts))
    if len(q) == 4:  # a point on an edge, or a notch in the back: a triangle still
        q = _simplify(q)
    if len(q) == 4:
        for i in range(4):
            rest = [q[j] for j in range(4) if j != i]
            if _inside(q[i], rest):
                q = rest
                break
    if len(q) != 3:
        return None
    edges = [(math.hypot(q[(i + 1) % 3][0] - q[(i + 2) % 3][0],
                         q[(i + 1) % 3][1] - q[(i + 2) % 3][1]), i) for i in range(3)]
    edges.sort()
    # the tip: the vertex opposite the shortest edge
    i = edges[0][1]
    a, b = q[(i + 1) % 3], q[(i + 2) % 3]
    return q[i], ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _simplify(q: list[Point]) -> list[Point]:
    """Drop points that lie on the line of their neighbours."""
    out = list(q)
    changed = True
    while changed and len(out) > 3:
        changed = False
        for i in range(len(out)):
            a, b, c = out[i - 1], out[i], out[(i + 1) % len(out)]
            if _dist_seg(b, (a[0], a[1], c[0], c[1])) < 0.3:
                del out[i]
                changed = True
                break
    return out


# --- reading one page -------------------------------------------------------------------

def _region(table: Table, page: int) -> tuple[float, float, float, float] | None:
    cols = table.columns.get(page) or []
    spans = [s for r in table.rows for s in r.spans if s.page == page]
    if not cols or not spans:
        return None
    # off-page connectors stand above the first row or below the last one
    return (min(c.x0 for c in cols), min(s.top for s in spans) - MARGIN,
            max(c.x1 for c in cols), max(s.bottom for s in spans) + MARGIN)


def read_page(page: Any, index: int, table: Table) -> PageDrawing:
    """Symbols, arrowheads, wire segments and words of one page's flowchart region."""
    drawing = PageDrawing(page=index)
    drawing.bands = [(s.top, s.bottom) for r in table.rows for s in r.spans if s.page == index]
    region = _region(table, index)
    if region is None:
        return drawing
    rx0, ry0, rx1, ry1 = region
    pad = 3.0
    cols = table.columns.get(index) or []
    vborders = sorted({round(c.x0, 1) for c in cols} | {round(c.x1, 1) for c in cols})
    hborders = sorted({round(v, 1) for r in table.rows for s in r.spans if s.page == index
                       for v in (s.top, s.bottom)})
    objs = page.objects
    shapes: list[tuple[list[Point], str, bool]] = []  # outline, kind, visible
    for n_obj, obj in enumerate(objs.get("rect", []) + objs.get("line", [])
                                + objs.get("curve", [])):
        # the drawn object of each segment so far
        drawing.seg_obj.extend([n_obj - 1] * (len(drawing.segments) - len(drawing.seg_obj)))
        if (obj["x1"] < rx0 - pad or obj["x0"] > rx1 + pad or obj["bottom"] < ry0 - pad
                or obj["top"] > ry1 + pad):
            continue
        fill, stroke = bool(obj.get("fill")), bool(obj.get("stroke"))
        white = _is_white(obj.get("non_stroking_color"))
        visible = stroke or (fill and not white)
        if not visible:
            continue
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if obj.get("object_type") == "line":
            pts = [(float(x), float(y)) for x, y in obj.get("pts") or []]
            _add_polyline(drawing.segments, pts, False)
            continue
        if min(w, h) < 2.5 and max(w, h) > HEAD_MAX:  # a thin rect or outline: its middle line
            if w >= h:
                cy = (obj["top"] + obj["bottom"]) / 2
                drawing.segments.append((obj["x0"], cy, obj["x1"], cy))
            else:
                cx = (obj["x0"] + obj["x1"]) / 2
                drawing.segments.append((cx, obj["top"], cx, obj["bottom"]))
            continue
        for pts, closed in _subpaths(obj):
            pts = _dedupe(pts)
            if len(pts) < 2:
                continue
            closed = closed or fill
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            bw, bh = max(xs) - min(xs), max(ys) - min(ys)
            if closed and max(bw, bh) <= HEAD_MAX and len(pts) >= 3:
                hd = _head(pts)
                if hd is not None and min(bw, bh) >= 1.0:
                    drawing.heads.append(Head(index, hd[0], hd[1],
                                              (min(xs), min(ys), max(xs), max(ys))))
                    continue
            if not closed and len(pts) == 3 and max(bw, bh) <= HEAD_MAX:
                vee = _vee(pts)
                if vee is not None:
                    drawing.heads.append(Head(index, vee[0], vee[1],
                                              (min(xs), min(ys), max(xs), max(ys))))
                    continue
            kind = classify(pts) if closed else None
            if kind is not None and (_is_cell(pts, vborders)
                                     or not _in_column(pts, cols, ry0, ry1)):
                kind = None  # a table cell drawn as a box: its edges are grid lines
            if kind is not None:
                shapes.append((pts, kind, True))
                continue
            _add_polyline(drawing.segments, pts, closed)
    drawing.symbols = _symbols(index, shapes)
    drawing.seg_obj.extend([-1] * (len(drawing.segments) - len(drawing.seg_obj)))
    _split_vees(drawing, index)
    # grid lines: along a column or row border, or outside the actor columns
    keep: list[Seg] = []
    keep_obj: list[int] = []
    for s, s_obj in zip(drawing.segments, drawing.seg_obj, strict=True):
        x1, y1, x2, y2 = s
        if max(x1, x2) < rx0 - pad or min(x1, x2) > rx1 + pad:
            continue
        if max(y1, y2) < ry0 - pad or min(y1, y2) > ry1 + pad:
            continue
        # a grid line runs along a border from border to border (or out of the region)
        if (abs(x1 - x2) < 1.0 and any(abs(x1 - b) < 2.5 for b in vborders)
                and _grid_ends(y1, y2, hborders, ry0, ry1)):
            continue
        if (abs(y1 - y2) < 1.0 and any(abs(y1 - b) < 2.5 for b in hborders)
                and _grid_ends(x1, x2, vborders, rx0, rx1)):
            continue
        keep.append(s)
        keep_obj.append(s_obj)
    drawing.segments = keep
    drawing.seg_obj = keep_obj
    # the words as the text readers read them (one reading per page)
    drawing.words = [{"text": w.text, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom}
                     for w in geometry.read_page(page, index).words
                     if rx0 - pad <= w.cx <= rx1 + pad and ry0 - pad <= w.cy <= ry1 + pad]
    for sym in drawing.symbols:
        inside = [w for w in drawing.words if sym.x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= sym.x1 + 1
                  and sym.top - 1 <= (w["top"] + w["bottom"]) / 2 <= sym.bottom + 1]
        sym.text = " ".join(w["text"] for w in inside)
        if sym.kind == "circle" and not re.fullmatch(r"[A-Za-z0-9]{1,3}", sym.text.strip()):
            sym.kind = "terminator"  # a round capsule in a narrow column, not a connector
    # a bordered text box holding a branch word is a label, not a step's symbol
    drawing.symbols = [sym for sym in drawing.symbols
                       if not (sym.kind == "proses" and _norm(sym.text) in YA_WORDS | TIDAK_WORDS
                               and sym.bottom - sym.top < 20)]
    return drawing


def _in_column(pts: Sequence[Point], cols: Sequence[Any], top: float, bottom: float) -> bool:
    """A symbol's middle lies in an actor column (and the rows) and it fits in the column."""
    x0 = min(p[0] for p in pts)
    x1 = max(p[0] for p in pts)
    cy = (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2
    cx = (x0 + x1) / 2
    if not top <= cy <= bottom:
        return False
    return any(c.x0 <= cx <= c.x1 and x1 - x0 <= c.x1 - c.x0 + 2 for c in cols)


def _is_cell(pts: Sequence[Point], vborders: Sequence[float]) -> bool:
    """A box whose left and right edges lie on column borders is a table cell."""
    x0 = min(p[0] for p in pts)
    x1 = max(p[0] for p in pts)
    return (any(abs(x0 - b) < 2.5 for b in vborders)
            and any(abs(x1 - b) < 2.5 for b in vborders))


def _grid_ends(a: float, b: float, borders: Sequence[float], lo: float, hi: float) -> bool:
    """Both ends of a segment along a border lie on crossing borders or out of the region."""
    def on(v: float) -> bool:
        return v <= lo + 2.5 or v >= hi - 2.5 or any(abs(v - x) < 3.0 for x in borders)
    return abs(a - b) > 8 and on(a) and on(b)


def _is_white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return float(color) >= 0.99
    if isinstance(color, (tuple, list)):
        vals = [float(v) for v in color if isinstance(v, (int, float))]
        if len(vals) == 4:  # CMYK
            return all(v <= 0.01 for v in vals)
        return bool(vals) and all(v >= 0.99 for v in vals)
    return False


def _vee(pts: Sequence[Point]) -> tuple[Point, Point] | None:
    a, b, c = pts
    la = math.hypot(a[0] - b[0], a[1] - b[1])
    lc = math.hypot(c[0] - b[0], c[1] - b[1])
    if min(la, lc) < 1.5 or max(la, lc) > HEAD_MAX:
        return None
    cos = ((a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1])) / (la * lc)
    if cos < 0.2:  # wider than about 80 degrees: an elbow, not a head
        return None
    return b, ((a[0] + c[0]) / 2, (a[1] + c[1]) / 2)


def _split_vees(d: PageDrawing, page: int) -> None:
    """Heads drawn as two short separate strokes meeting at the tip, where a longer line
    (the shaft) ends: they become heads, and leave the wire segments."""
    segs = d.segments
    short = [i for i, s in enumerate(segs)
             if 1.5 <= math.hypot(s[2] - s[0], s[3] - s[1]) <= HEAD_MAX]
    used: set[int] = set()
    for a_i, i in enumerate(short):
        for j in short[a_i + 1:]:
            if i in used or j in used:
                continue
            si, sj = segs[i], segs[j]
            for p, q in (((si[0], si[1]), (si[2], si[3])), ((si[2], si[3]), (si[0], si[1]))):
                for r, t in (((sj[0], sj[1]), (sj[2], sj[3])), ((sj[2], sj[3]), (sj[0], sj[1]))):
                    if math.hypot(p[0] - r[0], p[1] - r[1]) > 0.5:
                        continue
                    vq = (q[0] - p[0], q[1] - p[1])
                    vt = (t[0] - p[0], t[1] - p[1])
                    lq, lt = math.hypot(*vq), math.hypot(*vt)
                    cos = (vq[0] * vt[0] + vq[1] * vt[1]) / (lq * lt)
                    if not -0.35 < cos < 0.94:  # between about 20 and 110 degrees
                        continue
                    base = ((q[0] + t[0]) / 2, (q[1] + t[1]) / 2)
                    bx, by = p[0] - base[0], p[1] - base[1]
                    bl = math.hypot(bx, by) or 1.0
                    # the shaft: a longer segment that ends at the tip, along the head
                    for k, sk in enumerate(segs):
                        if k in (i, j) or math.hypot(sk[2] - sk[0], sk[3] - sk[1]) <= HEAD_MAX:
                            continue
                        for u, v in (((sk[0], sk[1]), (sk[2], sk[3])),
                                     ((sk[2], sk[3]), (sk[0], sk[1]))):
                            if math.hypot(u[0] - p[0], u[1] - p[1]) > 1.0:
                                continue
                            dx, dy = u[0] - v[0], u[1] - v[1]
                            if (dx * bx + dy * by) / (math.hypot(dx, dy) * bl) > 0.95:
                                used.update((i, j))
                                xs = [p[0], q[0], t[0]]
                                ys = [p[1], q[1], t[1]]
                                d.heads.append(Head(page, p, base,
                                                    (min(xs), min(ys), max(xs), max(ys))))
                                break
                        if i in used:
                            break
                    if i in used:
                        break
                if i in used:
                    break
    if used:
        keep = [k for k in range(len(segs)) if k not in used]
        d.segments = [segs[k] for k in keep]
        d.seg_obj = [d.seg_obj[k] for k in keep]


def _add_polyline(out: list[Seg], pts: Sequence[Point], closed: bool) -> None:
    n = len(pts)
    for i in range(n - 1 + (1 if closed and n > 2 else 0)):
        a, b = pts[i], pts[(i + 1) % n]
        out.append((a[0], a[1], b[0], b[1]))


def _symbols(page: int, shapes: list[tuple[list[Point], str, bool]]) -> list[Symbol]:
    """One symbol per drawn shape: an outline nested in a like one (a filled ring's inner
    edge, a fill under a stroke) is the same symbol."""
    syms = []
    for pts, kind, _ in shapes:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        syms.append(Symbol(page, min(xs), min(ys), max(xs), max(ys), kind, list(pts)))
    order = sorted(range(len(syms)), key=lambda i: -syms[i].area)
    kept: list[int] = []
    for i in order:
        s = syms[i]
        dup = False
        for n, j in enumerate(kept):
            k = syms[j]
            if (k.x0 - 1.5 <= s.x0 and s.x1 <= k.x1 + 1.5 and k.top - 1.5 <= s.top
                    and s.bottom <= k.bottom + 1.5 and s.area > 0.6 * k.area):
                dup = True
                break
            # a shadow: the same shape again, a little offset (the one drawn last is seen)
            ix = min(k.x1, s.x1) - max(k.x0, s.x0)
            iy = min(k.bottom, s.bottom) - max(k.top, s.top)
            if k.kind == s.kind and ix > 0 and iy > 0 and ix * iy >= 0.7 * s.area:
                dup = True
                if i > j:
                    kept[n] = i
                break
        if not dup:
            kept.append(i)
    return [syms[i] for i in kept]


# --- wires ------------------------------------------------------------------------------

class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[b] = a


def _wires(segs: list[Seg], symbols: Sequence[Symbol] = (),
           objs: Sequence[int] | None = None) -> list[int]:
    """A wire id per segment: segments join where an end of one touches the other, except
    under a symbol (lines drawn to a symbol's middle end there: the symbol splits them) and,
    for lines drawn apart, at a symbol's edge (one arrow in, another out at one corner)."""
    uf = _UF(len(segs))

    def hidden(p: Point, apart: bool) -> bool:
        for s in symbols:
            if not (s.x0 - TOUCH < p[0] < s.x1 + TOUCH and s.top - TOUCH < p[1] < s.bottom + TOUCH):
                continue
            edge = _dist_poly(p, s.outline)
            if (_inside(p, s.outline) and edge > 1.0) or (apart and edge <= TOUCH):
                return True
        return False

    boxes = [(min(s[0], s[2]) - JOIN, min(s[1], s[3]) - JOIN, max(s[0], s[2]) + JOIN,
              max(s[1], s[3]) + JOIN) for s in segs]
    order = sorted(range(len(segs)), key=lambda i: boxes[i][0])
    for ii, i in enumerate(order):
        bi = boxes[i]
        for j in order[ii + 1:]:
            bj = boxes[j]
            if bj[0] > bi[2]:
                break
            if bj[1] > bi[3] or bj[3] < bi[1]:
                continue
            si, sj = segs[i], segs[j]
            apart = objs is not None and objs[i] != objs[j]
            for p, other in (((si[0], si[1]), sj), ((si[2], si[3]), sj),
                             ((sj[0], sj[1]), si), ((sj[2], sj[3]), si)):
                if _dist_seg(p, other) <= JOIN and not hidden(p, apart):
                    uf.union(i, j)
                    break
    return [uf.find(i) for i in range(len(segs))]


def _head_target(d: PageDrawing, h: Head, sym_ids: list[int],
                 steps: tuple[float, ...]) -> int | None:
    """The symbol a head's tip touches, trying the tip moved on by each of ``steps``."""
    dx, dy = h.direction
    for step in steps:
        p = (h.tip[0] + dx * step, h.tip[1] + dy * step)
        for k, s in zip(sym_ids, d.symbols, strict=True):
            if s.near(p, TOUCH):
                return k
    return None


def page_edges(d: PageDrawing, sym_ids: list[int], wire_base: int,
               notes: list[tuple[int, Point, str]],
               links: list[tuple[int, int]] | None = None) -> list[Edge]:
    """The arrows of one page, as edges between symbols (global ids in sym_ids); lines with
    no head that join symbols go to ``links``; what is unsure goes to ``notes`` as (page,
    point, the note's message key)."""
    segs = d.segments
    wid = _wires(segs, d.symbols, d.seg_obj)
    uf = _UF(len(segs))
    for i, w in enumerate(wid):
        uf.union(w, i)
    # each head: the wire it sits on, the symbol it points into (or the wire it merges into)
    heads: list[tuple[Head, int | None, int | None]] = []
    for h in d.heads:
        on: int | None = None
        best = math.inf
        per_wire: dict[int, tuple[float, int]] = {}  # two arrows may end in one head
        hb = h.box
        for i, s in enumerate(segs):
            if (max(s[0], s[2]) < hb[0] - TOUCH or min(s[0], s[2]) > hb[2] + TOUCH
                    or max(s[1], s[3]) < hb[1] - TOUCH or min(s[1], s[3]) > hb[3] + TOUCH):
                continue
            dist = min(_dist_seg(h.base, s), _dist_seg(h.tip, s) + 0.5)
            ends = min(math.hypot(s[0] - h.base[0], s[1] - h.base[1]),
                       math.hypot(s[2] - h.base[0], s[3] - h.base[1]),
                       math.hypot(s[0] - h.tip[0], s[1] - h.tip[1]),
                       math.hypot(s[2] - h.tip[0], s[3] - h.tip[1]))
            score = min(dist, ends)
            if score <= TOUCH and score < best:
                best, on = score, i
            # (a wire that ends there, not one that passes by)
            if ends <= TOUCH and ends < per_wire.get(wid[i], (math.inf, -1))[0]:
                per_wire[wid[i]] = (ends, i)
        target0 = _head_target(d, h, sym_ids, (0.0,))
        heads.append((h, on, target0))
        if target0 is not None:  # the other wires that end in this head point in too
            heads.extend((h, i, target0) for w, (_, i) in per_wire.items()
                         if on is not None and w != wid[on])
    # a head that touches no symbol but another wire: the wires merge; else a head that
    # stops short of a symbol points into it
    for k, (h, on, target) in enumerate(heads):
        if target is not None:
            continue
        merged = False
        if on is not None:
            hx, hy = h.direction
            for i, s in enumerate(segs):
                if _dist_seg(h.tip, s) > TOUCH:
                    continue
                length = math.hypot(s[2] - s[0], s[3] - s[1])
                across = length > 3 and abs(((s[2] - s[0]) * hx + (s[3] - s[1]) * hy)
                                            / length) < 0.3
                if uf.find(i) != uf.find(on) or across:  # onto another line
                    uf.union(on, i)
                    merged = True
                    break
        if merged:
            heads[k] = (h, None, None)  # no head of its own any more
        else:
            heads[k] = (h, on, _head_target(d, h, sym_ids, (2.0, 4.0, 6.0)))
    comps: dict[int, list[int]] = {}
    for i in range(len(segs)):
        comps.setdefault(uf.find(i), []).append(i)
    edges: list[Edge] = []
    for root, members in comps.items():
        touch: dict[int, Point] = {}
        for i in members:
            s = segs[i]
            for p, q in (((s[0], s[1]), (s[2], s[3])), ((s[2], s[3]), (s[0], s[1]))):
                for k, sym in zip(sym_ids, d.symbols, strict=True):
                    if k not in touch and sym.near(p, TOUCH):
                        touch[k] = _exit_point(p, q, sym)
        targets = {t for h, on, t in heads if on is not None and uf.find(on) == root
                   and t is not None}
        floating = [h for h, on, t in heads if on is not None and uf.find(on) == root
                    and t is None]
        for h in floating:  # an arrow that ends short of its symbol
            t = _nearest_symbol(d, sym_ids, h.tip, FLOAT_REACH, h.direction)
            if t is not None:
                targets.add(t)
            else:
                notes.append((h.page, h.tip, "import.note.arrow_without_symbol"))
        sources = [k for k in touch if k not in targets]
        if targets and not sources:
            # a floating tail: the wire point farthest from its heads
            tips = [h.tip for h, on, t in heads if on is not None and uf.find(on) == root]
            pts = [p for i in members for p in ((segs[i][0], segs[i][1]),
                                                 (segs[i][2], segs[i][3]))]
            far = max(pts, key=lambda p: min(math.hypot(p[0] - q[0], p[1] - q[1])
                                             for q in tips))
            src = _nearest_symbol(d, sym_ids, far, FLOAT_REACH, None, exclude=targets)
            if src is not None:
                sources = [src]
                touch[src] = far
        if not targets and len(touch) >= 2:
            # no head: a join line (the symbols of one step) or an arrow whose head is lost
            if links is not None:
                # and the symbols it runs under on its way (a join line passes beneath the
                # middle ones)
                under = {k for k, sym in zip(sym_ids, d.symbols, strict=True)
                         if any(_crosses(segs[i], sym) for i in members)}
                ks = sorted(set(touch) | under)
                links.extend(itertools.combinations(ks, 2))
            continue
        wire = wire_base + root
        d.wire_segs[wire] = [segs[i] for i in members]
        if links is not None and len(sources) > 1:  # a join line that an arrow leaves
            under = {k for k, sym in zip(sym_ids, d.symbols, strict=True)
                     if k not in targets and any(_crosses(segs[i], sym) for i in members)}
            ks = sorted(set(sources) | under)
            links.extend(itertools.combinations(ks, 2))
        for src_id in sources:
            for t in sorted(targets):
                if src_id != t:
                    edges.append(Edge(src_id, t, wire, touch[src_id]))
    # a head with no wire under it, touching two symbols (a short arrow drawn as a head only)
    for h, on, t in heads:
        if on is None and t is not None:
            back = (2 * h.base[0] - h.tip[0], 2 * h.base[1] - h.tip[1])
            src = _nearest_symbol(d, sym_ids, back, 4.0, None, exclude={t})
            if src is not None:
                edges.append(Edge(src, t, wire_base + len(segs) + len(edges), back))
    return edges


def _exit_point(p: Point, q: Point, sym: Symbol) -> Point:
    """Where a line from ``p`` (under the symbol) towards ``q`` leaves the symbol's outline:
    ``p`` itself when it is not inside."""
    if not _inside(p, sym.outline):
        return p
    lo, hi = 0.0, 1.0
    if _inside(q, sym.outline):
        return p
    for _ in range(20):  # bisection: inside at lo, outside at hi
        mid = (lo + hi) / 2
        m = (p[0] + (q[0] - p[0]) * mid, p[1] + (q[1] - p[1]) * mid)
        if _inside(m, sym.outline):
            lo = mid
        else:
            hi = mid
    return (p[0] + (q[0] - p[0]) * hi, p[1] + (q[1] - p[1]) * hi)


def _crosses(seg: Seg, sym: Symbol) -> bool:
    """Whether a segment runs through the inside of a symbol's box."""
    return _crosses_rect(seg, (sym.x0 + 1, sym.top + 1, sym.x1 - 1, sym.bottom - 1))


def _crosses_rect(seg: Seg, rect: tuple[float, float, float, float]) -> bool:
    """Whether a segment meets a rectangle (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = seg
    bx0, by0, bx1, by1 = rect
    if bx0 >= bx1 or by0 >= by1:
        return False
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - bx0), (dx, bx1 - x1), (-dy, y1 - by0), (dy, by1 - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _nearest_symbol(d: PageDrawing, sym_ids: list[int], p: Point, reach: float,
                    direction: Point | None, exclude: Iterable[int] = ()) -> int | None:
    ex = set(exclude)
    best, found = math.inf, None
    for k, s in zip(sym_ids, d.symbols, strict=True):
        if k in ex:
            continue
        dist = _dist_poly(p, s.outline) if not _inside(p, s.outline) else 0.0
        if direction is not None:
            vx, vy = s.cx - p[0], s.cy - p[1]
            if vx * direction[0] + vy * direction[1] < 0:
                continue
        if dist < best:
            best, found = dist, k
    return found if best <= reach else None


# --- the flow per row -------------------------------------------------------------------

def read_flow(pdf: Any, table: Table) -> Flow:
    """One StepFlow per table row, read from the drawing in the actor columns."""
    steps = [StepFlow(columns=[], kind="") for _ in table.rows]
    flow = Flow(steps=steps)
    if not table.rows:
        return flow
    try:
        _read(pdf, table, flow)
    except Exception as exc:  # odd input must not stop the import: say so and go on
        flow.steps = [StepFlow(columns=[], kind="") for _ in table.rows]
        flow.notes.append(Uncertain(
            where="langkah 1", key=None, code="import.note.flow_unreadable",
            params={"error": type(exc).__name__}))
    return flow


def _read(pdf: Any, table: Table, flow: Flow) -> None:
    symbols: list[Symbol] = []
    edges: list[Edge] = []
    drawings: dict[int, PageDrawing] = {}
    pages = sorted({s.page for r in table.rows for s in r.spans} & set(table.columns))
    page_notes: list[tuple[int, Point, str]] = []
    links: list[tuple[int, int]] = []
    for pi in pages:
        if pi >= len(pdf.pages):
            continue
        d = read_page(pdf.pages[pi], pi, table)
        drawings[pi] = d
        ids = list(range(len(symbols), len(symbols) + len(d.symbols)))
        symbols.extend(d.symbols)
        edges.extend(page_edges(d, ids, (pi + 1) * 1_000_000, page_notes, links))
    _place(symbols, table)
    succ: dict[int, list[Edge]] = {}
    for e in edges:
        succ.setdefault(e.src, []).append(e)
    guessed: list[int] = []
    pairs = _pair_connectors(symbols, edges, guessed)
    n = len(table.rows)

    def reach(k: int, seen: set[int]) -> list[int]:
        """The symbols an arrow into k stands for: connectors pass it on to their partner."""
        sym = symbols[k]
        if sym.kind not in ("offpage", "circle") or k in seen:
            return [k]
        seen.add(k)
        out: list[int] = []
        for partner in pairs.get(k, []):
            for e in succ.get(partner, []):
                out.extend(reach(e.dst, seen))
        return out

    # the successors of each symbol, in rows (connectors resolved)
    nxt: dict[int, list[tuple[int, Edge]]] = {}
    for e in edges:
        for t in reach(e.dst, set()):
            if symbols[t].row is not None:
                nxt.setdefault(e.src, []).append((t, e))

    # symbols of one row joined by lines with no head: one step drawn in several columns
    joined = _UF(len(symbols))
    for a, b in links:
        if symbols[a].row is not None and symbols[a].row == symbols[b].row:
            joined.union(a, b)

    by_row: dict[int, list[int]] = {}
    for k, s in enumerate(symbols):
        if s.row is not None and s.kind not in ("offpage", "circle"):
            by_row.setdefault(s.row, []).append(k)

    def decision_group(r: int) -> list[int]:
        diamonds = [k for k in by_row.get(r, []) if symbols[k].kind == "keputusan"]
        if not diamonds:
            return []
        dia = min(diamonds, key=lambda k: (symbols[k].top, symbols[k].x0))
        return [k for k in diamonds if joined.find(k) == joined.find(dia)]

    # which decision each branch label is nearest to (a line may carry another's label)
    claimed: dict[tuple[int, int], tuple[float, int]] = {}  # label -> (best score, row)
    for r in range(n):
        group = decision_group(r)
        if not group or symbols[group[0]].page not in drawings:
            continue
        d = drawings[symbols[group[0]].page]
        _, starts, source = _decision_wires(group, symbols, nxt)
        for (_, g), v in _label_scores(source, list(starts.items()), d).items():
            if v < claimed.get((d.page, g), (math.inf, -1))[0]:
                claimed[(d.page, g)] = (v, r)

    for r in range(n):
        step = flow.steps[r]
        members = sorted(by_row.get(r, []), key=lambda k: (symbols[k].cx, symbols[k].cy))
        where = f"langkah {r + 1}"
        if not members:
            flow.notes.append(Uncertain(where=where, key="pelaksana",
                                        code="import.note.no_symbol"))
            continue
        diamonds = [k for k in members if symbols[k].kind == "keputusan"]
        endcaps: set[int] = set()
        if diamonds:
            group = decision_group(r)
            if len(diamonds) > len(group):
                flow.notes.append(Uncertain(
                    where=where, key="keputusan", code="import.note.many_decisions",
                    params={"count": _count(len(diamonds))}))
            _decision(r, group, symbols, nxt, drawings, table, step, flow.notes, endcaps, n,
                      claimed)
            _dead_ends(r, [k for k in members if k not in endcaps], symbols, nxt, flow.notes,
                       n, joined, table, "keputusan")
            step.kind = "keputusan"
            # the question printed inside the diamond ("Sesuai?"), as printed
            # (a branch word alone, "Y" or "T" printed in the diamond, is no question)
            question = " ".join(symbols[group[0]].text.split())
            step.tanya = (question if question.lower().strip(" .:?")
                          not in YA_WORDS | TIDAK_WORDS else None) or None
        else:
            _process(r, members, symbols, nxt, step, flow.notes, n, joined, table)
        step.columns = sorted({c for k in members if k not in endcaps
                               and (c := symbols[k].col) is not None})
        inner = [(k, t) for k in members for t, _ in nxt.get(k, [])
                 if t in members and t not in endcaps and t != k]
        if inner:  # the format has no order of the actors within a step
            flow.notes.append(Uncertain(
                where=where, key="pelaksana", code="import.note.arrows_between",
                params={"arrows": Joined(tuple(
                    ("import.note.arrow", {"source": _actor(table, symbols[k].col),
                                           "target": _actor(table, symbols[t].col)})
                    for k, t in inner), "import.note.comma")}))
        for key, target in (("keputusan", step.ya), ("keputusan", step.tidak),
                            ("lanjut", step.lanjut)):
            if target == 0:
                flow.notes.append(Uncertain(
                    where=where, key=key, code="import.note.back_to_start"))
        if not diamonds:
            kinds = {symbols[k].kind for k in members}
            if "terminator" in kinds and (r in (0, n - 1) or len(kinds) == 1):
                step.kind = "terminator"
            elif "proses" in kinds:
                step.kind = "proses"
            elif "dokumen" in kinds:
                step.kind = "dokumen"
            else:
                step.kind = "terminator"
    for j in guessed:  # connectors paired by their order, not by a printed label
        reached = [symbols[t].row for t, _ in nxt.get(j, [])]
        reached += [symbols[e.dst].row for e in succ.get(j, [])]
        rows = sorted(x for x in reached if x is not None)
        r = rows[0] if rows else 0
        flow.notes.append(Uncertain(
            where=f"langkah {r + 1}", key=None, code="import.note.connectors_paired"))
    for page, (_, y), code in page_notes:
        rows = [r for r, row in enumerate(table.rows)
                if any(sp.page == page and sp.top <= y <= sp.bottom for sp in row.spans)]
        r = rows[0] if rows else 0
        flow.notes.append(Uncertain(where=f"langkah {r + 1}", key=None, code=code))


def _place(symbols: list[Symbol], table: Table) -> None:
    """The row (by Span) and actor column (by x-range) of each symbol."""
    for s in symbols:
        for r, row in enumerate(table.rows):
            for sp in row.spans:
                if sp.page == s.page and sp.top <= s.cy <= sp.bottom:
                    s.row = r
                    break
            if s.row is not None:
                break
        cols = table.columns.get(s.page) or []
        best, found = math.inf, None
        for c, col in enumerate(cols):
            if col.x0 <= s.cx <= col.x1:
                found, best = c, 0.0
                break
            dist = min(abs(s.cx - col.x0), abs(s.cx - col.x1))
            if dist < best:
                best, found = dist, c
        s.col = found


def _pair_connectors(symbols: list[Symbol], edges: list[Edge],
                     guessed: list[int] | None = None) -> dict[int, list[int]]:
    """Each connector that an arrow enters -> the connectors it continues from (the same
    label; off-page ones on another page, circles on the same page or any)."""
    ins = {e.dst for e in edges}
    outs = {e.src for e in edges}
    pairs: dict[int, list[int]] = {}
    conns = [k for k, s in enumerate(symbols) if s.kind in ("offpage", "circle")]
    used: set[int] = set()
    for k in conns:
        if k not in ins:
            continue
        a = symbols[k]
        cands = [j for j in conns if j != k and j in outs and j not in ins
                 and symbols[j].kind == a.kind
                 and (a.kind == "circle" or symbols[j].page != a.page)]
        label = _label(a.text)
        same = [j for j in cands if label and _label(symbols[j].text) == label]
        if same:  # the nearest page first (labels may start again on each sheet)
            pairs[k] = [min(same, key=lambda j: (abs(symbols[j].page - a.page),
                                                 symbols[j].page < a.page, symbols[j].top))]
            continue
        rest = [j for j in cands if j not in used and not _label(symbols[j].text)]
        if rest:  # no label to go by: the first unused one on the next page
            j = min(rest, key=lambda j: (symbols[j].page <= a.page,
                                         abs(symbols[j].page - a.page), symbols[j].top,
                                         symbols[j].x0))
            used.add(j)
            pairs[k] = [j]
            if guessed is not None:
                guessed.append(j)
    return pairs


def _label(text: str) -> str:
    """A connector's label: a short token (a number or letters); other words that happen
    to stand over it are none."""
    token = re.sub(r"\s+", "", text).upper()
    return token if re.fullmatch(r"[A-Z0-9]{1,3}", token) else ""


def _exits(r: int, start: int, symbols: list[Symbol],
           nxt: dict[int, list[tuple[int, Edge]]]) -> tuple[list[int], bool]:
    """The rows reached from a symbol of row r (through other symbols of the same row), and
    whether some path ends in a capsule of this row (the end)."""
    rows: list[int] = []
    end = False
    seen = {start}
    stack = [start]
    while stack:
        k = stack.pop()
        outs = nxt.get(k, [])
        if not outs and k != start and symbols[k].kind == "terminator":
            end = True
        for t, _ in outs:
            tr = symbols[t].row
            if tr is None:
                continue
            if tr != r:
                if tr not in rows:
                    rows.append(tr)
            elif t not in seen:
                seen.add(t)
                stack.append(t)
    return rows, end


def _pick(r: int, rows: list[int]) -> int:
    """The nearest valid reading of a fork: the next row, else the nearest row ahead, else
    the nearest row back."""
    if r + 1 in rows:
        return r + 1
    ahead = [t for t in rows if t > r]
    if ahead:
        return min(ahead)
    return max(rows)


def _dead_ends(r: int, members: list[int], symbols: list[Symbol],
               nxt: dict[int, list[tuple[int, Edge]]], notes: list[Uncertain], n: int,
               joined: _UF, table: Table, key: str) -> None:
    """A note for each symbol of the row (but the last row's) that no arrow leaves, alone
    or through the symbols it is joined to."""
    for k in members:
        if symbols[k].kind in ("terminator", "keputusan") or r >= n - 1:
            continue
        if not any(joined.find(j) == joined.find(k) and nxt.get(j) for j in members):
            notes.append(Uncertain(
                where=f"langkah {r + 1}", key=key, code="import.note.no_way_out",
                params={"actor": _actor(table, symbols[k].col)}))


def _process(r: int, members: list[int], symbols: list[Symbol],
             nxt: dict[int, list[tuple[int, Edge]]], step: StepFlow,
             notes: list[Uncertain], n: int, joined: _UF, table: Table) -> None:
    where = f"langkah {r + 1}"
    rows: list[int] = []
    end = False
    for k in members:
        got, e = _exits(r, k, symbols, nxt)
        end = end or e
        for t in got:
            if t not in rows:
                rows.append(t)
    _dead_ends(r, members, symbols, nxt, notes, n, joined, table, "lanjut")
    if not rows:
        if r == n - 1:
            return
        ends_here = end or any(symbols[k].kind == "terminator" and not nxt.get(k)
                               for k in members)
        if ends_here and r > 0:
            step.lanjut = SELESAI
            return
        notes.append(Uncertain(
            where=where, key="lanjut", code="import.note.no_arrow_on",
            params={"step": r + 1, "next": r + 2}))
        return
    t = _pick(r, rows)
    if len(rows) > 1:
        listed = Joined(tuple(x + 1 for x in sorted(rows)), "import.note.and")
        notes.append(Uncertain(
            where=where, key="lanjut", code="import.note.many_arrows",
            params={"step": r + 1, "count": _count(len(rows)), "targets": listed,
                    "chosen": t + 1}))
    if t != r + 1:
        step.lanjut = t


def _decision_wires(group: list[int], symbols: list[Symbol],
                    nxt: dict[int, list[tuple[int, Edge]]],
                    ) -> tuple[dict[int, list[int]], dict[int, Point], dict[int, Symbol]]:
    """The branches of a decision, one per wire leaving one of its diamonds: the symbols
    each reaches, where it leaves, and the diamond it leaves."""
    branches: dict[int, list[int]] = {}
    starts: dict[int, Point] = {}
    source: dict[int, Symbol] = {}
    for d in group:
        for t, e in nxt.get(d, []):
            if t in group:
                continue
            branches.setdefault(e.wire, []).append(t)
            starts.setdefault(e.wire, e.start)
            source.setdefault(e.wire, symbols[d])
    return branches, starts, source


def _decision(r: int, group: list[int], symbols: list[Symbol],
              nxt: dict[int, list[tuple[int, Edge]]], drawings: dict[int, PageDrawing],
              table: Table, step: StepFlow, notes: list[Uncertain], endcaps: set[int],
              n: int, claimed: dict[tuple[int, int], tuple[float, int]]) -> None:
    """The two branches of the decision drawn by the diamonds of ``group`` (one step drawn
    in several columns has a diamond in each, joined by a line)."""
    where = f"langkah {r + 1}"
    branches, starts, source = _decision_wires(group, symbols, nxt)
    dia = symbols[group[0]]
    found: list[tuple[int, Target, Point]] = []  # wire, target, start
    for wire, targets in branches.items():
        rows: list[int] = []
        end = False
        for t in targets:
            tr = symbols[t].row
            if tr is None:
                continue
            if tr != r:
                if tr not in rows:
                    rows.append(tr)
                continue
            if symbols[t].kind == "terminator" and not nxt.get(t):
                end = True
                endcaps.add(t)
                continue
            got, e2 = _exits(r, t, symbols, nxt)
            if not got and (e2 or symbols[t].kind == "terminator"):
                end = True
            rows.extend(x for x in got if x not in rows)
        if rows:
            tgt: Target = _pick(r, rows)
            if len(rows) > 1:
                notes.append(Uncertain(
                    where=where, key="keputusan", code="import.note.branch_forks",
                    params={"targets": Joined(tuple(x + 1 for x in sorted(rows)),
                                              "import.note.and"),
                            "chosen": int(tgt) + 1}))
        elif end:
            tgt = SELESAI
        else:
            continue
        found.append((wire, tgt, starts[wire]))
    labels = _branch_labels(source, found, drawings.get(dia.page), claimed, r)
    if len(found) > 2:
        notes.append(Uncertain(
            where=where, key="keputusan", code="import.note.decision_many_arrows",
            params={"count": _count(len(found))}))
        # keep the labelled ones first, then the ones nearest in rows
        found.sort(key=lambda f: (labels.get(f[0]) is None,
                                  abs((f[1] if isinstance(f[1], int) else n) - r)))
        found = found[:2]
    if not found:
        notes.append(Uncertain(
            where=where, key="keputusan", code="import.note.branches_unread"))
        step.ya = r + 1 if r + 1 < n else SELESAI
        return
    if len(found) == 1:
        wire, tgt, _ = found[0]
        other: Target = r + 1 if r + 1 < n else SELESAI
        if other == tgt:
            other = SELESAI
        word = labels.get(wire)
        if word is not None and _norm(word) in TIDAK_WORDS:
            step.ya, step.tidak = other, tgt
            step.label_tidak = word
        else:
            step.ya, step.tidak = tgt, other
            step.label_ya = word
        notes.append(Uncertain(
            where=where, key="keputusan", code="import.note.one_branch",
            params={"target": _say(other)}))
        return
    (w1, t1, s1), (w2, t2, s2) = found
    l1, l2 = labels.get(w1), labels.get(w2)
    first = _which_ya(r, source, (w1, t1, s1, l1), (w2, t2, s2, l2), table, notes)
    if first:
        step.ya, step.tidak, step.label_ya, step.label_tidak = t1, t2, l1, l2
    else:
        step.ya, step.tidak, step.label_ya, step.label_tidak = t2, t1, l2, l1


def _actor(table: Table, col: int | None) -> str:
    """An actor column by its printed title (quoted), else by its number."""
    if col is not None and 0 <= col < len(table.actors) and table.actors[col].strip():
        return f"'{' '.join(table.actors[col].split())}'"
    return str((col or 0) + 1)


def _count(k: int) -> tuple[str, dict[str, Any]] | int:
    """A small count in words, as the notes say it (a message), else the number."""
    return (f"import.note.count{k}", {}) if 2 <= k <= 6 else k


def _find_word(text: str, label: str) -> int:
    """Where a label's words stand in a text (as whole words), or -1."""
    words = " ".join(label.lower().split())
    m = re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text)
    return m.start() if m else -1


def _say(t: Target) -> tuple[str, dict[str, Any]]:
    """A target as a note says it (a message)."""
    return ("import.note.to_end", {}) if t == SELESAI else (
        "import.note.to_step", {"step": int(t) + 1})


def _norm(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


def _which_ya(r: int, source: dict[int, Symbol], b1: tuple[int, Target, Point, str | None],
              b2: tuple[int, Target, Point, str | None], table: Table,
              notes: list[Uncertain]) -> bool:
    """True when the first branch is "ya"."""
    where = f"langkah {r + 1}"
    l1, l2 = b1[3], b2[3]
    n1, n2 = _norm(l1 or ""), _norm(l2 or "")
    if n1 in YA_WORDS or n2 in TIDAK_WORDS:
        return not (n2 in YA_WORDS and n1 not in YA_WORDS)
    if n2 in YA_WORDS or n1 in TIDAK_WORDS:
        return False
    if l1 and l2:  # a word pair: the one the question, else the activity, names first
        row = table.rows[r]
        kegiatan = " ".join(row.kegiatan) if isinstance(row.kegiatan, list) else row.kegiatan
        for text in (row.tanya, kegiatan):
            flat = " ".join(text.lower().split())
            p1, p2 = _find_word(flat, l1), _find_word(flat, l2)
            if p1 >= 0 and (p2 < 0 or p1 < p2):
                return True
            if p2 >= 0:
                return False
    # else the one that continues down out of the diamond, else the one to the next step
    notes.append(Uncertain(
        where=where, key="keputusan", code="import.note.labels_unclear"))
    def ahead(t: Target) -> bool:
        return isinstance(t, int) and t > r

    # the one that goes on down the procedure: to the next step; else out of the diamond's
    # bottom and on ahead; else out of its bottom at all
    if (b1[1] == r + 1) != (b2[1] == r + 1):
        return b1[1] == r + 1
    down1 = b1[2][1] >= source[b1[0]].bottom - TOUCH - 0.5
    down2 = b2[2][1] >= source[b2[0]].bottom - TOUCH - 0.5
    on1, on2 = down1 and ahead(b1[1]), down2 and ahead(b2[1])
    if on1 != on2:
        return on1
    if down1 != down2:
        return down1
    return True


def _label_groups(d: PageDrawing) -> list[tuple[tuple[float, float, float, float], str]]:
    """The page's free words (in the rows, outside every symbol) grouped into printed
    lines: (box, text), read once per page."""
    if d.labels is not None:
        return d.labels
    free = [w for w in d.words
            if not any(_inside(((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2),
                               s.outline) for s in d.symbols)
            and any(a <= (w["top"] + w["bottom"]) / 2 <= b for a, b in d.bands)]
    groups: list[list[dict[str, Any]]] = []
    for w in sorted(free, key=lambda w: (round(w["top"]), w["x0"])):
        for g in groups:
            last = g[-1]
            if abs(last["top"] - w["top"]) < 2 and 0 <= w["x0"] - last["x1"] < 6:
                g.append(w)
                break
        else:
            groups.append([w])
    d.labels = [((min(w["x0"] for w in g), min(w["top"] for w in g),
                  max(w["x1"] for w in g), max(w["bottom"] for w in g)),
                 " ".join(w["text"] for w in g)) for g in groups]
    return d.labels


def _label_scores(source: dict[int, Symbol], starts: list[tuple[int, Point]],
                  d: PageDrawing) -> dict[tuple[int, int], float]:
    """Each label's distance to each branch (wire, label index): to where the branch leaves
    the diamond, or to its line further on."""
    reach = _reach(source)
    score: dict[tuple[int, int], float] = {}
    for g_index, (box, _) in enumerate(_label_groups(d)):
        for wire, start in starts:
            dist = _dist_box(start, box)
            best = dist if dist <= reach else math.inf
            line = min((_dist_box_seg(sg, box) for sg in d.wire_segs.get(wire, ())),
                       default=math.inf)
            if line <= 5.0:  # on the line: the nearer the diamond, the likelier its own
                dia = source[wire]
                far = _dist_box(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
                                (dia.x0, dia.top, dia.x1, dia.bottom))
                best = min(best, line + 0.1 * far)
            if best < math.inf:
                score[(wire, g_index)] = best
    return score


def _reach(source: dict[int, Symbol]) -> float:
    return max([30.0] + [s.x1 - s.x0 for s in source.values()])


def _branch_labels(source: dict[int, Symbol], found: list[tuple[int, Target, Point]],
                   d: PageDrawing | None,
                   claimed: dict[tuple[int, int], tuple[float, int]] | None = None,
                   row: int = -1) -> dict[int, str]:
    """The words printed near where each branch leaves the diamond (or along its line);
    ``claimed``: each label's best score over every decision of the page (a label nearer
    to another decision's branch is that one's)."""
    if d is None or not found:
        return {}
    texts = [t for _, t in _label_groups(d)]
    reach = _reach(source)
    score = _label_scores(source, [(w, st) for w, _, st in found], d)
    if claimed:  # a label another decision is nearer to is that one's
        score = {k: v for k, v in score.items()
                 if claimed.get((d.page, k[1]), (v, row))[1] == row
                 or v <= claimed[(d.page, k[1])][0] + 1.0}
    # the assignment of labels to branches (each label to one branch) nearest in all
    wires = [f[0] for f in found][:4]
    labels = sorted({g for (_, g) in score})
    if len(labels) > 8:  # keep the nearest ones
        labels = sorted(labels, key=lambda g: min(score.get((w, g), math.inf)
                                                  for w in wires))[:8]
    miss = 2 * reach  # the price of a branch left without a label
    best_total: float = math.inf
    best_pick: list[int | None] = [None] * len(wires)
    for pick in itertools.product([None, *labels], repeat=len(wires)):
        chosen = [g for g in pick if g is not None]
        if len(chosen) != len(set(chosen)):
            continue
        total = sum(miss if g is None else score.get((w, g), math.inf)
                    for w, g in zip(wires, pick, strict=True))
        if total < best_total:
            best_total, best_pick = total, list(pick)
    return {w: texts[g] for w, g in zip(wires, best_pick, strict=True) if g is not None}


def _dist_box(p: Point, box: tuple[float, float, float, float]) -> float:
    dx = max(box[0] - p[0], 0, p[0] - box[2])
    dy = max(box[1] - p[1], 0, p[1] - box[3])
    return math.hypot(dx, dy)


def _dist_box_seg(sg: Seg, box: tuple[float, float, float, float]) -> float:
    """The distance between a segment and a box (0 where they meet)."""
    x0, y0, x1, y1 = box
    if _crosses_rect(sg, box):
        return 0.0
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return min([_dist_seg(c, sg) for c in corners]
               + [_dist_box((sg[0], sg[1]), box), _dist_box((sg[2], sg[3]), box)])
