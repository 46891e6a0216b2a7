"""``python -m soptool``."""

from soptool.cli import main

main()
