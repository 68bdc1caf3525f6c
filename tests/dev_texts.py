"""The events dev set's articles and sentences for tests that check a shortcut against a full scan
(read from ../shared beside the repository; empty lists where it is absent)."""

from __future__ import annotations

from pathlib import Path

from geomap.sentences import split_sentences

DEV = Path(__file__).resolve().parents[2] / "shared" / "events-gold" / "dev"


def dev_texts() -> list[str]:
    """Every dev article's text, in file-name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))] if DEV.is_dir() else []


def dev_sentences() -> list[str]:
    """Every sentence of the dev articles."""
    return [t[s:e] for t in dev_texts() for s, e in split_sentences(t)]
