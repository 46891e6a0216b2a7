"""The flowchart layout: symbols, arrows, lanes, sheets and connectors, checked as geometry
(from the layout data) and as SVG structure (parsed from the rendered HTML)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from soptool.commands.validate import validate_file
from soptool.graph import build_flow
from soptool.layout import (
    PAPERS,
    Chart,
    ConnectorPair,
    Row,
    column_widths,
    layout,
    px,
    text_lines,
)
from soptool.render.document import render

from .render_helpers import SEEDS, SOPS, load_sop, long_sop, random_sop

SVG = "{http://www.w3.org/2000/svg}"

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (mm, in the row)
Seg = tuple[float, float, float, float]


def boxes(row: Row) -> list[tuple[Box, tuple[float, float], str]]:
    out = []
    for s in row.shapes:
        cy = s.cy.at(row.height)
        out.append(((s.cx - s.w / 2, cy - s.h / 2, s.cx + s.w / 2, cy + s.h / 2),
                    (s.cx, cy), s.kind))
    return out


def segments(row: Row, kind: str = "flow") -> list[Seg]:
    return [(ln.x1, ln.y1.at(row.height), ln.x2, ln.y2.at(row.height))
            for ln in row.lines if ln.kind == kind]


def crosses_interior(seg: Seg, box: Box, shrink: float = 0.25) -> bool:
    x1, y1, x2, y2 = seg
    bx0, by0, bx1, by1 = box[0] + shrink, box[1] + shrink, box[2] - shrink, box[3] - shrink
    if x1 == x2:  # vertical
        return bx0 < x1 < bx1 and min(y1, y2) < by1 and max(y1, y2) > by0
    return by0 < y1 < by1 and min(x1, x2) < bx1 and max(x1, x2) > bx0


def check_geometry(chart: Chart) -> None:
    """Nothing overlaps: lines only enter the symbol they attach to, labels clear of
    symbols and lanes, no two lines share a stretch, connectors come in numbered pairs."""
    for row in chart.rows:
        shapes = boxes(row)
        flow = segments(row)
        for seg in flow:
            assert seg[0] == seg[2] or seg[1] == seg[3], f"diagonal line in row {row.number}"
            for box, centre, kind in shapes:
                if crosses_interior(seg, box):
                    ends = {(seg[0], seg[1]), (seg[2], seg[3])}
                    assert any(abs(x - centre[0]) < 1e-6 and abs(y - centre[1]) < 1e-6
                               for x, y in ends), (
                        f"row {row.number}: line {seg} crosses the {kind} at {box}")
        # symbols do not overlap each other
        for i, (a, _, ka) in enumerate(shapes):
            for b, _, kb in shapes[i + 1:]:
                assert (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]), (
                    f"row {row.number}: {ka} and {kb} overlap")
        # labels: clear of symbols and of vertical lines
        for lb in row.labels:
            y = lb.y.at(row.height)
            w = len(lb.text) * 1.25
            x0 = lb.x if lb.anchor == "start" else lb.x - w
            lbox = (x0, y - 2.2, x0 + w, y + 0.4)
            for box, _, kind in shapes:
                assert (lbox[2] <= box[0] or box[2] <= lbox[0] or lbox[3] <= box[1]
                        or box[3] <= lbox[1]), f"row {row.number}: label {lb.text} on {kind}"
            for seg in flow:
                if seg[0] == seg[2]:
                    assert not (lbox[0] < seg[0] < lbox[2]
                                and min(seg[1], seg[3]) < lbox[3]
                                and max(seg[1], seg[3]) > lbox[1]), (
                        f"row {row.number}: label {lb.text} crossed by a line")
        # no two vertical lines run along the same stretch
        verticals = sorted((s[0], min(s[1], s[3]), max(s[1], s[3])) for s in flow
                           if s[0] == s[2] and s[1] != s[3])
        for (xa, a0, a1), (xb, b0, b1) in zip(verticals, verticals[1:], strict=False):
            if xa == xb:
                assert b0 >= a1 - 1e-6 or (a0, a1) == (b0, b1), (
                    f"row {row.number}: two lines overlap at x={xa}")
    check_arrows(chart)
    check_continuity(chart)
    numbers = Counter(s.text for row in chart.rows for s in row.shapes
                      if s.kind in ("connector", "onpage"))
    pairs: dict[str, list[ConnectorPair]] = {}
    for pair in chart.connectors:
        pairs.setdefault(str(pair.number), []).append(pair)
    assert sorted(map(int, numbers)) == list(range(1, len(pairs) + 1))
    for number, group in pairs.items():
        # one outgoing connector per pair, one incoming connector shared by the group
        assert numbers[number] == len(group) + 1, number
        assert len({p.target_step for p in group}) == 1
        rows = [row for row in chart.rows
                if any(s.kind in ("connector", "onpage") and s.text == number
                       for s in row.shapes)]
        assert {r.number for r in rows} == ({p.source_step for p in group}
                                            | {group[0].target_step})
        assert {r.sheet for r in rows} == ({p.from_sheet for p in group}
                                           | {group[0].to_sheet})


STEP = {"down": (0, 1), "up": (0, -1), "right": (1, 0), "left": (-1, 0)}


def on_segment(x: float, y: float, seg: Seg) -> bool:
    x1, y1, x2, y2 = seg
    return (min(x1, x2) - 1e-6 <= x <= max(x1, x2) + 1e-6
            and min(y1, y2) - 1e-6 <= y <= max(y1, y2) + 1e-6)


def check_arrows(chart: Chart) -> None:
    """Every arrowhead is fed by a line from behind it and points at a symbol or a line."""
    for row in chart.rows:
        flow = segments(row)
        shapes = boxes(row)
        for a in row.arrows:
            x, y = a.x, a.y.at(row.height)
            dx, dy = STEP[a.direction]
            behind = (x - dx * 1.0, y - dy * 1.0)
            assert any(on_segment(x, y, seg) and on_segment(*behind, seg) for seg in flow), (
                f"row {row.number}: arrow {a.direction} at ({x}, {y}) has no line behind it")
            at_symbol = any(
                b[0] - 1e-6 <= x <= b[2] + 1e-6 and b[1] - 1e-6 <= y <= b[3] + 1e-6
                for b, _, _ in shapes)
            into_line = any(on_segment(x, y, seg) and (seg[0] == seg[2]) != (dx == 0)
                            for seg in flow)
            assert at_symbol or into_line, (
                f"row {row.number}: arrow {a.direction} at ({x}, {y}) points at nothing")


def edge_xs(row: Row, frac: float) -> set[float]:
    """x of the flow lines that touch the top (0) or bottom (1) edge of a row."""
    return {round(ln.x1, 6) for ln in row.lines if ln.kind == "flow" and ln.vertical
            and any(y.frac == frac and y.off == 0 for y in (ln.y1, ln.y2))}


def check_continuity(chart: Chart) -> None:
    """A line leaving a row at the bottom goes on from the top of the next row, at the
    same x, on the same sheet; no line runs off a sheet (connectors take over there)."""
    for up, down in zip(chart.rows, chart.rows[1:], strict=False):
        if up.sheet == down.sheet:
            assert edge_xs(up, 1.0) == edge_xs(down, 0.0), (up.number, down.number)
        else:
            assert edge_xs(up, 1.0) == set() and edge_xs(down, 0.0) == set()
    assert edge_xs(chart.rows[0], 0.0) == set() and edge_xs(chart.rows[-1], 1.0) == set()


def arrow_into(chart: Chart, step: int) -> bool:
    row = chart.rows[step - 1]
    for a in row.arrows:
        y = a.y.at(row.height)
        for box, _, kind in boxes(row):
            if kind in ("connector", "endcap"):
                continue
            on_x = box[0] - 1e-6 <= a.x <= box[2] + 1e-6
            on_y = box[1] - 1e-6 <= y <= box[3] + 1e-6
            edge = (abs(y - box[1]) < 1e-6 or abs(a.x - box[0]) < 1e-6
                    or abs(a.x - box[2]) < 1e-6 or abs(y - box[3]) < 1e-6)
            if on_x and on_y and edge:
                return True
    return False


# --- symbols -------------------------------------------------------------------------------


def test_rka_symbols_stand_in_their_actors_columns() -> None:
    chart = layout(load_sop(SOPS / "rka-balai.yaml"))
    kinds = [row.kind for row in chart.rows]
    assert kinds == ["start", "process", "process", "process", "decision", "process",
                     "process", "process", "end"]
    wc = chart.widths.actor
    # step 1 by the Kepala Balai (4th column), step 6 by penelaah and ketua_tim
    assert [s.cx for s in chart.rows[0].shapes] == [pytest.approx(3.5 * wc)]
    assert chart.rows[0].shapes[0].text == "Mulai"
    six = chart.rows[5]
    assert [s.cx for s in six.shapes if s.kind == "process"] == [
        pytest.approx(0.5 * wc), pytest.approx(1.5 * wc)]
    joins = [ln for ln in six.lines if ln.kind == "join"]
    assert len(joins) == 1 and (joins[0].x1, joins[0].x2) == (0.5 * wc, 1.5 * wc)
    assert chart.rows[-1].shapes[0].text == "Selesai"


def test_decision_labels_and_branches() -> None:
    chart = layout(load_sop(SOPS / "rkt-disdikbud-balangan.yaml"))
    decision = chart.rows[9]
    assert decision.kind == "decision"
    assert sorted(lb.text for lb in decision.labels) == ["Dikoreksi", "Disetujui"]
    chart = layout(load_sop(SOPS / "rka-balai.yaml"))
    assert sorted(lb.text for lb in chart.rows[4].labels) == ["Tidak", "Ya"]


def test_every_reached_step_has_an_arrow_into_its_symbol() -> None:
    for path in SEEDS:
        sop = load_sop(path)
        chart = layout(sop)
        targets = {e.target for edges in build_flow(sop).edges for e in edges if e.target >= 0}
        for t in targets:
            assert arrow_into(chart, t + 1) or any(
                s.kind == "connector" for s in chart.rows[t].shapes), (path.name, t + 1)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_seed_geometry_has_no_overlap(path: Path, paper: str) -> None:
    chart = layout(load_sop(path), paper)
    check_geometry(chart)


def test_rka_loop_back_runs_in_a_lane_beside_the_symbols() -> None:
    chart = layout(load_sop(SOPS / "rka-balai.yaml"))
    # step 5 (decision) goes back to step 4: a vertical line in row 5 and 4 at a lane x
    # that is no symbol's column centre, and the lane leaves step 5 upwards
    wc = chart.widths.actor
    centres = {(c + 0.5) * wc for c in range(chart.widths.actors)}
    lane_xs = {ln.x1 for ln in chart.rows[4].lines
               if ln.kind == "flow" and ln.vertical and ln.x1 not in centres}
    assert len(lane_xs) == 1
    x = lane_xs.pop()
    assert any(ln.vertical and ln.x1 == x for ln in chart.rows[3].lines)
    for row in chart.rows:
        for s in row.shapes:
            assert not s.cx - s.w / 2 < x < s.cx + s.w / 2


def test_decision_branch_to_selesai_has_its_own_end_capsule(tmp_path: Path) -> None:
    sop_path = tmp_path / "akhir.yaml"
    sop_path.write_text(
        "nama: Uji Cabang Selesai\npelaksana:\n  a: A\n  b: B\n  c: C\nlangkah:\n"
        "  - kegiatan: Mulai\n    pelaksana: a\n"
        "  - kegiatan: Periksa\n    pelaksana: b\n    keputusan:\n      ya: 3\n"
        "      tidak: selesai\n      label_tidak: Ditolak\n"
        "  - kegiatan: Kerjakan\n    pelaksana: b\n", encoding="utf-8")
    chart = layout(load_sop(sop_path))
    row = chart.rows[1]
    caps = [s for s in row.shapes if s.kind == "endcap"]
    assert len(caps) == 1 and caps[0].text == "Selesai"
    assert "Ditolak" in [lb.text for lb in row.labels]
    check_geometry(chart)


# --- pagination ----------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_sixty_steps_paginate_with_connector_pairs(tmp_path: Path, paper: str) -> None:
    path = tmp_path / "panjang.yaml"
    path.write_text(long_sop(60), encoding="utf-8")
    chart = layout(load_sop(path), paper)
    assert len(chart.sheets) >= 5
    assert [i for sheet in chart.sheets for i in sheet] == list(range(60))
    # each row and the sheet's head printed up to 0.3 mm and 1 mm taller (sheets.py), the
    # last sheet with its total row (one line of 9 pt and its padding, 6.4 mm at least)
    capacity = PAPERS[paper].inner_height - chart.header_height - 1.5
    for n, sheet in enumerate(chart.sheets):
        used = sum(chart.rows[i].height + 0.3 for i in sheet) + (
            6.7 if n == len(chart.sheets) - 1 else 0.0)
        assert used <= capacity + 1e-6, (n, used, capacity)
    # every arrow from the last row of a sheet to the first of the next goes through a pair
    flow = build_flow(load_sop(path))
    crossing = {(s + 1, e.target + 1) for s, edges in enumerate(flow.edges) for e in edges
                if e.target >= 0 and chart.rows[s].sheet != chart.rows[e.target].sheet}
    pairs = {(c.source_step, c.target_step) for c in chart.connectors}
    assert crossing <= pairs
    # any other pair is an on-page pair (no free lane), drawn with circles
    for c in chart.connectors:
        if (c.source_step, c.target_step) not in crossing:
            assert c.from_sheet == c.to_sheet
            kinds = {s.kind for r in (chart.rows[c.source_step - 1], chart.rows[c.target_step - 1])
                     for s in r.shapes if s.text == str(c.number)}
            assert kinds == {"onpage"}
    check_geometry(chart)


def test_f4_gives_wider_columns_than_a4() -> None:
    a4, f4 = column_widths(PAPERS["A4"], 4), column_widths(PAPERS["F4"], 4)
    assert f4.total > a4.total
    assert a4.total <= PAPERS["A4"].inner_width and f4.total <= PAPERS["F4"].inner_width


def test_text_lines_wraps_words() -> None:
    assert text_lines("satu dua tiga", 200) == 1
    assert text_lines("kata " * 40, 30) > 5
    assert text_lines("a\nb\nc", 100) == 3


# --- SVG structure -------------------------------------------------------------------------


def row_svgs(html: str) -> dict[int, ET.Element]:
    """The flowchart SVG of each step's row, parsed as XML."""
    out = {}
    for m in re.finditer(r'<td class="flow"[^>]*>(<svg class="flow".*?</svg>)\s*</td>', html,
                         re.S):
        svg = ET.fromstring(m.group(1))
        out[int(svg.attrib["data-step"])] = svg
    return out


def classes(el: ET.Element) -> set[str]:
    return set(el.attrib.get("class", "").split())


def symbols(svg: ET.Element) -> list[ET.Element]:
    return [el for el in svg.iter() if "symbol" in classes(el)]


def test_svg_structure_of_rka() -> None:
    sop = load_sop(SOPS / "rka-balai.yaml")
    html = render(sop, "html")
    svgs = row_svgs(html)
    assert sorted(svgs) == list(range(1, 10))
    chart = layout(sop)
    wc_px = float(px(chart.widths.actor))
    first = symbols(svgs[1])
    assert len(first) == 1 and first[0].tag == SVG + "rect" and "start" in classes(first[0])
    x, w, h, rx = (float(first[0].attrib[k]) for k in ("x", "width", "height", "rx"))
    assert rx == pytest.approx(h / 2, abs=0.01)  # a capsule
    assert x + w / 2 == pytest.approx(3.5 * wc_px, abs=0.02)  # in the Kepala Balai column
    texts = [t.text for t in svgs[1].iter(SVG + "text")]
    assert texts == ["Mulai"]
    diamond = symbols(svgs[5])
    assert [d.tag for d in diamond] == [SVG + "polygon"]
    assert len(diamond[0].attrib["points"].split()) == 4
    labels = sorted(t.text or "" for t in svgs[5].iter(SVG + "text")
                    if "label" in classes(t))
    assert labels == ["Tidak", "Ya"]
    six = [s for s in symbols(svgs[6]) if "connector" not in classes(s)]
    assert len(six) == 2 and all("process" in classes(s) for s in six)
    assert any("join" in classes(ln) for ln in svgs[6].iter(SVG + "line"))
    last = symbols(svgs[9])
    assert any("end" in classes(s) for s in last)  # beside the incoming connector, if any
    # arrowheads: step 2 receives one at the top of its rectangle
    assert len([p for p in svgs[2].iter(SVG + "polygon") if "arrow" in classes(p)]) == 1


def test_svg_connectors_on_both_sheets_of_long_sop(tmp_path: Path) -> None:
    path = tmp_path / "panjang.yaml"
    path.write_text(long_sop(60), encoding="utf-8")
    sop = load_sop(path)
    html = render(sop, "html")
    chart = layout(sop)
    sheets = re.findall(r'<section class="sheet procedure" data-sheet="(\d+)">(.*?)</section>',
                        html, re.S)
    assert len(sheets) == len(chart.sheets)
    found: dict[str, set[int]] = {}
    for number, body in sheets:
        for svg in row_svgs(body).values():
            for el in svg.iter():
                if "connector" in classes(el) and el.tag == SVG + "polygon":
                    assert len(el.attrib["points"].split()) == 5  # a pentagon
                if "connector-number" in classes(el):
                    found.setdefault(el.text or "", set()).add(int(number))
    assert set(found) == {str(pair.number) for pair in chart.connectors}
    for pair in chart.connectors:
        assert {pair.from_sheet + 1, pair.to_sheet + 1} <= found[str(pair.number)]
    # the header is repeated on every sheet
    assert html.count('<th colspan="6">Pelaksana</th>') == len(chart.sheets)



@pytest.mark.parametrize("seed", range(120))
def test_random_sops_have_no_overlap(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "acak.yaml"
    path.write_text(random_sop(seed, steps=8 + seed % 20, actors=1 + seed % 6),
                    encoding="utf-8")
    result = validate_file(path, keep=True)
    if result.errors:  # a random flow can trap steps in a loop: not a renderable SOP
        pytest.skip("random SOP not valid")
    assert result.loaded is not None and result.loaded.sop is not None
    check_geometry(layout(result.loaded.sop, "A4" if seed % 2 else "F4"))
