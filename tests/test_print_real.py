"""The print checks (tests/printcheck.py) on the real signed SOPs beside the project: each PDF
of ../shared/real-pdf imported with ``soptool import``, its YAML printed on A4 by Chromium
and by WeasyPrint. Skipped where the folder is absent. The steps per sheet, ours against the
original's, are printed: ``pytest -s``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .printcheck import Printed, all_problems, print_sop, steps_per_sheet
from .render_helpers import CHROMIUM, REAL_PDF, load_sop, needs_real_pdf

pdfplumber = pytest.importorskip("pdfplumber")

PDFS = sorted(REAL_PDF.glob("*.pdf")) if REAL_PDF.is_dir() else []
pytestmark = needs_real_pdf


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """soptool import over the folder: each PDF's entry of the JSON report, by stem."""
    out = tmp_path_factory.mktemp("impor")
    done = subprocess.run([sys.executable, "-m", "soptool", "import", str(REAL_PDF), "-o",
                           str(out), "-f", "json"], capture_output=True, text=True,
                          check=False, timeout=600)
    # 1: some PDF was read only in part (a pasted picture of the table)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return {Path(entry["pdf"]).stem: entry for entry in report["files"]}


def _original_steps_per_page(pdf: Path, steps: int) -> list[int]:
    """The step numbers printed in the original's No column (the leftmost numbers 1..steps
    of a page, once each): how many steps each page of the original holds."""
    counts = []
    with pdfplumber.open(pdf) as doc:
        seen: set[int] = set()
        for page in doc.pages:
            found = set()
            words = page.extract_words()
            if not words:
                counts.append(0)
                continue
            # the table's rows: below its header ("Mutu Baku"; the identity's numbered lists
            # are above it), or all of a page after the table began
            head = [w["top"] for w in words if w["text"].lower() in ("mutu", "baku")]
            if not head and not seen:
                counts.append(0)
                continue
            top = min(head) if head else 0
            left = min(w["x0"] for w in words)
            for w in words:
                if (re.fullmatch(r"\d{1,2}\.?", w["text"]) and w["x0"] < left + 40
                        and w["top"] > top):
                    n = int(w["text"].rstrip("."))
                    if 1 <= n <= steps and n not in seen:
                        found.add(n)
            seen |= found
            counts.append(len(found))
    return counts


@pytest.fixture(scope="module")
def printed(imported: dict[str, dict], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cache: dict[tuple[str, str], Printed] = {}

    def get(stem: str, printer: str) -> Printed:
        if printer == "chromium" and not CHROMIUM.exists():
            pytest.skip("headless Chromium not installed")
        if printer == "weasyprint" and not _weasyprint_usable():
            pytest.skip("WeasyPrint cannot be used here")
        entry = imported[stem]
        assert entry["status"] in ("diimpor", "sebagian"), entry
        if entry["status"] != "diimpor" or not entry["langkah"]:
            pytest.skip(f"{stem}: only the identity was read ({entry['status']})")
        if (stem, printer) not in cache:
            tmp = tmp_path_factory.mktemp(f"{stem[:3]}-{printer}")
            cache[(stem, printer)] = print_sop(load_sop(Path(entry["berkas"])), tmp, stem[:3],
                                               "A4", printer)
        return cache[(stem, printer)]

    return get


# Found by these checks and left to the template's owner (strict: the mark must go when fixed)
KNOWN: dict[tuple[str, str], str] = {}
CASES = [pytest.param(pdf, printer, id=f"{pdf.stem[:3]}-{printer}",
                      marks=[pytest.mark.xfail(reason=KNOWN[(pdf.stem[:3], printer)],
                                               strict=True)]
                      if (pdf.stem[:3], printer) in KNOWN else [])
         for pdf in PDFS for printer in ("chromium", "weasyprint")]


@pytest.mark.parametrize(("pdf", "printer"), CASES)
def test_print_checks_on_imported(printed, pdf: Path, printer: str) -> None:  # type: ignore[no-untyped-def]
    doc = printed(pdf.stem, printer)
    steps = len(doc.sop.langkah)
    print(f"\n{pdf.stem[:3]} ({printer}, A4): {steps} langkah, {len(doc.sop.pelaksana)} "
          f"pelaksana, langkah per lembar {steps_per_sheet(doc)}; asli per halaman "
          f"{_original_steps_per_page(pdf, steps)}")
    assert len(doc.chart.sheets) >= 1
    assert sum(steps_per_sheet(doc)) == steps
    assert all_problems(doc) == {}
