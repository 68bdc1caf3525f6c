"""The "Crossing status" timeline layer: one circle per dated status event, coloured by status."""

from __future__ import annotations

import json

from conftest import HOSTILE_IMG, HOSTILE_SCRIPT, make_documents, make_tables

from geomap.layers import builtin_layers
from geomap.layers.status import parse_status_events, status_rows
from geomap.render import build_map
from geomap.render.draw import drawing
from geomap.render.text import DocumentIndex


def event(what: str, date: str | None, **more) -> dict:
    return {"what": what, "date": date, "end": None, "planned": False, "text": f"the bridge {what}",
            "quote_start": 10, "quote_end": 20, **more}  # fmt: skip


def tables_with_status(*events_per_crossing: list[dict]) -> dict:
    """The hand-made tables, each crossing given the status events listed (as extract writes: JSON text)."""
    tables = make_tables()
    tables["crossings"]["status_events"] = [json.dumps(evs) for evs in events_per_crossing]
    return tables


def status_layer(tables: dict):
    (layer,) = [la for la in builtin_layers(tables) if la.spec.name == "status"]
    return layer


def test_each_dated_status_event_is_a_row_at_its_crossing_in_date_order():
    tables = tables_with_status(
        [event("reopened", "2024-02-01"), event("closed", "2023-11-30"), event("congested", None)],
        [event("under construction", "2021", end="2023")],
    )
    rows = status_layer(tables).data
    assert list(rows["label"]) == [
        "Zabaykalsk " + HOSTILE_IMG + ": under construction 2021–2023",
        "Blagoveshchensk–Heihe bridge: closed 2023-11-30",
        "Blagoveshchensk–Heihe bridge: reopened 2024-02-01",
    ]  # the undated "congested" is not on the timeline
    bridge = tables["crossings"].geometry.iloc[0]
    assert all(g.equals(bridge) for g in rows.geometry.iloc[1:])
    assert list(rows["sentence"].iloc[1:]) == ["the bridge closed", "the bridge reopened"]


def test_status_colours_tooltip_popup_and_time_reach_the_features():
    tables = tables_with_status(
        [event("closed", "2023-11-30", text="The crossing shut " + HOSTILE_SCRIPT),
         event("reopened", "2024-03", planned=True), event("congested", "2024-04-02")],
        [event("opened", "2019-06-15")],
    )  # fmt: skip
    features = drawing(status_layer(tables), DocumentIndex(make_documents()))["features"]
    by_time = {f["properties"]["time"]: f["properties"] for f in features}
    assert set(by_time) == {"2019-06-15", "2023-11-30", "2024-03", "2024-04-02"}
    colours = {t: p["style"]["fillColor"] for t, p in by_time.items()}
    assert colours["2023-11-30"] == "#d73027"  # closed: red
    assert colours["2019-06-15"] == "#1a9850" and colours["2024-03"] == "#66bd63"  # opened, reopened: greens
    assert colours["2024-04-02"] == "#fdae61"  # congested: amber
    closed = by_time["2023-11-30"]
    assert closed["tooltip"] == "Blagoveshchensk–Heihe bridge: closed 2023-11-30"
    assert "The crossing shut &lt;/script&gt;&lt;script&gt;" in closed["popup"]
    assert "<script>" not in closed["popup"]
    # the source's number in the map's sources list (issue 11: numbered sources), then title, date, file
    cite = '<cite><span class="geomap-source-number">[3]</span> Bridge · 2023-10-01 · 003.txt</cite>'
    assert cite in closed["popup"]
    assert by_time["2024-03"]["tooltip"].endswith("reopened 2024-03 (planned)")


def test_a_crossings_table_without_status_events_gives_an_empty_layer():
    tables = make_tables()
    assert "status_events" not in tables["crossings"].columns
    assert status_layer(tables).data.empty
    assert status_layer(tables_with_status([], [])).data.empty
    tables["crossings"]["status_events"] = ["not json", None]
    assert status_layer(tables).data.empty


def test_status_events_parse_from_text_or_lists_and_skip_what_is_not_an_event():
    assert parse_status_events("") == [] and parse_status_events(None) == []
    mixed = [event("closed", "2024"), "closed", {"date": "2024"}]
    assert parse_status_events(mixed) == [event("closed", "2024")]
    assert parse_status_events(json.dumps([event("idle", "2022")]))[0]["what"] == "idle"


def test_the_page_offers_the_status_layer_on_the_time_slider():
    tables = tables_with_status([event("closed", "2023-11-30")], [event("opened", "2019-06-15")])
    page = build_map(builtin_layers(tables), title="Status", documents=make_documents()).get_root().render()
    assert '"Crossing status"' in page and '"2019-06-15"' in page and '"2023-11-30"' in page
    assert "geomap-time-range" in page
    assert len(status_rows(tables["crossings"])) == 2


def test_the_legend_lists_only_the_statuses_on_the_map():
    from geomap.render.legend import legend_html

    tables = tables_with_status([event("closed", "2023-11-30")], [event("opened", "2019-06-15")])
    legend = legend_html([status_layer(tables)])
    assert ">closed<" in legend and ">opened<" in legend
    assert ">reopened<" not in legend and ">congested<" not in legend
