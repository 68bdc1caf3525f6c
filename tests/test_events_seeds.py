"""The real pipeline (corpus, gazetteer, geoparser, extractors, tables) on the shared seed articles.

Every expectation below is computed by the pipeline from the articles' text; nothing is entered by
hand. The articles are read from ../shared/seeds and never copied into the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap.events import Events, extract_events

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
HEIHE, BLAGOVESHCHENSK = "geonames:2036973", "geonames:2026609"
HARBIN, BEIJING = "geonames:2037013", "geonames:1816670"
BRIDGE = "landmark:heihe-blagoveshchensk-bridge"
CHECKPOINTS = {"landmark:kani-kurgan-checkpoint", "landmark:heihe-bridge-port"}
TERMINAL = "landmark:kanikurgan-terminal"

pytestmark = pytest.mark.shared  # deselected where ../shared is absent (tests/conftest.py)


@pytest.fixture(scope="module")
def run():
    geoparse = pytest.importorskip("geomap.geoparse", reason="the geoparser is not in this checkout yet")
    from geomap.corpus import load_documents
    from geomap.gazetteer import load_gazetteer

    docs = load_documents([SEEDS])
    gaz = load_gazetteer()
    mentions = {d.id: geoparse.geoparse(d, gaz) for d in docs}
    return docs, mentions, gaz, extract_events(docs, mentions, gaz)


@pytest.fixture(scope="module")
def events(run) -> Events:
    return run[3]


def visits_to(events: Events, place_id: str, who: str = "Vladimir Putin"):
    return [v for v in events.visits if v.place.id == place_id and v.who == who]


def test_beijing_winter_olympics_visit_is_dated_early_2022(events: Events) -> None:
    (v,) = [v for v in visits_to(events, BEIJING) if v.start and v.start < "2023"]
    # The text says "the beginning of last year"; the occasions table narrows it to the ceremony.
    assert v.start == v.end == "2022-02-04"
    assert "Winter Olympics" in v.occasion
    assert "last year" in v.date_text
    assert {s.doc_date for s in v.sources} == {"2023-10-17"}


def test_beijing_visit_in_october_2023_on_the_article_date(events: Events) -> None:
    (v,) = [v for v in visits_to(events, BEIJING) if v.start and v.start.startswith("2023")]
    assert (v.start, v.end) == ("2023-10-17", "2023-10-17")
    assert any("Chinese capital" in s.sentence for s in v.sources)


def test_beijing_state_visit_on_thursday_16_may_2024(events: Events) -> None:
    (v,) = [v for v in visits_to(events, BEIJING) if v.start and v.start.startswith("2024")]
    assert (v.start, v.end) == ("2024-05-16", "2024-05-16")
    assert "Thursday" in v.date_text
    assert "state visit" in v.occasion
    assert "National Centre for the Performing Arts" in v.occasion
    assert "Zhongnanhai" in v.occasion
    assert len(v.sources) >= 3


def test_harbin_visit_on_17_may_2024_merges_every_article(events: Events, run) -> None:
    (v,) = visits_to(events, HARBIN)
    assert (v.start, v.end) == ("2024-05-17", "2024-05-17")
    for occasion in ("8th Russia-China Expo", "4th Russia-China Forum on Interregional Cooperation",
                     "Harbin Institute of Technology"):
        assert occasion in v.occasion
    docs = run[0]
    harbin_docs = {d.source for d in docs if "Harbin" in d.text and "Putin" in d.text}
    assert {s.source for s in v.sources} == harbin_docs


def test_exactly_the_four_visits_and_no_visit_without_a_place(events: Events) -> None:
    assert sorted((v.place.id, v.start or "") for v in events.visits) == [
        (BEIJING, "2022-02-04"), (BEIJING, "2023-10-17"), (BEIJING, "2024-05-16"), (HARBIN, "2024-05-17")]
    # Hosts and people who are only named are not visitors.
    assert {v.who for v in events.visits} == {"Vladimir Putin"}


TABLE_ROW = re.compile(r"^\s*\||\t| {2,}")
TABLE_CELLS = re.compile(r"\||\t| {2,}")


def test_provenance_quotes_point_into_the_documents(events: Events, run) -> None:
    text = {d.id: d.text for d in run[0]}
    for event in [*events.visits, *events.crossings, *events.traffic]:
        for src in event.sources:
            assert src.quote_start < src.quote_end
            quoted = text[src.doc_id][src.quote_start:src.quote_end]
            if TABLE_ROW.search(quoted):  # a table row is quoted in words: its cells, each with its header
                assert all(cell.strip() in src.sentence for cell in TABLE_CELLS.split(quoted) if cell.strip())
            else:
                assert quoted in src.sentence
            assert src.sentence.strip()


def test_the_road_bridge_with_its_two_sides(events: Events) -> None:
    (c,) = [c for c in events.crossings if c.place.id == BRIDGE]
    assert (c.side_a.id, c.side_b.id) == (HEIHE, BLAGOVESHCHENSK)
    assert (c.side_a.country, c.side_b.country) == ("CN", "RU")
    assert "bridge" in c.mode
    assert "newly built" in c.status
    assert "no vehicle seen in an hour" in c.status
    assert len({s.doc_id for s in c.sources}) == 2


def test_the_checkpoint_on_the_bridge_is_reported_as_the_bridge(events: Events) -> None:
    assert not [c for c in events.crossings if c.place.id in CHECKPOINTS]
    (c,) = [c for c in events.crossings if c.place.id == BRIDGE]
    # the toll station and the checkpoint on the bridge are reports of the bridge crossing
    assert any("checkpoint" in s.sentence for s in c.sources)
    assert any("toll station" in s.sentence for s in c.sources)


def test_the_customs_and_logistics_terminal(events: Events) -> None:
    (c,) = [c for c in events.crossings if c.place.id == TERMINAL]
    assert c.mode == "customs terminal"
    assert (c.side_a.id, c.side_b.id) == (HEIHE, BLAGOVESHCHENSK)
    assert len(c.sources) >= 2


def test_heihe_trade_value_2024(events: Events) -> None:
    (t,) = [t for t in events.traffic if t.metric == "trade value" and t.unit == "CNY"]
    assert t.value == pytest.approx(31.35e9)
    assert t.period == "2024"
    assert t.change_pct == pytest.approx(19.1)
    assert [p.id for p in t.subject] == [HEIHE]


def test_passengers_between_blagoveshchensk_and_heihe_2024(events: Events) -> None:
    (t,) = [t for t in events.traffic if t.metric == "passengers"]
    assert (t.value, t.unit, t.period) == (760000, "passengers", "2024")
    assert t.change_factor == pytest.approx(2.5)
    assert {p.id for p in t.subject} == {HEIHE, BLAGOVESHCHENSK}


def test_no_vehicle_in_an_hour_on_the_bridge(events: Events) -> None:
    (t,) = [t for t in events.traffic if t.metric == "vehicles"]
    assert (t.value, t.unit) == (0, "vehicles/hour")
    assert t.period == "2023-10"
    assert [p.id for p in t.subject] == [BRIDGE]


def test_china_russia_trade_from_the_markdown_table(events: Events) -> None:
    rows = sorted((t for t in events.traffic if t.unit == "USD"), key=lambda t: t.period)
    assert [(t.period, t.value, t.change_pct) for t in rows] == [
        ("2020", pytest.approx(107.0e9), pytest.approx(3.1)),
        ("2021", pytest.approx(114.0e9), pytest.approx(6.5)),
        ("2022", pytest.approx(140.0e9), pytest.approx(22.8)),
    ]
    assert all([p.id for p in t.subject] == ["country:CN", "country:RU"] for t in rows)
    assert all(t.metric == "trade value" for t in rows)


def test_nothing_else_is_reported(events: Events) -> None:
    assert len(events.crossings) == 2
    assert len(events.traffic) == 6


def test_tables_are_stable_and_round_trip(run, tmp_path: Path) -> None:
    import pandas as pd

    from geomap import tables

    docs, mentions, gaz, events = run
    again = extract_events(docs, mentions, gaz)
    for name, make, items, items2 in (
        ("visits", tables.visits_table, events.visits, again.visits),
        ("crossings", tables.crossings_table, events.crossings, again.crossings),
        ("traffic", tables.traffic_table, events.traffic, again.traffic),
    ):
        gdf = make(items)
        assert list(gdf["id"]) == list(make(items2)["id"])
        gdf.to_file(tmp_path / f"{name}.geojson", engine="pyogrio")
        back = tables.read_table(tmp_path / f"{name}.geojson")
        pd.testing.assert_frame_equal(pd.DataFrame(back.drop(columns="geometry")),
                                      pd.DataFrame(gdf.drop(columns="geometry")))
