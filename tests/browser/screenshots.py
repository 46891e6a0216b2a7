"""The README's pictures of the site: docs/site-index.png and docs/site-sop.png.

Builds the site of the project's own SOPs (sops/) with `soptool site` into a temporary
folder, opens it in Debian's chromium (playwright, as tests/test_site_browser.py does) at
1280 pixels wide, and saves the catalogue and one SOP page as palette PNGs (Pillow, from
the pdf extra). Run from the repository root after changing the site's look:

    .venv/bin/python tests/browser/screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 800


def optimise(path: Path) -> None:
    """The screenshot as a 128-colour palette PNG: a fraction of the size, same look."""
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(128, method=Image.Quantize.MEDIANCUT, dither=0)
    small.save(path, optimize=True)


def main() -> None:
    """Build, open, shoot, shrink."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        subprocess.run([sys.executable, "-m", "soptool", "site", str(ROOT / "sops"), "-o",
                        str(out)], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto((out / "index.html").as_uri())
            shots = {"site-index.png": page.url}
            first = page.locator("#daftar-sop tr.sop a").first.get_attribute("href")
            shots["site-sop.png"] = page.url.rsplit("/", 1)[0] + "/" + str(first)
            for name, url in shots.items():
                page.goto(url)
                page.wait_for_load_state("load")
                if name == "site-sop.png":
                    # The SOP page at its document: the frame (loaded lazily, so scrolled
                    # to first) shown at its procedure sheet, the swimlane flowchart.
                    page.evaluate("document.querySelector('.dokumen')"
                                  ".scrollIntoView({block: 'start'})")
                    frame = page.frame_locator(".dokumen iframe")
                    frame.locator(".sheet.procedure").first.wait_for()
                    frame.locator("body").evaluate(  # the frame's own scroll only
                        "b => { const w = b.ownerDocument.defaultView; w.scrollTo(0, "
                        "b.ownerDocument.querySelector('.sheet.procedure')"
                        ".getBoundingClientRect().top + w.scrollY - 12); }")
                target = ROOT / "docs" / name
                page.screenshot(path=str(target))
                optimise(target)
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
            browser.close()


if __name__ == "__main__":
    main()
