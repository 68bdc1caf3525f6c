"""A large table extracted as GeoParquet is a folder of part files in table order, written the same
when run again, read back by `geomap build --events`, and a broken part is a one-line error naming it.
The example corpus stands in for a large one: the rows per part are lowered for these tests."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner

import geomap.export.parts as parts
from geomap.cli import cli
from geomap.corpus import example_paths

ROWS = 20  # rows per part in these tests: the example's places table (60-odd rows) takes four parts


def extract(folder, *options):
    args = ["extract", *map(str, example_paths()), "-o", str(folder), "-q", *options]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result


def build(folder, out):
    return CliRunner().invoke(cli, ["build", "--events", str(folder), "-o", str(out), "--offline", "-q"])


def tree(folder):
    """Every file under folder by its relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The example extracted as one GeoParquet file per table, and twice with parts of ROWS rows."""
    root = tmp_path_factory.mktemp("parts")
    extract(root / "whole", "--format", "parquet")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parts, "PART_ROWS", ROWS)
        extract(root / "parted1", "--format", "parquet")
        extract(root / "parted2", "--format", "parquet")
    return root


def test_a_large_table_is_a_folder_of_numbered_parts_holding_its_rows_in_order(runs):
    whole = gpd.read_parquet(runs / "whole" / "places.parquet")
    folder = runs / "parted1" / "places.parquet"
    assert folder.is_dir() and len(whole) > 3 * ROWS
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"part-{k:05d}.parquet" for k in range(-(-len(whole) // ROWS))]
    read = [gpd.read_parquet(folder / name) for name in names]
    assert [len(r) for r in read[:-1]] == [ROWS] * (len(read) - 1)
    joined = pd.concat(read, ignore_index=True)
    pd.testing.assert_frame_equal(pd.DataFrame(joined), pd.DataFrame(whole))
    assert (runs / "parted1" / "traffic.parquet").is_file()  # a small table stays one file


def test_parts_are_the_same_bytes_when_run_again(runs):
    assert tree(runs / "parted1") == tree(runs / "parted2")
    assert not [p for p in (runs / "parted1").rglob(".*")]  # no temporary file or folder left


def test_build_reads_a_folder_of_parts_into_the_same_map(runs, tmp_path):
    pages = {}
    for name in ("whole", "parted1"):
        result = build(runs / name, tmp_path / f"{name}.html")
        assert result.exit_code == 0, result.output
        pages[name] = (tmp_path / f"{name}.html").read_bytes()
    assert pages["parted1"] == pages["whole"]


def test_a_broken_part_is_a_one_line_error_naming_it(runs, tmp_path):
    import shutil

    copy = tmp_path / "review"
    shutil.copytree(runs / "parted1", copy)
    broken = copy / "places.parquet" / "part-00001.parquet"
    broken.write_bytes(broken.read_bytes()[: len(broken.read_bytes()) // 2])  # cut off in the middle
    result = build(copy, tmp_path / "map.html")
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith(f"Error: {broken}: expected GeoParquet (") and "\n" not in message
    assert not (tmp_path / "map.html").exists()


def test_a_folder_without_parts_is_a_one_line_error(runs, tmp_path):
    import shutil

    copy = tmp_path / "review"
    shutil.copytree(runs / "parted1", copy)
    for part in (copy / "places.parquet").iterdir():
        part.unlink()
    result = build(copy, tmp_path / "map.html")
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {copy / 'places.parquet'}: expected GeoParquet part files "
                                     "(part-00000.parquet, ...) in the folder")  # fmt: skip


def test_a_rerun_replaces_parts_by_one_file_and_back(runs, tmp_path, monkeypatch):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(runs / "parted1", out)
    extract(out, "--format", "parquet")  # small again: one file where the folder was
    assert tree(out) == tree(runs / "whole")
    monkeypatch.setattr(parts, "PART_ROWS", ROWS)
    extract(out, "--format", "parquet")
    assert tree(out) == tree(runs / "parted1")
    assert not [p for p in out.rglob(".*")]
