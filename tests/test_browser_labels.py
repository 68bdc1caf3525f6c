"""Crowded labels in real Chromium: long names of places stacked on one point are written beside their
symbol, wrapped, farther out on a leader line; in a figure a name that fits nowhere is a numbered
callout named in the key beside the map, on the page it is named by its row in the list of events.
Never over a symbol, a panel or another label."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import HOSTILE_IMG, make_documents, make_tables
from test_export_figure import LAYOUT, inside, overlaps

from geomap.export import write_html
from geomap.export.figure import figure_bounds
from geomap.export.image import make_figure
from geomap.layers import builtin_layers
from geomap.render import build_map

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (800, 600), (390, 844)]
# Invented crossings, all on the bridge's point: long names that cannot all sit beside one pin.
LONG_NAMES = [
    "Northbank river freight and passenger transit terminal",
    "Eastgate bonded warehouse and vehicle inspection yard",
    "Old pontoon landing of the winter ice road " + HOSTILE_IMG,
    "Southern cargo ropeway station",
    "Second river quay for grain barges",
    "Temporary ferry pier",
]
NAMED = """() => {
    const shown = sel => [...document.querySelectorAll(sel)].filter(el => el.getClientRects().length);
    return {
        labels: shown('.geomap-label:not(.geomap-label-callout)').map(el => el.textContent),
        callouts: shown('.geomap-label-callout').map(el => el.textContent),
        key: shown('.geomap-label-key li').map(el => el.textContent),
        leaders: shown('.geomap-label-leader').length,
    };
}"""


def crowded_tables() -> dict[str, gpd.GeoDataFrame]:
    tables = make_tables()
    crossings = tables["crossings"]
    first = crossings.iloc[[0]]
    extra = [first.assign(id=f"x{i}", name=name, mode="terminal") for i, name in enumerate(LONG_NAMES)]
    tables["crossings"] = gpd.GeoDataFrame(pd.concat([crossings, *extra], ignore_index=True), crs=4326)
    return tables


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    m = build_map(builtin_layers(crowded_tables()), title="Crowded crossings", documents=make_documents())
    out = write_html(m, tmp_path_factory.mktemp("crowded") / "map.html", inline_assets=True)
    return m, out


def check_labels(page, *, figure: bool) -> dict:
    """Labels clear of symbols, panels and each other; every crossing named on the map, or (in a figure)
    by a numbered callout explained in the key, or (on the page) by its row in the list of events."""
    got = page.evaluate(LAYOUT, ".leaflet-control, .geomap-figure-side, .geomap-figure-head")
    named = page.evaluate(NAMED)
    rows = page.locator(".geomap-events tbody").all_inner_texts() if not figure else []
    for name in ["Blagoveshchensk–Heihe bridge", *LONG_NAMES]:
        where = [t for t in named["labels"] if t == name] + [t for t in named["key"] if t.endswith(name)]
        assert len(where) == 1 or (not figure and not where and name in rows[0]), (name, named)
    assert len(named["key"]) == len(named["callouts"])
    assert named["callouts"] == [str(i + 1) for i in range(len(named["callouts"]))]
    if not figure:
        assert named["callouts"] == []  # the page names them in its list of events instead
    for label in got["labels"]:
        assert inside(label["box"], got["map"]), label
        assert not any(overlaps(label["box"], s) for s in got["symbols"] + got["panels"]), label
    for i, a in enumerate(got["labels"]):
        assert not any(overlaps(a["box"], b["box"]) for b in got["labels"][i + 1 :]), a
    assert page.evaluate("window.__pwned") is None
    return named


@contextmanager
def page_at(browser, out: Path, width: int, height: int) -> Iterator[object]:
    """The page `out` opened in a fresh browser context of width x height, closed after."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(out.resolve().as_uri())
        yield page
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_crowded_long_names_are_never_dropped_on_the_page(browser, crowded, tmp_path, width, height):
    _, out = crowded
    with page_at(browser, out, width, height) as page:
        page.wait_for_function("() => document.querySelector('.folium-map[data-geomap-labels]') !== null")
        page.wait_for_timeout(300)
        page.screenshot(path=str(tmp_path / f"crowded-{width}x{height}.png"))
        named = check_labels(page, figure=False)
        assert named["leaders"] >= 1  # some names stand away from their pin, joined to it by a line


@pytest.mark.parametrize(("width", "height"), [(600, 400), (1123, 794)], ids=["600x400", "a4"])
def test_crowded_long_names_are_never_dropped_in_a_figure(browser, crowded, tmp_path, width, height):
    m, out = crowded
    with page_at(browser, out, width, height) as page:
        make_figure(page, figure_bounds(m))
        page.screenshot(path=str(tmp_path / f"crowded-figure-{width}x{height}.png"))
        named = check_labels(page, figure=True)
        if width == 600:
            assert named["callouts"], "a figure this small has no room for every long name"
        side = page.locator(".geomap-figure-side")
        assert side.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # the key fits the panel
