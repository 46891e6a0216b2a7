"""Names made from an SOP's own text: the importer's file names and the site's page folders."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII words of ``text`` joined by ``sep`` (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.lower()).strip(sep)
