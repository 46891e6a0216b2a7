"""The one explicit state that the layout passes read and write.

``State`` holds everything the layout of one SOP keeps between passes. Its fields come in
three groups (see their comments): what is known before any pass and never changes, what the
preparing passes add (they do not depend on the sheets), and what one pagination pass
builds. A pagination pass can be made again with taller rows: ``for_pass`` gives it a fresh
state in which the last group is reset and the rows are copies, so the prepared state is kept
as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from soptool.graph import Flow
from soptool.layout.chart import (
    DECISION_H,
    SYMBOL_H,
    TOP,
    ConnectorPair,
    Paper,
    Row,
    Widths,
)
from soptool.model import Sop


@dataclass
class State:
    """The layout of one SOP while the passes make it."""

    # --- known before the first pass, the same in every pass
    sop: Sop
    paper: Paper
    flow: Flow
    n: int  # actor columns
    widths: Widths
    ws: float  # the width of a symbol
    text_heights: list[float]  # the height of each row's text cells
    head: float  # the height of a sheet's title and table header
    foot: float  # the height of the total row under the last sheet's steps
    slots: list[float]  # the x of every lane, sorted
    # --- written by the preparing passes (the rows: copied for each pagination pass)
    rows: list[Row]
    adjacent: list[tuple[int, int, float]] = field(default_factory=list)  # row-to-row crossings
    # --- one pagination pass: reset by for_pass()
    floor: dict[int, float] = field(default_factory=dict)  # row heights learnt from a pass
    # the first step of each sheet after the first, when the pagination is given (layout's
    # search for fuller sheets; () is one sheet); None: sheets.paginate decides
    starts: tuple[int, ...] | None = None
    sheets: list[list[int]] = field(default_factory=list)  # step indexes per sheet
    # lanes taken: per x, the row ranges (lo, hi) of the edges in it, disjoint, sorted
    lanes: dict[float, list[tuple[int, int]]] = field(default_factory=dict)
    connectors: list[ConnectorPair] = field(default_factory=list)
    top_number: int = 0  # the highest connector number given so far
    incoming: dict[tuple[int, str], int] = field(default_factory=dict)  # (target, kind) -> number
    # the width of a terminator capsule (Mulai, Selesai): never too narrow for its word
    tw: float = 13.0
    cap_w: float = 13.0  # the width of the end capsule of a decision branch to selesai

    # geometry helpers
    def cx(self, col: int) -> float:
        """x of the centre of an actor column."""
        return (col + 0.5) * self.widths.actor

    def sym_h(self, row: Row) -> float:
        """The height of a row's symbol."""
        return DECISION_H if row.kind == "decision" else SYMBOL_H

    def sym_w(self, row: Row) -> float:
        """The width of a row's symbol: a terminator capsule is ``tw`` wide."""
        return self.tw if terminator(row) else self.ws

    def side_x(self, row: Row, col: int, side: str) -> float:
        """x where a horizontal line meets the side of the symbol in ``col``."""
        half = self.sym_w(row) / 2
        return self.cx(col) - half if side == "left" else self.cx(col) + half

    def span(self, row: Row) -> tuple[int, int]:
        """The first and last of a row's actor columns."""
        return row.columns[0], row.columns[-1]


def for_pass(prepared: State, floor: dict[int, float]) -> State:
    """A fresh state for one pagination pass with ``floor``: the prepared state with copies
    of its rows and nothing of an earlier pass (sheets, lanes, connectors)."""
    return replace(prepared, rows=[row.copy() for row in prepared.rows], floor=floor,
                   starts=None, sheets=[], lanes={}, connectors=[], top_number=0, incoming={})


def terminator(row: Row) -> bool:
    """Whether the row's own symbol is a terminator capsule (a start step, or an end step
    of one actor: an end of several actors has a box each and one Selesai below them)."""
    return row.kind == "start" or (row.kind == "end" and len(row.columns) == 1)


def line_from_top(row: Row, x: float) -> bool:
    """Whether a flow line already comes down from the top of the row at x."""
    return any(ln.kind == "flow" and ln.vertical and abs(ln.x1 - x) < 1e-6
               and TOP in (ln.y1.frac, ln.y2.frac) for ln in row.lines)
