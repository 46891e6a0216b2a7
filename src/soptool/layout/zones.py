"""The room around a symbol: its free sides, and the zones above and below it where an end
capsule or an off-page connector stands."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from soptool.layout.chart import (
    AT_MID,
    BOTTOM,
    CONNECTOR_H,
    CONNECTOR_W,
    DECISION_H,
    LABEL_CHAR_MM,
    LANE_CLEAR,
    MID,
    TOP,
    ZONE_H,
    ZONE_ROOM,
    Arrow,
    Line,
    Row,
    Shape,
    Y,
)
from soptool.layout.labels import exit_label
from soptool.layout.state import State, line_from_top


def beside(state: State, row: Row, prefer: tuple[str, ...] = ("right", "left"),
           label: str = "") -> str | None:
    """A free side of the symbol with a column next to it (its label not crossed)."""
    a, b = state.span(row)
    for side in prefer:
        if side in row.used:
            continue
        if label:
            vx = state.side_x(row, b if side == "right" else a, side)
            w = len(label) * LABEL_CHAR_MM + 1.6
            x0, x1 = (vx, vx + w) if side == "right" else (vx - w, vx)
            if any(ln.kind == "flow" and ln.vertical and x0 <= ln.x1 <= x1
                   for ln in row.lines):
                continue
        if side == "right" and b + 1 < state.n:
            return side
        if side == "left" and a - 1 >= 0:
            return side
    return None


def _zone_obstacles(row: Row, zone: str) -> Callable[[float, float], bool]:
    """Whether a vertical line runs through the zone between x = lo and hi: a test for
    the row as it is now (its lines gathered once for all the places tried)."""
    height = 2 * (ZONE_H + 2.5) + DECISION_H  # a nominal row with zones
    z0, z1 = (0.0, ZONE_H + 1.5) if zone == "top" else (height - ZONE_H - 1.5, height)
    verticals: list[float] = []
    horizontals: list[tuple[float, float]] = []
    for ln in row.lines:
        if ln.kind != "flow":
            continue
        y1, y2 = sorted((ln.y1.at(height), ln.y2.at(height)))
        if ln.vertical:
            if y1 < z1 and y2 > z0:
                verticals.append(ln.x1)
        elif z0 < y1 < z1:
            horizontals.append((min(ln.x1, ln.x2), max(ln.x1, ln.x2)))

    def blocked(lo: float, hi: float) -> bool:
        return (any(lo - 0.5 < x < hi + 0.5 for x in verticals)
                or any(a < hi + 0.5 and b > lo - 0.5 for a, b in horizontals))

    return blocked


def zone_place(state: State, row: Row, zone: str, want: float, w: float,
               prefer: tuple[int, ...] = (1, -1), reach: float | None = None,
               must: bool = True, apart: float = 0.0) -> float | None:
    """x for an item ``w`` wide in a zone of the row, free and as near ``want`` as can be.

    With ``must`` false, None when no place is free (else the wanted place regardless).
    ``apart``: the item's centre keeps at least this far from ``reach``.
    """
    items = row.zone_items.setdefault(zone, [])
    area = state.widths.actor_area
    candidates = [want]
    for k in range(1, 40):
        for d in prefer:
            candidates.append(want + d * k * 1.0)
    blocked = _zone_obstacles(row, zone)
    wc = state.widths.actor
    for x in candidates:
        lo, hi = x - w / 2, x + w / 2
        if lo < 0.5 or hi > area - 0.5:
            continue
        if int((lo - 0.5) // wc) != int((hi + 0.5) // wc):
            continue  # across a column border
        if any(lo < b + 0.8 and hi > a - 0.8 for a, b in items):
            continue
        if blocked(lo, hi):
            continue
        if reach is not None and any(min(x, reach) < b and max(x, reach) > a
                                     for a, b in items):
            continue  # its line to ``reach`` would run through another item
        if reach is not None and abs(x - reach) < apart:
            continue
        items.append((lo, hi))
        return x if x == want else round(x, 3)
    if not must:
        return None
    items.append((want - w / 2, want + w / 2))
    return want


def down_to_zone(state: State, row: Row, w: float, h: float, kind: str, text: str,
                 branch: str | None, start_x: float | None = None) -> None:
    """Leave a symbol downwards into an item (end capsule or connector) below it."""
    row.zone_bottom = True
    cx = state.cx(row.columns[0])
    if start_x is not None:
        sx, side = start_x, ""
    elif "bottom" not in row.used:
        sx, side = cx, "bottom"
        row.used.add("bottom")
        exit_label(state, row, "bottom", cx, branch)
    else:  # leave by a free side, and turn down just beside the symbol
        side = "right" if "right" not in row.used else "left"
        col = row.columns[-1] if side == "right" else row.columns[0]
        vx = state.side_x(row, col, side)
        # LANE_CLEAR from the symbol, or halfway to the border in a narrow column
        room = (state.widths.actor - state.ws) / 2
        d = min(LANE_CLEAR, room / 2)
        sx = round(vx + d if side == "right" else vx - d, 3)
        row.lines.append(Line(vx, AT_MID, sx, AT_MID))
        exit_label(state, row, side, vx, branch, below=False)
        row.used.add(side)
    prefer = (-1, 1) if side == "left" else (1, -1)
    top = Y(BOTTOM, -h - 1.0)
    # the item's own drop line must not be taken for an obstacle
    x = zone_place(state, row, "bottom", sx, w, prefer)
    assert x is not None
    if x == sx:
        row.lines.append(Line(sx, AT_MID, sx, top))
    else:
        jy = Y(BOTTOM, -ZONE_H - 1.2)
        row.lines.append(Line(sx, AT_MID, sx, jy))
        row.lines.append(Line(sx, jy, x, jy))
        row.lines.append(Line(x, jy, x, top))
    row.arrows.append(Arrow(x, top, "down"))
    row.shapes.append(Shape(kind, x, Y(BOTTOM, -h / 2 - 1.0), w, h, text, "down"))


def up_from_zone(state: State, row: Row, kind: str, number: int, want: float) -> None:
    """Enter a symbol from an incoming connector above it; ``kind`` is the connector's
    symbol: connector (off-page) or onpage."""
    row.zone_top = True
    col = min(row.columns, key=lambda c: (abs(state.cx(c) - want), c))
    cx = state.cx(col)
    below = Y(TOP, CONNECTOR_H + 1.0)
    free_top = not line_from_top(row, cx)
    cy = Y(TOP, CONNECTOR_H / 2 + 1.0)
    if free_top:
        x = zone_place(state, row, "top", want, CONNECTOR_W)
    else:  # beside the line already coming in, with room for an arrow into it
        x = zone_place(state, row, "top", cx + CONNECTOR_W / 2 + 2.8, CONNECTOR_W, reach=cx,
                       must=False, apart=CONNECTOR_W / 2 + 2.6)
    assert x is not None or not free_top
    if x is None:
        # no room beside the line at the connector's height: join it lower down
        x = zone_place(state, row, "top", cx + CONNECTOR_W / 2 + 2.8, CONNECTOR_W)
        assert x is not None
        row.shapes.append(Shape(kind, x, cy, CONNECTOR_W, CONNECTOR_H, str(number),
                                "down"))
        # a second connector joining here comes in lower: two heads never meet at one point
        joined = sum(1 for a in row.arrows if a.x == cx and a.direction in ("left", "right")
                     and a.y.frac == TOP)
        jy = Y(TOP, CONNECTOR_H + 2.6 + 1.4 * min(joined, 1))
        row.lines.append(Line(x, below, x, jy))
        row.lines.append(Line(x, jy, cx, jy))
        row.arrows.append(Arrow(cx, jy, "left" if x > cx else "right"))
    elif x == cx and free_top:
        row.shapes.append(Shape(kind, x, cy, CONNECTOR_W, CONNECTOR_H, str(number),
                                "down"))
        row.lines.append(Line(x, below, x, AT_MID))
    else:
        # beside the line into the symbol: the connector points at it and joins it
        toward = "left" if x > cx else "right"
        edge = x - CONNECTOR_W / 2 if x > cx else x + CONNECTOR_W / 2
        row.shapes.append(Shape(kind, x, cy, CONNECTOR_W, CONNECTOR_H, str(number),
                                toward))
        row.lines.append(Line(edge, cy, cx, cy))
        if free_top:
            row.lines.append(Line(cx, cy, cx, AT_MID))
        else:
            row.arrows.append(Arrow(cx, cy, toward))
    if free_top:
        row.arrows.append(Arrow(cx, Y(MID, -state.sym_h(row) / 2), "down"))
    row.used.add("top")


def settle(state: State) -> None:
    """Pass: a row with a zone on one side only (an off-page connector below the last
    symbol of a sheet, or above the first of the next; an end capsule; the Mulai above
    step 1) has room for it on that side only (measure.heights): its symbol, and all that
    is anchored to the middle line with it, moves half that room away from the zone. The
    symbol then keeps the same distance to the zone's edge of the row as with room on both
    sides, and CLEARANCE to the other edge.

    Reads the rows' zones; writes the middle-anchored positions of their lines, shapes,
    arrows and labels.
    """
    for row in state.rows:
        shift = ZONE_ROOM / 2 * (int(row.zone_top) - int(row.zone_bottom))
        if not shift:
            continue

        def moved(y: Y, shift: float = shift) -> Y:
            return Y(MID, round(y.off + shift, 3)) if y.frac == MID else y

        row.lines = [replace(ln, y1=moved(ln.y1), y2=moved(ln.y2)) for ln in row.lines]
        row.shapes = [replace(s, cy=moved(s.cy)) for s in row.shapes]
        row.arrows = [replace(a, y=moved(a.y)) for a in row.arrows]
        row.labels = [replace(lb, y=moved(lb.y)) for lb in row.labels]
