"""Markdown escaping: user text (kegiatan, names, messages) shown as text, never as markup.

One table of what is special, two shapes of output: ``md_escape`` for inline text on one
line (``soptool diff --format md``: headings, list items, table cells), ``md_cell`` for text
whose line breaks matter (the ``md`` filter of the document templates: lines kept as
``<br>``). Both escape the same characters, so a kegiatan reads the same in a rendered
document and in a review comment.
"""

from __future__ import annotations

# Backslash-escaped: emphasis, code, links and images, table cells, strikethrough,
# headings. Written as entities: HTML (and so the entity character itself).
_SPECIAL = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|",
    "~": "\\~", "#": "\\#", "!": "\\!", "<": "&lt;", ">": "&gt;", "&": "&amp;",
})


def md_escape(text: str) -> str:
    """Text made safe as inline Markdown on one line (no markup, no HTML, no cell breaks):
    every run of white space, line breaks too, becomes one space."""
    return " ".join(text.split()).translate(_SPECIAL)


def md_cell(value: object) -> str:
    """Text made safe for a Markdown table cell: specials escaped, line breaks as <br>
    (blank lines dropped), other white space runs as one space; None is empty."""
    text = "" if value is None else str(value)
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "<br>".join(line.translate(_SPECIAL) for line in lines if line)
