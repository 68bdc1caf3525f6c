"""What the words around a name say it is, when that is not a place: a person (a title before it,
a description after it, a verb of speech), a newspaper ("the Moscow Times"), a photo credit
("Photo: J. Doe/AFP"), a nationality's combining form ("Indo-Pak"). Word classes come from
geomap.geoparse.cues."""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.geoparse.cues import words

AGENCIES = words("agency")
CREDIT_CUES = words("credit_cue")
COMBINING_FORMS = words("combining_form")
OUTLET_HEADS = words("outlet_head")
ORGANISATION_HEADS = words("organisation_head")
ORGANISATION_FIRST = frozenset(w.split(" ", 1)[0] for w in ORGANISATION_HEADS)  # a quick first test
PREPOSITIONS = words("preposition")
SENTENCE_OPENERS = words("sentence_opener")
SPEECH_VERBS = words("speech_verb")
TITLES = words("title")
IN_NAMES = words("name_particle") | words("place_noun")  # lower-case words a place's name may hold


def _alternation(cls: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words(cls), key=len, reverse=True))


# After a name: ", a 45-year-old trader", ", 45,", ", who" describe a person. (Patterns are
# compiled on import, not by the first document that needs them.)
_PERSON_AFTER = re.compile(
    r",[ \t]+(?:(?:a|an)[ \t]+(?:[\w’'-]+[ \t]+){0,2}?(?:" + _alternation("person_noun") + r")\b"
    r"|\d{1,3},|who\b)"
)


# A caption credit up to the name: "Photo: ", "(Photograph by ", within a few words.
_CREDIT_BEFORE = re.compile(
    r"(?i:\b(?:" + _alternation("credit_cue") + r"))[ \t]*(?::|\bby\b)[^.:;\n]{0,50}$"
)


def describes_person(text: str, end: int) -> bool:
    """The words after a name (ending at `end`) describe a person ("Anna, a trader from ...")."""
    return text[end:end + 1] == "," and _PERSON_AFTER.match(text, end) is not None


def speaks(prev: str, gap_before: str, nxt: str, gap_after: str) -> bool:
    """The name is the subject or inverted subject of a verb of speech ("Anna said", "said Anna"),
    not the object of a preposition ("officials at Calexico said")."""
    if gap_before.strip() == "" and prev.lower() in PREPOSITIONS:
        return False
    return (gap_after == " " and nxt in SPEECH_VERBS) or (gap_before == " " and prev in SPEECH_VERBS)


def after_title(prev: str, gap_before: str) -> bool:
    """A title or role written just before the name ("Minister Sharma", "Sgt. Dresser")."""
    return prev.lower() in TITLES and gap_before.strip(" .") == ""


def outlet(nxt: str, gap_after: str) -> bool:
    """The name heads a newspaper's title ("the Moscow Times", "the Harbin Daily")."""
    return gap_after == " " and nxt[:1].isupper() and nxt.lower() in OUTLET_HEADS


# After a name: " Railway Bureau", " Customs": an organisation named after the place.
_ORGANISATION_AFTER = re.compile(r"[ \t]+(?i:" + _alternation("organisation_head") + r")\b")


def organisation(text: str, end: int, nxt: str) -> bool:
    """The name (ending at `end`, `nxt` the word after it) heads an organisation's name ("the
    Harbin Railway Bureau", "Manzhouli Customs"): not a mention of the place."""
    return (nxt[:1].isupper() and nxt.lower() in ORGANISATION_FIRST
            and _ORGANISATION_AFTER.match(text, end) is not None)


_WORD_AFTER = re.compile(r"[\w-]+")
_WORD_BEFORE = re.compile(r"[\w-]+$")
# A credit ends within two more capitalised words: at the line's end, a bracket or a slash.
_CREDIT_END = re.compile(r"(?:[ \t]+[A-Z][\w.'’-]*){0,2}[ \t]*(?:/|\)|\n|$)")


def in_credit(text: str, start: int, end: int) -> bool:
    """The name stands in a photo credit: after "Photo:" on its line, or beside an agency across a
    slash or hyphen ("J. Doe/AFP", "EPA-EFE")."""
    if text[end:end + 1] in ("/", "-"):
        m = _WORD_AFTER.match(text, end + 1, end + 20)
        if m and m.group(0).lower() in AGENCIES:
            return True
    if start > 1 and text[start - 1:start] in ("/", "-"):
        m = _WORD_BEFORE.search(text, max(0, start - 20), start - 1)
        if m and m.group(0).lower() in AGENCIES:
            return True
    if not has_credit_cue(text) or _CREDIT_END.match(text, end) is None:
        return False
    window = max(0, start - 80)
    line_start = text.rfind("\n", window, start) + 1 or window
    return _CREDIT_BEFORE.search(text, line_start, start) is not None


@lru_cache(maxsize=2)  # the document's text: one search per document
def has_credit_cue(text: str) -> bool:
    """Whether a credit label appears anywhere in the text (most news texts have none)."""
    lowered = text.lower()
    return any(cue in lowered for cue in CREDIT_CUES)


_LETTERS_BEFORE = re.compile(r"\w+$")


def combining_form(text: str, start: int, end: int, key: str) -> bool:
    """A nationality's combining form joined by a hyphen: "Sino-" itself, or the word after one
    ("Indo-Pak"), which names no town."""
    if key in COMBINING_FORMS and text[end:end + 1] in ("-", "‐", "–"):
        return True
    if start > 0 and text[start - 1] in ("-", "‐", "–"):
        m = _LETTERS_BEFORE.search(text, max(0, start - 16), start - 1)
        return bool(m and m.group(0).lower() in COMBINING_FORMS)
    return False


def common_noun_phrase(surface: str) -> bool:
    """A name of several words with a lower-case word that is neither a name particle nor a place
    noun ("Port of entry", but not "Rostov-on-Don" or "Heilongjiang province"): a common noun phrase."""
    if " " not in surface:
        return False
    parts = surface.split()
    return any(p[:1].islower() and p.lower() not in IN_NAMES for p in parts[1:])


def opens_sentence(prev: str, prev_start: int, sentence_start: int) -> bool:
    """The word before the name starts its sentence and is a common opener ("The", "Later"): its
    capital is the sentence's, not a longer name's."""
    return prev_start <= sentence_start and prev.lower() in SENTENCE_OPENERS
