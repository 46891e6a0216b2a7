"""Every example in docs/*.md is checked against soptool, so the format's contract stays true.

A ```yaml block is checked according to the HTML comment on the line before it:

- ``<!-- contoh: sop -->``: a whole SOP, validated as it is: no errors and no warnings
  (``peringatan CODE...`` lists the warnings it must give, and then exactly those).
- ``<!-- contoh: sebagian -->``: a few top-level keys, put into a minimal valid SOP (the
  skeleton's own key of the same name is replaced; ``pelaksana`` and ``langkah`` are made
  up from each other when the block gives only one of them).
- ``<!-- contoh: langkah -->``: a list of steps (``- kegiatan: ...``), the whole ``langkah``
  of a minimal valid SOP whose ``pelaksana`` declares the keys the steps use.
- ``salah CODE...`` after any of these (``<!-- contoh: langkah salah SOP301 -->``): the
  example is wrong on purpose and must give exactly these codes; ``<!-- contoh: salah
  CODE -->`` alone validates the block as a file as it is.
- ``<!-- contoh: soptool.yaml [salah CODE...] -->``: project settings, read by
  ``soptool.config.read_settings``.
- A block without a comment must be a whole SOP (``nama``, ``pelaksana``, ``langkah``) with
  no errors; any other unmarked block fails.

After ``<!-- contoh: volume -->`` the first column's volumes must give the yearly count of
the second (default calendar) or ``SOP308``.
A Markdown table after ``<!-- contoh: durasi [satuan_waktu=UNIT] -->`` lists durations: the
first column's `code` spans are parsed with ``parse_duration`` and must give the working
minutes of the second column (``N``, ``N - M``, ``tidak terukur``, or a finding code). After
``<!-- contoh: tanggal -->`` the first column's dates must read as the ISO dates (or the
``SOP104`` error) of the second: ``2025-12-17`` a day, ``2014-01`` a month only.

SOP files are validated through ``python -m soptool validate --format json``, a doc's
examples all in one run (so they may name each other's ``nomor``, as ``digantikan_oleh``
does), so the test follows the command line rather than any module layout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
MARK_RE = re.compile(r"^<!--\s*contoh:\s*(.*?)\s*-->\s*$")
FENCE_RE = re.compile(r"^```\s*([\w.+-]*)\s*$")
CODE_RE = re.compile(r"^(?:SOP|CFG)\d{3}$")
SPAN_RE = re.compile(r"`([^`]*)`")
KINDS = ("sop", "sebagian", "langkah", "soptool.yaml")
# Identity of the skeleton: complete, so that it gives no SOP405 of its own.
SKELETON = {
    "nomor": "nomor: 1/SOP/2026\n",
    "nama": "nama: Contoh SOP\n",
    "instansi": "instansi: [Dinas Contoh]\n",
    "tanggal": "tanggal:\n  pembuatan: 2026-01-05\n",
    "disahkan_oleh": "disahkan_oleh:\n  jabatan: Kepala Dinas\n",
}
TOP_KEY_RE = re.compile(r"^([A-Za-z_][\w]*)\s*:")


@dataclass(frozen=True)
class Block:
    """One fenced block or marked table of a doc, with the marker before it (or None)."""

    doc: str
    line: int  # the line of the opening fence or of the table's first row
    lang: str  # the fence's language, or "table"
    text: str
    marker: str | None

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def _scan(path: Path) -> tuple[list[Block], list[str]]:
    """The blocks and marked tables of one doc, and the problems of its markers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    problems: list[str] = []
    marker: tuple[int, str] | None = None  # (line, text) of a marker not yet used
    i = 0
    while i < len(lines):
        line = lines[i]
        m = MARK_RE.match(line)
        fence = FENCE_RE.match(line)
        if m:
            if marker is not None:
                problems.append(f"{path.name}:{marker[0]}: marker followed by no block")
            marker = (i + 1, m.group(1))
        elif fence:
            start = i
            i += 1
            body = []
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            text = "\n".join(body) + "\n"
            if fence.group(1) == "yaml":
                blocks.append(Block(path.name, start + 1, "yaml", text,
                                    marker[1] if marker else None))
            elif marker is not None:
                problems.append(f"{path.name}:{marker[0]}: marker before a "
                                f"'{fence.group(1)}' block, not yaml")
            marker = None
        elif line.startswith("|") and marker is not None:
            start = i
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            blocks.append(Block(path.name, start + 1, "table", "\n".join(rows), marker[1]))
            marker = None
            continue
        elif line.strip() and marker is not None:
            problems.append(f"{path.name}:{marker[0]}: marker followed by text, not a block")
            marker = None
        i += 1
    if marker is not None:
        problems.append(f"{path.name}:{marker[0]}: marker at the end of the file")
    return blocks, problems


SCANNED = {path.name: _scan(path) for path in DOCS}
BLOCKS = [b for blocks, _ in SCANNED.values() for b in blocks]
YAML_BLOCKS = [b for b in BLOCKS if b.lang == "yaml"]
TABLES = [b for b in BLOCKS if b.lang == "table"]


# --- what a marker asks -----------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    kind: str  # sop, sebagian, langkah, soptool.yaml, file (as it is), unmarked
    codes: frozenset[str]  # the codes the example must give (errors and warnings)


def _expect(block: Block) -> Expect:
    if block.marker is None:
        return Expect("unmarked", frozenset())
    words = block.marker.split()
    kind = words[0] if words and words[0] in KINDS else "file"
    rest = words[1:] if kind != "file" else words
    if kind == "file" and (not rest or rest[0] != "salah"):
        raise AssertionError(f"{block.name}: unknown marker '{block.marker}'; use one of "
                             f"{', '.join(KINDS)} (with salah CODE...), or salah CODE...")
    codes = [w for w in rest if w not in ("salah", "peringatan")]
    bad = [c for c in codes if not CODE_RE.match(c)]
    assert not bad, f"{block.name}: not a finding code: {bad}"
    return Expect(kind, frozenset(codes))


def _load(text: str) -> Any:
    """The block's data, every scalar as text (what soptool sees), or None if not YAML."""
    try:
        return yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
    except yaml.YAMLError:
        return None


def _is_whole_sop(data: Any) -> bool:
    return isinstance(data, dict) and {"nama", "pelaksana", "langkah"} <= set(data)


def _chunks(text: str) -> dict[str, str]:
    """Top-level key -> its lines (comments above a key go with it), in order."""
    out: dict[str, str] = {}
    pending: list[str] = []
    key: str | None = None
    for line in text.splitlines(keepends=True):
        m = TOP_KEY_RE.match(line)
        if m:
            key = m.group(1)
            out[key] = "".join(pending) + line
            pending = []
        elif key is None or (line.startswith("#") and not line.startswith(" ")):
            pending.append(line)
        else:
            out[key] += "".join(pending) + line
            pending = []
    return out


def _actor_keys(steps: Any) -> list[str]:
    keys: list[str] = []
    for step in steps if isinstance(steps, list) else []:
        who = step.get("pelaksana") if isinstance(step, dict) else None
        for key in [who] if isinstance(who, str) else who if isinstance(who, list) else []:
            if isinstance(key, str) and key not in keys:
                keys.append(key)
    return keys


def _sop_text(block: Block, kind: str) -> str:
    """The file that a block is validated as."""
    if kind not in ("sebagian", "langkah"):
        return block.text
    if kind == "langkah":
        chunks = {"langkah": "langkah:\n" + "".join(
            f"  {line}" if line.strip() else line
            for line in block.text.splitlines(keepends=True))}
    else:
        chunks = _chunks(block.text)
    data = _load("".join(chunks.values()))
    assert isinstance(data, dict), f"{block.name}: the example is not a mapping of keys"
    if "pelaksana" not in chunks:
        keys = _actor_keys(data.get("langkah")) or ["staf"]
        chunks["pelaksana"] = "pelaksana:\n" + "".join(f"  {k}: {k.title()}\n" for k in keys)
    if "langkah" not in chunks:
        keys = list(data["pelaksana"]) if isinstance(data.get("pelaksana"), dict) else []
        chunks["langkah"] = "langkah:\n" + "".join(
            f"  - kegiatan: Langkah {n}\n    pelaksana: {k}\n    waktu: 1 jam\n"
            for n, k in enumerate(keys or ["staf"], 1))
    return "".join({**SKELETON, **chunks}.values())


# --- validating every SOP example in one soptool process --------------------------------

SOP_BLOCKS = [b for b in YAML_BLOCKS if _expect(b).kind != "soptool.yaml"]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Block name -> the findings of ``soptool validate --format json`` for it."""
    # One run per doc: a doc's examples are validated together, as files of one folder are
    # (docs/format.md's digantikan_oleh examples name each other's nomor), while the same
    # whole SOP in format.md and format.en.md is not a nomor used twice (SOP410).
    out: dict[str, list[dict[str, Any]]] = {}
    env = {k: v for k, v in os.environ.items() if k not in ("SOPTOOL_LANG", "FORCE_COLOR")}
    for doc in sorted({b.doc for b in SOP_BLOCKS}):
        folder = tmp_path_factory.mktemp("docs-examples")
        files: dict[str, Block] = {}
        for n, block in enumerate(b for b in SOP_BLOCKS if b.doc == doc):
            path = folder / f"contoh-{n:03d}.yaml"
            # Each skeleton has a nomor of its own (else SOP410, a nomor used twice).
            text = _sop_text(block, _expect(block).kind)
            text = text.replace(SKELETON["nomor"], f"nomor: {n + 1}/SOP/2026\n", 1)
            path.write_text(text, encoding="utf-8")
            files[path.name] = block
        result = subprocess.run(
            [sys.executable, "-m", "soptool", "validate", "--format", "json", *sorted(files)],
            cwd=folder, capture_output=True, text=True, env=env, timeout=300, check=False)
        assert result.returncode in (0, 1), result.stderr
        out.update({b.name: [] for b in files.values()})
        for finding in json.loads(result.stdout)["findings"]:
            out[files[Path(finding["file"]).name].name].append(finding)
    return out


def _show(items: list[dict[str, Any]]) -> list[str]:
    return [f"{f['line']}:{f['column']} {f['code']} {f['message']}" for f in items]


@pytest.mark.parametrize("block", SOP_BLOCKS, ids=lambda b: b.name)
def test_sop_example(block: Block, findings: dict[str, list[dict[str, Any]]]) -> None:
    expect = _expect(block)
    found = findings[block.name]
    if expect.kind == "unmarked":
        assert _is_whole_sop(_load(block.text)), (
            f"{block.name}: a yaml block that is not a whole SOP needs a marker "
            "(<!-- contoh: sebagian -->, <!-- contoh: langkah -->, <!-- contoh: salah CODE -->, "
            "<!-- contoh: soptool.yaml -->)")
        assert _show([f for f in found if f["severity"] == "error"]) == []
        return
    if expect.kind == "sop":
        assert _is_whole_sop(_load(block.text)), f"{block.name}: not a whole SOP"
    codes = {f["code"] for f in found}
    if expect.kind == "file" and "SOP405" not in expect.codes:
        codes.discard("SOP405")  # a deliberately wrong file need not have a full identity
    assert codes == expect.codes, _show(found)


# --- soptool.yaml ------------------------------------------------------------------------

CONFIG_BLOCKS = [b for b in YAML_BLOCKS if _expect(b).kind == "soptool.yaml"]


@pytest.mark.parametrize("block", CONFIG_BLOCKS, ids=lambda b: b.name)
def test_settings_example(block: Block, tmp_path: Path) -> None:
    from soptool.config import ConfigError, read_settings

    path = tmp_path / "soptool.yaml"
    path.write_text(block.text, encoding="utf-8")
    expect = _expect(block)
    try:
        read_settings(path)
    except ConfigError as exc:
        assert {f.code for f in exc.findings} == expect.codes, [
            f"{f.line}:{f.col} {f.code} {f.message()}" for f in exc.findings]
    else:
        assert not expect.codes, f"{block.name}: expected {sorted(expect.codes)}, read fine"


# --- durations and dates in tables -------------------------------------------------------


@dataclass(frozen=True)
class Row:
    where: str
    texts: tuple[str, ...]
    expected: str
    marker: str


def _rows(kind: str) -> list[Row]:
    rows = []
    for table in TABLES:
        if table.marker is None or table.marker.split()[0] != kind:
            continue
        for n, line in enumerate(table.text.splitlines()):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if n < 2 or len(cells) < 2:  # the header and its rule
                continue
            texts = tuple(SPAN_RE.findall(cells[0]))
            rows.append(Row(f"{table.doc}:{table.line + n}", texts, cells[1], table.marker))
    return rows


DURATION_ROWS = _rows("durasi")
DATE_ROWS = _rows("tanggal")
VOLUME_ROWS = _rows("volume")


def _number(text: str) -> Fraction:
    return Fraction(text.strip().replace(".", "").replace(",", "."))


@pytest.mark.parametrize("row", DURATION_ROWS, ids=lambda r: r.where)
def test_duration_example(row: Row) -> None:
    from soptool.timing.durations import DurationError, parse_duration

    assert row.texts, f"{row.where}: no `duration` in the first column"
    m = re.search(r"satuan_waktu=(\S+)", row.marker)
    unit = m.group(1) if m else None
    code = re.search(r"\b(SOP\d{3})\b", row.expected)
    for text in row.texts:
        try:
            low, high = parse_duration(text, unit).minutes()
        except DurationError as exc:
            got = exc.code
        else:
            got = f"{low} - {high}"
        if row.expected == "tidak terukur":
            assert got == "SOP302", f"{text!r}: {got}"
        elif code:
            assert got == code.group(1), f"{text!r}: {got}"
        else:
            parts = [_number(p) for p in row.expected.split(" - ")]
            assert got == f"{parts[0]} - {parts[-1]}", f"{text!r}: {got}, not {row.expected}"


@pytest.mark.parametrize("row", VOLUME_ROWS, ids=lambda r: r.where)
def test_volume_example(row: Row) -> None:
    from soptool.timing.volume import VolumeError, parse_volume

    assert row.texts, f"{row.where}: no `volume` in the first column"
    for text in row.texts:
        try:
            got = str(parse_volume(text).per_year())
        except VolumeError:
            got = "SOP308"
        assert got == row.expected, f"{text!r}: {got}, not {row.expected}"


def test_volume_table_is_there() -> None:
    assert len(VOLUME_ROWS) >= 10


@pytest.mark.parametrize("row", DATE_ROWS, ids=lambda r: r.where)
def test_date_example(row: Row) -> None:
    from soptool.model import MonthDate, parse_date, parse_sop_date

    assert row.texts, f"{row.where}: no `date` in the first column"
    if "SOP104" in row.expected:
        for text in row.texts:
            with pytest.raises(ValueError):
                parse_sop_date(text)
        return
    # 2025-12-17 is a day; 2014-01 a month only (the identity sheet's dates).
    dates = re.findall(r"\d{4}-\d{2}(?:-\d{2})?", row.expected)
    assert len(dates) in (1, len(row.texts)), f"{row.where}: one date, or one per text"
    expected = dates * len(row.texts) if len(dates) == 1 else dates
    for text, date in zip(row.texts, expected, strict=True):
        got = parse_sop_date(text)
        assert got.isoformat() == date, text
        if len(date) == len("2014-01"):
            assert isinstance(got, MonthDate), text
            with pytest.raises(ValueError):
                parse_date(text)  # a day is asked for elsewhere (libur_tambahan, --mulai)
        else:
            assert isinstance(got, dt.date) and parse_date(text) == got, text


# --- the doc as a whole ------------------------------------------------------------------


@pytest.mark.parametrize("doc", sorted(SCANNED))
def test_markers_are_used(doc: str) -> None:
    assert SCANNED[doc][1] == []


def test_every_block_kind_is_checked() -> None:
    assert len(SOP_BLOCKS) + len(CONFIG_BLOCKS) == len(YAML_BLOCKS)
    assert {t.marker.split()[0] for t in TABLES if t.marker} <= {"durasi", "tanggal", "volume"}
    assert DURATION_ROWS and DATE_ROWS and CONFIG_BLOCKS


def _schema_keys() -> set[str]:
    result = subprocess.run([sys.executable, "-m", "soptool", "schema"], capture_output=True,
                            text=True, check=True, timeout=60)
    schema = json.loads(result.stdout)
    keys = set(schema["properties"])
    for definition in schema.get("$defs", {}).values():
        keys |= set(definition.get("properties", {}))
    return keys


def test_format_doc_names_every_key() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    missing = sorted(k for k in _schema_keys() if f"`{k}`" not in text)
    assert missing == [], "keys of `soptool schema` that docs/format.md does not mention"


def test_format_doc_lists_every_code() -> None:
    from soptool.report.messages import CATALOGUE

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| ((?:SOP|CFG)\d{3}) \|", text, re.M))
    catalogue = {c for c in CATALOGUE if CODE_RE.match(c)}
    assert sorted(catalogue - table) == [], "codes missing from the table of docs/format.md"
    assert sorted(table - catalogue) == [], "codes in docs/format.md that soptool does not have"


def test_readme_points_at_the_contract() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "shared/design" not in readme
    assert "](docs/format.md)" in readme
