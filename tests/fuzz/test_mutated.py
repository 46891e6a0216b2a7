"""Mutated SOP files through the library: never an exception, every finding located, fmt
keeps the data and comments (or refuses with a finding), whatever loads times, renders and
diffs.

One test per mutation family (strategies.FAMILIES), so that a family that hits a known bug
can be marked alone; each example goes through every stage (one generation, several uses).
"""

from __future__ import annotations

import io
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import soptool
from soptool.findings import Severity, SopInvalid
from soptool.render.document import render
from soptool.review import diff
from soptool.review.fmt import format_bytes
from soptool.timing.estimate import estimate

from .checks import (
    check_findings_located,
    check_fmt_result,
    check_html_escaped,
    check_idempotent,
    check_markdown_tables,
    fuzz_settings,
)
from .strategies import FAMILIES, Mutated, damaged_line_ends, mutated, sops

# The families that once crashed fmt or changed data (issue 11), each now fixed and run
# on its own below as a regression: a scalar followed by a tab, !!omap / !!seq / !!str [],
# '? a # c' explicit keys, empty values written back as null, CR-only line ends.
FMT_KNOWN = {
    "tabs": "a scalar followed by a tab",
    "tags": "!!omap / !!seq / !!str []",
    "explicit_keys": "'? a # c'",
    "empty": "an empty value",
    "line_ends": "CR-only and mixed line ends",
}


def _fmt(raw: bytes):
    return format_bytes(raw, "<fuzz>")


def _through_everything(m: Mutated, fmt: bool) -> None:
    findings = soptool.validate(m.raw)
    check_findings_located(m.raw, findings)
    if fmt:
        result = _fmt(m.raw)
        check_fmt_result(m.raw, result, scalars=False)
        check_idempotent(result, _fmt)
    try:
        sop = soptool.load(m.raw)
    except SopInvalid as exc:
        check_findings_located(m.raw, exc.findings)
        assert any(f.severity is Severity.ERROR for f in exc.findings)
        return
    estimate(sop)
    estimate(sop, ulang=3)
    html = render(sop, "html")
    check_html_escaped(html)
    assert render(sop, "html") == html
    check_markdown_tables(render(sop, "md"))
    d = diff.compare(soptool.load(m.source.raw), sop, "lama", "baru")
    for write in (diff.write_text, diff.write_markdown, diff.write_json):
        write([d], io.StringIO())


@pytest.mark.parametrize("family", FAMILIES)
def test_mutated_through_the_library(family: str) -> None:
    """validate/load, fmt (unless a known fmt bug: test_fmt_known_bugs), duration, render,
    diff."""

    @fuzz_settings()
    @given(mutated((family,)))
    def run(m: Mutated) -> None:
        _through_everything(m, fmt=True)

    run()


@pytest.mark.parametrize("family", [
    pytest.param(f, id=f) for f in FMT_KNOWN])
def test_fmt_known_bugs(family: str) -> None:
    @fuzz_settings()
    @given(mutated((family,)))
    def run(m: Mutated) -> None:
        result = _fmt(m.raw)
        check_fmt_result(m.raw, result)
        check_idempotent(result, _fmt)

    run()


@pytest.mark.parametrize("family", FAMILIES)
def test_fmt_keeps_every_scalar_as_written(family: str) -> None:
    @fuzz_settings(0.5)
    @given(mutated((family,)))
    def run(m: Mutated) -> None:
        check_fmt_result(m.raw, _fmt(m.raw), scalars=True)

    run()


@fuzz_settings()
@given(st.data())
def test_byte_findings_located_whatever_the_line_ends(data: st.DataObject) -> None:
    gen = data.draw(sops(max_steps=6))
    raw = data.draw(damaged_line_ends(gen.text))
    findings = soptool.validate(raw)
    check_findings_located(raw, findings)
    check_fmt_result(raw, _fmt(raw))


_CONTROL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]


@fuzz_settings()
@given(sops(max_steps=6), st.sampled_from(_CONTROL), st.data())
def test_control_characters_in_text_are_reported(gen, ch: str, data: st.DataObject) -> None:
    """A C0 control character (other than tab, LF, CR) written as an escape in a quoted
    text is not text an SOP can print: validate reports an error."""
    quoted = [m.start() for m in re.finditer(r'(?<![\\])"(?=[^"\n])', gen.text)]
    if not quoted:
        return
    at = data.draw(st.sampled_from(quoted)) + 1
    escape = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\x1b": "\\e"}.get(
        ch, f"\\x{ord(ch):02x}")
    text = gen.text[:at] + escape + gen.text[at:]
    # A '"' inside a single-quoted text opens no escape ('"\0"' is a backslash and a 0):
    # only a text that now holds the character counts (read by libyaml, as soptool reads).
    try:
        read = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return
    if ch not in repr_texts(read):
        return
    findings = soptool.validate(text.encode("utf-8"))
    assert any(f.severity is Severity.ERROR for f in findings), text


def repr_texts(value: object) -> str:
    """Every text (keys and values) of plain YAML data, joined."""
    if isinstance(value, dict):
        return "".join(repr_texts(k) + repr_texts(v) for k, v in value.items())
    if isinstance(value, list):
        return "".join(repr_texts(v) for v in value)
    return value if isinstance(value, str) else ""
