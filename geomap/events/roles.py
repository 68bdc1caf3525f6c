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

# Chinese titles written right before a name ("总理李强", "大使王小明"), longest first when compiled.
HAN_ROLE_NOUNS: tuple[str, ...] = (
    "国家主席", "主席", "总统", "副总统", "总理", "副总理", "国务委员", "总书记", "书记", "部长", "副部长",
    "外长", "省长", "副省长", "市长", "副市长", "州长", "大使", "总领事", "领事", "特使", "局长", "署长",
    "主任", "委员长", "董事长", "总经理", "司令", "司令员",
)
# What ends a Chinese name after its title: a conjunction, punctuation or a following verb.
HAN_NAME_END: tuple[str, ...] = (
    "和", "与", "及", "同", "、", "，", ",", "。", "；", "（", "(", "出席", "表示", "在", "参加", "视察",
    "考察", "访问", "到访", "抵达", "前往", "会见", "会晤", "一行", "等", "指出", "说", "称", "率",
    "主持", "来到", "亲自", "也", "还", "对", "于", "就", "向",
)


def role_pattern(nouns: tuple[str, ...] = ROLE_NOUNS + FOREIGN_ROLE_NOUNS) -> str:
    """An alternation of role nouns, longest first, for embedding in a larger expression."""
    return "|".join(re.escape(n) for n in sorted(set(nouns), key=len, reverse=True))
