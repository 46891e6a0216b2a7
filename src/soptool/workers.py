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


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _serve(conn: Any, others: list[Any], func: Callable[[Any], Any], todo: list[Any],
           chunk: int) -> None:
    """A worker: takes batch numbers from ``conn`` and sends back each batch's results.

    The items themselves came with the fork (``todo``): only batch numbers and results
    cross the pipe. A batch whose function raises sends the results before the error and the
    error; the parent raises it where a loop would have."""
    # Ctrl-C goes to the whole process group: the parent stops the workers and exits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent stops a worker with SIGTERM: raise, so that a write in progress cleans up.
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked by the parent for the fork
    # The parent's ends of this worker's pipe and of the workers forked before: closed here,
    # so that when the parent is gone, the next read ends instead of waiting for ever.
    for other in others:
        other.close()
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if batch is None:
            return
        out: list[Any] = []
        error: BaseException | None = None
        for item in todo[batch * chunk:(batch + 1) * chunk]:
            try:
                out.append(func(item))
            except Exception as exc:  # noqa: BLE001 - raised again in the parent
                error = exc
                break
        try:
            conn.send((batch, out, error))
        except Exception as exc:  # noqa: BLE001 - a result or an error that will not pickle
            conn.send((batch, [], RuntimeError(f"{type(exc).__name__}: {exc}; "
                                               f"{type(error).__name__}: {error}")))


class _Worker:
    def __init__(self, process: Any, conn: Any) -> None:
        self.process = process
        self.conn = conn
        self.batches: list[int] = []  # given to it, not yet answered, in order


def _in_workers(func: Callable[[T], R], todo: list[T], workers: int) -> Iterator[R]:
    """``func`` over ``todo`` in ``workers`` forked processes, results in input order.

    No thread and no helper process besides the workers: the parent waits on the workers'
    pipes and on their exit at once, so a worker that dies (killed by the system for its
    memory, say) is seen at once and its unanswered batches are done here, instead of the
    run waiting forever for answers that will not come (as ``multiprocessing.Pool`` does).
    """
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    chunk = max(1, min(16, len(todo) // (workers * 8)))
    batches = (len(todo) + chunk - 1) // chunk
    done: dict[int, tuple[list[R], BaseException | None]] = {}
    live: list[_Worker] = []
    handed = 0  # batches given out so far (they are given in order)

    def give(worker: _Worker) -> None:
        nonlocal handed
        if handed < batches:
            worker.batches.append(handed)
            handed += 1
            # A worker that has just died: its batches are done here once its exit is seen.
            with contextlib.suppress(OSError):
                worker.conn.send(worker.batches[-1])

    def here(batch: int) -> None:
        out: list[R] = []
        error: BaseException | None = None
        for item in todo[batch * chunk:(batch + 1) * chunk]:
            try:
                out.append(func(item))
            except Exception as exc:  # noqa: BLE001 - raised in order below
                error = exc
                break
        done[batch] = (out, error)

    with sigterm_raises():
        try:
            for _ in range(min(workers, batches)):
                mine, theirs = context.Pipe()
                others = [mine, *(w.conn for w in live)]
                process = context.Process(target=_serve,
                                          args=(theirs, others, func, todo, chunk), daemon=True)
                # A Ctrl-C in the middle of a fork would leave a worker nobody stops: the
                # signals wait until the worker is on the list.
                mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
                try:
                    process.start()
                    live.append(_Worker(process, mine))
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                theirs.close()
            for _ in range(2):  # two batches each: a worker never waits for its next one
                for worker in live:
                    give(worker)
            wanted = 0
            while wanted < batches:
                while wanted in done:
                    out, error = done.pop(wanted)
                    yield from out
                    if error is not None:
                        raise error
                    wanted += 1
                if wanted >= batches:
                    break
                if not live:  # every worker died: the rest is done here
                    while handed < batches:
                        here(handed)
                        handed += 1
                    continue
                ready = set(wait([w.conn for w in live] + [w.process.sentinel for w in live]))
                for worker in list(live):
                    answered = False
                    if worker.conn in ready or worker.process.sentinel in ready:
                        try:
                            while worker.conn.poll():
                                batch, out, error = worker.conn.recv()
                                worker.batches.remove(batch)
                                done[batch] = (out, error)
                                answered = True
                        except (EOFError, OSError):
                            pass
                    if worker.process.sentinel in ready or not worker.process.is_alive():
                        live.remove(worker)
                        worker.conn.close()
                        for batch in worker.batches:
                            here(batch)
                        worker.batches.clear()
                    elif answered:
                        while len(worker.batches) < 2 and handed < batches:
                            give(worker)
        finally:
            for worker in live:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
                worker.conn.close()
            for worker in live:
                worker.process.join(timeout=0.5 if not worker.batches else 0)
                if worker.process.is_alive():
                    worker.process.terminate()  # SIGTERM: its finally blocks run
            for worker in live:
                worker.process.join(timeout=5)
                if worker.process.is_alive():  # pragma: no cover - a worker stuck hard
                    worker.process.kill()
                    worker.process.join()


def map_in_order(func: Callable[[T], R], items: Iterable[T],
                 jobs: int | None = None) -> Iterator[R]:
    """``func`` over ``items`` in ``jobs`` processes (``None``: ``default_jobs``).

    Results are yielded in input order as they are ready; they must be picklable. ``func``
    reaches each worker once, when it is forked (a callable object keeps its state and caches
    for the whole run, instead of being pickled anew with every batch of items); its
    exceptions reach the caller as in a loop. A worker that dies leaves its items to this
    process.
    """
    todo = list(items)
    workers = default_jobs(len(todo)) if jobs is None else jobs
    if workers <= 1 or len(todo) <= 1:
        for item in todo:
            yield func(item)
        return
    yield from _in_workers(func, todo, workers)
