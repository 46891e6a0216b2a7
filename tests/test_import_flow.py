"""The flowchart reader (importer.flow): small PDFs drawn by the test for the hard cases
(filled outlines, elbows, crossings, a merge, off-page pairs, a fork, labels), the real
signed PDFs in the shared folder (skipped when it is absent), and soptool's own documents
printed by headless Chromium (skipped when it is absent)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from soptool.importer.flow import classify, read_flow
from soptool.importer.reading import Column, Flow, Row, Span, Table

from .pdfdraw import Page, write
from .render_helpers import OWN, REAL_PDF, needs_chromium

# --- scenes: a grid of actor columns and rows, symbols in cells, arrows between them -----

COLS = [(150.0, 230.0), (230.0, 310.0), (310.0, 390.0), (390.0, 470.0)]
TOP = 120.0
ROW_H = 60.0
BOX_W, BOX_H = 40.0, 16.0


class Scene:
    """Rows on pages (``per_page`` rows a page), drawn stroked or as filled outlines."""

    def __init__(self, rows: int, per_page: int = 99, filled: bool = False,
                 kegiatan: dict[int, str] | None = None,
                 tanya: dict[int, str] | None = None) -> None:
        self.n = rows
        self.per_page = per_page
        self.filled = filled
        npages = (rows + per_page - 1) // per_page
        self.pages = [Page() for _ in range(npages)]
        self.kegiatan = kegiatan or {}
        self.tanya = tanya or {}
        for p in range(npages):
            count = min(per_page, rows - p * per_page)
            self._grid(self.pages[p], count)

    def page_of(self, r: int) -> int:
        return r // self.per_page

    def span(self, r: int) -> tuple[float, float]:
        k = r % self.per_page
        return TOP + k * ROW_H, TOP + (k + 1) * ROW_H

    def center(self, r: int, c: int) -> tuple[float, float]:
        top, bottom = self.span(r)
        return (COLS[c][0] + COLS[c][1]) / 2, (top + bottom) / 2

    def _grid(self, page: Page, count: int) -> None:
        bottom = TOP + count * ROW_H
        xs = [COLS[0][0]] + [c[1] for c in COLS]
        ys = [TOP + k * ROW_H for k in range(count + 1)]
        # grids drawn as thin filled rects, as Word does
        for x in xs:
            page.rect(x - 0.4, TOP - 20, x + 0.4, bottom, "f")
        for y in ys:
            page.rect(40, y - 0.4, 700, y + 0.4, "f")
        page.text(160, TOP - 16, "Pelaksana")

    # symbols

    def _outline(self, page: Page, pts: list[tuple[float, float]]) -> None:
        if self.filled:  # a ring: the outline and an inner copy, both filled
            cx = sum(p[0] for p in pts) / len(pts)
            cy = sum(p[1] for p in pts) / len(pts)
            inner = [(cx + (x - cx) * 0.95, cy + (y - cy) * 0.9) for x, y in pts]
            page.paint([page.subpath(pts), page.subpath(list(reversed(inner)))], "f")
        else:
            page.path(pts, True, "S")

    def box(self, r: int, c: int, dx: float = 0.0) -> tuple[float, float, float, float]:
        cx, cy = self.center(r, c)
        cx += dx
        x0, top, x1, bottom = cx - BOX_W / 2, cy - BOX_H / 2, cx + BOX_W / 2, cy + BOX_H / 2
        self._outline(self.pages[self.page_of(r)], [(x0, top), (x1, top), (x1, bottom),
                                                     (x0, bottom)])
        return x0, top, x1, bottom

    def capsule(self, r: int, c: int) -> tuple[float, float, float, float]:
        cx, cy = self.center(r, c)
        x0, top, x1, bottom = cx - BOX_W / 2, cy - 7, cx + BOX_W / 2, cy + 7
        page = self.pages[self.page_of(r)]
        if self.filled:
            page.paint([page.capsule_path(x0, top, x1, bottom),
                        page.capsule_path(x0 + 0.8, top + 0.8, x1 - 0.8, bottom - 0.8)], "f*")
        else:
            page.capsule(x0, top, x1, bottom, "S")
        return x0, top, x1, bottom

    def diamond(self, r: int, c: int, text: str = "") -> tuple[float, float, float, float]:
        cx, cy = self.center(r, c)
        w, h = 30.0, 24.0
        self._outline(self.pages[self.page_of(r)], [(cx, cy - h / 2), (cx + w / 2, cy),
                                                     (cx, cy + h / 2), (cx - w / 2, cy)])
        if text:
            self.pages[self.page_of(r)].text(cx - 8, cy - 3, text, 5)
        return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2

    def pentagon(self, page: int, cx: float, top: float, label: str) -> None:
        w, h = 20.0, 16.0
        pts = [(cx - w / 2, top), (cx + w / 2, top), (cx + w / 2, top + h * 0.6),
               (cx, top + h), (cx - w / 2, top + h * 0.6)]
        self._outline(self.pages[page], pts)
        self.pages[page].text(cx - 2, top + 3, label, 6)

    def circle(self, page: int, cx: float, cy: float, label: str, r: float = 7.0) -> None:
        pts = [(cx + r * math.cos(a * math.pi / 16), cy + r * math.sin(a * math.pi / 16))
               for a in range(32)]
        self._outline(self.pages[page], pts)
        self.pages[page].text(cx - 2, cy - 3, label, 6)

    # arrows

    def arrow(self, page: int, pts: list[tuple[float, float]], head: str | None = "fill",
              ) -> None:
        """A polyline with its head at the last point."""
        p = self.pages[page]
        if self.filled:
            for a, b in zip(pts, pts[1:], strict=False):
                x0, x1 = sorted((a[0], b[0]))
                y0, y1 = sorted((a[1], b[1]))
                p.rect(x0 - 0.35, y0 - 0.35, x1 + 0.35, y1 + 0.35, "f")
        else:
            p.path(pts, close=False, op="S")
        if head is None:
            return
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        direction = ("down" if by > ay else "up") if abs(by - ay) > abs(bx - ax) else (
            "right" if bx > ax else "left")
        if head == "fill":
            p.head((bx, by), direction)
        elif head == "notch":
            p.head((bx, by), direction, notch=True)
        elif head == "strokes":  # two separate short lines
            ux, uy = (bx - ax), (by - ay)
            n = math.hypot(ux, uy)
            ux, uy = ux / n, uy / n
            for side in (1, -1):
                p.path([(bx - 5 * ux + side * 2.5 * uy, by - 5 * uy - side * 2.5 * ux),
                        (bx, by)], close=False, op="S")
        else:
            p.vee((bx, by), direction)

    def label(self, page: int, x: float, top: float, text: str) -> None:
        self.pages[page].text(x, top, text, 6)

    def table(self) -> Table:
        cols = [Column(a, b) for a, b in COLS]
        rows = []
        for r in range(self.n):
            top, bottom = self.span(r)
            rows.append(Row(number=str(r + 1), spans=[Span(self.page_of(r), top, bottom)],
                            kegiatan=self.kegiatan.get(r, ""), tanya=self.tanya.get(r, "")))
        return Table(actors=["A", "B", "C", "D"],
                     columns={p: cols for p in range(len(self.pages))},
                     rows=rows, pages=list(range(len(self.pages))))

    def read(self, tmp: Path) -> Flow:
        path = write(self.pages, tmp / "scene.pdf")
        with pdfplumber.open(path) as pdf:
            return read_flow(pdf, self.table())


def down(scene: Scene, r: int, c: int, r2: int, *, head: str = "fill") -> None:
    """A straight arrow from the symbol in (r, c) down to the one in (r2, c)."""
    x, y = scene.center(r, c)
    _, y2 = scene.center(r2, c)
    scene.arrow(scene.page_of(r), [(x, y + 7), (x, y2 - 8)], head)


def notes(flow: Flow) -> list[str]:
    return [f"{n.where}/{n.key}: {n.message()}" for n in flow.notes]


# --- the hard cases ------------------------------------------------------------------------

@pytest.mark.parametrize("filled", [False, True], ids=["stroked", "filled-outlines"])
def test_chain_with_decision_elbow_and_back_branch(tmp_path: Path, filled: bool) -> None:
    s = Scene(5, filled=filled)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.box(1, 0)
    # elbow: out of the box's right side, right to column 1, down into the diamond
    x0, cy1 = s.center(1, 0)
    x1, cy2 = s.center(2, 1)
    s.arrow(0, [(x0 + BOX_W / 2, cy1), (x1, cy1), (x1, cy2 - 12)])
    s.diamond(2, 1, "OK?")
    # ya: straight down; tidak: right, up, left into the box of row 2 (back)
    s.arrow(0, [(x1, cy2 + 12), (x1, s.center(3, 1)[1] - 8)])
    s.label(0, x1 + 3, cy2 + 13, "Ya")
    xr = s.center(2, 2)[0]
    s.arrow(0, [(x1 + 15, cy2), (xr, cy2), (xr, cy1 - 14), (x0, cy1 - 14), (x0, cy1 - 8)])
    s.label(0, x1 + 17, cy2 - 9, "Tidak")
    s.box(3, 1)
    x3, cy4 = s.center(4, 1)
    s.arrow(0, [(x3, s.center(3, 1)[1] + 8), (x3, cy4 - 7)])
    s.capsule(4, 1)
    flow = s.read(tmp_path)
    got = [(st.columns, st.kind, st.ya, st.tidak, st.lanjut) for st in flow.steps]
    assert got == [([0], "terminator", None, None, None),
                   ([0], "proses", None, None, None),
                   ([1], "keputusan", 3, 1, None),
                   ([1], "proses", None, None, None),
                   ([1], "terminator", None, None, None)]
    assert (flow.steps[2].label_ya, flow.steps[2].label_tidak) == ("Ya", "Tidak")
    assert notes(flow) == []


def test_a_crossing_does_not_join_the_lines(tmp_path: Path) -> None:
    s = Scene(5)
    s.capsule(0, 1)
    # row 1 -> row 3, straight down through row 2 (crossing row 2's line)
    x1, y0 = s.center(0, 1)
    s.arrow(0, [(x1, y0 + 7), (x1, s.center(2, 1)[1] - 8)])
    s.box(1, 0)
    # row 2 -> row 4: right along the row (through column 1's vertical line), then down
    x0, y1 = s.center(1, 0)
    x3, y3 = s.center(3, 3)
    s.arrow(0, [(x0 + BOX_W / 2, y1), (x3, y1), (x3, y3 - 8)])
    s.box(2, 1)
    # row 3 -> row 2 (back): left and up into the box's bottom
    _, y2 = s.center(2, 1)
    s.arrow(0, [(x1 - BOX_W / 2, y2), (x0, y2), (x0, y1 + 8)])
    s.box(3, 3)
    down(s, 3, 3, 4)
    s.capsule(4, 3)
    flow = s.read(tmp_path)
    assert [st.lanjut for st in flow.steps] == [2, 3, 1, None, None]
    assert [st.columns for st in flow.steps] == [[1], [0], [1], [3], [3]]
    assert notes(flow) == []


@pytest.mark.parametrize("head_on_line", [False, True], ids=["joined", "head-on-line"])
def test_a_merge_into_another_arrow(tmp_path: Path, head_on_line: bool) -> None:
    s = Scene(4)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.diamond(1, 0)
    x0, y1 = s.center(1, 0)
    s.arrow(0, [(x0, y1 + 12), (x0, s.center(2, 0)[1] - 8)])
    s.label(0, x0 + 3, y1 + 13, "Y")
    s.pages[0].rect(x0 + 2, y1 + 12, x0 + 9, y1 + 20, "S")  # in a bordered text box
    s.box(2, 0)
    down(s, 2, 0, 3)
    s.box(3, 0)
    # tidak: right, down to just above row 4's box, left into the line from row 3
    x1 = s.center(1, 1)[0]
    ym = s.center(3, 0)[1] - 20
    if head_on_line:
        s.arrow(0, [(x0 + 15, y1), (x1, y1), (x1, ym), (x0 + 0.5, ym)])
    else:
        s.arrow(0, [(x0 + 15, y1), (x1, y1), (x1, ym), (x0, ym)], head=None)
    s.label(0, x0 + 17, y1 - 9, "T")
    flow = s.read(tmp_path)
    assert (flow.steps[1].ya, flow.steps[1].tidak) == (2, 3)
    assert (flow.steps[1].label_ya, flow.steps[1].label_tidak) == ("Y", "T")
    assert [st.lanjut for st in flow.steps] == [None] * 4


@pytest.mark.parametrize("filled", [False, True], ids=["stroked", "filled-outlines"])
def test_off_page_connectors_join_pages_both_ways(tmp_path: Path, filled: bool) -> None:
    s = Scene(4, per_page=2, filled=filled)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.box(1, 0)
    x0, y1 = s.center(1, 0)
    bottom = TOP + 2 * ROW_H
    s.arrow(0, [(x0, y1 + 8), (x0, bottom + 10)])
    s.pentagon(0, x0, bottom + 10, "A")
    # page 2: the pair above the table, down into row 3's diamond
    s.pentagon(1, x0, TOP - 40, "A")
    _, y2 = s.center(2, 0)
    s.arrow(1, [(x0, TOP - 24), (x0, y2 - 12)])
    s.diamond(2, 0)
    s.arrow(1, [(x0, y2 + 12), (x0, s.center(3, 0)[1] - 7)])
    s.label(1, x0 + 3, y2 + 13, "Ya")
    s.capsule(3, 0)
    # tidak: right, down below the table into connector B; B on page 1 leads into row 2
    x1 = s.center(2, 1)[0]
    bottom2 = TOP + 2 * ROW_H
    s.arrow(1, [(x0 + 15, y2), (x1, y2), (x1, bottom2 + 10)])
    s.label(1, x0 + 17, y2 - 9, "Tidak")
    s.pentagon(1, x1, bottom2 + 10, "B")
    s.pentagon(0, x1, y1 - 8, "B")
    s.arrow(0, [(x1 - 10, y1), (x0 + BOX_W / 2, y1)])
    flow = s.read(tmp_path)
    assert [st.columns for st in flow.steps] == [[0], [0], [0], [0]]
    assert (flow.steps[2].ya, flow.steps[2].tidak) == (3, 1)
    assert flow.steps[1].lanjut is None
    assert notes(flow) == []


def test_a_fork_keeps_the_next_step_and_says_so(tmp_path: Path) -> None:
    s = Scene(4)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.box(1, 0)
    down(s, 1, 0, 2)
    x0, y1 = s.center(1, 0)
    x1, y3 = s.center(3, 1)
    s.arrow(0, [(x0 + BOX_W / 2, y1), (x1, y1), (x1, y3 - 8)])
    s.box(2, 0)
    x0b, y2 = s.center(2, 0)
    s.arrow(0, [(x0b + BOX_W / 2, y2), (x1 - 8, y2), (x1 - 8, y3 - 8)])
    s.box(3, 1)
    flow = s.read(tmp_path)
    assert [st.lanjut for st in flow.steps] == [None, None, None, None]
    assert notes(flow) == [
        "langkah 2/lanjut: dari langkah 2 ada dua panah keluar (ke langkah 3 dan 4); "
        "dipilih langkah 3"]
    assert flow.notes[0].message("en") == (
        "two arrows go out of step 2 (to steps 3 and 4); step 3 was chosen")


def test_several_actors_in_a_row_dead_end_and_arrow_to_nowhere(tmp_path: Path) -> None:
    s = Scene(3)
    s.capsule(0, 0)
    x0, y0 = s.center(0, 0)
    x1, _ = s.center(0, 1)
    s.arrow(0, [(x0 + BOX_W / 2, y0), (x1 - BOX_W / 2, y0)])
    s.box(0, 1)
    s.arrow(0, [(x1 + BOX_W / 2, y0), (s.center(0, 2)[0] - BOX_W / 2, y0)])
    s.box(0, 2)  # a dead end in the first row
    down(s, 0, 1, 1)
    s.box(1, 1)
    s.box(1, 3)  # row 2: the box of column 3 leads nowhere, the arrow ends short of row 3
    x3, y1 = s.center(1, 3)
    s.arrow(0, [(x3, y1 + 8), (x3, y1 + 22)])
    down(s, 1, 1, 2)
    s.capsule(2, 1)
    flow = s.read(tmp_path)
    assert [st.columns for st in flow.steps] == [[0, 1, 2], [1, 3], [1]]
    assert [st.kind for st in flow.steps] == ["terminator", "proses", "terminator"]
    assert [st.lanjut for st in flow.steps] == [None, None, None]
    texts = notes(flow)
    assert "langkah 1/lanjut: simbol di kolom 'C' tidak punya panah keluar" in texts
    assert "langkah 2/lanjut: simbol di kolom 'D' tidak punya panah keluar" in texts
    assert ("langkah 1/pelaksana: di baris ini panah berjalan antarsimbol ('A' ke 'B', "
            "'B' ke 'C'); dibaca sebagai satu langkah dengan beberapa pelaksana") in texts
    assert "langkah 2/None: ada panah yang berakhir tanpa simbol; panah itu " \
        "diabaikan" in texts
    assert ("in this row arrows run from symbol to symbol ('A' to 'B', 'B' to 'C'); read as "
            "one step with several actors") in [n.message("en") for n in flow.notes]


def test_word_labels_ya_is_the_first_named_in_the_activity(tmp_path: Path) -> None:
    s = Scene(4, kegiatan={1: "Memeriksa tujuan: jika dalam kota diantar, jika luar kota dikirim"})
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.diamond(1, 0)
    x0, y1 = s.center(1, 0)
    # the down branch is "Luar kota", the side branch "Dalam kota"
    s.arrow(0, [(x0, y1 + 12), (x0, s.center(2, 0)[1] - 8)])
    s.label(0, x0 + 3, y1 + 14, "Luar kota")
    x1, y3 = s.center(3, 1)
    s.arrow(0, [(x0 + 15, y1), (x1, y1), (x1, y3 - 7)])
    s.label(0, x0 + 18, y1 - 9, "Dalam kota")
    s.box(2, 0)
    x0b, y2 = s.center(2, 0)
    s.arrow(0, [(x0b, y2 + 8), (x0b, y3), (x1 - BOX_W / 2, y3)])
    s.capsule(3, 1)
    flow = s.read(tmp_path)
    st = flow.steps[1]
    assert (st.ya, st.tidak, st.label_ya, st.label_tidak) == (3, 2, "Dalam kota", "Luar kota")
    assert st.columns == [0]


def test_a_branch_to_an_end_capsule_beside_the_diamond_is_selesai(tmp_path: Path) -> None:
    s = Scene(3)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.diamond(1, 0)
    x0, y1 = s.center(1, 0)
    s.arrow(0, [(x0, y1 + 12), (x0, s.center(2, 0)[1] - 8)])
    s.label(0, x0 + 3, y1 + 13, "Ya")
    x1 = s.center(1, 1)[0]
    s.arrow(0, [(x0 + 15, y1), (x1 - BOX_W / 2, y1)])
    s.label(0, x0 + 17, y1 - 9, "Tidak")
    s.capsule(1, 1)
    s.box(2, 0)
    flow = s.read(tmp_path)
    st = flow.steps[1]
    assert (st.ya, st.tidak) == (2, "selesai")
    assert st.columns == [0]  # the end capsule is no actor of the step


def test_line_drawn_notched_and_stroked_heads_and_circle_connectors(tmp_path: Path) -> None:
    s = Scene(4)
    s.capsule(0, 0)
    down(s, 0, 0, 1, head="vee")
    s.box(1, 0)
    x0, y1 = s.center(1, 0)
    # row 2 -> circle 1 ... circle 1 -> row 4 (skips row 3)
    s.arrow(0, [(x0 + BOX_W / 2, y1), (x0 + 30, y1)], head="vee")
    s.circle(0, x0 + 37, y1, "1")
    x2, y3 = s.center(3, 2)
    s.circle(0, x2, y3 - 20, "1")
    s.arrow(0, [(x2, y3 - 13), (x2, y3 - 8)], head="notch")
    s.box(2, 1)
    down(s, 2, 1, 3, head="strokes")
    s.box(3, 1)
    s.box(3, 2)
    flow = s.read(tmp_path)
    assert flow.steps[1].lanjut == 3
    assert flow.steps[0].lanjut is None
    assert flow.steps[2].lanjut is None
    assert notes(flow) == []


def _sampled(points: list[tuple[float, float]], n: int = 8) -> list[tuple[float, float]]:
    out = []
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        out += [(ax + (bx - ax) * k / n, ay + (by - ay) * k / n) for k in range(n)]
    return out


def test_classify_outlines() -> None:
    rect = [(0.0, 0.0), (40.0, 0.0), (40.0, 16.0), (0.0, 16.0)]
    assert classify(rect) == "proses"
    assert classify([(20.0, 0.0), (35.0, 12.0), (20.0, 24.0), (5.0, 12.0)]) == "keputusan"
    penta = [(0.0, 0.0), (20.0, 0.0), (20.0, 10.0), (10.0, 16.0), (0.0, 10.0)]
    assert classify(penta) == "offpage"
    side = [(0.0, 0.0), (14.0, 0.0), (20.0, 8.0), (14.0, 16.0), (0.0, 16.0)]
    assert classify(side) == "offpage"
    circle = [(8 * math.cos(a * math.pi / 16), 8 * math.sin(a * math.pi / 16))
              for a in range(32)]
    assert classify(circle) == "circle"
    capsule = ([(8 + 24 * k / 8, 0.0) for k in range(9)]
               + [(32 + 8 * math.sin(a * math.pi / 8), 8 - 8 * math.cos(a * math.pi / 8))
                  for a in range(1, 8)]
               + [(32 - 24 * k / 8, 16.0) for k in range(9)]
               + [(8 - 8 * math.sin(a * math.pi / 8), 8 + 8 * math.cos(a * math.pi / 8))
                  for a in range(1, 8)])
    assert classify(capsule) == "terminator"
    wave = [(40 - 40 * k / 20, 16 + 3 * math.sin(2 * math.pi * (40 - 40 * k / 20) / 40))
            for k in range(21)]
    document = [(0.0, 0.0), (40.0, 0.0), (40.0, 16.0)] + wave
    assert classify(document) == "dokumen"
    # the outline of a thin line (an elbow drawn as a filled shape) is no symbol
    assert classify([(0.0, 0.0), (40.0, 0.0), (40.0, 30.0), (39.0, 30.0), (39.0, 1.0),
                     (0.0, 1.0)]) is None
    assert classify(_sampled(rect)) == "proses"


def test_odd_input_gives_a_reading_not_a_traceback(tmp_path: Path) -> None:
    s = Scene(2)
    path = write(s.pages, tmp_path / "empty.pdf")
    with pdfplumber.open(path) as pdf:
        table = s.table()
        flow = read_flow(pdf, table)  # no symbol at all
        assert [st.kind for st in flow.steps] == ["", ""]
        assert len(flow.notes) == 2
        table.columns = {7: table.columns[0]}  # columns on a page the PDF lacks
        table.rows[1].spans = [Span(9, 0, 10)]
        assert len(read_flow(pdf, table).steps) == 2
        assert read_flow(pdf, Table(actors=[], columns={}, rows=[], pages=[])).steps == []


# --- the real signed PDFs --------------------------------------------------------------

REAL_PDFS = sorted(REAL_PDF.glob("*.pdf")) if REAL_PDF.is_dir() else []


def _truth_steps(path: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    truth = yaml.safe_load(path.with_suffix(".truth.yaml").read_text(encoding="utf-8"))
    return truth["pelaksana"], truth["langkah"]


def _target(v: object) -> object:
    return v + 1 if isinstance(v, int) else v


@pytest.mark.skipif(not REAL_PDFS, reason=f"the real PDFs are not here ({REAL_PDF})")
def test_real_pdfs_meet_the_accuracy_targets() -> None:
    from soptool.importer.table import read_table

    steps = actors_ok = kinds_ok = decisions = decisions_ok = lanjut = lanjut_ok = 0
    wrong: list[str] = []
    for path in REAL_PDFS:
        titles, truth = _truth_steps(path)
        with pdfplumber.open(path) as pdf:
            table, pictures = read_table(pdf)
            if table is None:
                continue  # a pictured table: nothing to read
            flow = read_flow(pdf, table)
        assert len(flow.steps) == len(table.rows)
        if len(table.rows) != len(truth):
            wrong.append(f"{path.name}: {len(table.rows)} rows, truth {len(truth)}")
            steps += len(truth)
            continue
        for i, (st, want) in enumerate(zip(flow.steps, truth, strict=True)):
            steps += 1
            keys = [want["pelaksana"]] if isinstance(want["pelaksana"], str) else want[
                "pelaksana"]
            want_actors = [titles[k].strip().lower() for k in keys]
            got_actors = [table.actors[c].strip().lower() for c in st.columns]
            actors_ok += want_actors == got_actors
            if want_actors != got_actors:
                wrong.append(f"{path.name} {i + 1}: {got_actors} != {want_actors}")
            kinds_ok += ("keputusan" in want) == (st.kind == "keputusan")
            if "keputusan" in want:
                decisions += 1
                ok = (_target(st.ya), _target(st.tidak)) == (want["keputusan"]["ya"],
                                                             want["keputusan"]["tidak"])
                decisions_ok += ok
                if not ok:
                    wrong.append(f"{path.name} {i + 1}: ya/tidak {st.ya}/{st.tidak}")
            if want.get("lanjut") is not None or st.lanjut is not None:
                lanjut += 1
                lanjut_ok += want.get("lanjut") == _target(st.lanjut)
    assert steps > 0
    assert actors_ok >= 0.97 * steps, wrong
    assert kinds_ok >= 0.97 * steps, wrong
    assert decisions_ok >= 0.95 * decisions, wrong
    assert lanjut_ok >= 0.9 * lanjut, wrong


# --- soptool's own documents, printed by Chromium, read back ---------------------------

@needs_chromium
@pytest.mark.parametrize("path", OWN, ids=lambda p: p.stem)
def test_own_documents_read_back(path: Path, printed_own: Callable[[Path], Path]) -> None:
    from soptool.graph import END, build_flow
    from soptool.importer.table import read_table

    from .render_helpers import load_sop

    sop = load_sop(path)
    pdf_path = printed_own(path)
    with pdfplumber.open(pdf_path) as pdf:
        table, _ = read_table(pdf)
        assert table is not None and len(table.rows) == len(sop.langkah)
        flow = read_flow(pdf, table)
    graph = build_flow(sop)
    keys = list(sop.pelaksana)
    for i, (st, step) in enumerate(zip(flow.steps, sop.langkah, strict=True)):
        actors = [step.pelaksana] if isinstance(step.pelaksana, str) else step.pelaksana
        assert st.columns == sorted(keys.index(k) for k in actors), f"langkah {i + 1}"
        want = {e.branch: ("selesai" if e.target == END else e.target)
                for e in graph.edges[i] if e.branch in ("ya", "tidak", "lanjut")}
        if want.get("lanjut") == i + 1:
            del want["lanjut"]
        got = {k: v for k, v in (("ya", st.ya), ("tidak", st.tidak), ("lanjut", st.lanjut))
               if v is not None}
        assert got == want, f"langkah {i + 1}"
        assert (st.kind == "keputusan") == (step.keputusan is not None), f"langkah {i + 1}"


def test_labels_along_the_line_or_in_the_diamonds_corner_and_shadows(tmp_path: Path) -> None:
    s = Scene(4)
    s.capsule(0, 1)
    down(s, 0, 1, 1)
    s.box(1, 1)
    down(s, 1, 1, 2)
    # a shadow under the diamond: the same shape offset, drawn first
    cx, cy = s.center(2, 1)
    s.pages[0].path([(cx + 2, cy - 10), (cx + 17, cy + 2), (cx + 2, cy + 14), (cx - 13, cy + 2)],
                    True, "f")
    s.diamond(2, 1)
    # "T" printed in the corner of the diamond's box, beside its bottom exit
    s.arrow(0, [(cx, cy + 12), (cx, s.center(3, 1)[1] - 8)])
    s.label(0, cx - 10, cy + 5, "T")
    # "Y": left, up the column, right into row 2's box, labelled halfway up
    xl = s.center(2, 0)[0]
    _, y1 = s.center(1, 1)
    s.arrow(0, [(cx - 15, cy), (xl, cy), (xl, y1), (cx - BOX_W / 2, y1)])
    s.label(0, xl + 2, (cy + y1) / 2 - 3, "Y")
    s.box(3, 1)
    flow = s.read(tmp_path)
    st = flow.steps[2]
    assert (st.ya, st.tidak, st.label_ya, st.label_tidak) == (1, 3, "Y", "T")
    assert st.columns == [1]
    assert notes(flow) == []


def test_floating_arrows_and_a_document_shape(tmp_path: Path) -> None:
    """Word's arrows may stop short of both boxes they join (they float in the gap)."""
    s = Scene(3, filled=True)
    s.capsule(0, 3)
    x3, y0 = s.center(0, 3)
    _, y1 = s.center(1, 3)
    s.arrow(0, [(x3, y0 + 10), (x3, y1 - 11)])  # 3 points short of each end
    # row 2 runs right to left through floating arrows
    for c in (3, 2, 1):
        s.box(1, c)
    for c in (3, 2):
        xa, _ = s.center(1, c)
        s.arrow(0, [(xa - BOX_W / 2 - 3, y1), (xa - 80 + BOX_W / 2 + 3, y1)])
    x1, _ = s.center(1, 1)
    _, y2 = s.center(2, 1)
    s.arrow(0, [(x1, y1 + 11), (x1, y2 - 11)])
    s.pages[0].document(x1 - 20, y2 - 8, x1 + 20, y2 + 8)
    flow = s.read(tmp_path)
    assert [st.columns for st in flow.steps] == [[3], [1, 2, 3], [1]]
    assert [st.kind for st in flow.steps] == ["terminator", "proses", "dokumen"]
    assert [st.lanjut for st in flow.steps] == [None, None, None]
    assert not any("tidak punya panah keluar" in t for t in notes(flow))


def test_word_labels_told_by_the_question(tmp_path: Path) -> None:
    s = Scene(4, tanya={1: "RKT disetujui?"})
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.diamond(1, 0)
    x0, y1 = s.center(1, 0)
    s.arrow(0, [(x0, y1 + 12), (x0, s.center(2, 0)[1] - 8)])  # down: "Dikoreksi"
    s.label(0, x0 + 3, y1 + 14, "Dikoreksi")
    x1, y3 = s.center(3, 1)
    s.arrow(0, [(x0 + 15, y1), (x1, y1), (x1, y3 - 7)])
    s.label(0, x0 + 18, y1 - 9, "Disetujui")
    s.box(2, 0)
    down(s, 2, 0, 3)
    s.box(3, 0)
    s.capsule(3, 1)
    flow = s.read(tmp_path)
    st = flow.steps[1]
    assert (st.ya, st.tidak, st.label_ya, st.label_tidak) == (3, 2, "Disetujui", "Dikoreksi")


def test_two_arrows_end_in_one_head(tmp_path: Path) -> None:
    s = Scene(4)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.diamond(1, 0)
    x0, y1 = s.center(1, 0)
    s.arrow(0, [(x0, y1 + 12), (x0, s.center(2, 0)[1] - 8)])
    s.label(0, x0 + 3, y1 + 13, "Ya")
    s.box(2, 0)
    _, y3 = s.center(3, 0)
    s.arrow(0, [(x0, s.center(2, 0)[1] + 8), (x0, y3 - 8)])
    # tidak: right, down, left and down into the same point, its own head drawn there too
    x1 = s.center(1, 1)[0]
    s.arrow(0, [(x0 + 15, y1), (x1, y1), (x1, y3 - 20), (x0 + 0.3, y3 - 20), (x0 + 0.3, y3 - 8)])
    s.label(0, x0 + 17, y1 - 9, "Tidak")
    s.box(3, 0)
    flow = s.read(tmp_path)
    assert (flow.steps[1].ya, flow.steps[1].tidak) == (2, 3)
    assert flow.steps[2].lanjut is None


@pytest.mark.parametrize(("printed", "tanya"), [("Y", None), ("T.", None),
                                                ("Lengkap?", "Lengkap?")])
def test_a_branch_word_in_the_diamond_is_no_question(tmp_path: Path, printed: str,
                                                     tanya: str | None) -> None:
    """A diamond with only "Y" (or "T") printed in it, as some offices draw it, has no
    question: the word is not read as ``tanya`` (it printed as a stray "Y" in Kegiatan)."""
    s = Scene(4)
    s.capsule(0, 0)
    down(s, 0, 0, 1)
    s.diamond(1, 0, printed)
    x0, y1 = s.center(1, 0)
    s.arrow(0, [(x0, y1 + 12), (x0, s.center(2, 0)[1] - 8)])
    s.label(0, x0 + 3, y1 + 13, "Ya")
    s.box(2, 0)
    down(s, 2, 0, 3)
    s.capsule(3, 0)
    flow = s.read(tmp_path)
    assert flow.steps[1].kind == "keputusan"
    assert flow.steps[1].tanya == tanya
