"""Run a regex only where a match can start, or not at all when a word every match holds is absent:
finditer's matches at a fraction of the cost.

Patterns that open with a cue word ("on", a month, "last") spend most of a full scan failing at every
other offset; trying them only at the words that can open them finds the same matches much faster.
`Sieve` does the same for a family of patterns from one lower-casing of the text: it says where their
words start, and when a letter of the text folds apart from str.lower() (the Kelvin sign, a long s,
"İ"), so that callers scan in full.
"""

from __future__ import annotations

import _sre
import re
from collections.abc import Collection, Iterable, Iterator
from itertools import accumulate, chain, groupby
from re import _casefix
from re import _compiler as _sre_compiler
from re import _constants as _sre_ops
from re import _parser as _sre_parser

_LETTERS = re.compile(r"[^\W\d_]+")
_LETTER_RUNS = re.compile(r"([^\W\d_]+)")  # split at runs of letters, keeping them
_DIGIT = re.compile(r"\d")
# Letters that re.IGNORECASE matches to an ASCII letter although lower() keeps them apart ("ſ" as "s").
_FOLDS_APART = frozenset("\u0131\u0130\u017f\u212a")  # ı İ ſ and the Kelvin sign (not the letter K)
FOLDS_APART_RX = re.compile(f"[{''.join(sorted(_FOLDS_APART))}]")  # where they are in a text
# str.lower() maps these differently from the regex engine's case folding, and in a text otherwise than
# alone ("İ" -> "i̇", final sigma); every other letter lower-cases to one letter whatever its neighbours.
_SPECIAL_LOWER = "\u0130\u03a3"
_SPECIAL_LOWER_SET = frozenset(_SPECIAL_LOWER)

# Letters the expressions read as ASCII ones although lower() keeps them apart ("İ" -> "i̇", "ı", "ſ").
_FOLD = str.maketrans({"\u0307": None, "\u0131": "i", "\u017f": "s"})


def fold(word: str) -> str:
    """A matched word as the tables spell it: lower case, "İ", "ı" and "ſ" read as "i", "i" and "s" (a
    case-insensitive pattern matches them where a table keyed on lower() would not find them)."""
    return word.lower().translate(_FOLD)


def lower_words(text: str) -> list[tuple[int, str]]:
    """(offset, lower-cased word) of each run of letters in text."""
    if _SPECIAL_LOWER_SET.isdisjoint(text):  # then text.lower() lower-cases each letter on its own, in place
        pieces = _LETTER_RUNS.split(text.lower())  # text between words, word, text between, ...
        at = list(accumulate(map(len, pieces), initial=0))
        return list(zip(at[1:-1:2], pieces[1::2], strict=True))
    return [(m.start(), m.group(0).lower()) for m in _LETTERS.finditer(text)]


# The letters (what [^\W\d_] matches) of the Latin and Cyrillic blocks, U+0000-U+052F, as ranges: a run of
# them is found by a table look-up per character, not by the Unicode database's.
_NEAR = 0x530


def _ranges(codes: list[int]) -> str:
    """A regex class body for the code points (sorted): each run of consecutive ones as a range."""
    out = []
    for _, run in groupby(enumerate(codes), key=lambda ic: ic[1] - ic[0]):
        first, *rest = (c for _, c in run)
        out.append(re.escape(chr(first)) + (f"-{re.escape(chr(rest[-1]))}" if rest else ""))
    return "".join(out)


_NEAR_RANGES = _ranges([c for c in range(_NEAR) if _LETTERS.fullmatch(chr(c))])
_NEAR_LETTER_RUNS = re.compile(f"([{_NEAR_RANGES}]+)")
_FAR = re.compile(f"[^\\x00-{re.escape(chr(_NEAR - 1))}]")  # a character above those blocks


def lower_word_columns(text: str) -> tuple[list[int], list[str]]:
    """lower_words(text) as two lists, the offsets and the words: no tuple per word, and a lower-cased
    text whose letters are all Latin or Cyrillic split at runs of those (twice as fast)."""
    if any(c in text for c in _SPECIAL_LOWER):  # lower() not letter by letter: lower_words' own way
        pairs = lower_words(text)
        return [pos for pos, _ in pairs], [word for _, word in pairs]
    low = text.lower()
    runs = _NEAR_LETTER_RUNS if _letters_near(low) else _LETTER_RUNS
    pieces = runs.split(low)  # text between words, word, text between, ...
    at = list(accumulate(map(len, pieces), initial=0))
    return at[1:-1:2], pieces[1::2]


def _letters_near(low: str) -> bool:
    """Whether no character of low above U+052F is one [^\\W\\d_] matches (alphanumeric, not a decimal
    digit)."""
    return low.isascii() or not any(c.isalnum() and not c.isdecimal() for c in set(_FAR.findall(low)))


class WordIndex:
    """Where each word (lower case) of a text starts: the offsets of a few words without a pass over all."""

    def __init__(self, words: Iterable[tuple[int, str]]) -> None:
        self.at: dict[str, list[int]] = {}
        for pos, word in words:
            self.at.setdefault(word, []).append(pos)

    def offsets(self, starts: Collection[str]) -> list[int]:
        """Sorted offsets of the words in starts."""
        return sorted(chain.from_iterable(self.at[word] for word in self.at.keys() & starts))


_DIGIT_RUN = re.compile(r"\d+")
# For an ASCII text: each digit a "0", anything else a space (its runs of digits found by bytes.find).
_DIGITS_AS_ZERO = bytes(48 if 48 <= c <= 57 else 32 for c in range(256))


def digit_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of digits in text: re.finditer(r"\\d+")'s spans, for an ASCII text in
    half the time (no match object per run)."""
    if not text.isascii():
        return [m.span() for m in _DIGIT_RUN.finditer(text)]
    digits = text.encode().translate(_DIGITS_AS_ZERO)
    runs: list[tuple[int, int]] = []
    at = digits.find(b"0")
    while at >= 0:
        end = digits.find(b" ", at)
        if end < 0:
            runs.append((at, len(digits)))
            break
        runs.append((at, end))
        at = digits.find(b"0", end)
    return runs


def digit_offsets(text: str) -> list[int]:
    """The offset of every digit in text (a number can start a match anywhere in its run)."""
    return [m.start() for m in _DIGIT.finditer(text)]


def offsets_of(words: list[tuple[int, str]], starts: Collection[str], digits: list[int] = ()) -> list[int]:
    """Sorted offsets of the words in starts, and of the given digit offsets."""
    hits = [pos for pos, word in words if word in starts]
    return sorted(hits + list(digits)) if digits else hits


def matches_at(pattern: re.Pattern[str], offsets: list[int], text: str,
               endpos: int | None = None) -> Iterator[re.Match[str]]:
    """pattern.finditer(text)'s matches (finditer(text, offsets[0], endpos)'s with an endpos), tried only
    at offsets (sorted; they must include every offset where a match can start, or a match is missed)."""
    after = 0
    end = len(text) if endpos is None else endpos
    match = pattern.match
    for pos in offsets:
        if pos < after:
            continue
        m = match(text, pos, end)
        if m is not None:
            after = m.end() if m.end() > pos else pos + 1
            yield m


def may_contain(text: str, cues: Iterable[str]) -> bool:
    """False only when no cue (lower case) occurs in text, whatever its case: a case-insensitive
    pattern each of whose matches contains one of the cues cannot match."""
    low = text.lower()
    return any(cue in low for cue in cues) or not text.isascii() and not _FOLDS_APART.isdisjoint(text)


_LETTER = r"[^\W\d_]"


def fold_unsafe(letters: Iterable[str]) -> frozenset[str]:
    """The characters a case-insensitive pattern made of these letters matches although their
    str.lower() is none of them (the long s for "s", the rounded ve for "в")."""
    odd: set[str] = set(_SPECIAL_LOWER)
    for x in {ch.lower() for ch in letters}:
        for y in _casefix._EXTRA_CASES.get(ord(x), ()):
            t = chr(y)
            forms = {t, t.upper(), t.title()}
            odd.update(c for c in forms if len(c) == 1 and _sre.unicode_tolower(ord(c)) == y)
    return frozenset(odd)


class Sieve:
    """Words (lower case) a family of case-insensitive patterns is made of: tests on one text."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w.lower() for w in words}, key=len, reverse=True))
        self.unsafe = fold_unsafe("".join(self.words))
        # a word that begins with another one adds no start ("january" after "jan")
        shortest = sorted(set(self.words), key=lambda w: (len(w), w))  # the same pattern text in every run
        prefixes = [w for i, w in enumerate(shortest) if not any(w.startswith(v) for v in shortest[:i])]
        unsafe = "".join(re.escape(c) for c in sorted(self.unsafe))
        self._unsafe_char = re.compile(f"[{unsafe}]")
        self._ascii_safe = not any(c.isascii() for c in self.unsafe)  # then an ASCII text needs no test
        alternatives = "|".join(re.escape(w) for w in prefixes)
        self.word_start = re.compile(rf"(?<!{_LETTER})(?:{alternatives})")

    def lower(self, text: str) -> str | None:
        """text.lower(), or None when a letter of the text folds apart from str.lower() (test in full)."""
        if not (self._ascii_safe and text.isascii()) and self._unsafe_char.search(text):
            return None
        low = text.lower()
        return low if len(low) == len(text) else None

    def starts(self, low: str) -> list[int]:
        """Offsets of the words of low (text.lower()) that begin with one of the words: the only places
        a pattern opening with one of them can start."""
        return [m.start() for m in self.word_start.finditer(low)]


class QuickSieve(Sieve):
    """A Sieve whose word starts are found about twice as fast: a look-ahead for the words' first letters
    ahead of the look-behind lets the engine skip to where a word can begin (the same matches)."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        firsts = "".join(re.escape(c) for c in sorted({w[0] for w in self.words}))
        self.word_start = re.compile(f"(?=[{firsts}]){self.word_start.pattern}")


def first_chars_ahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern behind a look-ahead for the characters its matches can open with: the same matches
    (groups and all), found by search several times faster when it opens with a look-behind or an
    alternation, as the engine then skips to where a match can begin. The pattern itself when those
    characters cannot be told (a class such as \\w, a dot, a match that may be empty), or when the engine
    skips ahead by itself (a pattern that opens with a literal or a class, case by case)."""
    ahead = _ahead_source(pattern.pattern, pattern.flags)
    try:
        return pattern if ahead is None else re.compile(ahead, pattern.flags)
    except re.error:  # a pattern that opens with its global flags ("(?i)...") is left as it is
        return pattern


def quick_rx(source: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(source, flags) behind first_chars_ahead: the same matches, searched faster (the
    source compiled once, with its look-ahead or without)."""
    ahead = _ahead_source(source, flags)
    if ahead is not None:
        try:
            return re.compile(ahead, flags)
        except re.error:  # a pattern that opens with its global flags
            pass
    return re.compile(source, flags)


def _ahead_source(source: str, flags: int) -> str | None:
    """source behind a look-ahead for the characters its matches can open with; None when they cannot be
    told or the engine skips ahead by itself (see first_chars_ahead)."""
    try:
        parsed = _sre_parser.parse(source, flags)
        firsts, nullable = _first_chars(parsed)
    except (TypeError, re.error):
        return None
    if firsts is None or nullable or not firsts or _engine_skips_ahead(parsed):
        return None
    return f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}])(?:{source})"


def _engine_skips_ahead(parsed: _sre_parser.SubPattern) -> bool:
    """Whether the engine itself skips to where a match can begin: the parsed pattern opens with a literal
    prefix or a class it scans for (what re's compiler looks for; a look-ahead would only hide it)."""
    flags = parsed.state.flags
    try:
        prefix, _, _ = _sre_compiler._get_literal_prefix(parsed, flags)
        return bool(prefix) or _sre_compiler._get_charset_prefix(parsed, flags) is not None
    except (AttributeError, TypeError):  # another version of the compiler: look ahead anyway
        return False


# A class of more characters than this is not worth a look-ahead (and the parser's ranges could be vast).
_MAX_FIRSTS = 400


def _first_chars(items: Iterable[tuple]) -> tuple[set[str] | None, bool]:
    """(the characters a parsed sequence can open with, whether it can match nothing); None when they
    cannot be told."""
    out: set[str] = set()
    for op, av in items:
        firsts, nullable = _first_of(op, av)
        if firsts is None:
            return None, False
        out |= firsts
        if not nullable:
            return out, False
    return out, True


def _first_of(op: object, av: object) -> tuple[set[str] | None, bool]:
    """_first_chars of one parsed item: a literal, a class of literals and ranges, a group, a branch, a
    repeat; zero-width assertions match nothing (the item after them opens the match)."""
    if op is _sre_ops.LITERAL:
        return {chr(av)}, False
    if op is _sre_ops.IN:
        return _class_chars(av), False
    if op is _sre_ops.SUBPATTERN:
        return (None, False) if av[1] or av[2] else _first_chars(av[3])  # no flags switched inside
    if op is _sre_ops.BRANCH:
        out: set[str] = set()
        empty = False
        for alternative in av[1]:
            firsts, nullable = _first_chars(alternative)
            if firsts is None:
                return None, False
            out |= firsts
            empty = empty or nullable
        return out, empty
    if op in (_sre_ops.MAX_REPEAT, _sre_ops.MIN_REPEAT):
        firsts, nullable = _first_chars(av[2])
        return firsts, nullable or av[0] == 0
    if op in (_sre_ops.AT, _sre_ops.ASSERT, _sre_ops.ASSERT_NOT):
        return set(), True
    return None, False


def _class_chars(items: list[tuple]) -> set[str] | None:
    """The characters of a class of literals and short ranges; None for a negated class or a category."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre_ops.LITERAL:
            out.add(chr(av))
        elif op is _sre_ops.RANGE and av[1] - av[0] < _MAX_FIRSTS:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return out if len(out) < _MAX_FIRSTS else None


def lower_case_pattern(source: str, flags: int = re.IGNORECASE, capitals: dict[str, str] | None = None
                       ) -> re.Pattern[str]:
    """A case-insensitive pattern (source, flags) for the lower-cased text, read case by case: the same
    matches there as the pattern's in the text (where reads_lower_case says so), about twice as fast,
    since the engine then rejects an alternative at its first letter. capitals: the pattern's capital
    letters written in lower case ("RMB" -> "rmb"); the others must be lower case already or in a class
    with both cases."""
    for capital, small in (capitals or {}).items():
        source = source.replace(capital, small)
    return re.compile(source, flags & ~re.IGNORECASE)


def reads_lower_case(text: str, low: str, unsafe: frozenset[str]) -> bool:
    """Whether lower-case patterns read low (text.lower()) as the case-insensitive ones read text: no
    letter of text folds apart from lower() (unsafe: fold_unsafe of the patterns' letters) and lower()
    kept every offset."""
    return len(low) == len(text) and (text.isascii() or unsafe.isdisjoint(text))
