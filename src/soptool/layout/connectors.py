"""Connectors: a pair of numbered connectors for an arrow that crosses a sheet break
(off-page, a pentagon) or that finds no free lane (on-page, a circle), and their numbers.
"""

from __future__ import annotations

from dataclasses import replace

from soptool.layout.chart import (
    AT_BOTTOM,
    AT_MID,
    AT_TOP,
    CONNECTOR_H,
    CONNECTOR_W,
    MID,
    Arrow,
    ConnectorPair,
    Line,
    Row,
    Shape,
    Y,
)
from soptool.layout.labels import branch_label, exit_label
from soptool.layout.state import State
from soptool.layout.zones import beside, down_to_zone, up_from_zone


def split_adjacent(state: State) -> None:
    """Pass: an arrow to the next step that crosses a sheet break ends in an off-page
    connector, and resumes from the connector with the same number on the next sheet.

    Reads adjacent, the rows' sheets; writes connectors, top_number, incoming and the lines,
    arrows, shapes, zones and used sides of the rows at the break.
    """
    for source, target, x in state.adjacent:
        up, down = state.rows[source], state.rows[target]
        if up.sheet == down.sheet:
            continue
        number = state.top_number + 1
        state.top_number = number
        state.connectors.append(
            ConnectorPair(number, up.number, down.number, up.sheet, down.sheet))
        # shorten the line in the source row to the connector, and in the target row
        _cut(up, x, at_bottom=True)
        _cut(down, x, at_bottom=False)
        # the line into the target now starts at the connector: its top is free again
        down.used.discard("top")
        # (only the arrowhead on the symbol: one lower down, into an end capsule or a
        # connector in the bottom zone, stays)
        tip = Y(MID, -state.sym_h(down) / 2)
        down.arrows = [a for a in down.arrows
                       if not (a.x == x and a.direction == "down" and a.y == tip)]
        down_to_zone(state, up, CONNECTOR_W, CONNECTOR_H, "connector", str(number), None,
                     start_x=x)
        up_from_zone(state, down, "connector", number, want=x)
        state.incoming[(down.index, "connector")] = number


def _cut(row: Row, x: float, at_bottom: bool) -> None:
    edge = AT_BOTTOM if at_bottom else AT_TOP
    row.lines = [ln for ln in row.lines
                 if not (ln.vertical and ln.x1 == x and edge in (ln.y1, ln.y2)
                         and ln.kind == "flow")]


def route_across(state: State, src: Row, dst: Row, branch: str | None) -> None:
    """An arrow to a step on another sheet (or with no free lane): a connector pair.

    Writes connectors, top_number, incoming and the rows of both ends.
    """
    # the symbol of the pair
    kind = "connector" if src.sheet != dst.sheet else "onpage"
    # arrows into the same step share its incoming connector (and its number)
    shared = state.incoming.get((dst.index, kind))
    number = shared if shared is not None else state.top_number + 1
    state.top_number = max(state.top_number, number)
    state.connectors.append(
        ConnectorPair(number, src.number, dst.number, src.sheet, dst.sheet))
    # source: beside the symbol, else below it
    side = beside(state, src, label=branch_label(state.sop, src.index, branch))
    if side is not None:
        _side_connector(state, src, side, kind, number, outgoing=True, branch=branch)
    else:
        _bottom_connector(state, src, kind, number, branch)
    if shared is not None:
        return
    state.incoming[(dst.index, kind)] = number
    side = beside(state, dst, ("left", "right"))
    if side is not None:
        _side_connector(state, dst, side, kind, number, outgoing=False, branch=None)
    else:
        _top_connector(state, dst, kind, number)


def _bottom_connector(state: State, src: Row, kind: str, number: int,
                      branch: str | None) -> None:
    """An outgoing connector in the zone under the symbol."""
    down_to_zone(state, src, CONNECTOR_W, CONNECTOR_H, kind, str(number), branch)


def _top_connector(state: State, dst: Row, kind: str, number: int) -> None:
    """An incoming connector in the zone above the symbol."""
    up_from_zone(state, dst, kind, number, want=state.cx(dst.columns[0]))


def _side_connector(state: State, row: Row, side: str, kind: str, number: int,
                    outgoing: bool, branch: str | None) -> None:
    a, b = state.span(row)
    col = b + 1 if side == "right" else a - 1
    cs = b if side == "right" else a
    sx = state.side_x(row, cs, side)
    cx = state.cx(col)
    ex = cx - CONNECTOR_W / 2 if side == "right" else cx + CONNECTOR_W / 2
    direction = side if outgoing else ("left" if side == "right" else "right")
    row.lines.append(Line(sx, AT_MID, ex, AT_MID))
    if outgoing:
        row.arrows.append(Arrow(ex, AT_MID, side))
        exit_label(state, row, side, sx, branch, high=True)
    else:
        row.arrows.append(Arrow(sx, AT_MID, direction))
    row.shapes.append(Shape(kind, cx, AT_MID, CONNECTOR_W, CONNECTOR_H,
                            str(number), direction))
    row.used.add(side)


def renumber(state: State) -> None:
    """Pass: number connector pairs in reading order (sheet, then row), not routing order.

    Reads and writes connectors, and the text of the connector symbols in the rows.
    """
    def first_seen(c: ConnectorPair) -> tuple[int, int, int]:
        return (min(c.from_sheet, c.to_sheet), min(c.source_step, c.target_step),
                c.number)


    if not state.connectors:
        return  # no connector to number
    order = sorted(state.connectors, key=first_seen)
    new: dict[int, int] = {}
    for c in order:
        new.setdefault(c.number, len(new) + 1)
    state.connectors = [ConnectorPair(new[c.number], c.source_step, c.target_step,
                                     c.from_sheet, c.to_sheet) for c in order]
    for row in state.rows:
        row.shapes = [replace(s, text=str(new[int(s.text)]))
                      if s.kind in ("connector", "onpage") else s for s in row.shapes]
