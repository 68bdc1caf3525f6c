"""`geomap layers list/validate/new` and `geomap build --layers/--only/--skip` through click."""

from __future__ import annotations

import geopandas as gpd
import pytest
from click.testing import CliRunner
from shapely.geometry import LineString, Polygon

from geomap.cli import cli
from geomap.corpus import example_paths
from geomap.layers import load_spec, read_source
from geomap.layers.sources import Context

RAIL = 'name = "rail"\ntitle = "Rail <lines>"\nsource = "rail.geojson"\nsymbol = "line"\ntooltip = "{name}"\n'


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def rail_folder(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    lines = [LineString([(127.5, 50.3), (127.5, 50.2)]), LineString([(131.4, 44.4), (131.1, 44.4)])]
    gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=lines, crs="EPSG:4326").to_file(folder / "rail.geojson")
    (folder / "rail.toml").write_text(RAIL)
    (folder / "visits.toml").write_text(
        'name = "visits"\ntitle = "My visits"\nsource = "events:visits"\nsymbol = "marker"\nz = 40\n'
    )
    return folder


def test_list_shows_every_layer_with_features_and_which_file_won(rail_folder, monkeypatch):
    monkeypatch.chdir(rail_folder.parent)
    result = run("layers", "list", "--layers", rail_folder)
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split() == ["NAME", "TITLE", "SOURCE", "SYMBOL", "FEATURES", "SPEC", "FILE"]
    by_name = {row.split()[0]: row for row in rows}
    assert list(by_name) == ["border", "rail", "places", "crossings", "status", "traffic", "visits"]
    assert by_name["rail"].split()[-1] == str(rail_folder / "rail.toml")
    assert by_name["rail"].split()[-4:-1] == ["rail.geojson", "line", "2"]
    assert "events:visits" in by_name["visits"] and "  -  " in by_name["visits"]
    assert by_name["visits"].endswith(
        f"{rail_folder / 'visits.toml'} (overrides geomap/data/layers/visits.toml)"
    )


def test_list_counts_event_features_when_given_articles():
    result = run("layers", "list", *example_paths())
    assert result.exit_code == 0, result.output
    counts = {row.split()[0]: row for row in result.output.splitlines()[1:]}
    # the bridge and its customs terminal (the checkpoint on the bridge is the bridge)
    assert "  4  " in counts["visits"] and "  2  " in counts["crossings"]


def test_validate_the_discovered_specs(rail_folder, monkeypatch):
    monkeypatch.chdir(rail_folder.parent)
    (rail_folder.parent / "layers").mkdir()
    (rail_folder.parent / "layers" / "rail.toml").write_text(
        RAIL.replace("rail.geojson", "../mine/rail.geojson")
    )
    result = run("layers", "validate")
    assert result.exit_code == 0, result.output
    assert result.output == "7 layer specs OK\n"


def test_validate_paths_prints_one_line_per_problem_of_every_file_and_exits_1(rail_folder):
    (rail_folder / "bad.toml").write_text(RAIL.replace('"line"', '"star"').replace('"rail"', '"bad"'))
    (rail_folder / "columns.toml").write_text(
        RAIL.replace('"rail"', '"columns"') + 'popup = [["km", "Km"]]\n'
    )
    (rail_folder / "gone.toml").write_text(
        RAIL.replace('"rail"', '"gone"').replace("rail.geojson", "gone.csv")
    )
    result = run("layers", "validate", rail_folder)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{rail_folder / 'bad.toml'}:4: key 'symbol': expected 'marker', 'circle', 'line', 'polygon', 'heat' "
        "or 'cluster', found 'star'",
        f"{rail_folder / 'columns.toml'}:6: key 'popup[0]': layer 'columns' reads column 'km', which "
        "rail.geojson does not have (columns: ['name'])",
        f"{rail_folder / 'gone.toml'}:3: key 'source': no such file: {rail_folder / 'gone.csv'}",
    ]


def test_validate_checks_event_specs_against_the_documented_columns(tmp_path):
    (tmp_path / "v.toml").write_text(
        'name = "v"\ntitle = "V"\nsource = "events:visits"\nsymbol = "marker"\ntooltip = "{who} {whom}"\n'
    )
    result = run("layers", "validate", tmp_path / "v.toml")
    assert result.exit_code == 1
    assert (
        "key 'tooltip': layer 'v' reads column 'whom', which the visits table does not have" in result.output
    )


@pytest.mark.parametrize(
    ("file_name", "expected_symbol"),
    [("depots.csv", "marker"), ("rail.geojson", "line"), ("zones.gpkg", "polygon"), ("many.csv", "circle")],
)
def test_new_writes_a_starter_spec_that_reads_and_renders(tmp_path, file_name, expected_symbol):
    data = tmp_path / file_name
    if file_name == "depots.csv":
        data.write_text("Depot Name,Latitude,Longitude,capacity\nHeihe,50.24,127.49,10\nAmur,50.3,127.5,3\n")
    elif file_name == "many.csv":
        rows = "".join(f"site {i},{45 + i / 10},{130 + i / 10}\n" for i in range(40))
        data.write_text("name,y,x\n" + rows)
    elif file_name == "rail.geojson":
        line = LineString([(127.5, 50.3), (127.5, 50.2)])
        gpd.GeoDataFrame({"name": ["a"]}, geometry=[line], crs="EPSG:4326").to_file(data)
    else:
        zone = Polygon([(127.4, 50.2), (127.6, 50.2), (127.6, 50.3)])
        gpd.GeoDataFrame({"label": ["z"]}, geometry=[zone], crs="EPSG:3857").to_crs(4326).to_file(data)
    result = run("layers", "new", "my_layer", "--from", data)
    assert result.exit_code == 0, result.output
    spec_path = tmp_path / "my_layer.toml"
    assert f"wrote {spec_path}" in result.output
    spec = load_spec(spec_path)
    assert spec.symbol == expected_symbol and spec.source == file_name
    layer = read_source(spec, context=Context())
    assert len(layer.data) >= 1
    if file_name == "depots.csv":
        assert spec.read == {"lat": "Latitude", "lon": "Longitude"}
        assert [f.column for f in spec.popup] == ["Depot Name", "capacity"] and spec.tooltip == ""
    out = tmp_path / "map.html"
    built = run("build", "-o", out, "--layers", spec_path, "--only", "my_layer", "-q")
    assert built.exit_code == 0, built.output
    assert "geomap-my_layer" in out.read_text(encoding="utf-8")
    again = run("layers", "new", "my_layer", "--from", data)
    assert again.exit_code == 1 and "exists already" in again.output


def test_new_refuses_bad_names_and_files(tmp_path):
    assert (
        "NAME 'Bad-Name': expected a lower-case id"
        in run("layers", "new", "Bad-Name", "--from", "x.csv").output
    )
    missing = run("layers", "new", "ok", "--from", tmp_path / "nothing.csv")
    assert missing.exit_code == 1 and f"--from {tmp_path / 'nothing.csv'}: no such file" in missing.output


def test_build_with_layers_only_and_skip(rail_folder, tmp_path):
    out = tmp_path / "map.html"
    result = run("build", "-o", out, "--layers", rail_folder, "--only", "rail,border")
    assert result.exit_code == 0, result.output
    assert "2 layers" in result.output and "documents" not in result.output  # no extraction needed
    html = out.read_text(encoding="utf-8")
    assert "geomap-rail" in html and "Rail \\u0026lt;lines\\u0026gt;" in html and "Rail <lines>" not in html
    result = run(
        "build", "-o", out, "--layers", rail_folder, "--skip", "places,traffic", "--skip", "crossings"
    )
    assert result.exit_code == 0 and "4 layers" in result.output and "4 documents" in result.output
    bad = run("build", "-o", out, "--only", "rail")
    assert bad.exit_code == 1 and "--only: no layer named 'rail' (layers: ['border'," in bad.output


def test_build_reports_every_bad_spec_one_error_line_each(rail_folder, tmp_path):
    (rail_folder / "rail.toml").write_text(RAIL.replace('"line"', '"star"').replace('"{name}"', '"{name"'))
    result = run("build", "-o", tmp_path / "map.html", "--layers", rail_folder)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        f"{rail_folder / 'rail.toml'}:4",
        f"{rail_folder / 'rail.toml'}:5",
    ]
    assert all(line.startswith("Error: ") for line in lines)


def test_new_reports_rows_it_leaves_out_once(tmp_path):
    data = tmp_path / "posts.csv"
    data.write_text("name,lat,lon\nA,50.2,127.5\nB,,128\n", encoding="utf-8")
    result = run("layers", "new", "posts", "--from", data)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "left out" in line]
    assert warned == [f"geomap: warning: {tmp_path / 'posts.toml'}: posts.csv: 1 row without numeric "
                      "coordinates in 'lat'/'lon' left out (line 3)"]
