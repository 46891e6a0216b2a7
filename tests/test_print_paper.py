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
