"""`soptool import` against pdfplumber alone reading the same PDFs (target: within 1.5x).

    python bench/import_speed.py [FOLDER] [--runs N]   (default: ../shared/real-pdf, 3 runs)

The floor: pdfplumber opens each PDF and, on every page, extracts its words and its drawing
objects (lines, rectangles, curves, images): what any reader of these documents must do.
The import: the whole of ``soptool import`` but the writing (read, compose, fmt, validate).
Both in this process, alternated, best of N runs each; prints the figures and the ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TARGET = 1.5


def floor(pdfs: list[Path]) -> float:
    import pdfplumber

    started = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                _ = page.lines, page.rects, page.curves, page.images
    return time.perf_counter() - started


def soptool_import(pdfs: list[Path]) -> float:
    from soptool.importer.document import import_pdf

    started = time.perf_counter()
    for path in pdfs:
        import_pdf(path)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "real-pdf")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    pdfs = sorted(args.folder.glob("*.pdf"))
    if not pdfs:
        print(f"tidak ada PDF di {args.folder}", file=sys.stderr)
        return 2
    soptool_import(pdfs[:1])  # imports and caches warmed, for both sides
    floor(pdfs[:1])
    floors, imports = [], []
    for _ in range(args.runs):
        floors.append(floor(pdfs))
        imports.append(soptool_import(pdfs))
    best_floor, best_import = min(floors), min(imports)
    ratio = best_import / best_floor
    print(f"{len(pdfs)} PDF, terbaik dari {args.runs} putaran")
    print(f"  pdfplumber saja (kata + objek gambar): {best_floor * 1000:8.0f} ms")
    print(f"  soptool import (tanpa menulis):        {best_import * 1000:8.0f} ms")
    print(f"  rasio: {ratio:.2f}x (target <= {TARGET}x): "
          f"{'tercapai' if ratio <= TARGET else 'TIDAK tercapai'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
