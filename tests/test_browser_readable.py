"""Readable maps in real headless Chromium (network blocked): the legend follows the layer control."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_documents, make_tables

from geomap.export import write_html
from geomap.layers import builtin_layers
from geomap.render import build_map

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
    for title in ["Visits", "Places mentioned", "Reported traffic", "Visits", "China–Russia border"]:
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
