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


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within: the youngest generation collected every YOUNG_OBJECTS allocations (never more often than
    the process had it; a collector switched off stays off); the thresholds as they were once the last
    thread inside leaves."""
    with _lock:
        if _users[0] == 0:
            before = gc.get_threshold()
            _saved[:] = [before]
            if before[0] > 0:
                gc.set_threshold(max(before[0], YOUNG_OBJECTS), *before[1:])
        _users[0] += 1
    try:
        yield
    finally:
        with _lock:
            _users[0] -= 1
            if _users[0] == 0:
                gc.set_threshold(*_saved.pop())
