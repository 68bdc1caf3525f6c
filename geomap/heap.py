"""Fewer garbage collections while documents are read: extraction makes millions of small objects and
keeps many of them (mentions, events), so with Python's default thresholds the collector runs thousands
of times and walks the whole growing heap at each full collection: 10% of one process's time, a third
of a cluster client's. Cycles are still collected, only less often."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_OBJECTS = 50_000  # allocations between two collections of the youngest generation (default 700)
_lock = threading.Lock()
_users = [0]  # readers inside fewer_collections now (threads of one process share the collector)
_saved: list[tuple[int, ...]] = []  # the thresholds to restore when the last one leaves
_holds = [0]  # holds of this process (hold_fewer_collections) not yet released


def _enter() -> None:
    with _lock:
        if _users[0] == 0:
            before = gc.get_threshold()
            _saved[:] = [before]
            if before[0] > 0:
                gc.set_threshold(max(before[0], YOUNG_OBJECTS), *before[1:])
        _users[0] += 1


def _leave() -> None:
    with _lock:
        _users[0] -= 1
        if _users[0] == 0:
            gc.set_threshold(*_saved.pop())


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within: the youngest generation collected every YOUNG_OBJECTS allocations (never more often than
    the process had it; a collector switched off stays off); the thresholds as they were once the last
    thread inside leaves."""
    _enter()
    try:
        yield
    finally:
        _leave()


def hold_fewer_collections() -> None:
    """Fewer collections from now until release_fewer_collections, between tasks too: for a process that
    keeps what it reads from task to task (a cluster worker during a run), where the default thresholds
    would collect hundreds of times between tasks and walk its whole heap at each full collection."""
    _enter()
    with _lock:
        _holds[0] += 1


def release_fewer_collections() -> None:
    """End a hold_fewer_collections of this process (nothing when it holds none: a worker that joined
    after the run began)."""
    with _lock:  # checked and counted down together: two releases never end one hold twice
        if _holds[0] == 0:
            return
        _holds[0] -= 1
    _leave()
