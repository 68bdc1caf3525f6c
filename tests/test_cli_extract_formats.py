"""`geomap extract --format`: GeoPackage, GeoParquet and CSV beside GeoJSON, one file per table with a
layer named after it, the same bytes when run again, and `date_text` holding the words read (of visits,
crossings' status dates and traffic periods)."""

import json
import re
import sqlite3
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.corpus import example_paths

TABLES = ["crossings", "places", "traffic", "visits"]


def extract(folder, *options):
    result = CliRunner().invoke(cli, ["extract", *map(str, example_paths()), "-o", str(folder), *options])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each format extracted twice from the example corpus, in separate folders."""
    root = tmp_path_factory.mktemp("extract")
    for fmt in ("gpkg", "parquet", "csv"):
        for n in (1, 2):
            extract(root / f"{fmt}{n}", "--format", fmt, "-q")
    return root


@pytest.mark.parametrize("fmt, suffix", [("gpkg", ".gpkg"), ("parquet", ".parquet"), ("csv", ".csv")])
def test_each_format_writes_one_file_per_table_and_identical_bytes_when_run_again(runs, fmt, suffix):
    one, two = runs / f"{fmt}1", runs / f"{fmt}2"
    assert sorted(p.name for p in one.iterdir()) == [f"{t}{suffix}" for t in TABLES]  # no .tmp left
    for name in TABLES:
        assert (one / f"{name}{suffix}").read_bytes() == (two / f"{name}{suffix}").read_bytes(), name


def test_geopackage_layers_are_named_after_their_tables_with_a_fixed_timestamp(runs):
    for name in TABLES:
        path = runs / "gpkg1" / f"{name}.gpkg"
        assert [str(layer) for layer, _ in pyogrio.list_layers(path)] == [name]
        with sqlite3.connect(path) as db:
            assert db.execute("select last_change from gpkg_contents").fetchall() == [
                ("1970-01-01T00:00:00.000Z",)]  # fmt: skip


def test_geoparquet_reads_back_as_points_with_the_documented_columns(runs):
    traffic = gpd.read_parquet(runs / "parquet1" / "traffic.parquet")
    assert traffic.crs.to_epsg() == 4326 and set(traffic.geom_type) == {"Point"}
    assert {"metric", "value", "unit", "period", "period_text", "sentence"} <= set(traffic.columns)


def test_csv_has_the_columns_then_lon_and_lat(runs):
    header, *rows = (runs / "csv1" / "visits.csv").read_text("utf-8").splitlines()
    columns = header.split(",")
    assert columns[-2:] == ["lon", "lat"] and "date_text" in columns and "date_source" in columns
    assert rows


def test_date_text_holds_only_words_read_from_the_document(tmp_path):
    extract(tmp_path, "-q")
    texts = {p.name: p.read_text("utf-8") for p in example_paths()}
    visits = json.loads((tmp_path / "visits.geojson").read_text("utf-8"))["features"]
    dated = [f["properties"] for f in visits if f["properties"]["date_text"]]
    assert dated
    for row in dated:
        for words in re.split(r" \(|\)$", row["date_text"]):  # "the next day (on Thursday)"
            assert not words or words in texts[row["doc"]], (words, row["doc"])


# An invented article: a ferry closed and a bridge reopened on dates in words, a figure with a period.
CLOSURE = """date 2024-06-02

# Ferry news from the river

The Pogranichny ferry between Blagoveshchensk and Heihe was closed on 18 November 2023 because of ice.
Crossings at the Blagoveshchensk-Heihe road bridge reached 12,000 trucks in the first quarter of 2024.
"""


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet", "csv"])
def test_crossings_and_traffic_date_text_hold_the_words_their_dates_were_read_from(tmp_path, fmt):
    article = tmp_path / "closure.md"
    article.write_text(CLOSURE, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(article), "-o", str(out), "--format", fmt, "-q"])
    assert result.exit_code == 0, result.output
    read = {"csv": pd.read_csv, "parquet": gpd.read_parquet}.get(fmt, gpd.read_file)
    crossings = read(out / f"crossings.{fmt}", keep_default_na=False) if fmt == "csv" else read(
        out / f"crossings.{fmt}")
    traffic = read(out / f"traffic.{fmt}")
    ferry = crossings[crossings["name"].str.contains("ferry")].iloc[0]
    assert ferry["status"] == "closed 2023-11-18" and ferry["date_text"] == "on 18 November 2023"
    events = ferry["status_events"]  # GDAL reads the JSON text back as a list
    events = json.loads(events) if isinstance(events, str) else events
    assert events[0]["date_text"] == "on 18 November 2023"
    trucks = traffic[traffic["unit"] == "trucks"].iloc[0]
    assert trucks["period"] == "2024-01-01..2024-03-31"
    assert trucks["date_text"] == "in the first quarter of 2024"
    for words in [*crossings["date_text"], *traffic["date_text"]]:
        assert not words or all(w in CLOSURE for w in str(words).split("; ")), words


def test_the_summary_names_the_format(tmp_path):
    result = extract(tmp_path / "gpkg", "--format", "gpkg")
    assert result.output.splitlines()[-1].startswith(f"wrote 4 GeoPackage files to {tmp_path / 'gpkg'}: ")


WITHOUT_PYARROW = (
    "import sys; sys.modules['pyarrow'] = None; "  # as if it were not installed
    "from geomap.cli import main; sys.argv = ['geomap', *sys.argv[1:]]; main()"
)


def test_parquet_without_pyarrow_stops_before_reading(tmp_path):
    out = tmp_path / "out"
    args = ["extract", *map(str, example_paths()), "-o", str(out), "--format", "parquet"]
    proc = subprocess.run([sys.executable, "-c", WITHOUT_PYARROW, *args], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "Error: --format parquet needs pyarrow: pip install 'geomap[parquet]'"]  # fmt: skip
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_a_gpkg_or_parquet_extraction_builds_the_same_map_as_geojson(runs, tmp_path, fmt):
    extract(tmp_path / "geojson", "-q")
    pages = {}
    for name, folder in (("geojson", tmp_path / "geojson"), (fmt, runs / f"{fmt}1")):
        out = tmp_path / f"{name}.html"
        args = ["build", "--events", str(folder), "-o", str(out), "--offline", "-q"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        pages[name] = out.read_bytes()
    assert pages[fmt] == pages["geojson"]
