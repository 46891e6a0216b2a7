"""An SOP's status (docs/format.md section 3): what other code (site, render) reads.

``status`` is one of ``STATUS_ENUM`` (draf, berlaku, digantikan, dicabut); an SOP without
one is in force ("berlaku"). ``soptool validate`` reports a value that is not one of them
(SOP110); ``effective_status`` still gives an answer for such a file, and a cautious one.
"""

from __future__ import annotations

from soptool.model.sop import STATUS_ENUM, Sop

__all__ = ["DEFAULT_STATUS", "STATUS_ENUM", "STATUS_LABELS", "effective_status"]

DEFAULT_STATUS = "berlaku"

# The Indonesian label of each status, as shown to readers (catalogue, badges).
STATUS_LABELS: dict[str, str] = {
    "draf": "Draf",
    "berlaku": "Berlaku",
    "digantikan": "Digantikan",
    "dicabut": "Dicabut",
}


def effective_status(sop: Sop) -> str:
    """The SOP's status, one of ``STATUS_ENUM``: "berlaku" when ``status`` is missing.

    The value is read without regard to case or surrounding spaces ("Draf" is a draft).
    A value that is none of the four (validate reports it: SOP110) counts as "draf": a
    file whose state cannot be told is not published as in force.
    """
    if sop.status is None:
        return DEFAULT_STATUS
    word = sop.status.strip().lower()
    return word if word in STATUS_ENUM else "draf"
