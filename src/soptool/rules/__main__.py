"""``python -m soptool.rules``: print the README's code table, generated from the registry.

``python -m soptool.rules --update README.md`` writes it between the README's
``<!-- kode:mulai -->`` and ``<!-- kode:selesai -->`` markers instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from soptool.rules.registry import markdown_table, update_readme


def main(argv: list[str]) -> int:
    """Print the table, or with ``--update PATH`` write it into that file."""
    if argv[:1] == ["--update"] and len(argv) == 2:
        changed = update_readme(Path(argv[1]))
        print(f"{argv[1]}: {'updated' if changed else 'already up to date'}")
        return 0
    if argv:
        print("usage: python -m soptool.rules [--update README.md]", file=sys.stderr)
        return 2
    sys.stdout.write(markdown_table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
