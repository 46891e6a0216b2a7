"""``soptool schema``: print the format's JSON Schema."""

from __future__ import annotations

import sys

from soptool.cli.common import command, command_app

app = command_app()


@command(app, "schema")
def schema() -> None:
    """Cetak JSON Schema format SOP (untuk editor dan validator lain)."""
    from soptool.commands.schema import write_schema

    write_schema(sys.stdout)
