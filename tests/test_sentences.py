"""Sentence splitting with offsets: punctuation, abbreviations, quotes, lines, Chinese full stops."""

from geomap.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_end_at_stops_but_not_after_abbreviations_or_initials():
    text = "Mr. Lee went to St. Petersburg. He met J. Smith there! U.S. trade fell."
    assert sentences(text) == [
        "Mr. Lee went to St. Petersburg.", "He met J. Smith there!", "U.S. trade fell."]


def test_closing_quotes_stay_with_their_sentence_and_lines_always_split():
    text = 'She said "we left." Then they went\nhome. 他们到了北京。然后回家。'
    assert sentences(text) == [
        'She said "we left."', "Then they went", "home.", "他们到了北京。", "然后回家。"]


def test_offsets_point_into_the_text_without_surrounding_space():
    text = "  One here.   Two there.  \n\n  Three "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["One here.", "Two there.", "Three"]
