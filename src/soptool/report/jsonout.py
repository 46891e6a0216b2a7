"""The one shape of every ``--format json`` (validate, duration, diff): an envelope.

Each command writes a JSON object: ``versi``, the version of this JSON format (raised only
when a change would break a reader), ``soptool``, the program's version, then the command's
payload under named keys: ``findings`` (validate), ``files`` (duration, diff; diff also has
``revisi_problems``). Field names are the same everywhere: a finding is ``file``, ``line``,
``column``, ``code``, ``severity``, ``message``; working minutes are ``min_menit`` and
``max_menit``, as ``timing.durations.minutes_json`` writes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from soptool import __version__

JSON_VERSION = 1

# How json.dump (indent=2) lays out an item of a list under a key of the envelope: an item
# dumped on its own is indented by replacing each of its newlines with this.
ITEM_NEWLINE = "\n    "


def envelope(**payload: Any) -> dict[str, Any]:
    """The JSON document of a command: ``versi``, ``soptool``, then ``payload``."""
    return {"versi": JSON_VERSION, "soptool": __version__, **payload}


def write_document(doc: dict[str, Any], stream: IO[str]) -> None:
    """Write a JSON document as every command does (UTF-8 as is, indented by 2)."""
    json.dump(doc, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_items(key: str, texts: Sequence[str], stream: IO[str]) -> None:
    """The envelope with one list, ``key``, of items already dumped as JSON text (indented
    with ``ITEM_NEWLINE``): exactly what ``write_document(envelope(key=items))`` writes, for
    a command whose items are made in worker processes."""
    head = json.dumps(envelope(), ensure_ascii=False, indent=2)[:-2]  # without "\n}"
    body = "[" + ITEM_NEWLINE + ("," + ITEM_NEWLINE).join(texts) + "\n  ]" if texts else "[]"
    stream.write(f"{head},\n  {json.dumps(key)}: {body}\n}}\n")
