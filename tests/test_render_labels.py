"""The place names written beside symbols: from the spec's label template, escaped, pairs readable."""

from __future__ import annotations

from conftest import HOSTILE_SCRIPT, make_documents, make_tables

from geomap.layers import LayerSpec, builtin_layers
from geomap.render.features import layer_geojson
from geomap.render.labels import label_html
from geomap.render.text import DocumentIndex

SPEC = LayerSpec(name="figures", title="Figures", source="x.csv", symbol="circle", label="{place}")


def test_label_is_the_filled_template_with_a_listed_pair_joined_by_a_dash():
    assert label_html({"place": "Harbin"}, SPEC) == "Harbin"
    assert label_html({"place": "Narva;Ivangorod"}, SPEC) == "Narva–Ivangorod"


def test_label_is_empty_without_a_template_or_a_value_and_escaped_otherwise():
    assert label_html({"place": None}, SPEC) == ""
    unlabelled = LayerSpec(name="a", title="A", source="x.csv", symbol="circle")
    assert label_html({"place": "Harbin"}, unlabelled) == ""
    assert label_html({"place": "<b>Port</b>"}, SPEC) == "&lt;b&gt;Port&lt;/b&gt;"


def test_builtin_visit_and_crossing_features_carry_their_place_as_label():
    layers = {la.spec.name: la for la in builtin_layers(make_tables())}
    docs = DocumentIndex(make_documents())
    visits = [f["properties"].get("label") for f in layer_geojson(layers["visits"], docs)["features"]]
    assert "Harbin" in visits
    assert "Beijing &lt;/script&gt;&lt;script&gt;" in " ".join(v or "" for v in visits)
    assert all("<" not in (v or "") and HOSTILE_SCRIPT not in (v or "") for v in visits)
    crossings = layer_geojson(layers["crossings"], docs)["features"]
    assert crossings[0]["properties"]["label"] == "Blagoveshchensk–Heihe bridge"
