"""The fuzz properties, as plain assertions shared by the library and the CLI tests."""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import yaml
from hypothesis import settings

from soptool.findings import Finding
from soptool.source.yamltree import parse_yaml

# The line breaks of YAML 1.1, as libyaml and soptool count them: LF, CRLF, CR alone, and
# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (docs/format.md, "Cara berkas dibaca").
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BOM = b"\xef\xbb\xbf"
# The scanner soptool reads with (libyaml): it accepts a tab between tokens ("'x'\t# c"),
# which the pure-Python scanner refuses although the file is valid YAML.
_SCANNER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Words of a message that sends the user to report a soptool bug (only FMT005 may say so).
_BUG = re.compile(r"soptool bug|bug soptool|laporkan", re.IGNORECASE)


def fuzz_settings(scale: float = 1.0) -> settings:
    """The settings of a fuzz test: the "fuzz" profile unless another one was loaded
    (``--hypothesis-profile long``), with ``max_examples`` scaled (the CLI's are slow)."""
    name = settings.get_current_profile_name()
    # hypothesis loads its own "ci" profile where CI is set (100 examples a test): in CI, as
    # by default, the fuzz tests take the short "fuzz" profile.
    short = name.startswith("default") or name == "ci"
    base = settings.get_profile("fuzz") if short else settings.default
    if short:
        base = settings(base, verbosity=settings.default.verbosity)
    examples = int(os.environ.get("SOPTOOL_FUZZ_EXAMPLES") or base.max_examples)
    return settings(base, max_examples=max(1, int(examples * scale)))


def file_lines(raw: bytes) -> list[str]:
    """The lines of a file as soptool counts them: LF, CRLF, CR-only (and NEL, U+2028,
    U+2029) breaks alike (the
    text after the last break is a line, even when empty: a position at the very end)."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    return _BREAK.split(raw.decode("utf-8", errors="replace"))


def check_located(raw: bytes, where: Iterable[tuple[int, int]], what: object = "") -> None:
    """Every (line, column) lies inside the file: 1 <= line <= lines, 1 <= col <= len + 1."""
    lines = file_lines(raw)
    for line, col in where:
        assert 1 <= line <= len(lines), f"line {line} of {len(lines)} lines: {what}"
        assert 1 <= col <= len(lines[line - 1]) + 1, (
            f"column {col} of line {line} ({len(lines[line - 1])} characters): {what}")


def check_findings_located(raw: bytes, findings: Iterable[Finding]) -> None:
    """Every finding (a soptool Finding) lies inside the file."""
    for f in findings:
        check_located(raw, [(f.line, f.col)], f"{f.code} {f.message('en')}")


# --- fmt ------------------------------------------------------------------------------------


def comment_texts(text: str) -> Counter[str]:
    """Every comment's text (after ``#``, stripped), counted; found with PyYAML's scanner
    (a ``#`` outside every token, at a line start or after white space), not with fmt's."""
    spans = sorted((t.start_mark.index, t.end_mark.index) for t in yaml.scan(
        text, Loader=_SCANNER) if t.end_mark.index > t.start_mark.index)
    starts = [s for s, _e in spans]
    found: Counter[str] = Counter()
    pos = 0
    while True:
        at = text.find("#", pos)
        if at < 0:
            return found
        k = bisect.bisect_right(starts, at) - 1
        inside = k >= 0 and spans[k][0] <= at < spans[k][1]
        if not inside and (at == 0 or text[at - 1] in " \t\r\n\ufeff"):
            end = len(text)
            for brk in ("\n", "\r"):
                e = text.find(brk, at)
                if 0 <= e < end:
                    end = e
            found[text[at + 1:end].strip()] += 1
            pos = end
        else:
            pos = at + 1


def scalar_tokens(text: str) -> Counter[tuple[str, str | None]]:
    """Every scalar as written: (value, style) of PyYAML's scalar tokens, counted."""
    return Counter((t.value, t.style) for t in yaml.scan(text, Loader=_SCANNER)
                   if isinstance(t, yaml.ScalarToken))


def soptool_data(raw: bytes) -> Any:
    """The data soptool's own loader reads (every scalar text), or an error."""
    tree, _positions, findings = parse_yaml(raw, "<fuzz>")
    assert not findings, [f.message("en") for f in findings]
    return tree


def safe_data(text: str) -> tuple[bool, Any]:
    """What yaml.safe_load reads: (True, data), or (False, None) when it refuses."""
    try:
        return True, yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return False, None


def _text(raw: bytes) -> str:
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    return raw.decode("utf-8")


def check_fmt_result(raw: bytes, result: Any, scalars: bool = True) -> None:
    """fmt refused with a located finding, or kept the data, comments (and scalars)."""
    if result.failed:
        assert result.findings, "fmt refused without a finding"
        check_findings_located(raw, result.findings)
        for f in result.findings:
            # A refusal for a property of the input says so in the user's words; an
            # unexpected error (FMT005, "report it as a soptool bug") is a bug found here.
            assert f.code != "FMT005", f"fmt failed unexpectedly: {f.message('en')}"
            for lang in ("id", "en"):
                assert not _BUG.search(f.message(lang)), (
                    f"{f.code} calls a property of the input a soptool bug: {f.message(lang)}")
        return
    out = result.formatted
    assert out.startswith(_BOM) == raw.startswith(_BOM), "BOM not kept"
    assert soptool_data(out) == soptool_data(raw), "fmt changed soptool's data"
    before, after = _text(raw), _text(out)
    ok, data = safe_data(before)
    if ok:
        assert safe_data(after) == (True, data), "fmt changed yaml.safe_load's data"
    assert comment_texts(after) == comment_texts(before), "fmt changed the comments"
    if scalars:
        assert scalar_tokens(after) == scalar_tokens(before), "fmt changed a scalar as written"


def check_idempotent(result: Any, fmt_again: Any) -> None:
    """fmt of fmt's output changes nothing."""
    if result.formatted is None:
        return
    again = fmt_again(result.formatted)
    assert again.formatted == result.formatted, "fmt is not idempotent"


# --- render ---------------------------------------------------------------------------------

_BAD_AMP = re.compile(r"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_PIPE = re.compile(r"(?<!\\)\|")


def check_html_escaped(html: str) -> None:
    """User text (with <script>, {{ 7*7 }}, &, quotes) comes out escaped, never evaluated."""
    assert '<script>alert("x")' not in html and "<script>alert(" not in html
    assert "<b>tebal</b>" not in html
    assert "<!-- c -->" not in html
    bad = _BAD_AMP.search(html)
    assert bad is None, f"unescaped & at {html[max(0, bad.start() - 40):bad.end() + 40]!r}"


def check_markdown_tables(md: str) -> None:
    """Every row of every Markdown table has as many unescaped ``|`` as its header."""
    table: list[str] = []
    for line in [*md.split("\n"), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            counts = [len(_PIPE.findall(row)) for row in table]
            assert len(set(counts)) == 1, f"table rows with {counts} cells separators:\n" + (
                "\n".join(table))
            table = []


def check_not_evaluated(data_text: str, rendered: str) -> None:
    """Template syntax in user text is printed, never evaluated (``{{ 7*7 }}`` stays)."""
    for payload, core in (("{{ 7*7 }}", "7*7"), ("{% raw %}", "raw %}")):
        if payload in data_text:
            assert core in rendered, f"{payload!r} in user text did not come out as text"
