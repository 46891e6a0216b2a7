"""report.markdown: one escaping table for rendered documents and diff --format md."""

from __future__ import annotations

from soptool.report.markdown import md_cell, md_escape

TRICKY = "~~coret~~ #1 ![gambar](x) a|b <i>`k`</i> & [l](u) _e_ *t* \\"


def test_inline_and_cell_escape_the_same_on_one_line() -> None:
    assert md_cell(TRICKY) == md_escape(TRICKY)
    assert md_escape(TRICKY) == (
        "\\~\\~coret\\~\\~ \\#1 \\!\\[gambar\\](x) a\\|b &lt;i&gt;\\`k\\`&lt;/i&gt; &amp; "
        "\\[l\\](u) \\_e\\_ \\*t\\* \\\\")


def test_line_breaks_differ_by_purpose() -> None:
    assert md_escape("baris satu\n\n  baris  dua") == "baris satu baris dua"
    assert md_cell("baris satu\n\n  baris  dua") == "baris satu<br>baris dua"
    assert md_cell(None) == ""
