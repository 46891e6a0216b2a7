"""The print checks (tests/printcheck.py) on both printers and both papers: the PDF of
``soptool render --format pdf`` (WeasyPrint) on A4 over sops/, tests/data/valid/ and
generated SOPs, and F4 from Chromium and WeasyPrint over a few of them. (Chromium on A4 is
tests/test_print_layout.py.) The steps per sheet are printed: ``pytest -s``.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from .printcheck import Printed, all_problems, print_sop, steps_per_sheet
from .render_helpers import (
    CHROMIUM,
    ROOT,
    SEEDS,
    load_sop,
    long_sop,
    random_sop,
)

pytest.importorskip("pdfplumber")


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def _generated(actors: int, steps: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.sop_text(random.Random(actors * 100 + steps), actors, steps, actors))


VALID = sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml"))
DOCUMENTS: dict[str, str] = {
    **{p.stem: p.read_text(encoding="utf-8") for p in [*SEEDS, *VALID]},
    "panjang-30": long_sop(30),
    "acak-1-langkah": random_sop(1, steps=1, actors=2),
    "acak-2-aktor": _generated(2, 12),
    "acak-15-aktor": _generated(15, 30),
    "acak-80-langkah": _generated(9, 80),
}
# the WeasyPrint PDF on A4: every document; F4 from both printers: a few of them
F4 = [p.stem for p in SEEDS] + ["acak-15-aktor", "acak-80-langkah"]
CASES = ([(name, "A4", "weasyprint") for name in DOCUMENTS]
         + [(name, "F4", printer) for name in F4 for printer in ("chromium", "weasyprint")])


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cache: dict[tuple[str, str, str], Printed] = {}

    def get(name: str, paper: str, printer: str) -> Printed:
        if printer == "chromium" and not CHROMIUM.exists():
            pytest.skip("headless Chromium not installed")
        if printer == "weasyprint" and not _weasyprint_usable():
            pytest.skip("WeasyPrint cannot be used here")
        key = (name, paper, printer)
        if key not in cache:
            tmp = tmp_path_factory.mktemp(f"{name}-{paper}-{printer}")
            path = tmp / f"{name}.yaml"
            path.write_text(DOCUMENTS[name], encoding="utf-8")
            cache[key] = print_sop(load_sop(path), tmp, name, paper, printer)
        return cache[key]

    return get


@pytest.mark.parametrize(("name", "paper", "printer"), CASES,
                         ids=[f"{n}-{p}-{r}" for n, p, r in CASES])
def test_print_checks(printed, name: str, paper: str, printer: str) -> None:  # type: ignore[no-untyped-def]
    doc = printed(name, paper, printer)
    print(f"\n{name} ({printer}, {paper}): {len(doc.sop.langkah)} langkah, "
          f"{len(doc.sop.pelaksana)} pelaksana, langkah per lembar {steps_per_sheet(doc)}")
    assert all_problems(doc) == {}


def test_f4_holds_at_least_as_many_steps_as_a4(printed) -> None:  # type: ignore[no-untyped-def]
    """F4 is A4 and 25 mm more of height: a long SOP takes no more sheets on it."""
    a4 = printed("acak-80-langkah", "A4", "weasyprint")
    f4 = printed("acak-80-langkah", "F4", "weasyprint")
    assert len(f4.pages) <= len(a4.pages)
    assert max(steps_per_sheet(f4)) >= max(steps_per_sheet(a4))


def test_the_checks_see_a_word_split_without_hyphen(tmp_path: Path) -> None:
    """The word check fails on a word that the document does not hold."""
    if not _weasyprint_usable():
        pytest.skip("WeasyPrint cannot be used here")
    from .printcheck import split_words

    path = tmp_path / "a.yaml"
    path.write_text(long_sop(3), encoding="utf-8")
    doc = print_sop(load_sop(path), tmp_path, "a", "A4", "weasyprint")
    assert split_words(doc) == []
    doc.source = doc.source.replace("memeriksa", "")  # as if "memeriksa" were two pieces
    assert any(text == "memeriksa" for _, _, text in split_words(doc))


def _flow_verticals(doc: Printed, pdf: Path) -> dict[tuple[int, int], list[tuple[float, float]]]:
    """The vertical lines of the flowchart (not the actor columns' borders) on each procedure
    sheet: by sheet and x (pt), the y ranges (pt) they cover, joined where they touch."""
    import pdfplumber

    from .printcheck import columns

    actors = [c for c in columns(doc, actors=True) if c[0].startswith("pelaksana")]
    bounds = [c[1] for c in actors] + [actors[-1][2]]
    found: dict[tuple[int, int], list[tuple[float, float]]] = {}
    with pdfplumber.open(pdf) as printed_pdf:
        for n, page in enumerate(printed_pdf.pages[1:], start=1):
            for line in page.lines:
                x = (line["x0"] + line["x1"]) / 2
                if (abs(line["x0"] - line["x1"]) < 0.5 and bounds[0] < x < bounds[-1]
                        and all(abs(x - b) > 2 for b in bounds)):
                    found.setdefault((n, round(x)), []).append((line["top"], line["bottom"]))
    joined = {}
    for key, spans in found.items():
        merged: list[list[float]] = []
        for top, bottom in sorted(spans):
            if merged and top <= merged[-1][1] + 2:
                merged[-1][1] = max(merged[-1][1], bottom)
            else:
                merged.append([top, bottom])
        joined[key] = [(a, b) for a, b in merged]
    return joined


@pytest.mark.parametrize("name", [p.stem for p in SEEDS] + [
    "panjang-30", "acak-15-aktor"])
def test_weasyprint_draws_the_lines_chromium_draws(printed, name: str) -> None:  # type: ignore[no-untyped-def]
    """Each vertical flow line of the PDF output starts and ends where Chromium's does: a
    nested span's end is the row's, not past it or short of it (WeasyPrint resolves
    percentages in a nested <svg> against another one: render/pdf.py paged_html). To 2 pt
    and 1.5 % of the way down the page: WeasyPrint's rows come out a few tenths of a point
    taller than Chromium's, and that adds up down the sheet."""
    chromium = printed(name, "A4", "chromium")
    weasy = printed(name, "A4", "weasyprint")
    a = _flow_verticals(chromium, chromium.path)
    b = _flow_verticals(weasy, weasy.path)
    assert a, "no flow lines found"

    def near(x: dict, y: dict) -> list:
        missing = []
        for (n, xpos), spans in x.items():
            other = [s for k in ((n, xpos - 1), (n, xpos), (n, xpos + 1)) for s in y.get(k, [])]
            for top, bottom in spans:
                if not any(abs(top - t) <= 2 + top * 0.015
                           and abs(bottom - u) <= 2 + bottom * 0.015 for t, u in other):
                    missing.append((n, xpos, round(top), round(bottom)))
        return missing

    assert near(a, b) == [] and near(b, a) == []
