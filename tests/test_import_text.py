"""The importer's text readers: the identity sheet and the procedure table."""

from __future__ import annotations

from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

from soptool.importer.table import read_table  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _real_dir() -> Path | None:
    for d in (Path("/work/shared/real-pdf"), ROOT.parent / "shared" / "real-pdf"):
        if d.is_dir() and any(d.glob("*.pdf")):
            return d
    return None


REAL = _real_dir()
needs_real = pytest.mark.skipif(REAL is None, reason="the real SOP PDFs (shared/) are absent")


def _real(prefix: str) -> Path:
    assert REAL is not None
    return next(REAL.glob(prefix + "-*.pdf"))


@needs_real
def test_real_table_grid_across_pages() -> None:
    with pdfplumber.open(_real("259")) as pdf:
        table, pictures = read_table(pdf)
    assert pictures == []
    assert table is not None
    assert [r.number for r in table.rows] == [str(n) for n in range(1, 9)]
    assert table.pages == [0, 1]
    assert sorted(table.columns) == [0, 1]
    assert all(len(cols) == len(table.actors) for cols in table.columns.values())
    for row in table.rows:
        for span in row.spans:
            assert span.top < span.bottom
    assert {s.page for r in table.rows for s in r.spans} == {0, 1}


@needs_real
def test_real_picture_table() -> None:
    with pdfplumber.open(_real("221")) as pdf:
        table, pictures = read_table(pdf)
    assert table is None
    assert [(p.page, p.what) for p in pictures] == [(1, "tabel")]
