"""Sheets: when the procedure does not fit on one sheet, its rows are split into sheets, as
many on each as fit under the sheet's header (an arrow that crosses a break is then drawn to a
pair of off-page connectors: connectors.split_adjacent, lanes.route_long)."""

from __future__ import annotations

from soptool.layout.chart import CLEARANCE, ZONE_H
from soptool.layout.state import State

FOOTER_H = 9.0  # the total working time row


def capacity(state: State) -> float:
    """Height available for the rows of one sheet."""
    return state.paper.inner_height - state.head - 4.0


def overflowing(state: State) -> list[int]:
    """Sheets whose rows (final heights) do not fit on the paper."""
    out = []
    for s, idxs in enumerate(state.sheets):
        used = sum(state.rows[i].height for i in idxs)
        if s == len(state.sheets) - 1:
            used += FOOTER_H
        if used > capacity(state) + 1e-6:
            out.append(s)
    return out


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
    used = 0.0
    # a row at a sheet break may grow by a connector zone (see heights())
    zone = 2 * (ZONE_H + 2.5 - CLEARANCE) + 1.0
    count = len(state.rows)
    for row in state.rows:
        h = row.height
        last = row.index == count - 1
        extra = FOOTER_H if last else 0.0
        # a row that starts or ends a sheet may need room for a connector
        reserve = zone if not last else 0.0
        if sheets[-1] and used + h + extra + reserve > room:
            sheets.append([])
            used = zone  # the first row of a continued sheet may hold a connector
        sheets[-1].append(row.index)
        used += h
    state.sheets = sheets
    for s, idxs in enumerate(sheets):
        for i in idxs:
            state.rows[i].sheet = s
