"""Event tables: the documented columns, EPSG:4326, stable ids, and the GeoJSON round trip."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from handmade import find_mentions, make_document

from geomap import tables
from geomap.errors import GeomapError
from geomap.model import Crossing, Place, Provenance, Traffic, Visit

DOCS_MD = Path(__file__).parents[1] / "docs" / "tables.md"
EAST = Place("geonames:1", "Eastford", "city", 50.2, 127.5, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.3, 127.6, "RU", 200000)
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad bridge", "bridge", 50.25, 127.55, "CN/RU")
DOC = make_document("Eastford faces Westgrad. Minister Ana Ruiz visited Eastford on 2 May 2024 "
                    "<script>alert(1)</script>.", "2024-05-03", "a.txt")


def prov(start: int = 0, end: int = 7) -> Provenance:
    return Provenance(DOC.id, DOC.title, DOC.date, DOC.source, "Eastford faces Westgrad.", start, end)


def events() -> tuple[list[Visit], list[Crossing], list[Traffic]]:
    visits = [
        Visit("Ana Ruiz", EAST, "2024-05-02", "2024-05-02", "on 2 May 2024", "talks; <b>fair</b>", 0.8,
              [prov(), prov(8, 14)]),
        Visit("Ana Ruiz", WEST, None, None, "", "", 0.6, [prov()]),
    ]
    crossings = [Crossing(BRIDGE, EAST, WEST, "road bridge", "busy", 0.9, [prov()]),
                 Crossing(BRIDGE, None, None, "checkpoint", "", 0.5, [prov()])]
    traffic = [
        Traffic("trade value", 2.5e9, "CNY", "2023", "in 2023", 4.0, None, [EAST], "Eastford trade",
                0.8, [prov()]),
        Traffic("passengers", 1000.0, "passengers", "2023", "in 2023", None, 2.0, [EAST, WEST],
                "Eastford–Westgrad passengers", 0.8, [prov()]),
        Traffic("trade value", 1e11, "USD", "2020", "2020", 3.0, None, [CHINA, RUSSIA],
                "China–Russia trade", 0.8, [prov()]),
    ]
    return visits, crossings, traffic


def documented_columns() -> dict[str, list[str]]:
    """Column names per table, read from docs/tables.md (provenance columns on event tables)."""
    text = DOCS_MD.read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    provenance = [c for line in sections[0].splitlines() if line.startswith("| `")
                  for c in re.findall(r"`([a-z_]+)`", line.split("|")[1])]
    out = {}
    for sec in sections[1:]:
        name = sec.split(".", 1)[0].strip()
        cols = [c for line in sec.splitlines() if line.startswith("| `")
                for c in re.findall(r"`([a-z_]+)`", line.split("|")[1])]
        out[name] = cols + (provenance if name != "places" else [])
    return out


def all_tables() -> dict:
    visits, crossings, traffic = events()
    return {
        "places": tables.places_table([DOC], {DOC.id: find_mentions(DOC, {"Eastford": EAST,
                                                                          "Westgrad": WEST})}),
        "visits": tables.visits_table(visits),
        "crossings": tables.crossings_table(crossings),
        "traffic": tables.traffic_table(traffic),
    }


@pytest.mark.skipif(not DOCS_MD.exists(), reason="docs/tables.md is not in this checkout")
def test_columns_are_exactly_the_documented_ones() -> None:
    expected = documented_columns()
    for name, gdf in all_tables().items():
        assert sorted(c for c in gdf.columns if c != "geometry") == sorted(expected[name]), name
        assert gdf.crs.to_epsg() == 4326
        assert gdf.geometry.name == "geometry"


def test_ids_and_order_are_stable_and_content_based() -> None:
    first, second = all_tables(), all_tables()
    for name in ("visits", "crossings", "traffic"):
        assert list(first[name]["id"]) == list(second[name]["id"])
        assert first[name]["id"].is_unique
    visits, crossings, traffic = events()
    reversed_ids = list(tables.visits_table(list(reversed(visits)))["id"])
    assert reversed_ids == list(first["visits"]["id"])


def test_values_follow_the_documented_conventions() -> None:
    t = all_tables()
    v = t["visits"].iloc[1]
    assert (v["start"], v["end"], v["date_text"]) == ("", "", "")
    assert v["occasion"] == ""
    merged = json.loads(t["visits"].iloc[0]["sources"])
    assert len(merged) == 2 and set(merged[0]) == {"doc", "title", "date", "sentence"}
    assert t["visits"].iloc[0]["doc"] == "a.txt"
    c = t["crossings"].set_index("mode")
    assert c.loc["road bridge", "side_a"] == EAST.id and c.loc["road bridge", "side_b_country"] == "RU"
    assert c.loc["checkpoint", "side_a"] == "" and pd.isna(c.loc["checkpoint", "side_a_lat"])
    tr = t["traffic"].set_index("metric", append=True)
    assert list(t["traffic"]["subject"]) == ["geonames:1;geonames:2", "country:CN;country:RU", "geonames:1"]
    assert pd.isna(tr.iloc[0]["change_pct"]) and tr.iloc[0]["change_factor"] == 2.0
    p = t["places"]
    assert all(DOC.text[s:e] == x for s, e, x in zip(p["start"], p["end"], p["text"], strict=True))


def test_pair_geometry_is_the_midpoint_or_the_middle_of_the_shared_border() -> None:
    t = all_tables()["traffic"]
    pair = t[t["subject"] == "geonames:1;geonames:2"].geometry.iloc[0]
    assert (pair.x, pair.y) == pytest.approx((127.55, 50.25))
    countries = t[t["subject"] == "country:CN;country:RU"].geometry.iloc[0]
    assert 115 < countries.x < 135 and 42 < countries.y < 54  # on the China–Russia border


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    for name, gdf in all_tables().items():
        path = tmp_path / f"{name}{suffix}"
        if suffix == ".parquet":
            pytest.importorskip("pyarrow", reason="GeoParquet needs pyarrow, not installed here")
            gdf.to_parquet(path)
        else:
            gdf.to_file(path, engine="pyogrio")
        back = tables.read_table(path)
        pd.testing.assert_frame_equal(pd.DataFrame(back.drop(columns="geometry")),
                                      pd.DataFrame(gdf.drop(columns="geometry")), check_dtype=True)
        assert back.geometry.geom_equals_exact(gdf.geometry, 1e-9).all()


def test_csv_round_trip_with_wkt_geometry(tmp_path: Path) -> None:
    gdf = all_tables()["visits"]
    path = tmp_path / "visits.csv"
    plain = pd.DataFrame(gdf.drop(columns="geometry")).assign(geometry=gdf.geometry.to_wkt())
    plain.to_csv(path, index=False)
    back = tables.read_table(path)
    pd.testing.assert_frame_equal(pd.DataFrame(back.drop(columns="geometry")),
                                  pd.DataFrame(gdf.drop(columns="geometry")))


def test_empty_tables_keep_their_columns(tmp_path: Path) -> None:
    for name, gdf in (("visits", tables.visits_table([])), ("crossings", tables.crossings_table([])),
                      ("traffic", tables.traffic_table([])), ("places", tables.places_table([], {}))):
        assert list(gdf.columns) == [*tables.COLUMNS[name], "geometry"]
        assert len(gdf) == 0 and gdf.crs.to_epsg() == 4326


def test_read_table_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b,lon,lat\n1,2,3,4\n")
    with pytest.raises(GeomapError, match="match none"):
        tables.read_table(path)
    with pytest.raises(GeomapError, match="no such file"):
        tables.read_table(tmp_path / "missing.geojson")


def test_an_unplaced_side_keeps_the_country_across_from_the_placed_one() -> None:
    rows = tables.crossings_table([Crossing(BRIDGE, EAST, None, "road bridge", "", 0.9, [prov()])])
    row = rows.iloc[0]
    assert (row["side_a_country"], row["side_b"], row["side_b_country"]) == ("CN", "", "RU")
    alone = tables.crossings_table([Crossing(BRIDGE, None, None, "road bridge", "", 0.9, [prov()])]).iloc[0]
    assert (alone["side_a_country"], alone["side_b_country"]) == ("", "")


def test_column_values_are_read_off_complete_rows_and_rows_lacking_a_column_alike() -> None:
    names = tables.COLUMNS["places"]
    full = [{c: f"{c}-{i}" for c in names} for i in range(3)]
    partial = [*full, {c: "x" for c in names[1:]}]  # one row without the first column
    assert tables.Table("places", full, [None] * 3)._column_values() == [[r[c] for r in full] for c in names]
    assert tables.Table("places", partial, [None] * 4)._column_values() == \
        [[r.get(c) for r in partial] for c in names]
    assert tables.Table("places", [], [])._column_values() == [[] for _ in names]
