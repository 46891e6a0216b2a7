"""Arrows to the following step: straight down in one column, or out of the symbol's side
and down into the next step's column (an elbow)."""

from __future__ import annotations

from soptool.graph import END
from soptool.layout.chart import (
    AT_BOTTOM,
    AT_MID,
    AT_TOP,
    BOTTOM,
    JUNCTION_OFF,
    MID,
    Arrow,
    Line,
    Row,
    Y,
)
from soptool.layout.labels import exit_label
from soptool.layout.state import State
from soptool.layout.zones import beside


def route_adjacent(state: State) -> None:
    """Pass: the arrows to the next step.

    Reads flow, rows (columns); writes lines, arrows, labels and used sides of the rows, and
    adjacent: (source, target, x) of each row-to-row crossing (for split_adjacent).
    """
    crossings: list[tuple[int, int, float]] = []
    for row in state.rows[:-1]:
        nxt = state.rows[row.index + 1]
        for edge in state.flow.edges[row.index]:
            if edge.target != row.index + 1:
                continue
            common = [c for c in row.columns if c in nxt.columns]
            a, b = state.span(row)
            if common:
                ct = common[0]
                cs = ct
                side = "bottom"
            else:
                ct = min(nxt.columns, key=lambda c: (max(a - c, c - b, 0), c))
                cs = min(row.columns, key=lambda c: (abs(c - ct), c))
                side = "bottom" if a < ct < b else ("right" if ct > cs else "left")
            x = state.cx(ct)
            if side != "bottom" and side in row.used and _cap_below(state, row):
                # the side is the join line's (one diamond for several actors,
                # symbols.one_decision) and the bottom is the end capsule's: along the join
                # line, and down from it into the next step's column
                sx = state.side_x(row, cs, side)
                row.lines.append(Line(sx, AT_MID, x, AT_MID))
                row.lines.append(Line(x, AT_MID, x, AT_BOTTOM))
                exit_label(state, row, side, sx, edge.branch)
            elif side != "bottom" and side in row.used:
                # the side is the join line's: down from the diamond, then across below
                # the boxes, then down into the next step's column
                sx = state.cx(cs)
                jy = Y(BOTTOM, -JUNCTION_OFF - 1.4 * row.junctions_bottom)
                row.junctions_bottom += 1
                row.lines.append(Line(sx, AT_MID, sx, jy))
                row.lines.append(Line(sx, jy, x, jy))
                row.lines.append(Line(x, jy, x, AT_BOTTOM))
                exit_label(state, row, "bottom", sx, edge.branch)
                side = "bottom"
            elif side == "bottom":
                row.lines.append(Line(x, AT_MID, x, AT_BOTTOM))
                exit_label(state, row, "bottom", x, edge.branch)
            else:
                sx = state.side_x(row, cs, side)
                row.lines.append(Line(sx, AT_MID, x, AT_MID))
                row.lines.append(Line(x, AT_MID, x, AT_BOTTOM))
                exit_label(state, row, side, sx, edge.branch)
            row.used.add(side)
            nxt.used.add("top")
            nxt.lines.append(Line(x, AT_TOP, x, AT_MID))
            nxt.arrows.append(Arrow(x, Y(MID, -state.sym_h(nxt) / 2), "down"))
            crossings.append((row.index, nxt.index, x))
    state.adjacent = crossings


def _cap_below(state: State, row: Row) -> bool:
    """Whether a decision's branch to ``selesai`` will need the bottom of its diamond (no
    free side beside it for the end capsule, symbols.place_end_caps)."""
    return (any(e.target == END for e in state.flow.edges[row.index])
            and beside(state, row) is None)


def merge_arrows(state: State) -> None:
    """Pass: lines that meet at one point before a symbol share one arrowhead there (two
    heads drawn on one point would stack).

    Heads of one direction at one point become one. Heads of different directions at one
    point (two connectors joining a vertical line from both sides, head to head) are
    dropped when the flow goes on from that point down a line to an arrowhead of its own
    (the symbol's), since the joined lines are then one flow into that symbol; otherwise
    the first is kept.

    Reads the rows' lines; reads and writes the rows' arrows.
    """
    for row in state.rows:
        tips: dict[tuple[float, float], list[Arrow]] = {}
        for a in row.arrows:
            tips.setdefault((round(a.x, 3), round(a.y.at(row.height), 3)), []).append(a)
        if len(tips) == len(row.arrows):
            continue
        kept = []
        for (x, y), heads in tips.items():
            if len({a.direction for a in heads}) == 1:
                kept.append(heads[0])
            elif not _flows_on(row, x, y):
                kept.append(heads[0])
        row.arrows = kept


def _flows_on(row: Row, x: float, y: float) -> bool:
    """Whether a vertical flow line passes (x, y) and runs down to an arrowhead pointing
    down on the same x, below y."""
    h = row.height
    below = [a.y.at(h) for a in row.arrows
             if a.direction == "down" and abs(a.x - x) < 1e-3 and a.y.at(h) > y + 1e-3]
    if not below:
        return False
    end = min(below)
    for ln in row.lines:
        if ln.kind == "flow" and ln.vertical and abs(ln.x1 - x) < 1e-3:
            a, b = sorted((ln.y1.at(h), ln.y2.at(h)))
            if a <= y + 1e-3 and b >= end - 1e-3:
                return True
    return False
