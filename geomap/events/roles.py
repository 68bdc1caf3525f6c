"""Roles that mark a person, as data: titles written before a name and role nouns in appositions.

"Interior Minister Anna Nowak", "Anna Nowak, the interior minister, ...", "the country's trade
minister, Anna Nowak, ...": each role noun here (any case) tells that the name beside it is a person.
"""

from __future__ import annotations

import re

# Role nouns, longest first when compiled. Modifiers ("foreign", "interior", "deputy") may precede.
ROLE_NOUNS: tuple[str, ...] = (
    # heads of state and government
    "president", "vice president", "vice-president", "prime minister", "premier", "vice premier",
    "chancellor", "chief minister", "first minister", "head of state", "head of government",
    # ministers and officials
    "minister", "deputy minister", "secretary", "secretary of state", "secretary-general",
    "undersecretary", "under-secretary", "governor", "lieutenant governor", "mayor", "deputy mayor",
    "envoy", "special envoy", "ambassador", "consul", "consul general", "consul-general",
    "administrator", "commissioner", "high commissioner", "director-general", "director general",
    "chairman", "chairwoman", "chairperson", "chair", "vice-chairman", "vice chairman",
    "vice-chairwoman", "head", "chief", "director", "official", "spokesman", "spokeswoman",
    "spokesperson", "senator", "congressman", "congresswoman", "lawmaker", "deputy", "legislator",
    "representative", "delegate", "mullah", "sheikh", "emir", "sultan", "king", "queen",
    "crown prince", "prince", "princess", "pope", "patriarch",
    # military and security
    "general", "lieutenant general", "major general", "brigadier", "admiral", "colonel",
    "commander", "commandant",
    # business
    "ceo", "chief executive", "founder", "chief operating officer",
)
# Role nouns in other languages, written before a name ("el gobernador de Texas, X").
FOREIGN_ROLE_NOUNS: tuple[str, ...] = (
    "presidente", "presidenta", "gobernador", "gobernadora", "ministro", "ministra", "alcalde",
    "alcaldesa", "embajador", "canciller", "secretario", "secretaria",
    "prezydent", "premier", "minister", "wojewoda", "burmistrz", "ambasador",
    "президент", "премьер-министр", "министр", "губернатор", "глава", "руководитель", "посол",
    "мэр", "полпред", "вице-премьер",
)


def role_pattern(nouns: tuple[str, ...] = ROLE_NOUNS + FOREIGN_ROLE_NOUNS) -> str:
    """An alternation of role nouns, longest first, for embedding in a larger expression."""
    return "|".join(re.escape(n) for n in sorted(set(nouns), key=len, reverse=True))
