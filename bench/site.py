"""`soptool site`: a full build and a one-change rebuild over a generated catalogue.

    python bench/site.py [--n 2000] [--runs 3] [--pdf]

Generates ``n`` SOPs (bench/generate.py), then times, as a user runs them (the installed
``soptool`` command, wall clock):

- ``soptool render`` of one SOP (best of ``runs``): the unit the rebuild is compared with;
- ``soptool render`` of the whole catalogue into a folder;
- ``soptool site`` of the whole catalogue into a new folder (the full build);
- the same again with nothing changed;
- the same after editing one SOP (one step's text): that SOP's two files and the lists.

Without ``--pdf`` the site is built with ``--tanpa-pdf`` (WeasyPrint prints about one PDF
a second: the PDFs of a full build are a one-time cost that the incremental rebuild does
not pay again). ``--tanpa-riwayat`` always: the corpus is not in a repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generate(folder: Path, n: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files: list[Path] = module.generate_corpus(folder, n)
    return files


def _soptool() -> str:
    here = Path(sys.executable).parent / "soptool"
    return str(here) if here.exists() else (shutil.which("soptool") or "soptool")


def _time(cmd: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr}")
    return elapsed, proc.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="generated SOPs")
    parser.add_argument("--runs", type=int, default=3, help="runs of the one-SOP render")
    parser.add_argument("--pdf", action="store_true", help="build the PDFs too")
    args = parser.parse_args()
    soptool = _soptool()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        files = _generate(corpus, args.n)
        one = files[len(files) // 2]
        render_one = min(_time([soptool, "render", str(one), "-o", f"{base / 'r1'}/",
                                "--timpa"])[0] for _ in range(args.runs))
        render_all, _ = _time([soptool, "render", str(corpus), "-o", f"{base / 'rall'}/"])
        site = [soptool, "site", str(corpus), "-o", str(base / "_site"), "--tanpa-riwayat"]
        if not args.pdf:
            site.append("--tanpa-pdf")
        full, full_out = _time(site)
        again, again_out = _time(site)
        text = one.read_text(encoding="utf-8")
        marker = "kegiatan: "
        at = text.index(marker) + len(marker)
        one.write_text(text[:at] + "Memeriksa ulang dan " + text[at:], encoding="utf-8")
        edit, edit_out = _time(site)
    print(f"corpus: {args.n} SOPs (bench/generate.py){'' if args.pdf else ', --tanpa-pdf'}")
    print(f"soptool render, one SOP:            {render_one * 1000:8.0f} ms")
    print(f"soptool render, all {args.n} SOPs:     {render_all:8.2f} s")
    print(f"soptool site, full build:           {full:8.2f} s  "
          f"({full / render_all:.2f} x render of all)  {full_out}")
    print(f"soptool site, nothing changed:      {again:8.2f} s  "
          f"({again / render_one:.1f} x render of one)  {again_out}")
    print(f"soptool site, one SOP edited:       {edit:8.2f} s  "
          f"({edit / render_one:.1f} x render of one)  {edit_out}")


if __name__ == "__main__":
    main()
