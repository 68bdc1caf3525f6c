"""Very long documents are read in parts, and what is found lands on the whole document's text."""

from __future__ import annotations

import pytest

from geomap.long_documents import cut_points, join_events, join_mentions, split_documents
from geomap.model import Document

FILLER = ("The council spent the morning on the budget for schools and roads. Members asked for more time "
          "to read the figures before the vote.\n\n")  # fmt: skip
NEWS = ("Prime Minister Kaja Kallas visited Narva on 12 March 2024. The Narva-Ivangorod crossing "
        "was closed on 1 February 2024. About 1,200 trucks crossed the border at Narva in January "
        "2024.\n\n")


def report(text: str) -> Document:
    return Document(id="report", path="report.txt", title="Report", date="2024-04-01", source="report.txt",
                    text=text)  # fmt: skip


def test_an_article_below_the_limit_is_read_whole():
    doc = report(FILLER * 3)
    docs, parts = split_documents([doc])
    assert docs == [doc] and parts == {}


def test_cuts_fall_on_paragraph_breaks_and_no_part_is_longer_than_the_limit():
    text = FILLER * 40
    cuts = cut_points(text, 1000)
    bounds = list(zip([0, *cuts], [*cuts, len(text)], strict=True))
    assert all(0 < b - a <= 1000 for a, b in bounds)
    assert all(text[c - 2 : c] == "\n\n" for c in cuts)


def test_a_text_without_breaks_is_still_cut_within_the_limit():
    text = "x" * 2500
    assert cut_points(text, 1000) == [1000, 2000]


@pytest.fixture(scope="module")
def gazetteer():
    from geomap.gazetteer import load_gazetteer

    return load_gazetteer()


def test_events_of_a_long_report_point_into_its_whole_text(gazetteer):
    from geomap.events import extract_events
    from geomap.geoparse import mentions_by_doc

    text = FILLER * 20 + NEWS + FILLER * 20 + NEWS + FILLER * 5
    doc = report(text)
    docs, parts = split_documents([doc], limit=2000)
    assert len(docs) > 2 and all(len(d.text) <= 2000 for d in docs)
    mentions = mentions_by_doc(docs, gazetteer)
    events = join_events(extract_events(docs, mentions, gazetteer), parts)
    mentions = join_mentions(mentions, parts)
    assert list(mentions) == ["report"]
    assert all(text[m.start : m.end] == m.text for m in mentions["report"])
    assert {m.text for m in mentions["report"]} >= {"Narva"}
    second = text.index(NEWS, text.index(NEWS) + 1)
    for kind, quote in ((events.visits, "visited Narva"), (events.crossings, "crossing"),
                        (events.traffic, "1,200 trucks")):  # fmt: skip
        (event,) = kind
        assert {p.doc_id for p in event.sources} == {"report"}
        quotes = [text[p.quote_start : p.quote_end] for p in event.sources]
        assert all(quote in q for q in quotes), quotes
        assert any(p.quote_start > second for p in event.sources)  # the one read in a later part
    (crossing,) = events.crossings
    assert [text[s.quote_start : s.quote_end] for s in crossing.status_events] == ["closed", "closed"]
    assert crossing.status_events[1].quote_start > second


def test_extract_reads_a_report_longer_than_a_part_and_quotes_it_right(tmp_path):
    from geomap.pipeline import run

    text = (FILLER * 300 + NEWS) * 3  # about 120,000 characters: three parts
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = run([path])
    (doc,) = result.documents
    assert len(doc.text) > 2 * 50_000
    places = result.mentions[doc.id]
    assert places and all(doc.text[m.start : m.end] == m.text for m in places)
    (crossing,) = result.events.crossings
    assert len(crossing.sources) == 3 and {p.doc_id for p in crossing.sources} == {doc.id}
    assert all("crossing" in doc.text[p.quote_start : p.quote_end] for p in crossing.sources)
