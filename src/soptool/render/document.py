"""Render an SOP to HTML (the official SOP AP document) or Markdown, and write it atomically.

The Jinja environment autoescapes HTML templates; user text only ever reaches templates as
data, never as template source. Templates are looked up in ``--templates DIR`` first, then
in the templates shipped with the package (``soptool/templates`` in the wheel, the
repository's ``templates/`` in an editable install).
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soptool.findings import FileResult
from soptool.graph import END
from soptool.layout import (
    BOTTOM,
    MID,
    PAPERS,
    TOP,
    Arrow,
    Chart,
    Label,
    Line,
    Row,
    Shape,
    Y,
    branch_label,
    layout,
    px,
    step_kind,
)
from soptool.layout.measure import CELL_HPAD_MM, HEAD_PT, soft_hyphens
from soptool.model import Sop, format_date
from soptool.model.status import effective_status
from soptool.report.markdown import md_cell
from soptool.source.atomic import write_atomic
from soptool.source.files import SUFFIXES
from soptool.source.templates import builtin_templates
from soptool.timing.durations import DEFAULT_CALENDAR, Calendar, format_minutes, with_unit
from soptool.timing.estimate import estimate

if TYPE_CHECKING:
    from jinja2 import Environment

# pdf: the HTML document printed by WeasyPrint (render.pdf), from the same template.
FORMATS = {"html": "sop.html.j2", "md": "sop.md.j2", "pdf": "sop.html.j2"}
EXTENSIONS = {"html": ".html", "md": ".md", "pdf": ".pdf"}
STOPPING = ("render.template_error", "render.pdf_missing", "render.pdf_library")
"""Errors that are the same for every document: the run stops at the first."""

BOXES = (
    ("Dasar Hukum", "dasar_hukum"),
    ("Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
    ("Keterkaitan", "keterkaitan"),
    ("Peralatan/Perlengkapan", "peralatan"),
    ("Peringatan", "peringatan"),
    ("Pencatatan dan Pendataan", "pencatatan"),
)
TUJUAN_TITLE = "Maksud dan Tujuan"  # printed above the six boxes, only when filled in
MARKS = {"start": "⬭ Mulai", "end": "⬭ Selesai", "process": "▭", "decision": "◇"}


@functools.lru_cache(maxsize=8)
def environment(templates: Path | None = None) -> Environment:
    """The Jinja environment: user templates first, autoescape for HTML, strict undefined.

    One per templates folder, so that templates compile once for many documents.
    """
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    loaders = []
    if templates is not None:
        loaders.append(FileSystemLoader(str(templates)))
    loaders.append(FileSystemLoader(str(builtin_templates())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: name is not None and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_cell
    env.filters["mermaid"] = mermaid_text
    env.filters["px"] = px
    env.filters["fit"] = fit
    return env


def fit(text: object, width_mm: float, head: bool = False) -> str:
    """Filter: ``text`` with soft hyphens where a word is wider than its cell's text width
    (``width_mm``; ``head`` for the bold 8 pt header titles), so that the browser breaks it
    with a hyphen (Indonesian hyphenation points), never mid-word without one."""
    if head:
        return soft_hyphens(str(text), float(width_mm), HEAD_PT, True)
    return soft_hyphens(str(text), float(width_mm))


# --- escaping -----------------------------------------------------------------------------

# Checked with Mermaid 11's own parser and renderer. Besides the characters of Mermaid's
# syntax: ":" because Mermaid, before parsing, drops the last ";" of any line matching
# /style.*:\S*#.*;/ or /classDef.*:\S*#.*;/ (which would break an entity code of a label
# such as "style: a & b"); "\" because Mermaid draws the two characters "\n" in a label
# as a line break.
_MERMAID = str.maketrans({
    "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "|": "#124;",
    "`": "#96;", "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "(": "#40;",
    ")": "#41;", ";": "#59;", ":": "#58;", "\\": "#92;",
})
# Mermaid's placeholders for entity codes are made of "ﬂ°" and "¶ß", turned back into "&"
# and ";" in the finished chart, wherever they stand: a word joiner (invisible) keeps a
# user's own pair from being taken for one.
_WJ = "\u2060"
_PLACEHOLDERS = (("ﬂ°", "ﬂ" + _WJ + "°"), ("¶ß", "¶" + _WJ + "ß"))


def mermaid_text(value: object) -> str:
    """Text made safe inside a quoted Mermaid label (entity codes, one line).

    Mermaid shows each ``#code;`` as the character it names, so the reader sees the text
    as written, whitespace (line breaks included) collapsed to single spaces.
    """
    text = " ".join(("" if value is None else str(value)).split())
    for pair, kept in _PLACEHOLDERS:
        text = text.replace(pair, kept)
    return text.translate(_MERMAID)


# --- context ------------------------------------------------------------------------------


class Record(dict[str, Any]):
    """Template data (a step, a sheet): a dict whose keys are also its attributes.

    Jinja looks ``step.number`` up as an attribute first, and as a key only after that
    failed: with plain dicts, the failed lookups were about 40% of the time of filling in
    the HTML template. Build a record whole; afterwards set keys only by ``record[key]``.
    """

    def __init__(self, fields: dict[str, Any]) -> None:
        super().__init__(fields)
        self.__dict__.update(fields)

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.__dict__[key] = value


def _frame(y: Y) -> str:
    return f"{y.frac * 100:g}%"


def _line(ln: Line) -> dict[str, Any]:
    if ln.y1.frac == ln.y2.frac:
        return {"frame": _frame(ln.y1), "x1": px(ln.x1), "y1": px(ln.y1.off), "x2": px(ln.x2),
                "y2": px(ln.y2.off), "kind": ln.kind}
    a, b = (ln.y1, ln.y2) if ln.y1.frac < ln.y2.frac else (ln.y2, ln.y1)
    # A vertical line between two anchors: a nested viewport from anchor a to anchor b,
    # shifted by b's offset, so that the line stretches with the row.
    return {"span": True, "x": px(ln.x1), "top": _frame(a),
            "height": f"{(b.frac - a.frac) * 100:g}%", "shift": px(b.off),
            "y1": px(a.off - b.off), "kind": ln.kind}


def _points(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{px(x)},{px(y)}" for x, y in pts)


def _shape(s: Shape) -> dict[str, Any]:
    x0, y0 = s.cx - s.w / 2, s.cy.off - s.h / 2
    out: dict[str, Any] = {"kind": s.kind, "frame": _frame(s.cy), "text": s.text,
                           "tx": px(s.cx), "ty": px(s.cy.off), "step": s.step}
    if s.kind == "decision":
        out["points"] = _points([(s.cx, y0), (s.cx + s.w / 2, s.cy.off),
                                 (s.cx, y0 + s.h), (x0, s.cy.off)])
    elif s.kind == "connector":
        out["points"] = _points(_pentagon(s))
    elif s.kind == "onpage":
        out.update(x=px(s.cx - s.h / 2), y=px(y0), w=px(s.h), h=px(s.h), rx=px(s.h / 2))
    else:
        out.update(x=px(x0), y=px(y0), w=px(s.w), h=px(s.h),
                   rx=px(s.h / 2) if s.kind in ("start", "end", "endcap") else "0")
    return out


def _pentagon(s: Shape) -> list[tuple[float, float]]:
    x0, x1 = s.cx - s.w / 2, s.cx + s.w / 2
    y0, y1 = s.cy.off - s.h / 2, s.cy.off + s.h / 2
    tip = min(s.w, s.h) * 0.35
    if s.direction == "down":
        return [(x0, y0), (x1, y0), (x1, y1 - tip), (s.cx, y1), (x0, y1 - tip)]
    if s.direction == "up":
        return [(s.cx, y0), (x1, y0 + tip), (x1, y1), (x0, y1), (x0, y0 + tip)]
    if s.direction == "right":
        return [(x0, y0), (x1 - tip, y0), (x1, s.cy.off), (x1 - tip, y1), (x0, y1)]
    return [(x0 + tip, y0), (x1, y0), (x1, y1), (x0 + tip, y1), (x0, s.cy.off)]


def _arrow_points(a: Arrow) -> str:
    x, y, L, W = a.x, a.y.off, 2.2, 1.1
    d = a.direction
    if d == "down":
        pts = [(x, y), (x - W, y - L), (x + W, y - L)]
    elif d == "up":
        pts = [(x, y), (x - W, y + L), (x + W, y + L)]
    elif d == "right":
        pts = [(x, y), (x - L, y - W), (x - L, y + W)]
    elif d == "left":
        pts = [(x, y), (x + L, y - W), (x + L, y + W)]
    else:
        raise KeyError(d)
    return _points(pts)


def _arrow(a: Arrow) -> dict[str, Any]:
    return {"frame": _frame(a.y), "points": _arrow_points(a), "direction": a.direction}


def _label(lb: Label) -> dict[str, Any]:
    return {"frame": _frame(lb.y), "x": px(lb.x), "y": px(lb.y.off), "text": lb.text,
            "anchor": lb.anchor}


_FRAMES = ("0%", "50%", "100%")


def _row_drawing(row: Row) -> dict[str, Any]:
    lines = [_line(ln) for ln in row.lines]
    # Each item converted once, then put in its frame.
    buckets: dict[str, dict[str, list[dict[str, Any]]]] = {
        f: {"lines": [], "shapes": [], "arrows": [], "labels": []} for f in _FRAMES}
    for ln in lines:
        if not ln.get("span"):
            buckets[ln["frame"]]["lines"].append(ln)
    converted = (("shapes", map(_shape, row.shapes)), ("arrows", map(_arrow, row.arrows)),
                 ("labels", map(_label, row.labels)))
    for kind, dicts in converted:
        for d in dicts:
            buckets[d["frame"]][kind].append(d)
    frames = [{"y": f, **buckets[f]} for f in _FRAMES]
    return {"spans": [ln for ln in lines if ln.get("span")], "frames": frames,
            "height": f"{row.height:g}", "kind": row.kind}


# --- the flowchart of a row as SVG markup ---------------------------------------------------
#
# The same markup as the macro ``row`` of templates/flow.svg.html.j2 (byte for byte, and
# escaped as Jinja's autoescape does), written directly from the layout: drawing every
# symbol, line and label through the Jinja macro cost about half of a document's rendering.
# tests/test_rendering.py checks that both give the same markup. A user's own
# flow.svg.html.j2 (``--templates``) is still used instead (see ``render``).

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;",
                          "'": "&#39;"})
_FRAME_OF = {TOP: "0%", MID: "50%", BOTTOM: "100%"}


def _escape(text: str) -> str:
    """Text escaped for HTML as markupsafe (Jinja's autoescape) does it."""
    return text.translate(_ESCAPES)


def _shape_svg(s: Shape) -> str:
    head, tail = _symbol(s.kind, s.cx, s.cy.off, s.w, s.h, s.text, s.direction)
    return f'{head} data-step="{s.step}"/>{tail}' if s.step else f"{head}/>{tail}"


@functools.lru_cache(maxsize=4096)
def _symbol(kind: str, cx: float, cy: float, w: float, h: float, text: str,
            direction: str) -> tuple[str, str]:
    """A symbol's markup before and after the end of its tag (where data-step goes): the
    same symbols recur (cached). ``cy``: the offset from the frame's anchor."""
    if kind == "decision" or kind == "connector":
        if kind == "decision":
            y0 = cy - h / 2
            pts = [(cx, y0), (cx + w / 2, cy), (cx, y0 + h), (cx - w / 2, cy)]
        else:
            pts = _pentagon(Shape(kind, cx, Y(0.0, cy), w, h, text, direction))
        head = f'<polygon class="symbol {kind}" points="{_points(pts)}"'
    else:
        y0 = cy - h / 2
        if kind == "onpage":
            x, width, rx = px(cx - h / 2), px(h), px(h / 2)
        else:
            x, width = px(cx - w / 2), px(w)
            rx = px(h / 2) if kind in ("start", "end", "endcap") else "0"
        head = (f'<rect class="symbol {kind}" x="{x}" y="{px(y0)}" width="{width}" '
                f'height="{px(h)}" rx="{rx}"')
    if not text:
        return head, "\n"
    cls = "in connector-number" if kind in ("connector", "onpage") else "in"
    return head, f'<text class="{cls}" x="{px(cx)}" y="{px(cy)}">{_escape(text)}</text>\n'


def svg_row(row: Row, width: str) -> str:
    """The SVG of one row's flowchart (``width``: the actor area in CSS px)."""
    n = row.number
    out = [f'<svg class="flow" xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'data-step="{n}" role="img" aria-label="Langkah {n}">\n']
    frame_of = _FRAME_OF.get
    # horizontal lines per frame; lines between two anchors (spans) come first
    flat: dict[str, list[str]] = {"0%": [], "50%": [], "100%": []}
    for ln in row.lines:
        y1, y2 = ln.y1, ln.y2
        if y1.frac == y2.frac:
            flat[frame_of(y1.frac) or _frame(y1)].append(
                _flat_line(ln.kind, ln.x1, y1.off, ln.x2, y2.off))
        elif y1.frac < y2.frac:
            out.append(_span_line(ln.kind, ln.x1, y1.frac, y1.off, y2.frac, y2.off))
        else:
            out.append(_span_line(ln.kind, ln.x1, y2.frac, y2.off, y1.frac, y1.off))
    _frames(out, flat)
    # then symbols, arrowheads and labels, per frame
    drawn: dict[str, list[str]] = {"0%": [], "50%": [], "100%": []}
    for s in row.shapes:
        drawn[frame_of(s.cy.frac) or _frame(s.cy)].append(_shape_svg(s))
    for arrow in row.arrows:
        drawn[frame_of(arrow.y.frac) or _frame(arrow.y)].append(
            _arrowhead(arrow.direction, arrow.x, arrow.y.off))
    for lb in row.labels:
        drawn[frame_of(lb.y.frac) or _frame(lb.y)].append(
            f'<text class="label" x="{px(lb.x)}" y="{px(lb.y.off)}" '
            f'text-anchor="{lb.anchor}">{_escape(lb.text)}</text>\n')
    _frames(out, drawn)
    out.append("</svg>")
    return "".join(out)


# The same lines and arrowheads recur in every row (column borders, lines through a
# column) and across documents with as many pelaksana: their markup is cached.


@functools.lru_cache(maxsize=4096)
def _flat_line(kind: str, x1: float, y1: float, x2: float, y2: float) -> str:
    """A horizontal line in a frame (offsets from the frame's anchor)."""
    return f'<line class="{kind}" x1="{px(x1)}" y1="{px(y1)}" x2="{px(x2)}" y2="{px(y2)}"/>\n'


@functools.lru_cache(maxsize=4096)
def _span_line(kind: str, x: float, top_frac: float, top_off: float, bottom_frac: float,
               bottom_off: float) -> str:
    """A vertical line between two anchors: a nested viewport from the upper anchor to the
    lower one, shifted by the lower one's offset, so that the line stretches with the row."""
    xs = px(x)
    return (f'<g transform="translate(0 {px(bottom_off)})"><svg y="{_frame(Y(top_frac))}" '
            f'height="{(bottom_frac - top_frac) * 100:g}%" overflow="visible">'
            f'<line class="{kind}" x1="{xs}" y1="{px(top_off - bottom_off)}" x2="{xs}" '
            f'y2="100%"/></svg></g>\n')


@functools.lru_cache(maxsize=4096)
def _arrowhead(direction: str, x: float, y: float) -> str:
    return f'<polygon class="arrow" points="{_arrow_points(Arrow(x, Y(0.0, y), direction))}"/>\n'


def _frames(out: list[str], frames: dict[str, list[str]]) -> None:
    """Each frame that has items, as a nested svg at its height, in order (top, middle,
    bottom)."""
    for frame in _FRAMES:
        items = frames[frame]
        if items:
            out.append(f'<svg y="{frame}" overflow="visible">\n')
            out += items
            out.append("</svg>\n")


def _date(value: Any) -> str:
    return format_date(value) if value is not None else "-"


def _texts(values: list[str]) -> list[str]:
    return [str(v) for v in values]


RowDrawer = Callable[[Row, dict[str, Any], str], str]
"""Draws a step's row of the flowchart: (layout row, the step's context, width) -> markup."""


def context(sop: Sop, kertas: str = "A4", calendar: Calendar = DEFAULT_CALENDAR,
            draw: RowDrawer | None = None, drawings: bool = True,
            mermaid: bool = True) -> dict[str, Any]:
    """Everything the templates need, as plain data (user text unescaped: templates escape).

    ``calendar`` is the project's working calendar (soptool.yaml), for the total time.
    ``draw`` gives each step's ``svg`` (the flowchart of its row, already markup; empty
    without it); ``drawings`` adds each step's ``drawing``, the row's flowchart as data for
    the macro of flow.svg.html.j2, and ``mermaid`` the Mermaid chart (left out when the
    template does not use them: the built-in HTML template uses neither).
    """
    chart: Chart = layout(sop, kertas)
    area_px = px(chart.widths.actor_area)
    flow = chart.flow
    est = estimate(sop, calendar)
    keys = list(sop.pelaksana)
    total = est.total
    if total.is_range:
        total_text = (f"{format_minutes(total.low, calendar)} - "
                      f"{format_minutes(total.high, calendar)}")
    else:
        total_text = format_minutes(total.low, calendar)
    if est.tanpa_waktu and total.high == 0:  # no step with a measurable time ("Segera")
        total_text = "tidak terukur"
    elif est.tanpa_waktu:
        total_text = f"minimal {total_text}"
    steps: list[Record] = []
    for i, step in enumerate(sop.langkah):
        kind = step_kind(sop, flow, i)
        targets = []
        for e in flow.edges[i]:
            word = "selesai" if e.target == END else str(e.target + 1)
            if e.branch in ("ya", "tidak"):
                targets.append((branch_label(sop, i, e.branch), word))
            elif e.target not in (i + 1, END):
                targets.append(("Lanjut", word))
        mark = MARKS[kind]
        if i == 0 and kind != "start":  # its own symbol, under the one Mulai capsule
            mark = f"{MARKS['start']} → {mark}"
        if targets:
            mark += " " + ", ".join(f"{label} → {word}" for label, word in targets)
        row = chart.rows[i]
        data = Record({
            "number": i + 1,
            "kegiatan": str(step.kegiatan),
            "tanya": str(step.keputusan.tanya) if step.keputusan and step.keputusan.tanya
            else "",
            "pelaksana": [k for k in keys if k in step.pelaksana],
            "kelengkapan": _texts(step.kelengkapan),
            "waktu": with_unit(str(step.waktu), sop.satuan_waktu)
            if step.waktu is not None else "",
            "output": _texts(step.output),
            "keterangan": str(step.keterangan) if step.keterangan is not None else "",
            "kind": kind,
            "mark": mark,
            "edges": [{"target": e.target + 1 if e.target != END else None,
                       "label": branch_label(sop, i, e.branch)} for e in flow.edges[i]],
            "height": f"{row.height:g}",
        })
        if drawings:
            data["drawing"] = _row_drawing(row)
        data["svg"] = draw(row, data, area_px) if draw is not None else ""
        steps.append(data)
    w = chart.widths
    paper = PAPERS[kertas]
    sheets = [Record({"number": n + 1, "steps": [steps[i] for i in idxs],
                      "last": n == len(chart.sheets) - 1})
              for n, idxs in enumerate(chart.sheets)]
    d = sop.disahkan_oleh
    return {
        "sop": sop,
        "nama": str(sop.nama),
        "nomor": str(sop.nomor) if sop.nomor else "",
        "draf": effective_status(sop) == "draf",  # marked on every sheet
        "instansi": _texts(sop.instansi),
        "tanggal": {"pembuatan": _date(sop.tanggal.pembuatan),
                    "revisi": _date(sop.tanggal.revisi),
                    "efektif": _date(sop.tanggal.efektif)},
        "disahkan": {"jabatan": str(d.jabatan or ""), "nama": str(d.nama or ""),
                     "nip": str(d.nip or "")},
        "tujuan": _texts(sop.tujuan),
        "tujuan_title": TUJUAN_TITLE,
        "boxes": [(title, _texts(getattr(sop, key))) for title, key in BOXES],
        "pelaksana": [(k, str(v)) for k, v in sop.pelaksana.items()],
        "steps": steps,
        "sheets": sheets,
        "sheet_count": len(sheets) + 1,
        "connectors": chart.connectors,
        "total": total_text,
        "batas_waktu": with_unit(str(sop.batas_waktu), sop.satuan_waktu)
        if sop.batas_waktu else "",
        "kertas": paper.name,
        "paper": Record({"width": f"{paper.width:g}mm", "height": f"{paper.height:g}mm",
                         "margin": f"{paper.margin:g}mm",
                         "inner_width": f"{paper.inner_width:g}mm",
                         "inner_height": f"{paper.inner_height:g}mm"}),
        "widths": Record({"no": f"{w.no:g}mm", "kegiatan": f"{w.kegiatan:g}mm",
                          "actor": f"{w.actor:g}mm", "area": f"{w.actor_area:g}mm",
                          "kelengkapan": f"{w.kelengkapan:g}mm", "waktu": f"{w.waktu:g}mm",
                          "output": f"{w.output:g}mm", "keterangan": f"{w.keterangan:g}mm",
                          "total": f"{w.total:g}mm", "area_px": area_px}),
        # the text width of each column's cells, mm (for the filter fit)
        "fit": Record({k: round(v - CELL_HPAD_MM, 2) for k, v in (
            ("kegiatan", w.kegiatan), ("actor", w.actor), ("kelengkapan", w.kelengkapan),
            ("waktu", w.waktu), ("output", w.output), ("keterangan", w.keterangan))}),
        "mermaid": _mermaid(sop, steps) if mermaid else Record({}),
    }


_SHAPES = {"decision": ("{", "}"), "start": ("([", "])"), "end": ("([", "])"),
           "process": ("[", "]")}


def _mermaid(sop: Sop, steps: list[Record]) -> Record:
    """Nodes per pelaksana (subgraphs), end capsules of decisions, and the links.

    A step with several actors has its node in its first actor's subgraph and a joined
    node (same number) in each other actor's subgraph.
    """
    groups = [Record({"title": t, "key": k, "nodes": []}) for k, t in sop.pelaksana.items()]
    by_key = {g["key"]: g for g in groups}
    links: list[Record] = []
    ends: list[str] = []
    for step in steps:
        n = step["number"]
        for j, key in enumerate(step["pelaksana"]):
            if j == 0:
                text = f"{n}. {step['kegiatan']}"
                if step["tanya"]:
                    text += f": {step['tanya']}"
                opening, closing = _SHAPES[step["kind"]]
                node = Record({"id": f"s{n}", "open": opening, "close": closing,
                               "text": text})
            else:
                node = Record({"id": f"s{n}_{j + 1}", "open": "[", "close": "]",
                               "text": f"{n}. {step['kegiatan']}"})
                links.append(Record({"source": f"s{n}", "arrow": "---", "label": "",
                                     "target": f"s{n}_{j + 1}"}))
            by_key[key]["nodes"].append(node)
        for edge in step["edges"]:
            if edge["target"] is None:
                if step["kind"] != "decision":
                    continue
                ends.append(f"s{n}_end")
                target = f"s{n}_end"
            else:
                target = f"s{edge['target']}"
            links.append(Record({"source": f"s{n}", "arrow": "-->", "label": edge["label"],
                                 "target": target}))
    return Record({"groups": [g for g in groups if g["nodes"]], "ends": ends,
                   "links": links})


FLOW_TEMPLATE = "flow.svg.html.j2"


def _draw_svg(row: Row, step: dict[str, Any], width: str) -> str:
    from markupsafe import Markup

    return Markup(svg_row(row, width))


def row_drawer(templates: Path | None) -> RowDrawer:
    """How rows are drawn: by ``svg_row``, unless ``templates`` has its own flow.svg.html.j2
    (then its macro ``row`` draws them, from each step's ``drawing``)."""
    if templates is None or not (templates / FLOW_TEMPLATE).is_file():
        return _draw_svg
    macro = environment(templates).get_template(FLOW_TEMPLATE).module.row  # type: ignore[attr-defined]

    def draw(row: Row, step: dict[str, Any], width: str) -> str:
        markup: str = macro(step["drawing"], width, step)  # Markup: not escaped again
        return markup

    return draw


def render(sop: Sop, fmt: str = "html", kertas: str = "A4",
           templates: Path | None = None, calendar: Calendar = DEFAULT_CALENDAR) -> str:
    """The document of a (valid) SOP as text, in ``html`` or ``md``.

    User templates (``templates``) get each step's ``drawing`` and the Mermaid chart in any
    format; the built-in templates only what they use.
    """
    env = environment(templates)
    template = env.get_template(FORMATS[fmt])
    draw = row_drawer(templates) if fmt == "html" else None
    user = templates is not None  # user templates get everything
    return template.render(context(sop, kertas, calendar, draw, drawings=user,
                                   mermaid=user or fmt == "md"))


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A document to render and where it goes.

    ``overwrite``: an existing regular file at ``target`` may be replaced (``--timpa``).
    ``refused``: why nothing may be written to ``target`` (a message key and its
    parameters), found when planning: the SOP is still checked, its document not written.
    """

    source: Path
    target: Path | None  # None: written to stdout
    overwrite: bool = False
    refused: tuple[str, dict[str, str]] | None = None


class PlanError(Exception):
    """Outputs that cannot be written as asked; ``key`` is a message key."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _identity(path: Path, folders: dict[Path, Path] | None = None
              ) -> tuple[Path, tuple[int, int] | None]:
    """A file's resolved path and, when it exists, its (device, inode): two names of one file
    (a link, a hard link) share one of them.

    ``folders`` caches resolved folders: on POSIX, a file that is not a symbolic link
    resolves to its resolved folder and its name, so that many files in one folder cost one
    system call each instead of one per component of their path.
    """
    if folders is not None and os.name == "posix" and path.name not in ("", ".", ".."):
        try:
            st: os.stat_result | None = os.lstat(path)
        except OSError:
            st = None
        if st is None or not stat.S_ISLNK(st.st_mode):
            folder = folders.get(path.parent)
            if folder is None:
                folder = folders[path.parent] = _resolved(path.parent)
            return folder / path.name, (st.st_dev, st.st_ino) if st is not None else None
    try:
        st = path.stat()
        inode: tuple[int, int] | None = (st.st_dev, st.st_ino)
    except OSError:
        inode = None
    return _resolved(path), inode


def _resolved(path: Path) -> Path:
    """``path`` resolved; a symbolic link loop (RuntimeError before Python 3.13) resolves
    to its absolute path, so that the loader reports the file."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


@dataclass(frozen=True)
class Outcome:
    """What rendering one planned document gave (picklable, from a worker process)."""

    written: Written
    result: FileResult
    text: str | None = None  # the document, when it goes to stdout
    data: bytes | None = None  # the same for a PDF
    error: tuple[str, dict[str, str]] | None = None  # a message key and its parameters


@dataclass(frozen=True)
class RenderJob:
    """Validate, render and write one planned document (picklable, for worker processes)."""

    fmt: str
    kertas: str
    templates: Path | None
    calendar: Calendar

    def __call__(self, item: Written) -> Outcome:
        """The outcome of one document; nothing is written for an invalid SOP."""
        from jinja2 import TemplateError

        from soptool.commands.validate import validate_file

        result = validate_file(item.source, keep=True)
        sop = result.loaded.sop if result.loaded is not None else None
        result.loaded = None
        if result.errors or sop is None:
            return Outcome(item, result)
        if item.refused is not None:
            return Outcome(item, result, error=item.refused)
        html = "html" if self.fmt == "pdf" else self.fmt
        try:
            text = render(sop, html, self.kertas, self.templates, self.calendar)
        except TemplateError as exc:  # a user template that does not load or render
            name = getattr(exc, "name", None) or FORMATS[self.fmt]
            return Outcome(item, result, error=("render.template_error",
                                                {"name": str(name), "reason": str(exc)}))
        document: str | bytes = text
        if self.fmt == "pdf":
            from soptool.render.pdf import PdfUnavailable, to_pdf

            try:
                document = to_pdf(text, sop)
            except PdfUnavailable as exc:
                return Outcome(item, result, error=(exc.key, dict(exc.params)))
        if item.target is None:
            if isinstance(document, bytes):
                return Outcome(item, result, data=document)
            return Outcome(item, result, text=document)
        try:
            write_document(item.target, document, overwrite=item.overwrite)
        except RefusedError as exc:
            return Outcome(item, result, error=(exc.key, exc.params))
        except OSError as exc:
            return Outcome(item, result, error=("render.write_error", {
                "path": str(item.target), "reason": exc.strerror or str(exc)}))
        return Outcome(item, result)


def render_planned(plans: list[Written], job: RenderJob) -> Iterator[Outcome]:
    """Each planned document, in input order; many documents in worker processes."""
    from soptool.workers import map_in_order

    return map_in_order(job, plans)


def plan(sources: list[Path], fmt: str, output: str | None,
         overwrite: bool = False) -> list[Written]:
    """Where each source's document goes (``target`` None: stdout); raise PlanError for a
    usage error, before anything is written.

    Without ``output``: ``<stem>.<ext>`` in the current folder. ``-``: stdout (one source
    only). A folder (an existing folder, or a path ending in a slash, created when needed):
    ``<folder>/<stem>.<ext>``. Otherwise the file itself, for one source only. Never the
    same target for two sources. A target that is an input of this run or is named
    ``.yaml``/``.yml`` is refused for that source (``Written.refused``), with or without
    ``overwrite``; an existing one is refused when the document is written
    (``target_refusal``).
    """
    ext = EXTENSIONS[fmt]
    several = len(sources) > 1
    if output == "-":
        if several:
            raise PlanError("render.stdout_many")
        return [Written(sources[0], None)]
    folder: Path | None
    if output is None:
        folder = Path()
    else:
        out = Path(output)
        if output.endswith(("/", os.sep)) or out.is_dir():
            if out.exists() and not out.is_dir():
                raise PlanError("render.out_not_dir", path=output)
            folder = out
        elif several:
            raise PlanError("render.out_not_dir", path=output)
        else:
            folder = None
            parent = out.parent
            if not parent.is_dir():
                raise PlanError("render.no_folder", path=str(parent))
    targets = [folder / (src.stem + ext) if folder is not None else Path(str(output))
               for src in sources]
    folders: dict[Path, Path] = {}
    inputs = [_identity(src, folders) for src in sources]  # each once: many files stay linear
    input_paths = {path for path, _ in inputs}
    input_inodes = {inode for _, inode in inputs if inode is not None}
    seen: dict[Path, Path] = {}
    plans = []
    for src, target in zip(sources, targets, strict=True):
        key, inode = _identity(target, folders)
        if key in seen:
            raise PlanError("render.collision", first=str(seen[key]), second=str(src),
                            path=str(target))
        seen[key] = src
        refused: tuple[str, dict[str, str]] | None = None
        if key in input_paths or (inode is not None and inode in input_inodes):
            refused = ("render.over_input", {"path": str(target)})
        elif target.name.lower().endswith(SUFFIXES):
            refused = ("render.over_yaml", {"path": str(target)})
        plans.append(Written(src, target, overwrite, refused))
    return plans


def target_refusal(target: Path, overwrite: bool) -> tuple[str, dict[str, str]] | None:
    """Why ``target`` may not be written now, or None: a folder, anything but a regular
    file (a symbolic link, a named pipe, a device), or, without ``overwrite``, an existing
    file."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return None  # the write reports it
    if stat.S_ISDIR(mode):
        return ("render.over_folder", {"path": str(target)})
    if not stat.S_ISREG(mode):
        return ("render.over_special", {"path": str(target)})
    if not overwrite:
        return ("render.exists", {"path": str(target)})
    return None


class RefusedError(OSError):
    """A target that ``target_refusal`` refuses; ``key`` and ``params``: its message."""

    def __init__(self, key: str, params: dict[str, str]) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def write_document(target: Path, text: str | bytes, overwrite: bool = False) -> None:
    """Write a document atomically, creating its folder when needed; never over a folder,
    a file that is not a regular file, or (without ``overwrite``) any existing file, not
    even one that appears while the document is written: ``RefusedError``.

    Not forced to disk (``source.atomic``): a document is made again from its SOP.
    """
    refusal = target_refusal(target, overwrite)
    if refusal is not None:
        raise RefusedError(*refusal)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(target, text, replace=overwrite)
    except FileExistsError:
        raise RefusedError("render.exists", {"path": str(target)}) from None
