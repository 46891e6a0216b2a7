"""Bytes -> YAML node tree with positions -> plain data (text scalars).

The file is read exactly as written (docs/format.md): every scalar stays text, duplicate keys
and anchors/aliases are errors, encodings are checked, size and nesting are bounded. Every
problem becomes a Finding at the file:line:column of the value it is about.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from soptool.findings import Finding, Severity

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_FINDINGS = 20
_NULL_TAG = "tag:yaml.org,2002:null"
_BOM = b"\xef\xbb\xbf"

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # YAML 1.1's implicit null words
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR = yaml.ScalarNode


class _TextLoader(_Loader):  # type: ignore[misc]
    """The loader with the only tag resolution we use: plain null words, else text.

    Every scalar stays text (docs/format.md), so the resolver's regular expressions for ints,
    floats, booleans and dates, run in Python for every node, are wasted work; so are path
    resolvers, which are never registered. Nulls resolve exactly as in the safe loader.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


YamlPath = tuple[str | int, ...]
Pos = tuple[int, int]


@dataclass
class Positions:
    """Where each value (and each mapping key) of a file stands: path -> (line, column)."""

    values: dict[YamlPath, Pos] = field(default_factory=dict)
    keys: dict[YamlPath, Pos] = field(default_factory=dict)

    def at(self, path: YamlPath, key: bool = False) -> Pos:
        """Position of the value (or key) at ``path``, else of its nearest parent, else 1:1."""
        if key and path in self.keys:
            return self.keys[path]
        p = path
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))



def error_finding(file: str, code: str, line: int = 1, col: int = 1, /,
                  **params: Any) -> Finding:
    """An error finding in ``file`` at line:col."""
    return Finding(code, Severity.ERROR, file, line, col, params)


def read_bytes(path: Path, file: str, max_bytes: int = MAX_BYTES) -> bytes | Finding:
    """Read a file's bytes, bounded in size; a Finding when it cannot be read."""
    try:
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            # A named pipe or device would block or never end: only regular files are read.
            return error_finding(file, "SOP001", reason=("ui.not_regular", {}))
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return error_finding(file, "SOP006", size=size, limit=max_bytes)
            data = fh.read(max_bytes + 1)
    except IsADirectoryError:
        return error_finding(file, "SOP001", reason=("ui.is_directory", {}))
    except FileNotFoundError:
        return error_finding(file, "SOP001", reason=("ui.not_found", {}))
    except PermissionError:
        return error_finding(file, "SOP001", reason=("ui.permission", {}))
    except OSError as exc:
        return error_finding(file, "SOP001", reason=exc.strerror or str(exc))
    if len(data) > max_bytes:
        return error_finding(file, "SOP006", size=len(data), limit=max_bytes)
    return data


# What libyaml counts as a line break, so that the positions found here (NUL, bad UTF-8,
# control characters) agree with libyaml's marks: LF, CRLF, a lone CR (old Mac editors), NEL,
# LINE SEPARATOR and PARAGRAPH SEPARATOR.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Control characters that no text of an SOP may hold, raw or written as a YAML escape
# ("\\0", "\\x07", "\\e"): C0 except tab and line breaks, DEL, and C1 (U+0080-U+009F).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _line_col(data: bytes, offset: int) -> Pos:
    """line:column (from 1, in characters) of the byte at ``offset``."""
    text = data[:offset].decode("utf-8", errors="replace")
    line, start = 1, 0
    for brk in _BREAKS.finditer(text):
        line, start = line + 1, brk.end()
    return line, len(text) - start + 1


def control_name(char: str) -> str:
    """A control character as a user can look it up: ``U+0000``."""
    return f"U+{ord(char):04X}"


def check_bytes(data: bytes, file: str) -> bytes | Finding:
    """Strip a UTF-8 BOM; a Finding for NUL bytes, bytes that are not UTF-8 or a control
    character."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # What Windows Notepad saves as "Unicode": say so rather than "binary".
        return error_finding(file, "SOP012", 1, 1, encoding="UTF-16")
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _line_col(data, nul)
        return error_finding(file, "SOP010", line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return error_finding(file, "SOP002", line, col, byte=f"0x{data[exc.start]:02X}")
    control = _CONTROL.search(text)
    if control is not None:
        # libyaml would stop at it with a reader error that has no line:column.
        offset = len(text[:control.start()].encode("utf-8"))
        line, col = _line_col(data, offset)
        return error_finding(file, "SOP013", line, col, char=control_name(control.group()))
    return data


def _within(data: bytes, line: int, col: int) -> Pos:
    """A position inside the file: libyaml puts the end of a stream that has no final line
    break on the line after the last one; that is the end of the last line."""
    lines = _BREAKS.split(data.decode("utf-8", errors="replace"))
    if line <= len(lines):
        return line, col
    return len(lines), len(lines[-1]) + 1


def _mark(exc: yaml.YAMLError) -> Pos:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    return 1, 1


def _alias_findings(data: bytes, file: str) -> list[Finding]:
    found: list[Finding] = []
    for event in yaml.parse(data, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            found.append(error_finding(file, "SOP005", line, col))
            if len(found) >= MAX_ALIAS_FINDINGS:
                break
    return found


# libyaml's problems, in the users' words; anything else is quoted as libyaml says it.
_YAML_PROBLEMS = (
    ("could not find expected ':'", "yaml.colon"),
    ("cannot start any token", "yaml.token"),
    ("tab character that violates indentation", "yaml.token"),
    ("found another document", "yaml.documents"),
    ("mapping values are not allowed", "yaml.mapping_here"),
    ("expected <block end>", "yaml.block_end"),
    ("did not find expected key", "yaml.block_end"),
    ("did not find expected '-' indicator", "yaml.block_end"),
    ("found unexpected end of stream", "yaml.eof"),
    ("end of the stream or a document separator", "yaml.documents"),
    ("expected a single document", "yaml.documents"),
    ("did not find expected ',' or ']'", "yaml.flow"),
    ("did not find expected ',' or '}'", "yaml.flow"),
)


def _yaml_problem(problem: str) -> object:
    for text, key in _YAML_PROBLEMS:
        if text in problem:
            return (key, {})
    return problem


# libyaml (PyYAML 6.0.4 and later) stops at 1,000 levels itself, before we see the tree.
_LIBYAML_DEPTH = "exceeded maximum nesting depth"
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _too_deep(data: bytes, file: str) -> Finding:
    """SOP007 at the first node deeper than MAX_DEPTH, as ``_convert`` reports it."""
    depth = -1  # the depth of the innermost open collection; the root node is at depth 0
    try:
        # PyYAML's own parser: libyaml fails while scanning ahead, before any event.
        for event in yaml.parse(data, Loader=yaml.SafeLoader):
            if isinstance(event, (*_OPENS, yaml.ScalarEvent)) and depth + 1 > MAX_DEPTH:
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                return error_finding(file, "SOP007", line, col, limit=MAX_DEPTH)
            if isinstance(event, _OPENS):
                depth += 1
            elif isinstance(event, _CLOSES):
                depth -= 1
    except yaml.YAMLError:
        pass
    return error_finding(file, "SOP007", 1, 1, limit=MAX_DEPTH)  # pragma: no cover


def compose(data: bytes, file: str) -> tuple[Any, Positions, list[Finding]]:
    """Parse checked bytes into plain data (text scalars), positions and findings."""
    positions = Positions()
    try:
        if b"&" in data or b"*" in data:
            aliases = _alias_findings(data, file)
            if aliases:
                return None, positions, aliases
        root = yaml.compose(data, Loader=_TextLoader)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (U+FFFE)
        line, col = _line_col(data, exc.position)  # libyaml's position: a byte offset
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        finding = error_finding(file, "SOP003", line, col,
                                problem=("yaml.unacceptable", {"char": f"U+{char:04X}"}))
        return None, positions, [finding]
    except yaml.YAMLError as exc:
        line, col = _within(data, *_mark(exc))
        problem = getattr(exc, "problem", None) or str(exc)
        if _LIBYAML_DEPTH in problem:
            return None, positions, [_too_deep(data, file)]
        finding = error_finding(file, "SOP003", line, col, problem=_yaml_problem(problem))
        return None, positions, [finding]
    if root is None:
        return None, positions, [error_finding(file, "SOP008")]
    findings: list[Finding] = []
    tree = _convert(root, (), 0, positions, findings, file)
    if b"\\" in data:  # raw control characters are found in check_bytes; escapes here
        findings.extend(_escaped_controls(root, file))
    return tree, positions, findings


def _escaped_controls(root: yaml.Node, file: str) -> list[Finding]:
    """SOP013 at each scalar (value or key) whose text holds a control character, written
    as a double-quoted YAML escape (``"a\\0b"``)."""
    found: list[Finding] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            control = _CONTROL.search(str(node.value))
            if control is not None:
                mark = node.start_mark
                found.append(error_finding(file, "SOP013", mark.line + 1, mark.column + 1,
                                           char=control_name(control.group())))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for knode, vnode in reversed(node.value):
                stack.extend((vnode, knode))
    return found


def _convert(node: yaml.Node, path: YamlPath, depth: int, positions: Positions,
             findings: list[Finding], file: str) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions.values[path] = (line, col)
    if depth > MAX_DEPTH:
        findings.append(error_finding(file, "SOP007", line, col, limit=MAX_DEPTH))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG and not node.style:
            return None
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        items = []
        inline = depth < MAX_DEPTH  # a scalar child is within the depth limit
        for i, child in enumerate(node.value):
            if inline and child.__class__ is _SCALAR:  # the common case, without a call
                mark = child.start_mark
                positions.values[path + (i,)] = (mark.line + 1, mark.column + 1)
                items.append(None if child.tag == _NULL_TAG and not child.style
                             else str(child.value))
                continue
            items.append(_convert(child, (*path, i), depth + 1, positions, findings, file))
            if findings and findings[-1].code == "SOP007":
                break
        return items
    assert isinstance(node, yaml.MappingNode)
    out: dict[str, Any] = {}
    inline = depth < MAX_DEPTH
    for knode, vnode in node.value:
        kline, kcol = knode.start_mark.line + 1, knode.start_mark.column + 1
        if not isinstance(knode, yaml.ScalarNode):
            found = "found.list" if isinstance(knode, yaml.SequenceNode) else "found.mapping"
            findings.append(error_finding(file, "SOP011", kline, kcol, found=(found, {})))
            continue
        key = str(knode.value)
        if key in out:
            first = positions.keys[path + (key,)][0]
            findings.append(
                error_finding(file, "SOP004", kline, kcol, key=key, first_line=first, line=kline)
            )
            continue
        vpath = path + (key,)
        positions.keys[vpath] = (kline, kcol)
        if inline and vnode.__class__ is _SCALAR:  # as in _convert, without a call
            mark = vnode.start_mark
            positions.values[vpath] = (mark.line + 1, mark.column + 1)
            out[key] = None if vnode.tag == _NULL_TAG and not vnode.style else str(vnode.value)
            continue
        out[key] = _convert(vnode, vpath, depth + 1, positions, findings, file)
        if findings and findings[-1].code == "SOP007":
            break
    return out


def read_yaml(path: Path, file: str | None = None) -> tuple[Any, Positions, list[Finding]]:
    """Read a YAML file into plain data with positions; findings for anything wrong."""
    name = file if file is not None else str(path)
    raw = read_bytes(path, name)
    if isinstance(raw, Finding):
        return None, Positions(), [raw]
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, file: str) -> tuple[Any, Positions, list[Finding]]:
    """Parse bytes into plain data with positions; findings for anything wrong."""
    data = check_bytes(raw, file)
    if isinstance(data, Finding):
        return None, Positions(), [data]
    return compose(data, file)




def not_a_mapping(tree: Any, positions: Positions, file: str) -> Finding:
    """SOP009: the file holds a list or a scalar where a mapping (key: value) belongs."""
    found = "found.list" if isinstance(tree, list) else "found.text"
    line, col = positions.at(())
    return error_finding(file, "SOP009", line, col, found=(found, {}))

