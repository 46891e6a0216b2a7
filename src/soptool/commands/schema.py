"""`soptool schema`: the JSON Schema of the SOP format."""

from __future__ import annotations

import json
from typing import IO


def write_schema(stream: IO[str]) -> None:
    """Write the format's JSON Schema to ``stream``, indented, non-ASCII as is."""
    from soptool.model import json_schema

    json.dump(json_schema(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
