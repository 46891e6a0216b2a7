"""Pagination density: steps per procedure sheet and the empty millimetres at the bottom of
each sheet, as planned by the layout and as printed (headless Chromium and WeasyPrint).

    python bench/density.py [FILE_OR_FOLDER ...] [--actors 2 6 10 14] [--no-weasy]
                            [--png DIR]

Without files: sops/*.yaml, tests/data/valid/*.yaml and generated SOPs (bench/generate.py)
with the actors given. Prints one line per document: steps, actors, steps per sheet, and for
each sheet the planned empty mm / Chromium's / WeasyPrint's (the space under the table down
to the bottom margin), and whether the next sheet's first row would have fit in what is
left. ``--png DIR`` also writes each Chromium-printed procedure page as a PNG (pdftoppm).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from soptool.commands.validate import validate_file  # noqa: E402
from soptool.layout import PAPERS, layout  # noqa: E402
from soptool.layout.sheets import capacity, used  # noqa: E402
from soptool.render.document import render  # noqa: E402

PT_MM = 25.4 / 72
CHROMIUM = Path("/usr/bin/chromium")


def generated(actors: int, steps: int = 14) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.sop_text(random.Random(actors), actors, steps, actors))


def chromium_pdf(html: str, tmp: Path, name: str) -> Path:
    page = tmp / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp / f"{name}.chromium.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp / 'profil'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120)
    return pdf


def table_bottoms(pdf: Path) -> list[float]:
    """Per procedure page (the first page is the identity sheet): the table's lowest
    border, in mm from the top of the page."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages[1:]:
            # the horizontal borders of the table's first column (the flowchart's lines
            # may run on past a row, clipped: they are no border)
            left = 10 / PT_MM + 3
            edges = [o["bottom"] for o in (*page.rects, *page.lines)
                     if not _white(o) and o["bottom"] - o["top"] < 3
                     and o["x0"] < left and o["x1"] - o["x0"] > 10]
            out.append(max(edges or [0.0]) * PT_MM)
    return out


def _white(o: dict) -> bool:
    """A white fill (the page's background, a symbol's inside) is no border."""
    fill = o.get("non_stroking_color")
    return o.get("fill") and not o.get("stroke") and fill is not None and all(
        c > 0.9 for c in (fill if isinstance(fill, (tuple, list)) else (fill,)))


def measure(name: str, text: str, tmp: Path, weasy: bool, png: Path | None) -> dict:
    path = tmp / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path, keep=True)
    if result.errors or result.loaded is None or result.loaded.sop is None:
        return {}  # not a valid SOP (an import left partial): nothing to print
    sop = result.loaded.sop
    paper = PAPERS["A4"]
    chart = layout(sop, paper)
    html = render(sop, "html")
    bottom = paper.height - paper.margin
    # planned: the sheet's head and its rows' heights (the last sheet: its total row)
    planned = []
    from soptool.layout.flowchart import build_state

    state = build_state(sop, paper)
    room = capacity(state)
    state.sheets = chart.sheets
    state.rows = chart.rows
    for s in range(len(chart.sheets)):
        planned.append(room - used(state, s))
    cpdf = chromium_pdf(html, tmp, name)
    chromium = [bottom - b for b in table_bottoms(cpdf)]
    weasyprint: list[float] = []
    if weasy:
        from soptool.render.pdf import to_pdf

        wpdf = tmp / f"{name}.weasy.pdf"
        wpdf.write_bytes(to_pdf(html, sop))
        weasyprint = [bottom - b for b in table_bottoms(wpdf)]
    if png is not None:
        png.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "2", str(cpdf),
                        str(png / name)], check=True)
    # the next sheet's first row would have fit where the sheet ends (its planned height)
    early = []
    for s in range(len(chart.sheets) - 1):
        nxt = chart.rows[chart.sheets[s + 1][0]].height
        if s < len(chromium) and chromium[s] > nxt:
            early.append(s + 1)
    return {"name": name, "steps": len(sop.langkah), "actors": len(sop.pelaksana),
            "sheets": [len(s) for s in chart.sheets], "planned": planned,
            "chromium": chromium, "weasyprint": weasyprint,
            "pages_ok": len(chromium) == len(chart.sheets), "early": early,
            "connectors": len(chart.connectors)}


def fmt(values: list[float]) -> str:
    return "[" + " ".join(f"{v:.0f}" for v in values) + "]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--actors", type=int, nargs="*", default=[2, 6, 10, 14])
    parser.add_argument("--steps", type=int, default=24)
    parser.add_argument("--no-weasy", action="store_true")
    parser.add_argument("--png", type=Path)
    args = parser.parse_args()
    docs: dict[str, str] = {}
    files = args.files or [*sorted((ROOT / "sops").glob("*.yaml")),
                           *sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml"))]
    for f in files:
        for p in sorted(f.glob("*.yaml")) if f.is_dir() else [f]:
            docs[p.stem] = p.read_text(encoding="utf-8")
    if not args.files:
        for n in args.actors:
            docs[f"aktor-{n}"] = generated(n, args.steps)
    print(f"{'document':28} steps act  per sheet      empty mm: planned / chromium / weasy"
          "   early")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in docs.items():
            m = measure(name, text, Path(tmp), not args.no_weasy, args.png)
            if not m:
                print(f"{name[:28]:28} not valid, skipped")
                continue
            flag = "" if m["pages_ok"] else "  PAGES!"
            print(f"{name[:28]:28} {m['steps']:5} {m['actors']:3}  {str(m['sheets']):14} "
                  f"{fmt(m['planned'])} / {fmt(m['chromium'])} / {fmt(m['weasyprint'])}"
                  f"   {m['early'] or ''}{flag}", flush=True)


if __name__ == "__main__":
    main()
