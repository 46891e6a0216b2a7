"""soptool's own documents, printed by Chromium and imported back, give the same SOP.

Every file in sops/ and tests/data/valid/ is rendered (HTML), printed to PDF by headless
Chromium as an office would print it, and imported with ``soptool import``: the steps'
kegiatan, their pelaksana (by column title) and the flow (each decision's two targets, where
every other step goes next) must be those of the source. Needs Debian's chromium; .ci/run
installs it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from soptool.model import Sop

from .render_helpers import OWN, load_sop, needs_chromium, print_pdf, write_long

pytestmark = needs_chromium


def _number(target: Any, sop: Sop) -> str:
    if isinstance(target, int) and not isinstance(target, bool):
        return str(target)
    if str(target) == "selesai" or str(target).isdigit():
        return str(target)
    ids = [step.id for step in sop.langkah]
    return str(ids.index(str(target)) + 1)


def _shape(sop: Sop) -> list[dict[str, Any]]:
    """Per step what the document shows: kegiatan, pelaksana titles, where the flow goes."""
    out = []
    last = len(sop.langkah)
    for k, step in enumerate(sop.langkah, start=1):
        keys = step.pelaksana if isinstance(step.pelaksana, list) else [step.pelaksana]
        shape: dict[str, Any] = {
            "kegiatan": " ".join(str(step.kegiatan).split()),
            "pelaksana": sorted(" ".join(sop.pelaksana[key].split()) for key in keys),
        }
        if step.keputusan is not None:
            shape["tanya"] = " ".join(str(step.keputusan.tanya or "").split())
            shape["ya"] = _number(step.keputusan.ya, sop)
            shape["tidak"] = _number(step.keputusan.tidak, sop)
        else:
            shape["next"] = (_number(step.lanjut, sop) if step.lanjut is not None
                             else "selesai" if k == last else str(k + 1))
        out.append(shape)
    return out


def _import(pdf: Path, tmp_path: Path) -> tuple[Sop, str]:
    out = tmp_path / "yaml"
    imported = subprocess.run([sys.executable, "-m", "soptool", "import", str(pdf), "-o",
                               str(out)], capture_output=True, text=True, check=False)
    assert imported.returncode == 0, imported.stderr
    (made,) = out.glob("*.yaml")
    return load_sop(made), imported.stderr


@pytest.mark.parametrize("source", OWN, ids=lambda p: p.stem)
def test_a_printed_document_imports_back_to_the_same_sop(
        source: Path, tmp_path: Path, printed_own: Callable[[Path], Path]) -> None:
    before = load_sop(source)
    after, report = _import(printed_own(source), tmp_path)
    assert _shape(after) == _shape(before), report
    assert list(after.pelaksana.values()) == list(before.pelaksana.values())
    # the document prints the nama in capitals, as the form does
    assert str(after.nama).casefold() == str(before.nama).casefold()
    assert after.nomor == before.nomor


def test_a_long_procedure_over_several_sheets_imports_back(tmp_path: Path) -> None:
    # Off-page connectors carry the flow from sheet to sheet; rendered by the command line.
    # On F4: on A4 the six actor columns are so narrow that Chromium breaks "Kepegawaian"
    # inside the word, with no hyphen, which no reader can tell from two words (the layout
    # is issue 13's).
    source = write_long(tmp_path, 30)
    docs = tmp_path / "html"
    render = subprocess.run([sys.executable, "-m", "soptool", "render", str(source), "-o",
                             f"{docs}/", "--kertas", "F4"], capture_output=True, text=True,
                            check=False)
    assert render.returncode == 0, render.stderr
    (html,) = docs.glob("*.html")
    pdf = print_pdf(html.read_text(encoding="utf-8"), tmp_path, "panjang")
    after, report = _import(pdf, tmp_path)
    assert _shape(after) == _shape(load_sop(source)), report
