"""Valid generated SOPs through the library: validate, load, duration, fmt, render, diff."""

from __future__ import annotations

import io
import json

from hypothesis import given

import soptool
from soptool.findings import Severity
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
    check_not_evaluated,
    fuzz_settings,
    soptool_data,
)
from .strategies import Generated, sops


def _fmt(raw: bytes):
    return format_bytes(raw, "<fuzz>")


@fuzz_settings()
@given(sops())
def test_generated_sops_are_valid(gen: Generated) -> None:
    assert soptool_data(gen.raw) == gen.data
    findings = soptool.validate(gen.raw)
    errors = [f"{f.line}:{f.col} {f.code} {f.message('en')}" for f in findings
              if f.severity is Severity.ERROR]
    assert errors == []
    check_findings_located(gen.raw, findings)
    assert soptool.load(gen.raw).nama == gen.data["nama"]


@fuzz_settings()
@given(sops())
def test_duration_of_valid_sops(gen: Generated) -> None:
    sop = soptool.load(gen.raw)
    est = estimate(sop)
    assert est.path and est.path[0] == 0
    again = estimate(sop, ulang=2)
    if est.total is not None and again.total is not None:
        assert again.total.low >= est.total.low


@fuzz_settings()
@given(sops())
def test_fmt_keeps_data_comments_and_is_idempotent(gen: Generated) -> None:
    result = _fmt(gen.raw)
    assert not result.failed, [f.message("en") for f in result.findings]
    check_fmt_result(gen.raw, result, scalars=False)
    check_idempotent(result, _fmt)


@fuzz_settings()
@given(sops())
def test_fmt_keeps_every_scalar_as_written(gen: Generated) -> None:
    result = _fmt(gen.raw)
    check_fmt_result(gen.raw, result, scalars=True)


@fuzz_settings(0.5)
@given(sops())
def test_render_is_escaped_and_deterministic(gen: Generated) -> None:
    sop = soptool.load(gen.raw)
    html = render(sop, "html")
    assert render(sop, "html") == html
    check_html_escaped(html)
    kegiatan = "\n".join(step["kegiatan"] for step in gen.data["langkah"])
    check_not_evaluated(kegiatan, html)
    md = render(sop, "md")
    assert render(sop, "md") == md
    check_markdown_tables(md)
    check_not_evaluated(kegiatan, md)


@fuzz_settings(0.5)
@given(sops(max_steps=15), sops(max_steps=15))
def test_diff_of_valid_sops(a: Generated, b: Generated) -> None:
    old, new = soptool.load(a.raw), soptool.load(b.raw)
    assert diff.compare(old, old, "a", "a").status == "unchanged"
    for pair in ((old, new), (new, old), (None, new), (old, None)):
        d = diff.compare(*pair, "a", "b")
        for write in (diff.write_text, diff.write_markdown):
            out = io.StringIO()
            write([d], out)
        out = io.StringIO()
        diff.write_json([d], out)
        json.loads(out.getvalue())
        check_markdown_tables(_md(d))


def _md(d: diff.SopDiff) -> str:
    out = io.StringIO()
    diff.write_markdown([d], out)
    return out.getvalue()
