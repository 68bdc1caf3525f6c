"""geomap.Map: specs, data frames and articles as layers, through the same schema and readers as a build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

import geomap
from geomap.errors import GeomapError
from geomap.layers import SpecError
from geomap.pipeline import Extraction

EXAMPLES = Path(__file__).resolve().parents[1] / "layers" / "examples"


def depots() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Heihe depot", "Amur depot"], "trucks": [1200.0, 300.0]},
        geometry=[Point(127.49, 50.24), Point(127.53, 50.28)],
        crs="EPSG:4326",
    )


def test_import_geomap_stays_light_and_map_loads_on_first_use():
    code = (
        "import sys, geomap; assert 'geopandas' not in sys.modules; geomap.Map; "
        "print('geopandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
    with pytest.raises(AttributeError):
        geomap.NoSuchThing  # noqa: B018


def test_add_layer_takes_spec_keys_and_guesses_the_symbol(tmp_path):
    m = geomap.Map(title="Depots", border=False)
    popup = [["trucks", "Trucks", ",.0f"]]
    style = {"radius_field": "trucks", "max_radius": 20}
    m.add_layer(depots(), name="depots", tooltip="{name}: {trucks:,.0f}", popup=popup, style=style)
    rail = gpd.GeoDataFrame({"name": ["r"]}, geometry=[LineString([(127, 50), (128, 51)])], crs="EPSG:4326")
    m.add_layer(rail, name="rail", title="Rail")
    table = pd.DataFrame({"name": ["post"], "Latitude": [50.2], "Longitude": [127.6]})
    m.add_layer(table, name="posts", symbol="marker", style={"color": "green"})
    layers = {layer.spec.name: layer for layer in m.layers()}
    assert {n: layers[n].spec.symbol for n in layers} == {
        "depots": "circle",
        "rail": "line",
        "posts": "marker",
    }
    assert layers["depots"].spec.title == "depots" and layers["depots"].spec.popup[0].format == ",.0f"
    assert layers["posts"].data.geometry.iloc[0].x == pytest.approx(127.6)
    out = m.save(tmp_path / "depots.html")  # one self-contained file by default
    assert out.is_file() and not (tmp_path / "depots_files").exists()
    assert "geomap-depots" in out.read_text(encoding="utf-8")


def test_add_layer_errors_name_the_argument():
    m = geomap.Map(border=False)
    with pytest.raises(SpecError) as err:
        m.add_layer(depots(), name="bad", symbol="star", style={"colour": "red", "radius": -1}, popup=[["x"]])
    where = "Map.add_layer(name='bad'): "
    assert [p.removeprefix(where) for p in err.value.problems] == [
        "argument 'symbol': expected 'marker', 'circle', 'line', 'polygon', 'heat' or 'cluster', "
        "found 'star'",
        "argument 'style.radius': expected a number of pixels (0 or more), found -1",
        "unknown argument 'style.colour' (did you mean 'color'?)",
        "argument 'popup[0]': expected [column, label] or [column, label, format] or "
        "{column = ..., label = ..., format = ...}, found ['x']",
    ]
    with pytest.raises(SpecError, match="argument 'data': expected a GeoDataFrame"):
        m.add_layer([1, 2], name="bad")
    m.add_layer(depots(), name="depots", popup=[["cars", "Cars"]])
    with pytest.raises(GeomapError, match=r"key 'popup\[0\]': layer 'depots' reads column 'cars'"):
        m.layers()


def test_specs_files_and_a_later_layer_of_the_same_name_replaces_the_earlier():
    m = geomap.Map(border=False).add_specs(EXAMPLES / "rail_links")
    assert [layer.spec.name for layer in m.layers()] == ["rail_links"]
    m.add_layer(depots(), name="rail_links", title="Not rail")
    (layer,) = m.layers()
    assert layer.spec.title == "Not rail" and len(layer.data) == 2
    with pytest.raises(SpecError, match="no such file or folder"):
        m.add_specs(EXAMPLES / "absent")


def test_add_events_from_an_extraction_and_repr_html_inlines_everything(map_tables, map_documents):
    extraction = Extraction(documents=map_documents, mentions={}, events=None, tables=map_tables)
    m = geomap.Map(title="Events <test>").add_events(extraction)
    m.add_layer(depots(), name="depots")
    names = [layer.spec.name for layer in m.layers()]
    assert names == ["border", "depots", "places", "crossings", "status", "traffic", "visits"]
    html = m._repr_html_()
    assert html.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'title="Events &lt;test&gt;"' in html
    assert "cdn.jsdelivr.net" not in html and "<script" not in html  # the page is inlined and escaped


def test_save_takes_the_same_output_options_as_geomap_build(tmp_path):
    import inspect

    from geomap.cli.build import build

    options = {"format", "inline_assets", "width", "height", "scale"}
    assert options <= set(inspect.signature(geomap.Map.save).parameters)
    assert {"fmt", "inline_assets", "width", "height", "scale"} <= {p.name for p in build.params}
    m = geomap.Map(title="Saved", height=420)
    assert "height: 420px" in m.save(tmp_path / "default.html", format="fragment").read_text("utf-8")
    page = m.save(tmp_path / "page.html", inline_assets=True).read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and not (tmp_path / "page_files").exists()
    m.save(tmp_path / "snippet.html", format="fragment", inline_assets=False, height="50vh")
    assert (tmp_path / "snippet_files").is_dir()


def test_add_layer_takes_popup_html_and_sanitises_it(tmp_path):
    m = geomap.Map(title="Notes", border=False)
    frame = depots().assign(note='<b>open</b> <img src=x onerror="alert(1)">')
    m.add_layer(frame, name="notes", popup=[["note", "Note"]], popup_html=["note"])
    page = m.save(tmp_path / "notes.html", inline_assets=False).read_text("utf-8")  # without libraries' code
    assert "\\u003cb\\u003eopen\\u003c/b\\u003e" in page or "<b>open</b>" in page
    assert "onerror" not in page
    with pytest.raises(SpecError, match="popup_html"):
        geomap.Map(border=False).add_layer(frame, name="bad", popup=[["name", "Name"]], popup_html=["note"])
