"""The list of events below the map (one escaped row per event, in the layers' order); the page's language."""

from __future__ import annotations

import re

from conftest import HOSTILE_IMG, make_custom_layers, make_documents, make_tables

from geomap.layers import builtin_layers
from geomap.render import build_map
from geomap.render.listview import Group, event_rows, list_groups, list_html
from geomap.render.safe import html_text
from geomap.render.text import DocumentIndex


def rows():
    return event_rows(builtin_layers(make_tables()), DocumentIndex(make_documents()))


def test_every_event_has_a_row_in_the_events_table():
    tables = make_tables()
    found = rows()
    assert len(found) == len(tables["visits"]) + len(tables["crossings"]) + len(tables["traffic"])
    assert {r["kind"] for r in found} == {"Visits", "Border crossings", "Reported traffic"}
    assert all(r["key"].split(":")[0] in ("visits", "crossings", "traffic") for r in found)


def test_places_and_the_analysts_own_layers_get_a_table_each_and_bulk_or_heat_layers_a_note():
    layers = builtin_layers(make_tables()) + list(make_custom_layers().values())
    groups = list_groups(layers, DocumentIndex(make_documents()))
    custom = make_custom_layers()
    headings = [g.heading for g in groups]
    assert headings[:2] == ["Events on the map", "Places mentioned"]  # then the layers in their order
    own = {"Depots", "Rail", "Zones", "Modes", "Volumes", html_text(custom["hostile"].spec.title)}
    assert set(headings[2:]) == own  # the heat layer is not listed row by row
    by_heading = {g.heading: g.rows for g in groups}
    assert len(by_heading["Places mentioned"]) == 2  # Harbin and Heihe, one symbol each
    assert len(by_heading["Depots"]) == len(custom["depots"].data)
    places = [r["place"] for r in by_heading["Rail"]]
    assert places == ["Heihe spur", "Blagoveshchensk sidings", "Level crossing"]
    assert by_heading["Zones"][0]["what"] == "Customs zone (1.5 km²)"  # the tooltip says what it is
    assert all(r["key"].startswith("rail:") for r in by_heading["Rail"])
    html = list_html(groups)
    assert "<img" not in html and html.count('<table class="geomap-events-table">') == len(groups)
    tables = html.split('<div class="geomap-events-group">')[1:]
    heads = [re.findall(r'data-col="\d">(\w+)<', t.split("</thead>")[0]) for t in tables]
    assert heads[0] == ["Kind", "Place", "What", "Date", "Source"]  # the events, of several kinds
    assert heads[1] == ["Place", "What", "Source"]  # the places: one kind, undated (the heading says it)
    page = build_map(layers, title="t", documents=make_documents()).get_root().render()
    assert "Truck heat: 40 rows drawn together on the map, not listed here." in page


def test_rows_say_place_what_date_and_source():
    found = {r["key"]: r for r in rows()}
    harbin = found["visits:0"]
    assert harbin["place"] == "Harbin" and harbin["what"] == "Vladimir Putin: Russia-China Expo"
    assert harbin["date"] == "2024-05-17" and harbin["date_key"] == "2024-05-17"  # a one-day visit: once
    assert found["visits:1"]["date"] == "2024-05-16 – 2024-05-17"
    assert found["traffic:0"]["what"] == "Heihe goods imports and exports: 31.35 billion CNY"
    assert found["traffic:0"]["date"] == "in 2024"
    assert found["visits:0"]["source"].startswith("Putin in Harbin &lt;/script&gt;")
    assert found["visits:0"]["source"].endswith("(+1 more)")


def test_the_table_escapes_every_string_from_a_document():
    html = list_html([Group("Events on the map", rows())])
    assert "<img" not in html and "</script><script>" not in html
    assert HOSTILE_IMG.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in html


def test_the_page_carries_the_table_only_as_a_json_string():
    page = build_map(builtin_layers(make_tables()), title="t", documents=make_documents()).get_root().render()
    assert "Events on the map (7)" in page
    assert "<img src=x" not in page.replace("\\u003cimg src=x", "")


def test_the_page_says_its_language_and_is_otherwise_the_page_branca_writes():
    from branca.element import Figure

    from geomap.render.reach import set_language

    figure = Figure(title="A map")
    plain = figure.render()
    set_language(figure)  # type: ignore[arg-type]  # a Figure is its own root
    assert figure.render() == plain.replace("<html>", '<html lang="en">', 1)
