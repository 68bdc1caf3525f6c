"""The crossing cue tables: the first-letter sieve never hides a match the full patterns would find."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.events.crossings.cues import NOUN_STARTS, NOUNS, STATUS, STATUS_STARTS, Table

DEV = Path(__file__).parents[1].parent / "shared" / "events-gold" / "dev"
OWN = ("The ferry and the pontoon bridge reopened; the Upton checkpoint, the rail link and the ice road "
       "stayed shut. Queues of lorries waited at the port of entry, and the integrated check post was "
       "inaugurated. Przejście graniczne zostało zamknięte. Пункт пропуска закрыли. 口岸恢复通关。")


def _full_scan(table: Table, text: str) -> list[tuple[int, int, str]]:
    label = table.labels
    found = [(m.start(), m.end(), label[int(m.lastgroup[1:])]) for m in table.words.finditer(text)]
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
