"""``soptool fmt``: one canonical shape for every SOP file, without losing a byte of meaning.

The shape: the key order of the form (docs/format.md, "Contoh berkas lengkap"), mapping
indent 2 with sequences written ``  - `` under their key, long text never wrapped. Every
comment and every scalar is kept exactly as written (``no``, ``010`` and ``~`` stay what
they are; quotes stay).

How: a file already in the canonical shape is recognised from PyYAML's node positions in
one pass (``is_canonical``) and left as it is, without ruamel. Otherwise ruamel.yaml
round-trips the file (indentation, comments); a second pass reorders block mappings
line-wise using PyYAML's node positions (a comment above a key moves with the key) and
re-indents full-line comments to the line they describe. The result is then checked: every
node's resolved tag and value (so ``key:``, ``~``, ``null`` and ``''`` stay what they are)
and the multiset of comments must equal the original's, and formatting the result again
must give it back; else the key reordering is dropped, and if even the plain round trip
fails the check, the file is left alone with a finding at the line concerned. Nothing is
written for a file that is not valid YAML, and a file with an explicit tag (``!!str``) or an
explicit key (``? key``) is refused: the format uses neither, and ruamel does not keep them.
Any other failure formatting one file becomes a finding for that file (FMT005).

Every scalar must come back as written (its value and its quoting): ruamel's emitter writes
some characters only as escapes (U+FEFF, a tab inside quotes), so a result in which a scalar
is written differently is refused with the scalar's place (FMT007), never written.

Line ends: fmt works on the text with every break (LF, CRLF, a lone CR as old Mac editors
write) made LF, so that its finding positions count lines as validate does, and writes the
result back with the file's own line end. A file mixing line ends is written with the one
used most (a tie: LF before CRLF before CR); a line break inside a scalar is read as LF by any
YAML reader, so this changes no value. NEL, U+2028 and U+2029 are left as they are.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from soptool.findings import Finding, Severity
from soptool.source import atomic
from soptool.source.yamltree import _BOM, check_bytes, compose, not_a_mapping, read_bytes
from soptool.workers import map_in_order

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

TOP_ORDER = (
    "nomor", "nama", "status", "digantikan_oleh", "instansi", "tanggal", "disahkan_oleh",
    "tujuan", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan",
    "peringatan", "pencatatan",
    "batas_waktu", "volume", "satuan_waktu", "pelaksana", "langkah",
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


# --- the fast path: a file already in the canonical shape ---------------------------------
#
# Most files fmt sees are already formatted (``fmt --check`` in CI). Those are recognised
# from PyYAML's node positions alone, in one pass, without ruamel: every construct is one
# that the round trip writes back unchanged (tests/test_fmt_fast.py checks that whatever
# passes here comes back byte for byte from the full path). Anything else takes the full
# path.


class _NotCanonical(Exception):
    pass


def _need(condition: bool) -> None:
    if not condition:
        raise _NotCanonical


def _emitted_as_is(value: str) -> bool:
    """Whether ruamel's emitter writes every character of ``value`` as itself (not as an
    escape in double quotes): its ``analyze_scalar``, with ``allow_unicode``."""
    return all(ch == "\n" or " " <= ch <= "~" or ch == "\x85" or "\xa0" <= ch <= "\ud7ff"
               or ("\ue000" <= ch <= "\ufffd" and ch != "\ufeff") or ch >= "\U00010000"
               for ch in value)


def _scalar_text(node: yaml.Node, line: str) -> None:
    """A one-line scalar written as the round trip writes it (no tag, simple quoting)."""
    if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
        raise _NotCanonical
    written = line[node.start_mark.column:node.end_mark.column]
    value = node.value
    _need(_emitted_as_is(value))
    if not node.style:
        _need(written == value and value != "")
    elif node.style == "'":
        _need(written == "'" + value.replace("'", "''") + "'" and "\n" not in value)
    elif node.style == '"':
        _need(written == '"' + value + '"' and '"' not in value and "\\" not in value
              and value.isprintable())
    else:
        raise _NotCanonical  # block scalars (| and >) take the full path


def _line_end(line: str, column: int) -> None:
    """After a value: nothing, or a comment after a space."""
    rest = line[column:]
    _need(rest == "" or (rest[0] == " " and rest.lstrip().startswith("#")))


def _canon_value(node: yaml.Node, lines: list[str], used: list[bool], line_no: int,
                 col: int, after: int) -> None:
    """The value of a key at ``col`` whose ``:`` ends at ``after`` on ``line_no``."""
    line = lines[line_no]
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value == "" and node.start_mark.index == node.end_mark.index:
            _line_end(line, after)  # key: (empty)
            return
        _need(node.start_mark.line == line_no and node.start_mark.column == after + 1
              and line[after:after + 1] == " ")
        _scalar_text(node, line)
        _line_end(line, node.end_mark.column)
        return
    assert isinstance(node, (yaml.SequenceNode, yaml.MappingNode))
    if node.flow_style:
        _need(node.start_mark.line == line_no and node.end_mark.line == line_no
              and node.start_mark.column == after + 1 and line[after:after + 1] == " ")
        if isinstance(node, yaml.SequenceNode):
            parts = []
            for item in node.value:
                _scalar_text(item, line)
                parts.append(line[item.start_mark.column:item.end_mark.column])
            wanted = "[" + ", ".join(parts) + "]"
        else:
            parts = []
            for key, value in node.value:
                _need(isinstance(key, yaml.ScalarNode) and not key.style)
                _scalar_text(key, line)
                _scalar_text(value, line)
                parts.append(line[key.start_mark.column:key.end_mark.column] + ": "
                             + line[value.start_mark.column:value.end_mark.column])
            wanted = "{" + ", ".join(parts) + "}"
        _need(line[node.start_mark.column:node.end_mark.column] == wanted)
        _line_end(line, node.end_mark.column)
        return
    _line_end(line, after)
    if isinstance(node, yaml.MappingNode):
        _canon_mapping(node, lines, used, col + 2, False)
        return
    assert isinstance(node, yaml.SequenceNode)
    _need(bool(node.value))
    for item in node.value:
        at = item.start_mark.line
        _need(at > line_no and item.start_mark.column == col + 4
              and lines[at][:col + 4] == " " * (col + 2) + "- ")
        if isinstance(item, yaml.MappingNode):
            _need(not item.flow_style)
            _canon_mapping(item, lines, used, col + 4, True)
        else:
            _need(isinstance(item, yaml.ScalarNode) and not used[at])
            used[at] = True
            _scalar_text(item, lines[at])
            _line_end(lines[at], item.end_mark.column)


def _canon_mapping(node: yaml.MappingNode, lines: list[str], used: list[bool], col: int,
                   dash: bool) -> None:
    _need(not node.flow_style and bool(node.value))
    for n, (key, value) in enumerate(node.value):
        at = key.start_mark.line
        _need(isinstance(key, yaml.ScalarNode) and not key.style and not used[at]
              and key.start_mark.column == col and key.end_mark.line == at)
        used[at] = True
        line = lines[at]
        lead = " " * (col - 2) + "- " if dash and n == 0 else " " * col
        end = key.end_mark.column
        _need(line[:col] == lead and line[col:end] == key.value and line[end:end + 1] == ":")
        _canon_value(value, lines, used, at, col, end + 1)


def is_canonical(text: str) -> bool:
    """Whether ``text`` (valid YAML, ``\\n`` line ends) is already exactly what fmt writes.

    Conservative: False sends a file through the full path, which may still find it tidy.
    """
    if "\t" in text or "\r" in text or not text.endswith("\n") or text.endswith("\n\n"):
        return False
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(root, yaml.MappingNode):
        return False
    lines = text.split("\n")[:-1]
    used = [False] * len(lines)
    try:
        _canon_mapping(root, lines, used, 0, False)
    except _NotCanonical:
        return False
    for mapping, order in _orders(root):
        keys = [str(k.value) for k, _ in mapping.value]
        if _wanted(keys, order) != list(range(len(keys))):
            return False
    # Every other line is blank, or a comment indented like the line below it.
    indent, blank = 0, False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if used[i]:
            indent, blank = len(line) - len(line.lstrip(" ")), False
            if line != line.rstrip():
                return False
        elif line == "":
            if blank or i == 0:
                return False
            blank = True
        else:
            if line != " " * indent + line.lstrip(" ") or not line.lstrip(" ").startswith("#") \
                    or line != line.rstrip():
                return False
            blank = False
    return True


# --- what must not change --------------------------------------------------------------


def comment_positions(text: str) -> list[tuple[str, int, int]]:
    """Every comment: its text (after ``#``, stripped), 1-based line and column."""
    spans: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.ScalarToken):
            spans.append((token.start_mark.index, token.end_mark.index))
    found: list[tuple[str, int, int]] = []
    pos, span = 0, 0
    line, line_start, counted = 1, 0, 0  # the line of text[counted], and where it starts
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
            newlines = text.count("\n", counted, at)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", counted, at) + 1
            counted = at
            found.append((text[at + 1:eol].strip(), line, at - line_start + 1))
            pos = eol
        else:
            pos = at + 1
    return found


def comments(text: str) -> Counter[str]:
    """Every comment's text (after ``#``, stripped), counted."""
    return Counter(c for c, _line, _col in comment_positions(text))


def _signature(node: yaml.Node) -> Any:
    """What a node means to any YAML reader: its resolved tag and value, at every level.

    Mapping entries are compared as a sorted list (fmt reorders keys); ``key:`` (empty),
    ``key: ~``, ``key: null`` and ``key: ''`` all differ, so that empty stays empty.
    """
    if isinstance(node, yaml.ScalarNode):
        return ("s", node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return ("q", node.tag, tuple(_signature(item) for item in node.value))
    assert isinstance(node, yaml.MappingNode)
    return ("m", node.tag, tuple(sorted((_signature(k), _signature(v)) for k, v in node.value)))


def _first_change(before: yaml.Node, after: yaml.Node | None) -> yaml.Node:
    """The first node of ``before`` whose meaning ``after`` does not keep (for its line)."""
    if after is None or type(before) is not type(after) or before.tag != after.tag:
        return before
    if isinstance(before, yaml.MappingNode):
        found = {_signature(k): v for k, v in after.value}
        for k, v in before.value:
            key = _signature(k)
            if key not in found:
                return k  # type: ignore[no-any-return]
            if _signature(v) != _signature(found[key]):
                return _first_change(v, found[key])
        return before
    if isinstance(before, yaml.SequenceNode):
        if len(before.value) != len(after.value):
            return before
        for a, b in zip(before.value, after.value, strict=True):
            if _signature(a) != _signature(b):
                return _first_change(a, b)
    return before


def _meaning(text: str) -> tuple[Any, Counter[str]]:
    """What formatting must keep: every node's tag and value, and every comment."""
    tree, _positions, findings = compose(text.encode("utf-8"), "<fmt>")
    if findings:
        raise FormatError(findings[0].message("en"))
    root = yaml.compose(text, Loader=_Loader)
    return (None if root is None else _signature(root)), comments(text)


def _problem(text: str, before: tuple[Any, Counter[str]], result: str) -> Finding:
    """Why a formatted text cannot be used: the first comment it loses, else the first value
    it would change (its line)."""
    lost: Counter[str] = Counter()
    after_root: yaml.Node | None = None
    try:
        after = _meaning(result)
        lost = before[1] - after[1]
        after_root = yaml.compose(result, Loader=_Loader)
    except (FormatError, yaml.YAMLError):
        pass
    if lost:
        for comment, line, col in comment_positions(text):
            if lost[comment]:
                return Finding("FMT001", Severity.ERROR, "", line, col, {"comment": comment})
    root = yaml.compose(text, Loader=_Loader)
    if root is None:  # pragma: no cover - an empty file never reaches fmt
        return Finding("FMT002", Severity.ERROR, "", 1, 1, {})
    mark = _first_change(root, after_root).start_mark
    return Finding("FMT002", Severity.ERROR, "", mark.line + 1, mark.column + 1, {})


def _refusal(text: str) -> Finding | None:
    """A property of the input that fmt does not rewrite: an explicit tag (``!!str``,
    ``!!omap``...) or an explicit key (``? key``), which the format does not use, or a tab
    inside unquoted text (ruamel cannot read it, and making it a space changes the text)."""
    for token in yaml.scan(text, Loader=_Loader):
        mark = token.start_mark
        if isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            tag = (handle or "") + (suffix or "")
            return Finding("FMT003", Severity.ERROR, "", mark.line + 1, mark.column + 1,
                           {"tag": tag})
        if isinstance(token, yaml.KeyToken) and text.startswith("?", mark.index):
            return Finding("FMT004", Severity.ERROR, "", mark.line + 1, mark.column + 1, {})
        if isinstance(token, yaml.ScalarToken) and token.plain:
            tab = text.find("\t", mark.index, token.end_mark.index)
            if tab >= 0:  # libyaml reads it as part of the text, ruamel refuses it
                line = text.count("\n", 0, tab)
                col = tab - (text.rfind("\n", 0, tab) + 1)
                return Finding("FMT006", Severity.ERROR, "", line + 1, col + 1, {})
    return None


def scalar_tokens(text: str) -> list[tuple[str, str | None, int, int]]:
    """Every scalar as written: its value, its style (None: plain) and its 0-based line and
    column, in the order of the text."""
    return [(t.value, t.style, t.start_mark.line, t.start_mark.column)
            for t in yaml.scan(text, Loader=_Loader) if isinstance(t, yaml.ScalarToken)]


def _rewritten_scalar(text: str, result: str) -> Finding | None:
    """The first scalar of ``text`` that ``result`` does not write as it is written (value
    and quoting), as an FMT007 finding at its place; None when every scalar is kept."""
    after = Counter((value, style) for value, style, _l, _c in scalar_tokens(result))
    before = scalar_tokens(text)
    if Counter((value, style) for value, style, _l, _c in before) == after:
        return None
    for value, style, line, col in before:
        if after[(value, style)] > 0:
            after[(value, style)] -= 1
            continue
        odd = [ch for ch in value if not _emitted_as_is(ch)]
        char = f"U+{ord(odd[0]):04X}" if odd else "?"
        return Finding("FMT007", Severity.ERROR, "", line + 1, col + 1, {"char": char})
    return Finding("FMT007", Severity.ERROR, "", 1, 1, {"char": "?"})  # pragma: no cover


def _untab(text: str) -> str:
    """Tabs that only separate tokens (``nama: X<TAB>``) become spaces: libyaml accepts them,
    ruamel does not. Tabs inside a value or a comment are kept."""
    if "\t" not in text:
        return text
    keep: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.ScalarToken):
            keep.append((token.start_mark.index, token.end_mark.index))
    line_starts = [0]
    for comment, line, col in comment_positions(text):
        del comment
        while len(line_starts) < line:
            line_starts.append(text.index("\n", line_starts[-1]) + 1)
        start = line_starts[line - 1] + col - 1
        end = text.find("\n", start)
        keep.append((start, len(text) if end < 0 else end))
    keep.sort()
    chars = list(text)
    span = 0
    at = text.find("\t")
    while at >= 0:
        while span < len(keep) and keep[span][1] <= at:
            span += 1
        if not (span < len(keep) and keep[span][0] <= at < keep[span][1]):
            chars[at] = " "
        at = text.find("\t", at + 1)
    return "".join(chars)


def format_text(text: str) -> str:
    """Format YAML text (``\\n`` line ends, no BOM); raises FormatError when unsafe.

    The error's ``finding`` says why and where (a tag, an explicit key, the first comment
    that would be lost, the first value that would change).
    """
    before = _meaning(text)
    refusal = _refusal(text)
    if refusal is not None:
        error = FormatError(refusal.code)
        error.finding = refusal
        raise error
    result = _attempt(text, before)
    # Idempotent: formatting the result again must give it back unchanged. A result in the
    # canonical shape is (that is the fast path's promise), without a second round trip.
    if result is not None and (is_canonical(result) or _attempt(result, before) == result):
        rewritten = _rewritten_scalar(text, result)
        if rewritten is not None:
            error = FormatError(rewritten.code)
            error.finding = rewritten
            raise error
        return result
    error = FormatError("formatting would lose a comment or change the content")
    error.finding = _problem(text, before, result if result is not None else _round_trip(
        _untab(text)))
    raise error


def _attempt(text: str, before: tuple[Any, Counter[str]]) -> str | None:
    """The formatted text, with keys reordered if that keeps ``before``, else without; None
    when even that changes the meaning."""
    plain = _round_trip(_untab(text))
    for reorder in (True, False):
        result = _shape(plain, reorder)
        try:
            if _meaning(result) == before:
                return result
        except (FormatError, yaml.YAMLError):
            continue
    return None


# --- files ------------------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")


def split_line_ends(text: str) -> tuple[str, str, bool]:
    """The text with every line break (CRLF, a lone CR, LF) made LF, the line end to write
    it back with, and whether the file mixes line ends.

    The line end is the file's own; of a mix, the one used most (a tie: LF, then CRLF,
    then CR). A text without a break is written with LF.
    """
    counts = Counter(_BREAK.findall(text))
    newline = max(("\n", "\r\n", "\r"), key=lambda brk: (counts[brk], brk == "\n",
                                                         brk == "\r\n"))
    normal = text.replace("\r\n", "\n").replace("\r", "\n") if counts.keys() - {"\n"} else text
    return normal, newline, len(counts) > 1


def format_bytes(raw: bytes, file: str) -> FmtResult:
    """Format a file's bytes: keeps a BOM and the line ending; findings when not YAML.

    Never raises: whatever goes wrong with one file becomes a finding for that file.
    """
    result = FmtResult(file, raw)
    try:
        _format_into(result, raw, file)
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the others
        result.formatted = None
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        result.findings = [Finding("FMT005", Severity.ERROR, file, 1, 1, {"detail": detail})]
    return result


def _format_into(result: FmtResult, raw: bytes, file: str) -> None:
    checked = check_bytes(raw, file)
    if isinstance(checked, Finding):
        result.findings.append(checked)
        return
    tree, positions, findings = compose(checked, file)
    if findings:
        result.findings.extend(findings)
        return
    if not isinstance(tree, dict):
        result.findings.append(not_a_mapping(tree, positions, file))
        return
    text, newline, mixed = split_line_ends(checked.decode("utf-8"))
    bom = _BOM if raw.startswith(_BOM) else b""
    if is_canonical(text):
        result.formatted = raw if not mixed else bom + text.replace("\n", newline).encode()
        return
    try:
        out = format_text(text)
    except FormatError as exc:
        where = exc.finding or Finding("FMT002", Severity.ERROR, file, 1, 1, {})
        result.findings.append(Finding(where.code, where.severity, file, where.line, where.col,
                                       where.params))
        return
    result.formatted = bom + out.replace("\n", newline).encode("utf-8")


def format_file(path: Path, file: str | None = None) -> FmtResult:
    """Read and format one file (nothing is written)."""
    name = file if file is not None else str(path)
    raw = read_bytes(path, name)
    if isinstance(raw, Finding):
        return FmtResult(name, findings=[raw])
    return format_bytes(raw, name)


def _format_path(path: Path) -> FmtResult:
    return format_file(path)


def format_files(paths: Iterable[Path], jobs: int | None = 1) -> Iterator[FmtResult]:
    """Format files, yielding each result in input order (nothing is written).

    ``jobs`` processes do the work (``None``: ``workers.default_jobs``, one per CPU for many
    files), as for validate.
    """
    yield from map_in_order(_format_path, paths, jobs)


def write_atomic(path: Path, data: bytes) -> None:
    """Rewrite an SOP file atomically, forced to disk (``source.atomic``).

    The file keeps its permission bits; a symbolic link stays a link (its target is written).
    """
    atomic.write_atomic(path, data, in_place=True, sync=True)


def replace_if_unchanged(path: Path, original: bytes, data: bytes) -> bool:
    """Write ``data`` over ``path`` unless the file no longer holds ``original`` (an edit
    saved while fmt ran is never overwritten); whether it was written.

    The file is read again just before the atomic replace; what is saved in the instant
    between the two is not seen (no lock is taken: editors do not honour one).
    """
    with open(path, "rb") as fh:
        now = fh.read(len(original) + 1)
    if now != original:
        return False
    write_atomic(path, data)
    return True


def _diff_lines(raw: bytes) -> list[str]:
    """A file's lines for a diff: LF, CRLF and CR breaks alike, each line ending in LF but
    the last one maybe (NEL, U+2028, U+2029 and form feeds are text here, as for fmt)."""
    text = split_line_ends(raw.decode("utf-8-sig"))[0]
    return [line for line in re.split(r"(?<=\n)", text) if line]


def unified_diff(result: FmtResult) -> str:
    """The change fmt makes to a file, as a unified diff (empty when none)."""
    if not result.changed or result.formatted is None:
        return ""
    before = _diff_lines(result.original)
    after = _diff_lines(result.formatted)
    name = result.file
    old, new = (name, name) if os.path.isabs(name) else (f"a/{name}", f"b/{name}")
    lines = difflib.unified_diff(before, after, old, new)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
