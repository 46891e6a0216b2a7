"""Lanes: back-loops and forward jumps run in lanes beside the symbols, close to the column
borders, where no symbol ever stands. Each lane is taken by one edge over the rows it spans,
and the lane is chosen to cross as few other lines as possible.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable

from soptool.graph import END
from soptool.layout.chart import (
    AT_BOTTOM,
    AT_MID,
    AT_TOP,
    BOTTOM,
    JUNCTION_OFF,
    LABEL_CHAR_MM,
    LANE_CLEAR,
    LANE_STEP,
    MID,
    TOP,
    Arrow,
    Line,
    Row,
    Widths,
    Y,
)
from soptool.layout.connectors import route_across
from soptool.layout.labels import branch_label, exit_label
from soptool.layout.state import State, line_from_top


def long_edges(state: State) -> list[tuple[int, int, str | None]]:
    """The edges that are neither to the next step nor to the end, (source, target, branch),
    shortest first."""
    out = []
    for i in range(len(state.rows)):
        for e in state.flow.edges[i]:
            if e.target != END and e.target != i + 1:
                out.append((i, e.target, e.branch))
    out.sort(key=lambda t: (abs(t[1] - t[0]), t[0], t[1]))
    return out


def lane_slots(widths: Widths, ws: float) -> list[float]:
    """The x of every lane: steps of LANE_STEP from each column border, clear of symbols
    ``ws`` wide (sorted)."""
    wc = widths.actor
    n = widths.actors
    room = (wc - ws) / 2 - LANE_CLEAR
    steps = [LANE_STEP * k for k in range(1, 20) if LANE_STEP * k <= room + 1e-9]
    xs: list[float] = []
    for b in range(n + 1):
        for d in steps:
            if b > 0:
                xs.append(round(b * wc - d, 3))
            if b < n:
                xs.append(round(b * wc + d, 3))
    return sorted(set(xs))


def lane_free(state: State, x: float, lo: int, hi: int) -> bool:
    """Whether the lane at x is free over the rows lo to hi."""
    taken = state.lanes.get(x)
    if not taken:
        return True
    # the ranges in a lane are disjoint and sorted: only the last one that starts at or
    # before hi can reach lo
    k = bisect.bisect_right(taken, (hi, math.inf)) - 1
    return k < 0 or taken[k][1] < lo


def take_lane(state: State, x: float, lo: int, hi: int) -> None:
    """Take the lane at x over the rows lo to hi."""
    bisect.insort(state.lanes.setdefault(x, []), (lo, hi))


def crossing_spans(state: State, rows: range) -> list[tuple[float, float]]:
    """The horizontal lines in these rows, as (x0, x1): a lane at x crosses those with
    x0 < x < x1."""
    return [(min(ln.x1, ln.x2), max(ln.x1, ln.x2)) for r in rows
            for ln in state.rows[r].lines if not ln.vertical]


def label_spans(state: State, rows: range) -> list[tuple[float, float]]:
    """The branch labels in these rows, as (x0, x1): a lane at x runs through those with
    x0 <= x <= x1."""
    out = []
    for r in rows:
        for lb in state.rows[r].labels:
            w = len(lb.text) * LABEL_CHAR_MM + 0.6
            x0 = lb.x - 0.3 if lb.anchor == "start" else lb.x - w + 0.3
            out.append((x0, x0 + w))
    return out


def own_label_test(state: State, row: Row, branch: str | None) -> Callable[[float, str], bool]:
    """Whether an edge's own branch label would be crossed by a vertical line, when the
    edge leaves ``row`` by ``out`` for a lane at x: a test for the row as it is now."""
    text = branch_label(state.sop, row.index, branch)
    if not text:
        return lambda x, out: False
    w = len(text) * LABEL_CHAR_MM + 0.6
    verticals = [ln.x1 for ln in row.lines if ln.vertical and ln.kind == "flow"]
    area = state.widths.actor_area

    def crossed(x: float, out: str) -> bool:
        if out == "bottom":
            col = min(row.columns, key=lambda c: (abs(state.cx(c) - x), c))
            vx = state.cx(col)
            if vx + 1.2 + w > area - 0.5:
                x0, x1 = vx - 1.2 - w, vx - 0.2
            else:
                x0, x1 = vx + 0.2, vx + 1.2 + w
            if x0 <= x <= x1:
                return True
        else:
            col = row.columns[0] if out == "left" else row.columns[-1]
            vx = state.side_x(row, col, out)
            x0, x1 = (vx, vx + w + 1.0) if out == "right" else (vx - w - 1.0, vx)
        return any(x0 <= v <= x1 for v in verticals)

    return crossed


def symbol_spans(state: State, lo: int, hi: int) -> list[tuple[float, float]]:
    """The symbols a lane over the rows lo to hi would run through, widened by LANE_CLEAR,
    as (x0, x1): in the rows between, every symbol; in the rows at its ends, those on the
    middle line (a lane there turns at the middle line or runs past it)."""
    out = []
    for r in range(lo, hi + 1):
        for sh in state.rows[r].shapes:
            if lo < r < hi or sh.cy == AT_MID:
                out.append((sh.cx - sh.w / 2 - LANE_CLEAR, sh.cx + sh.w / 2 + LANE_CLEAR))
    return out


def zone_spans(state: State, src: Row, dst: Row) -> list[tuple[float, float]]:
    """The connectors and end capsules in the zones a lane from src to dst would pass, as
    (x0, x1): a lane at x runs through those with x0 < x < x1."""
    up = dst.index < src.index
    lo, hi = sorted((src.index, dst.index))
    out = []
    for r in range(lo, hi + 1):
        row = state.rows[r]
        if r == src.index:
            zones = ["top"] if up else ["bottom"]
        elif r == dst.index:
            zones = ["bottom"] if up else ["top"]
        else:
            zones = ["top", "bottom"]
        for z in zones:
            out += [(a - 0.5, b + 0.5) for a, b in row.zone_items.get(z, [])]
    return out


def route_long(state: State) -> None:
    """Pass: back-loops and forward jumps, each in a lane of its own over the rows it spans,
    or else (to another sheet, or no lane free) through a pair of connectors.

    Reads flow, slots, the rows' sheets and what is drawn in them; writes lanes, the lines,
    arrows, labels, used sides and junctions of the rows, and (route_across) connectors.
    """
    slots = state.slots
    edges = long_edges(state)
    # pairs of connectors first: they take the zones that lanes must then keep clear of
    for s, t, branch in edges:
        if state.rows[s].sheet != state.rows[t].sheet:
            route_across(state, state.rows[s], state.rows[t], branch)
    for s, t, branch in edges:
        src, dst = state.rows[s], state.rows[t]
        if src.sheet != dst.sheet:
            continue
        best: tuple[float, float, str, str] | None = None
        lo, hi = min(s, t), max(s, t)
        # what a lane would meet, gathered once for all the lanes tried
        crossed = crossing_spans(state, range(lo + 1, hi))
        labels = label_spans(state, range(lo, hi + 1))
        zones = zone_spans(state, src, dst)
        own_label_crossed = own_label_test(state, src, branch)
        symbols = symbol_spans(state, lo, hi)
        for x in slots:
            if not lane_free(state, x, lo, hi):
                continue
            if any(x0 < x < x1 for x0, x1 in symbols):
                continue  # through a symbol wider than the lanes allow for (a terminator)
            out = _exit_mode(state, src, x)
            inn = _entry_mode(state, dst, x)
            if out is None or inn is None:
                continue
            # never through a label or a connector: rather a pair of on-page connectors
            if (any(x0 <= x <= x1 for x0, x1 in labels)
                    or own_label_crossed(x, out)
                    or any(x0 < x < x1 for x0, x1 in zones)):
                continue
            cost = 10.0 * sum(1 for x0, x1 in crossed if x0 < x < x1)
            cost += abs(x - _nearest_cx(state, src, x)) / state.widths.actor
            cost += abs(x - _nearest_cx(state, dst, x)) / state.widths.actor
            cost += (0 if out in ("left", "right") else 3) + (0 if inn in ("left", "right")
                                                               else 2)
            if best is None or cost < best[0]:
                best = (cost, x, out, inn)
        if best is None:
            # no lane left: fall back to a pair of connectors beside the symbols
            route_across(state, src, dst, branch)
            continue
        _, x, out, inn = best
        take_lane(state, x, lo, hi)
        _draw_lane(state, src, dst, x, out, inn, branch)


def _nearest_cx(state: State, row: Row, x: float) -> float:
    if len(row.columns) == 1:
        return state.cx(row.columns[0])
    return min((state.cx(c) for c in row.columns), key=lambda v: (abs(v - x), v))


def _exit_mode(state: State, row: Row, x: float) -> str | None:
    a, b = state.span(row)
    side = "left" if x < state.cx(a) else ("right" if x > state.cx(b) else None)
    if side is not None and side not in row.used:
        return side
    if "bottom" not in row.used and not row.zone_bottom:
        return "bottom"
    return None


def _entry_mode(state: State, row: Row, x: float) -> str | None:
    a, b = state.span(row)
    side = "left" if x < state.cx(a) else ("right" if x > state.cx(b) else None)
    if side is not None and side not in row.used:
        return side
    if not row.zone_top:
        return "top"
    return None


def _draw_lane(state: State, src: Row, dst: Row, x: float, out: str, inn: str,
               branch: str | None) -> None:
    down = dst.index > src.index
    # leaving the source
    if out in ("left", "right"):
        col = src.columns[0] if out == "left" else src.columns[-1]
        sx = state.side_x(src, col, out)
        src.lines.append(Line(sx, AT_MID, x, AT_MID))
        start = AT_MID
        exit_label(state, src, out, sx, branch, below=not down)
        src.used.add(out)
    else:
        col = min(src.columns, key=lambda c: (abs(state.cx(c) - x), c))
        cxs = state.cx(col)
        jy = Y(BOTTOM, -JUNCTION_OFF - 1.4 * src.junctions_bottom)
        src.junctions_bottom += 1
        src.lines.append(Line(cxs, AT_MID, cxs, jy))
        src.lines.append(Line(cxs, jy, x, jy))
        start = jy
        exit_label(state, src, "bottom", cxs, branch)
        src.used.add("bottom")
    src.lines.append(Line(x, start, x, AT_BOTTOM if down else AT_TOP))
    # the rows in between
    lo, hi = sorted((src.index, dst.index))
    for r in range(lo + 1, hi):
        state.rows[r].lines.append(Line(x, AT_TOP, x, AT_BOTTOM))
    # entering the target
    if inn in ("left", "right"):
        col = dst.columns[0] if inn == "left" else dst.columns[-1]
        ex = state.side_x(dst, col, inn)
        dst.lines.append(Line(x, AT_TOP if down else AT_BOTTOM, x, AT_MID))
        dst.lines.append(Line(x, AT_MID, ex, AT_MID))
        dst.arrows.append(Arrow(ex, AT_MID, "right" if inn == "left" else "left"))
        dst.used.add(inn)
    else:
        col = min(dst.columns, key=lambda c: (abs(state.cx(c) - x), c))
        cxt = state.cx(col)
        jy = Y(TOP, JUNCTION_OFF + 1.4 * dst.junctions_top)
        dst.junctions_top += 1
        dst.lines.append(Line(x, AT_TOP if down else AT_BOTTOM, x, jy))
        dst.lines.append(Line(x, jy, cxt, jy))
        if not line_from_top(dst, cxt):
            dst.lines.append(Line(cxt, jy, cxt, AT_MID))
        dst.arrows.append(Arrow(cxt, Y(MID, -state.sym_h(dst) / 2), "down"))
        dst.used.add("top")
