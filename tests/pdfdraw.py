"""A tiny PDF writer for tests: pages of Helvetica text and m/l/c/re/h paths painted with
S (stroke), f (fill) or B (both). Coordinates are pdfplumber's: points, ``top`` down from the
top of the page."""

from __future__ import annotations

import zlib
from pathlib import Path

Point = tuple[float, float]

# a quarter circle as a cubic Bezier: the control points' distance, per unit of radius
KAPPA = 0.5523


class Page:
    def __init__(self, width: float = 842.0, height: float = 595.0) -> None:
        self.width, self.height = width, height
        self.ops: list[str] = []
        self.dy = 0.0  # added to every ``top`` drawn (to draw a part lower on the page)

    def _y(self, top: float) -> float:
        return self.height - top - self.dy

    def _pt(self, p: Point) -> str:
        return f"{p[0]:.3f} {self._y(p[1]):.3f}"

    def text(self, x: float, top: float, s: str, size: float = 8.0) -> None:
        """Text whose top is at ``top`` (the baseline is about 0.8 of the size below)."""
        esc = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        base = self._y(top + size * 0.8)
        self.ops.append(f"BT /F1 {size:g} Tf {x:.3f} {base:.3f} Td ({esc}) Tj ET")

    def style(self, width: float = 0.75, gray: float = 0.0, fill_gray: float = 0.0) -> None:
        self.ops.append(f"{width:g} w {gray:g} G {fill_gray:g} g")

    def rect(self, x0: float, top: float, x1: float, bottom: float, op: str = "S") -> None:
        self.ops.append(f"{x0:.3f} {self._y(bottom):.3f} {x1 - x0:.3f} {bottom - top:.3f} re {op}")

    def path(self, pts: list[Point], close: bool = True, op: str = "S") -> None:
        self.ops.append(self.subpath(pts, close) + f" {op}")

    def subpath(self, pts: list[Point], close: bool = True) -> str:
        out = [f"{self._pt(pts[0])} m"] + [f"{self._pt(p)} l" for p in pts[1:]]
        if close:
            out.append("h")
        return " ".join(out)

    def paint(self, subpaths: list[str], op: str) -> None:
        """Several subpaths painted as one path (a ring: ``f*`` fills between them)."""
        self.ops.append(" ".join(subpaths) + f" {op}")

    def capsule_path(self, x0: float, top: float, x1: float, bottom: float) -> str:
        """A rectangle with round ends (radius half the height), clockwise."""
        r = (bottom - top) / 2
        k = r * KAPPA
        cy = (top + bottom) / 2
        a, b = x0 + r, x1 - r
        parts = [f"{self._pt((a, top))} m", f"{self._pt((b, top))} l",
                 f"{self._pt((b + k, top))} {self._pt((x1, cy - k))} {self._pt((x1, cy))} c",
                 f"{self._pt((x1, cy + k))} {self._pt((b + k, bottom))} "
                 f"{self._pt((b, bottom))} c",
                 f"{self._pt((a, bottom))} l",
                 f"{self._pt((a - k, bottom))} {self._pt((x0, cy + k))} {self._pt((x0, cy))} c",
                 f"{self._pt((x0, cy - k))} {self._pt((a - k, top))} {self._pt((a, top))} c",
                 "h"]
        return " ".join(parts)

    def document(self, x0: float, top: float, x1: float, bottom: float, op: str = "S") -> None:
        """The document shape: a box whose bottom edge is one wave (two Bezier arcs)."""
        w, a = x1 - x0, (bottom - top) * 0.15
        mid = bottom - a
        parts = [f"{self._pt((x0, top))} m", f"{self._pt((x1, top))} l",
                 f"{self._pt((x1, mid))} l",
                 f"{self._pt((x1 - w / 6, mid - 2 * a))} {self._pt((x1 - w / 3, mid - 2 * a))} "
                 f"{self._pt((x0 + w / 2, mid))} c",
                 f"{self._pt((x0 + w / 3, mid + 2 * a))} {self._pt((x0 + w / 6, mid + 2 * a))} "
                 f"{self._pt((x0, mid))} c", "h"]
        self.ops.append(" ".join(parts) + f" {op}")

    def capsule(self, x0: float, top: float, x1: float, bottom: float, op: str = "S") -> None:
        self.ops.append(self.capsule_path(x0, top, x1, bottom) + f" {op}")

    def head(self, tip: Point, direction: str, size: float = 5.0, notch: bool = False) -> None:
        """A filled triangle pointing ``direction`` (down, up, left, right) with its tip at
        ``tip``; ``notch``: its back cut in (four points)."""
        x, y = tip
        h = size / 2
        back = {"down": [(x - h, y - size), (x + h, y - size)],
                "up": [(x - h, y + size), (x + h, y + size)],
                "right": [(x - size, y - h), (x - size, y + h)],
                "left": [(x + size, y - h), (x + size, y + h)]}[direction]
        if notch:
            mid = ((back[0][0] + back[1][0]) / 2, (back[0][1] + back[1][1]) / 2)
            inward = (mid[0] + (x - mid[0]) * 0.3, mid[1] + (y - mid[1]) * 0.3)
            self.path([tip, back[0], inward, back[1]], close=True, op="f")
            return
        self.path([tip, *back], close=True, op="f")

    def vee(self, tip: Point, direction: str, size: float = 5.0) -> None:
        """A line-drawn arrowhead (an open V)."""
        x, y = tip
        h = size / 2
        a, b = {"down": [(x - h, y - size), (x + h, y - size)],
                "up": [(x - h, y + size), (x + h, y + size)],
                "right": [(x - size, y - h), (x - size, y + h)],
                "left": [(x + size, y - h), (x + size, y + h)]}[direction]
        self.path([a, tip, b], close=False, op="S")


    # --- table rulings as Word draws them (thin filled rectangles) and pictures ----------

    def hline(self, x0: float, x1: float, top: float) -> None:
        """A horizontal ruling: a filled rectangle 0.8 pt high."""
        self.ops.append(f"{x0:.2f} {self._y(top) - 0.4:.2f} {x1 - x0:.2f} 0.8 re f")

    def vline(self, x: float, top: float, bottom: float) -> None:
        """A vertical ruling: a filled rectangle 0.8 pt wide."""
        self.ops.append(f"{x - 0.4:.2f} {self._y(bottom):.2f} 0.8 {bottom - top:.2f} re f")

    def grid(self, xs: list[float], ys: list[float]) -> None:
        """Rulings at every ``ys`` across and every ``xs`` down."""
        for y in ys:
            self.hline(xs[0], xs[-1], y)
        for x in xs:
            self.vline(x, ys[0], ys[-1])

    def stroke_line(self, x0: float, t0: float, x1: float, t1: float) -> None:
        """A stroked line from (x0, t0) to (x1, t1)."""
        self.path([(x0, t0), (x1, t1)], close=False, op="S")

    def image(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """A picture over the box (one grey pixel, stretched): a pasted scan."""
        self.ops.append(f"q {x1 - x0:.2f} 0 0 {bottom - top:.2f} {x0:.2f} {self._y(bottom):.2f} "
                        "cm /Im1 Do Q")


def write(pages: list[Page], path: Path) -> Path:
    """Write the pages as a PDF file."""
    objs: list[bytes] = []
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 picture, then per page: page, content
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                b"/Encoding /WinAnsiEncoding >>")
    pixel = zlib.compress(b"\x80")
    objs.append(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace "
                b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length "
                + str(len(pixel)).encode() + b" >>\nstream\n" + pixel + b"\nendstream")
    for i, page in enumerate(pages):
        content = "\n".join(page.ops).encode("latin-1")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page.width:g} "
                    f"{page.height:g}] /Resources << /Font << /F1 3 0 R >> "
                    f"/XObject << /Im1 4 0 R >> >> "
                    f"/Contents {6 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content
                    + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    path.write_bytes(bytes(out))
    return path
