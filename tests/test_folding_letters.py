"""Letters a case-insensitive pattern reads as ASCII ones although str.lower() keeps them apart (long s,
dotless i, dotted capital I, the Kelvin sign): a word spelt with them is looked up in the month, number
and factor tables as its plain spelling, never a crash that stops the whole extraction."""

from __future__ import annotations

import pytest
from handmade import make_document
from test_events_traffic import traffic

from geomap.events.sieve import fold

PLAIN_AND_ODD = [  # (sentence in plain letters, the same with letters that fold apart from lower())
    ("Between September and October 2024 the bridge from Eastford to Westgrad carried nine hundred trucks "
     "a day.", "Between \u017feptember and October 2024 the bridge from Eastford to Westgrad carried "
     "n\u0131ne hundred trucks a day."),
    ("In April 2024 about 700 trucks a day used the bridge from Eastford to Westgrad.",
     "In Apr\u0130l 2024 about 700 trucks a day used the bridge from Eastford to Westgrad."),
    ("Passengers between Westgrad and Eastford rose seven-fold to 41,000 last year.",
     "Passengers between Westgrad and Eastford rose \u017feven-fold to 41,000 last year."),
    ("Since March 2023 the bridge from Eastford to Westgrad has seen 1,200 trucks a week.",
     "Since March 2023 the bridge from Eastford to Westgrad has seen 1,200 trucks a wee\u212a."),
]


def figures(text: str) -> list[tuple]:
    return [(t.metric, t.value, t.unit, t.period, t.change_factor)
            for t in traffic(make_document(text, "2025-01-20"))]


@pytest.mark.parametrize(("plain", "odd"), PLAIN_AND_ODD)
def test_a_figure_spelt_with_letters_that_fold_apart_reads_as_its_plain_spelling(plain: str, odd: str
                                                                                  ) -> None:
    assert figures(plain)  # each sentence holds a figure
    assert figures(odd) == figures(plain)


def test_fold_spells_a_word_as_the_tables_do() -> None:
    assert [fold(w) for w in ("\u017feptember", "N\u0131NE", "Apr\u0130l", "wee\u212a")] == [
        "september", "nine", "april", "week"]
