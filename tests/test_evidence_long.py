"""Evidence from the body in a long document: the body sentence a title line is moved to is the one a
plain reading finds (every body sentence scored against the title's words), however many headings
and sentences the document has. All texts are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.corpus import read_document
from geomap.events import Events
from geomap.events.evidence import _keys, _stems, body_stems, evidence_from_body, title_spans
from geomap.model import Place, Provenance, Visit

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

HEADINGS = ["# Ferry to Eastford resumes", "# Minister Orlov tours the pier", "# Bridge works at Northgate",
            "# Quiet week at the port", "# Trucks wait at Southbank"]
SENTENCES = ["The ferry to Eastford resumed on Monday.", "Minister Orlov toured the pier at Eastford.",
             "Works on the bridge at Northgate began in May.", "Trucks waited for hours at Southbank.",
             "Nothing else happened.", "The port was quiet all week.", "Crews painted the new pier."]
PLACE = Place("place:eastford-xx", "Eastford", "town", 1.0, 2.0, "XX")


def _plain_choice(text: str, start: int, end: int, body: list) -> tuple[int, int] | None:
    """The body sentence sharing most of the title's weighted stems (the earliest of equals), read one
    sentence at a time as the rule says."""
    keys = _keys(text[start:end])
    best, best_score = None, 0
    for span, stems in body:
        score = sum(w for stem, w in keys.items() if stem in stems)
        if best is None or score > best_score:
            best, best_score = span, score
    return best


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HEADINGS), st.lists(st.sampled_from(SENTENCES), min_size=1,
                                                                   max_size=4).map(" ".join)),
                min_size=2, max_size=30))
def test_each_title_source_in_a_long_document_moves_to_the_sentence_a_plain_reading_picks(tmp_path_factory,
                                                                                          blocks):
    path = Path(tmp_path_factory.mktemp("long")) / "long.md"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    doc = read_document(path)
    titles = title_spans(doc)
    body = body_stems(doc, titles)
    sources = [Provenance(doc.id, doc.title, doc.date, doc.source, doc.text[a:b], a, b) for a, b in titles]
    visit = Visit("Anna Orlov", PLACE, None, None, "", "", 0.9, sources=list(sources))
    evidence_from_body([doc], Events(visits=[visit]))
    for before, after in zip(sources, visit.sources, strict=True):
        want = _plain_choice(doc.text, before.quote_start, before.quote_end, body)
        got = (after.quote_start, after.quote_end)
        assert got == (want if want is not None else (before.quote_start, before.quote_end))
        if want is not None:
            assert after.sentence == doc.text[want[0]:want[1]]


def test_a_sentence_overlapping_no_heading_stays_in_the_body_and_one_on_a_heading_line_does_not(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Ferry to Eastford resumes\n\nThe ferry resumed. Crews cheered.\n\n# Quiet week\n\n"
                    "The port was quiet.\n", encoding="utf-8")
    doc = read_document(path)
    body = body_stems(doc, title_spans(doc))
    assert [doc.text[a:b] for (a, b), _ in body] == [
        "The ferry resumed.", "Crews cheered.", "The port was quiet."]
    assert body[0][1] == _stems("The ferry resumed.")
