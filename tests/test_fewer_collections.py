"""Extraction runs with the young generation collected less often, and leaves the process's collector
as it found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.heap import YOUNG_OBJECTS, fewer_collections, hold_fewer_collections, release_fewer_collections


@pytest.fixture
def thresholds() -> Iterator[tuple[int, ...]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def test_young_generation_collected_less_often_inside_only(thresholds: tuple[int, ...]) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_OBJECTS, 10, 10)
    assert gc.get_threshold() == thresholds


def test_thresholds_restored_when_the_extraction_fails(thresholds: tuple[int, ...]) -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("bad document")
    assert gc.get_threshold() == thresholds


def test_a_collector_switched_off_stays_off(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(0)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_a_higher_threshold_of_the_users_is_kept(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(10 * YOUNG_OBJECTS, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (10 * YOUNG_OBJECTS, 5, 5)
    assert gc.get_threshold() == (10 * YOUNG_OBJECTS, 5, 5)


def test_threads_that_overlap_restore_once_the_last_leaves(thresholds: tuple[int, ...]) -> None:
    inside, leave = threading.Event(), threading.Event()

    def other_reader() -> None:
        with fewer_collections():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other_reader)
    with fewer_collections():
        thread.start()
        inside.wait(5)
    assert gc.get_threshold()[0] == YOUNG_OBJECTS  # the other thread still reads
    leave.set()
    thread.join(5)
    assert gc.get_threshold() == thresholds


def test_extraction_reads_at_the_raised_threshold_then_restores_it(
    tmp_path: Path, thresholds: tuple[int, ...]
) -> None:
    from geomap.pipeline import extract_to_dir

    during: list[int] = []  # the threshold each time the run reports progress
    extract_to_dir([], tmp_path / "out", progress=lambda line: during.append(gc.get_threshold()[0]))
    assert (tmp_path / "out" / "places.geojson").is_file()
    assert len(during) > 3 and set(during) == {YOUNG_OBJECTS}
    assert gc.get_threshold() == thresholds


def test_a_hold_lasts_until_released_across_readers(thresholds: tuple[int, ...]) -> None:
    hold_fewer_collections()
    try:
        with fewer_collections():  # a task inside the hold leaves it raised
            pass
        assert gc.get_threshold()[0] == YOUNG_OBJECTS
    finally:
        release_fewer_collections()
    assert gc.get_threshold() == thresholds


def test_a_release_without_a_hold_changes_nothing(thresholds: tuple[int, ...]) -> None:
    release_fewer_collections()  # a worker that joined after the run began
    assert gc.get_threshold() == thresholds
    with fewer_collections():
        release_fewer_collections()
        assert gc.get_threshold()[0] == YOUNG_OBJECTS
    assert gc.get_threshold() == thresholds
