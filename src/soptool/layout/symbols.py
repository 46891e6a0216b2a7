"""Symbols: which symbol each step gets, in the column of each of its actors; the end
capsules of decision branches to ``selesai``; the column borders.

Step 1 is the start terminator, a non-decision step whose flow ends is an end terminator, a
decision is a diamond, the rest are process rectangles (docs/format.md, "Simbol bagan
alir"); a step with several actors has a symbol in each of their columns, joined by a line,
except that a decision stays one diamond (one_decision).
"""

from __future__ import annotations

from soptool.graph import END, Flow
from soptool.layout.chart import (
    AT_BOTTOM,
    AT_MID,
    AT_TOP,
    END_CAP_H,
    MID,
    SYMBOL_H,
    TOP,
    Arrow,
    Line,
    Row,
    Shape,
    Y,
)
from soptool.layout.labels import branch_label, exit_label
from soptool.layout.state import State, terminator
from soptool.layout.zones import beside, down_to_zone
from soptool.model import Sop


def step_kind(sop: Sop, flow: Flow, index: int) -> str:
    """start, end, process or decision (docs/format.md, "Simbol bagan alir").

    Step 1 is drawn as the Mulai capsule itself only when that is one clean start: one
    actor, not a decision, and no arrow back into it. Otherwise it gets its own symbol
    (box, diamond, or the boxes of an end) and a Mulai capsule above it (place_symbols).
    """
    step = sop.langkah[index]
    if step.keputusan is not None:
        return "decision"
    if index == 0 and len(set(step.pelaksana)) <= 1 and not any(
            e.target == 0 for edges in flow.edges for e in edges):
        return "start"
    if all(e.target == END for e in flow.edges[index]):
        return "end"
    return "process"


def place_symbols(state: State) -> None:
    """Pass: a symbol in the column of each of a step's actors, joined by a line.

    A terminator carries its word whatever the column's width (``tw``, never narrower than
    the word). An end step of several actors gets a box in each column and one Selesai
    below the first; a first step that is not itself the Mulai capsule gets one above it.

    Reads rows (kind, columns), ws, tw, widths; writes each row's shapes and its join line
    (and the zones of the Mulai above step 1 and the Selesai below a shared end).
    """
    for row in state.rows:
        h = state.sym_h(row)
        a, b = state.span(row)
        if a != b:
            row.lines.append(Line(state.cx(a), AT_MID, state.cx(b), AT_MID, "join"))
        if terminator(row):
            text = "Mulai" if row.kind == "start" else "Selesai"
            row.shapes.append(Shape(row.kind, state.cx(a), AT_MID, state.tw, h, text,
                                    step=row.number))
        elif row.kind == "decision" and a != b:
            one_decision(state, row)
        else:
            kind = "process" if row.kind == "end" else row.kind
            for c in row.columns:
                row.shapes.append(Shape(kind, state.cx(c), AT_MID, state.ws, h,
                                        step=row.number))
            if row.kind == "end":  # the actors end together: one Selesai for them all
                down_to_zone(state, row, state.tw, END_CAP_H, "end", "Selesai", None)
        if row.index == 0 and row.kind != "start":
            start_above(state, row)


def one_decision(state: State, row: Row) -> None:
    """A decision of several actors: one diamond, and a process box in each of the other
    actors' columns, joined to it by the join line (they take part in the step; the
    diamond decides). The diamond stands in the actor's column nearest to the next step's
    (the leftmost of equals), so that the arrow to it leaves clear of the boxes, and where
    a capsule of a branch to ``selesai`` finds a free side beside it, if any does. Both
    branches leave the diamond: from here on the row's columns are the diamond's alone,
    and the sides where the join line runs are taken."""
    h = state.sym_h(row)
    nxt = (state.rows[row.index + 1].columns
           if any(e.target == row.index + 1 for e in state.flow.edges[row.index]) else [])
    first, last = row.columns[0], row.columns[-1]
    # a branch to ``selesai`` ends in a capsule beside the diamond: on a side away from the
    # boxes, with a column there
    cap = any(e.target == END for e in state.flow.edges[row.index])

    def cost(c: int) -> tuple[bool, int, int]:
        free = (c == first and c > 0) or (c == last and c + 1 < state.n)
        return (cap and not free, min((abs(c - t) for t in nxt), default=0), c)

    col = min(row.columns, key=cost)
    for c in row.columns:
        kind, sh = ("decision", h) if c == col else ("process", SYMBOL_H)
        row.shapes.append(Shape(kind, state.cx(c), AT_MID, state.ws, sh, step=row.number))
    if col > row.columns[0]:
        row.used.add("left")
    if col < row.columns[-1]:
        row.used.add("right")
    row.columns = [col]


def start_above(state: State, row: Row) -> None:
    """The Mulai capsule of a first step that is not itself the capsule: in the zone above
    the symbol in its first column, with an arrow down into the symbol."""
    cx = state.cx(row.columns[0])
    row.zone_top = True
    row.used.add("top")
    row.zone_items.setdefault("top", []).append((cx - state.tw / 2, cx + state.tw / 2))
    row.shapes.append(Shape("start", cx, Y(TOP, END_CAP_H / 2 + 1.0), state.tw, END_CAP_H,
                            "Mulai"))
    row.lines.append(Line(cx, Y(TOP, END_CAP_H + 1.0), cx, AT_MID))
    row.arrows.append(Arrow(cx, Y(MID, -state.sym_h(row) / 2), "down"))


def place_end_caps(state: State) -> None:
    """Pass: a decision branch to ``selesai`` ends in an end capsule of its own, beside the
    diamond (in the next column) or else below it, in its bottom zone.

    Reads flow, rows (used sides); writes shapes, lines, arrows, labels, used sides and the
    bottom zone of decision rows.
    """
    for row in state.rows:
        for edge in state.flow.edges[row.index]:
            if edge.target != END or row.kind != "decision":
                continue
            a, b = state.span(row)
            side = beside(state, row, label=branch_label(state.sop, row.index, edge.branch))
            w = state.cap_w
            text = "Selesai"
            if side is not None:
                col = b + 1 if side == "right" else a - 1
                cs = b if side == "right" else a
                sx = state.side_x(row, cs, side)
                cx = state.cx(col)
                ex = cx - w / 2 if side == "right" else cx + w / 2
                row.lines.append(Line(sx, AT_MID, ex, AT_MID))
                row.arrows.append(Arrow(ex, AT_MID, side))
                row.shapes.append(Shape("endcap", cx, AT_MID, w, END_CAP_H, text))
                exit_label(state, row, side, sx, edge.branch, high=True)
                row.used.add(side)
            else:  # below the diamond, in a zone of its own
                down_to_zone(state, row, w, END_CAP_H, "endcap", text, edge.branch)


def borders(state: State) -> None:
    """Pass: the borders between actor columns, in every row.

    Reads n, widths; writes each row's lines (the borders first).
    """
    wc = state.widths.actor
    # The same lines in every row (immutable, so shared), rightmost border first.
    borders = [Line(b * wc, AT_TOP, b * wc, AT_BOTTOM, "border")
               for b in range(state.n - 1, 0, -1)]
    for row in state.rows:
        row.lines[:0] = borders  # in front of the row's lines (one list splice)
