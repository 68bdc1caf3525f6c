"""Cue words as data: crossing nouns (with the mode they imply), mode words, status verbs and
future markers, per language. Patterns are short regular expressions, compiled case-insensitively."""

from __future__ import annotations

import re

# Crossing nouns, most specific first: (mode or "" when the noun says none, pattern).
# A mode of "" takes the mode words around the noun, else the curated row's, else road.
NOUNS: list[tuple[str, str]] = [
    # English
    ("customs terminal", r"(?:customs(?:\s+and\s+logistics)?|logistics)\s+terminals?"),
    ("customs terminal", r"customs\s+(?:clearance\s+(?:centres?|centers?|zones?))"),
    ("rail bridge", r"(?:rail(?:way)?|railroad|train)\s+bridges?"),
    ("road bridge", r"(?:road|highway|automobile|motorway|car|cross-border|international)\s+bridges?"),
    ("road bridge", r"friendship\s+bridges?"),
    ("river", r"pontoon(?:\s+bridges?)?|ice\s+(?:roads?|crossings?)|hovercraft|"
              r"river\s+(?:crossings?|ports?)"),
    ("ferry", r"ferr(?:y|ies)(?:\s+crossings?)?"),
    ("pipeline", r"(?:oil|gas)?\s*pipelines?"),
    ("cableway", r"cable\s*ways?|cable\s+cars?"),
    ("pedestrian", r"pedestrian\s+(?:crossings?|bridges?|gates?)"),
    ("rail", r"rail(?:way)?\s+(?:ports?|crossings?|links?|checkpoints?|border\s+crossings?|stations?)"),
    ("rail", r"railways?"),
    ("rail", r"(?:rail(?:way)?\s+)?lines?"),
    ("road bridge", r"bridges?"),
    ("road", r"tunnels?"),
    ("road", r"(?:road|highway|motor|automobile)\s+(?:ports?|checkpoints?|crossings?|border\s+crossings?)"),
    ("", r"integrated\s+check\s*posts?|ICPs?"),
    ("", r"(?:cargo|border|friendship|customs|frontier)\s+gates?"),
    ("", r"gates?"),
    ("", r"land\s+(?:ports?|customs\s+(?:stations?|gates?))"),
    ("", r"ports?\s+of\s+entry|entry\s+points?|points?\s+of\s+entry|"
         r"border\s+(?:crossing\s+)?(?:points?|posts?|ports?|gates?|stations?)"),
    ("", r"(?:border\s+)?check-?points?|crossing\s+points?|(?:border\s+)?crossings?|entrances?"),
    ("", r"(?:border\s+)?gateways?"),
    ("", r"ports?"),
    # Russian
    ("rail", r"железнодорожн\w+\s+(?:пункт\w*\s+пропуска|погранперех\w+|переход\w*|мост\w*)"),
    ("road", r"автомобильн\w+\s+(?:погранперех\w+|переход\w*)"),
    ("", r"(?:автомобильн\w+\s+)?пункт\w*\s+пропуска|погранперех\w+|пограничн\w+\s+переход\w*|КПП"),
    ("road", r"[МД]АПП"),  # (международный) автомобильный пункт пропуска
    ("rail", r"ЖДПП"),
    ("road bridge", r"мост\w*"),
    # Chinese
    ("rail", r"铁路口岸|铁路桥"),
    ("rail", r"跨境铁路|铁路"),
    ("road", r"公路口岸"),
    ("road bridge", r"大桥|公路桥"),
    ("", r"口岸"),
    # Spanish
    ("", r"paso\s+fronterizo|pasos\s+fronterizos|puntos?\s+fronterizos?|puerto\s+fronterizo|garita"),
    ("road bridge", r"puentes?\s+internacional(?:es)?"),
    ("road bridge", r"puentes?"),
    # Polish
    ("", r"przej[śs]ci\w*\s+graniczn\w*"),
    ("", r"przej[śs]ci\w*"),
]

# Endings of a crossing noun in the plural ("crossings", "пункты", "przejścia").
PLURAL = r"(?:s|es|ies)$|ów$|ы$|и$|ia$"
# ... and nouns of several words whose first word is the plural one ("пункты пропуска", "ports of entry").
PLURAL_HEAD = r"(?:\w+[ыи]|ports|points|pasos|puntos|puentes)\s"

# Nouns that are a crossing only when two sides are named with them ("the A–B railway", not
# "China Railway" or "the Northgate pipeline").
WEAK_NOUNS: list[str] = [r"跨境铁路|铁路", r"railways?", r"(?:rail(?:way)?\s+)?lines?", r"entrances?",
                         r"gates?", r"(?:oil|gas)?\s*pipelines?", r"tunnels?"]

# Nouns that are a crossing only when the town named with them has a curated crossing ("the Northgate
# port" at a land border; "the port of Northgate" on the coast is a seaport).
TABLE_ONLY: list[str] = [r"ports?"]

# Nouns that take their name from before only ("the Northgate gateway", not "a gateway to Europe").
BEFORE_ONLY: list[str] = [r"(?:border\s+)?gateways?"]

# The first three letters of every word a crossing noun can begin with (the sieve of Table).
NOUN_STARTS = """cus log rai tra roa hig aut mot car cro int fri pon ice hov riv fer oil gas pip cab ped bri
    tun lin icp bor fro lan por che ent gat poi жел авт пун пог кпп мап дап ждп мос pas pue gar prz pun"""

# Mode words read in the few words before a noun that names no mode ("the Northgate rail crossing").
MODE_WORDS: list[tuple[str, str]] = [
    ("rail", r"rail\w*|trains?|железнодорожн\w+|铁路|ferroviari\w+|kolejow\w+"),
    ("road", r"road|highway|motorway|truck|lorry|freight|cargo|автомобильн\w+|公路|carreter\w+|drogow\w+"),
    ("pedestrian", r"pedestrian|foot|пешеходн\w+|peatonal\w*|piesz\w+"),
    ("river", r"river|ferry|jett(?:y|ies)|piers?|wharf|речн\w+|muelle|embarcadero"),
]

# Words allowed between a crossing's name and its noun ("Northgate border station",
# "Northgate–Southbank freight crossing"); they never name a place.
MODIFIERS = (r"(?:road|rail(?:way)?|railroad|highway|motorway|freight|cargo|passenger|international|"
             r"border|land|main|old|new|busiest|busy|dedicated|major|small(?:er)?|customs|truck|bus|car|"
             r"pedestrian|frontier|river|friendship|automobile|two|the|and|,|&)")

# Nouns written before the crossing's own name, capitalised with it ("Puente Aurora II", "Pont Neuf").
NOUN_FIRST = r"puentes?|pont|ponte|paso|garita|мост"

# Words after a noun that introduce its place ("the port of entry at X", "crossing point near X").
AFTER = r"(?:at|in|near|of|along|across|between|from|into|to|on|в|у|на|en|de|w|na)"

# Status words: (what, pattern), first match wins where two overlap ("reopened" over "opened").
# A label of "" marks words that look like a status but are none: opening hours ("the 24-hour opening",
# "open from 8 am"), trucks that run without a load ("trucks travelling empty").
STATUS: list[tuple[str, str]] = [
    ("", r"(?:\d{1,2}|twenty-four)[- ]hours?\s+(?:open\w*|operation\w*|basis|service)|"
         r"open(?:s|ed)?\s+(?:from|between)\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs|o'clock)(?!\w)|"
         r"open(?:s|ed)?\s+(?:daily|around\s+the\s+clock|round\s+the\s+clock|24\s+hours)"),
    ("", r"(?:travel+ing|running|driving|returning|going|coming|leaving)\s+empty"),
    ("reopened", r"re-?open\w*|back\s+in\s+(?:service|operation)|open(?:ed)?\s+again|reabri\w+|reabr\w+|"
                 r"otwar\w+\s+ponownie|zn[óo]w\s+otwar\w+|ponownie\s+otwar\w+|возобновил\w*\s+работу|вновь\s+откры\w+"),
    ("resumed", r"(?:has|have)\s+been\s+(?:allowing|letting)|"
                r"(?:began|begun|started|again)\s+(?:allowing|letting)|"
                r"(?:allow\w*|let\w*)\s+(?:\w+\s+){1,2}(?:to\s+)?(?:cross|pass|through)\s+again|resum\w+|restart\w*|restor\w+|came\s+back|"
                r"lifted\s+(?:the\s+)?(?:order|ban|suspension|closure|restrictions?)|reanud\w+|возобнов\w+|wznow\w+"),
    ("suspended", r"suspend\w*|suspension|halt\w*|paused|приостанов\w+|zawiesz\w+|wstrzym\w+|"
                  r"suspendi\w+|blocked|blocking|blockad\w+|bloque\w+|detenid\w+|stopped\s+(?:working|operating|operations|traffic)|ceased\s+\w+|interrupt\w+"),
    ("closed", r"clos(?:ed|es|ing|ure|ures)|close\b(?!\s+(?:to|by|out)\b)|shut\w*|sealed|закры\w+|"
               r"cerr\w+|zamkni\w+|zamyk\w+|no\s+(?:people|passengers|vehicles|traffic)(?:\s+or\s+\w+)?\s+(?:will\s+be|are|were|would\s+be|to\s+be)\s+"
               r"(?:cleared|admitted|allowed\s+through|let\s+through|processed)"),
    ("under construction", r"under\s+construction|being\s+(?:built|rebuilt|upgraded|expanded)|"
                           r"construction\s+(?:began|started|starts|of)|(?:began|started)\s+(?:building|"
                           r"construction)|rebuild\w*|expansion\s+works?|строител\w+|строят\w*|"
                           r"реконструкц\w+|construcci\w+|budow\w+|reconstruct\w*|rebuilt|upgrad(?:e|es|ing)\b|"
                           r"moderni[sz]\w+|(?:launched|began|begins|started|starts)\s+(?:the\s+)?(?:construction|"
                           r"building|assembl\w+|work\s+on)|broke\s+ground|ground-?breaking|ground\s+(?:was|has\s+been)\s+broken|taking\s+shape|"
                           r"construction,?\s+which\s+(?:began|started)"),
    ("completed", r"after\s+(?:a|an|its|the)\s+(?:\w+\s+){0,2}?"
                  r"(?:rebuild|reconstruction|renovation|overhaul)|"
                  r"complet\w+|finish\w+|newly[- ](?:built|constructed)|brand[- ]new|завершен\w+|"
                  r"достро\w+|terminad\w+|termin[oó]\b|ukończ\w+"),
    ("opened", r"open(?:ed|s|ing)\b|been\s+open\b|inaugurat\w+|commission(?:ed|ing)\b|"
               r"went\s+into\s+(?:service|operation)|"
               r"came\s+into\s+(?:service|operation)|(?:began|begins|started|starts)\s+(?:operating|operations|"
               r"to\s+operate|work)|cut\s+the\s+ribbon|ribbon[- ]cutting|открыт\w*|откроет\w*|inaugur\w+|"
               r"abri[óe]\w*|abiert\w+|abrir|otwar\w+|otwier\w+"),
    ("planned", r"plann?\w*|propos\w+|envisag\w+|планиру\w+|planea\w+|planowan\w+"),
    ("idle", r"idle|deserted|empty|no\s+(?:vehicles?|cars?|trucks?|lorries)\s+(?:were\s+)?(?:seen|"
             r"crossed|crossing|passed)|no\s+(?:regular\s+)?(?:traffic|service)|not\s+a\s+single\s+(?:vehicle|car|truck|lorry)"),
    ("congested", r"inundated|overwhelmed|swamped|overrun|"
                  r"congest\w*|queue\w*|queuing|jam\w*|tailback\w*|backlog\w*|stranded|stuck|pile\s+up|"
                  r"wait(?:ed|ing)?\s+(?:times?|for|to)|waits?\s+of\s+(?:up\s+to\s+|about\s+|over\s+)?\d+\s*(?:minutes|hours|mins?|h)\b|lines?\s+of\s+(?:trucks|lorries|cars|vehicles)|"
                  r"очеред\w+|пробк\w+|colas?\b|colaps\w+|filas?\b|kolejk\w+|czeka\w*"),
    # Chinese (no spaces between words: its own rows, read without word boundaries)
    ("reopened", r"恢复通关|重新开放"),
    ("resumed", r"恢复"),
    ("suspended", r"暂停|中断|停运"),
    ("closed", r"关闭|闭关"),
    ("under construction", r"在建|开工|施工"),
    ("completed", r"竣工|建成|完工"),
    ("opened", r"开通|通车|开放"),
    ("planned", r"规划|计划"),
    ("congested", r"拥堵"),
]

# The first three letters of every word a status pattern can begin with (the sieve of Table).
STATUS_STARTS = """re reo re- bac ope rea otw pon воз вно res cam sus hal pau при zaw wst clo shu sea зак
    cer zam und bei con beg sta reb exp стр рек com fin new bra зав дос ter uko ina wen cut rib отк abr pla
    pro env пла idl otw bee bud abi
    lif sto cea int upg mod lau bro gro tak blo det zn
    des emp no not que aft jam tai str stu pil wai lin оче про col fil kol cze wzn
    has hav aga all let inu ove swa tw 0 1 2 3 4 5 6 7 8 9 run dri ret goi com lea tra"""

# A closure told with how long it lasted ("reopened after being closed for 24 years", "zamknięte przez
# 1469 dni"): with an opening in the same sentence, the opening is a reopening.
LASTED = (r"\s+(?:for|przez|durante|por|в\s+течение)\s+"
          r"(?:more\s+than\s+|over\s+|almost\s+|nearly\s+|about\s+|"
          r"ponad\s+|prawie\s+|(?:poco\s+)?m[aá]s\s+de\s+|casi\s+|более\s+)?(?:\d[\d\s,.]*|an?|one|two|three|four|five|six|seven|"
          r"eight|nine|ten|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+(?:days?|weeks?|months?|years?|dni|dnia|tygodni\w*|miesi\w+|lat|lata|d[ií]as|"
          r"semanas|meses|a[ñn]os|дн\w*|недел\w*|месяц\w*|лет|года?)(?!\w)")
# The same told before the closure ("after more than two years closed", "tras seis meses cerrada").
LASTED_BEFORE = (r"(?:more\s+than\s+|over\s+|almost\s+|nearly\s+|m[aá]s\s+de\s+)?(?:\d+|an?|one|two|three|"
                 r"four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|seis)\s+(?:days?|weeks?|months?|"
                 r"years?|d[ií]as|semanas|meses|a[ñn]os)\s+(?:of\s+(?:being\s+)?)?$")
OPEN_AGAIN = {"opened": "reopened"}
# The words of a plain opening (not an inauguration): in a story of a reopening, an opening of the day
# is a reopening ("the border reopens ... on Friday the authorities opened the bridge").
PLAIN_OPEN = r"^(?:open\w*|abri\w*|abier\w+|открыл\w*|открыт\w*|otwar\w+)$"

# Lines whose date stands for every sentence on them: items of a dated list ("• Friday, 24 October –
# guards halt traffic. ...") and photo captions ending with their date ("... Photo: Staff / May 7, 2024").
LIST_ITEM = r"[ \t]*(?:[•·▪‣*-]|\d{1,2}[.)])[ \t]+"
CAPTION_DATE = r"(?:Photo|Foto|Фото)\b[^\n]{0,80}/[ \t]*(?P<date>[^/\n]{4,30}?)[ \t]*\)?[ \t]*$"

# A state that has lasted "since" a date began with an event then ("no regular traffic since 2004":
# suspended in 2004, idle since).
SINCE_BEGAN: dict[str, str] = {"idle": "suspended"}
SINCE = r"\s+(?:since|from)\b"

# Where one clause of a sentence ends and another begins ("A closed on Monday, while B stayed open"):
# a status goes to the crossings named in its own clause when there are any.
# Not dashes: they join a crossing's two names ("the Northgate — Southbank crossing").
CLAUSE_BREAK = (r";|,\s+(?:while|whereas|but|and|although|though|when|а|но|тогда\s+как|pero|mientras|"
                r"ale|natomiast)(?!\w)|\s(?:while|whereas|but)\s")

# Words after a status verb that open a list of what it governs ("closed its crossings, including A, B,
# and C"): the status goes to every item, across the commas and "and"s that otherwise end a clause.
LISTED_AFTER_VERB = (r"\b(?:including|among\s+them|such\s+as|namely|incluid[oa]s?|incluyendo|"
                     r"entre\s+ell[oa]s)\b|в\s+том\s+числе|:")

# Dates told from an earlier date of the story: (unit, pattern with an optional count "n").
LATER: list[tuple[str, str]] = [
    ("day", r"the\s+(?:following|next)\s+day|(?P<n>a|an|one|two|three|four|five|six|\d+)\s+days?\s+later"),
    ("week", r"the\s+(?:following|next)\s+week|(?P<n>a|an|one|two|three|four|\d+)\s+weeks?\s+later"),
    ("month", r"the\s+(?:following|next)\s+month|"
              r"(?P<n>a|an|one|two|three|four|five|six|\d+)\s+months?\s+later"),
    ("year", r"the\s+(?:following|next)\s+year|(?P<n>a|an|one|two|three|four|five|\d+)\s+years?\s+later"),
]
SAME_YEAR = r"\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b"  # "on 5 May that year"

# Words that put a status in the future: it is planned, not yet done.
FUTURE = (r"\b(?:will|would|shall|is\s+(?:due|set|expected|scheduled|slated|planned|to)|are\s+(?:due|set|"
          r"expected|scheduled|slated|planned|to)|plans?\s+to|planned|scheduled|expected|due\s+to|aims?\s+to|"
          r"by\s+the\s+end\s+of|target\w*|from\s+next|next\s+(?:year|month|week)|soon)\b|"
          r"будет|планиру\w+|将|计划|预计|será|planea\w*|będzie|ma\s+zostać")

# Words just before a status that deny it ("will not be closed", "was never reopened").
NEGATION = (r"\b(?:not|never|n't|no\s+longer)\s+(?:\w+\s+){0,2}$|\bno\s+(?:\w+\s+)?$|"
            r"(?<!\w)не\s+$|\bnie\s+(?:\w+\s+)?$|不$|未$")

# Words after a denied status that make it happen later ("was not reopened until", "no se reanudó hasta").
UNTIL = r"\s*(?:[\w.-]+\s+){0,3}?(?:until|till|hasta|до|aż\s+do|dopiero)\b"

# Words before a crossing noun that point back to one named before ("the bridge", "el puente"), and
# those that may introduce a new one ("a road bridge", "un puente").
DEFINITE = r"the|this|that|its|both|el|la|los|las|este|esta|ese|esa|dicho|dicha|ten|ta|tego|tej|этот|эта|этом"
INDEFINITE = r"a|an|un|una"

# "the crossing", "this bridge", "the port": a crossing named earlier in the document.
ANAPHOR = (r"\b(?:the|this|that|its|both)\s+(?:(?:same|border|road|rail(?:way)?|land|main|new|old|two|"
           r"freight|international)\s+){0,2}(?P<noun>crossings?|checkpoints?|bridges?|ports?(?:\s+of\s+entry)?|"
           r"border\s+(?:post|station|gate)s?|terminal|tunnel|ferry)\b")
# One of these is in every ANAPHOR match: a sentence without any is not searched.
ANAPHOR_CUES = ("crossing", "checkpoint", "bridge", "port", "border", "terminal", "tunnel", "ferry")

# Words that set two border towns face to face ("A, opposite B", "A faces B across the river"): the
# crossing between them, when they read as neighbouring sides.
FACING = (r"\b(?:opposite|fac(?:es|ing)|across\s+(?:the\s+(?:border|river|line)\s+)?from)\b|напротив|"
          r"naprzeciw\w*|frente\s+a")
# One of these is in every FACING match: a sentence without any is not searched.
FACING_CUES = ("opposite", "faces", "facing", "across", "напротив", "naprzeciw", "frente")

# Words after a crossing noun that send it to the two towns of the crossing named before ("the older
# ferry at the same two towns", "两地之间的铁路": the railway between the two places).
SAME_SIDES = (r"\s+(?:at|between|linking|joining|of)\s+the\s+same\s+(?:two\s+)?"
              r"(?:towns|cities|places|villages|points|sites|banks|spot|place|site)\b")
# Words that point back to the crossing named last, however far back ("within the same border-gate
# pair", "at the same checkpoint").
SAME_CROSSING = r"\bthe\s+same\s+(?:[\w-]+\s+){0,2}(?:pair|crossing|port|gate|checkpoint|bridge)s?\b"
SAME_SIDES_BEFORE = r"(?:两地|两城|双方)(?:之)?间的?$"

# Capitalised words after a crossing noun that make it an organisation's name.
ORGANISATIONS = (r"Company|Co\.|Corporation|Corp\.|Authority|Authorities|Commission|Administration|Agency|"
                 r"Group|Inc\.?|Ltd\.?|Holding|Board|Operator|Service|Department|Ministry|Office")

# Hints that a list of names after a crossing noun are the crossings ("four crossings – A, B and C",
# "crossings, among them A").
LIST_INTRO = r"(?:[:,]|\s[–—-]\s|\bincluding\b|\bamong\s+them\b|\bsuch\s+as\b|\bnamely\b)"


def _whole(p: str) -> str:
    return rf"(?<!\w)(?:{p})(?!\w)" if not re.match(r"[\u4e00-\u9fff]", p) else p  # CJK has no spaces


def compile_all(patterns: list[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    """Each (label, pattern) with the pattern compiled as a whole word, case-insensitively."""
    return [(label, re.compile(_whole(p), re.I)) for label, p in patterns]
