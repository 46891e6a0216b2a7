"""The plain data the layout returns (``Chart`` and what is in it) and the geometry shared by
the passes: sheets of paper, symbol sizes, row anchors.

Every vertical position is anchored to a row: the browser decides the final height of each
row (long text makes a row taller), so ``Y(frac, off)`` is ``frac`` of the row's height
(0 top, 0.5 middle, 1 bottom) plus ``off`` millimetres. Symbols sit on the middle line;
lines that run between anchors stretch with the row, so the drawing stays joined whatever
height the row takes. x positions are millimetres from the left edge of the actor area
(the table's column widths are fixed, so they are exact).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from soptool.graph import Flow

PX_PER_MM = 96 / 25.4

# Symbol and row geometry, in millimetres.
SYMBOL_H = 7.0
DECISION_H = 10.0
ROW_MIN_H = 14.0
CLEARANCE = 4.0  # above and below a symbol
ZONE_H = 9.0  # room above/below a symbol for an off-page connector
# What a zone (an off-page connector, an end capsule, the Mulai above step 1) adds to a row,
# on its own side only: the symbol then keeps ZONE_H + 2.5 mm to that edge of the row.
ZONE_ROOM = ZONE_H + 2.5 - CLEARANCE
CONNECTOR_W = 6.0
CONNECTOR_H = 6.5
END_CAP_W = 15.0
END_CAP_H = 7.0
# A terminator (Mulai/Selesai) always carries its word at the drawing's 6.5 pt: "Selesai" is
# about 7.5 mm wide, so a capsule is at least TERM_W wide (as a column allows, keeping
# TERM_MARGIN from its borders; the word still fits in the narrowest 11 mm column).
TERM_W = 13.0
TERM_MARGIN = 0.8
LABEL_PT = 6.5  # the size of every text in the drawing (templates/sop.html.j2, svg.flow)
LANE_STEP = 2.0  # lanes keep 2 mm from a border and from each other
LANE_CLEAR = 2.0  # keep lanes this far from a symbol
JUNCTION_OFF = 2.6  # how far from a row edge a lane joins or leaves a vertical line
LABEL_CHAR_MM = 1.3  # width of a character of a branch label (6.5 pt)


@dataclass(frozen=True)
class Paper:
    """A sheet of paper, landscape, with its printable margins (mm)."""

    name: str
    width: float
    height: float
    margin: float = 10.0

    @property
    def inner_width(self) -> float:
        """Printable width."""
        return self.width - 2 * self.margin

    @property
    def inner_height(self) -> float:
        """Printable height."""
        return self.height - 2 * self.margin


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 297.0, 210.0),
    "F4": Paper("F4", 330.0, 215.0),
}


@dataclass(frozen=True)
class Y:
    """A vertical position in a row: ``frac`` of the row's height plus ``off`` mm."""

    frac: float
    off: float = 0.0

    def at(self, height: float) -> float:
        """The position in mm, for a row of the given height."""
        return self.frac * height + self.off


TOP, MID, BOTTOM = 0.0, 0.5, 1.0
# The three anchors themselves, shared (Y is immutable): most positions are one of them.
AT_TOP, AT_MID, AT_BOTTOM = Y(TOP), Y(MID), Y(BOTTOM)


@dataclass(frozen=True)
class Line:
    """A straight line (horizontal or vertical) in one row; ``kind`` flow, join or border."""

    x1: float
    y1: Y
    x2: float
    y2: Y
    kind: str = "flow"

    @property
    def vertical(self) -> bool:
        """Whether the line is vertical."""
        return self.x1 == self.x2


@dataclass(frozen=True)
class Shape:
    """A symbol centred at (cx, cy): start, end, process, decision, endcap, connector
    (off-page, a pentagon) or onpage (a circle: a pair on the same sheet, used only when
    no lane is free)."""

    kind: str
    cx: float
    cy: Y
    w: float
    h: float
    text: str = ""
    direction: str = "down"  # connectors: the way the flow goes through them
    step: int | None = None  # the step (1-based) the symbol stands for


@dataclass(frozen=True)
class Arrow:
    """An arrowhead whose tip is at (x, y), pointing ``direction`` (down, up, left, right)."""

    x: float
    y: Y
    direction: str


@dataclass(frozen=True)
class Label:
    """A branch label; ``anchor`` is the SVG text-anchor (start, end, middle)."""

    x: float
    y: Y
    text: str
    anchor: str = "start"


@dataclass
class Row:
    """Everything drawn in the actor cell of one step's row."""

    index: int  # step index (0-based)
    kind: str
    columns: list[int]
    height: float = ROW_MIN_H  # estimated height in mm (the row's minimum when printed)
    lines: list[Line] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    sheet: int = 0
    used: set[str] = field(default_factory=set)  # sides taken: left, right, top, bottom
    zone_top: bool = False
    zone_bottom: bool = False
    junctions_top: int = 0
    junctions_bottom: int = 0
    zone_items: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    @property
    def number(self) -> int:
        """The step number (1-based)."""
        return self.index + 1

    def copy(self) -> Row:
        """A copy whose lists, sets and zones can change without changing this row."""
        return Row(self.index, self.kind, self.columns, self.height, self.lines[:],
                   self.shapes[:], self.arrows[:], self.labels[:], self.sheet, set(self.used),
                   self.zone_top, self.zone_bottom, self.junctions_top, self.junctions_bottom,
                   {zone: items[:] for zone, items in self.zone_items.items()})


@dataclass(frozen=True)
class ConnectorPair:
    """An arrow that crosses sheets: leaves at ``source_step`` and resumes at ``target_step``.

    Arrows into the same step share its incoming connector, so a number can belong to
    several pairs (one outgoing connector each, one incoming connector in all).
    """

    number: int
    source_step: int  # 1-based
    target_step: int  # 1-based
    from_sheet: int  # 0-based
    to_sheet: int


@dataclass(frozen=True)
class Widths:
    """Column widths of the procedure table, mm."""

    no: float
    kegiatan: float
    actor: float  # each actor column
    actors: int
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float

    @property
    def actor_area(self) -> float:
        """The width of all actor columns together."""
        return self.actor * self.actors

    @property
    def total(self) -> float:
        """The table's width."""
        return (self.no + self.kegiatan + self.actor_area + self.kelengkapan + self.waktu
                + self.output + self.keterangan)


@dataclass
class Chart:
    """The whole flowchart: table widths, rows, sheets and connector pairs."""

    paper: Paper
    widths: Widths
    symbol_w: float
    rows: list[Row]
    sheets: list[list[int]]  # step indexes per sheet
    connectors: list[ConnectorPair]
    header_height: float
    flow: Flow  # the SOP's flow graph, that the chart draws

    def center(self, column: int) -> float:
        """x of the centre of an actor column."""
        return (column + 0.5) * self.widths.actor


@functools.lru_cache(maxsize=4096)
def px(mm: float) -> str:
    """Millimetres as CSS pixels, printed with at most two decimals (cached: the same
    coordinates recur across a drawing)."""
    value = round(mm * PX_PER_MM, 2)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0")
