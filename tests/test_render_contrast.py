"""Every built-in layer's symbols stand out from the offline basemap's land and sea (WCAG 1.4.11)."""

from __future__ import annotations

import pytest

from geomap.layers import builtin_specs
from geomap.render import basemap
from geomap.render.contrast import NON_TEXT, contrast_ratio
from geomap.render.controls import Stylesheet
from geomap.render.styles import base_color
from geomap.render.symbols import path_style


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("white", "#fff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    with pytest.raises(ValueError):
        contrast_ratio("not a colour", "#fff")


@pytest.mark.parametrize("spec", builtin_specs(), ids=lambda s: s.name)
def test_each_layer_and_category_outline_stands_out_from_land_and_sea(spec):
    grounds = [basemap.STYLE["fillColor"], Stylesheet().background]  # land, and the sea behind it
    edges = {"layer": path_style(spec)["color"] if spec.symbol != "marker" else base_color(spec)}
    for category, colour in (spec.style.get("color_map") or {}).items():
        edges[category] = path_style(spec, color=colour)["color"]
    weak = {
        name: round(contrast_ratio(edge, ground), 2)
        for name, edge in edges.items()
        for ground in grounds
        if contrast_ratio(edge, ground) < NON_TEXT
    }
    assert weak == {}
