"""Layout of the SOP AP flowchart: symbols, arrows, lanes, sheets and off-page connectors.

Pure geometry, no HTML: ``layout(sop, paper)`` returns plain data that the HTML template
draws as one SVG per table row (the SVG spans the actor columns of that row).

The browser decides the final height of each row (long text makes a row taller), so every
vertical position is anchored to a row: ``Y(frac, off)`` is ``frac`` of the row's height
(0 top, 0.5 middle, 1 bottom) plus ``off`` millimetres. Symbols sit on the middle line;
lines that run between anchors stretch with the row, so the drawing stays joined whatever
height the row takes. x positions are millimetres from the left edge of the actor area
(the table's column widths are fixed, so they are exact).

Routing (format.md, "Symbols"):
- step 1 is the start terminator, a non-decision step whose flow ends is an end
  terminator, a decision is a diamond, the rest are process rectangles; a step with several
  actors has a symbol in each of their columns, joined by a line;
- an arrow to the following step runs straight down in one column, or leaves the symbol's
  side and turns down into the next step's column (an elbow);
- a decision branch to ``selesai`` ends in an end capsule of its own beside the diamond;
- back-loops and forward jumps run in lanes beside the symbols (close to the column
  borders, where no symbol ever stands); each lane is taken by one edge over the rows it
  spans, and the lane is chosen to cross as few other lines as possible;
- when the procedure does not fit on one sheet, rows are split into sheets; an arrow that
  crosses a break ends in a numbered off-page connector (pentagon) and resumes from the
  connector with the same number on the target's sheet.
"""

from __future__ import annotations

import bisect
import copy
import math
from collections.abc import Callable
from dataclasses import replace

from soptool.graph import END, Flow, build_flow
from soptool.layout.chart import (
    AT_BOTTOM,
    AT_MID,
    AT_TOP,
    BOTTOM,
    CLEARANCE,
    CONNECTOR_H,
    CONNECTOR_W,
    DECISION_H,
    END_CAP_H,
    END_CAP_W,
    JUNCTION_OFF,
    LABEL_CHAR_MM,
    LANE_CLEAR,
    LANE_STEP,
    MID,
    PAPERS,
    PX_PER_MM,
    ROW_MIN_H,
    SYMBOL_H,
    TOP,
    ZONE_H,
    Arrow,
    Chart,
    ConnectorPair,
    Label,
    Line,
    Paper,
    Row,
    Shape,
    Widths,
    Y,
    px,
)
from soptool.layout.measure import (
    CELL_PAD_MM,
    CHAR_MM,
    FONT_MM,
    HEAD_FONT_MM,
    LINE_MM,
    cell_height,
    column_widths,
    header_height,
    row_text_height,
    text_lines,
)
from soptool.model import Sop

# The public names of the layout, as they were when they were all defined here.
__all__ = [
    "AT_BOTTOM", "AT_MID", "AT_TOP", "BOTTOM", "CELL_PAD_MM", "CHAR_MM", "CLEARANCE",
    "CONNECTOR_H", "CONNECTOR_W", "DECISION_H", "END_CAP_H", "END_CAP_W", "FONT_MM",
    "FOOTER_H", "HEAD_FONT_MM", "JUNCTION_OFF", "LABEL_CHAR_MM", "LANE_CLEAR", "LANE_STEP",
    "LINE_MM", "MID", "PAPERS", "PX_PER_MM", "ROW_MIN_H", "SYMBOL_H", "TOP", "ZONE_H",
    "Arrow", "Chart", "ConnectorPair", "Label", "Line", "Paper", "Row", "Shape", "Widths",
    "Y", "branch_label", "cell_height", "column_widths", "header_height", "layout", "px",
    "row_text_height", "step_kind", "text_lines",
]

FOOTER_H = 9.0  # the total working time row


# --- the layout ---------------------------------------------------------------------------


def step_kind(sop: Sop, flow: Flow, index: int) -> str:
    """start, end, process or decision (format.md, "Symbols")."""
    step = sop.langkah[index]
    if step.keputusan is not None:
        return "decision"
    if index == 0:
        return "start"
    if all(e.target == END for e in flow.edges[index]):
        return "end"
    return "process"


def branch_label(sop: Sop, index: int, branch: str | None) -> str:
    """The printed word of a decision branch: Ya/Tidak or the step's own labels."""
    k = sop.langkah[index].keputusan
    if k is None or branch not in ("ya", "tidak"):
        return ""
    if branch == "ya":
        return str(k.label_ya) if k.label_ya else "Ya"
    return str(k.label_tidak) if k.label_tidak else "Tidak"


class _Layout:
    def __init__(self, sop: Sop, paper: Paper, floor: dict[int, float] | None = None) -> None:
        self.sop = sop
        self.floor = floor or {}  # row heights learnt from an earlier pass
        self.paper = paper
        self.flow = build_flow(sop)
        keys = list(sop.pelaksana)
        self.n = len(keys)
        self.widths = column_widths(paper, self.n)
        wc = self.widths.actor
        self.ws = max(6.0, min(22.0, wc - 2 * (LANE_CLEAR + 2 * LANE_STEP)))
        self.rows: list[Row] = []
        index = {k: c for c, k in enumerate(keys)}
        for i, step in enumerate(sop.langkah):
            cols = sorted({index[k] for k in step.pelaksana if k in index}) or [0]
            self.rows.append(Row(i, step_kind(sop, self.flow, i), cols))
        # the height of each row's text cells (the same in every pass)
        self.text_heights = [row_text_height(sop, i, self.widths) for i in range(len(self.rows))]
        self.adjacent: list[tuple[int, int, float]] = []  # row-to-row crossings
        self.slots = self.lane_slots()
        # lanes taken: per x, the row ranges (lo, hi) of the edges in it, disjoint, sorted
        self.lanes: dict[float, list[tuple[int, int]]] = {}
        self.connectors: list[ConnectorPair] = []
        self.top_number = 0  # the highest connector number given so far
        self.sheets: list[list[int]] = []
        self.head = header_height(sop, self.widths)
        self.kind = "connector"  # the symbol of the pair being drawn: connector or onpage
        self.incoming: dict[tuple[int, str], int] = {}  # (target, kind) -> connector number

    # geometry helpers
    def cx(self, col: int) -> float:
        return (col + 0.5) * self.widths.actor

    def sym_h(self, row: Row) -> float:
        return DECISION_H if row.kind == "decision" else SYMBOL_H

    def side_x(self, row: Row, col: int, side: str) -> float:
        """x where a horizontal line meets the side of the symbol in ``col``."""
        half = self.ws / 2
        return self.cx(col) - half if side == "left" else self.cx(col) + half

    @staticmethod
    def line_from_top(row: Row, x: float) -> bool:
        """Whether a flow line already comes down from the top of the row at x."""
        return any(ln.kind == "flow" and ln.vertical and abs(ln.x1 - x) < 1e-6
                   and TOP in (ln.y1.frac, ln.y2.frac) for ln in row.lines)

    def span(self, row: Row) -> tuple[int, int]:
        return row.columns[0], row.columns[-1]

    # --- symbols
    def place_symbols(self) -> None:
        for row in self.rows:
            h = self.sym_h(row)
            text = {"start": "Mulai", "end": "Selesai"}.get(row.kind, "")
            if self.ws < 13:
                text = ""
            a, b = self.span(row)
            if a != b:
                row.lines.append(Line(self.cx(a), AT_MID, self.cx(b), AT_MID, "join"))
            for c in row.columns:
                row.shapes.append(Shape(row.kind, self.cx(c), AT_MID, self.ws, h, text,
                                        step=row.number))

    # --- arrows to the following step
    def exit_label(self, row: Row, side: str, x: float, branch: str | None,
                   below: bool = False, high: bool = False) -> None:
        """Label a decision branch where it leaves the diamond.

        Beside a side exit the label sits above the line, or below it when the line turns
        up into a lane (so that the label never crosses the lane).
        """
        text = branch_label(self.sop, row.index, branch)
        if not text:
            return
        h = self.sym_h(row)
        # ``high``: above an end capsule or connector standing on the line
        dy = 3.4 if below else (-(END_CAP_H / 2 + 0.6) if high else -1.2)
        if side == "bottom":
            # beside the line going down: on the right, unless that leaves the actor area or
            # a line runs there
            w = len(text) * LABEL_CHAR_MM + 0.6

            def clear(x0: float, x1: float) -> bool:
                return not any(ln.kind == "flow" and ln.vertical and x0 <= ln.x1 <= x1
                               and abs(ln.x1 - x) > 1e-6 for ln in row.lines)

            right_ok = x + 1.2 + w <= self.widths.actor_area - 0.5 and clear(x, x + 1.2 + w)
            if not right_ok and clear(x - 1.2 - w, x):
                row.labels.append(Label(x - 1.2, Y(MID, h / 2 + 2.6), text, "end"))
            else:
                row.labels.append(Label(x + 1.2, Y(MID, h / 2 + 2.6), text, "start"))
        elif side == "right":
            row.labels.append(Label(x + 1.0, Y(MID, dy), text, "start"))
        else:
            row.labels.append(Label(x - 1.0, Y(MID, dy), text, "end"))

    def route_adjacent(self) -> list[tuple[int, int, float]]:
        """Arrows to the next step; returns (source, target, x) of each row-to-row crossing."""
        crossings = []
        for row in self.rows[:-1]:
            nxt = self.rows[row.index + 1]
            for edge in self.flow.edges[row.index]:
                if edge.target != row.index + 1:
                    continue
                common = [c for c in row.columns if c in nxt.columns]
                a, b = self.span(row)
                if common:
                    ct = common[0]
                    cs = ct
                    side = "bottom"
                else:
                    ct = min(nxt.columns, key=lambda c: (max(a - c, c - b, 0), c))
                    cs = min(row.columns, key=lambda c: (abs(c - ct), c))
                    side = "bottom" if a < ct < b else ("right" if ct > cs else "left")
                x = self.cx(ct)
                if side == "bottom":
                    row.lines.append(Line(x, AT_MID, x, AT_BOTTOM))
                    self.exit_label(row, "bottom", x, edge.branch)
                else:
                    sx = self.side_x(row, cs, side)
                    row.lines.append(Line(sx, AT_MID, x, AT_MID))
                    row.lines.append(Line(x, AT_MID, x, AT_BOTTOM))
                    self.exit_label(row, side, sx, edge.branch)
                row.used.add(side)
                nxt.used.add("top")
                nxt.lines.append(Line(x, AT_TOP, x, AT_MID))
                nxt.arrows.append(Arrow(x, Y(MID, -self.sym_h(nxt) / 2), "down"))
                crossings.append((row.index, nxt.index, x))
        return crossings

    # --- things beside a symbol: end capsules and side connectors
    def beside(self, row: Row, prefer: tuple[str, ...] = ("right", "left"),
               label: str = "") -> str | None:
        """A free side of the symbol with a column next to it (its label not crossed)."""
        a, b = self.span(row)
        for side in prefer:
            if side in row.used:
                continue
            if label:
                vx = self.side_x(row, b if side == "right" else a, side)
                w = len(label) * LABEL_CHAR_MM + 1.6
                x0, x1 = (vx, vx + w) if side == "right" else (vx - w, vx)
                if any(ln.kind == "flow" and ln.vertical and x0 <= ln.x1 <= x1
                       for ln in row.lines):
                    continue
            if side == "right" and b + 1 < self.n:
                return side
            if side == "left" and a - 1 >= 0:
                return side
        return None

    def place_end_caps(self) -> None:
        for row in self.rows:
            for edge in self.flow.edges[row.index]:
                if edge.target != END or row.kind != "decision":
                    continue
                a, b = self.span(row)
                side = self.beside(row, label=branch_label(self.sop, row.index, edge.branch))
                w = min(END_CAP_W, self.ws)
                text = "Selesai" if w >= 13 else ""
                if side is not None:
                    col = b + 1 if side == "right" else a - 1
                    cs = b if side == "right" else a
                    sx = self.side_x(row, cs, side)
                    cx = self.cx(col)
                    ex = cx - w / 2 if side == "right" else cx + w / 2
                    row.lines.append(Line(sx, AT_MID, ex, AT_MID))
                    row.arrows.append(Arrow(ex, AT_MID, side))
                    row.shapes.append(Shape("endcap", cx, AT_MID, w, END_CAP_H, text))
                    self.exit_label(row, side, sx, edge.branch, high=True)
                    row.used.add(side)
                else:  # below the diamond, in a zone of its own
                    self.down_to_zone(row, w, END_CAP_H, "endcap", text, edge.branch)

    def heights(self) -> None:
        text_heights = self.text_heights
        for row in self.rows:
            text_h = text_heights[row.index]
            # the symbol sits on the middle line: a connector zone above or below it
            # needs the same room on both sides
            clearance = ZONE_H + 2.5 if (row.zone_top or row.zone_bottom) else CLEARANCE
            need = self.sym_h(row) + 2 * clearance
            row.height = round(max(ROW_MIN_H, text_h, need, self.floor.get(row.index, 0)), 1)

    @property
    def capacity(self) -> float:
        """Height available for the rows of one sheet."""
        return self.paper.inner_height - self.head - 4.0

    def overflowing(self) -> list[int]:
        """Sheets whose rows (final heights) do not fit on the paper."""
        out = []
        for s, idxs in enumerate(self.sheets):
            used = sum(self.rows[i].height for i in idxs)
            if s == len(self.sheets) - 1:
                used += FOOTER_H
            if used > self.capacity + 1e-6:
                out.append(s)
        return out

    def paginate(self) -> None:
        capacity = self.capacity
        sheets: list[list[int]] = [[]]
        used = 0.0
        # a row at a sheet break may grow by a connector zone (see heights())
        zone = 2 * (ZONE_H + 2.5 - CLEARANCE) + 1.0
        count = len(self.rows)
        for row in self.rows:
            h = row.height
            last = row.index == count - 1
            extra = FOOTER_H if last else 0.0
            # a row that starts or ends a sheet may need room for a connector
            reserve = zone if not last else 0.0
            if sheets[-1] and used + h + extra + reserve > capacity:
                sheets.append([])
                used = zone  # the first row of a continued sheet may hold a connector
            sheets[-1].append(row.index)
            used += h
        self.sheets = sheets
        for s, idxs in enumerate(sheets):
            for i in idxs:
                self.rows[i].sheet = s

    # --- connectors where a row-to-row arrow crosses a sheet break
    def split_adjacent(self, crossings: list[tuple[int, int, float]]) -> None:
        for source, target, x in crossings:
            up, down = self.rows[source], self.rows[target]
            if up.sheet == down.sheet:
                continue
            number = self.top_number + 1
            self.top_number = number
            self.connectors.append(
                ConnectorPair(number, up.number, down.number, up.sheet, down.sheet))
            # shorten the line in the source row to the connector, and in the target row
            self._cut(up, x, at_bottom=True)
            self._cut(down, x, at_bottom=False)
            # the line into the target now starts at the connector: its top is free again
            down.used.discard("top")
            down.arrows = [a for a in down.arrows if not (a.x == x and a.direction == "down")]
            self.down_to_zone(up, CONNECTOR_W, CONNECTOR_H, "connector", str(number), None,
                              start_x=x)
            self.up_from_zone(down, number, want=x)
            self.incoming[(down.index, "connector")] = number

    def _cut(self, row: Row, x: float, at_bottom: bool) -> None:
        edge = AT_BOTTOM if at_bottom else AT_TOP
        row.lines = [ln for ln in row.lines
                     if not (ln.vertical and ln.x1 == x and edge in (ln.y1, ln.y2)
                             and ln.kind == "flow")]

    # --- long edges: back-loops and forward jumps
    def long_edges(self) -> list[tuple[int, int, str | None]]:
        out = []
        for i in range(len(self.rows)):
            for e in self.flow.edges[i]:
                if e.target != END and e.target != i + 1:
                    out.append((i, e.target, e.branch))
        out.sort(key=lambda t: (abs(t[1] - t[0]), t[0], t[1]))
        return out

    def lane_slots(self) -> list[float]:
        wc = self.widths.actor
        room = (wc - self.ws) / 2 - LANE_CLEAR
        steps = [LANE_STEP * k for k in range(1, 20) if LANE_STEP * k <= room + 1e-9]
        xs: list[float] = []
        for b in range(self.n + 1):
            for d in steps:
                if b > 0:
                    xs.append(round(b * wc - d, 3))
                if b < self.n:
                    xs.append(round(b * wc + d, 3))
        return sorted(set(xs))

    def lane_free(self, x: float, lo: int, hi: int) -> bool:
        """Whether the lane at x is free over the rows lo to hi."""
        taken = self.lanes.get(x)
        if not taken:
            return True
        # the ranges in a lane are disjoint and sorted: only the last one that starts at or
        # before hi can reach lo
        k = bisect.bisect_right(taken, (hi, math.inf)) - 1
        return k < 0 or taken[k][1] < lo

    def take_lane(self, x: float, lo: int, hi: int) -> None:
        bisect.insort(self.lanes.setdefault(x, []), (lo, hi))

    def crossing_spans(self, rows: range) -> list[tuple[float, float]]:
        """The horizontal lines in these rows, as (x0, x1): a lane at x crosses those with
        x0 < x < x1."""
        return [(min(ln.x1, ln.x2), max(ln.x1, ln.x2)) for r in rows
                for ln in self.rows[r].lines if not ln.vertical]

    def label_spans(self, rows: range) -> list[tuple[float, float]]:
        """The branch labels in these rows, as (x0, x1): a lane at x runs through those with
        x0 <= x <= x1."""
        out = []
        for r in rows:
            for lb in self.rows[r].labels:
                w = len(lb.text) * LABEL_CHAR_MM + 0.6
                x0 = lb.x - 0.3 if lb.anchor == "start" else lb.x - w + 0.3
                out.append((x0, x0 + w))
        return out

    def own_label_test(self, row: Row, branch: str | None) -> Callable[[float, str], bool]:
        """Whether an edge's own branch label would be crossed by a vertical line, when the
        edge leaves ``row`` by ``out`` for a lane at x: a test for the row as it is now."""
        text = branch_label(self.sop, row.index, branch)
        if not text:
            return lambda x, out: False
        w = len(text) * LABEL_CHAR_MM + 0.6
        verticals = [ln.x1 for ln in row.lines if ln.vertical and ln.kind == "flow"]
        area = self.widths.actor_area

        def crossed(x: float, out: str) -> bool:
            if out == "bottom":
                col = min(row.columns, key=lambda c: (abs(self.cx(c) - x), c))
                vx = self.cx(col)
                if vx + 1.2 + w > area - 0.5:
                    x0, x1 = vx - 1.2 - w, vx - 0.2
                else:
                    x0, x1 = vx + 0.2, vx + 1.2 + w
                if x0 <= x <= x1:
                    return True
            else:
                col = row.columns[0] if out == "left" else row.columns[-1]
                vx = self.side_x(row, col, out)
                x0, x1 = (vx, vx + w + 1.0) if out == "right" else (vx - w - 1.0, vx)
            return any(x0 <= v <= x1 for v in verticals)

        return crossed

    def zone_spans(self, src: Row, dst: Row) -> list[tuple[float, float]]:
        """The connectors and end capsules in the zones a lane from src to dst would pass, as
        (x0, x1): a lane at x runs through those with x0 < x < x1."""
        up = dst.index < src.index
        lo, hi = sorted((src.index, dst.index))
        out = []
        for r in range(lo, hi + 1):
            row = self.rows[r]
            if r == src.index:
                zones = ["top"] if up else ["bottom"]
            elif r == dst.index:
                zones = ["bottom"] if up else ["top"]
            else:
                zones = ["top", "bottom"]
            for z in zones:
                out += [(a - 0.5, b + 0.5) for a, b in row.zone_items.get(z, [])]
        return out

    def route_long(self) -> None:
        slots = self.slots
        edges = self.long_edges()
        # pairs of connectors first: they take the zones that lanes must then keep clear of
        for s, t, branch in edges:
            if self.rows[s].sheet != self.rows[t].sheet:
                self.route_across(self.rows[s], self.rows[t], branch)
        for s, t, branch in edges:
            src, dst = self.rows[s], self.rows[t]
            if src.sheet != dst.sheet:
                continue
            best: tuple[float, float, str, str] | None = None
            lo, hi = min(s, t), max(s, t)
            # what a lane would meet, gathered once for all the lanes tried
            crossed = self.crossing_spans(range(lo + 1, hi))
            labels = self.label_spans(range(lo, hi + 1))
            zones = self.zone_spans(src, dst)
            own_label_crossed = self.own_label_test(src, branch)
            for x in slots:
                if not self.lane_free(x, lo, hi):
                    continue
                out = self._exit_mode(src, x)
                inn = self._entry_mode(dst, x)
                if out is None or inn is None:
                    continue
                # never through a label or a connector: rather a pair of on-page connectors
                if (any(x0 <= x <= x1 for x0, x1 in labels)
                        or own_label_crossed(x, out)
                        or any(x0 < x < x1 for x0, x1 in zones)):
                    continue
                cost = 10.0 * sum(1 for x0, x1 in crossed if x0 < x < x1)
                cost += abs(x - self._nearest_cx(src, x)) / self.widths.actor
                cost += abs(x - self._nearest_cx(dst, x)) / self.widths.actor
                cost += (0 if out in ("left", "right") else 3) + (0 if inn in ("left", "right")
                                                                   else 2)
                if best is None or cost < best[0]:
                    best = (cost, x, out, inn)
            if best is None:
                # no lane left: fall back to a pair of connectors beside the symbols
                self.route_across(src, dst, branch)
                continue
            _, x, out, inn = best
            self.take_lane(x, lo, hi)
            self._draw_lane(src, dst, x, out, inn, branch)

    def _nearest_cx(self, row: Row, x: float) -> float:
        if len(row.columns) == 1:
            return self.cx(row.columns[0])
        return min((self.cx(c) for c in row.columns), key=lambda v: (abs(v - x), v))

    def _exit_mode(self, row: Row, x: float) -> str | None:
        a, b = self.span(row)
        side = "left" if x < self.cx(a) else ("right" if x > self.cx(b) else None)
        if side is not None and side not in row.used:
            return side
        if "bottom" not in row.used and not row.zone_bottom:
            return "bottom"
        return None

    def _entry_mode(self, row: Row, x: float) -> str | None:
        a, b = self.span(row)
        side = "left" if x < self.cx(a) else ("right" if x > self.cx(b) else None)
        if side is not None and side not in row.used:
            return side
        if not row.zone_top:
            return "top"
        return None

    def _draw_lane(self, src: Row, dst: Row, x: float, out: str, inn: str,
                   branch: str | None) -> None:
        down = dst.index > src.index
        # leaving the source
        if out in ("left", "right"):
            col = src.columns[0] if out == "left" else src.columns[-1]
            sx = self.side_x(src, col, out)
            src.lines.append(Line(sx, AT_MID, x, AT_MID))
            start = AT_MID
            self.exit_label(src, out, sx, branch, below=not down)
            src.used.add(out)
        else:
            col = min(src.columns, key=lambda c: (abs(self.cx(c) - x), c))
            cxs = self.cx(col)
            jy = Y(BOTTOM, -JUNCTION_OFF - 1.4 * src.junctions_bottom)
            src.junctions_bottom += 1
            src.lines.append(Line(cxs, AT_MID, cxs, jy))
            src.lines.append(Line(cxs, jy, x, jy))
            start = jy
            self.exit_label(src, "bottom", cxs, branch)
            src.used.add("bottom")
        src.lines.append(Line(x, start, x, AT_BOTTOM if down else AT_TOP))
        # the rows in between
        lo, hi = sorted((src.index, dst.index))
        for r in range(lo + 1, hi):
            self.rows[r].lines.append(Line(x, AT_TOP, x, AT_BOTTOM))
        # entering the target
        if inn in ("left", "right"):
            col = dst.columns[0] if inn == "left" else dst.columns[-1]
            ex = self.side_x(dst, col, inn)
            dst.lines.append(Line(x, AT_TOP if down else AT_BOTTOM, x, AT_MID))
            dst.lines.append(Line(x, AT_MID, ex, AT_MID))
            dst.arrows.append(Arrow(ex, AT_MID, "right" if inn == "left" else "left"))
            dst.used.add(inn)
        else:
            col = min(dst.columns, key=lambda c: (abs(self.cx(c) - x), c))
            cxt = self.cx(col)
            jy = Y(TOP, JUNCTION_OFF + 1.4 * dst.junctions_top)
            dst.junctions_top += 1
            dst.lines.append(Line(x, AT_TOP if down else AT_BOTTOM, x, jy))
            dst.lines.append(Line(x, jy, cxt, jy))
            if not self.line_from_top(dst, cxt):
                dst.lines.append(Line(cxt, jy, cxt, AT_MID))
            dst.arrows.append(Arrow(cxt, Y(MID, -self.sym_h(dst) / 2), "down"))
            dst.used.add("top")

    def route_across(self, src: Row, dst: Row, branch: str | None) -> None:
        """An arrow to a step on another sheet (or with no free lane): a connector pair."""
        self.kind = "connector" if src.sheet != dst.sheet else "onpage"
        # arrows into the same step share its incoming connector (and its number)
        shared = self.incoming.get((dst.index, self.kind))
        number = shared if shared is not None else self.top_number + 1
        self.top_number = max(self.top_number, number)
        self.connectors.append(
            ConnectorPair(number, src.number, dst.number, src.sheet, dst.sheet))
        # source: beside the symbol, else below it
        side = self.beside(src, label=branch_label(self.sop, src.index, branch))
        if side is not None:
            self._side_connector(src, side, number, outgoing=True, branch=branch)
        else:
            self._bottom_connector(src, number, branch)
        if shared is not None:
            return
        self.incoming[(dst.index, self.kind)] = number
        side = self.beside(dst, ("left", "right"))
        if side is not None:
            self._side_connector(dst, side, number, outgoing=False, branch=None)
        else:
            self._top_connector(dst, number)

    def _bottom_connector(self, src: Row, number: int, branch: str | None) -> None:
        """An outgoing connector in the zone under the symbol."""
        self.down_to_zone(src, CONNECTOR_W, CONNECTOR_H, self.kind, str(number), branch)

    def _top_connector(self, dst: Row, number: int) -> None:
        """An incoming connector in the zone above the symbol."""
        self.up_from_zone(dst, number, want=self.cx(dst.columns[0]))

    # --- the zones above and below a symbol
    def _zone_obstacles(self, row: Row, zone: str) -> Callable[[float, float], bool]:
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

    def zone_place(self, row: Row, zone: str, want: float, w: float,
                   prefer: tuple[int, ...] = (1, -1), reach: float | None = None,
                   must: bool = True, apart: float = 0.0) -> float | None:
        """x for an item ``w`` wide in a zone of the row, free and as near ``want`` as can be.

        With ``must`` false, None when no place is free (else the wanted place regardless).
        ``apart``: the item's centre keeps at least this far from ``reach``.
        """
        items = row.zone_items.setdefault(zone, [])
        area = self.widths.actor_area
        candidates = [want]
        for k in range(1, 40):
            for d in prefer:
                candidates.append(want + d * k * 1.0)
        blocked = self._zone_obstacles(row, zone)
        for x in candidates:
            lo, hi = x - w / 2, x + w / 2
            if lo < 0.5 or hi > area - 0.5:
                continue
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

    def down_to_zone(self, row: Row, w: float, h: float, kind: str, text: str,
                     branch: str | None, start_x: float | None = None) -> None:
        """Leave a symbol downwards into an item (end capsule or connector) below it."""
        row.zone_bottom = True
        cx = self.cx(row.columns[0])
        if start_x is not None:
            sx, side = start_x, ""
        elif "bottom" not in row.used:
            sx, side = cx, "bottom"
            row.used.add("bottom")
            self.exit_label(row, "bottom", cx, branch)
        else:  # leave by a free side, and turn down just beside the symbol
            side = "right" if "right" not in row.used else "left"
            col = row.columns[-1] if side == "right" else row.columns[0]
            vx = self.side_x(row, col, side)
            sx = vx + 1.5 if side == "right" else vx - 1.5
            row.lines.append(Line(vx, AT_MID, sx, AT_MID))
            self.exit_label(row, side, vx, branch, below=False)
            row.used.add(side)
        prefer = (-1, 1) if side == "left" else (1, -1)
        top = Y(BOTTOM, -h - 1.0)
        # the item's own drop line must not be taken for an obstacle
        x = self.zone_place(row, "bottom", sx, w, prefer)
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

    def up_from_zone(self, row: Row, number: int, want: float) -> None:
        """Enter a symbol from an incoming connector above it."""
        row.zone_top = True
        col = min(row.columns, key=lambda c: (abs(self.cx(c) - want), c))
        cx = self.cx(col)
        below = Y(TOP, CONNECTOR_H + 1.0)
        free_top = not self.line_from_top(row, cx)
        cy = Y(TOP, CONNECTOR_H / 2 + 1.0)
        if free_top:
            x = self.zone_place(row, "top", want, CONNECTOR_W)
        else:  # beside the line already coming in, with room for an arrow into it
            x = self.zone_place(row, "top", cx + CONNECTOR_W / 2 + 2.8, CONNECTOR_W, reach=cx,
                                must=False, apart=CONNECTOR_W / 2 + 2.6)
        assert x is not None or not free_top
        if x is None:
            # no room beside the line at the connector's height: join it lower down
            x = self.zone_place(row, "top", cx + CONNECTOR_W / 2 + 2.8, CONNECTOR_W)
            assert x is not None
            row.shapes.append(Shape(self.kind, x, cy, CONNECTOR_W, CONNECTOR_H, str(number),
                                    "down"))
            jy = Y(TOP, CONNECTOR_H + 2.6)
            row.lines.append(Line(x, below, x, jy))
            row.lines.append(Line(x, jy, cx, jy))
            row.arrows.append(Arrow(cx, jy, "left" if x > cx else "right"))
        elif x == cx and free_top:
            row.shapes.append(Shape(self.kind, x, cy, CONNECTOR_W, CONNECTOR_H, str(number),
                                    "down"))
            row.lines.append(Line(x, below, x, AT_MID))
        else:
            # beside the line into the symbol: the connector points at it and joins it
            toward = "left" if x > cx else "right"
            edge = x - CONNECTOR_W / 2 if x > cx else x + CONNECTOR_W / 2
            row.shapes.append(Shape(self.kind, x, cy, CONNECTOR_W, CONNECTOR_H, str(number),
                                    toward))
            row.lines.append(Line(edge, cy, cx, cy))
            if free_top:
                row.lines.append(Line(cx, cy, cx, AT_MID))
            else:
                row.arrows.append(Arrow(cx, cy, toward))
        if free_top:
            row.arrows.append(Arrow(cx, Y(MID, -self.sym_h(row) / 2), "down"))
        row.used.add("top")

    def _side_connector(self, row: Row, side: str, number: int, outgoing: bool,
                        branch: str | None) -> None:
        a, b = self.span(row)
        col = b + 1 if side == "right" else a - 1
        cs = b if side == "right" else a
        sx = self.side_x(row, cs, side)
        cx = self.cx(col)
        ex = cx - CONNECTOR_W / 2 if side == "right" else cx + CONNECTOR_W / 2
        direction = side if outgoing else ("left" if side == "right" else "right")
        row.lines.append(Line(sx, AT_MID, ex, AT_MID))
        if outgoing:
            row.arrows.append(Arrow(ex, AT_MID, side))
            self.exit_label(row, side, sx, branch, high=True)
        else:
            row.arrows.append(Arrow(sx, AT_MID, direction))
        row.shapes.append(Shape(self.kind, cx, AT_MID, CONNECTOR_W, CONNECTOR_H,
                                str(number), direction))
        row.used.add(side)

    def label_box(self, row: Row, lb: Label) -> tuple[float, float, float, float]:
        """The box a label covers (x0, y0, x1, y1), in the row at its estimated height."""
        w = len(lb.text) * LABEL_CHAR_MM
        x0 = lb.x if lb.anchor == "start" else lb.x - w
        y = lb.y.at(row.height)
        return (x0 - 0.2, y - 2.3, x0 + w + 0.2, y + 0.5)

    def label_clear(self, row: Row, lb: Label, others: list[Label]) -> bool:
        """Whether a label stays clear of lines, symbols and other labels, inside its cell."""
        x0, y0, x1, y1 = self.label_box(row, lb)
        if x0 < 0.3 or x1 > self.widths.actor_area - 0.3 or y0 < 0.3 or y1 > row.height - 0.3:
            return False
        for ln in row.lines:
            if ln.kind != "flow" or not ln.vertical:
                continue
            a, b = sorted((ln.y1.at(row.height), ln.y2.at(row.height)))
            if x0 < ln.x1 < x1 and a < y1 and b > y0:
                return False
        for sh in row.shapes:
            cy = sh.cy.at(row.height)
            if (x0 < sh.cx + sh.w / 2 and x1 > sh.cx - sh.w / 2
                    and y0 < cy + sh.h / 2 and y1 > cy - sh.h / 2):
                return False
        for other in others:
            a0, b0, a1, b1 = self.label_box(row, other)
            if x0 < a1 and x1 > a0 and y0 < b1 and y1 > b0:
                return False
        return True

    def fix_labels(self) -> None:
        """Move a label that a later line crossed: mirrored, higher or lower, first clear."""
        for row in self.rows:
            for i, lb in enumerate(row.labels):
                others = row.labels[:i] + row.labels[i + 1:]
                if self.label_clear(row, lb, others):
                    continue
                mirrored = Label(lb.x - 2.2 if lb.anchor == "start" else lb.x + 2.2, lb.y,
                                 lb.text, "end" if lb.anchor == "start" else "start")
                for base in (lb, mirrored):
                    found = None
                    for dy in (0.0, 2.8, -2.8, 5.6, -5.6):
                        alt = Label(base.x, Y(base.y.frac, base.y.off + dy), base.text,
                                    base.anchor)
                        if self.label_clear(row, alt, others):
                            found = alt
                            break
                    if found is not None:
                        row.labels[i] = found
                        break

    def renumber(self) -> None:
        """Number connector pairs in reading order (sheet, then row), not routing order."""
        def first_seen(c: ConnectorPair) -> tuple[int, int, int]:
            return (min(c.from_sheet, c.to_sheet), min(c.source_step, c.target_step),
                    c.number)


        if not self.connectors:
            return  # no connector to number
        order = sorted(self.connectors, key=first_seen)
        new: dict[int, int] = {}
        for c in order:
            new.setdefault(c.number, len(new) + 1)
        self.connectors = [ConnectorPair(new[c.number], c.source_step, c.target_step,
                                         c.from_sheet, c.to_sheet) for c in order]
        for row in self.rows:
            row.shapes = [replace(s, text=str(new[int(s.text)]))
                          if s.kind in ("connector", "onpage") else s for s in row.shapes]

    def borders(self) -> None:
        wc = self.widths.actor
        # The same lines in every row (immutable, so shared), rightmost border first.
        borders = [Line(b * wc, AT_TOP, b * wc, AT_BOTTOM, "border")
                   for b in range(self.n - 1, 0, -1)]
        for row in self.rows:
            row.lines[:0] = borders  # in front of the row's lines (one list splice)

    def prepare(self) -> None:
        """What does not depend on the sheets: symbols, arrows to the next step, end caps."""
        self.place_symbols()
        self.adjacent = self.route_adjacent()
        self.place_end_caps()

    def again(self, floor: dict[int, float]) -> _Layout:
        """A copy of this prepared layout (not yet paginated), for a pass with ``floor``."""
        other = copy.copy(self)
        other.floor = floor
        other.rows = [row.copy() for row in self.rows]
        other.lanes = {}
        other.connectors = []
        other.top_number = 0
        other.sheets = []
        other.incoming = {}
        return other

    def paginate_and_route(self) -> None:
        """Sheets, and the arrows that depend on them (connectors, lanes); final heights."""
        self.heights()
        self.paginate()
        self.split_adjacent(self.adjacent)
        self.route_long()
        self.heights()  # connectors and end capsules may need their zones

    def finish(self) -> Chart:
        """Labels moved clear of later lines, column borders, connector numbers: the chart."""
        self.fix_labels()
        self.borders()
        self.renumber()
        return Chart(self.paper, self.widths, self.ws, self.rows, self.sheets,
                     sorted(self.connectors, key=lambda c: c.number), self.head, self.flow)

    def run(self) -> Chart:
        self.prepare()
        self.paginate_and_route()
        return self.finish()


def layout(sop: Sop, paper: Paper | str = "A4") -> Chart:
    """Lay out the flowchart of a (valid) SOP on the given paper.

    Connectors and end capsules can make a row taller than first estimated; when a sheet
    then no longer fits, the layout is made again with those heights known (a few passes
    at most: heights only grow). What does not depend on the sheets is done once, and the
    last steps (labels, borders, numbers) only for the pass that is kept.
    """
    p = PAPERS[paper] if isinstance(paper, str) else paper
    floor: dict[int, float] = {}
    base = _Layout(sop, p, floor)
    base.prepare()
    for attempt in range(6):
        lay = base.again(dict(floor))
        lay.paginate_and_route()
        if attempt == 5 or not lay.overflowing():
            break
        edges = {i for idxs in lay.sheets for i in (idxs[0], idxs[-1])}
        grown = False
        for row in lay.rows:
            if row.index not in edges and row.height > floor.get(row.index, 0):
                floor[row.index] = row.height
                grown = True
        if not grown:
            break
    return lay.finish()
