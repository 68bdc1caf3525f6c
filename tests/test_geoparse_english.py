"""Word frequencies from geomap's cached copy of wordfreq's English list equal wordfreq's own."""

from __future__ import annotations

import pytest
from imports import imports
from wordfreq import zipf_frequency

from geomap.geoparse import english

WORDS = ["the", "march", "union", "paris", "xyzzyqx", "café", "méxico", "straße", "китай", "ρόδος",
         "o'hare", "u.s.", "d.c.", "pa.", "man.", "o'connor", "l.a.", "rock'n'roll", "st..louis",
         "zamyn-üüd", "north-east", "a1", "北京", "i̇stanbul"]


@pytest.mark.parametrize("word", WORDS)
def test_zipf_is_what_wordfreq_gives(word: str) -> None:
    if word.isascii() and word.isalpha():
        assert english.zipf(word) == round(zipf_frequency(word, "en"), 2)
    else:
        assert english.zipf(word) == zipf_frequency(word, "en")


def test_unlisted_words_have_no_frequency() -> None:
    assert english.frequency("xyzzyqx") is None and english.frequency("the") > 0.01


def test_abbreviations_and_apostrophe_names_do_not_import_wordfreq() -> None:
    # importing wordfreq costs most of a second: only words it splits into several tokens need it
    code = ("from geomap.geoparse import english; "
            "[english.zipf(w) for w in ('d.c.', 'pa.', 'o\\'connor', 'st.louis', 'paris', 'méxico')]")
    assert not imports(code, "wordfreq")
