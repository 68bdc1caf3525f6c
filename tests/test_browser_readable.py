"""Readable maps in real headless Chromium (network blocked): the legend follows the layer control,
the time slider filters dated layers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import make_documents, make_spec, make_tables
from shapely.geometry import Point

from geomap.export import write_html
from geomap.layers import Layer, builtin_layers
from geomap.render import build_map
from geomap.render.formats import iso_time
from geomap.render.timeslider import overlaps

pytestmark = pytest.mark.browser

VISIBLE_LEGEND = """() => [...document.querySelectorAll('.geomap-legend .geomap-legend-layer')]
    .filter(block => block.offsetParent !== null).map(block => block.dataset.layer)"""


def open_map(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    page.wait_for_timeout(100)


def toggle(page, title: str) -> None:
    """Click a layer's box in the layer control, as a reader would."""
    page.locator(".leaflet-control-layers-overlays label", has_text=title).locator("input").click()


@pytest.fixture
def builtin_page(offline_page, tmp_path):
    page, log = offline_page
    layers = builtin_layers(make_tables())
    open_map(
        page,
        write_html(
            build_map(layers, title="Legend", documents=make_documents()),
            tmp_path / "m.html",
            inline_assets=False,
        ),
    )
    return page, log, {layer.spec.title: layer.spec.name for layer in layers}, layers


def test_legend_lists_only_the_layers_shown_on_opening(builtin_page):
    page, log, _, layers = builtin_page
    assert page.evaluate(VISIBLE_LEGEND) == [la.spec.name for la in layers if la.spec.show]
    assert "places" not in page.evaluate(VISIBLE_LEGEND)  # off on opening
    assert log.problems() == []


def test_legend_follows_layers_toggled_in_the_control(builtin_page):
    page, log, names, layers = builtin_page
    order = [la.spec.name for la in layers]
    shown = {la.spec.name for la in layers if la.spec.show}
    for title in ["Visits", "Places mentioned", "Reported traffic", "Visits", "Land border"]:
        toggle(page, title)
        shown ^= {names[title]}
        assert page.evaluate(VISIBLE_LEGEND) == [n for n in order if n in shown], title
    assert not page.locator(".geomap-legend-empty").is_visible()
    assert log.problems() == []


def test_legend_says_so_when_every_layer_is_off(builtin_page):
    page, _, names, layers = builtin_page
    for layer in layers:
        if layer.spec.show:
            toggle(page, layer.spec.title)
    assert page.evaluate(VISIBLE_LEGEND) == []
    assert page.locator(".geomap-legend-empty").inner_text() == "No layer shown"
    toggle(page, "Visits")
    assert page.evaluate(VISIBLE_LEGEND) == ["visits"]
    assert not page.locator(".geomap-legend-empty").is_visible()


# How many features of a layer are drawn: its markers and paths (connecting lines apart), or, for a
# clustered layer, the markers its cluster holds.
DRAWN = """name => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let clustered = null;
    map.eachLayer(l => {
        const cluster = L.MarkerClusterGroup && l instanceof L.MarkerClusterGroup;
        if (cluster && l.getLayers().some(m => m.feature && m.options.icon
            && String(m.options.icon.options.className).includes(`geomap-${name}`))) { clustered = l; }
    });
    if (clustered) { return clustered.getLayers().length; }
    return document.querySelectorAll(`.leaflet-marker-pane .geomap-${name}, path.geomap-${name}`).length;
}"""


def move_slider(page, index: int) -> str:
    """Set the slider to a position as dragging it does (an input event); the period it shows."""
    page.locator(".geomap-time-range").evaluate(
        "(input, i) => { input.value = i; input.dispatchEvent(new Event('input')); }", index
    )
    return page.locator(".geomap-time-value").inner_text()


def expected(layer, period: str | None) -> int:
    """Features of the layer whose period overlaps `period` (all of them for None), undated ones too."""
    spec = layer.spec
    times = [iso_time(v) for v in layer.data[spec.time]] if spec.time else []
    ends = [iso_time(v) for v in layer.data[spec.time_end]] if spec.time_end else [None] * len(times)
    if period is None or not times:
        return len(layer.data)
    return sum(t is None or overlaps(t, period, e) for t, e in zip(times, ends, strict=True))


def dated_custom_layer():
    """A clustered layer of depots with a year each, one undated."""
    years = [2022, 2022, 2023, 2024, None]
    frame = gpd.GeoDataFrame(
        {"name": [f"Depot {i}" for i in range(5)], "year": years},
        geometry=[Point(127.45 + 0.01 * i, 50.25) for i in range(5)],
        crs="EPSG:4326",
    )
    spec = make_spec(
        "dated_depots", "cluster", time="year", tooltip="{name} ({year})", style={"color": "green"}
    )
    return Layer(frame, spec)


def test_time_slider_hides_and_shows_dated_features(offline_page, tmp_path):
    page, log = offline_page
    layers = builtin_layers(make_tables()) + [dated_custom_layer()]
    m = build_map(layers, title="Time", documents=make_documents())
    open_map(page, write_html(m, tmp_path / "m.html", inline_assets=False))
    show_all(page)
    by_name = {la.spec.name: la for la in layers}
    assert page.locator(".geomap-time-value").inner_text() == "All dates"
    choices = ["2022", "2023", "2023-10", "2024", "2024-05-16", "2024-05-17"]
    for index, period in [*enumerate(choices, start=1), (0, None)]:
        assert move_slider(page, index) == (period or "All dates")
        for name in ("visits", "traffic", "dated_depots", "crossings", "places", "border"):
            assert page.evaluate(DRAWN, name) == expected(by_name[name], period), (period, name)
    assert log.problems() == []


def test_time_slider_moves_with_the_keyboard(offline_page, tmp_path):
    page, _ = offline_page
    layers = builtin_layers(make_tables())
    open_map(page, write_html(build_map(layers, title="Time"), tmp_path / "m.html", inline_assets=False))
    page.locator(".geomap-time-range").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator(".geomap-time-value").inner_text() == "2023"
    assert page.evaluate(DRAWN, "visits") == 0 and page.evaluate(DRAWN, "traffic") == 2
    page.keyboard.press("Home")
    assert page.locator(".geomap-time-value").inner_text() == "All dates"
    assert page.evaluate(DRAWN, "visits") == 2 and page.evaluate(DRAWN, "traffic") == 3


def show_all(page) -> None:
    for box in page.locator(".leaflet-control-layers-overlays input[type=checkbox]").all():
        if not box.is_checked():
            box.click()


# Each traffic circle's popup opened in turn: its chart's bars and which period is highlighted.
POPUP_CHARTS = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const out = [];
    map.eachLayer(l => {
        if (!l.feature || !l.getPopup() || !(l instanceof L.CircleMarker)) { return; }
        if (l.options.className !== 'geomap-traffic') { return; }
        l.openPopup();
        const content = l.getPopup().getElement().querySelector('.leaflet-popup-content');
        const svg = content.querySelector('svg.geomap-chart');
        out.push({
            heading: content.querySelector('.geomap-popup-heading').innerText,
            bars: svg ? svg.querySelectorAll('rect.geomap-chart-bar').length : 0,
            current: svg ? svg.querySelector('rect.geomap-chart-current title').textContent : null,
            periods: svg ? [...svg.querySelectorAll('text.geomap-chart-period')].map(t => t.textContent) : [],
            drawn: svg ? svg.getBoundingClientRect().width : 0,
        });
        l.closePopup();
    });
    return out.sort((a, b) => a.heading < b.heading ? -1 : 1);
}"""


def test_popups_of_a_series_show_its_bar_chart(offline_page, tmp_path):
    page, log = offline_page
    tables = make_tables()
    trade = [
        dict(id=f"s{year}", metric="trade value", label="China–Russia trade", value=value, unit="USD",
             period=str(year), period_text=str(year), subject="country:CN;country:RU",
             subject_name="China;Russia", geometry=Point(116.4, 39.9))
        for year, value in ((2020, 107e9), (2021, 114e9), (2022, 140e9))
    ]  # fmt: skip
    tables["traffic"] = gpd.GeoDataFrame(
        pd.concat([tables["traffic"], gpd.GeoDataFrame(trade, crs="EPSG:4326")], ignore_index=True),
        crs="EPSG:4326",
    )
    m = build_map(builtin_layers(tables), title="Charts", documents=make_documents())
    open_map(page, write_html(m, tmp_path / "m.html", inline_assets=False))
    charts = page.evaluate(POPUP_CHARTS)
    with_chart = [c for c in charts if c["bars"]]
    assert len(charts) == 6 and len(with_chart) == 3
    assert sorted(c["current"].split(":")[0] for c in with_chart) == ["2020", "2021", "2022"]
    for chart in with_chart:
        assert chart["bars"] == 3 and chart["periods"] == ["2020", "2021", "2022"]
        assert chart["heading"].startswith("China–Russia trade") and chart["drawn"] > 200
    assert log.problems() == []


def test_offline_basemap_draws_rivers_and_lakes(builtin_page):
    page, log, _, _ = builtin_page
    counts = page.evaluate(
        """() => ({
        land: document.querySelectorAll('path.geomap-basemap').length,
        rivers: document.querySelectorAll('path.geomap-basemap-river').length,
        lakes: document.querySelectorAll('path.geomap-basemap-lake').length,
        markers: document.querySelectorAll('.leaflet-geomap-basemap-pane img').length,
    })"""
    )
    assert counts["land"] > 0 and counts["rivers"] > 0 and counts["lakes"] > 0 and counts["markers"] == 0
    stroke = page.locator("path.geomap-basemap-river").first.get_attribute("stroke")
    assert stroke == "#7fb2d9"
    assert log.problems() == []
