"""A person's name in Latin letters, for names written in Cyrillic, Chinese or another script.

An analyst's map and its legend are in English; the name as the article wrote it is kept beside
(`who_native`). Cyrillic follows the English news spelling (BGN/PCGN-like: "Yuri", "Kozlov"),
other letters Unidecode; a Chinese name (surname first) becomes pinyin: the surname and one word
for the given name ("Wang Xiaoming").
"""

from __future__ import annotations

import re

from unidecode import unidecode

_HAN = re.compile(r"[\u3400-\u9fff]")
_NON_LATIN = re.compile(r"[^\W\d_]", re.UNICODE)
# Cyrillic letters English spelling writes otherwise than Unidecode; the rest goes through Unidecode.
CYRILLIC_LATIN = {"ю": "yu", "я": "ya", "ё": "yo", "й": "y", "ъ": "", "ь": "", "э": "e", "х": "kh",
                  "ц": "ts", "щ": "shch", "ы": "y"}
# Word-initial 'е' is 'ye' ("Yevgeny"); '-ий' / '-ый' endings are 'y' ("Gennady", "Yuri" aside).
CYRILLIC_ENDINGS = [(re.compile(r"\b[еЕ]"), "ye"), (re.compile(r"[иы]й\b"), "y")]


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def needs_latin(name: str) -> bool:
    """True when the name has letters outside the Latin alphabets."""
    return any(_NON_LATIN.match(ch) and not _is_latin(ch) for ch in name)


def _han_name(name: str) -> str:
    """Pinyin: a Chinese name of 2-4 characters is surname + given name; a foreign name written in
    characters keeps its parts (split at '·') as one word each."""
    from pypinyin import lazy_pinyin  # imported on first use: loading its dictionaries takes ~0.5 s

    parts = [p for p in re.split(r"[·・•\s]+", name) if _HAN.search(p)]
    if len(parts) == 1 and 2 <= len(parts[0]) <= 4:
        syllables = lazy_pinyin(parts[0])
        return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"
    return " ".join("".join(lazy_pinyin(p)).capitalize() for p in parts)


def latin_name(name: str) -> str:
    """The name in Latin letters; a name already in Latin letters comes back unchanged."""
    if not needs_latin(name):
        return name
    if _HAN.search(name):
        return _han_name(name)
    words = []
    for word in name.split():
        lower = word.lower()
        for pattern, repl in CYRILLIC_ENDINGS:
            lower = pattern.sub(repl, lower)
        latin = unidecode("".join(CYRILLIC_LATIN.get(ch, ch) for ch in lower)).replace("'", "")
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)
