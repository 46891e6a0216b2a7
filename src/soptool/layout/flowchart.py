"""The flowchart layout as passes over one state: ``layout(sop, paper)`` builds the state,
runs the passes in order and returns the ``Chart`` (the passes and what each reads and
writes: see the package's docstring, soptool/layout/__init__.py).

Connectors and end capsules can make a row taller than first estimated; when a sheet then no
longer fits, the pagination passes are made again with those heights known (a few times at
most: heights only grow). What does not depend on the sheets is done once, and the last
passes (labels, borders, numbers) only for the pagination that is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from soptool.graph import build_flow
from soptool.layout.arrows import merge_arrows, route_adjacent
from soptool.layout.chart import (
    END_CAP_W,
    LANE_CLEAR,
    LANE_STEP,
    PAPERS,
    TERM_MARGIN,
    TERM_W,
    Chart,
    Paper,
    Row,
)
from soptool.layout.connectors import renumber, split_adjacent
from soptool.layout.labels import fix_labels
from soptool.layout.lanes import lane_slots, route_long
from soptool.layout.measure import (
    column_widths,
    footer_height,
    header_height,
    heights,
    row_text_height,
)
from soptool.layout.sheets import overflowing, paginate
from soptool.layout.state import State, for_pass
from soptool.layout.symbols import borders, place_end_caps, place_symbols, step_kind
from soptool.layout.zones import settle
from soptool.model import Sop

# Every public name this module had when it held the whole layout, for the imports that
# still name it (soptool.layout is where they are imported from now).

Pass = Callable[[State], None]

# What does not depend on the sheets: symbols, arrows to the next step, end capsules.
PREPARE: tuple[Pass, ...] = (place_symbols, route_adjacent, place_end_caps)
# Sheets, and the arrows that depend on them (connectors, lanes); then the final heights
# (connectors and end capsules may need their zones).
PAGINATE: tuple[Pass, ...] = (heights, paginate, split_adjacent, route_long, heights)
# PAGINATE up to where a given pagination is known to overflow already (_fuller): no pass
# after it reads the rows' heights, and they only add zones, so rows only grow.
SETTLED = 3
# Symbols moved away from a zone on one side of their row, labels moved clear of later
# lines, column borders, connector numbers, one arrowhead where lines meet.
FINISH: tuple[Pass, ...] = (settle, fix_labels, borders, renumber, merge_arrows)
# All the passes in the order they run (PAGINATE perhaps more than once, see layout()).
PASSES: tuple[Pass, ...] = PREPARE + PAGINATE + FINISH


def build_state(sop: Sop, paper: Paper) -> State:
    """The state before the first pass: the flow graph, the table's widths, the symbols'
    width, the lanes, the text heights, and a row for each step (its kind and columns)."""
    flow = build_flow(sop)
    keys = list(sop.pelaksana)
    n = len(keys)
    widths = column_widths(paper, n, sop)
    wc = widths.actor
    ws = max(6.0, min(22.0, wc - 2 * (LANE_CLEAR + 2 * LANE_STEP)))
    rows: list[Row] = []
    index = {k: c for c, k in enumerate(keys)}
    for i, step in enumerate(sop.langkah):
        cols = sorted({index[k] for k in step.pelaksana if k in index}) or [0]
        rows.append(Row(i, step_kind(sop, flow, i), cols))
    return State(
        sop=sop, paper=paper, flow=flow, n=n, widths=widths, ws=ws,
        # the height of each row's text cells (the same in every pass)
        text_heights=[row_text_height(sop, i, widths) for i in range(len(rows))],
        head=header_height(sop, widths), foot=footer_height(sop, widths, flow),
        slots=lane_slots(widths, ws), rows=rows,
        tw=round(min(max(ws, TERM_W), wc - 2 * TERM_MARGIN), 3),
        cap_w=round(min(max(min(END_CAP_W, ws), TERM_W), wc - 2 * TERM_MARGIN), 3))


def run(passes: tuple[Pass, ...], state: State) -> None:
    """Run the passes on the state, in order."""
    for p in passes:
        p(state)


# Fuller sheets are searched for in procedures of at most this many sheets (each try is one
# more pagination pass).
FULLER_MAX_SHEETS = 40


def _fuller(prepared: State, state: State) -> State:
    """The pagination with each sheet as full as it can be: the first step of each next
    sheet is pulled onto the sheet before while everything still fits, connectors and
    zones included (paginate reserves room for a connector at every break; the final
    heights know where one is drawn)."""
    if not 1 < len(state.sheets) <= FULLER_MAX_SHEETS:
        return state
    count = len(state.rows)
    starts = [idxs[0] for idxs in state.sheets[1:]]
    k = 0
    while k < len(starts):
        trial = starts[:]
        trial[k] += 1
        if trial[k] >= count:
            del trial[k]  # the last sheet's rows all fit on the one before
        elif k + 1 < len(trial) and trial[k] >= trial[k + 1]:
            k += 1
            continue
        t = for_pass(prepared, {})  # a given pagination: the final heights are its own
        t.starts = tuple(trial)
        run(PAGINATE[:SETTLED], t)
        heights(t)  # the heights so far (the last pass makes them again)
        if not overflowing(t):  # else it overflows all the more at the end
            run(PAGINATE[SETTLED:], t)
        if overflowing(t):
            k += 1
            continue
        state, starts = t, trial
    return state


def layout(sop: Sop, paper: Paper | str = "A4") -> Chart:
    """Lay out the flowchart of a (valid) SOP on the given paper."""
    p = PAPERS[paper] if isinstance(paper, str) else paper
    floor: dict[int, float] = {}  # row heights learnt from an earlier pagination
    prepared = build_state(sop, p)
    run(PREPARE, prepared)
    for attempt in range(6):
        state = for_pass(prepared, dict(floor))
        run(PAGINATE, state)
        if attempt == 5 or not overflowing(state):
            break
        edges = {i for idxs in state.sheets for i in (idxs[0], idxs[-1])}
        grown = False
        for row in state.rows:
            if row.index not in edges and row.height > floor.get(row.index, 0):
                floor[row.index] = row.height
                grown = True
        if not grown:  # only rows at a break grew (zones on both sides): learn theirs too
            for row in state.rows:
                if row.height > floor.get(row.index, 0):
                    floor[row.index] = row.height
                    grown = True
        if not grown:
            break
    if not overflowing(state):
        state = _fuller(prepared, state)
    run(FINISH, state)
    return Chart(state.paper, state.widths, state.ws, state.rows, state.sheets,
                 sorted(state.connectors, key=lambda c: c.number), state.head, state.flow)
