"""Rendering: golden documents for the seeds, determinism, escaping, templates, writing.

Golden files live in tests/golden/. After an intended change to the output, regenerate
them with ``SOPTOOL_UPDATE_GOLDEN=1 python -m pytest tests/test_rendering.py`` and review
the diff.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from soptool.layout import Row
from soptool.render.document import (
    PlanError,
    builtin_templates,
    context,
    environment,
    mermaid_text,
    plan,
    render,
    svg_row,
)
from soptool.report.markdown import md_cell
from soptool.source.atomic import write_atomic

from .render_helpers import SEEDS, load_sop, long_sop, random_sop, sop_text

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SOPTOOL_UPDATE_GOLDEN") == "1"


class Tags(HTMLParser):
    """Collects tags (with attributes) and the visible text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden(path: Path, fmt: str) -> None:
    text = render(load_sop(path), fmt)
    golden = GOLDEN / f"{path.stem}.{fmt}"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden}: run with SOPTOOL_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_output_is_deterministic(fmt: str) -> None:
    for path in SEEDS:
        sop = load_sop(path)
        assert render(sop, fmt) == render(load_sop(path), fmt)


def test_html_document_of_rka() -> None:
    html = render(load_sop(SEEDS[0]), "html")
    doc = parse(html)
    text = " ".join(" ".join(doc.text).split())
    # identity sheet
    for words in ("Nomor SOP 576/B7.8/OT.01.00/2025", "Tanggal Pembuatan 17 Desember 2025",
                  "Tanggal Revisi -", "Disahkan oleh Kepala BGTK Provinsi Sumatera Barat",
                  "Nama SOP Penyusunan Rencana Aksi Balai", "Dasar Hukum:",
                  "Kualifikasi Pelaksana:", "Keterkaitan:", "Peralatan/Perlengkapan:",
                  "Peringatan:", "Pencatatan dan Pendataan:"):
        assert words in text, words
    # self-contained: nothing fetched
    for tag, attrs in doc.tags:
        assert tag not in ("link", "script", "img", "iframe")
        assert not any(k in ("src", "href") for k in attrs)
    assert "@page { size: 297mm 210mm;" in html
    # procedure header and every step
    assert "Mutu Baku" in text and "Kelengkapan Waktu Output" in text
    steps = [a for t, a in doc.tags if t == "tr" and a.get("class") == "step"]
    assert [a["data-step"] for a in steps] == [str(n) for n in range(1, 10)]
    assert [a["data-kind"] for a in steps][:1] == ["start"]
    # the total closes the table: 25+25+25+50 jam + 60 menit + 50 jam + 5 jam + 3 hari
    # + 50 jam = 253,5 working hours = 33 days of 7,5 hours and 6 hours
    assert text.endswith("Jumlah waktu kerja 33 hari 6 jam")


def test_total_says_minimal_when_a_step_has_no_time(tmp_path: Path) -> None:
    path = tmp_path / "tanpa.yaml"
    path.write_text(sop_text("Menunggu", "").replace("    waktu: 2 jam\n", ""),
                    encoding="utf-8")
    sop = load_sop(path)
    assert "minimal 1 jam 30 menit" in render(sop, "html")
    assert "**Jumlah waktu kerja:** minimal 1 jam 30 menit" in render(sop, "md")


def test_total_is_not_measurable_when_no_step_has_a_time(tmp_path: Path) -> None:
    """Every time "Segera" (as a real office writes it): the total is not "minimal 0 menit"."""
    path = tmp_path / "segera.yaml"
    path.write_text("nama: Uji Segera\npelaksana: {a: Staf}\nlangkah:\n"
                    "  - {kegiatan: Menerima, pelaksana: a, waktu: Segera}\n"
                    "  - {kegiatan: Meneruskan, pelaksana: a, waktu: Segera}\n",
                    encoding="utf-8")
    sop = load_sop(path)
    html = render(sop, "html")
    assert "tidak terukur" in html and "0 menit" not in html
    assert "**Jumlah waktu kerja:** tidak terukur" in render(sop, "md")


def test_f4_paper() -> None:
    html = render(load_sop(SEEDS[0]), "html", "F4")
    assert "@page { size: 330mm 215mm;" in html


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_user_text_is_data_never_code(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "jahat.yaml"
    path.write_text(sop_text("<script>alert(1)</script> {{ 7*7 }} {% if x %}"),
                    encoding="utf-8")
    out = render(load_sop(path), fmt)
    assert "<script>" not in out
    assert "{% if x %}" in out
    # 7*7 is never evaluated: no text of the document reads 49 (geometry in tags may)
    assert not re.search(r">[^<]*\b49\b[^<]*<", out) if fmt == "html" else "49" not in out
    if fmt == "html":
        doc = parse(out)
        assert not [t for t, _ in doc.tags if t == "script"]
        assert "<script>alert(1)</script> {{ 7*7 }}" in " ".join(doc.text)
    else:
        assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7\\*7 }}" in out
        # in Mermaid labels: entity codes, no raw brackets or quotes
        node = next(line for line in out.splitlines() if line.strip().startswith("s2["))
        assert "#lt;script#gt;alert#40;1#41;" in node


# A decision whose branch labels (drawn in the SVG) are hostile text, and a loop back.
HOSTILE_LABELS = """  - kegiatan: "Periksa <b>&amp;</b>"
    pelaksana: staf
    waktu: 1 jam
    keputusan:
      tanya: "Benar <i>\\"ya\\"</i> & 'tidak'?"
      ya: 4
      tidak: selesai
      label_ya: "<Ya & \\"ok\\">"
      label_tidak: "'Tidak' </text><script>x</script>"
  - kegiatan: "Ulang {{ 7*7 }}"
    pelaksana: kepala
    waktu: 1 jam
    keputusan:
      ya: 5
      tidak: 2
      label_ya: "a&b"
      label_tidak: "<svg onload=alert(1)>"
"""


def _svg_sources(tmp_path: Path) -> list[Path]:
    paths = list(SEEDS)
    texts = {"hostile": sop_text("Teks <x> & y", HOSTILE_LABELS), "long": long_sop(60)}
    # 18 and 44 need on-page connectors (no lane left)
    texts.update({f"random-{seed}": random_sop(seed, steps=8 + seed % 20, actors=1 + seed % 7)
                  for seed in (*range(10), 18, 44)})
    for name, text in texts.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_svg_writer_gives_the_markup_of_the_builtin_macro(tmp_path: Path, paper: str) -> None:
    """soptool draws rows in Python (svg_row); templates/flow.svg.html.j2 documents the same
    markup and is what a user template imports: both must give the same bytes."""
    macro = environment(None).get_template("flow.svg.html.j2").module.row  # type: ignore[attr-defined]
    pairs: list[tuple[str, str]] = []

    def both(row: Row, step: dict[str, object], width: str) -> str:
        pairs.append((svg_row(row, width), str(macro(step["drawing"], width, step))))
        return ""

    for path in _svg_sources(tmp_path):
        context(load_sop(path), paper, draw=both, drawings=True)
    assert len(pairs) > 200
    kinds = "".join(ours for ours, _ in pairs)
    for word in ("connector", "onpage", "endcap", "decision", "class=\"label\"", "&lt;Ya &amp; "
                 "&#34;ok&#34;&gt;", "&#39;Tidak&#39; &lt;/text&gt;"):
        assert word in kinds, word
    for ours, theirs in pairs:
        assert ours == theirs


def test_old_style_user_template_still_draws_with_the_builtin_macro(tmp_path: Path) -> None:
    """A user's sop.html.j2 written for the built-in flow.svg.html.j2 (before steps had
    ``svg``) gives the same document."""
    builtin = (builtin_templates() / "sop.html.j2").read_text(encoding="utf-8")
    old = builtin.replace("{{ step.svg }}", "{{ draw.row(step.drawing, widths.area_px, step) }}")
    old = old.replace("{{ step.height }}", "{{ step.drawing.height }}")
    assert old != builtin
    (tmp_path / "sop.html.j2").write_text('{% import "flow.svg.html.j2" as draw %}\n' + old,
                                          encoding="utf-8")
    for path in SEEDS:
        sop = load_sop(path)
        expected = render(sop, "html")
        assert render(sop, "html", templates=tmp_path) == expected


def test_markdown_cells_escape_pipes_and_line_breaks() -> None:
    assert md_cell("a | b\nc") == "a \\| b<br>c"
    assert md_cell("x_y *z* [a](b) `c`") == "x\\_y \\*z\\* \\[a\\](b) \\`c\\`"
    assert md_cell(None) == ""
    assert mermaid_text('Sah? "Ya" [1] (2) {3} a|b #4 <c> & ;') == (
        "Sah? #quot;Ya#quot; #91;1#93; #40;2#41; #123;3#125; a#124;b #35;4 #lt;c#gt; #amp; #59;")


def test_markdown_of_rkt_has_steps_table_and_mermaid() -> None:
    md = render(load_sop(SEEDS[1]), "md")
    lines = md.splitlines()
    header = next(line for line in lines if line.startswith("| No | Kegiatan |"))
    assert header.count("|") == 12  # No, Kegiatan, 5 pelaksana, 3 Mutu Baku, Keterangan
    row10 = next(line for line in lines if line.startswith("| 10 |"))
    cells = [c.strip() for c in row10.strip("|").split(" | ")]
    # the decision mark stands in the Kepala Dinas column (7th cell)
    assert cells[6] == "◇ Disetujui → 11, Dikoreksi → 8"
    assert cells[2:6] == ["", "", "", ""]
    start = lines.index("```mermaid")
    end = lines.index("```", start + 1)
    chart = lines[start + 1:end]
    assert chart[0] == "flowchart TD"
    assert sum(1 for line in chart if line.strip().startswith("subgraph")) == 5
    assert '  s10 -->|"Disetujui"| s11' in chart
    assert '  s10 -->|"Dikoreksi"| s8' in chart
    assert "  s3 --- s3_2" in chart  # the step with two actors, joined
    assert '    s1(["1. Disposisi kepada Kasubbag Program untuk melakukan penyusunan RKT"])' \
        in chart


def test_templates_override_by_name(tmp_path: Path) -> None:
    (tmp_path / "sop.md.j2").write_text("Nama: {{ nama }} ({{ steps|length }} langkah)\n",
                                        encoding="utf-8")
    sop = load_sop(SEEDS[0])
    assert render(sop, "md", templates=tmp_path) == "Nama: Penyusunan Rencana Aksi Balai " \
        "(9 langkah)\n"
    # templates not overridden still come from soptool
    assert render(sop, "html", templates=tmp_path) == render(sop, "html")


def test_template_data_is_read_by_attribute_and_by_key(tmp_path: Path) -> None:
    """Steps and sheets are dicts whose keys are attributes too (faster for Jinja)."""
    (tmp_path / "sop.md.j2").write_text(
        "{% set s = sheets[0].steps[1] %}{{ s.number }} {{ s['kegiatan'] }} "
        "{{ 'svg' in s }} {{ s.drawing.height == s['drawing']['height'] }} "
        "{{ widths.area_px == widths['area_px'] }} {{ mermaid.links|length }}\n",
        encoding="utf-8")
    text = render(load_sop(SEEDS[0]), "md", templates=tmp_path)
    assert text == "2 Mengumpulkan bahan-bahan rencana aksi True True True 10\n"


def test_a_partial_can_be_overridden(tmp_path: Path) -> None:
    (tmp_path / "flow.svg.html.j2").write_text(
        "{% macro row(d, width, step) %}<b>langkah {{ step.number }}</b>{% endmacro %}",
        encoding="utf-8")
    html = render(load_sop(SEEDS[0]), "html", templates=tmp_path)
    assert "<b>langkah 9</b>" in html and "<svg" not in html


def test_builtin_templates_are_found() -> None:
    folder = builtin_templates()
    assert (folder / "sop.html.j2").is_file() and (folder / "sop.md.j2").is_file()


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_plan_sees_through_links(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "x.md").write_text("nama: X\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    # the input named through a linked folder, the output through the real one
    # (refused for that file, not for the run: the others are still written)
    [planned] = plan([tmp_path / "link" / "x.md"], "md", str(real) + "/")
    assert planned.refused == ("render.over_input", {"path": str(real / "x.md")})
    # an output file that is a link to the input
    (tmp_path / "out.md").symlink_to(real / "x.md")
    [planned] = plan([real / "x.md"], "md", str(tmp_path / "out.md"), overwrite=True)
    assert planned.refused == ("render.over_input", {"path": str(tmp_path / "out.md")})
    # two outputs that are one file through a link
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_text("nama: X\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "y.yaml").write_text("nama: Y\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "y.md").symlink_to(tmp_path / "out" / "x.md")
    with pytest.raises(PlanError) as exc:
        plan([tmp_path / "a" / "x.yaml", tmp_path / "b" / "y.yaml"], "md",
             str(tmp_path / "out"))
    assert exc.value.key == "render.collision"
    planned = plan([tmp_path / "link" / "x.md"], "html", str(tmp_path / "out"))
    assert [p.target for p in planned] == [tmp_path / "out" / "x.html"]


def test_write_atomic_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("lama", encoding="utf-8")
    write_atomic(target, "baru\n")
    assert target.read_text(encoding="utf-8") == "baru\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.html"
    target.write_text("lama", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "baru")
    assert target.read_text(encoding="utf-8") == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]


def test_markdown_marks_one_mulai_above_a_first_decision(tmp_path: Path) -> None:
    path = tmp_path / "keputusan-dulu.yaml"
    path.write_text("""nama: Keputusan di langkah pertama
pelaksana:
  staf: Staf
langkah:
  - kegiatan: Memeriksa berkas
    pelaksana: staf
    waktu: 1 jam
    keputusan:
      ya: 2
      tidak: selesai
  - kegiatan: Memproses berkas
    pelaksana: staf
    waktu: 1 jam
""", encoding="utf-8")
    out = render(load_sop(path), "md")
    assert "⬭ Mulai → ◇ Ya → 2, Tidak → selesai" in out
