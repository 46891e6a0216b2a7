"""Bytes -> YAML node tree with positions -> plain data -> the model (``model.build``).

The file is read exactly as written (format.md, "Reading the YAML"): every scalar stays text,
duplicate keys and anchors/aliases are errors, encodings are checked, size and nesting are
bounded. Every problem becomes a Finding at the file:line:column of the value it is about.
"""

from __future__ import annotations

import copy
import difflib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from soptool.findings import Finding, Severity
from soptool.model import Error, ShapeError, Sop, build, fields_of

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

    Every scalar stays text (format.md), so the resolver's regular expressions for ints,
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
M = TypeVar("M")


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


@dataclass
class Loaded:
    """What loading one file gives: the model (when valid), findings, and positions."""

    file: str
    sop: Sop | None
    findings: list[Finding]
    positions: Positions
    data: Any = None
    partial: Sop | None = None  # when the shape is invalid: a repaired model, for checks only

    def finding(self, code: str, severity: Severity, path: YamlPath, at_key: bool = False,
                /, **params: Any) -> Finding:
        """A finding at the position of ``path`` (of its key, with ``at_key``) in this file."""
        line, col = self.positions.at(path, at_key)
        return Finding(code, severity, self.file, line, col, params)


def _error(file: str, code: str, line: int = 1, col: int = 1, /, **params: Any) -> Finding:
    return Finding(code, Severity.ERROR, file, line, col, params)


def read_bytes(path: Path, file: str, max_bytes: int = MAX_BYTES) -> bytes | Finding:
    """Read a file's bytes, bounded in size; a Finding when it cannot be read."""
    try:
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            # A named pipe or device would block or never end: only regular files are read.
            return _error(file, "SOP001", reason=("ui.not_regular", {}))
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return _error(file, "SOP006", size=size, limit=max_bytes)
            data = fh.read(max_bytes + 1)
    except IsADirectoryError:
        return _error(file, "SOP001", reason=("ui.is_directory", {}))
    except FileNotFoundError:
        return _error(file, "SOP001", reason=("ui.not_found", {}))
    except PermissionError:
        return _error(file, "SOP001", reason=("ui.permission", {}))
    except OSError as exc:
        return _error(file, "SOP001", reason=exc.strerror or str(exc))
    if len(data) > max_bytes:
        return _error(file, "SOP006", size=len(data), limit=max_bytes)
    return data


def _line_col(data: bytes, offset: int) -> Pos:
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, col


def check_bytes(data: bytes, file: str) -> bytes | Finding:
    """Strip a UTF-8 BOM; a Finding for NUL bytes or bytes that are not UTF-8."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # What Windows Notepad saves as "Unicode": say so rather than "binary".
        return _error(file, "SOP012", 1, 1, encoding="UTF-16")
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _line_col(data, nul)
        return _error(file, "SOP010", line, col)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return _error(file, "SOP002", line, col, byte=f"0x{data[exc.start]:02X}")
    return data


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
            found.append(_error(file, "SOP005", line, col))
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


def compose(data: bytes, file: str) -> tuple[Any, Positions, list[Finding]]:
    """Parse checked bytes into plain data (text scalars), positions and findings."""
    positions = Positions()
    try:
        if b"&" in data or b"*" in data:
            aliases = _alias_findings(data, file)
            if aliases:
                return None, positions, aliases
        root = yaml.compose(data, Loader=_TextLoader)
    except yaml.YAMLError as exc:
        line, col = _mark(exc)
        problem = getattr(exc, "problem", None) or str(exc)
        finding = _error(file, "SOP003", line, col, problem=_yaml_problem(problem))
        return None, positions, [finding]
    if root is None:
        return None, positions, [_error(file, "SOP008")]
    findings: list[Finding] = []
    tree = _convert(root, (), 0, positions, findings, file)
    return tree, positions, findings


def _convert(node: yaml.Node, path: YamlPath, depth: int, positions: Positions,
             findings: list[Finding], file: str) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions.values[path] = (line, col)
    if depth > MAX_DEPTH:
        findings.append(_error(file, "SOP007", line, col, limit=MAX_DEPTH))
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
            findings.append(_error(file, "SOP011", kline, kcol, found=(found, {})))
            continue
        key = str(knode.value)
        if key in out:
            first = positions.keys[path + (key,)][0]
            findings.append(
                _error(file, "SOP004", kline, kcol, key=key, first_line=first, line=kline)
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


def load_bytes(raw: bytes, file: str) -> Loaded:
    """Load an SOP from bytes."""
    tree, positions, findings = parse_yaml(raw, file)
    return _to_model(tree, positions, findings, file)


def load_file(path: Path, file: str | None = None) -> Loaded:
    """Load an SOP file: data, positions, the model when it is valid, and findings."""
    tree, positions, findings = read_yaml(path, file)
    return _to_model(tree, positions, findings, file if file is not None else str(path))


def not_a_mapping(tree: Any, positions: Positions, file: str) -> Finding:
    """SOP009: the file holds a list or a scalar where a mapping (key: value) belongs."""
    found = "found.list" if isinstance(tree, list) else "found.text"
    line, col = positions.at(())
    return _error(file, "SOP009", line, col, found=(found, {}))


def _to_model(tree: Any, positions: Positions, findings: list[Finding], file: str) -> Loaded:
    loaded = Loaded(file, None, findings, positions, tree)
    if findings or tree is None:
        return loaded
    if not isinstance(tree, dict):
        findings.append(not_a_mapping(tree, positions, file))
        return loaded
    try:
        loaded.sop = build(Sop, tree)
    except ShapeError as exc:
        errors = exc.errors
        findings.extend(_from_shape(Sop, err, positions, file) for err in errors)
        # Report the flow, actor and time problems too, not only the shape: check a copy in
        # which what was rejected is left out. It never becomes ``loaded.sop``.
        loaded.partial = _repaired(tree, errors)
    return loaded


# What a rejected text value becomes in the repaired copy; checks skip it, so that a value
# already reported as malformed does not also give follow-on findings.
REPAIRED = "\x00"
_TEXT_ERRORS = ("string_type", "sop_blank", "missing")


def _repaired(tree: dict[str, Any], errors: list[Error]) -> Sop | None:
    """A model of the file with the rejected values left out, or None when that is not
    possible (a required structure is missing). Paths do not move: unknown keys are
    removed, rejected text becomes REPAIRED, so positions stay true."""
    fixed = copy.deepcopy(tree)
    for err in errors:
        loc = tuple(err["loc"])
        if not loc:
            return None
        parent: Any = fixed
        for part in loc[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return None
        last = loc[-1]
        if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            parent[last] = REPAIRED
        elif isinstance(parent, dict) and isinstance(last, str):
            if err["type"] == "extra_forbidden":
                parent.pop(last, None)
            elif err["type"] in _TEXT_ERRORS and (err["type"] != "missing" or last in (
                    "kegiatan", "nama")):
                parent[last] = REPAIRED
            elif err["type"] == "missing":
                return None
            else:
                parent.pop(last, None)
        else:
            return None
    try:
        return build(Sop, fixed)
    except ShapeError:
        return None


def validate_model(
    cls: type[M], tree: dict[str, Any], positions: Positions, file: str
) -> tuple[M | None, list[Finding]]:
    """Read plain data as a format class; shape errors become positioned findings."""
    try:
        return build(cls, tree), []
    except ShapeError as exc:
        return None, [_from_shape(cls, err, positions, file) for err in exc.errors]


# --- shape errors -> findings --------------------------------------------------------


def _field_display(loc: YamlPath) -> tuple[str, Any]:
    """A location as the user reads it: ('kegiatan', step 3), 'tanggal.revisi', ..."""
    where: Any = ""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "langkah" and isinstance(parts[1], int):
        where = ("ui.in_step", {"step": parts[1] + 1})
        parts = parts[2:] or ["langkah"]
    text = ""
    for p in parts:
        if isinstance(p, int):
            text += f"[{p + 1}]"
        else:
            text += ("." if text else "") + p
    return text, where


def _model_at(cls: type, loc: Iterable[str | int]) -> type | None:
    current: type | None = cls
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        spec = fields_of(current).get(part)
        if spec is None:
            return None
        current = spec.kind.model
    return current


def _suggest(word: str, choices: Iterable[str]) -> Any:
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return ("ui.did_you_mean", {"suggestion": close[0]})
    if options and len(options) <= 16:
        return ("ui.allowed_keys", {"keys": ", ".join(options)})
    return ""


_TYPE_EXPECTED = {
    "string_type": "type.text",
    "list_type": "type.list",
    "model_type": "type.mapping",
    "dict_type": "type.mapping",
    "date_type": "type.text",
}


def _from_shape(cls: type, err: Error, positions: Positions, file: str) -> Finding:
    loc: YamlPath = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    field_text, where = _field_display(loc)
    if kind == "extra_forbidden":
        parent = _model_at(cls, loc[:-1])
        allowed = fields_of(parent).keys() if parent else ()
        line, col = positions.at(loc, key=True)
        return _error(file, "SOP101", line, col, key=str(loc[-1]), hint=_suggest(str(loc[-1]),
                      allowed))
    line, col = positions.at(loc)
    if kind == "missing" or (kind in _TYPE_EXPECTED and err.get("input") is None):
        return _error(file, "SOP102", line, col, field=field_text, where=where)
    if kind in ("too_short", "sop_blank"):
        return _error(file, "SOP106", line, col, field=field_text, where=where)
    if kind == "sop_date":
        return _error(file, "SOP104", line, col, text=ctx["text"], reason=ctx["reason"])
    if kind == "sop_id":
        return _error(file, "SOP105", line, col, text=ctx["text"])
    if kind == "sop_id_reserved":
        return _error(file, "SOP109", line, col, text=ctx["text"])
    if kind in _TYPE_EXPECTED:
        expected = _TYPE_EXPECTED[kind]
        if loc and loc[-1] in ("kelengkapan", "output", "pelaksana") and len(loc) == 3:
            expected = "type.text_or_list"
        return _error(file, "SOP103", line, col, field=field_text, where=where,
                      expected=(expected, {}))
    return _error(file, "SOP100", line, col, field=field_text, where=where,
                  detail=kind)
