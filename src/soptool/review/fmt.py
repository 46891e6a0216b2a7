"""``soptool fmt``: one canonical shape for every SOP file, without losing a byte of meaning.

The shape: the key order of the form (docs/format.md, "Contoh berkas lengkap"), mapping
indent 2 with sequences written ``  - `` under their key, long text never wrapped. Every
comment and every scalar is kept exactly as written (``no``, ``010`` and ``~`` stay what
they are; quotes stay).

How: ruamel.yaml round-trips the file (indentation, comments); a second pass reorders block
mappings line-wise using PyYAML's node positions (a comment above a key moves with the key)
and re-indents full-line comments to the line they describe. The result is then checked: the
data soptool reads and the multiset of comments must equal the original's, else the key
reordering is dropped, and if even the plain round trip changes something, the file is left
alone and the problem reported. Nothing is written for a file that is not valid YAML.
"""

from __future__ import annotations

import difflib
import io
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from soptool.findings import Finding, Severity
from soptool.source import atomic
from soptool.source.yamltree import _BOM, check_bytes, compose, read_bytes

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

TOP_ORDER = (
    "nomor", "nama", "instansi", "tanggal", "disahkan_oleh", "dasar_hukum",
    "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan",
    "batas_waktu", "satuan_waktu", "pelaksana", "langkah",
)  # fmt: skip
STEP_ORDER = (
    "id", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan",
    "keputusan", "lanjut",
)  # fmt: skip
KEPUTUSAN_ORDER = ("tanya", "ya", "tidak", "label_ya", "label_tidak")
TANGGAL_ORDER = ("pembuatan", "revisi", "efektif")
DISAHKAN_ORDER = ("jabatan", "nama", "nip")

_WIDTH = 1 << 30


class FormatError(Exception):
    """Formatting would change the meaning or drop a comment; the file is left alone."""

    finding: Finding | None = None


@dataclass
class FmtResult:
    """What fmt makes of one file: the original bytes and the formatted ones (or findings)."""

    file: str
    original: bytes = b""
    formatted: bytes | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether the file could not be formatted (it is then left alone)."""
        return self.formatted is None

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.formatted is not None and self.formatted != self.original


# --- ruamel round trip that keeps every scalar as written ------------------------------


def _make_yaml() -> Any:
    """A ruamel round-trip YAML whose plain scalars come back exactly as written."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.representer import RoundTripRepresenter

    class Plain(str):
        """A plain (unquoted) scalar's text, never read as a number, date or boolean."""

    class Constructor(RoundTripConstructor):
        pass

    class Representer(RoundTripRepresenter):
        pass

    def construct(self: Any, node: Any) -> Any:
        if not node.style:
            return Plain(node.value)
        return self.construct_scalar(node)

    def represent(self: Any, data: Any) -> Any:
        # Tag it as whatever plain text resolves to, so that the emitter writes it plain.
        tag = self.dumper.resolver.resolve(ScalarNode, str(data), (True, False))
        return self.represent_scalar(tag, str(data), style=None)

    for kind in ("null", "bool", "int", "float", "timestamp", "str"):
        Constructor.add_constructor(f"tag:yaml.org,2002:{kind}", construct)
    Representer.add_representer(Plain, represent)

    y = YAML(typ="rt")
    y.Constructor = Constructor
    y.Representer = Representer
    y.preserve_quotes = True
    y.width = _WIDTH
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _round_trip(text: str) -> str:
    y = _make_yaml()
    data = y.load(text)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


# --- line-wise key reordering and comment indentation ---------------------------------


def _last_line(node: yaml.Node) -> int:
    """The 0-based line of the last character of a node's content."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1])
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return int(end.line) - 1
    return int(end.line)


def _scalar_lines(node: yaml.Node, out: set[int]) -> None:
    """Lines after the first of every multi-line scalar (their text must not be touched)."""
    if isinstance(node, yaml.ScalarNode):
        last = _last_line(node)
        out.update(range(node.start_mark.line + 1, last + 1))
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _scalar_lines(child, out)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _scalar_lines(k, out)
            _scalar_lines(v, out)


def _orders(root: yaml.Node) -> Iterator[tuple[yaml.MappingNode, tuple[str, ...]]]:
    """The block mappings that have a canonical key order, with that order."""
    if not isinstance(root, yaml.MappingNode):
        return
    yield root, TOP_ORDER
    for k, v in root.value:
        if not isinstance(k, yaml.ScalarNode):
            continue
        if k.value == "tanggal" and isinstance(v, yaml.MappingNode):
            yield v, TANGGAL_ORDER
        elif k.value == "disahkan_oleh" and isinstance(v, yaml.MappingNode):
            yield v, DISAHKAN_ORDER
        elif k.value == "langkah" and isinstance(v, yaml.SequenceNode):
            for step in v.value:
                if not isinstance(step, yaml.MappingNode):
                    continue
                yield step, STEP_ORDER
                for sk, sv in step.value:
                    if (isinstance(sk, yaml.ScalarNode) and sk.value == "keputusan"
                            and isinstance(sv, yaml.MappingNode)):
                        yield sv, KEPUTUSAN_ORDER


def _wanted(keys: list[str], order: tuple[str, ...]) -> list[int]:
    """Entry indexes in canonical order: known keys by the form, unknown ones after, kept."""
    rank = {k: i for i, k in enumerate(order)}
    return sorted(range(len(keys)), key=lambda i: (rank.get(keys[i], len(order)), i))


def _reorder_flow(lines: list[str], node: yaml.MappingNode, order: tuple[str, ...]) -> None:
    """Reorder a one-line flow mapping ``{k: v, ...}`` whose values are scalars or flow lists
    of scalars; others (several lines, nested mappings) are left as written."""
    line_no = int(node.start_mark.line)
    if not node.value or int(node.end_mark.line) != line_no:
        return
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            return
        if isinstance(v, yaml.MappingNode) or (isinstance(v, yaml.SequenceNode) and not all(
                isinstance(item, yaml.ScalarNode) for item in v.value)):
            return
    keys = [str(k.value) for k, _ in node.value]
    wanted = _wanted(keys, order)
    if wanted == list(range(len(keys))):
        return
    line = lines[line_no]
    entries = [line[int(k.start_mark.column):int(v.end_mark.column)] for k, v in node.value]
    start, end = int(node.start_mark.column), int(node.end_mark.column)
    lines[line_no] = line[:start] + "{" + ", ".join(entries[i] for i in wanted) + "}" + line[end:]


def _reorder(lines: list[str], protected: list[bool], node: yaml.MappingNode,
             order: tuple[str, ...]) -> None:
    """Put one mapping's entries in canonical order, in place (line count unchanged)."""
    if node.flow_style:
        _reorder_flow(lines, node, order)
        return
    if not node.value:
        return
    if not all(isinstance(k, yaml.ScalarNode) for k, _ in node.value):
        return
    keys = [str(k.value) for k, _ in node.value]
    wanted = _wanted(keys, order)
    if wanted == list(range(len(keys))):
        return
    key_lines = [int(k.start_mark.line) for k, _ in node.value]
    col = int(node.value[0][0].start_mark.column)
    if len(set(key_lines)) != len(key_lines) or any(
        int(k.start_mark.column) != col for k, _ in node.value
    ):
        return
    for line in key_lines[1:]:
        if lines[line][:col].strip():
            return
    starts = [key_lines[0]] + [_last_line(v) + 1 for _, v in node.value[:-1]]
    end = _last_line(node.value[-1][1]) + 1
    bounds = [*starts, end]
    if any(bounds[i] > key_lines[i] for i in range(len(key_lines))):
        return
    # The first key may share its line with "- " (a step); the prefix goes to the new first.
    first = key_lines[0]
    prefix = lines[first][:col]
    lines[first] = " " * col + lines[first][col:]
    segments = [(lines[bounds[i]:bounds[i + 1]], protected[bounds[i]:bounds[i + 1]],
                 key_lines[i] - bounds[i]) for i in range(len(keys))]
    new_lines: list[str] = []
    new_protected: list[bool] = []
    for n, i in enumerate(wanted):
        seg, prot, at = segments[i]
        seg = list(seg)
        if n == 0:
            seg[at] = prefix + seg[at][col:]
        new_lines.extend(seg)
        new_protected.extend(prot)
    lines[bounds[0]:end] = new_lines
    protected[bounds[0]:end] = new_protected


def _tidy(lines: list[str], protected: list[bool]) -> list[str]:
    """Re-indent full-line comments to the line they stand above; drop trailing blanks."""
    out = list(lines)
    indent = 0
    for i in range(len(out) - 1, -1, -1):
        if protected[i]:
            continue
        line = out[i].rstrip()
        stripped = line.lstrip()
        if not stripped:
            out[i] = ""
        elif stripped.startswith("#"):
            out[i] = " " * indent + stripped
        else:
            out[i] = line
            indent = len(line) - len(stripped)
    return out


def _shape(text: str, reorder: bool) -> str:
    """Reorder keys (when asked) and tidy comments of ruamel's output."""
    root = yaml.compose(text, Loader=_Loader)
    lines = text.split("\n")
    inside: set[int] = set()
    if root is not None:
        _scalar_lines(root, inside)
    protected = [i in inside for i in range(len(lines))]
    if reorder and root is not None:
        # Bottom up, and right to left on a line, so that no edit moves a node still to do.
        todo = sorted(_orders(root), key=lambda item: (-int(item[0].start_mark.line),
                                                       -int(item[0].start_mark.column)))
        for node, order in todo:
            _reorder(lines, protected, node, order)
    return "\n".join(_tidy(lines, protected))


# --- what must not change --------------------------------------------------------------


def comment_positions(text: str) -> list[tuple[str, int, int]]:
    """Every comment: its text (after ``#``, stripped), 1-based line and column."""
    spans: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.ScalarToken):
            spans.append((token.start_mark.index, token.end_mark.index))
    found: list[tuple[str, int, int]] = []
    pos, span = 0, 0
    while True:
        at = text.find("#", pos)
        if at < 0:
            break
        while span < len(spans) and spans[span][1] <= at:
            span += 1
        if span < len(spans) and spans[span][0] <= at < spans[span][1]:
            pos = spans[span][1]
            continue
        if at == 0 or text[at - 1] in " \t\n":
            eol = text.find("\n", at)
            eol = len(text) if eol < 0 else eol
            line_start = text.rfind("\n", 0, at) + 1
            found.append((text[at + 1:eol].strip(), text.count("\n", 0, at) + 1,
                          at - line_start + 1))
            pos = eol
        else:
            pos = at + 1
    return found


def comments(text: str) -> Counter[str]:
    """Every comment's text (after ``#``, stripped), counted."""
    return Counter(c for c, _line, _col in comment_positions(text))


def _meaning(text: str) -> tuple[Any, Counter[str]]:
    tree, _positions, findings = compose(text.encode("utf-8"), "<fmt>")
    if findings:
        raise FormatError(findings[0].message("en"))
    return tree, comments(text)


def _problem(text: str, before: tuple[Any, Counter[str]], result: str) -> Finding:
    """Why a formatted text cannot be used: the first comment it loses, else the content."""
    try:
        after = _meaning(result)
    except (FormatError, yaml.YAMLError):
        return Finding("FMT002", Severity.ERROR, "", 1, 1, {})
    lost = before[1] - after[1]
    if lost:
        for comment, line, col in comment_positions(text):
            if lost[comment]:
                return Finding("FMT001", Severity.ERROR, "", line, col, {"comment": comment})
    return Finding("FMT002", Severity.ERROR, "", 1, 1, {})


def format_text(text: str) -> str:
    """Format YAML text (``\\n`` line ends, no BOM); raises FormatError when unsafe.

    The error's ``finding`` says where (the first comment that would be lost).
    """
    before = _meaning(text)
    plain = _round_trip(text)
    result = plain
    for reorder in (True, False):
        result = _shape(plain, reorder)
        try:
            if _meaning(result) == before:
                return result
        except (FormatError, yaml.YAMLError):
            continue
    error = FormatError("formatting would lose a comment or change the content")
    error.finding = _problem(text, before, result)
    raise error


# --- files ------------------------------------------------------------------------------


def format_bytes(raw: bytes, file: str) -> FmtResult:
    """Format a file's bytes: keeps a BOM and the line ending; findings when not YAML."""
    result = FmtResult(file, raw)
    checked = check_bytes(raw, file)
    if isinstance(checked, Finding):
        result.findings.append(checked)
        return result
    _tree, _positions, findings = compose(checked, file)
    if findings:
        result.findings.extend(findings)
        return result
    text = checked.decode("utf-8")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    try:
        out = format_text(text)
    except FormatError as exc:
        where = exc.finding or Finding("FMT002", Severity.ERROR, file, 1, 1, {})
        result.findings.append(Finding(where.code, where.severity, file, where.line, where.col,
                                       where.params))
        return result
    except (yaml.YAMLError, ValueError):  # pragma: no cover - ruamel refusing valid YAML
        result.findings.append(Finding("FMT002", Severity.ERROR, file, 1, 1, {}))
        return result
    if crlf:
        out = out.replace("\n", "\r\n")
    data = out.encode("utf-8")
    result.formatted = (_BOM + data) if raw.startswith(_BOM) else data
    return result


def format_file(path: Path, file: str | None = None) -> FmtResult:
    """Read and format one file (nothing is written)."""
    name = file if file is not None else str(path)
    raw = read_bytes(path, name)
    if isinstance(raw, Finding):
        return FmtResult(name, findings=[raw])
    return format_bytes(raw, name)


def format_files(paths: Iterable[Path]) -> Iterator[FmtResult]:
    """Format files one at a time (nothing is written)."""
    for path in paths:
        yield format_file(path)


def write_atomic(path: Path, data: bytes) -> None:
    """Rewrite an SOP file atomically, forced to disk (``source.atomic``).

    The file keeps its permission bits; a symbolic link stays a link (its target is written).
    """
    atomic.write_atomic(path, data, in_place=True, sync=True)


def unified_diff(result: FmtResult) -> str:
    """The change fmt makes to a file, as a unified diff (empty when none)."""
    if not result.changed or result.formatted is None:
        return ""
    before = result.original.decode("utf-8-sig").replace("\r\n", "\n").splitlines(True)
    after = result.formatted.decode("utf-8-sig").replace("\r\n", "\n").splitlines(True)
    name = result.file
    old, new = (name, name) if os.path.isabs(name) else (f"a/{name}", f"b/{name}")
    lines = difflib.unified_diff(before, after, old, new)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
