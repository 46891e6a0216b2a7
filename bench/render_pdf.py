"""`soptool render --format pdf`: milliseconds per page, over sops/ and generated SOPs.

    python bench/render_pdf.py [--n 6] [--runs 3] [--kertas A4|F4]

For each SOP: the HTML document (``render.document.render``) and its PDF (``render.pdf``),
timed apart, best of N runs, in this process (WeasyPrint imported once beforehand, as a
long ``render`` run imports it once). Prints one line per SOP (steps, pages, bytes, ms for
the HTML, ms for the PDF, ms per page) and the totals.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _generate(folder: Path, n: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files: list[Path] = module.generate_corpus(folder, n)
    return files


def _best(runs: int, fn):  # type: ignore[no-untyped-def]
    best, value = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - started)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=6, help="generated SOPs (bench/generate.py)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kertas", default="A4", choices=["A4", "F4"])
    args = parser.parse_args()

    from soptool.loading import load_file
    from soptool.render.document import render
    from soptool.render.pdf import check, to_pdf

    check()
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted((ROOT / "sops").glob("*.yaml")) + _generate(Path(tmp), args.n)
        # warm up: WeasyPrint's first document loads fonts and its stylesheets
        first = load_file(files[0]).sop
        assert first is not None
        to_pdf(render(first, "html", args.kertas), first)
        total_pages = 0
        total_pdf = 0.0
        print(f"{'SOP':<34} {'steps':>5} {'pages':>5} {'bytes':>8} {'html ms':>8} "
              f"{'pdf ms':>8} {'ms/page':>8}")
        for path in files:
            sop = load_file(path).sop
            assert sop is not None, path
            t_html, html = _best(args.runs, lambda s=sop: render(s, "html", args.kertas))
            t_pdf, data = _best(args.runs, lambda s=sop, h=html: to_pdf(h, s))
            pages = _pages(data)
            total_pages += pages
            total_pdf += t_pdf
            print(f"{path.name[:34]:<34} {len(sop.langkah):>5} {pages:>5} {len(data):>8} "
                  f"{t_html * 1000:>8.1f} {t_pdf * 1000:>8.1f} {t_pdf * 1000 / pages:>8.1f}")
        print(f"total: {len(files)} SOPs, {total_pages} pages, PDF {total_pdf:.2f} s, "
              f"{total_pdf * 1000 / total_pages:.1f} ms per page ({args.kertas})")


def _pages(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


if __name__ == "__main__":
    main()
