"""Sheets: when the procedure does not fit on one sheet, its rows are split into sheets, as
many on each as fit under the sheet's header (an arrow that crosses a break is then drawn to a
pair of off-page connectors: connectors.split_adjacent, lanes.route_long)."""

from __future__ import annotations

from soptool.layout.chart import CLEARANCE, ZONE_ROOM, Row
from soptool.layout.state import State

# As printed (headless Chromium, WeasyPrint: bench/density.py measures it), a sheet's head
# is up to PRINT_HEAD taller than header_height, and each row up to PRINT_ROW taller than
# its height (its border; the browser's rounding to its pixel grid); SPARE is kept free.
PRINT_HEAD = 1.0
PRINT_ROW = 0.3
SPARE = 0.5


def capacity(state: State) -> float:
    """Height available for the rows of one sheet (each counted as ``printed``)."""
    return state.paper.inner_height - state.head - PRINT_HEAD - SPARE


def printed(height: float) -> float:
    """The height a row of the given height takes on the printed sheet, at most."""
    return height + PRINT_ROW


def used(state: State, sheet: int) -> float:
    """The height a sheet's rows take as printed (the last sheet: with its total row)."""
    idxs = state.sheets[sheet]
    total = sum(printed(state.rows[i].height) for i in idxs)
    if sheet == len(state.sheets) - 1:
        total += printed(state.foot)
    return total


def overflowing(state: State) -> list[int]:
    """Sheets whose rows (final heights) do not fit on the paper."""
    room = capacity(state) + 1e-6
    return [s for s in range(len(state.sheets)) if used(state, s) > room]


def grown(state: State, row: Row, bottom: bool) -> float:
    """The row's height with a zone below it (``bottom``) or above it, as measure.heights
    would make it (its height as it is when it has that zone already)."""
    if row.zone_bottom if bottom else row.zone_top:
        return row.height
    zones = int(row.zone_top) + int(row.zone_bottom) + 1
    need = state.sym_h(row) + 2 * CLEARANCE + ZONE_ROOM * zones
    return max(row.height, round(need, 1))


def paginate(state: State) -> None:
    """Pass: the rows split into sheets.

    Reads the rows' heights, paper, head (or ``starts``, a pagination given); writes
    sheets and each row's sheet.
    """
    if state.starts is not None:
        bounds = [0, *state.starts, len(state.rows)]
        state.sheets = [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
        for s, idxs in enumerate(state.sheets):
            for i in idxs:
                state.rows[i].sheet = s
        return
    room = capacity(state)
    sheets: list[list[int]] = [[]]
    taken = 0.0
    count = len(state.rows)
    for row in state.rows:
        h = printed(row.height)
        last = row.index == count - 1
        extra = printed(state.foot) if last else 0.0
        # a row that ends a sheet may need a zone below it for an off-page connector
        reserve = 0.0 if last else grown(state, row, bottom=True) - row.height
        if sheets[-1] and taken + h + extra + reserve > room:
            sheets.append([])
            # the first row of a continued sheet may need a zone above it
            h = printed(grown(state, row, bottom=False))
            taken = 0.0
        sheets[-1].append(row.index)
        taken += h
    state.sheets = sheets
    for s, idxs in enumerate(sheets):
        for i in idxs:
            state.rows[i].sheet = s
