"""Patterns built from the stored programs are the patterns re.compile builds, in this run and the next."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from geomap import pattern_cache
from geomap.events import dates, quantities

SOURCES = [
    (r"(?P<day>\d{1,2})\s+(?:of\s+)?(?P<month>jan|feb|march)\b", re.IGNORECASE),
    (r"(?<![A-Za-z0-9_.,$€£¥₽₹])\d+(?:[.,]\d+)*(?:\s?(?:million|млн|万))?", 0),
    (r"\b(?:will|would|shall)\b(?=\s+(?-i:[A-Z]))", re.IGNORECASE),
    *quantities.PATTERN_SOURCES.values(),
    *((source, re.IGNORECASE) for _, source in dates.PATTERN_SOURCES),
]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GEOMAP_CACHE", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_entries", None)
    monkeypatch.setattr(pattern_cache, "_new", {})
    return tmp_path


@pytest.mark.parametrize(("source", "flags"), SOURCES)
def test_a_pattern_built_here_equals_re_compile(cache_folder: Path, source: str, flags: int) -> None:
    assert pattern_cache.compile(source, flags) == re.compile(source, flags)


def test_a_pattern_read_back_from_the_file_equals_re_compile(cache_folder: Path) -> None:
    for source, flags in SOURCES:
        pattern_cache.compile(source, flags)
    pattern_cache._save()
    assert pattern_cache.cache_file().is_file()
    pattern_cache._entries = None  # as a new run would: read the file
    for source, flags in SOURCES:
        assert (source, int(flags)) in pattern_cache._stored()
        assert pattern_cache.compile(source, flags) == re.compile(source, flags)
    assert not pattern_cache._new  # nothing compiled afresh


def test_a_damaged_file_is_ignored(cache_folder: Path) -> None:
    pattern_cache.cache_file().parent.mkdir(parents=True, exist_ok=True)
    pattern_cache.cache_file().write_bytes(b"not a program")
    pattern = pattern_cache.compile(r"\bthe (?P<n>\d+) gates\b", re.IGNORECASE)
    assert pattern.search("The 3 gates opened").group("n") == "3"


def test_a_run_stores_its_new_patterns_when_it_ends(tmp_path: Path) -> None:
    code = "from geomap import pattern_cache; pattern_cache.compile(r'(?P<x>ab+)c', 2)"
    env = {"GEOMAP_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], check=True, env={**env, "PYTHONPATH": str(root)})
    stored = list(tmp_path.glob("patterns-*.marshal"))
    assert len(stored) == 1 and stored[0].stat().st_size > 0


def test_a_full_file_keeps_the_patterns_of_the_last_run(cache_folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_cache, "MOST_PATTERNS", 3)
    monkeypatch.setattr(pattern_cache, "_used", set())
    for n in range(5):
        pattern_cache.compile(rf"old{n}\d+", 0)
    pattern_cache._save()
    pattern_cache._entries = None  # the next run
    pattern_cache.compile(r"old1\d+", 0)  # read back
    pattern_cache.compile(r"new\s+\w+", 0)  # compiled afresh
    pattern_cache._save()
    pattern_cache._entries = None
    assert set(pattern_cache._stored()) == {(r"old1\d+", 0), (r"new\s+\w+", 0)}


def test_the_primitives_write_the_same_patterns_in_every_run(tmp_path: Path) -> None:
    code = ("import geomap.events.quantities as q, geomap.events.dates as d, geomap.events.traffic as t; "
            "print(sorted(map(str, q.PATTERN_SOURCES.values())), d.PATTERN_SOURCES, "
            "t.FIGURE_OPENERS.word_start.pattern, d.FUTURE_OPENERS.word_start.pattern)")
    root = Path(__file__).resolve().parents[1]
    env = {"PYTHONPATH": str(root), "GEOMAP_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                           env={**env, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]  # else the stored programs would never be found again
