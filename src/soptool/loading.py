"""Plain data -> the model; shape errors mapped back to file:line:column findings.

``source.yamltree`` turns bytes into plain data with positions; this module reads that data
as the format's pydantic models (``soptool.model``: ``Sop.model_validate``), turns pydantic's
errors into positioned findings (SOP100-SOP109), and keeps a repaired partial model when the
shape is wrong, so that flow and time problems are still reported.
"""

from __future__ import annotations

import copy
import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from soptool.findings import Finding, Severity
from soptool.model import Sop
from soptool.source.yamltree import (
    Positions,
    YamlPath,
    error_finding,
    not_a_mapping,
    parse_yaml,
    read_yaml,
)

M = TypeVar("M", bound=BaseModel)
Error = dict[str, Any]  # one of pydantic's ``ValidationError.errors()``: type, loc, input, ctx


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



def load_bytes(raw: bytes, file: str) -> Loaded:
    """Load an SOP from bytes."""
    tree, positions, findings = parse_yaml(raw, file)
    return _to_model(tree, positions, findings, file)


def load_file(path: Path, file: str | None = None) -> Loaded:
    """Load an SOP file: data, positions, the model when it is valid, and findings."""
    tree, positions, findings = read_yaml(path, file)
    return _to_model(tree, positions, findings, file if file is not None else str(path))



def _to_model(tree: Any, positions: Positions, findings: list[Finding], file: str) -> Loaded:
    loaded = Loaded(file, None, findings, positions, tree)
    if findings or tree is None:
        return loaded
    if not isinstance(tree, dict):
        findings.append(not_a_mapping(tree, positions, file))
        return loaded
    try:
        loaded.sop = Sop.model_validate(tree)
    except ValidationError as exc:
        errors = shape_errors(exc, Sop)
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
        return Sop.model_validate(fixed)
    except ValidationError:
        return None


def validate_model(
    cls: type[M], tree: dict[str, Any], positions: Positions, file: str
) -> tuple[M | None, list[Finding]]:
    """Read plain data as a format class; shape errors become positioned findings."""
    try:
        return cls.model_validate(tree), []
    except ValidationError as exc:
        return None, [_from_shape(cls, err, positions, file) for err in shape_errors(exc, cls)]


def shape_errors(exc: ValidationError, cls: type[BaseModel]) -> list[Error]:
    """pydantic's errors for ``cls``, one per location (the first), in pydantic's order: the
    fields in declaration order (depth first), then unknown keys in file order.

    Locations are paths into the data: pydantic's tags for the member of a union (``'str'``,
    ``'list[str]'``...) are left out, so that a value which fails every member of a union is
    one finding, not one per member. (The format's models have no such union today; their
    optional fields are nullable types, which report one error.)
    """
    seen: set[tuple[str | int, ...]] = set()
    out: list[Error] = []
    for err in exc.errors(include_url=False):
        loc = _without_union_tags(cls, tuple(err["loc"]))
        if loc not in seen:
            seen.add(loc)
            out.append({"type": err["type"], "loc": loc, "input": err.get("input"),
                        "ctx": err.get("ctx") or {}})
    return out


_UNION_TAG = object()  # where a location's next part names a union's member


def _one_type(annotation: Any) -> Any:
    """``annotation`` without Annotated's metadata and a nullable's None, or _UNION_TAG."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return _UNION_TAG
            annotation = members[0]
        else:
            return annotation


def _inner(annotation: Any, part: str | int) -> Any:
    """The type found at ``part`` inside a value of type ``annotation`` (None: unknown)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(part) if isinstance(part, str) else None
        return info.annotation if info is not None else None
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and args:
        return args[0]
    if typing.get_origin(annotation) is dict and len(args) == 2:
        return args[1]
    return None


def _without_union_tags(cls: type[BaseModel], loc: tuple[str | int, ...]) -> YamlPath:
    path: list[str | int] = []
    annotation: Any = cls
    for part in loc:
        annotation = _one_type(annotation)
        if annotation is _UNION_TAG:
            annotation = None  # which member the rest is about is not followed
            continue
        path.append(part)
        annotation = _inner(annotation, part)
    return tuple(path)


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


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class a field's annotation holds (``Tanggal``, ``list[Langkah]``...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _model_at(cls: type[BaseModel], loc: Iterable[str | int]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = cls
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _nested_model(info.annotation)
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
    "model_attributes_type": "type.mapping",
    "dict_type": "type.mapping",
    "date_type": "type.text",
}


def _from_shape(cls: type[BaseModel], err: Error, positions: Positions, file: str) -> Finding:
    loc: YamlPath = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    field_text, where = _field_display(loc)
    if kind == "extra_forbidden":
        parent = _model_at(cls, loc[:-1])
        allowed = parent.model_fields.keys() if parent else ()
        line, col = positions.at(loc, key=True)
        return error_finding(file, "SOP101", line, col, key=str(loc[-1]),
                             hint=_suggest(str(loc[-1]), allowed))
    line, col = positions.at(loc)
    if kind == "missing" or (kind in _TYPE_EXPECTED and err.get("input") is None):
        return error_finding(file, "SOP102", line, col, field=field_text, where=where)
    if kind in ("too_short", "sop_blank"):
        return error_finding(file, "SOP106", line, col, field=field_text, where=where)
    if kind == "sop_date":
        return error_finding(file, "SOP104", line, col, text=ctx["text"], reason=ctx["reason"])
    if kind == "sop_id":
        return error_finding(file, "SOP105", line, col, text=ctx["text"])
    if kind == "sop_id_reserved":
        return error_finding(file, "SOP109", line, col, text=ctx["text"])
    if kind in _TYPE_EXPECTED:
        expected = _TYPE_EXPECTED[kind]
        if loc and loc[-1] in ("kelengkapan", "output", "pelaksana") and len(loc) == 3:
            expected = "type.text_or_list"
        return error_finding(file, "SOP103", line, col, field=field_text, where=where,
                      expected=(expected, {}))
    return error_finding(file, "SOP100", line, col, field=field_text, where=where,
                  detail=kind)
