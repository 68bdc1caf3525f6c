"""Evidence quotes read well: body sentences, never title lines; table rows as words; counts and
lists as a reader says them. All texts are invented for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.corpus import read_document
from geomap.events.evidence import body_sentence, from_body, title_spans
from geomap.events.quantities import parse_column
from geomap.events.table_rows import row_sentence
from geomap.model import Provenance
from geomap.words import and_list, counted

ARTICLE = """---
title: Minister Orlov tours the Eastford ferry pier
date: 2031-04-02
---
# Minister Orlov tours the Eastford ferry pier

Transport minister Anna Orlov visited the ferry pier at Eastford on Tuesday. She spoke with the crews.

Engineers said the pier will reopen in May.
"""


def _doc(tmp_path: Path, text: str, name: str = "a.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def _title_source(doc, words: str) -> Provenance:
    at = doc.text.index(words)
    return Provenance(doc.id, doc.title, doc.date, doc.source, words, at, at + len(words))


def test_front_matter_and_heading_lines_are_title_lines_and_body_sentences_are_not(tmp_path):
    doc = _doc(tmp_path, ARTICLE)
    spans = title_spans(doc)
    inside = [doc.text[a:b] for a, b in spans]
    assert any("title: Minister Orlov" in t for t in inside)
    assert any(t.startswith("# Minister Orlov") for t in inside)
    assert not any("visited the ferry pier" in t for t in inside)


def test_an_event_read_from_the_heading_quotes_the_body_sentence_that_says_the_same(tmp_path):
    doc = _doc(tmp_path, ARTICLE)
    said = "Transport minister Anna Orlov visited the ferry pier at Eastford on Tuesday."
    for line in ("title: Minister Orlov tours the Eastford ferry pier", "# Minister Orlov tours"):
        (moved,) = from_body(doc, [_title_source(doc, line)], title_spans(doc))
        assert moved.sentence == said
        assert doc.text[moved.quote_start:moved.quote_end] == moved.sentence


def test_a_body_sentence_source_is_kept_as_it_is(tmp_path):
    doc = _doc(tmp_path, ARTICLE)
    source = _title_source(doc, "Engineers said the pier will reopen in May.")
    assert from_body(doc, [source], title_spans(doc)) == [source]


def test_a_title_sharing_no_word_with_the_body_falls_back_to_the_first_body_sentence(tmp_path):
    doc = _doc(tmp_path, "# Quiet week\n\nRain fell on the plains. Farmers waited.\n")
    at = doc.text.index("Quiet week")
    found = body_sentence(doc, at, at + len("Quiet week"), title_spans(doc))
    assert found is not None and doc.text[found[0]:found[1]] == "Rain fell on the plains."


def test_a_plain_text_headline_is_a_title_line_but_an_opening_sentence_is_not(tmp_path):
    text = "Ferry traffic resumes at Eastford\n\nThe ferry sailed again on Monday.\n"
    headline = _doc(tmp_path, text, "h.txt")
    assert [headline.text[a:b] for a, b in title_spans(headline)] == ["Ferry traffic resumes at Eastford"]
    sentence = _doc(tmp_path, "The ferry sailed again on Monday.\nCrews cheered.\n", "s.txt")
    assert title_spans(sentence) == []


def test_a_table_row_is_quoted_as_its_period_headers_cells_and_units():
    columns = [parse_column(h) for h in ("Year", "Freight Volume (Million Tonnes)", "Change (%)")]
    assert row_sentence(columns, ["2029", "4.2", "-3.5"], 0, 1) == (
        "2029: freight volume 4.2 million tonnes, change -3.5%"
    )
    # the figure's own column first, a cell that already writes its unit left alone
    assert row_sentence(columns, ["2030", "5 million tonnes", "19%"], 0, 2) == (
        "2030: change 19%, freight volume 5 million tonnes"
    )


def test_a_column_headed_by_a_place_keeps_its_name_as_written():
    columns = [parse_column(h) for h in ("Month", "Eastford Pier", "Westgrad Pier")]
    assert row_sentence(columns, ["March", "120", "95"], 0, 2, [False, True, True]) == (
        "March: Westgrad Pier 95, Eastford Pier 120"
    )


def test_counts_and_lists_read_as_a_reader_says_them():
    assert counted(1, "mention") == "1 mention" and counted(3, "mention") == "3 mentions"
    assert counted(2, "ferry", "ferries") == "2 ferries"
    assert and_list(["Eastland"]) == "Eastland"
    assert and_list(["Eastland", "Westmark"]) == "Eastland and Westmark"
    assert and_list(["Eastland", "Westmark", "Northvale"]) == "Eastland, Westmark and Northvale"


def test_a_place_mentioned_first_in_a_heading_is_quoted_from_the_body():
    import geopandas as gpd
    from shapely.geometry import Point

    from geomap.layers.places import places_by_place

    rows = [
        ("# Ferry news from Eastford", 2), ("title: Ferry news from Eastford", 9),
        ("The Eastford pier opened at dawn.", 40), ("Crews in Eastford cheered.", 80),
    ]
    common = {"place_id": "test:eastford", "doc": "a.md", "name": "Eastford", "kind": "city", "country": "XX",
              "confidence": 0.9, "geometry": Point(1, 2)}
    records = [{**common, "start": start, "sentence": sentence} for sentence, start in rows]
    mentions = gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")
    (place,) = places_by_place(mentions).to_dict("records")
    assert json.loads(place["sources"])[0]["sentence"] == "The Eastford pier opened at dawn."
    assert place["mentioned"] == "4 mentions"
    assert places_by_place(mentions.iloc[2:3]).iloc[0]["mentioned"] == "1 mention"
