"""Layout of the SOP AP flowchart: symbols, arrows, lanes, sheets and off-page connectors.

Pure geometry, no HTML: ``layout(sop, paper)`` returns plain data (``Chart``, layout/chart.py)
that the HTML template draws as one SVG per table row (the SVG spans the actor columns of
that row). Every vertical position is anchored to a row (``Y``), since the browser decides the
final height of each row; x positions are millimetres from the left edge of the actor area.

Routing (docs/format.md, "Simbol bagan alir"):
- one Mulai starts every flow: step 1 is the Mulai capsule itself when it has one actor, is
  no decision and no arrow loops back to it; otherwise step 1 gets its own symbol and one
  Mulai capsule above it (in its first column, an arrow down into the symbol);
- a non-decision step whose flow ends is an end terminator (with several actors: a box in
  each column and one Selesai below the first), a decision is a diamond, the rest are
  process rectangles; a step with several actors has a symbol in each of their columns,
  joined by a line (a decision of several actors is still one diamond, in the column
  nearest the next step's, and a process box in each other actor's column); terminators
  always carry their word (``State.tw``: as wide as the word needs, inside the column);
- an arrow to the following step runs straight down in one column, or leaves the symbol's
  side and turns down into the next step's column (an elbow);
- a decision branch to ``selesai`` ends in an end capsule of its own beside the diamond;
- back-loops and forward jumps run in lanes beside the symbols (2 mm steps from the column
  borders, 2 mm clear of the symbols, where no symbol ever stands); each lane is taken by
  one edge over the rows it spans, and the lane is chosen to cross as few other lines as
  possible;
- when the procedure does not fit on one sheet, rows are split into sheets; an arrow that
  crosses a break ends in a numbered off-page connector (pentagon) and resumes from the
  connector with the same number on the target's sheet.

The engine is a list of passes over one explicit state (``State``, layout/state.py), as in
dagre's layout.js or graphviz dot. ``build_state`` (layout/flowchart.py) makes the state:
the flow graph, the column widths (measure.py), the symbol width, the lane slots (lanes.py),
the estimated height of each row's text (measure.py), the header's height, and one ``Row``
per step with its kind (symbols.step_kind) and actor columns. Then, in order (``PASSES``):

PREPARE, once (nothing in it depends on the sheets):
 1. symbols.place_symbols: reads rows (kind, columns), ws, tw; writes the rows' shapes, the
    join line of a step with several actors, the Mulai above step 1 (its top zone) and the
    one Selesai below an end of several actors (its bottom zone).
 2. arrows.route_adjacent: reads flow, rows; writes the lines, arrows, labels and used sides
    of the arrows to the next step, and ``adjacent`` (each row-to-row crossing).
 3. symbols.place_end_caps: reads flow, rows (used sides); writes the end capsules of
    decision branches to ``selesai``: beside the diamond, or in its bottom zone.

PAGINATE, on a fresh copy of the prepared state (state.for_pass: copied rows, a ``floor``
of row heights, no sheets, lanes or connectors yet), repeated while a sheet overflows:
 4. measure.heights: reads the rows' text heights, symbols, zones and ``floor``; writes each
    row's height.
 5. sheets.paginate: reads the rows' heights, paper, head; writes ``sheets`` and each row's
    sheet.
 6. connectors.split_adjacent: reads ``adjacent`` and the sheets; an arrow to the next step
    across a break gets a pair of off-page connectors: writes ``connectors``,
    ``top_number``, ``incoming`` and the rows at the break (lines, shapes, zones).
 7. lanes.route_long: reads flow, ``slots``, sheets and everything drawn so far; writes
    ``lanes`` and the lines of each back-loop or forward jump, or (connectors.route_across,
    to another sheet or when no lane is free) a pair of connectors, off-page or on-page.
 8. measure.heights again: rows with a connector zone grow, by the zone's room on its side
    only.

FINISH, once, on the pagination that is kept:
 8a. zones.settle: a row with a zone on one side only (a connector below the last symbol of a
    sheet, above the first of the next): its symbol and what is anchored to the middle line
    move away from the zone, into the room the row has.
 9. labels.fix_labels: reads the rows' lines, shapes and heights; moves branch labels that a
    later line crossed, or that cross a column border or leave the actor columns (near
    their line, or else to the nearest clear place of the row, on one line or two).
10. symbols.borders: reads n, widths; writes the column borders at the front of each row's
    lines.
11. connectors.renumber: reads and writes ``connectors`` and the connector symbols' numbers
    (reading order, not routing order).
12. arrows.merge_arrows: lines that meet at one point before a symbol share one arrowhead
    (or none, where they meet head to head on a line that goes on to the symbol's).

Then the state's rows, sheets and connectors make the ``Chart``. Helpers shared by passes:
zones.py (the free sides of a symbol, the zones above and below it), labels.py (branch labels
where a branch leaves a diamond).
"""

from soptool.layout.chart import (
    BOTTOM,
    MID,
    PAPERS,
    PX_PER_MM,
    TOP,
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
from soptool.layout.flowchart import PASSES, build_state, layout
from soptool.layout.labels import branch_label
from soptool.layout.measure import column_widths, text_lines
from soptool.layout.state import State
from soptool.layout.symbols import step_kind

__all__ = [
    "BOTTOM", "MID", "PAPERS", "PASSES", "PX_PER_MM", "TOP", "Arrow", "Chart", "ConnectorPair",
    "Label", "Line", "Paper", "Row", "Shape", "State", "Widths", "Y", "branch_label",
    "build_state", "column_widths", "layout", "px", "step_kind", "text_lines",
]
