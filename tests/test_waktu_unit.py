"""A Waktu cell always shows its unit: a bare number takes the SOP's satuan_waktu."""

from __future__ import annotations

from pathlib import Path

import pytest

from soptool.loading import load_file
from soptool.render.document import context
from soptool.timing.durations import with_unit


@pytest.mark.parametrize(("text", "unit", "printed"), [
    ("10", "menit", "10 menit"),
    ("10", "Jam", "10 jam"),
    ("10", "mnt", "10 menit"),
    ("2,5", "hari", "2,5 hari"),
    ("15-30", "menit", "15-30 menit"),
    ("15 s.d. 30", "menit", "15 s.d. 30 menit"),
    ("1 jam 30", "menit", "1 jam 30"),  # not a duration: as written
    ("1-2 hari", "menit", "1-2 hari"),
    ("10 menit", "jam", "10 menit"),
    ("10", None, "10"),
    ("Sesuai kebutuhan", "menit", "Sesuai kebutuhan"),
    ("", "menit", ""),
])
def test_with_unit(text: str, unit: str | None, printed: str) -> None:
    assert with_unit(text, unit) == printed


def test_rendered_cells_have_units() -> None:
    sop = load_file(Path("tests/data/valid/scalars-as-text.yaml")).sop
    assert sop is not None
    steps = context(sop)["steps"]
    assert [s["waktu"] for s in steps] == ["10 menit", "15-30 menit", "1 jam 30 menit"]
