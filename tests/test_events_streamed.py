"""A large corpus is read in passes that make each document's analysis afresh and drop it: the events
must be exactly those of the one-pass reading that keeps every analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.corpus import example_paths, load_documents
from geomap.events import extract_events
from geomap.gazetteer import load_gazetteer
from geomap.geoparse import mentions_by_doc

DEV = Path(__file__).parents[1].parent / "shared" / "events-gold" / "dev"


def both_readings(paths: list) -> tuple:
    docs = load_documents(paths)
    gaz = load_gazetteer()
    mentions = mentions_by_doc(docs, gaz)
    return extract_events(docs, mentions, gaz), extract_events(docs, mentions, gaz, hold_chars=0)


def test_streamed_reading_of_the_example_corpus_finds_the_same_events():
    held, streamed = both_readings(example_paths())
    assert held.visits and held.crossings and held.traffic  # something to compare
    assert streamed == held


@pytest.mark.shared
def test_streamed_reading_of_many_border_articles_finds_the_same_events():
    from geomap.events.rounds import extract_in_rounds, groups_of

    held, streamed = both_readings([DEV])
    assert len(held.crossings) > 20 and len(held.traffic) > 100
    assert streamed.crossings == held.crossings
    assert streamed.traffic == held.traffic
    assert streamed.visits == held.visits
    docs = load_documents([DEV])
    gaz = load_gazetteer()
    in_groups = extract_in_rounds(groups_of(docs, mentions_by_doc(docs, gaz), 7), gaz)
    assert in_groups == held


@pytest.mark.parametrize("size", [1, 2, 3])
def test_rounds_over_groups_of_documents_find_the_same_events(size):
    from geomap.events.rounds import extract_in_rounds, groups_of

    docs = load_documents(example_paths())
    gaz = load_gazetteer()
    mentions = mentions_by_doc(docs, gaz)
    assert extract_in_rounds(groups_of(docs, mentions, size), gaz) == extract_events(docs, mentions, gaz)


def test_a_corpus_above_the_limit_is_streamed_by_default(monkeypatch):
    """The default switches to streaming above HOLD_CHARS, which still analyses each document once (its
    figures are read in the same pass as its crossings and visits); shown by a context builder that
    counts."""
    import geomap.events.pipeline as events_pipeline
    import geomap.events.rounds as rounds

    made: list[str] = []
    passes: list[int] = []
    real, real_read = events_pipeline.build_context, rounds.group_read

    def counting(doc, *args, **kwargs):
        made.append(doc.id)
        return real(doc, *args, **kwargs)

    def counting_passes(group, *args, **kwargs):
        passes.append(len(group.docs))
        return real_read(group, *args, **kwargs)

    monkeypatch.setattr(events_pipeline, "build_context", counting)
    monkeypatch.setattr(rounds, "group_read", counting_passes)
    docs = load_documents(example_paths())
    gaz = load_gazetteer()
    mentions = mentions_by_doc(docs, gaz)
    size = sum(len(d.text) for d in docs)
    extract_events(docs, mentions, gaz, hold_chars=size)
    assert sorted(made) == sorted(d.id for d in docs)  # held: one analysis per document
    assert not passes
    made.clear()
    extract_events(docs, mentions, gaz, hold_chars=size - 1)
    assert passes == [len(docs)]  # streamed: read in rounds
    assert sorted(made) == sorted(d.id for d in docs)  # with one analysis per document too


@pytest.mark.parametrize("budget, kept", [(0, 0), (1000, 1), (10**9, 4)])
def test_rounds_keep_people_scans_within_their_budget_and_find_the_same_events(budget, kept, monkeypatch):
    """Scans kept from round 1 to round 3 (none, the first document's of 817 characters, or all four)
    change nothing but the work: a document whose scan is not kept is scanned in each of the 3 rounds."""
    import geomap.events.people as people
    import geomap.events.rounds as rounds

    docs = load_documents(example_paths())
    gaz = load_gazetteer()
    mentions = mentions_by_doc(docs, gaz)
    held = extract_events(docs, mentions, gaz)
    made: list[str] = []
    real = people.TextScan

    def counting(text, *args, **kwargs):
        made.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(people, "TextScan", counting)
    monkeypatch.setattr(rounds, "HOLD_SCAN_CHARS", budget)
    assert rounds.extract_in_rounds(rounds.groups_of(docs, mentions, 2), gaz) == held
    first, *others = (len(d.text) for d in docs)
    assert len(docs) == 4 and first <= 1000 < first + min(others)  # what the budgets above count on
    assert len(made) == 3 * len(docs) - 2 * kept
    assert rounds._held_chars[0] == 0  # every kept scan let go after round 3
