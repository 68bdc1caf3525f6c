"""Property tests of the text parsers on arbitrary Unicode and on word soup made of what they look for
(numbers, units, months, capitalised names, table bars): no exception, offsets inside the text, and
time that grows with the text, not faster."""

from __future__ import annotations

import time

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from geomap.events.dates import find_dates  # noqa: E402
from geomap.events.quantities import find_markdown_tables, find_quantities  # noqa: E402
from geomap.sentences import split_sentences  # noqa: E402

# Tokens the parsers react to, in several scripts: sequences of them reach the deep branches that
# random characters rarely do.
TOKENS = [
    "1", "12", "1,200", "3.5", "2024", "1 000", "1.234.567", "½", "٣", "十二", "two", "dozen", "thousand",
    "million", "%", "per", "cent", "tonnes", "t", "km", "TEU", "trucks", "cars", "passengers", "yuan", "$",
    "€", "May", "3", "March", "Monday", "last", "week", "year", "since", "until", "between", "and", "to",
    "–", "-", "/", "Q1", "H2", "first", "half", "of", "the", "The", "Heihe", "Blagoveshchensk", "bridge",
    "crossing", "checkpoint", "border", "President", "Xi", "Jinping", "visited", "arrived", "in", "on",
    "мая", "2024 года", "5月", "年", "enero", "maja", ".", ",", ";", ":", "(", ")", "\"", "'", "|", "|---|",
    "\n", "\n\n", "#", "*", "Mr.", "U.S.", "St.", "e.g.", "...", "!", "?", "—", "\u202e", "\x00", "\ufeff",
    # letters a case-insensitive pattern reads as ASCII ones although lower() keeps them apart, other gaps
    "\u017feptember", "n\u0131ne", "Apr\u0130l", "\u017feven-fold", "twice", "winter", "next", "The", "Hague",
    "\t", "\u00a0", "\u2009",
]  # fmt: skip
# Story dates at the calendar's ends too, where "next year" or "last winter" would leave it.
DOC_DATES = [None, "2024-05-17", "1999-12-31", "9999-12-01", "0001-01-05"]
SOUP = st.lists(st.sampled_from(TOKENS), max_size=120).map(" ".join)
UNICODE = st.text(max_size=400)
TEXTS = st.one_of(SOUP, UNICODE)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def within_time(seconds: float, text: str) -> bool:
    """Generous enough for a loaded CI machine, tight enough to catch a quadratic blow-up."""
    return seconds < 0.5 + 0.002 * len(text)


@FAST
@given(TEXTS)
def test_sentence_spans_cover_the_text_in_order_and_never_fail(text):
    start = time.perf_counter()
    spans = split_sentences(text)
    assert within_time(time.perf_counter() - start, text)
    pos = 0
    for a, b in spans:
        assert pos <= a < b <= len(text)
        pos = b


@FAST
@given(TEXTS, st.sampled_from(DOC_DATES))
def test_dates_are_found_inside_the_text_and_never_fail(text, doc_date):
    start = time.perf_counter()
    found = find_dates(text, doc_date)
    assert within_time(time.perf_counter() - start, text)
    for span in found:
        assert 0 <= span.start < span.end <= len(text)


@FAST
@given(TEXTS, st.booleans())
def test_quantities_are_found_inside_the_text_and_never_fail(text, dots):
    start = time.perf_counter()
    found = find_quantities(text, dot_thousands=dots)
    find_markdown_tables(text)
    assert within_time(time.perf_counter() - start, text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)


@FAST
@given(st.text(max_size=300))
def test_spec_text_is_a_spec_or_one_spec_error_never_a_crash(tmp_path_factory, text):
    from geomap.layers import SpecError, load_spec

    path = tmp_path_factory.mktemp("spec") / "any.toml"
    path.write_text('name = "x"\ntitle = "X"\nsource = "x.csv"\n' + text, encoding="utf-8", errors="replace")
    try:
        load_spec(path)
    except SpecError as err:
        assert str(err).startswith(str(path))


@pytest.fixture(scope="module")
def gazetteer():
    """The gazetteer, after one extraction has compiled the readers' tables (a one-off cost)."""
    from geomap.events import extract_events
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc
    from geomap.model import Document

    gaz = load_gazetteer()
    doc = Document(id="w", path="w.txt", title="W", date="2024-05-17", source="w.txt", text="Heihe, 3 May.")
    extract_events([doc], mentions_by_doc([doc], gaz), gaz)
    return gaz


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(TEXTS, st.sampled_from(DOC_DATES[1:]))
def test_whole_extraction_of_any_article_never_fails(gazetteer, text, doc_date):
    from geomap.events import extract_events
    from geomap.geoparse import mentions_by_doc
    from geomap.model import Document

    doc = Document(id="any", path="any.txt", title="Any", date=doc_date, source="any.txt", text=text)
    start = time.perf_counter()
    mentions = mentions_by_doc([doc], gazetteer)
    events = extract_events([doc], mentions, gazetteer)
    assert within_time(time.perf_counter() - start, text)
    for m in mentions.get("any", []):
        assert 0 <= m.start < m.end <= len(text)
    for event in [*events.visits, *events.crossings, *events.traffic]:
        for source in event.sources:
            assert 0 <= source.quote_start <= source.quote_end <= len(text)


@FAST
@given(TEXTS)
def test_people_are_found_inside_the_text_and_never_fail(text):
    from geomap.events.people import collect_people, person_refs

    start = time.perf_counter()
    known = collect_people([text])
    refs = person_refs(text, known)
    assert within_time(time.perf_counter() - start, text)
    for r in refs:
        assert 0 <= r.start < r.end <= len(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_recognised_names_are_spans_of_the_text_and_never_fail(gazetteer, text):
    from geomap.geoparse.recognise import find_spans
    from geomap.model import Document
    from geomap.sentences import split_sentences

    doc = Document(id="any", path="any.txt", title="Any", date=None, source="any.txt", text=text)
    start = time.perf_counter()
    spans = find_spans(doc, gazetteer, split_sentences(text))
    assert within_time(time.perf_counter() - start, text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text
