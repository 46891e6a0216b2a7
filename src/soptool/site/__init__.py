"""The SOP catalogue website (``soptool site``, ``soptool serve``; issue 14)."""
