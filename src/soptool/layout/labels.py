"""Branch labels: the printed word of a decision branch, placed where the branch leaves the
diamond, and moved at the end when a line drawn later crosses it."""

from __future__ import annotations

from soptool.layout.chart import END_CAP_H, LABEL_CHAR_MM, MID, Label, Row, Y
from soptool.layout.state import State
from soptool.model import Sop


def branch_label(sop: Sop, index: int, branch: str | None) -> str:
    """The printed word of a decision branch: Ya/Tidak or the step's own labels."""
    k = sop.langkah[index].keputusan
    if k is None or branch not in ("ya", "tidak"):
        return ""
    if branch == "ya":
        return str(k.label_ya) if k.label_ya else "Ya"
    return str(k.label_tidak) if k.label_tidak else "Tidak"


def exit_label(state: State, row: Row, side: str, x: float, branch: str | None,
               below: bool = False, high: bool = False) -> None:
    """Label a decision branch where it leaves the diamond.

    Beside a side exit the label sits above the line, or below it when the line turns
    up into a lane (so that the label never crosses the lane).
    """
    text = branch_label(state.sop, row.index, branch)
    if not text:
        return
    h = state.sym_h(row)
    # ``high``: above an end capsule or connector standing on the line
    dy = 3.4 if below else (-(END_CAP_H / 2 + 0.6) if high else -1.2)
    if side == "bottom":
        # beside the line going down: on the right, unless that leaves the actor area or
        # a line runs there
        w = len(text) * LABEL_CHAR_MM + 0.6

        def clear(x0: float, x1: float) -> bool:
            return not any(ln.kind == "flow" and ln.vertical and x0 <= ln.x1 <= x1
                           and abs(ln.x1 - x) > 1e-6 for ln in row.lines)

        right_ok = x + 1.2 + w <= state.widths.actor_area - 0.5 and clear(x, x + 1.2 + w)
        if not right_ok and clear(x - 1.2 - w, x):
            row.labels.append(Label(x - 1.2, Y(MID, h / 2 + 2.6), text, "end"))
        else:
            row.labels.append(Label(x + 1.2, Y(MID, h / 2 + 2.6), text, "start"))
    elif side == "right":
        row.labels.append(Label(x + 1.0, Y(MID, dy), text, "start"))
    else:
        row.labels.append(Label(x - 1.0, Y(MID, dy), text, "end"))


def label_box(row: Row, lb: Label) -> tuple[float, float, float, float]:
    """The box a label covers (x0, y0, x1, y1), in the row at its estimated height."""
    w = len(lb.text) * LABEL_CHAR_MM
    x0 = lb.x if lb.anchor == "start" else lb.x - w
    y = lb.y.at(row.height)
    return (x0 - 0.2, y - 2.3, x0 + w + 0.2, y + 0.5)


def label_clear(state: State, row: Row, lb: Label, others: list[Label]) -> bool:
    """Whether a label stays clear of lines, symbols and other labels, inside its cell."""
    x0, y0, x1, y1 = label_box(row, lb)
    if x0 < 0.3 or x1 > state.widths.actor_area - 0.3 or y0 < 0.3 or y1 > row.height - 0.3:
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
        a0, b0, a1, b1 = label_box(row, other)
        if x0 < a1 and x1 > a0 and y0 < b1 and y1 > b0:
            return False
    return True


def fix_labels(state: State) -> None:
    """Pass: move a label that a later line crossed: mirrored, higher or lower, first clear.

    Reads each row's lines, shapes and height; writes its labels.
    """
    for row in state.rows:
        for i, lb in enumerate(row.labels):
            others = row.labels[:i] + row.labels[i + 1:]
            if label_clear(state, row, lb, others):
                continue
            mirrored = Label(lb.x - 2.2 if lb.anchor == "start" else lb.x + 2.2, lb.y,
                             lb.text, "end" if lb.anchor == "start" else "start")
            for base in (lb, mirrored):
                found = None
                for dy in (0.0, 2.8, -2.8, 5.6, -5.6):
                    alt = Label(base.x, Y(base.y.frac, base.y.off + dy), base.text,
                                base.anchor)
                    if label_clear(state, row, alt, others):
                        found = alt
                        break
                if found is not None:
                    row.labels[i] = found
                    break
