"""A 5,000-point layer in real headless Chromium, network blocked: every point drawn on the canvas,
a popup and tooltip showing a hostile name as typed, nothing executed, no console error."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from conftest import HOSTILE, HOSTILE_IMG, HOSTILE_SCRIPT, make_spec

from geomap.export import write_html
from geomap.layers import Layer, PopupField
from geomap.render import build_map

pytestmark = pytest.mark.browser

N = 5000
LONELY = (129.5, 52.5)  # the last point, alone outside the others' box, so a click finds only it
LONELY_NAME = " ".join(HOSTILE)

# For a sample of the layer's circles: is it on the map, and is its canvas painted where it lies?
PAINTED = """name => {
    const bulk = window.geomapBulk[name], layer = bulk.layer, renderer = bulk.renderer;
    const ctx = renderer._ctx, origin = renderer._bounds.min, sample = [];
    for (let i = 0; i < bulk.count; i += 97) { sample.push(i); }
    const painted = sample.filter(i => {
        const x = Math.round(layer._xs[i] - origin.x), y = Math.round(layer._ys[i] - origin.y);
        return ctx.getImageData(x, y, 1, 1).data[3] > 0;
    });
    return {count: bulk.count, drawn: layer.drawn, rows: layer._xs.length, sample: sample.length,
            painted: painted.length};
}"""
WHERE = """name => {
    const bulk = window.geomapBulk[name], layer = bulk.layer, last = bulk.count - 1;
    const p = layer._map.layerPointToContainerPoint([layer._xs[last], layer._ys[last]]);
    const box = layer._map.getContainer().getBoundingClientRect();
    return [box.x + p.x, box.y + p.y];
}"""


@pytest.fixture(scope="module")
def bulk_page(tmp_path_factory) -> Path:
    """A page with one 5,000-point circle layer, coloured by category, with hostile names."""
    rng = np.random.default_rng(5)
    names = [f"Depot {i} {HOSTILE[i % len(HOSTILE)]}" for i in range(N - 1)] + [LONELY_NAME]
    lons = np.append(rng.uniform(126, 128, N - 1), LONELY[0])
    lats = np.append(rng.uniform(49, 51, N - 1), LONELY[1])
    data = gpd.GeoDataFrame(
        {
            "name": names,
            "value": np.round(rng.lognormal(6, 1.5, N), 2),
            "mode": rng.choice(["road", "rail"], N),
        },
        geometry=gpd.points_from_xy(lons, lats),
        crs="EPSG:4326",
    )
    popup = (PopupField("name", "Name"), PopupField("value", "Value", ",.2f"), PopupField("mode", "Mode"))
    style = {"color_field": "mode", "color_map": {"road": "#e41a1c", "rail": "#377eb8"}}
    spec = make_spec(
        "depots", "circle", title="Depots " + HOSTILE_IMG, tooltip="{name}", popup=popup, style=style
    )
    m = build_map([Layer(data, spec)], title="Big layer")
    return write_html(m, tmp_path_factory.mktemp("bulk") / "bulk.html", inline_assets=False)


def open_page_named(page, path: Path, name: str) -> list[str]:
    """Open the page once its bulk layer `name` is on the map; the list fills with any dialog's message."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(f"() => window.geomapBulk && window.geomapBulk[{name!r}]")
    page.wait_for_timeout(200)
    return dialogs


def open_page(page, path: Path) -> list[str]:
    return open_page_named(page, path, "depots")


def test_every_point_of_a_big_layer_is_on_the_canvas_and_painted(offline_page, bulk_page):
    page, log = offline_page
    open_page(page, bulk_page)
    drawn = page.evaluate(PAINTED, "depots")
    assert drawn["count"] == drawn["drawn"] == drawn["rows"] == N
    assert drawn["painted"] == drawn["sample"] > 40
    assert page.locator(".geomap-depots, .leaflet-marker-icon").count() == 0  # no DOM node per point
    assert log.problems() == []


def test_a_clicked_point_shows_its_hostile_values_as_text_and_runs_nothing(offline_page, bulk_page):
    page, log = offline_page
    dialogs = open_page(page, bulk_page)
    x, y = page.evaluate(WHERE, "depots")
    page.mouse.move(x, y)
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == LONELY_NAME
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup-content .geomap-popup")
    popup.wait_for()
    assert popup.locator(".geomap-popup-heading").inner_text() == LONELY_NAME
    cells = popup.locator("tr").all_inner_texts()
    assert cells[0] == f"Name\t{LONELY_NAME}" and cells[1].startswith("Value\t") and len(cells) == 3
    assert popup.locator("img, script").count() == 0
    assert page.evaluate("() => window.__pwned") is None and dialogs == []
    assert HOSTILE_SCRIPT in page.locator(".leaflet-popup-content").inner_text()
    assert log.problems() == []


def test_a_big_cluster_layer_groups_every_point_and_opens_a_popup(offline_page, tmp_path):
    rng = np.random.default_rng(3)
    n = 3000
    data = gpd.GeoDataFrame(
        {"name": [f"Stop {i} {HOSTILE_IMG}" for i in range(n)]},
        geometry=gpd.points_from_xy(rng.uniform(126, 128, n), rng.uniform(49, 51, n)),
        crs="EPSG:4326",
    )
    spec = make_spec("stops", "cluster", tooltip="{name}", popup=(PopupField("name", "Name"),))
    path = write_html(
        build_map([Layer(data, spec)], title="Stops"), tmp_path / "stops.html", inline_assets=False
    )
    page, log = offline_page
    dialogs = open_page_named(page, path, "stops")
    # Every point is in one cluster or shown alone, once the clusters' fade-in is over.
    page.wait_for_function(
        """n => [...document.querySelectorAll('.marker-cluster')].reduce((a, c) => a + Number(c.innerText), 0)
            + document.querySelectorAll('.leaflet-marker-pane .geomap-stops').length === n""",
        arg=n,
    )
    assert page.evaluate("() => window.geomapBulk.stops.count") == n
    page.locator(".marker-cluster").first.click()
    page.wait_for_timeout(600)
    page.locator(".leaflet-marker-pane .geomap-stops").first.click()
    popup = page.locator(".leaflet-popup-content .geomap-popup")
    popup.wait_for()
    assert HOSTILE_IMG in popup.locator(".geomap-popup-heading").inner_text()
    assert page.evaluate("() => window.__pwned") is None and dialogs == []
    assert log.problems() == []


DRAWN_ROWS = """name => {
    const bulk = window.geomapBulk[name];
    return bulk.layer ? bulk.layer.drawn : bulk.parent.getLayers().length;
}"""


@pytest.mark.parametrize("symbol", ["circle", "cluster"])
def test_the_time_slider_filters_a_big_dated_layer(offline_page, tmp_path, symbol):
    n = 2400
    rng = np.random.default_rng(11)
    years = [("2021", "2022", None)[i % 3] for i in range(n)]  # a third undated: always shown
    data = gpd.GeoDataFrame(
        {"name": [f"Post {i}" for i in range(n)], "year": years},
        geometry=gpd.points_from_xy(rng.uniform(126, 128, n), rng.uniform(49, 51, n)),
        crs="EPSG:4326",
    )
    spec = make_spec("posts", symbol, time="year", tooltip="{name}")
    m = build_map([Layer(data, spec)], title="Posts")
    path = write_html(m, tmp_path / "posts.html", inline_assets=False)
    page, log = offline_page
    open_page_named(page, path, "posts")
    slider = page.locator(".geomap-time-range")
    expected = {0: n, 1: 2 * n // 3, 2: 2 * n // 3}  # all; 2021 and undated; 2022 and undated
    for index in (1, 2, 0):
        slider.evaluate("(input, i) => { input.value = i; input.dispatchEvent(new Event('input')); }", index)
        page.wait_for_function(f"name => ({DRAWN_ROWS})(name) === {expected[index]}", arg="posts")
    slider.evaluate("input => { input.value = 1; input.dispatchEvent(new Event('input')); }")
    assert page.locator(".geomap-time-value").inner_text() == "2021"
    page.wait_for_function(f"name => ({DRAWN_ROWS})(name) === {expected[1]}", arg="posts")
    assert log.problems() == []
