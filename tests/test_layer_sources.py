"""Reading every kind of source from real files: formats, CRS, repairs, bad rows, missing columns."""

from __future__ import annotations

import textwrap
import warnings

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from geomap.errors import GeomapError
from geomap.layers import LayerSourceError, LayerWarning, load_spec, read_source
from geomap.layers.sources import Context

HEIHE, BLAGOVESHCHENSK = (127.49016, 50.24413), (127.52637, 50.27593)


def points() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Heihe", "Blagoveshchensk"], "trucks": [1200, 800]},
        geometry=[Point(HEIHE), Point(BLAGOVESHCHENSK)],
        crs="EPSG:4326",
    )


def write_spec(folder, source, *, symbol="circle", extra="", name="test_layer", tooltip="{name}"):
    path = folder / f"{name}.toml"
    path.write_text(
        textwrap.dedent(f"""\
        name = "{name}"
        title = "Test layer"
        source = "{source}"
        symbol = "{symbol}"
        tooltip = "{tooltip}"
        """)
        + textwrap.dedent(extra),
        encoding="utf-8",
    )
    return path


def read(path, **context):
    layer = read_source(load_spec(path), context=Context(**context))
    assert layer is not None
    assert layer.data.crs.to_epsg() == 4326
    return layer.data


def xy(data, i=0):
    geom = data.geometry.iloc[i]
    return round(geom.x, 5), round(geom.y, 5)


def test_geojson_relative_to_the_spec_folder(tmp_path):
    (tmp_path / "data").mkdir()
    points().to_file(tmp_path / "data" / "towns.geojson", driver="GeoJSON")
    spec = write_spec(tmp_path, "data/towns.geojson")
    data = read(spec)
    assert list(data["name"]) == ["Heihe", "Blagoveshchensk"] and xy(data) == HEIHE


def test_csv_with_detected_lat_lon_columns_any_case(tmp_path):
    (tmp_path / "towns.csv").write_text("Name,Latitude,LNG\nHeihe,50.24413,127.49016\n", encoding="utf-8")
    data = read(write_spec(tmp_path, "towns.csv", tooltip="{Name}"))
    assert xy(data) == HEIHE and "Latitude" in data.columns


def test_csv_with_named_columns_semicolons_and_an_encoding(tmp_path):
    text = "город;шир;долг\nБлаговещенск;50,27593;127,52637\n".replace(",", ".")
    (tmp_path / "towns.csv").write_bytes(text.encode("cp1251"))
    extra = '[read]\nlat = "шир"\nlon = "долг"\nencoding = "cp1251"\n'
    data = read(write_spec(tmp_path, "towns.csv", extra=extra, tooltip="{город}"))
    assert xy(data) == BLAGOVESHCHENSK and data["город"].iloc[0] == "Благовещенск"


def test_csv_in_the_wrong_encoding_asks_for_read_encoding(tmp_path):
    (tmp_path / "towns.csv").write_bytes("name,lat,lon\nБлаговещенск,50.2,127.5\n".encode("cp1251"))
    with pytest.raises(GeomapError, match=r"towns\.csv is not utf-8 text: set read\.encoding"):
        read(write_spec(tmp_path, "towns.csv"))


def test_csv_with_a_wkt_column(tmp_path):
    (tmp_path / "links.csv").write_text(
        'name,shape\nbridge,"LINESTRING (127.52637 50.27593, 127.49016 50.24413)"\n', encoding="utf-8"
    )
    data = read(write_spec(tmp_path, "links.csv", symbol="line", extra='[read]\nwkt = "shape"\n'))
    assert data.geometry.iloc[0].geom_type == "LineString" and "shape" not in data.columns


def test_csv_rows_without_coordinates_are_dropped_with_their_line_numbers(tmp_path):
    rows = ["name,lat,lon", "a,50.1,127.1", "b,,127.2", '"c, with a\nnewline",x,127.3', "", "d,50.4,127.4"]
    rows += [f"e{i},north,127" for i in range(6)]
    (tmp_path / "towns.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = write_spec(tmp_path, "towns.csv")
    with pytest.warns(LayerWarning) as caught:
        data = read(spec)
    assert list(data["name"]) == ["a", "d"]
    (message,) = [str(w.message) for w in caught]
    assert str(spec) in message and "towns.csv" in message
    # header = line 1; the quoted newline makes "c" span lines 4-5; the blank line 6 is skipped
    assert (
        "8 rows without numeric coordinates in 'lat'/'lon' left out (lines 3, 4, 8, 9, 10 and 3 more)"
        in message
    )


def test_csv_without_coordinate_columns_lists_the_columns(tmp_path):
    (tmp_path / "towns.csv").write_text("name,north,east\na,50,127\n", encoding="utf-8")
    with pytest.raises(
        GeomapError, match=r"towns\.csv has no coordinate columns.*\['name', 'north', 'east'\]"
    ):
        read(write_spec(tmp_path, "towns.csv"))


def test_csv_in_web_mercator_with_a_declared_crs(tmp_path):
    mercator = points().to_crs("EPSG:3857")
    x, y = mercator.geometry.iloc[0].x, mercator.geometry.iloc[0].y
    (tmp_path / "towns.csv").write_text(f"name,x,y\nHeihe,{x},{y}\n", encoding="utf-8")
    data = read(write_spec(tmp_path, "towns.csv", extra='[read]\ncrs = "EPSG:3857"\n'))
    assert xy(data) == HEIHE


def test_projected_coordinates_without_a_crs_ask_for_read_crs(tmp_path):
    (tmp_path / "towns.csv").write_text("name,x,y\nHeihe,14192000,6490000\n", encoding="utf-8")
    spec = write_spec(tmp_path, "towns.csv")
    with pytest.raises(GeomapError, match=r"test_layer\.toml: towns\.csv has no CRS .* set read\.crs"):
        read(spec)


def test_a_row_off_the_globe_is_named_and_left_out_and_fatal_when_strict(tmp_path):
    rows = "name,lat,lon\nA,50.1,127.5\nB,95.0,127.6\nC,50.3,127.7\nD,50.4,190.0\nE,50.5,127.9\n"
    (tmp_path / "towns.csv").write_text(rows, encoding="utf-8")
    spec = write_spec(tmp_path, "towns.csv")
    with pytest.warns(LayerWarning, match=r"towns\.csv: rows 2, 4 of 5 have coordinates outside .* left out"):
        data = read(spec)
    assert list(data["name"]) == ["A", "C", "E"]
    with pytest.raises(GeomapError, match=r"test_layer\.toml: towns\.csv: rows 2, 4 of 5 have coordinates"):
        read_source(load_spec(spec), context=Context(), strict=True)


def test_geopackage_layer_chosen_by_name(tmp_path):
    path = tmp_path / "zones.gpkg"
    points().to_file(path, layer="towns", driver="GPKG")
    zone = Polygon([(127.4, 50.2), (127.6, 50.2), (127.6, 50.3), (127.4, 50.3)])
    gpd.GeoDataFrame({"name": ["customs zone"]}, geometry=[zone], crs="EPSG:4326").to_file(
        path, layer="zones", driver="GPKG"
    )
    data = read(write_spec(tmp_path, "zones.gpkg", symbol="polygon", extra='[read]\nlayer = "zones"\n'))
    assert list(data["name"]) == ["customs zone"]
    with pytest.raises(GeomapError, match=r"has 2 layers \['towns', 'zones'\]: set read.layer"):
        read(write_spec(tmp_path, "zones.gpkg", name="unnamed"))
    with pytest.raises(GeomapError, match=r"key 'read.layer': zones.gpkg has no layer 'roads'"):
        read(write_spec(tmp_path, "zones.gpkg", name="wrong", extra='[read]\nlayer = "roads"\n'))


def test_shapefile_in_another_crs_is_reprojected(tmp_path):
    points().to_crs("EPSG:32652").to_file(tmp_path / "towns.shp")  # UTM zone 52N
    data = read(write_spec(tmp_path, "towns.shp"))
    assert xy(data) == pytest.approx(HEIHE, abs=1e-5)


def test_geoparquet(tmp_path):
    points().to_crs("EPSG:3857").to_parquet(tmp_path / "towns.parquet")
    data = read(write_spec(tmp_path, "towns.parquet"))
    assert xy(data, 1) == pytest.approx(BLAGOVESHCHENSK, abs=1e-5)


@pytest.mark.skipif("KML" not in pyogrio.list_drivers(write=True), reason="this GDAL cannot write KML")
def test_kml(tmp_path):
    points().rename(columns={"name": "Name"}).to_file(tmp_path / "towns.kml", driver="KML")
    data = read(write_spec(tmp_path, "towns.kml", tooltip="{Name}"))
    assert sorted(data["Name"]) == ["Blagoveshchensk", "Heihe"] and xy(data) == HEIHE


def test_invalid_geometries_are_repaired_and_empty_ones_dropped_with_counts(tmp_path):
    bowtie = Polygon([(127, 50), (128, 51), (128, 50), (127, 51)])  # self-intersecting
    square = Polygon([(126, 49), (126.5, 49), (126.5, 49.5), (126, 49.5)])
    gdf = gpd.GeoDataFrame(
        {"name": ["bowtie", "square", "empty", "none"]},
        geometry=[bowtie, square, Polygon(), None],
        crs="EPSG:4326",
    )
    gdf.to_file(tmp_path / "zones.geojson", driver="GeoJSON")
    spec = write_spec(tmp_path, "zones.geojson", symbol="polygon")
    with pytest.warns(LayerWarning) as caught:
        data = read(spec)
    messages = " | ".join(str(w.message) for w in caught)
    assert "1 invalid geometry repaired with make_valid" in messages
    assert "2 rows with a missing, empty or unrepairable geometry left out" in messages
    assert list(data["name"]) == ["bowtie", "square"] and data.geometry.is_valid.all()


def test_an_empty_layer_warns(tmp_path):
    (tmp_path / "towns.csv").write_text("name,lat,lon\n", encoding="utf-8")
    with pytest.warns(LayerWarning, match=r"layer 'test_layer' is empty: towns\.csv has no rows"):
        read(write_spec(tmp_path, "towns.csv"))


def test_a_column_missing_from_the_data_names_key_line_and_columns(tmp_path):
    points().to_file(tmp_path / "towns.geojson", driver="GeoJSON")
    spec = write_spec(
        tmp_path,
        "towns.geojson",
        extra='popup = [["name", "Town"], ["trucks", "Trucks"], ["cars", "Cars"]]\n',
    )
    with pytest.raises(GeomapError) as err:
        read(spec)
    assert str(err.value) == (
        f"{spec}:6: key 'popup[2]': layer 'test_layer' reads column 'cars', "
        "which towns.geojson does not have (columns: ['name', 'trucks'])"
    )


def test_a_symbol_that_cannot_draw_the_geometries(tmp_path):
    line = gpd.GeoDataFrame({"name": ["l"]}, geometry=[LineString([(127, 50), (128, 51)])], crs="EPSG:4326")
    line.to_file(tmp_path / "rail.geojson", driver="GeoJSON")
    with pytest.raises(GeomapError, match=r":4: key 'symbol': symbol 'circle' cannot draw the line .*'line'"):
        read(write_spec(tmp_path, "rail.geojson"))


def test_a_missing_file_names_the_spec_line(tmp_path):
    spec = write_spec(tmp_path, "absent.geojson")
    with pytest.raises(GeomapError, match=rf"{spec}:3: key 'source': no such file: .*absent\.geojson"):
        read(spec)


def test_python_source_beside_the_spec_with_args(tmp_path):
    (tmp_path / "depots_source.py").write_text(
        textwrap.dedent("""\
        import pandas as pd

        def depots(n=1):
            names = [f"depot {i}" for i in range(n)]
            return pd.DataFrame({"name": names, "lat": [50.0] * n, "lon": [127.0] * n})
        """),
        encoding="utf-8",
    )
    spec = write_spec(tmp_path, "python:depots_source:depots", extra="[read.args]\nn = 3\n")
    data = read(spec)
    assert list(data["name"]) == ["depot 0", "depot 1", "depot 2"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("def f():\n    raise KeyError('no table')\n", r"python:bad_source:f raised KeyError: 'no table'"),
        ("def f():\n    return 42\n", r"python:bad_source:f returned int, expected a GeoDataFrame"),
        (
            "def f():\n    import pandas\n    return pandas.DataFrame({'a': [1]})\n",
            r"has no coordinate columns",
        ),
        ("g = 1\n", r"bad_source has no 'f'"),
        ("import not_a_module_anywhere\n", r"cannot import 'bad_source': ModuleNotFoundError"),
        ("def f():\n    import sys\n    sys.exit(3)\n", r"python:bad_source:f raised SystemExit: 3"),
        ("import sys\nsys.exit('bye')\n", r"cannot import 'bad_source': SystemExit: bye"),
    ],
)
def test_failing_python_sources_name_the_callable_and_the_spec(tmp_path, body, expected):
    module = f"bad_source_{tmp_path.name}"  # a module imported once stays imported: one per case
    (tmp_path / f"{module}.py").write_text(body, encoding="utf-8")
    expected = expected.replace("bad_source", module)
    spec = write_spec(tmp_path, f"python:{module}:f", name="bad_source_layer")
    with pytest.raises(LayerSourceError, match=expected) as err:
        read(spec)
    assert str(spec) in str(err.value)


def test_event_sources_read_the_tables_of_the_build(map_tables):
    from geomap.layers import builtin_specs

    visits = next(s for s in builtin_specs() if s.name == "visits")
    assert read_source(visits, context=Context(tables=None)) is None
    layer = read_source(visits, context=Context(tables=map_tables))
    assert len(layer.data) == 2


def test_data_frames_from_code_with_a_lat_lon_table(tmp_path):
    from geomap.layers import parse_spec

    spec = parse_spec({"name": "t", "title": "T", "source": "frame:t", "symbol": "circle"}, "code")
    frame = pd.DataFrame({"lat": [50.2, None], "lon": [127.5, 127.6]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layer = read_source(spec, context=Context(frames={"t": frame}))
    assert len(layer.data) == 1 and "1 row without numeric coordinates" in str(caught[0].message)
    assert "(row 2)" in str(caught[0].message)
