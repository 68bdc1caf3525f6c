"""How Polish writes an East Slavic place name: the Polish phonetic transcription of its Russian,
Belarusian or Ukrainian Cyrillic (Гродно -> Grodno, Ягодин -> Jahodyn), so that a Polish article's
spelling of a place finds the place the crossings table names in Cyrillic.

The rules are those the Polish Commission on Geographical Names (KSNG) publishes for each language
("Zasady latynizacji alfabetu rosyjskiego / białoruskiego / ukraińskiego", Polish transcription
columns), written below as tables. One departure: the softening mark (´) the standard writes after
a consonant other than n, s, z (and c, dz in Belarusian and Ukrainian) is left out, as the press
leaves it out (Пермь -> Perm). Russian names also get the variants PWN's spelling rules allow for
geographical names (Wielki słownik ortograficzny, rule 77.B.7): r, and labials with it, read hard
before е (Мережковский -> Mereżkowski beside Mierieżkowski).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Letters written the same way whatever comes before or after them (per language: Russian "ru",
# Belarusian "be", Ukrainian "uk").
_COMMON = {
    "а": "a", "б": "b", "в": "w", "д": "d", "ж": "ż", "з": "z", "й": "j", "к": "k", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch",
    "ц": "c", "ч": "cz", "ш": "sz",
}
LETTERS = {
    "ru": {**_COMMON, "г": "g", "ы": "y", "э": "e", "щ": "szcz", "ъ": ""},
    "be": {**_COMMON, "г": "h", "ґ": "g", "ы": "y", "э": "e", "ў": "u", "і": "i"},
    "uk": {**_COMMON, "г": "h", "ґ": "g", "и": "y", "е": "e", "щ": "szcz", "і": "i", "ї": "ji"},
}
# The vowel letters that soften the consonant before them, each as
# (word start, after a vowel or a hard or soft sign or apostrophe; after a hard consonant; after
# any other consonant).
VOWELS = {
    "ru": {"е": ("je", "e", "ie"), "ё": ("jo", "o", "io"), "ю": ("ju", "u", "iu"),
           "я": ("ja", "a", "ia")},
    "be": {"е": ("je", "e", "ie"), "ё": ("jo", "o", "io"), "ю": ("ju", "u", "iu"),
           "я": ("ja", "a", "ia")},
    "uk": {"є": ("je", "e", "ie"), "ю": ("ju", "u", "iu"), "я": ("ja", "a", "ia")},
}
# Consonants after which those vowels lose their i (ж, ч, ш, щ, ц are hard; л shows softness in
# itself, l against ł).
HARD = {"ru": set("жлцчшщ"), "be": set("жлцчшр"), "uk": set("жлчшщ")}
# Russian и: y after ж, ц, ш; ji after the soft sign; else i.
RU_I = ("ji", "y", "i")
RU_I_HARD = set("жцш")
# Consonant + soft sign written as one Polish letter (not before a vowel); after any other
# consonant the sign is dropped.
SOFT = {
    "ru": {"н": "ń", "с": "ś", "з": "ź"},
    "be": {"н": "ń", "с": "ś", "з": "ź", "ц": "ć"},  # дзь: d + ź
    "uk": {"н": "ń", "с": "ś", "з": "ź", "ц": "ć"},
}
# л is l before these letters (and the soft sign), ł elsewhere.
SOFT_AFTER_L = set("еёиіїєюяь")
SIGNS = set("ьъ'’ʼ")
CYRILLIC_VOWELS = set("аеёиоуыэюяіїє")
# Which languages a country's place names may be written in (a Russian name in Belarus and Ukraine
# too); countries whose Cyrillic is Bulgarian, Serbian or Macedonian are not listed.
COUNTRY_LANGUAGES = {
    "BY": ("be", "ru"), "UA": ("uk", "ru"), "RU": ("ru",), "KZ": ("ru",), "KG": ("ru",),
    "TJ": ("ru",), "UZ": ("ru",), "TM": ("ru",), "MD": ("ru",), "MN": ("ru",), "LT": ("ru", "be"),
    "LV": ("ru",), "EE": ("ru",), "GE": ("ru",), "AM": ("ru",), "AZ": ("ru",),
}
# Russian variants of PWN 77.B.7: the consonants read hard before е.
HARD_E_VARIANTS = (set("р"), set("рбпвмф"))


@dataclass(frozen=True)
class _Rules:
    """One language's transcription, with the consonants read hard before е in this variant."""

    lang: str
    hard_before_e: frozenset[str] = frozenset()


def alphabet(lang: str) -> set[str]:
    """The lower-case letters a language's names are written in."""
    return {*LETTERS[lang], *VOWELS[lang], "л", "ь", "'", "’", "ʼ", *(("и",) if lang == "ru" else ())}


@cache
def polish_spellings(name: str, country: str) -> tuple[str, ...]:
    """Polish spellings of a Cyrillic place name of this country, one per language whose alphabet
    writes it (and the Russian variants); () for a name in another script or country."""
    letters = {c for c in name.lower() if c.isalpha() or c in SIGNS}
    if not letters or not all("\u0400" <= c <= "\u04ff" or c in SIGNS for c in letters):
        return ()
    out: list[str] = []
    for lang in COUNTRY_LANGUAGES.get(country, ()):
        if not letters <= alphabet(lang):
            continue
        variants = [_Rules(lang)]
        if lang == "ru":
            variants += [_Rules(lang, frozenset(hard)) for hard in HARD_E_VARIANTS]
        for rules in variants:
            spelled = _transcribe(name, rules)
            if spelled not in out:
                out.append(spelled)
    return tuple(out)


def _transcribe(name: str, rules: _Rules) -> str:
    """A name letter by letter: each letter's Polish form by its neighbours, its case kept."""
    lang, text = rules.lang, name
    out: list[str] = []
    prev = ""  # the previous source letter, lower-cased ("" at a word's start)
    for i, ch in enumerate(text):
        low = ch.lower()
        nxt = text[i + 1].lower() if i + 1 < len(text) else ""
        if low in SIGNS:
            # before a vowel the sign is left out (the vowel takes its j-form): Нью -> Nju
            merged = SOFT[lang].get(prev) if low == "ь" and nxt not in CYRILLIC_VOWELS else None
            if merged and out:
                last = out.pop()
                out.append(merged.upper() if last[:1].isupper() else merged)
            prev = low if low in "ьъ" else "'"
            continue
        if not ch.isalpha():
            out.append(ch)
            prev = ""
            continue
        form = _letter(low, prev, nxt, rules)
        out.append(form[:1].upper() + form[1:] if ch.isupper() and form else form)
        prev = low
    return "".join(out)


def _letter(low: str, prev: str, nxt: str, rules: _Rules) -> str:
    """The Polish form of one lower-case letter after `prev` and before `nxt`."""
    lang = rules.lang
    opens = not prev or prev in CYRILLIC_VOWELS or prev in "ьъ'"
    if low in VOWELS[lang]:
        start, hard, soft = VOWELS[lang][low]
        if opens:
            return start
        if prev in HARD[lang] or (low == "е" and prev in rules.hard_before_e):
            return hard
        return soft
    if low == "и" and lang == "ru":
        return RU_I[0] if prev == "ь" else RU_I[1] if prev in RU_I_HARD else RU_I[2]
    if low == "л":
        return "l" if nxt in SOFT_AFTER_L else "ł"
    return LETTERS[lang].get(low, low)
