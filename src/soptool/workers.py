"""Many files at once: a function over files in worker processes, results in input order.

For commands that handle each file on its own (validate, duration, render): workers are
forked, so they inherit the loaded modules and start in milliseconds, and the results come
back streamed, in the order of the input. Few files, one CPU, or a system where fork is not
the safe choice (Windows, macOS) run in this process.

Stopping: Ctrl-C (SIGINT) and SIGTERM raise in the parent (``KeyboardInterrupt``,
``SystemExit(143)``), which terminates the workers; a worker turns SIGTERM into
``SystemExit`` too, so that its ``finally`` blocks run (``source.atomic`` removes the
temporary file of a document being written) before it exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 150


def default_jobs(count: int) -> int:
    """How many processes handle ``count`` files: one per usable CPU for many files."""
    if count < PARALLEL_MIN_FILES or not sys.platform.startswith("linux"):
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, count // (PARALLEL_MIN_FILES // 2)))


EXIT_SIGTERM = 128 + signal.SIGTERM


def _raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(EXIT_SIGTERM)


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While inside: SIGTERM raises ``SystemExit(143)`` (so ``finally`` blocks and the
    pool's shutdown run) instead of ending the process at once. Only in the main thread,
    where Python runs signal handlers; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


# The function a worker process applies, set once when it is forked.
_func: Callable[[Any], Any] | None = None


def _worker_init(func: Callable[[Any], Any]) -> None:
    global _func
    _func = func
    # Ctrl-C goes to the whole process group: the parent stops the pool and exits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent stops the pool with SIGTERM: raise, so that a write in progress cleans up.
    signal.signal(signal.SIGTERM, _raise_on_sigterm)


def _call(item: Any) -> Any:
    assert _func is not None
    return _func(item)


def map_in_order(func: Callable[[T], R], items: Iterable[T],
                 jobs: int | None = None) -> Iterator[R]:
    """``func`` over ``items`` in ``jobs`` processes (``None``: ``default_jobs``).

    Results are yielded in input order as they are ready; they must be picklable. ``func``
    reaches each worker once, when it is forked (a callable object keeps its state and caches
    for the whole run, instead of being pickled anew with every batch of items); its
    exceptions reach the caller as in a loop.
    """
    todo = list(items)
    workers = default_jobs(len(todo)) if jobs is None else jobs
    if workers <= 1 or len(todo) <= 1:
        for item in todo:
            yield func(item)
        return
    import multiprocessing

    chunk = max(1, min(16, len(todo) // (workers * 8)))
    with sigterm_raises(), \
            multiprocessing.get_context("fork").Pool(workers, _worker_init, (func,)) as pool:
        yield from pool.imap(_call, todo, chunk)
