"""The crossing cue tables: the word sieve and the per-letter rows never hide a match, nor change one, that
the whole table as one alternation would find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap.events.crossings.cues import NOUN_STARTS, NOUNS, STATUS, STATUS_STARTS
from geomap.events.crossings.table import Table, first_letters

DEV = Path(__file__).parents[1].parent / "shared" / "events-gold" / "dev"
OWN = ("The ferry and the pontoon bridge reopened; the Upton checkpoint, the rail link and the ice road "
       "stayed shut. Queues of lorries waited at the port of entry, and the integrated check post was "
       "inaugurated. Przejście graniczne zostało zamknięte. Пункт пропуска закрыли. 口岸恢复通关。")


def _full_scan(table: Table, text: str) -> list[tuple[int, int, str]]:
    """Every row as one alternation over the whole text: leftmost match, then the first row listed."""
    label = table.labels
    words = [(i, p) for i, (_, p) in enumerate(table.patterns) if not re.match(r"[\u4e00-\u9fff]", p)]
    rows = "|".join(f"(?P<n{i}>{p})" for i, p in words)
    whole = re.compile(rf"(?<!\w)(?:{rows})(?!\w)", re.I)
    found = [(m.start(), m.end(), label[int(m.lastgroup[1:])]) for m in whole.finditer(text)]
    if table.cjk is not None:
        found += [(m.start(), m.end(), table.labels[int(m.lastgroup[1:])]) for m in table.cjk.finditer(text)]
    return sorted(found)


def _texts() -> list[str]:
    dev = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
    return [OWN] + [p.read_text(encoding="utf-8") for p in dev]


@pytest.mark.parametrize("patterns, starts", [(NOUNS, NOUN_STARTS), (STATUS, STATUS_STARTS)])
def test_the_sieve_finds_what_a_full_scan_finds(patterns, starts) -> None:
    for text in _texts():
        assert Table(patterns, starts).finditer(text) == _full_scan(Table(patterns, starts), text)


def test_own_sentence_has_nouns_and_statuses_in_four_languages() -> None:
    nouns = {OWN[s:e].lower() for s, e, _ in Table(NOUNS, NOUN_STARTS).finditer(OWN)}
    assert {"ferry", "pontoon bridge", "checkpoint", "ice road", "port of entry", "integrated check post",
            "przejście graniczne", "пункт пропуска", "口岸"} <= nouns
    whats = [w for _, _, w in Table(STATUS, STATUS_STARTS).finditer(OWN)]
    assert {"reopened", "closed", "congested", "opened"} <= set(whats)


def test_first_letters_are_read_from_the_pattern() -> None:
    assert first_letters(r"re-?open\w*|back\s+in") == {"r", "b"}
    assert first_letters(r"(?:customs(?:\s+and)?|logistics)\s+terminals?") == {"c", "l"}
    assert first_letters(r"[МД]АПП") == {"М", "Д"}
    assert first_letters(r"\d+\s+hours") == {"\\d"}
    assert first_letters(r"(?:oil|gas)?\s*pipelines?") == {"o", "g", "p"}  # an optional word, then the next
    assert first_letters(r"(?<!\w)a?b") == {"a", "b"}


def test_a_pattern_that_begins_with_a_space_never_begins_a_word() -> None:
    assert first_letters(r"\s+of\s+the") == set()


def test_first_letters_give_up_on_what_they_cannot_read() -> None:
    for pattern in (r".+", r"[a-z]x", r"\w+x", r"(?:a|b)?", r"x*", r"(?:ab", r"[^a]b", r"(?i:a)b"):
        assert first_letters(pattern) is None, pattern


def test_brackets_inside_a_class_do_not_end_it() -> None:
    assert first_letters(r"[]a]x") == {"]", "a"}
    assert first_letters(r"(?:[(|]x|b)c") == {"(", "|", "b"}


def test_a_row_matches_text_whose_first_letter_folds_to_its_own() -> None:
    text = "Traffic was ſuspended and then reſumed; the KPP stayed open."  # long s, as old print has it
    table = Table(STATUS, STATUS_STARTS + " ſus")
    assert table.finditer(text) == _full_scan(table, text)
    assert "suspended" in [w for _, _, w in table.finditer(text)]


def test_polish_and_spanish_status_words_pass_the_sieve() -> None:
    text = "Trwa budowa nowego mostu. El paso quedó abierto al tráfico."
    found = {(text[s:e], w) for s, e, w in Table(STATUS, STATUS_STARTS).finditer(text)}
    assert {("budowa", "under construction"), ("abierto", "opened")} <= found
    assert Table(STATUS, STATUS_STARTS).finditer(text) == _full_scan(Table(STATUS, STATUS_STARTS), text)
