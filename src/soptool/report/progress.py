"""A progress counter for long runs: ``\\r12/2000 berkas`` on a terminal's stderr.

Shown only when the stream is a terminal and CI is not set, and only once the run has lasted
``delay`` seconds: short runs, pipes and logs never see it. Callers ``clear`` it before
writing a line of their own to the same terminal, and ``close`` it at the end.
"""

from __future__ import annotations

import os
import time
from typing import IO

from soptool.report.messages import message

DELAY = 1.0  # seconds before the counter first shows
INTERVAL = 0.1  # seconds between redraws


def wanted(stream: IO[str]) -> bool:
    """Whether progress may be shown on ``stream``: a terminal, and not under CI."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Progress:
    """Count files done out of ``total`` on ``stream`` (None: show nothing)."""

    def __init__(self, stream: IO[str] | None, total: int, lang: str = "id",
                 delay: float | None = None) -> None:
        self.stream = stream if stream is not None and total > 1 else None
        self.total = total
        self.lang = lang
        self.done = 0
        self._start = time.monotonic()
        self._delay = DELAY if delay is None else delay
        self._drawn: float | None = None  # when it was last drawn (monotonic seconds)
        self._width = 0  # characters on the line now, 0: nothing shown

    @classmethod
    def on(cls, stream: IO[str], total: int, lang: str = "id") -> Progress:
        """Progress on ``stream`` when it is ``wanted`` there, else a silent one."""
        return cls(stream if wanted(stream) else None, total, lang)

    def step(self, count: int = 1) -> None:
        """Count ``count`` more files done; redraw when it is time."""
        self.done += count
        if self.stream is None:
            return
        now = time.monotonic()
        # At most one redraw an INTERVAL, also after a clear: a caller that clears for each
        # file it reports does not make the line flicker.
        if now - self._start < self._delay or (
                self._drawn is not None and now - self._drawn < INTERVAL):
            return
        text = message("ui.progress", self.lang, done=self.done, total=self.total)
        pad = " " * max(0, self._width - len(text))
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()
        self._drawn = now
        self._width = len(text)

    def clear(self) -> None:
        """Erase the counter (before another line is written to the terminal)."""
        if self.stream is not None and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def close(self) -> None:
        """Erase the counter for good."""
        self.clear()
        self.stream = None
