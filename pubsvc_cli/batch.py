"""Work on many files spread over processes, with the results in the order of the files.

Linux forks the workers, so they inherit what the parent loaded (the catalog, the standard, the
actual values) instead of receiving a pickled copy; each worker is handed runs of consecutive
files, so that a folder's plans and the upper plans they share are read by the same process.
Where fork is not available (Windows, macOS' default), the work runs in this process: the same
results, more slowly.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items, starting processes costs more than it saves.
PARALLEL_FROM = 64
#: Items per task at most: a quarter of a worker's share up to this, so that the workers stay
#: balanced while a province's plans (about a hundred at national scale) mostly go to one worker,
#: which then reads their common upper plans once.
BATCH_SIZE = 256
SMALLEST_CHUNK = 8

_WORK: tuple[Callable[[Any, Any], Any], Any] | None = None  # (function, shared inputs), set before the fork


#: Allocations between collections of the youngest generation (Python's default is 700). Reading
#: a plan file allocates about a hundred thousand objects, none of them in a reference cycle; at
#: the default, the collector runs a hundred times a file and walks every long-lived object (the
#: catalog, the standard, the upper plans kept, the result so far) again and again: a third of
#: the time of a batch, measured. Splitting a national table of actual values (700,000 rows) at
#: the default cost 5 s of collections alone. Cycles are still collected, less often.
GC_THRESHOLD = (200_000, 20, 1000)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage at :data:`GC_THRESHOLD` for the duration: for work that builds many
    long-lived objects and few reference cycles (reading files, checking a batch)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection for the duration (a batch: see :func:`ordered_map`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def ordered_map(function: Callable[[T, Any], R], items: Sequence[T], shared: Any, jobs: int) -> Iterator[R]:
    """``function(item, shared)`` for every item, in order; in up to ``jobs`` forked processes
    for a batch. ``shared`` reaches the workers through the fork, never pickled.

    The collector does not run by itself meanwhile: checking a plan builds about a hundred
    thousand objects and no reference cycle (measured: 600 national plans left the same 524
    unreachable objects as 100 did, all from start-up), and even at :data:`GC_THRESHOLD` its
    collections walked each plan's objects while the plan was being checked: 8 % of a batch.
    Instead, after every run of :data:`BATCH_SIZE` items (and before every chunk in a worker) the
    youngest generation is collected once, which walks only what the run kept and frees any cycle
    it made, so that memory stays bounded whatever the input."""
    with collector_paused():
        yield from _ordered_map(function, items, shared, jobs)


def _ordered_map(function: Callable[[T, Any], R], items: Sequence[T], shared: Any, jobs: int) -> Iterator[R]:
    import multiprocessing  # here: the command line imports this module to start, and a pool is rare

    jobs = min(jobs, max(1, len(items) // (PARALLEL_FROM // 2)))
    if jobs <= 1 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        for done, item in enumerate(items, 1):
            yield function(item, shared)
            if done % BATCH_SIZE == 0:
                gc.collect(0)
        return
    global _WORK
    _WORK = (function, shared)
    chunks = _chunks(items, jobs)
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts) as pool:
            for results in pool.imap(_run_chunk, chunks):
                yield from results
    finally:
        _WORK = None


def _chunks(items: Sequence[T], jobs: int) -> list[Sequence[T]]:
    """Runs of consecutive items, long first and shorter towards the end (guided scheduling):
    each a quarter of a worker's share of what remains, at most :data:`BATCH_SIZE` and at least
    :data:`SMALLEST_CHUNK`, so that no worker is left with a long last run while the others wait."""
    chunks, start = [], 0
    while start < len(items):
        size = max(SMALLEST_CHUNK, min(BATCH_SIZE, (len(items) - start) // (jobs * 4)))
        chunks.append(items[start : start + size])
        start += size
    return chunks


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle (it stops the pool and says "interrupted"); a worker that
    took it too would print its own traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(items: Sequence[Any]) -> list[Any]:
    function, shared = _WORK
    # The worker inherited the paused collector (see ordered_map). Collected before a chunk, not
    # after it: by then the last chunk's results have been sent and freed, and are not walked.
    gc.collect(0)
    return [function(item, shared) for item in items]
