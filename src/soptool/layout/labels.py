"""Branch labels: the printed word of a decision branch, placed where the branch leaves the
diamond, and moved at the end when a line drawn later crosses it."""

from __future__ import annotations

import functools

from soptool.layout.chart import END_CAP_H, LABEL_PT, MID, Label, Row, Y
from soptool.layout.state import State
from soptool.model import Sop

# Advance widths of Liberation Sans (the metrics of Arial), in thousandths of an em, for the
# letters of branch labels; other characters count as 0.6 em.
_ADVANCE = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
    500, 278, 556, 500, 722, 500, 500, 500), strict=True))
_ADVANCE.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
    667, 611, 722, 667, 944, 667, 667, 611), strict=True))
_ADVANCE.update({" ": 278, ".": 278, ",": 278, "-": 333, "/": 278, "(": 333, ")": 333})
_ADVANCE.update({d: 556 for d in "0123456789"})
_EM_MM = LABEL_PT * 25.4 / 72


@functools.lru_cache(maxsize=4096)
def label_width(text: str) -> float:
    """The printed width of a label (mm), with 8 % to spare for the font's rendering."""
    return sum(_ADVANCE.get(ch, 600) for ch in text) / 1000 * _EM_MM * 1.08


def branch_label(sop: Sop, index: int, branch: str | None) -> str:
    """The printed word of a decision branch: Ya/Tidak or the step's own labels."""
    k = sop.langkah[index].keputusan
    if k is None or branch not in ("ya", "tidak"):
        return ""
    if branch == "ya":
        return str(k.label_ya) if k.label_ya else "Ya"
    return str(k.label_tidak) if k.label_tidak else "Tidak"


def exit_label(state: State, row: Row, side: str, x: float, branch: str | None,
               below: bool = False, high: bool = False) -> None:
    """Label a decision branch where it leaves the diamond.

    Beside a side exit the label sits above the line, or below it when the line turns
    up into a lane (so that the label never crosses the lane).
    """
    text = branch_label(state.sop, row.index, branch)
    if not text:
        return
    h = state.sym_h(row)
    # ``high``: above an end capsule or connector standing on the line
    dy = 3.4 if below else (-(END_CAP_H / 2 + 0.6) if high else -1.2)
    if side == "bottom":
        # beside the line going down: on the right, unless that leaves the actor area or
        # a line runs there
        w = label_width(text) + 0.6

        def clear(x0: float, x1: float) -> bool:
            return not any(ln.kind == "flow" and ln.vertical and x0 <= ln.x1 <= x1
                           and abs(ln.x1 - x) > 1e-6 for ln in row.lines)

        right_ok = x + 1.2 + w <= state.widths.actor_area - 0.5 and clear(x, x + 1.2 + w)
        if not right_ok and clear(x - 1.2 - w, x):
            row.labels.append(Label(x - 1.2, Y(MID, h / 2 + 2.6), text, "end"))
        else:
            row.labels.append(Label(x + 1.2, Y(MID, h / 2 + 2.6), text, "start"))
    elif side == "right":
        row.labels.append(Label(x + 1.0, Y(MID, dy), text, "start"))
    else:
        row.labels.append(Label(x - 1.0, Y(MID, dy), text, "end"))


def label_box(row: Row, lb: Label) -> tuple[float, float, float, float]:
    """The box a label covers (x0, y0, x1, y1), in the row at its estimated height."""
    return _box(lb.x, lb.anchor, lb.y.at(row.height), label_width(lb.text))


def _box(x: float, anchor: str, y: float, w: float) -> tuple[float, float, float, float]:
    """The box of a label ``w`` mm wide anchored at ``x`` on the baseline ``y``."""
    x0 = x if anchor == "start" else x - w
    return (x0 - 0.2, y - 2.3, x0 + w + 0.2, y + 0.5)


def box_on_shape(box: tuple[float, float, float, float], kind: str, cx: float, cy: float,
                 w: float, h: float, margin: float = 0.3) -> bool:
    """Whether a box touches a symbol (a diamond by its own outline, the others by their
    bounding box), within ``margin``."""
    x0, y0, x1, y1 = box
    a, b = w / 2 + margin, h / 2 + margin
    if not (x0 < cx + a and x1 > cx - a and y0 < cy + b and y1 > cy - b):
        return False
    if kind != "decision":
        return True
    # the box's point nearest the centre, inside the diamond?
    dx = abs(min(max(cx, x0), x1) - cx)
    dy = abs(min(max(cy, y0), y1) - cy)
    return dx / a + dy / b < 1.0


Box = tuple[float, float, float, float]


class _Clearance:
    """Whether a label's box stays clear of lines, column borders, symbols and the
    ``others`` labels, inside the actor columns of ``row``: the row's geometry worked out
    once, since a label that must move tries up to some thousands of places.

    Every test is a condition on the box's x extent and one on its y extent, so the search
    over a grid of places (``grid``) tests each column and each line of places once and
    combines them as bit masks; calling it tests one box."""

    area: float
    height: float
    borders: list[float]
    verticals: list[tuple[float, float, float]]  # x, top, bottom
    horizontals: list[tuple[float, float, float]]  # y, left, right
    shapes: list[tuple[float, float, float, float]]  # cx, cy, w, h
    boxes: list[Box]  # the other labels'

    def __init__(self, state: State, row: Row, others: list[Label],
                 same_row: _Clearance | None = None) -> None:
        self.boxes = [label_box(row, other) for other in others]
        if same_row is not None:  # the row's geometry as worked out for another label
            self.area, self.height, self.borders = same_row.area, same_row.height, \
                same_row.borders
            self.verticals, self.horizontals = same_row.verticals, same_row.horizontals
            self.shapes = same_row.shapes
            return
        self.area = state.widths.actor_area
        height = self.height = row.height
        wc = state.widths.actor
        self.borders = [b * wc for b in range(1, state.n)]
        verticals: list[tuple[float, float, float]] = []  # x, top, bottom
        horizontals: list[tuple[float, float, float]] = []  # y, left, right
        for ln in row.lines:
            if ln.kind != "flow":
                continue
            a, b = sorted((ln.y1.at(height), ln.y2.at(height)))
            if ln.vertical:
                verticals.append((ln.x1, a, b))
            else:
                horizontals.append((a, min(ln.x1, ln.x2), max(ln.x1, ln.x2)))
        self.verticals = verticals
        self.horizontals = horizontals
        self.shapes = [(sh.cx, sh.cy.at(height), sh.w, sh.h) for sh in row.shapes]

    def __call__(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0.3 or x1 > self.area - 0.3 or y0 < 0.3 or y1 > self.height - 0.3:
            return False
        if any(x0 - 0.3 < b < x1 + 0.3 for b in self.borders):
            return False  # across a column border
        for x, a, b in self.verticals:
            if x0 < x < x1 and a < y1 and b > y0:
                return False
        for a, left, right in self.horizontals:
            if y0 < a < y1 and left < x1 and right > x0:
                return False
        for cx, cy, w, h in self.shapes:
            # by the bounding box, even a diamond: a label never tucks under its tips
            if box_on_shape(box, "", cx, cy, w, h):
                return False
        return all(not (x0 < a1 and x1 > a0 and y0 < b1 and y1 > b0)
                   for a0, b0, a1, b1 in self.boxes)

    def x_mask(self, x0: float, x1: float) -> int:
        """The x half of ``__call__`` for a box from ``x0`` to ``x1``: bit 0 when it
        fails on its own, bit 1 always, and from bit 2 each obstacle the x extent meets."""
        if x0 < 0.3 or x1 > self.area - 0.3 or any(x0 - 0.3 < b < x1 + 0.3
                                                   for b in self.borders):
            return 3
        mask, bit = 2, 4
        for x, _a, _b in self.verticals:
            if x0 < x < x1:
                mask |= bit
            bit <<= 1
        for _a, left, right in self.horizontals:
            if left < x1 and right > x0:
                mask |= bit
            bit <<= 1
        for cx, _cy, w, _h in self.shapes:
            a = w / 2 + 0.3  # box_on_shape's margin
            if x0 < cx + a and x1 > cx - a:
                mask |= bit
            bit <<= 1
        for a0, _b0, a1, _b1 in self.boxes:
            if x0 < a1 and x1 > a0:
                mask |= bit
            bit <<= 1
        return mask

    def y_mask(self, y0: float, y1: float) -> int:
        """The y half of ``__call__`` (``x_mask``'s bits): bit 1 when the y extent fails
        on its own, bit 0 always, and each obstacle it meets."""
        if y0 < 0.3 or y1 > self.height - 0.3:
            return 3
        mask, bit = 1, 4
        for _x, a, b in self.verticals:
            if a < y1 and b > y0:
                mask |= bit
            bit <<= 1
        for a, _left, _right in self.horizontals:
            if y0 < a < y1:
                mask |= bit
            bit <<= 1
        for _cx, cy, _w, h in self.shapes:
            b = h / 2 + 0.3
            if y0 < cy + b and y1 > cy - b:
                mask |= bit
            bit <<= 1
        for _a0, b0, _a1, b1 in self.boxes:
            if y0 < b1 and y1 > b0:
                mask |= bit
            bit <<= 1
        return mask


def _clearance(state: State, row: Row, others: list[Label]) -> _Clearance:
    """The clearance test of labels in ``row`` (``_Clearance``)."""
    return _Clearance(state, row, others)


# How far a label may move to be clear (mm): along its line, and up or down.
_SHIFTS = tuple(float(k) for k in range(-14, 15))
_LIFTS = tuple(sorted((round(0.35 * k, 2) for k in range(-24, 25)), key=lambda d: (abs(d), -d)))


def _offsets(sign: float) -> list[tuple[bool, float, float]]:
    """(mirrored, dx, dy) of the places a label may move to, nearest first: shifted along
    its line (away from the symbol first), lifted, or mirrored to the other side."""
    out: list[tuple[float, int, tuple[bool, float, float]]] = []
    for m in (False, True):
        for dy in _LIFTS:
            for dx in _SHIFTS:
                # away from the symbol (along the line) is cheaper than back toward it
                cost = abs(dx) * (0.6 if dx * sign > 0 else 1.5) + abs(dy) + 3.0 * m
                out.append((cost, len(out), (m, dx, dy)))
    out.sort(key=lambda t: (t[0], t[1]))
    return [o for _, _, o in out]


_OFFSETS = {1.0: _offsets(1.0), -1.0: _offsets(-1.0)}


# ``_OFFSETS`` as a grid: the (mirrored, dx) of each column, the dy of each line, and the
# (column, line) of each offset, in ``_OFFSETS``' order.
_GRID = {sign: ([(m, dx) for m in (False, True) for dx in _SHIFTS], list(_LIFTS),
                 [(len(_SHIFTS) * m + _SHIFTS.index(dx), _LIFTS.index(dy))
                  for m, dx, dy in _OFFSETS[sign]])
         for sign in (1.0, -1.0)}


@functools.lru_cache(maxsize=4096)
def _grid_at(x: float, off: float, anchor: str) -> tuple[list[tuple[float, str]], list[float],
                                                        list[tuple[int, int]]]:
    sign = 1.0 if anchor == "start" else -1.0
    flipped = "end" if sign > 0 else "start"
    columns, lifts, order = _GRID[sign]
    xs = [(round((x - 2.2 * sign if m else x) + dx, 3), flipped if m else anchor)
          for m, dx in columns]
    ys = [round(off + dy, 3) for dy in lifts]
    return xs, ys, order


def _grid(lb: Label) -> tuple[list[tuple[float, str]], list[float], list[tuple[int, int]]]:
    """The places a label may move to, as a grid: the (x, anchor) of each column (shifted
    along its line, or mirrored to the other side), the offset of its baseline in the row
    for each line (lifted), and the (column, line) of each place, nearest first
    (``_OFFSETS``)."""
    return _grid_at(lb.x, lb.y.off, lb.anchor)  # the same for many labels: kept, never changed


class _Masks:
    """The x and y masks (``_Clearance.x_mask``) of the boxes ``w`` wide at the grid's
    columns and at its lines (baselines ``base`` + (each offset - ``gap``)), each worked
    out when a place first needs it: a place is clear when its two masks share no bit."""

    def __init__(self, clear: _Clearance, xs: list[tuple[float, str]], ys: list[float],
                 w: float, base: float, gap: float = 0.0) -> None:
        self.clear, self.xs, self.ys, self.w, self.base, self.gap = clear, xs, ys, w, base, gap
        self.xm: list[int | None] = [None] * len(xs)
        self.ym: list[int | None] = [None] * len(ys)

    def x(self, xi: int) -> int:
        """The mask of column ``xi`` (worked out now and kept)."""
        x, anchor = self.xs[xi]
        w = self.w
        x0 = x if anchor == "start" else x - w  # as _box
        mask = self.xm[xi] = self.clear.x_mask(x0 - 0.2, x0 + w + 0.2)
        return mask

    def y(self, yi: int) -> int:
        """The mask of line ``yi`` (worked out now and kept)."""
        y = self.base + (self.ys[yi] - self.gap)
        mask = self.ym[yi] = self.clear.y_mask(y - 2.3, y + 0.5)
        return mask

    def at(self, xi: int, yi: int) -> bool:
        """Whether the place in column ``xi`` and line ``yi`` is clear."""
        a = self.xm[xi]
        b = self.ym[yi]
        return not (self.x(xi) if a is None else a) & (self.y(yi) if b is None else b)


def _first_clear(row: Row, lb: Label, clear: _Clearance) -> Label | None:
    """The first clear place of ``lb`` (``_grid``), worked out on the grid's masks, a
    Label made only for the one found."""
    frac, height = lb.y.frac, row.height
    xs, ys, order = _grid(lb)
    masks = _Masks(clear, xs, ys, label_width(lb.text), frac * height)
    xm, ym = masks.xm, masks.ym
    for xi, yi in order:
        # _Masks.at, without a call for the masks already known
        a = xm[xi]
        if a is None:
            a = masks.x(xi)
        b = ym[yi]
        if b is None:
            b = masks.y(yi)
        if not a & b:
            x, anchor = xs[xi]
            return Label(x, Y(frac, ys[yi]), lb.text, anchor)
    return None


def fix_labels(state: State) -> None:
    """Pass: move a label that a later line crossed, or that crosses a column border or
    leaves the actor columns: the nearest clear place (along its line, higher or lower,
    or mirrored).

    Reads each row's lines, shapes and height; writes its labels.
    """
    for row in state.rows:
        geometry: _Clearance | None = None  # lines, shapes, height: the same for each label
        for i, lb in enumerate(row.labels):
            others = row.labels[:i] + row.labels[i + 1:]
            clear = geometry = _Clearance(state, row, others, geometry)
            if clear(label_box(row, lb)):
                continue
            alt = _first_clear(row, lb, clear)
            if alt is not None:
                row.labels[i] = alt
            else:
                fitted = _in_gap(state, row, lb, others)
                if fitted is not None:
                    row.labels[i] = fitted
                    continue
                # wider than the room a column gives: on two lines, if that is clear
                pair = _two_lines(state, row, lb, others) or _anywhere(state, row, lb, others)
                if pair is not None:
                    row.labels[i] = pair[0]
                    if len(pair) > 1:
                        row.labels.insert(i + 1, pair[1])


def _in_gap(state: State, row: Row, lb: Label, others: list[Label]) -> Label | None:
    """A label fitted just under or over a symbol or a line (the gaps a grid of lifts may
    step over), nearest first; None when none is clear."""
    base = lb.y.at(row.height)
    edges = [y for sh in row.shapes for y in (sh.cy.at(row.height) - sh.h / 2,
                                               sh.cy.at(row.height) + sh.h / 2)]
    edges += [ln.y1.at(row.height) for ln in row.lines if ln.kind == "flow"
              and not ln.vertical]
    lifts = sorted({round(d, 3) for y in edges
                    for d in (y + 0.35 - (base - 2.3), y - 0.35 - (base + 0.5))
                    if abs(d) <= 8.4}, key=lambda d: (abs(d), d))
    sign = 1.0 if lb.anchor == "start" else -1.0
    clear = _clearance(state, row, others)
    # the places as a grid (_grid): the columns mirrored or not, each shifted nearest first
    xs = []
    for m in (False, True):
        x = lb.x - 2.2 * sign if m else lb.x
        anchor = ("end" if sign > 0 else "start") if m else lb.anchor
        xs += [(round(x + dx, 3), anchor) for dx in _NEAREST_SHIFTS]
    ys = [round(lb.y.off + dy, 3) for dy in lifts]
    at = _Masks(clear, xs, ys, label_width(lb.text), lb.y.frac * row.height).at
    per = len(_NEAREST_SHIFTS)
    for first in (0, per):
        for yi in range(len(ys)):
            for xi in range(first, first + per):
                if at(xi, yi):
                    x, anchor = xs[xi]
                    return Label(x, Y(lb.y.frac, ys[yi]), lb.text, anchor)
    return None


_NEAREST_SHIFTS = sorted(_SHIFTS, key=abs)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


LINE_GAP = 2.9  # between the lines of a label on two lines (a label's box is 2.8 high)


def _two_lines(state: State, row: Row, lb: Label,
               others: list[Label]) -> tuple[Label, Label] | None:
    """A label's words on two lines (the first above the second, the second where the
    label stood), at the nearest clear place; None when that finds none either."""
    words = lb.text.split()
    if len(words) < 2:
        return None
    cut = min(range(1, len(words)), key=lambda k: (abs(len(" ".join(words[:k]))
                                                      - len(" ".join(words[k:]))), k))
    first, second = " ".join(words[:cut]), " ".join(words[cut:])
    clear = _clearance(state, row, others)
    w_top, w_bottom = label_width(first), label_width(second)
    frac, height = lb.y.frac, row.height
    xs, ys, order = _grid(lb)
    top = _Masks(clear, xs, ys, w_top, frac * height, LINE_GAP)
    bottom = _Masks(clear, xs, ys, w_bottom, frac * height)
    txm, tym, bxm, bym = top.xm, top.ym, bottom.xm, bottom.ym
    for xi, yi in order:
        # top.at and bottom.at, without a call for the masks already known
        a = txm[xi]
        if a is None:
            a = top.x(xi)
        b = tym[yi]
        if b is None:
            b = top.y(yi)
        if a & b:
            continue
        a = bxm[xi]
        if a is None:
            a = bottom.x(xi)
        b = bym[yi]
        if b is None:
            b = bottom.y(yi)
        if a & b:
            continue
        x, anchor = xs[xi]
        y_off = ys[yi]
        top_box = _box(x, anchor, frac * height + (y_off - LINE_GAP), w_top)
        bottom_box = _box(x, anchor, frac * height + y_off, w_bottom)
        if not _overlap(top_box, bottom_box):
            return (Label(x, Y(frac, y_off - LINE_GAP), first, anchor),
                    Label(x, Y(frac, y_off), second, anchor))
    return None


def _anywhere(state: State, row: Row, lb: Label,
              others: list[Label]) -> tuple[Label, ...] | None:
    """The last resort of a label that finds no clear place near its line: the clear place
    nearest to it anywhere in its row's actor columns, at any height of the row, on one
    line or else on its words' most even cut in two; None when the row has none (the label
    then stays where it is)."""
    clear = _clearance(state, row, others)
    words = lb.text.split()
    layouts: list[tuple[str, ...]] = [(lb.text,)]
    if len(words) > 1:
        k = min(range(1, len(words)), key=lambda k: (abs(len(" ".join(words[:k]))
                                                        - len(" ".join(words[k:]))), k))
        layouts.append((" ".join(words[:k]), " ".join(words[k:])))
    x0, y0, x1, y1 = label_box(row, lb)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    frac, height = lb.y.frac, row.height
    lefts = [0.5 * k for k in range(int(state.widths.actor_area / 0.5) + 1)]
    bases = [0.35 * k for k in range(int(height / 0.35) + 1)]  # the last line's baseline
    for lines in layouts:
        widths = [label_width(t) for t in lines]
        rise = LINE_GAP * (len(lines) - 1)  # the first line's baseline above the last's
        w = max(widths)
        # nearest first: the distance of the block's centre from the label's, then x, then
        # the baseline. The distance is a sum of an x part and a y part, and a place is
        # clear when its x masks and its y masks share no bit (``_Clearance.x_mask``).
        # Rounding is monotonic, so the sum is never less than either part: the baselines
        # are tried nearest in y first, each one's columns nearest in x first, and a search
        # stops where the sum passes the best place found.
        dxs = [abs(x + w / 2 - cx) for x in lefts]
        by_x = sorted(range(len(lefts)), key=lambda i: (dxs[i], lefts[i]))
        xms: list[list[int | None]] = [[None] * len(lefts) for _ in lines]
        dys = sorted((abs(base - rise / 2 - 0.9 - cy), base) for base in bases)
        best: tuple[float, float, float] | None = None
        for dy, base in dys:
            if best is not None and dy > best[0]:
                break
            yms = [clear.y_mask(y - 2.3, y + 0.5) for y in
                   (base - rise + LINE_GAP * j for j in range(len(lines)))]
            found: tuple[float, float] | None = None  # the nearest clear place's sum and x
            for i in by_x:
                d = dxs[i] + dy
                if (best is not None and d > best[0]) or (found is not None
                                                          and d != found[0]):
                    break
                x = lefts[i]
                ok = True
                for j, ym in enumerate(yms):
                    xm = xms[j][i]
                    if xm is None:
                        xm = xms[j][i] = clear.x_mask(x - 0.2, x + widths[j] + 0.2)
                    if xm & ym:
                        ok = False
                        break
                if ok and (found is None or x < found[1]):
                    found = (d, x)
            if found is not None and (best is None or (*found, base) < best):
                best = (*found, base)
        if best is not None:
            _, x, base = best
            off = round(base - frac * height, 3)
            return tuple(Label(round(x, 3), Y(frac, round(off - rise + LINE_GAP * j, 3)),
                               t, "start") for j, t in enumerate(lines))
    return None
