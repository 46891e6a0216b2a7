"""The importer on real signed SOPs (../shared/real-pdf, when present): the issue's targets.

The PDFs and their hand-read truth files are not part of the project; this test runs only
where they are, through bench/import_accuracy.py, which prints every mismatch.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest

from .render_helpers import REAL_PDF as REAL
from .render_helpers import ROOT, needs_real_pdf

pytestmark = needs_real_pdf


@pytest.fixture(scope="module")
def report() -> Any:
    spec = importlib.util.spec_from_file_location("import_accuracy",
                                                  ROOT / "bench" / "import_accuracy.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    result = bench.Report()
    for pdf in sorted(REAL.glob("*.pdf")):
        bench.compare(pdf, pdf.with_name(pdf.stem + ".truth.yaml"), result)
    return result


def rate(report: Any, what: str) -> float:
    tally = report.tallies[what]
    assert tally.total > 0, what
    return float(tally.right / tally.total)


def test_every_drawn_file_is_read_whole_and_validates(report: Any) -> None:
    assert rate(report, "berkas terbaca") == 1.0, report.mismatches
    assert rate(report, "jumlah langkah") == 1.0, report.mismatches
    assert rate(report, "valid (tanpa galat)") == 1.0, report.mismatches
    # 215 and 221 hold their procedure table as a picture
    assert report.tallies["halaman gambar dikenali"].right == 2


@pytest.mark.parametrize("what", ["kegiatan", "pelaksana", "waktu", "output"])
def test_step_cells_are_read(report: Any, what: str) -> None:
    assert rate(report, what) >= 0.97, [m for m in report.mismatches if f": {what}:" in m]


def test_decisions_and_identity_are_read(report: Any) -> None:
    assert rate(report, "keputusan (kedua tujuan)") >= 0.95, report.mismatches
    assert rate(report, "identitas") >= 0.95, [m for m in report.mismatches
                                                if ": identitas:" in m]
