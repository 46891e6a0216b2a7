"""Measuring: the table's column widths and the estimated heights of text and rows.

The browser lays out the text; these estimates only decide the sheets (which rows fit on a
sheet), so they are conservative: rather too tall than too short.
"""

from __future__ import annotations

import functools
import math
import re

import pyphen  # type: ignore[import-untyped]

from soptool.graph import Flow
from soptool.layout.chart import CLEARANCE, ROW_MIN_H, ZONE_ROOM, Paper, Widths
from soptool.layout.fontmetrics import BOLD, REGULAR, UNITS_PER_EM
from soptool.layout.state import State
from soptool.model import Sop
from soptool.timing.durations import format_minutes, with_unit
from soptool.timing.estimate import estimate

# Text metrics: Liberation Sans (fontmetrics.py), as the template sets the table.
FONT_PT = 9.0  # table text
HEAD_PT = 8.0  # header titles (bold)
FONT_MM = FONT_PT * 25.4 / 72
LINE_MM = FONT_MM * 1.25
CHAR_MM = FONT_MM * 0.56  # an average character (kept for callers that estimate by count)
CELL_PAD_MM = 2.4  # vertical padding of a cell (both sides together)
CELL_HPAD_MM = 2.8  # horizontal padding of a cell (both sides together)
TANYA_GAP_MM = 1.0  # the space above a decision's question in its Kegiatan cell (template)
HEAD_FONT_MM = HEAD_PT * 25.4 / 72
# The measured width is made this much wider: rounding in the browser's text layout, and
# kerning that the advance widths do not know, never make a line that fits here overflow.
SAFETY = 1.03

# The narrowest actor column whose symbols keep their text and their lanes (symbols.py: a
# symbol narrower than 13 mm drops its text; lanes.py: two lanes each side).
ACTOR_MIN = 22.5
ACTOR_MAX = 26.0
ACTOR_FLOOR = 11.0  # with many actors, columns shrink to this at most
ACTOR_TITLE_LINES = 4  # a header title wraps into at most this many lines when it can
TEXT_MIN = 16.0  # a text column is never narrower (its header word must fit)
NO_W = 9.0
SQUEEZED_MIN = 12.0  # an empty text column, when the actors need the room


@functools.lru_cache(maxsize=65536)
def text_mm(text: str, size_pt: float = FONT_PT, bold: bool = False) -> float:
    """The width of ``text`` on one line, in mm (Liberation Sans advance widths)."""
    table = BOLD if bold else REGULAR
    widest = _WIDEST_BOLD if bold else _WIDEST
    units = sum(table.get(ord(c), widest) for c in text if c not in "\u00ad\u200b")
    return units / UNITS_PER_EM * size_pt * 25.4 / 72 * SAFETY


_WIDEST = max(REGULAR.values())
_WIDEST_BOLD = max(BOLD.values())


@functools.lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="id_ID")


@functools.lru_cache(maxsize=16384)
def word_pieces(word: str, width_mm: float, size_pt: float = FONT_PT,
                bold: bool = False) -> tuple[str, ...]:
    """A word as the browser breaks it in a line ``width_mm`` wide: whole when it fits, else
    at its Indonesian hyphenation points (pyphen, id_ID), each piece but the last followed
    by a hyphen; a piece still too wide is cut where it fills the line (also hyphenated).
    Punctuation inside a token (``/``, ``.``, ``-``) is a break point of its own."""
    if text_mm(word, size_pt, bold) <= width_mm:
        return (word,)
    hyphen = text_mm("-", size_pt, bold)
    points: list[int] = sorted(set(_hyphenator().positions(word)) | {
        i + 1 for i, c in enumerate(word[:-1]) if c in "/.-_,;:"})
    pieces: list[str] = []
    start = 0
    while start < len(word):
        rest = word[start:]
        if text_mm(rest, size_pt, bold) <= width_mm:
            pieces.append(rest)
            break
        # the longest piece that fits with its hyphen
        cut = 0
        for p in points:
            if p <= start:
                continue
            if text_mm(word[start:p], size_pt, bold) + hyphen <= width_mm:
                cut = p
            else:
                break
        if cut == 0:  # no hyphenation point fits: cut by characters
            cut = start + 1
            while cut < len(word) and text_mm(word[start:cut + 1], size_pt, bold) + hyphen \
                    <= width_mm:
                cut += 1
        pieces.append(word[start:cut])
        start = cut
    return tuple(pieces)


@functools.lru_cache(maxsize=8192)  # header titles and empty cells recur on every sheet
def soft_hyphens(text: str, width_mm: float, size_pt: float = FONT_PT,
                 bold: bool = False) -> str:
    """``text`` with soft hyphens (U+00AD) where a word is wider than a line of
    ``width_mm`` (the text width of its cell): the browser then breaks it there, with a
    hyphen, and never mid-word without one. Words that fit are left whole."""
    # most texts: every word fits (str.split and the pattern's \s split at the same
    # characters, and word_pieces keeps a word that fits whole)
    if all(text_mm(word, size_pt, bold) <= width_mm for word in text.split()):
        return text
    out = []
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(token)
            continue
        pieces = word_pieces(token, width_mm, size_pt, bold)
        if len(pieces) == 1:
            out.append(token)
            continue
        # every hyphenation point, and the cuts of word_pieces: the browser picks
        cuts = set(_hyphenator().positions(token))
        at = 0
        for piece in pieces[:-1]:
            at += len(piece)
            cuts.add(at)
        joined = ""
        for k, c in enumerate(token):
            if k in cuts and token[k - 1] not in "/.-_,;:":
                joined += "\u00ad"
            joined += c
        out.append(joined)
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def wrapped_lines(text: str, width_mm: float, size_pt: float = FONT_PT,
                  bold: bool = False) -> int:
    """How many lines ``text`` takes in a line ``width_mm`` wide (the cell's width less its
    padding): greedy word wrap as the browser does it, words too wide hyphenated."""
    space = text_mm(" ", size_pt, bold)
    total = 0
    for para in _paragraphs(text, size_pt, bold):
        lines, used = 1, 0.0
        for word, whole in para:
            # a word that fits is its one piece (word_pieces), of its own width
            pieces = (word,) if whole <= width_mm else word_pieces(word, width_mm, size_pt,
                                                                   bold)
            for k, piece in enumerate(pieces):
                w = whole if k == 0 and whole <= width_mm else text_mm(piece, size_pt, bold)
                if k == 0 and used and used + space + w <= width_mm:
                    used += space + w
                    continue
                if used:
                    lines += 1
                used = w
        total += lines
    return total


@functools.lru_cache(maxsize=16384)
def _paragraphs(text: str, size_pt: float, bold: bool
                ) -> tuple[tuple[tuple[str, float], ...], ...]:
    """``text``'s paragraphs as their words and each word's width (``text_mm``): the same
    at every width that ``wrapped_lines`` tries."""
    return tuple(tuple((word, text_mm(word, size_pt, bold)) for word in para.split())
                 for para in text.split("\n"))


def text_lines(text: str, width_mm: float, char_mm: float = CHAR_MM) -> int:
    """How many lines ``text`` takes in a cell ``width_mm`` wide (its padding included)."""
    if char_mm != CHAR_MM:  # a smaller font, as header titles
        return wrapped_lines(text, width_mm - CELL_HPAD_MM, HEAD_PT, True)
    return wrapped_lines(text, width_mm - CELL_HPAD_MM)


@functools.lru_cache(maxsize=4096)  # the same titles recur across documents
def _actor_width(title: str) -> float:
    """The narrowest actor column in which ``title`` (bold header) wraps into at most
    ACTOR_TITLE_LINES lines between words; ACTOR_MIN at least, ACTOR_MAX at most."""
    w = ACTOR_MIN
    while w < ACTOR_MAX:
        inner = w - CELL_HPAD_MM
        if (max(text_mm(t, HEAD_PT, True) for t in title.split() or [""]) <= inner
                and wrapped_lines(title, inner, HEAD_PT, True) <= ACTOR_TITLE_LINES):
            break
        w += 0.5
    return w


def _column_texts(sop: Sop) -> dict[str, list[list[str]]]:
    """Each text column's cells, row by row (a cell is its paragraphs)."""
    cols: dict[str, list[list[str]]] = {"kegiatan": [], "kelengkapan": [], "output": [],
                                        "keterangan": []}
    for step in sop.langkah:
        keg = [str(step.kegiatan)]
        if step.keputusan is not None and step.keputusan.tanya:
            keg.append(str(step.keputusan.tanya))
        cols["kegiatan"].append(keg)
        cols["kelengkapan"].append([str(t) for t in step.kelengkapan or []])
        cols["output"].append([str(t) for t in step.output or []])
        cols["keterangan"].append([str(step.keterangan)] if step.keterangan else [])
    return cols


HEAD_WORDS = {"kegiatan": "Kegiatan", "kelengkapan": "Kelengkapan", "output": "Output",
              "keterangan": "Keterangan"}


def column_widths(paper: Paper, actors: int, sop: Sop | None = None) -> Widths:
    """The table's column widths, from the content when the SOP is given.

    Actor columns are as narrow as their symbols and header titles allow (_actor_width,
    the same for every column: the flowchart's geometry is one column width). The Waktu
    column holds its longest time on one line. The text columns (Kegiatan, Kelengkapan,
    Output, Keterangan) start at the width of their longest word and share the rest: each
    millimetre in turn goes to the column where it saves the most height over all rows
    (then the most lines), as a good table layout does.
    """
    if sop is None:
        return _fixed_widths(paper, actors)
    inner = paper.inner_width - 1.0  # the outer borders are drawn half outside the width
    titles = [str(t) for t in sop.pelaksana.values()]
    actor = max([_actor_width(t) for t in titles] or [ACTOR_MIN])
    times = [with_unit(str(s.waktu), sop.satuan_waktu) for s in sop.langkah
             if s.waktu is not None]
    waktu = max([text_mm("Waktu", HEAD_PT, True)]
                + [max(text_mm(w, FONT_PT) for w in t.split("\n")) for t in times])
    waktu = min(24.0, max(14.0, waktu + CELL_HPAD_MM + 0.5))
    cols = _column_texts(sop)
    mins: dict[str, float] = {}
    for key, cells in cols.items():
        longest = max([text_mm(w) for cell in cells for t in cell for w in t.split()]
                      + [text_mm(HEAD_WORDS[key], HEAD_PT, True)])
        mins[key] = max(TEXT_MIN, min(longest + CELL_HPAD_MM + 0.5, 40.0))
    mins["kegiatan"] = max(mins["kegiatan"], 30.0)
    rest = inner - NO_W - waktu - sum(mins.values())
    if actor * actors > rest:
        # many actors: the text columns give way first (a time wraps, an empty column
        # keeps room for its hyphenated header only), then the actor columns
        waktu = min(waktu, 16.0)
        for key, cells in cols.items():
            if not any(cells):
                mins[key] = SQUEEZED_MIN
        mins["kegiatan"] = max(TEXT_MIN, min(mins["kegiatan"], 26.0))
        for key in ("kelengkapan", "output", "keterangan"):
            mins[key] = min(mins[key], 20.0)
        rest = inner - NO_W - waktu - sum(mins.values())
        actor = max(ACTOR_FLOOR, min(actor, rest / max(actors, 1)))
    actor = math.floor(actor * 10) / 10
    free = inner - NO_W - waktu - sum(mins.values()) - actor * actors
    widths = dict(mins)
    if free < 0:  # too many actors even at the floor: the text columns give way
        scale = (sum(mins.values()) + free) / sum(mins.values())
        widths = {k: v * scale for k, v in mins.items()}
    else:
        _share(widths, cols, free)
    r = {k: math.floor(v * 100) / 100 for k, v in widths.items()}
    return Widths(NO_W, r["kegiatan"], actor, actors, r["kelengkapan"], round(waktu, 2),
                  r["output"], r["keterangan"])


def _share(widths: dict[str, float], cols: dict[str, list[list[str]]], free: float) -> None:
    """Give ``free`` mm to the text columns, a step at a time, where each step saves the
    most row height (then the most lines; then the column with the most text)."""
    amount = {k: sum(text_mm(t) for cell in cells for t in cell) for k, cells in cols.items()}
    step = max(1.0, free / 120)

    known: dict[tuple[str, float], list[int]] = {}  # a column's lines at a width

    def lines(key: str, width: float) -> list[int]:
        got = known.get((key, width))
        if got is None:
            inner = width - CELL_HPAD_MM  # as text_lines
            got = known[key, width] = [sum([wrapped_lines(t, inner) for t in cell])
                                       for cell in cols[key]]
        return got

    current = {k: lines(k, w) for k, w in widths.items()}
    floor_lines = max(1, int((ROW_MIN_H - CELL_PAD_MM) / LINE_MM))
    floors = [floor_lines] * len(next(iter(cols.values())))

    def height(per: list[list[int]]) -> int:
        # per row: the most lines of its cells (at least floor_lines)
        return sum(map(max, floors, *per))

    while free >= step - 1e-9:
        base_h = height(list(current.values()))
        best: tuple[float, int, float, str] | None = None
        for key in widths:
            trial = lines(key, widths[key] + step)
            gain_h = base_h - height([trial, *(v for k, v in current.items() if k != key)])
            gain_l = sum(current[key]) - sum(trial)
            score = (gain_h, gain_l, amount[key] / widths[key], key)
            if best is None or score > best:
                best = score
        assert best is not None
        if best[0] <= 0 and best[1] <= 0:
            break
        key = best[3]
        widths[key] += step
        current[key] = lines(key, widths[key])
        free -= step
    # what saves nothing more goes to the columns by their text (empty ones get none)
    total = sum(amount.values())
    for key in widths:
        widths[key] += free * (amount[key] / total if total else 1 / len(widths))


def _fixed_widths(paper: Paper, actors: int) -> Widths:
    """Fixed column widths for the paper (no SOP to measure): the actor area about half."""
    no, waktu, keterangan = NO_W, 17.0, 20.0
    # 1 mm to spare: the outer borders of the table are drawn half outside its width
    rest = paper.inner_width - 1.0 - no - waktu - keterangan
    area = min(rest * 0.52, rest - 75.0)
    actor = min(34.0, max(11.0, area / max(actors, 1)))
    text = rest - actor * actors
    kegiatan = round(text * 0.42, 2)
    side = round((text - kegiatan) / 2, 2)
    return Widths(no, kegiatan, round(actor, 2), actors, side, waktu, side, keterangan)


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
    gap = 0.0
    if step.keputusan is not None and step.keputusan.tanya:
        kegiatan += text_lines(str(step.keputusan.tanya), widths.kegiatan)
        gap = TANYA_GAP_MM
    waktu = with_unit(str(step.waktu), sop.satuan_waktu) if step.waktu is not None else ""
    lines = [kegiatan, text_lines(waktu, widths.waktu),
             text_lines(str(step.keterangan or ""), widths.keterangan)]
    if step.kelengkapan:
        lines.append(sum(text_lines(str(t), widths.kelengkapan) for t in step.kelengkapan))
    if step.output:
        lines.append(sum(text_lines(str(t), widths.output) for t in step.output))
    # heights grow with lines; cells without items (height 0) never set the maximum
    return max(max(lines) * LINE_MM + CELL_PAD_MM,
               kegiatan * LINE_MM + CELL_PAD_MM + gap)


def header_height(sop: Sop, widths: Widths) -> float:
    """Estimated height of the sheet title and the two header rows of the table."""
    char = HEAD_FONT_MM * 0.58  # any other than CHAR_MM: header titles, bold 8 pt
    line = HEAD_FONT_MM * 1.25
    titles = max(text_lines(str(t), widths.actor, char) for t in sop.pelaksana.values())
    second = max(titles, text_lines("Kelengkapan", widths.kelengkapan, char)) * line + 2.4
    first = line + 2.4
    return title_height(sop, widths) + SHEET_HEAD_GAP + first + second


SHEET_HEAD_MIN = 10.0  # the sheet title block (templates/sop.html.j2 .sheet-head), at least
SHEET_HEAD_GAP = 2.0  # under it, before the table
SHEET_META_W = 46.0  # its right part, "Prosedur, lembar N dari M" (8 pt), and a gap


def title_height(sop: Sop, widths: Widths) -> float:
    """The height of a procedure sheet's title block: the nama (bold 11 pt, upper case) on
    as many lines as it wraps to beside the sheet's number, and the "Standar Operasional
    Prosedur · Nomor ..." line (9 pt) under it; at least SHEET_HEAD_MIN."""
    pt_mm = 25.4 / 72
    room = widths.total - SHEET_META_W
    title = wrapped_lines(sop.nama.upper(), room, 11.0, True) * 11.0 * pt_mm * 1.25
    nomor = f"Standar Operasional Prosedur \u00b7 Nomor {sop.nomor or ''}"
    sub = wrapped_lines(nomor, room, 9.0) * 9.0 * pt_mm * 1.25
    return max(SHEET_HEAD_MIN, title + sub + 0.5)


def footer_height(sop: Sop, widths: Widths, flow: Flow | None = None) -> float:
    """Estimated height of the total row under the last sheet's steps: its label ("Jumlah
    waktu kerja", with the batas waktu) across the No, Kegiatan and actor columns, the total
    time (a range may wrap) across the three Mutu Baku columns, bold. The total is printed
    with the project's working calendar: its words are those of the default calendar, as
    long or longer (a unit the calendar leaves out only makes it shorter)."""
    est = estimate(sop, flow=flow)
    total = est.total
    text = format_minutes(total.low)
    if total.is_range:
        text += f" - {format_minutes(total.high)}"
    if est.tanpa_waktu:
        text = f"minimal {text}"
    label = "Jumlah waktu kerja"
    if sop.batas_waktu:
        label += f" (batas waktu {with_unit(str(sop.batas_waktu), sop.satuan_waktu)})"
    left = widths.no + widths.kegiatan + widths.actor_area
    right = widths.kelengkapan + widths.waktu + widths.output
    lines = max(wrapped_lines(label, left - CELL_HPAD_MM, FONT_PT, True),
                wrapped_lines(text, right - CELL_HPAD_MM, FONT_PT, True))
    return round(lines * LINE_MM + CELL_PAD_MM + 1.0, 1)  # 1 mm to spare


def heights(state: State) -> None:
    """Pass: each row's height, from its text, its symbol and its zones (and the floor).

    Reads rows (kind, zones), text_heights, floor; writes each row's height.
    """
    text_heights = state.text_heights
    for row in state.rows:
        text_h = text_heights[row.index]
        # the symbol with its clearance, and the room of a zone only on the side that has
        # one (zones.settle moves the symbol off the middle line, away from the zone)
        need = state.sym_h(row) + 2 * CLEARANCE + ZONE_ROOM * (row.zone_top + row.zone_bottom)
        row.height = round(max(ROW_MIN_H, text_h, need, state.floor.get(row.index, 0)), 1)


