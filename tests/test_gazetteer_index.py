"""The compiled index's storage: compact compile, a memory-mapped cache file, atomic and locked builds."""

import multiprocessing
import os
import re
import time

import numpy as np
import pytest

from geomap.errors import GeomapError
from geomap.gazetteer import Gazetteer, index, load_gazetteer, sources
from geomap.model import Place


def _entries():
    return [
        sources.Entry(Place(id="t:1", name="Heihe", kind="city", lat=50.2, lon=127.5, country="CN",
                            population=200, admin1="CN.08", source="test"), ["Heihe", "黑河", "HRB"]),
        sources.Entry(Place(id="t:2", name="Благовещенск", kind="town", lat=50.3, lon=127.5,
                            country="RU", source="тест"), ["Благовещенск", "Blagoveshchensk", "Heihe"],
                      parent="t:1"),
        sources.Entry(Place(id="t:1", name="dup", kind="city", lat=0, lon=0, country="XX"), ["Aihui"]),
        sources.Entry(Place(id="t:3", name="Odd", kind="no such kind", lat=1, lon=2, country=""), ["Odd"]),
    ]


@pytest.fixture
def small_cache(tmp_path, monkeypatch):
    """A cache folder whose index is compiled from four hand-made entries."""
    monkeypatch.setattr(index, "iter_entries", lambda: iter(_entries()))
    monkeypatch.setattr(index, "source_fingerprint", lambda: "test")
    return tmp_path


def test_compile_keeps_first_place_per_id_and_every_name():
    gaz = Gazetteer(index.compile_index(_entries()))
    assert len(gaz) == 3
    assert gaz.get("t:1").name == "Heihe" and gaz.get("t:1").kind == "city"
    assert gaz.get("t:3").kind == "city"  # unknown kinds fall back to the first
    assert [p.id for p in gaz.lookup("Aihui")] == ["t:1"]  # a duplicate id adds names to the first
    assert [p.id for p in gaz.lookup("heihe")] == ["t:1", "t:2"]
    assert gaz.lookup("HRB") == []  # code-like alternate names are dropped
    assert gaz.get("t:2").source == "тест" and gaz.parent("t:2") == "t:1"
    assert [p.id for p in gaz.children("t:1")] == ["t:2"]
    assert sorted(gaz.rows_for_key("heihe")) == [(0, True), (1, False)]
    assert [gaz.has(i) for i in ("t:1", "t:2", "t:3", "t:4", "", "T:1")] == [True] * 3 + [False] * 3
    with pytest.raises(GeomapError):
        gaz.get("t:4")


def test_name_starts_and_batched_rows():
    entries = [*_entries(), sources.Entry(Place(id="t:4", name="St. Mary-le-Bow", kind="town", lat=0, lon=0,
                                                country="GB"), ["St. Mary-le-Bow", "Upper Heihe"])]
    gaz = Gazetteer(index.compile_index(entries))
    names, starts = gaz.name_starts(["heihe", "st", "st.", "st. mary", "st. mary-le", "upper", "bow", "le"])
    assert names.tolist() == [True] + [False] * 7
    assert starts.tolist() == [False, True, True, True, True, True, False, False]
    keys = ["heihe", "nowhere", "st. mary-le-bow", "heihe"]
    assert gaz.rows_for_keys(keys) == [gaz.rows_for_key(k) for k in keys]
    assert gaz.rows_for_keys([]) == []


def test_index_file_is_an_aligned_npz_mapped_read_only(tmp_path):
    arrays = {
        "a": np.arange(5, dtype=np.int64), "b": np.array([1.5, -2.0]), "c": np.zeros(0, np.uint8),
        "d": np.frombuffer("заглавие".encode(), np.uint8), "e": np.arange(7, dtype=np.int32),
    }
    path = tmp_path / "x.npz"
    with open(path, "wb") as fh:
        index.write_index(fh, arrays)
    mapped = index.map_index(path)
    with np.load(path) as plain:
        assert sorted(plain.files) == sorted(arrays)
        for key, arr in arrays.items():
            assert np.array_equal(plain[key], arr) and plain[key].dtype == arr.dtype
            assert np.array_equal(mapped[key], arr) and mapped[key].dtype == arr.dtype
            assert not mapped[key].flags.writeable
            assert mapped[key].ctypes.data % 64 == 0 or mapped[key].size == 0


def test_build_then_map_from_the_cache(small_cache):
    arrays, from_cache = index.load_or_build(small_cache)
    assert not from_cache
    assert not arrays["hash"].flags.writeable  # the builder maps its own file too
    again, from_cache = index.load_or_build(small_cache)
    assert from_cache
    assert all(np.array_equal(arrays[k], again[k]) for k in arrays)
    assert sorted(p.name for p in small_cache.iterdir()) == ["gazetteer-test.npz", "gazetteer.lock"]


def test_damaged_caches_are_replaced_and_only_long_unused_ones_pruned(small_cache):
    old, other = small_cache / "gazetteer-old.npz", small_cache / "gazetteer-other.npz"
    old.write_bytes(b"built by an earlier version")
    os.utime(old, (time.time() - 31 * 86_400,) * 2)  # no process has loaded it for a month
    other.write_bytes(b"another install's current index")  # loaded yesterday
    os.utime(other, (time.time() - 86_400,) * 2)
    (small_cache / "gazetteer-test.npz").write_bytes(b"PK\x03\x04 truncated")
    _arrays, from_cache = index.load_or_build(small_cache)
    assert not from_cache
    assert not old.exists() and other.exists()
    assert index.load_or_build(small_cache)[1]


def test_loading_an_index_marks_it_used_so_that_other_installs_keep_it(small_cache):
    index.load_or_build(small_cache)
    path = small_cache / "gazetteer-test.npz"
    os.utime(path, (time.time() - 40 * 86_400,) * 2)
    assert index.load_or_build(small_cache)[1]
    assert index.prune_unused(small_cache, small_cache / "gazetteer-new.npz") == []
    assert path.exists()


def test_the_compile_is_announced_once_on_the_command_line(small_cache, monkeypatch):
    from click.testing import CliRunner

    from geomap import gazetteer
    from geomap.cli import cli

    lines = []
    for _ in range(2):
        monkeypatch.setattr(gazetteer, "_loaded", {})  # a new process, as far as the gazetteer goes
        result = CliRunner().invoke(cli, ["geocode", "Heihe"], env={"GEOMAP_CACHE": str(small_cache)})
        assert result.exit_code == 0, result.output
        lines.append([line for line in result.output.splitlines() if line.startswith("[")])
    said = [re.sub(r"\d+\.\d s", "N s", line.split("] ", 1)[1]) for line in lines[0]]
    assert said == [
        "compiling the gazetteer from GeoNames and Natural Earth, a minute or two (first run only)",
        f"gazetteer compiled in N s: {small_cache / 'gazetteer-test.npz'}",
    ]
    assert lines[1] == []  # cached: nothing said


def _build_in_child(cache, queue):
    queue.put(index.load_or_build(cache)[1])


def test_processes_starting_together_compile_once(small_cache, monkeypatch):
    compile_index = index.compile_index

    def slow_compile(entries):
        time.sleep(0.5)
        return compile_index(entries)

    monkeypatch.setattr(index, "compile_index", slow_compile)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_build_in_child, args=(small_cache, queue)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert sorted(queue.get(timeout=5) for _ in procs) == [False, True, True]


def test_mapped_index_answers_as_an_in_memory_copy():
    gaz = load_gazetteer()
    copy = Gazetteer({k: np.array(v) for k, v in gaz._a.items()})
    names = ["Heihe", "Благовещенск", "哈尔滨", "Russian", "Paris", "Springfield", "Amur Oblast", "Nowhere"]
    for name in names:
        assert gaz.lookup(name) == copy.lookup(name)
    keys = ["heihe", "london", "moscow", "zz top"]
    assert gaz.known_keys(keys) == copy.known_keys(keys)
    rows = range(0, len(gaz), 997)
    assert [gaz.place(r) for r in rows] == [copy.place(r) for r in rows]
    for pid in ("country:CN", "landmark:heihe-blagoveshchensk-bridge", "geonames:2037013"):
        assert gaz.get(pid) == copy.get(pid) and gaz.parent(pid) == copy.parent(pid)
        assert gaz.children(pid) == copy.children(pid)
    assert gaz.crossings() == copy.crossings()
