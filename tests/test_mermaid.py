"""The Mermaid flowchart of ``render --format md``: every line has one of the chart's few
shapes, every label is an escaped quoted string, and reads back as the user's text.

The escaping was checked against Mermaid 11 itself (``mermaid.parse`` and ``mermaid.render``
under Node with jsdom), on the seeds and on SOPs full of the texts below. These tests pin
what that check found, without needing Node:

* inside a quoted label, the characters of Mermaid's syntax are entity codes (``#quot;``,
  ``#35;``), which Mermaid shows as the character they name;
* no line of the chart matches the pattern that Mermaid rewrites before parsing
  (``/style.*:\\S*#.*;/``, also with ``classDef``: the last ``;`` of the line is dropped),
  hence ``:`` is a code too;
* ``\\`` is a code (Mermaid draws a written ``\\n`` as a line break);
* the pairs ``ﬂ°`` and ``¶ß``, of which Mermaid makes its entity placeholders (and turns
  back into ``&`` and ``;`` wherever they stand), are split by an invisible word joiner.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from soptool.render.document import mermaid_text, render

from .render_helpers import SEEDS, load_sop, write_long

# Each character class and the code that stands for it in a label.
CODES = {
    '"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "|": "#124;",
    "`": "#96;", "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "(": "#40;",
    ")": "#41;", ";": "#59;", ":": "#58;", "\\": "#92;",
}
WJ = "\u2060"  # word joiner: invisible
# Left as they are: Mermaid takes them as text inside a quoted label.
PLAIN = "%'*_-=+/.,!?~^$@é—…“”ß¶°ﬂ🙂"

HOSTILE = [
    'kutip "ganda" dan \'tunggal\'', "backtick `kode` ```tiga```", "kurung [siku] ]] [[",
    "kurung (bulat) ((x)) ([y])", "kurawal {a} {{b}} {{ 7*7 }}", "pipa | a || b",
    "<b>tebal</b> <script>alert(1)</script>", "dan & &amp; &#35; &lt;", "pagar # #35; ##",
    "titik koma ; a;b", 'persen % 50%% %%{init: {"theme": "dark"}}%%', "baris\npertama\n\nkedua",
    "unicode é — “kutip” … 🙂", "end", "graph TD", "subgraph x", "click s1 call alert()",
    "style s1 fill:#f00", "classDef x fill:#f00;", "lifestyle:a&b", "A-->B --- C", "%% komentar",
    "¶ß ﬂ° 25°C ﬂ°° ¶¶ßß", "tab\tdan\u2028pemisah", "C:\\new\\tabel \\n", "#quot;&quot;",
]

LABEL = r'"(?P<label>[^"\n]*)"'
ID = r"s\d+(?:_\d+|_end)?"
LINES = {
    "header": re.compile(r"flowchart TD"),
    "subgraph": re.compile(r"  subgraph (?P<id>p\d+)\[" + LABEL + r"\]"),
    "node": re.compile(r"    (?P<id>s\d+(?:_\d+)?)(?P<open>\(\[|\[|\{)" + LABEL
                       + r"(?P<close>\]\)|\]|\})"),
    "close": re.compile(r"  end"),
    "end": re.compile(r"  (?P<id>s\d+_end)\(\[\"Selesai\"\]\)"),
    "link": re.compile(r"  (?P<source>" + ID + r") (?P<arrow>-->|---)(?:\|" + LABEL + r"\|)? "
                       r"(?P<target>" + ID + r")"),
}
# Mermaid's encodeEntities (mermaidAPI) runs these on the whole chart before parsing.
MERMAID_REWRITES = [re.compile(r"style.*:\S*#.*;"), re.compile(r"classDef.*:\S*#.*;")]


def shown(label: str) -> str:
    """What Mermaid shows for a quoted label: each ``#code;`` as its character (and the
    word joiner, which is invisible, left out)."""
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")
    return re.sub(r"#([A-Za-z0-9_]+);", one, label).replace(WJ, "")


def collapse(text: str) -> str:
    return " ".join(text.split())


def chart_of(markdown: str) -> list[str]:
    lines = markdown.splitlines()
    start = lines.index("```mermaid")
    return lines[start + 1:lines.index("```", start + 1)]


def parse_chart(chart: list[str]) -> list[tuple[str, dict[str, str]]]:
    """Each line as (kind, fields); fails the test on a line of no known shape."""
    out = []
    for line in chart:
        for kind, pattern in LINES.items():
            m = pattern.fullmatch(line)
            if m:
                out.append((kind, {k: v for k, v in m.groupdict().items() if v is not None}))
                break
        else:
            pytest.fail(f"line of unknown shape in the Mermaid chart: {line!r}")
    return out


def assert_safe(label: str) -> None:
    """No raw syntax character left: only entity codes and plain text."""
    rest = re.sub(r"#[A-Za-z0-9_]+;", "", label)
    raw = sorted({c for c in rest if c in CODES})
    assert not raw, f"raw {raw} in label {label!r}"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def hostile_sop(tmp_path: Path) -> Path:
    """One step per hostile text (also as tanya and branch labels), actors titled with them,
    ids and actor keys that are Mermaid keywords, a step with three actors, a decision
    whose branch goes to selesai."""
    keys = ["end", "default", "subgraph", "graph", "click", "style"]
    lines = ["nama: " + q("SOP " + HOSTILE[0]), "nomor: 1/UJI", "instansi: [Uji]",
             "tanggal:", "  pembuatan: 2025-01-02", "disahkan_oleh:", "  jabatan: Kepala",
             "pelaksana:"]
    lines += [f"  {k}: {q(HOSTILE[i])}" for i, k in enumerate(keys)]
    lines.append("langkah:")
    for i, text in enumerate(HOSTILE):
        n = i + 1
        lines += [f"  - id: {keys[i] if i < len(keys) else f'l{n}'}",
                  f"    kegiatan: {q(text)}",
                  f"    pelaksana: {keys[i % len(keys)]}", "    waktu: 1 jam"]
        if n == 3:
            lines[-2] = "    pelaksana: [end, default, style]"
        if n % 4 == 0 and n + 1 < len(HOSTILE):
            back = "end" if n == 4 else f"l{n - 1}"
            lines += ["    keputusan:", f"      tanya: {q(HOSTILE[-n])}",
                      f"      ya: {n + 1}", f"      tidak: {back}",
                      f"      label_ya: {q(HOSTILE[n])}",
                      f"      label_tidak: {q(HOSTILE[-n - 1])}"]
        if n == 12:
            lines[-3] = "      tidak: selesai"
    path = tmp_path / "jahat.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("char", sorted(CODES))
def test_each_syntax_character_becomes_its_code(char: str) -> None:
    assert mermaid_text(f"a{char}b {char}") == f"a{CODES[char]}b {CODES[char]}"
    assert shown(mermaid_text(f"a{char}b")) == f"a{char}b"


def test_other_characters_stay_as_written() -> None:
    assert mermaid_text(PLAIN) == PLAIN


def test_mermaid_placeholder_pairs_are_split() -> None:
    assert mermaid_text("¶ß ﬂ°°") == f"¶{WJ}ß ﬂ{WJ}°°"
    assert mermaid_text("¶ ß ﬂ ° ß¶ °ﬂ") == "¶ ß ﬂ ° ß¶ °ﬂ"


def test_line_breaks_and_runs_of_space_become_one_space() -> None:
    assert mermaid_text("  satu\ndua\r\n\ttiga\u2028empat\x85lima  ") == \
        "satu dua tiga empat lima"
    assert mermaid_text(None) == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back(text: str) -> None:
    label = mermaid_text(text)
    assert_safe(label)
    assert "¶ß" not in label and "ﬂ°" not in label
    assert shown(label) == collapse(text)
    line = f'    s1["1. {label}"]'
    assert not any(p.search(line) for p in MERMAID_REWRITES), line


def test_hostile_sop_chart_is_well_formed_and_reads_back(tmp_path: Path) -> None:
    sop = load_sop(hostile_sop(tmp_path))
    chart = chart_of(render(sop, "md"))
    parsed = parse_chart(chart)
    for line in chart:
        assert not any(p.search(line) for p in MERMAID_REWRITES), line
    for _, fields in parsed:
        if "label" in fields:
            assert_safe(fields["label"])

    # subgraphs: one per actor, titled with its text, and every one closed
    groups = [f for kind, f in parsed if kind == "subgraph"]
    assert [shown(g["label"]) for g in groups] == [collapse(t) for t in HOSTILE[:6]]
    assert [g["id"] for g in groups] == [f"p{i}" for i in range(1, 7)]
    assert sum(kind == "close" for kind, _ in parsed) == 6

    # nodes: the step's own text (with its question), keyword ids never reach the chart
    nodes = {f["id"]: f for kind, f in parsed if kind == "node"}
    for i, step in enumerate(sop.langkah):
        n = i + 1
        text = f"{n}. {collapse(step.kegiatan)}"
        if step.keputusan is not None and step.keputusan.tanya:
            text += f": {collapse(step.keputusan.tanya)}"
            assert (nodes[f"s{n}"]["open"], nodes[f"s{n}"]["close"]) == ("{", "}")
        assert shown(nodes[f"s{n}"]["label"]) == text
    # the step with three actors: its node and two joined ones, in its actors' subgraphs
    assert shown(nodes["s3_2"]["label"]) == shown(nodes["s3_3"]["label"]) == \
        f"3. {collapse(HOSTILE[2])}"
    current = ""
    where = {}
    for kind, f in parsed:
        if kind == "subgraph":
            current = f["id"]
        elif kind == "node":
            where[f["id"]] = current
    assert (where["s3"], where["s3_2"], where["s3_3"]) == ("p1", "p2", "p6")

    links = [f for kind, f in parsed if kind == "link"]
    assert {"source": "s3", "arrow": "---", "target": "s3_2"} in links
    assert {"source": "s3", "arrow": "---", "target": "s3_3"} in links
    # branch labels read back; the branch to selesai ends in its own capsule
    labelled = {(f["source"], f["target"]): shown(f["label"]) for f in links if "label" in f}
    assert labelled[("s4", "s5")] == collapse(HOSTILE[4])
    assert labelled[("s4", "s1")] == collapse(HOSTILE[-5])
    assert labelled[("s12", "s12_end")] == collapse(HOSTILE[-13])
    assert [f["id"] for kind, f in parsed if kind == "end"] == ["s12_end"]
    # every link joins nodes that exist
    ids = set(nodes) | {"s12_end"}
    assert all(f["source"] in ids and f["target"] in ids for f in links)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_charts_are_well_formed(seed: Path) -> None:
    chart = chart_of(render(load_sop(seed), "md"))
    parsed = parse_chart(chart)
    assert parsed[0][0] == "header"
    for _, fields in parsed:
        if "label" in fields:
            assert_safe(fields["label"])


def test_sixty_steps_stay_well_formed_and_under_mermaid_size_limit(tmp_path: Path) -> None:
    chart = chart_of(render(load_sop(write_long(tmp_path, 60)), "md"))
    parsed = parse_chart(chart)
    nodes = [f["id"] for kind, f in parsed if kind == "node"]
    assert {f"s{n}" for n in range(1, 61)} <= set(nodes)
    # mermaid.render draws an error instead of a chart over maxTextSize (50000 by default)
    assert len("\n".join(chart)) < 50000
