"""Regenerate the README's pictures: the first procedure sheet of each seed SOP, as PNG.

Run from the repository root: ``python docs/screenshots.py`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from soptool.commands.validate import validate_file
from soptool.render.document import render

ROOT = Path(__file__).resolve().parent.parent
# Show only the first procedure sheet, flush with the window.
ONLY_SHEET = """<style>
body { padding: 0 !important; background: #fff !important; }
.identity-sheet, .procedure ~ .procedure { display: none !important; }
.sheet { margin: 0 !important; box-shadow: none !important; }
</style></head>"""


def main() -> int:
    """Write docs/<stem>.png for every valid SOP in sops/."""
    for path in sorted((ROOT / "sops").glob("*.yaml")):
        result = validate_file(path, keep=True)
        if result.loaded is None or result.loaded.sop is None or result.errors:
            print(f"{path}: not valid, skipped", file=sys.stderr)
            continue
        html = render(result.loaded.sop, "html").replace("</head>", ONLY_SHEET, 1)
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "sheet.html"
            page.write_text(html, encoding="utf-8")
            png = ROOT / "docs" / f"{path.stem}.png"
            subprocess.run(
                ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={tmp}/profile",
                 "--hide-scrollbars", "--force-device-scale-factor=1.5",
                 "--window-size=1123,794", f"--screenshot={png}", page.as_uri()],
                check=True, capture_output=True, timeout=120)
            print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
