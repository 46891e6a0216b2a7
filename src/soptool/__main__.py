"""``python -m soptool``."""

from soptool.entry import main

main()
