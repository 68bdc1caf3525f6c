"""Find people in text: titled names, full names, bare surnames, and role or pronoun references."""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from itertools import accumulate, compress
from operator import and_

from geomap.events.roles import FOREIGN_ROLE_NOUNS, HAN_NAME_END, HAN_ROLE_NOUNS, ROLE_NOUNS, role_pattern
from geomap.events.sieve import WordIndex, fold, fold_unsafe, lower_word_columns, matches_at
from geomap.model import Document
from geomap.sentences import split_sentences

# Demonyms and country names -> ISO code: the nationality a title or a reference states.
DEMONYMS = {
    "russian": "RU", "chinese": "CN", "north korean": "KP", "south korean": "KR", "korean": "KR",
    "american": "US", "u.s.": "US", "us": "US", "ukrainian": "UA", "japanese": "JP",
    "indian": "IN", "mongolian": "MN", "kazakh": "KZ", "kazakhstani": "KZ", "british": "GB",
    "french": "FR", "german": "DE", "belarusian": "BY", "iranian": "IR", "turkish": "TR",
    "vietnamese": "VN", "pakistani": "PK", "brazilian": "BR", "italian": "IT", "spanish": "ES",
    "canadian": "CA", "australian": "AU", "uzbek": "UZ", "kyrgyz": "KG", "tajik": "TJ",
    "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ", "polish": "PL", "finnish": "FI",
    "norwegian": "NO", "israeli": "IL", "saudi": "SA", "egyptian": "EG", "syrian": "SY",
    "south african": "ZA", "turkmen": "TM", "serbian": "RS", "hungarian": "HU",
}
COUNTRIES = {
    "russia": "RU", "china": "CN", "north korea": "KP", "south korea": "KR", "korea": "KR",
    "america": "US", "the us": "US", "the u.s.": "US", "us": "US", "u.s.": "US",
    "the united states": "US", "united states": "US", "ukraine": "UA", "japan": "JP",
    "india": "IN", "mongolia": "MN", "kazakhstan": "KZ", "britain": "GB", "the uk": "GB",
    "uk": "GB", "france": "FR", "germany": "DE", "belarus": "BY", "iran": "IR", "turkey": "TR",
    "vietnam": "VN", "pakistan": "PK", "brazil": "BR", "italy": "IT", "spain": "ES",
    "canada": "CA", "australia": "AU", "uzbekistan": "UZ", "kyrgyzstan": "KG",
    "tajikistan": "TJ", "georgia": "GE", "armenia": "AM", "azerbaijan": "AZ", "poland": "PL",
    "finland": "FI", "norway": "NO", "israel": "IL", "saudi arabia": "SA", "egypt": "EG",
    "syria": "SY", "south africa": "ZA", "serbia": "RS", "hungary": "HU", "moscow": "RU",
    "beijing": "CN", "kremlin": "RU", "washington": "US", "kyiv": "UA", "tokyo": "JP",
}
TITLES = [
    "president", "vice president", "prime minister", "deputy prime minister", "premier",
    "vice premier", "chancellor", "foreign minister", "defence minister", "defense minister",
    "minister", "secretary of state", "secretary-general", "general secretary", "secretary",
    "leader", "supreme leader", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
    "dame", "king", "queen", "crown prince", "prince", "princess", "emperor", "pope",
    "patriarch", "governor", "mayor", "senator", "ambassador", "chairman", "chairwoman",
    "chairperson", "spokesman", "spokeswoman", "spokesperson", "envoy", "general", "admiral",
    "colonel", "captain", "commander", "sheikh", "tsar", "commissioner", "counterpart",
    "driver", "worker", "farmer", "trader", "vendor", "shopkeeper", "resident", "businessman",
    "businesswoman", "entrepreneur", "reporter", "correspondent", "photographer", "analyst",
    "economist", "director", "manager", "head", "chief", "councillor", "deputy",
    *ROLE_NOUNS, *FOREIGN_ROLE_NOUNS,
]
OCCUPATIONS = {"driver", "worker", "farmer", "trader", "vendor", "shopkeeper", "resident",
               "businessman", "businesswoman", "entrepreneur", "reporter", "correspondent",
               "photographer", "analyst", "economist", "director", "manager", "head", "chief",
               "deputy", "captain", "commander"}
POLITICAL = {"president", "leader", "premier", "prime minister", "counterpart", "chancellor",
             "minister", "foreign minister", "supreme leader", "king", "queen"}
ROLES = r"president|leader|premier|prime minister|head of state|foreign minister|chancellor|" \
        r"king|queen|ambassador|minister|monarch|strongman|autocrat|envoy|defence minister"
# Capitalised words that never start or continue a person's name.
STOP = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "as", "but", "this", "that", "these", "those", "his", "her", "their", "its", "our", "he",
    "she", "they", "we", "it", "i", "you", "there", "here", "when", "while", "after", "before",
    "if", "now", "then", "also", "both", "some", "many", "one", "two", "new", "old", "read",
    "more", "similar", "photo", "figure", "according", "data", "however", "meanwhile", "although",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "great", "little", "saint", "st", "san", "santa", "upper", "lower", "greater", "federal",
    "national", "international", "republic", "people", "peoples", "state", "states", "city",
    "province", "region", "oblast", "krai", "district", "county", "river", "lake", "sea", "bay",
    "island", "islands", "mountain", "mountains", "street", "road", "avenue", "square", "bridge",
    "port", "airport", "station", "terminal", "centre", "center", "hall", "house", "palace",
    "museum", "park", "university", "institute", "college", "school", "academy", "ministry",
    "department", "administration", "committee", "council", "office", "bureau", "agency",
    "service", "services", "court", "government", "parliament", "assembly", "congress", "party",
    "army", "navy", "forces", "union", "association", "company", "corporation", "group", "bank",
    "fund", "forum", "expo", "summit", "games", "olympics", "olympic", "cup", "festival", "day",
    "week", "year", "war", "customs", "news", "times", "post", "press", "media",
    "television", "radio", "daily", "economic", "trade", "zone", "cooperation", "development",
    "relations", "embassy", "consulate", "empire", "dynasty", "kingdom", "white",
    "red", "black", "communist", "democratic", "liberal", "conservative", "strategic", "joint",
    "cultural", "historical", "academic", "future", "conclusion", "concluding", "remarks",
    "landmark", "visit", "partnership", "era", "deepening", "reviving", "bridging",
    "fortifying", "prospects", "implications", "opportunities", "sector", "energy",
    "transportation", "technology", "tourism", "infrastructure", "agriculture", "manufacturing",
    "exchange", "promotion", "projects", "events", "engagement", "ties", "bonds", "cultures",
    "diplomacy", "focus", "investment", "beyond", "amid", "larger", "shared", "celebration",
    "ceremonial", "visits", "geopolitical", "projections", "potential", "sign", "write",
    "comment", "breaking", "sino", "euro", "asian", "european", "far", "wire", "operation",
    "valle", "río", "rio", "sierra", "puerto", "ciudad", "estado", "estados", "unidos", "gobierno",
    "world", "global", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "afterwards", "later", "earlier", "yesterday", "today", "tonight", "instead",
    "still", "yet", "so", "thus", "hence", "indeed", "perhaps", "finally", "first", "next", "last",
    "once", "since", "during", "despite", "under", "over", "across", "among", "like", "unlike",
    "even", "only", "just", "why", "how", "what", "where", "who", "which", "whose", "said", "says",
    "asked", "speaking", "writing", "thanks", "because", "though", "dear", "mister",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "mr", "mrs", "ms", "dr", "president",
    "premier", "minister", "leader", "general", "king", "queen", "prince", "secretary",
} | set(DEMONYMS) | set(COUNTRIES)

@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern only some texts need, compiled when first needed (big ones take milliseconds)."""
    return re.compile(pattern)


def __getattr__(name: str) -> re.Pattern[str]:
    """UNTITLED, compiled when first asked (the module's own search does not need it)."""
    if name == "UNTITLED":
        return _compiled(_UNTITLED)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Upper-case letters of the Latin and Cyrillic alphabets; any letter may follow.
_UP_CHARS = frozenset(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha())
_UP = "[" + "".join(sorted(_UP_CHARS)) + "]"
_LOW = r"[^\W\d_]"
_NAME_TOKEN = rf"{_UP}{_LOW}+(?:{_UP}{_LOW}+)?(?:[-'’](?!s\b){_LOW}+)*"
# Lower-case particles inside a name: "Samir al-Hadi", "Luis de la Vega", "van der Berg".
_PARTICLE = r"(?:(?:al|el|ad|as|ash|bin|ibn|abu|van|von|der|den|de|da|do|dos|das|del|di|la|le|du)[-\s]){1,2}"
_SP = r"[^\S\n]+"  # spaces within a line: a name never runs across a line break
_NAME = rf"{_NAME_TOKEN}(?:(?:{_SP}|{_SP}{_PARTICLE}){_NAME_TOKEN}){{0,4}}"
_TITLE = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
_DEMONYM = "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True))
_COUNTRY = "|".join(sorted((re.escape(c) for c in COUNTRIES), key=len, reverse=True))
_POSS = r"['’]s"

TITLED = re.compile(
    rf"(?:\b(?i:(?P<nat>{_DEMONYM}))\s+)?\b(?i:(?P<title>{_TITLE}))(?P<plural>s)?\.?\s+"
    rf"(?:(?P<poss>(?:[A-Z][\w.]*\s+){{0,2}}[A-Z][\w.]*){_POSS}\s+)?(?P<name>{_NAME})")
_NOT_BEFORE_NAME = r"\w’'-"  # what no untitled name follows
# A run of two to five capitalised name words (compiled when first asked: the search below finds its
# matches, module attribute UNTITLED is the reference they are checked against).
_UNTITLED = (rf"(?<![{_NOT_BEFORE_NAME}])(?P<name>{_NAME_TOKEN}"
             rf"(?:(?:{_SP}|{_SP}{_PARTICLE}){_NAME_TOKEN}){{1,4}})(?![\w-])")
# UNTITLED without its look-behind, so that a search skips to the capitals at C speed, and with each run
# of letters taken whole at once (no backtracking into it: a name token never ends inside one).
_WHOLE_TOKEN = rf"{_UP}(?>{_LOW}+)(?:[-'’](?!s\b)(?>{_LOW}+))*"
UNTITLED_AHEAD = re.compile(rf"(?P<name>{_WHOLE_TOKEN}(?:(?:{_SP}|{_SP}{_PARTICLE}){_WHOLE_TOKEN}){{1,4}})"
                            rf"(?![\w-])")
_ROLE = role_pattern()
# A role in apposition: "Anna Nowak, the country's trade minister," / "its trade minister, Anna Nowak,".
_NOT_IN_APPOSITION = r"(?!(?:which|who|whom|whose|where|when|while|and|but|said|says)\b)"
APPOSITION_AFTER = re.compile(rf",\s+(?:(?:the|a|an|then|its|their|his|her)\s+)?"
                              rf"(?:{_NOT_IN_APPOSITION}[\w’'.-]+\s+){{0,6}}?(?i:{_ROLE})\b")
APPOSITION_BEFORE = re.compile(rf"\b(?i:{_ROLE})s?(?:\s+(?:of|for|to|de|del)\s+[^,;.]{{1,60}}|\s+[\w-]+)?"
                               rf",\s+$")
# More people after a plural title: "Prime Ministers A B of X and C D of Y".
_PLURAL_TITLE_MORE = rf"(?:\s+of\s+(?:the\s+)?{_NAME_TOKEN})?\s*,?\s+and\s+(?P<name>{_NAME})"
PERSON_VERBS = (
    r"said|says|told|tells|visited|visits|visit|tours|toured|met|meets|meet|announced|announces|"
    r"attended|attends|attend|arrived|arrives|signed|signs|hosted|hosts|kicked|spoke|speaks|"
    r"added|stressed|urged|warned|praised|welcomed|travelled|traveled|flew|landed|thanked|"
    r"bid|strolled|noted|wrote|insisted|vowed|pledged|declared|made|makes|paid|pays|"
    r"left|leaves|returned|returns|launched|chaired|accused|denied|called|described|invited|"
    r"cancelled|canceled|postponed|hailed|thanked|stressed|discussed|agreed|hopes|wants|travel|fly|go|"
    r"come|head|arrive|leave|return|tour|sign|speak|host|hold|attend|chair|open|address|unveiled|"
    r"inaugurated|opened|inspected|chaired|led|crossed|went|came|cut|stood|held|laid|attended"
)
POSSESSED = (r"visit|trip|tour|journey|arrival|itinerary|speech|remarks|statement|spokes(?:man|woman|"
             r"person)|office|aides?|wife|husband|government|administration|delegation|motorcade")
AFTER_VERB = re.compile(rf"\s*,?\s*(?:,[^,]{{1,60}},\s*)?(?:(?:has|had|have|will|would|also|then|later|"
                        rf"once|again|personally|never|not|recently|just|first|finally|reportedly|"
                        rf"did|does|could|should|may|might|(?:is|was|are|were)\s+(?:set|due|expected|scheduled|"
                        rf"slated|going)\s+to)\s+)*(?:{PERSON_VERBS})\b"
                        rf"|['’]s\s+(?:[\w-]+\s+){{0,3}}(?:{POSSESSED})\b")
BEFORE_CONTEXT = re.compile(r"(?:\b(?:met|meet|meets|meeting|with|counterpart|invited|thanked|hosted|"
                            r"said|says|told|according\s+to|"
                            r"host|greeted|told|congratulated|led\s+by|accompanied\s+by|alongside|(?:photo|photos|reporting|written|"
                            r"edited|interview) by|he and|she and)\s+)$", re.I)
NAT_REF = re.compile(rf"\b(?:(?i:the|a)\s+)?(?:(?P<dem>(?i:{_DEMONYM}))|(?P<cty>(?i:{_COUNTRY})){_POSS})"
                     rf"\s+(?P<role>(?i:{ROLES}))(?:{_POSS})?\b(?!\s+[A-Z][a-z])")
ROLE_REF = re.compile(rf"\b(?i:the)\s+(?P<role>(?i:{ROLES}))\b(?!\s+(?:of|[A-Z]))")
PLURAL_REF = re.compile(r"\b(?i:the|both|the\s+two)\s+(?:two\s+)?(?:leaders|presidents|heads\s+of\s+state|"
                        r"ministers|statesmen)\b")
PRONOUN_OBJECT = re.compile(r"[Hh]im")
PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er|[Hh]ers|[Hh]imself|[Hh]erself)\b")
_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}  # PRONOUN's words, lower-cased
APPOSITION_NAT = re.compile(rf",\s+(?:the|a)\s+(?P<dem>(?i:{_DEMONYM}))\s+(?:{ROLES})\b")


@dataclass(frozen=True)
class PersonRef:
    """One reference to a person: a name, a short name, a role ("the Russian leader") or a pronoun."""

    start: int
    end: int
    text: str
    name: str  # canonical full name
    kind: str  # name, short, ref, pronoun, plural ("the two leaders": one ref per person)
    nationality: str = ""  # ISO code when the text states it


def _tokens(name: str) -> list[str]:
    return name.split()


# A Russian name is a given name, a patronymic ("-ovich", "-ovna") if any, and a surname.
PATRONYMIC = re.compile(r"[А-ЯЁ][а-яё]+(?:ович|евич|ьич|ич|овна|евна|ична|инична)$")
CYRILLIC_WORD = re.compile(r"[А-ЯЁ][а-яё-]+$")


def _extra_cyrillic_lead(toks: list[str]) -> bool:
    """A capitalised word before a Russian given name and surname: an organisation or place in the
    genitive ("head of Rosgranstroy Ivan Petrov" has three capitalised words, not one name)."""
    return len(toks) >= 3 and all(CYRILLIC_WORD.match(t) for t in toks) and not PATRONYMIC.match(toks[1])


def _clean_name(name: str) -> str:
    """Cut a captured name at the first word that cannot be part of a person's name."""
    kept = []
    for tok in _tokens(name):
        if tok.lower() in STOP:
            break
        kept.append(tok)
    return " ".join(kept)


def _nat_code(nat: str | None, poss: str | None) -> str:
    if nat:
        return DEMONYMS.get(nat.lower(), "")
    if poss:
        return COUNTRIES.get(poss.lower(), "")
    return ""


_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# First words of titles and demonyms: TITLED is only tried where one of them starts.
_TITLE_STARTS = {_WORD.match(w).group(0) for w in (*TITLES, *DEMONYMS) if _WORD.match(w)}
# First words NAT_REF can open with: "the", "a", a demonym or a country.
_NAT_REF_STARTS = {"the", "a"} | {_WORD.match(w).group(0) for w in (*DEMONYMS, *COUNTRIES) if _WORD.match(w)}


# The words (lower case) that can follow the opening word of a reference pattern's match; elsewhere it
# cannot match. ROLE_REF: "the" and a role's first word. NAT_REF: an article, demonym or country, then
# another word of one (a country may open with "the": "the us"), a role's first word, or the "s" of a
# possessive ("China's leader"). PLURAL_REF: "the"/"both", then "two" or the plural noun.
_ROLE_FIRST = frozenset(_WORD.match(r).group(0) for r in ROLES.split("|"))
_NAT_NEXT = frozenset({"the", "a", "s"} | _ROLE_FIRST
                      | {w.lower() for x in (*DEMONYMS, *COUNTRIES) for w in _WORD.findall(x)})
_PLURAL_NEXT = frozenset({"two", "leaders", "presidents", "heads", "ministers", "statesmen"})
assert all(w.isascii() for w in _ROLE_FIRST | _NAT_NEXT | _PLURAL_NEXT)
# Letters a case-insensitive pattern of ASCII words matches although str.lower() makes them no ASCII letter
# ("ſ" for "s", "ı" for "i"): a text holding one is read without the next-word gates.
_ASCII_FOLDS_APART = re.compile("[" + "".join(sorted(fold_unsafe(string.ascii_lowercase))) + "]")
# Every word a pattern of this module is tried at: the only words TextScan indexes.
_OPENING_WORDS = frozenset(_TITLE_STARTS | _NAT_REF_STARTS | {"the", "both"} | _PRONOUNS)


class OpeningIndex:
    """Where the words patterns of this module open with occur in a text, and which word follows each:
    one pass over the text's words instead of an index of every word."""

    def __init__(self, text: str, words: list[tuple[int, str]],
                 columns: tuple[list[int], list[str]] | None = None) -> None:
        """words: lower_words(text); or columns, the same as two lists (sieve.lower_word_columns)."""
        starts, lows = columns or ([pos for pos, _ in words], [word for _, word in words])
        # the opening words: their offsets, their words and the words after them ("" after the last)
        hits = list(compress(range(len(lows)), map(_OPENING_WORDS.__contains__, lows)))
        self.hits = [starts[i] for i in hits]
        self.hit_words = [lows[i] for i in hits]
        after = lows[1:] + [""]
        self.next_words = [after[i] for i in hits]
        # a letter the regex engine folds otherwise than str.lower() could make another word match
        self.folds_apart = _ASCII_FOLDS_APART.search(text) is not None

    def offsets(self, starts: Collection[str], followed_by: Collection[str] | None = None) -> list[int]:
        """Offsets (in order) of the words in starts; only where the next word is in followed_by, when
        given (every start when the text holds a letter that folds apart)."""
        keep = list(map(starts.__contains__, self.hit_words))
        if followed_by is not None and not self.folds_apart:
            keep = list(map(and_, keep, map(followed_by.__contains__, self.next_words)))
        return list(compress(self.hits, keep))


def _matches_at_words(pattern: re.Pattern[str], starts: Collection[str], index: WordIndex | OpeningIndex,
                      text: str) -> Iterable[re.Match[str]]:
    """pattern's matches, as finditer would give them, tried only where the text's words (index) in starts
    begin: for patterns that open at a word boundary with one of those words."""
    end = -1
    for pos in index.offsets(starts):
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m:
            end = m.end()
            yield m


def _titled(text: str, index: WordIndex | OpeningIndex,
            is_place: Callable[[str], bool] | None) -> list[tuple[int, int, str, str]]:
    """Names after a title ("President Anna Berg"), with the nationality the title states."""
    out = []
    for m in _matches_at_words(TITLED, _TITLE_STARTS, index, text):
        name = _clean_name(m.group("name"))
        s = m.start("name")
        while _extra_cyrillic_lead(_tokens(name)):  # "руководитель <Agency-genitive> <Name> <Surname>"
            rest = name[len(_tokens(name)[0]):]
            s += len(name) - len(rest.lstrip())
            name = rest.lstrip()
        if not name:
            continue
        title = m.group("title").lower()
        weak = title in OCCUPATIONS or (m.group("title")[0].islower() and title not in POLITICAL)
        if weak and is_place and is_place(name):
            continue
        out.append((s, s + len(name), name, _nat_code(m.group("nat"), m.group("poss"))))
        more = _compiled(_PLURAL_TITLE_MORE).match(text, s + len(name)) if m.group("plural") else None
        if more and _clean_name(more.group("name")):
            other = _clean_name(more.group("name"))
            out.append((more.start("name"), more.start("name") + len(other), other, ""))
    return out


_HAN_TITLED = (
    "(?:" + "|".join(re.escape(t) for t in sorted(HAN_ROLE_NOUNS, key=len, reverse=True)) + ")"
    r"(?P<name>[\u4e00-\u9fff·]{2,6}?)"
    "(?=" + "|".join(re.escape(t) for t in sorted(HAN_NAME_END, key=len, reverse=True)) + ")")


def _han_titled(text: str) -> list[tuple[int, int, str, str]]:
    """Chinese names written after a title ("总理李强出席"): the text has no capitals to go by."""
    found = _compiled(_HAN_TITLED).finditer(text)
    return [(m.start("name"), m.end("name"), m.group("name"), "") for m in found]


# "... and Anna Smith said": a second full name followed by a person's verb.
AND_NAME_VERB = re.compile(rf"\s+and\s+{_NAME_TOKEN}\s+{_NAME_TOKEN}\s+(?:{PERSON_VERBS})")


def _untitled(candidates: Iterable[tuple[int, int, str, bool]], known: Iterable[str],
              is_place: Callable[[str], bool] | None) -> list[tuple[int, int, str]]:
    """Untitled full names: known ones anywhere, others only in a person's context (verb, role)."""
    known_set = set(known)
    out = []
    for s, e, name, in_context in candidates:
        if name not in known_set:
            if not in_context:
                continue
            if is_place and is_place(name):
                continue
        out.append((s, e, name))
    return out


def _untitled_matches(text: str) -> Iterable[re.Match[str]]:
    """UNTITLED.finditer(text)'s matches: UNTITLED_AHEAD searched, a match kept where the look-behind
    holds, else searched again one past its start (as finditer moves on after a failed position)."""
    pos, search = 0, UNTITLED_AHEAD.search
    while (m := search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_’'-"):
            pos = start + 1
            continue
        yield m
        pos = m.end()


def _untitled_candidates(text: str, taken: list[tuple[int, int]]) -> tuple[tuple[int, int, str, bool], ...]:
    """Capitalised word runs outside taken that may be names, each with whether a person's context
    surrounds it."""
    out = []
    titled = _Spans(taken)  # bisected, not each titled name looked at for each run
    for m in _untitled_matches(text):
        s, e = m.span("name")
        if titled.overlaps(s, e):
            continue
        name = m.group("name")
        toks = _tokens(name)
        while toks and (toks[0].lower() in STOP or _extra_cyrillic_lead(toks)):  # "Afterwards Salo"
            rest = name[len(toks[0]):]
            s += len(name) - len(rest.lstrip())
            name, toks = rest.lstrip(), toks[1:]
        if len(toks) < 2 or any(t.lower() in STOP for t in toks):
            continue
        before = text[max(0, s - 40):s]
        after = text[e:e + 80]
        in_context = bool(AFTER_VERB.match(after) or _before_context(before)
                          or APPOSITION_AFTER.match(after)
                          or (_after_comma(text, max(0, s - 90), s)
                              and APPOSITION_BEFORE.search(text, max(0, s - 90), s))
                          or AND_NAME_VERB.match(after))
        out.append((s, e, name, in_context))
    return tuple(out)


# The last word of each BEFORE_CONTEXT phrase: one of them ends the text before every match.
_BEFORE_LAST = frozenset({"met", "meet", "meets", "meeting", "with", "counterpart", "invited", "thanked",
                          "hosted", "said", "says", "told", "to", "host", "greeted", "congratulated", "by",
                          "alongside", "and"})


def _before_context(before: str) -> bool:
    """Whether BEFORE_CONTEXT finds a person's context ending before: only when the text ends in one of
    its last words and white space (any letter that folds apart from lower() scans in full)."""
    head = before.rstrip()
    if len(head) == len(before):
        return False
    i = len(head)
    while i and head[i - 1].isalpha():
        i -= 1
    if head[i:].lower() not in _BEFORE_LAST and _ASCII_FOLDS_APART.search(before) is None:
        return False
    return BEFORE_CONTEXT.search(before) is not None


def _after_comma(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a comma and white space, as every match of APPOSITION_BEFORE
    there does: a cheap test before it."""
    window = text[start:end]
    head = window.rstrip()
    return len(head) < len(window) and head.endswith(",")


def _whole_word(word: str, text: str, tokens: Container[str] | None = None) -> bool:
    """Whether word occurs in text not inside a longer word; tokens (text's words) answer one-word cases
    and rule out names whose last word (letters and digits only) is not among them."""
    if tokens is not None:
        if " " not in word and "-" not in word:
            return word in tokens
        last = word.rsplit(" ", 1)[-1]
        if last.isalnum() and last not in tokens:
            return False
    if word not in text:
        return False
    return _stands_alone(word, text) if word else re.search(r"(?<![\w-])(?![\w-])", text) is not None


def _stands_alone(word: str, text: str) -> bool:
    """Whether the (non-empty) word occurs in text with neither a word character nor a hyphen on either
    side: re.search(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])", text), with no pattern compiled per word."""
    n = len(word)
    at = text.find(word)
    while at >= 0:
        if (at == 0 or not _is_word_char(text[at - 1])) and \
                (at + n == len(text) or not _is_word_char(text[at + n])):
            return True
        at = text.find(word, at + 1)
    return False


def _word_set(text: str) -> frozenset[str]:
    """Every word of text, split at anything but letters, digits and hyphens, and at hyphens too."""
    words = set(re.findall(r"[\w-]+", text))
    return frozenset(w for w in words if "-" not in w)


_WORD_CHARS = re.compile(r"\w+")


class TokenTest:
    """`word in tokens` as `word in _word_set(text)`, answered for the few words asked instead of
    collecting every word: a word of letters only is looked for among the text's lower-cased letter runs
    (lower: their set) first, then at its occurrences."""

    def __init__(self, text: str, lower: frozenset[str]) -> None:
        self.text = text
        self.lower = lower
        self._answers: dict[str, bool] = {}
        self.maybe: tuple[tuple[str, ...], frozenset[str]] | None = None  # _maybe_present's last answer
        self.known_spans: dict[str, list[tuple[int, int]] | None] = {}  # _scan_known's finds, by name

    def __contains__(self, word: str) -> bool:
        found = self._answers.get(word)
        if found is None:
            found = self._answers[word] = self._occurs(word)
        return found

    def _occurs(self, word: str) -> bool:
        """Whether word is a run of word characters (no hyphen) that text holds with neither a word
        character nor a hyphen on either side."""
        if not _WORD_CHARS.fullmatch(word) or (word.isalpha() and word.lower() not in self.lower):
            return False
        return _stands_alone(word, self.text)


def _clue(word: str) -> str | None:
    """A word of text's words without which _whole_word(word, text, words) is False (None: no such word)."""
    if " " not in word and "-" not in word:
        return word
    last = word.rsplit(" ", 1)[-1]
    return last if last.isalnum() else None


@dataclass(frozen=True)
class Clues:
    """For each word, the known names (full, or by a short form) it may reveal in a text; the names no
    single word rules out; and the words by their lower case (letters only) or not (the others)."""

    by_word: dict[str, set[str]]
    always: frozenset[str]
    by_lower: dict[str, list[str]]
    others: tuple[str, ...]
    by_short: dict[str, set[str]]  # the names each short form shortens
    lower: frozenset[str] = frozenset()  # by_lower's keys, intersected with a text's from the smaller


@lru_cache(maxsize=16)  # the same known names are asked of every document
def _clues(names: tuple[str, ...]) -> Clues:
    """The clues of the known names (see Clues)."""
    by_word: dict[str, set[str]] = {}
    always: set[str] = set()
    by_short: dict[str, set[str]] = {}
    for name in names:
        for short in _short_forms(name):
            by_short.setdefault(short, set()).add(name)
        for clue in (_clue(name), *(_clue(short) for short in _short_forms(name))):
            if clue is None:
                always.add(name)
            else:
                by_word.setdefault(clue, set()).add(name)
    by_lower: dict[str, list[str]] = {}
    for word in by_word:
        if word.isalpha():
            by_lower.setdefault(word.lower(), []).append(word)
    others = tuple(word for word in by_word if not word.isalpha())
    return Clues(by_word, frozenset(always), by_lower, others, by_short, frozenset(by_lower))


def _maybe_present(names: tuple[str, ...], tokens: TokenTest) -> frozenset[str]:
    """The known names a text with these words may name: the others are surely absent. Only the clue
    words whose lower case is among the text's letter runs are looked for (a word of letters only
    is one of them wherever it is a whole word). Worked out once per text for the same names."""
    last = tokens.maybe
    if last is not None and last[0] == names:
        return last[1]
    clues = _clues(names)
    out = set(clues.always)
    asked = [w for low in clues.lower & tokens.lower for w in clues.by_lower[low]]
    for word in (*asked, *clues.others):
        if word in tokens:
            out |= clues.by_word[word]
    tokens.maybe = (names, frozenset(out))
    return tokens.maybe[1]


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _scan_known(text: str, names: Iterable[str], taken: list[tuple[int, int]],
                tokens: Container[str] = ()) -> list[tuple[int, int, str]]:
    """Occurrences of known names; one starting with a particle ("al-Hadi") also capitalised, as a
    sentence writes it first ("Al-Hadi said"). tokens, when given, are the text's words (_word_set):
    a name whose every form's last word is missing from them has no whole-word occurrence."""
    out = []
    names = list(names)
    # each name's occurrences (None: surely none), kept with the text's word test for the next scan
    found = tokens.known_spans if isinstance(tokens, TokenTest) else {}
    for n in names:
        if n not in found:
            found[n] = _literal_spans(text, n) if _may_be_in(text, n, tokens) else None
    present = {n for n in names if found[n] is not None}
    spans = _Spans(taken)
    for name in sorted(present, key=len, reverse=True):
        for s, e in found[name]:
            if spans.overlaps(s, e):
                continue
            spans.add(s, e)
            taken.append((s, e))
            out.append((s, e, name))
    return out


def _may_be_in(text: str, name: str, tokens: Container[str]) -> bool:
    """False when name surely does not occur in text as a whole word: not even as a substring, or (tokens
    given) no form's last word among the text's words."""
    return (name in text or _capitalised(name) in text) and \
        (not tokens or any(_may_occur(v, tokens) for v in _variants(name)))


class _Spans:
    """Spans (start, end): whether a new one overlaps one of them, by bisection instead of a look at each."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self.starts = [a for a, _ in pairs]
        self.reach = list(accumulate((b for _, b in pairs), max))  # the furthest end of the first k

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span starting before end ends after start."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        reach = self.reach
        reach.insert(k, max(reach[k - 1], end) if k else end)
        for i in range(k + 1, len(reach)):  # the spans after it now reach at least as far
            if reach[i] >= end:
                break
            reach[i] = end


def _is_word_char(ch: str) -> bool:
    """A character regex \\w or a hyphen matches: a name never starts or ends beside one."""
    return ch.isalnum() or ch in "_-"


def _variants(name: str) -> set[str]:
    """How a name may be written: as is, and with its first letter upper-cased when lower-case."""
    return {name, _capitalised(name)} if name[:1].islower() and len(name[:1].upper()) == 1 else {name}


def _may_occur(name: str, tokens: Container[str]) -> bool:
    """False when name cannot occur as a whole word: its last word (word characters only) is not one
    of the text's words (a whole-word occurrence ends with one)."""
    clue = _clue(name)
    return clue is None or not _WORD_CHARS.fullmatch(clue) or clue in tokens


def _literal_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Non-overlapping whole-word occurrences of name, left to right (its first letter also
    upper-cased when lower-case); str.find is far faster than a regex opening with a lookbehind."""
    variants = _variants(name)
    n, spans, pos = len(name), [], 0
    if len(variants) == 1:  # one form: each occurrence found by one str.find
        find, size = text.find, len(text)
        at = find(name)
        while at >= 0:
            if (at == 0 or not _is_word_char(text[at - 1])) and \
                    (at + n >= size or not _is_word_char(text[at + n])):
                spans.append((at, at + n))
                at = find(name, at + n)
            else:
                at = find(name, at + 1)
        return spans
    while True:
        hits = [i for i in (text.find(v, pos) for v in variants) if i >= 0]
        if not hits:
            return spans
        i = min(hits)
        before_ok = i == 0 or not _is_word_char(text[i - 1])
        if before_ok and (i + n >= len(text) or not _is_word_char(text[i + n])):
            spans.append((i, i + n))
            pos = i + n
        else:
            pos = i + 1


@lru_cache(maxsize=4096)  # asked for every known name in every document
def _short_forms(full: str) -> tuple[str, ...]:
    """Words a full name is shortened to: the surname, or a short family name written first (Xi)."""
    toks = _tokens(full)
    if len(toks) < 2:
        return ()
    forms = [toks[-1]]
    if len(toks[0]) <= 4 and toks[0] not in forms:
        forms.append(toks[0])
    return tuple(forms)


def _canonical(names: Iterable[str], counts: Counter[str]) -> dict[str, str]:
    """Map each short or partial name to the full name it abbreviates (most frequent wins)."""
    fulls = sorted({n for n in names if len(_tokens(n)) >= 2}, key=lambda n: (-counts[n], n))
    mapping: dict[str, str] = {f: f for f in fulls}
    for f in fulls:
        for short in _short_forms(f):
            mapping.setdefault(short, f)
    return mapping


@dataclass
class TextScan:
    """What person_refs reads from one text whatever names are known: its words, titled names and
    name-like word runs. Made once per text for a run that reads the text several times."""

    text: str
    is_place: Callable[[str], bool] | None = None
    spans: list[tuple[int, int]] | None = None  # the text's sentences, when the caller has split it
    _named: tuple[tuple[tuple[tuple[str, str], ...], Callable[[str], bool] | None], list[PersonRef],
                  dict[str, str]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def columns(self) -> tuple[list[int], list[str]]:
        """The offsets and the lower-cased words of the runs of letters (lower_words as two lists)."""
        return lower_word_columns(self.text)

    @cached_property
    def words(self) -> list[tuple[int, str]]:
        """(offset, lower-cased word) of each run of letters."""
        return list(zip(*self.columns, strict=True))

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts ([0] for a text without any)."""
        spans = self.spans if self.spans is not None else split_sentences(self.text)
        return [a for a, _ in spans] or [0]

    @cached_property
    def index(self) -> OpeningIndex:
        """Where each word a pattern opens with starts."""
        return OpeningIndex(self.text, [], self.columns)

    @cached_property
    def titled(self) -> list[tuple[int, int, str, str]]:
        """Names after a title, Chinese ones too: (start, end, name, nationality code)."""
        found = _titled(self.text, self.index, self.is_place)
        return found + _han_titled(self.text) if _HAN.search(self.text) else found

    @cached_property
    def candidates(self) -> tuple[tuple[int, int, str, bool], ...]:
        """Untitled runs of capitalised words outside the titled names (see _untitled_candidates)."""
        return _untitled_candidates(self.text, [(s, e) for s, e, _, _ in self.titled])

    @cached_property
    def tokens(self) -> TokenTest:
        """Whether a word is one of the text's words (see _word_set), asked word by word."""
        return TokenTest(self.text, frozenset(self.columns[1]))

    @cached_property
    def own_names(self) -> tuple[frozenset[str], frozenset[str]]:
        """The names written after a title or as a run of capitalised words, and the titled one-word names."""
        titled = {name for _, _, name, _ in self.titled}
        singles = frozenset(name for name in titled if len(_tokens(name)) == 1)
        return frozenset(titled | {name for _, _, name, _ in self.candidates}), singles

    def relevant(self, known: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """The known names (with their nationality) that _named_refs's answer for this text depends on:
        those the text writes, those its titled one-word names shorten, and those it may name."""
        if not known:
            return ()
        names = tuple(known)
        own, singles = self.own_names
        hits = own & known.keys()
        by_short = _clues(names).by_short
        for single in singles:
            hits |= by_short.get(single, set())
        hits |= _maybe_present(names, self.tokens)
        return tuple(sorted((name, known[name]) for name in hits))

    def named(self, known: dict[str, str],
              is_place: Callable[[str], bool] | None) -> tuple[list[PersonRef], dict[str, str]]:
        """_named_refs of the text (copies): the last answer again when asked with the same relevant known
        names (their nationality included), as the answer is then the same."""
        key = (self.relevant(known), is_place)
        if self._named is None or self._named[0] != key:
            self._named = (key, *_named_refs(self.text, known, is_place, self))
        return list(self._named[1]), dict(self._named[2])


def person_refs(
    text: str,
    known: Mapping[str, str] | None = None,
    *,
    is_place: Callable[[str], bool] | None = None,
    references: bool = True,
    scan: TextScan | None = None,
) -> list[PersonRef]:
    """Every person reference in text, in order; known maps full names to nationality codes. scan, when
    given, is TextScan(text, is_place) shared by calls on the same text."""
    known = dict(known or {})
    scan = scan or TextScan(text, is_place)
    refs, nat = scan.named(known, is_place)
    if references:
        refs += _resolve_references(text, scan, refs, nat, [(r.start, r.end) for r in refs])
    refs.sort(key=lambda r: (r.start, r.end))
    return [r if (code := nat.get(r.name, r.nationality)) == r.nationality else replace(r, nationality=code)
            for r in refs]


def _named_refs(text: str, known: dict[str, str], is_place: Callable[[str], bool] | None,
                scan: TextScan) -> tuple[list[PersonRef], dict[str, str]]:
    """The people text names (titled, untitled, known from other texts, short forms), and the
    nationality of each that known or the text states."""
    titled = list(scan.titled)
    taken = [(s, e) for s, e, _, _ in titled]
    untitled = _untitled(scan.candidates, known, is_place)
    taken += [(s, e) for s, e, _ in untitled]
    found_names = [n for _, _, n, _ in titled] + [n for _, _, n in untitled]
    counts = Counter(found_names)
    fulls = {n for n in found_names if len(_tokens(n)) >= 2}
    # Short titled names ("Mr Xi") take a full name from this text or from other documents.
    singles = {n for n in found_names if len(_tokens(n)) == 1}
    clues = _clues(tuple(known))
    for single in singles:
        if not any(single in _short_forms(f) for f in fulls):
            fulls |= clues.by_short.get(single, set())
    # People named in other documents, here by full name or by a short form that is not a place.
    tokens = scan.tokens
    maybe = _maybe_present(tuple(known), tokens)
    for k in known:
        if k not in maybe or k in fulls or len(_tokens(k)) < 2:
            continue
        if _whole_word(k, text, tokens) or any(
            _whole_word(short, text, tokens) and not (is_place and is_place(short))
            for short in _short_forms(k)
        ):
            fulls.add(k)
    repeats = _scan_known(text, fulls, taken, tokens)
    counts.update(n for _, _, n in repeats)
    canon = _canonical(fulls | singles, counts)
    shorts = _scan_known(text, [s for s in canon if len(_tokens(s)) == 1], taken, tokens)
    nat: dict[str, str] = {k: v for k, v in known.items() if v}
    raw: list[tuple[int, int, str, str, str]] = []
    for s, e, name, code in titled:
        full = canon.get(name, name)
        if code and not nat.get(full):
            nat[full] = code
        raw.append((s, e, full, "name" if len(_tokens(name)) > 1 else "short", code))
    for s, e, name in untitled + repeats:
        raw.append((s, e, canon.get(name, name), "name", ""))
    for s, e, name in shorts:
        raw.append((s, e, canon.get(name, name), "short", ""))
    for _s, e, full, _kind, _ in raw:
        m = APPOSITION_NAT.match(text, e) if e < len(text) else None
        if m and not nat.get(full):
            nat[full] = DEMONYMS[fold(m.group("dem"))]
    refs = [PersonRef(s, e, text[s:e], full, kind, nat.get(full, "")) for s, e, full, kind, _ in raw]
    return refs, nat


def _resolve_references(text: str, scan: TextScan, named: list[PersonRef], nat: dict[str, str],
                        taken: list[tuple[int, int]]) -> list[PersonRef]:
    """Resolve "the Russian leader", "the president", "the two leaders" and pronouns to named people."""
    pending: list[tuple[int, int, str, str]] = []  # start, end, kind, nationality
    index = scan.index
    for m in matches_at(NAT_REF, index.offsets(_NAT_REF_STARTS, _NAT_NEXT), text):
        dem, cty = (m.group("dem") or "").lower(), (m.group("cty") or "").lower()
        code = DEMONYMS.get(dem) or COUNTRIES.get(cty, "")
        pending.append((m.start(), m.end(), "ref", code))
    for m in matches_at(ROLE_REF, index.offsets({"the"}, _ROLE_FIRST), text):
        pending.append((m.start(), m.end(), "ref", ""))
    for m in matches_at(PLURAL_REF, index.offsets({"the", "both"}, _PLURAL_NEXT), text):
        pending.append((m.start(), m.end(), "plural", ""))
    for m in matches_at(PRONOUN, index.offsets(_PRONOUNS), text):
        pending.append((m.start(), m.end(), "pronoun", ""))
    events = [(r.start, r.end, "named", r.name) for r in named]
    kept = _Spans(taken)
    for s, e, kind, code in sorted(pending, key=lambda p: (p[0], -p[1])):
        if kept.overlaps(s, e):
            continue
        kept.add(s, e)
        events.append((s, e, kind, code))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    starts = scan.sentence_starts
    named_events = [(s, e, v) for s, e, k, v in events if k == "named"]
    history: list[tuple[int, str]] = []  # (sentence index, name) of every resolved mention so far
    counts: Counter[str] = Counter()
    out = []
    for s, e, kind, value in events:
        sent = bisect_right(starts, s) - 1
        if kind == "named":
            history.append((sent, value))
            counts[value] += 1
            continue
        if kind == "plural":
            pair = list(dict.fromkeys(n for _, n in reversed(history)))[:2]
            if len(pair) == 2:
                out += [PersonRef(s, e, text[s:e], who, "plural") for who in reversed(pair)]
            continue
        if kind == "pronoun":
            who = _pronoun(text, s, sent, starts, history, named_events)
        else:
            who = _pick(value, [n for _, n in history], counts, nat)
        if who is None:
            continue
        if kind == "ref" and value and not nat.get(who):
            nat[who] = value
        history.append((sent, who))
        counts[who] += 1
        out.append(PersonRef(s, e, text[s:e], who, "ref" if kind == "ref" else "pronoun", value))
    return out


def _pronoun(text: str, pos: int, sent: int, starts: list[int], history: list[tuple[int, str]],
             named: list[tuple[int, int, str]]) -> str | None:
    """A pronoun means the subject (first person) of its sentence, of a following main clause
    ("Adding to his agenda, Putin ..."), or of the nearest earlier sentence naming someone."""
    same = [n for i, n in history if i == sent]
    if same:
        return same[0] if PRONOUN_OBJECT.fullmatch(text[pos:pos + 3].rstrip()) is None else same[-1]
    sent_end = starts[sent + 1] if sent + 1 < len(starts) else len(text)
    comma = text.find(",", pos, sent_end)
    if comma >= 0:
        after = [n for s, _, n in named if comma < s <= comma + 40]
        if after:
            return after[0]
    for i in range(sent - 1, max(-1, sent - 6), -1):
        earlier = [n for j, n in history if j == i]
        if earlier:
            return earlier[0]
    return None


def _pick(code: str, history: list[str], counts: Counter[str], nat: dict[str, str]) -> str | None:
    """A role reference: the latest person of that nationality, else the most named unknown one."""
    if not history:
        return None
    if not code:
        return history[-1]
    same = [h for h in history if nat.get(h) == code]
    if same:
        return same[-1]
    unknown = [h for h in history if not nat.get(h)]
    if not unknown:
        return None
    recency = {h: i for i, h in enumerate(history)}
    return max(set(unknown), key=lambda h: (counts[h], recency[h]))


def find_people(doc: Document | str, known: Mapping[str, str] | None = None, *,
                references: bool = False,
                is_place: Callable[[str], bool] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical full name) of each person named in the document (refs on request)."""
    text = doc if isinstance(doc, str) else doc.text
    return [(r.start, r.end, r.name) for r in person_refs(text, known, is_place=is_place,
                                                          references=references)]


def collect_people(texts: Iterable[str], *, is_place: Callable[[str], bool] | None = None,
                   scans: Sequence[TextScan] | None = None) -> dict[str, str]:
    """Full names across documents with the nationality any of them states ("" when none): the names
    each document gives, then those found untitled in any document once the first are known. The
    result does not depend on how the documents are grouped, so a cluster can find them part by part.
    scans, when given, are the texts' TextScans (with this is_place), in order; without them each pass
    scans the texts afresh, one at a time, so that a large corpus is not held scanned in memory."""
    texts = list(texts)

    def scanned() -> Iterable[TextScan]:
        return scans if scans is not None else (TextScan(text, is_place) for text in texts)

    first = join_people([named_people(text, None, is_place, scan) for text, scan in zip(texts, scanned(),
                                                                                         strict=True)])
    # Second pass: names found in one document help find them untitled in the others.
    more = [named_people(text, first, is_place, scan) for text, scan in zip(texts, scanned(), strict=True)]
    return join_people(more, into=dict(first))


def named_people(text: str, known: Mapping[str, str] | None, is_place: Callable[[str], bool] | None = None,
                 scan: TextScan | None = None) -> list[tuple[str, str]]:
    """(full name, nationality) of each person one text names, in order (known: names already found)."""
    return [(r.name, r.nationality) for r in person_refs(text, known, is_place=is_place, references=False,
                                                         scan=scan)
            if len(_tokens(r.name)) >= 2]  # fmt: skip


def join_people(found: Iterable[list[tuple[str, str]]], into: dict[str, str] | None = None) -> dict[str, str]:
    """Names from each text in order, a name keeping the first nationality stated for it."""
    people = {} if into is None else into
    for pairs in found:
        for name, nationality in pairs:
            people[name] = people.get(name) or nationality
    return people
