"""The flowchart's symbols as the SOP AP form (Permenpan-RB 35/2012) draws them: one Mulai,
one Selesai per end, terminators that carry their word, labels inside the actor columns and
clear of lines, symbols and borders, arrowheads never stacked, lanes clear of borders,
symbols and each other. Geometry from the layout data, over hand-made and random SOPs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from soptool.commands.validate import validate_file
from soptool.layout import PAPERS, Chart, Row, layout
from soptool.layout.chart import LANE_CLEAR
from soptool.layout.labels import box_on_shape, label_box
from soptool.model import Sop

LEGIBLE_PT = 6.0  # the smallest text an officer reads on the printed form
SVG_TEXT_PT = 6.5  # svg.flow text (templates/sop.html.j2)
PT_MM = 25.4 / 72
# the widths of the terminators' words at 6.5 pt (Liberation Sans advance widths)
WORD_MM = {"Mulai": 2.389 * SVG_TEXT_PT * PT_MM, "Selesai": 3.279 * SVG_TEXT_PT * PT_MM}
LANE_GAP = 2.0  # mm between a lane and a border, a symbol or another lane


def sop_yaml(actors: int, steps: list[dict[str, object]]) -> str:
    data = {
        "nomor": "1/UJI/2026", "nama": "Uji Simbol", "instansi": ["Dinas Uji"],
        "tanggal": {"pembuatan": "2026-01-05"}, "disahkan_oleh": {"jabatan": "Kepala"},
        "pelaksana": {f"p{i}": f"Pelaksana {i}" for i in range(actors)},
        "langkah": steps,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def step(n: int, who: list[int], **extra: object) -> dict[str, object]:
    return {"kegiatan": f"Langkah {n}", "pelaksana": [f"p{i}" for i in who], **extra}


def load(tmp_path: Path, text: str, name: str = "uji") -> Sop:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path, keep=True)
    assert result.errors == 0, [f.message() for f in result.findings]
    assert result.loaded is not None and result.loaded.sop is not None
    return result.loaded.sop


def random_steps(rnd: random.Random, actors: int, count: int) -> list[dict[str, object]]:
    """Random valid steps: decisions (step 1 too) loop back (to step 1 too), jump forward or
    end, with custom labels (one branch always to the next step, so every step is reached);
    first and last steps often have several actors."""
    out: list[dict[str, object]] = []
    for n in range(1, count + 1):
        several = n in (1, count) and rnd.random() < 0.5 or rnd.random() < 0.2
        who = sorted(rnd.sample(range(actors), min(actors, rnd.randint(2, 3) if several
                                                    else 1)))
        extra: dict[str, object] = {}
        if n < count and rnd.random() < (0.5 if n == 1 else 0.25):
            choices: list[object] = ["selesai"]
            if n > 1:
                choices += [rnd.randint(1, n - 1), 1]
            if n + 2 <= count:
                choices.append(rnd.randint(n + 2, min(count, n + 6)))
            other = rnd.choice(choices)
            ya, tidak = (n + 1, other) if rnd.random() < 0.6 else (other, n + 1)
            k: dict[str, object] = {"ya": ya, "tidak": tidak}
            if rnd.random() < 0.3:
                k["label_ya"] = rnd.choice(["Diparaf", "Lengkap", "Setuju"])
            if rnd.random() < 0.3:
                k["label_tidak"] = rnd.choice(["Tidak lengkap", "Ditolak", "Perbaiki"])
            extra["keputusan"] = k
        out.append(step(n, who, **extra))
    return out


def random_form_sop(seed: int) -> tuple[int, str]:
    rnd = random.Random(seed)
    actors = rnd.randint(2, 15)
    count = rnd.choice([1, 2, 3, rnd.randint(4, 20), rnd.randint(4, 20), rnd.randint(20, 80)])
    return actors, sop_yaml(actors, random_steps(rnd, actors, count))


def quick_sop(text: str) -> Sop:
    return Sop.model_validate(yaml.safe_load(text))


# --- the checks ------------------------------------------------------------------------

def terminators(chart: Chart, kind: str) -> list[tuple[Row, object]]:
    return [(row, s) for row in chart.rows for s in row.shapes if s.kind == kind]


def check_terminators(chart: Chart) -> None:
    """One Mulai, in step 1's row, above or at step 1's symbol; every terminator carries its
    word, wide enough for it, inside its column."""
    starts = terminators(chart, "start")
    assert len(starts) == 1, f"{len(starts)} Mulai"
    assert starts[0][0].index == 0
    wc = chart.widths.actor
    for row in chart.rows:
        for s in row.shapes:
            if s.kind not in ("start", "end", "endcap"):
                continue
            word = "Mulai" if s.kind == "start" else "Selesai"
            assert s.text == word, f"row {row.number}: {s.kind} without its word"
            assert SVG_TEXT_PT >= LEGIBLE_PT
            assert s.w >= WORD_MM[word] + 1.5, f"row {row.number}: {s.kind} {s.w} mm wide"
            assert s.w > s.h, f"row {row.number}: {s.kind} is no capsule"
            col = int(s.cx // wc)
            assert col * wc + 0.5 <= s.cx - s.w / 2 and s.cx + s.w / 2 <= (col + 1) * wc - 0.5


def check_no_arrow_into_mulai(chart: Chart) -> None:
    for row, s in terminators(chart, "start"):
        cy = s.cy.at(row.height)
        for a in row.arrows:
            y = a.y.at(row.height)
            assert not (s.cx - s.w / 2 - 1e-6 <= a.x <= s.cx + s.w / 2 + 1e-6
                        and cy - s.h / 2 - 1e-6 <= y <= cy + s.h / 2 + 1e-6), (
                f"an arrow into Mulai at ({a.x}, {y})")


def check_one_end_per_end_step(chart: Chart) -> None:
    """A step whose flow ends has one Selesai, however many actors it has."""
    for row in chart.rows:
        if row.kind == "end":
            ends = [s for s in row.shapes if s.kind == "end"]
            assert len(ends) == 1, f"row {row.number}: {len(ends)} Selesai"


def check_labels(chart: Chart) -> None:
    """Labels inside the actor columns, not crossed by a line, a border or a symbol."""
    area = chart.widths.actor_area
    wc = chart.widths.actor
    borders = [b * wc for b in range(1, chart.widths.actors)]
    for row in chart.rows:
        for lb in row.labels:
            x0, y0, x1, y1 = label_box(row, lb)
            assert x0 >= 0 and x1 <= area, f"row {row.number}: {lb.text!r} outside the columns"
            for bx in borders:
                assert not x0 < bx < x1, f"row {row.number}: {lb.text!r} across a border"
            for ln in row.lines:
                if ln.kind != "flow":
                    continue
                ya, yb = sorted((ln.y1.at(row.height), ln.y2.at(row.height)))
                xa, xb = sorted((ln.x1, ln.x2))
                assert not (xa < x1 and xb > x0 and ya < y1 and yb > y0) or (
                    xa == xb and not x0 < xa < x1) or (ya == yb and not y0 < ya < y1), (
                    f"row {row.number}: {lb.text!r} crossed by a line")
            for s in row.shapes:
                # a diamond by its outline, the other symbols by their bounding box
                assert not box_on_shape((x0, y0, x1, y1), s.kind, s.cx, s.cy.at(row.height),
                                        s.w, s.h, margin=0.0), (
                    f"row {row.number}: {lb.text!r} on a {s.kind}")


def check_arrowheads(chart: Chart) -> None:
    """No two arrowheads at one point; every end capsule and connector that the flow
    enters has its arrowhead."""
    for row in chart.rows:
        tips = [(round(a.x, 3), round(a.y.at(row.height), 3)) for a in row.arrows]
        assert len(tips) == len(set(tips)), f"row {row.number}: two arrowheads at one point"
        for s in row.shapes:
            if s.kind not in ("endcap", "end") or s.step is not None:
                continue
            cy = s.cy.at(row.height)
            assert any(abs(a.x - s.cx) <= s.w / 2 + 1e-6
                       and abs(a.y.at(row.height) - cy) <= s.h / 2 + 1e-6
                       for a in row.arrows), f"row {row.number}: Selesai without an arrow"


def lane_xs(chart: Chart, row: Row) -> list[float]:
    """The x of the vertical flow lines of a row that are not on a column centre."""
    wc = chart.widths.actor
    out = set()
    for ln in row.lines:
        if ln.kind == "flow" and ln.vertical and abs((ln.x1 / wc) % 1 - 0.5) > 1e-3:
            out.add(round(ln.x1, 3))
    return sorted(out)


def check_lanes(chart: Chart) -> None:
    """Lanes at least LANE_GAP from column borders and from each other, and at least
    LANE_CLEAR (>= LANE_GAP) from the symbols of the rows they pass."""
    wc = chart.widths.actor
    # a narrow column leaves less than 2 * LANE_GAP beside a symbol: halfway, then
    gap = min(LANE_GAP, (wc - chart.symbol_w) / 4)
    for row in chart.rows:
        xs = [x for x in lane_xs(chart, row)
              if not any(abs(x - s.cx) < 1e-3 for s in row.shapes)]  # zone drops
        for x in xs:
            near = min(abs(x - b * wc) for b in range(chart.widths.actors + 1))
            assert near >= gap - 1e-6, f"row {row.number}: lane {x} {near} mm from a border"
        for a, b in zip(xs, xs[1:], strict=False):
            assert b - a >= LANE_GAP - 1e-6, f"row {row.number}: lanes {a}, {b}"
        for x in xs:
            for s in row.shapes:
                if s.cy.frac == 0.5 and s.cy.off == 0 and s.kind != "end":
                    off = abs(x - s.cx) - s.w / 2
                    assert off >= gap - 1e-6, (
                        f"row {row.number}: lane {x} {off:.2f} mm from a {s.kind}")


def check_one_decision(chart: Chart) -> None:
    """A decision is one diamond, however many actors it has (the others' columns get a
    process box each, joined to it); a step has one symbol in a column."""
    wc = chart.widths.actor
    for row in chart.rows:
        own = [s for s in row.shapes if s.step == row.number]
        diamonds = [s for s in own if s.kind == "decision"]
        if row.kind == "decision":
            assert len(diamonds) == 1, f"row {row.number}: {len(diamonds)} diamonds"
        else:
            assert not diamonds
        cols = [int(s.cx // wc) for s in own]
        assert len(cols) == len(set(cols)), f"row {row.number}: two symbols in one column"


CHECKS = (check_terminators, check_no_arrow_into_mulai, check_one_end_per_end_step,
          check_labels, check_arrowheads, check_lanes, check_one_decision)


# --- the defects, one SOP each ---------------------------------------------------------

def test_first_step_decision_starts_with_one_mulai(tmp_path: Path) -> None:
    sop = load(tmp_path, sop_yaml(3, [
        step(1, [0], keputusan={"ya": 2, "tidak": "selesai"}),
        step(2, [1]), step(3, [2])]))
    chart = layout(sop)
    check_terminators(chart)
    first = chart.rows[0]
    (mulai,) = [s for s in first.shapes if s.kind == "start"]
    (diamond,) = [s for s in first.shapes if s.kind == "decision"]
    # above the diamond, in its column, with an arrow down into the diamond
    assert mulai.cx == diamond.cx
    assert mulai.cy.at(first.height) + mulai.h / 2 < diamond.cy.at(first.height) - diamond.h / 2
    assert any(a.direction == "down" and a.x == diamond.cx
               and a.y.at(first.height) == diamond.cy.at(first.height) - diamond.h / 2
               for a in first.arrows)


def test_first_step_of_three_actors_has_one_mulai(tmp_path: Path) -> None:
    sop = load(tmp_path, sop_yaml(4, [step(1, [0, 1, 2]), step(2, [3]), step(3, [3])]))
    chart = layout(sop)
    check_terminators(chart)
    assert [s.kind for s in chart.rows[0].shapes].count("process") == 3


def test_final_step_of_two_actors_has_one_selesai(tmp_path: Path) -> None:
    sop = load(tmp_path, sop_yaml(3, [step(1, [0]), step(2, [1]), step(3, [1, 2])]))
    chart = layout(sop)
    check_one_end_per_end_step(chart)
    check_arrowheads(chart)
    last = chart.rows[-1]
    (end,) = [s for s in last.shapes if s.kind == "end"]
    boxes = [s for s in last.shapes if s.kind == "process"]
    assert len(boxes) == 2 and all(end.cy.at(last.height) > b.cy.at(last.height) for b in boxes)


def test_loop_back_to_step_one_enters_its_box_not_mulai(tmp_path: Path) -> None:
    sop = load(tmp_path, sop_yaml(3, [
        step(1, [0]), step(2, [1]), step(3, [2], keputusan={"ya": 4, "tidak": 1}),
        step(4, [2])]))
    chart = layout(sop)
    check_terminators(chart)
    check_no_arrow_into_mulai(chart)
    first = chart.rows[0]
    box = next(s for s in first.shapes if s.kind == "process")
    cy = box.cy.at(first.height)
    # the loop's arrow and Mulai's arrow both end on the box
    into = [a for a in first.arrows if abs(a.y.at(first.height) - cy) <= box.h / 2 + 1e-6
            and abs(a.x - box.cx) <= box.w / 2 + 1e-6]
    assert len(into) >= 2 or chart.connectors


def test_end_capsule_below_a_row_after_a_sheet_break_keeps_its_arrowhead() -> None:
    # random SOP 32: step 27 opens a sheet (an incoming connector above its diamond) and its
    # branch to selesai ends in a capsule below the diamond, on the same x
    chart = layout(quick_sop(random_form_sop(32)[1]), "F4")
    row = chart.rows[26]
    assert row.sheet != chart.rows[25].sheet
    assert {s.kind for s in row.shapes} >= {"decision", "endcap", "connector"}
    check_arrowheads(chart)


@pytest.mark.parametrize(("who", "after", "diamond"), [
    ([0, 2], [1], 0), ([0, 2], [3], 2), ([1, 2, 3], [2], 2), ([0, 3], [2], 3)])
def test_a_decision_of_several_actors_is_one_diamond(tmp_path: Path, who: list[int],
                                                     after: list[int], diamond: int) -> None:
    # the diamond in the actor's column nearest to the next step's, a box in each other
    # actor's column joined to it; both branches leave the diamond
    sop = load(tmp_path, sop_yaml(5, [
        step(1, [4]), step(2, who, keputusan={"ya": 3, "tidak": 1}), step(3, after)]))
    chart = layout(sop)
    for check in CHECKS:
        check(chart)
    row = chart.rows[1]
    wc = chart.widths.actor
    kinds = {int(s.cx // wc): s.kind for s in row.shapes if s.step == 2}
    assert kinds == {c: "decision" if c == diamond else "process" for c in who}
    (dia,) = [s for s in row.shapes if s.kind == "decision"]
    joins = [ln for ln in row.lines if ln.kind == "join"]
    assert len(joins) == 1 and {joins[0].x1, joins[0].x2} == {(who[0] + .5) * wc,
                                                              (who[-1] + .5) * wc}
    # the branch labels stand by the diamond's column, not by a box
    assert {lb.text for lb in row.labels} == {"Ya", "Tidak"}
    for lb in row.labels:
        x0, _, x1, _ = label_box(row, lb)
        assert abs((x0 + x1) / 2 - dia.cx) < wc, lb


@pytest.mark.parametrize("actors", [6, 7, 9, 11, 15])
def test_terminators_keep_their_word_in_narrow_columns(tmp_path: Path, actors: int) -> None:
    steps = [step(n, [(n - 1) % actors]) for n in range(1, actors + 1)]
    steps[2]["keputusan"] = {"ya": 4, "tidak": "selesai"}
    chart = layout(load(tmp_path, sop_yaml(actors, steps)))
    check_terminators(chart)
    assert len(terminators(chart, "endcap")) == 1 and len(terminators(chart, "end")) == 1


# Issue 13, fixed: two arrowheads head to head where two connectors join a line from both
# sides (131 row 11, 242 row 3), and "Tidak lengkap" with no room beside its diamond, across a
# border (230 row 34) or outside the actor columns (281 row 11): all drawn as the form now.
# Open: in a 17 mm column a back-loop's lane (2 mm from the border) and the drop of a
# multi-actor decision's branch to an on-page connector (2 mm beside the diamond) stand
# 1.65 mm apart (58 row 19): the column has no room for both.
KNOWN = {58}
SEEDS = [pytest.param(seed, marks=pytest.mark.xfail(strict=True, reason="issue 13, open"))
         if seed in KNOWN else seed for seed in range(300)]


@pytest.mark.parametrize("paper", ["A4", "F4"])
@pytest.mark.parametrize("name", ["rka-balai", "rkt-disdikbud-balangan"])
def test_the_real_sops_are_drawn_as_the_form(name: str, paper: str) -> None:
    path = Path(__file__).resolve().parent.parent / "sops" / f"{name}.yaml"
    result = validate_file(path, keep=True)
    assert result.loaded is not None and result.loaded.sop is not None
    chart = layout(result.loaded.sop, paper)
    for check in CHECKS:
        check(chart)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_sops_are_drawn_as_the_form(seed: int) -> None:
    actors, text = random_form_sop(seed)
    sop = quick_sop(text)
    chart = layout(sop, "A4" if seed % 3 else "F4")
    for check in CHECKS:
        check(chart)


def test_random_generator_gives_valid_sops(tmp_path: Path) -> None:
    for seed in range(0, 400, 37):
        load(tmp_path, random_form_sop(seed)[1], f"acak-{seed}")


def test_papers() -> None:
    assert set(PAPERS) == {"A4", "F4"} and LANE_CLEAR >= LANE_GAP
