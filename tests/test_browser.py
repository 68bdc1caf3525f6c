"""The written page in real headless Chromium with the network blocked: layers, counts, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HOSTILE_IMG, HOSTILE_SCRIPT, SEEDS, make_documents, make_tables

from geomap.export import write_html
from geomap.layers import Layer, builtin_layers
from geomap.render import build_map
from geomap.render.text import is_missing

pytestmark = pytest.mark.browser

COUNT = """name => ({
    markers: document.querySelectorAll(`.leaflet-marker-pane .geomap-${name}`).length,
    paths: document.querySelectorAll(`path.geomap-${name}`).length,
    links: document.querySelectorAll(`path.geomap-${name}-link`).length,
})"""
CONTROL_LABELS = """() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
    .map(label => label.textContent.trim())"""


def expected_counts(layer: Layer) -> dict[str, int]:
    """How many markers, paths and connecting lines the page should draw for a layer."""
    n = len(layer.data)
    links = 0
    sides = layer.spec.style.get("connect", [])
    for _, row in layer.data.iterrows():
        cells = [row.get(f"{side}_{axis}") for side in sides for axis in ("lat", "lon")]
        links += bool(sides) and not any(is_missing(c) for c in cells)
    marker = layer.spec.symbol == "marker"
    return {"markers": n if marker else 0, "paths": 0 if marker else n, "links": links}


def open_page(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    page.wait_for_timeout(200)


def show_all_layers(page) -> None:
    """Tick every overlay in the layer control, as a reader would."""
    for box in page.locator(".leaflet-control-layers-overlays input[type=checkbox]").all():
        if not box.is_checked():
            box.check()


def check_layers(page, layers: list[Layer]) -> None:
    labels = page.evaluate(CONTROL_LABELS)
    assert labels == [layer.spec.title for layer in layers]
    for layer in layers:
        if not layer.spec.show:
            assert page.evaluate(COUNT, layer.spec.name) == {"markers": 0, "paths": 0, "links": 0}
    show_all_layers(page)
    for layer in layers:
        assert page.evaluate(COUNT, layer.spec.name) == expected_counts(layer), layer.spec.name


@pytest.mark.parametrize("inline", [False, True], ids=["assets-beside", "assets-inlined"])
def test_hand_made_map_offline(offline_page, tmp_path, inline):
    page, log = offline_page
    layers = builtin_layers(make_tables())
    out = write_html(build_map(layers, title="Amur test", documents=make_documents()), tmp_path / "m.html",
                     inline_assets=inline)  # fmt: skip
    if inline:
        assert [p.name for p in tmp_path.iterdir()] == ["m.html"]
    open_page(page, out)
    check_layers(page, layers)
    assert page.locator(".geomap-legend .geomap-legend-item").count() == len(layers)
    assert page.locator(".geomap-title h1").inner_text() == "Amur test"
    assert page.locator(".geomap-sources li").count() == 3
    assert log.problems() == []


def test_hostile_strings_show_as_text(offline_page, tmp_path):
    page, log = offline_page
    layers = builtin_layers(make_tables())
    m = build_map(layers, title="Map " + HOSTILE_IMG, documents=make_documents())
    open_page(page, write_html(m, tmp_path / "hostile.html", inline_assets=False))
    show_all_layers(page)

    assert page.title() == "Map " + HOSTILE_IMG
    assert page.locator(".geomap-title h1").inner_text() == "Map " + HOSTILE_IMG
    sources = page.locator(".geomap-sources").inner_text()
    assert HOSTILE_SCRIPT in sources and HOSTILE_IMG in sources

    popups = []
    for selector in (".leaflet-marker-pane .geomap-visits", ".leaflet-marker-pane .geomap-crossings",
                     "path.geomap-traffic", "path.geomap-places"):  # fmt: skip
        for i in range(page.locator(selector).count()):
            page.locator(selector).nth(i).dispatch_event("click")
            popups.append(page.locator(".leaflet-popup-content").last.inner_text())
    text = "\n".join(popups)
    # Names, quotes and document titles, as the reader should see them.
    assert "Vladimir Putin " + HOSTILE_IMG in text and "Beijing " + HOSTILE_SCRIPT in text
    assert "Putin arrived in Harbin " + HOSTILE_IMG in text and "Putin in Harbin " + HOSTILE_SCRIPT in text
    assert "Zabaykalsk " + HOSTILE_IMG in text and "Trains pass " + HOSTILE_SCRIPT in text
    assert "Heihe " + HOSTILE_IMG in text and "31.35 billion" in text

    page.locator(".leaflet-marker-pane .geomap-visits").first.dispatch_event("mouseover")
    tooltips = page.locator(".leaflet-tooltip").all_inner_texts()
    assert any(t.startswith("Vladimir Putin") for t in tooltips), tooltips

    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert log.problems() == []


@pytest.mark.shared
def test_seed_corpus_end_to_end(offline_page, tmp_path):
    from geomap.pipeline import build_map_file

    page, log = offline_page
    out = tmp_path / "seeds.html"
    result = build_map_file([SEEDS], out, title="China–Russia border: seeds", inline_assets=False,
                            tiles=None)
    open_page(page, out)
    extraction = getattr(result, "extraction", None)
    if extraction is not None:
        check_layers(page, builtin_layers(extraction.tables))
    else:
        assert "Visits" in page.evaluate(CONTROL_LABELS)
    assert page.locator(".geomap-sources li").count() == len(list(SEEDS.glob("*.txt")))
    assert log.problems() == []
