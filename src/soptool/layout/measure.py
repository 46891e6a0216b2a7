"""Measuring: the table's column widths and the estimated heights of text and rows.

The browser lays out the text; these estimates only decide the sheets (which rows fit on a
sheet), so they are conservative: rather too tall than too short.
"""

from __future__ import annotations

import functools

from soptool.layout.chart import CLEARANCE, ROW_MIN_H, ZONE_H, Paper, Widths
from soptool.layout.state import State
from soptool.model import Sop

# Text metrics (conservative, so estimated heights are rather too tall than too short).
FONT_MM = 9 * 25.4 / 72  # 9 pt table text
LINE_MM = FONT_MM * 1.25
CHAR_MM = FONT_MM * 0.56
CELL_PAD_MM = 2.4  # vertical padding of a cell (both sides together)
HEAD_FONT_MM = 8 * 25.4 / 72


def column_widths(paper: Paper, actors: int) -> Widths:
    """Fixed column widths for the paper: the actor area gets about half the table."""
    no, waktu, keterangan = 9.0, 17.0, 20.0
    # 1 mm to spare: the outer borders of the table are drawn half outside its width
    rest = paper.inner_width - 1.0 - no - waktu - keterangan
    area = min(rest * 0.52, rest - 75.0)
    actor = min(34.0, max(11.0, area / max(actors, 1)))
    text = rest - actor * actors
    kegiatan = round(text * 0.42, 2)
    side = round((text - kegiatan) / 2, 2)
    return Widths(no, kegiatan, round(actor, 2), actors, side, waktu, side, keterangan)


@functools.lru_cache(maxsize=8192)
def text_lines(text: str, width_mm: float, char_mm: float = CHAR_MM) -> int:
    """How many lines ``text`` takes in a cell ``width_mm`` wide (word wrap, estimated).

    Cached: the same short texts (times, documents, empty cells) recur across steps and files.
    """
    per_line = max(1, int((width_mm - 2.0) / char_mm))
    if len(text) <= per_line and "\n" not in text:
        return 1  # the words, however spaced, fit on one line
    total = 0
    for para in text.split("\n"):
        if len(para) <= per_line:
            total += 1
            continue
        words = para.split()
        if not words:
            total += 1
            continue
        lines, used = 1, 0
        for word in words:
            n = len(word)
            if used:
                if used + 1 + n <= per_line:
                    used += 1 + n
                    continue
                lines += 1
            while n > per_line:  # a word longer than a line is broken
                lines += 1
                n -= per_line
            used = n
        total += lines
    return total


def cell_height(items: list[str], width_mm: float) -> float:
    """Estimated height of a cell holding ``items`` (one paragraph each)."""
    if not items:
        return 0.0
    lines = sum(text_lines(t, width_mm) for t in items)
    return lines * LINE_MM + CELL_PAD_MM


def row_text_height(sop: Sop, index: int, widths: Widths) -> float:
    """The height the text cells of a step's row need."""
    # cell_height of each cell, without building its list of items
    step = sop.langkah[index]
    kegiatan = text_lines(str(step.kegiatan), widths.kegiatan)
    if step.keputusan is not None and step.keputusan.tanya:
        kegiatan += text_lines(str(step.keputusan.tanya), widths.kegiatan)
    lines = [kegiatan, text_lines(str(step.waktu or ""), widths.waktu),
             text_lines(str(step.keterangan or ""), widths.keterangan)]
    if step.kelengkapan:
        lines.append(sum(text_lines(str(t), widths.kelengkapan) for t in step.kelengkapan))
    if step.output:
        lines.append(sum(text_lines(str(t), widths.output) for t in step.output))
    # heights grow with lines; cells without items (height 0) never set the maximum
    return max(lines) * LINE_MM + CELL_PAD_MM


def header_height(sop: Sop, widths: Widths) -> float:
    """Estimated height of the sheet title and the two header rows of the table."""
    char = HEAD_FONT_MM * 0.58
    line = HEAD_FONT_MM * 1.25
    titles = max(text_lines(str(t), widths.actor, char) for t in sop.pelaksana.values())
    second = max(titles, text_lines("Kelengkapan", widths.kelengkapan, char)) * line + 2.4
    first = line + 2.4
    title_block = 12.0
    return title_block + first + second


def heights(state: State) -> None:
    """Pass: each row's height, from its text, its symbol and its zones (and the floor).

    Reads rows (kind, zones), text_heights, floor; writes each row's height.
    """
    text_heights = state.text_heights
    for row in state.rows:
        text_h = text_heights[row.index]
        # the symbol sits on the middle line: a connector zone above or below it
        # needs the same room on both sides
        clearance = ZONE_H + 2.5 if (row.zone_top or row.zone_bottom) else CLEARANCE
        need = state.sym_h(row) + 2 * clearance
        row.height = round(max(ROW_MIN_H, text_h, need, state.floor.get(row.index, 0)), 1)


