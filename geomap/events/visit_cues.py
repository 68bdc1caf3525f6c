"""Visit cues as data: the words that say a person went to, or was at, a place.

Each table is a list of regular-expression fragments, one cue family a line, compiled once. The
modes say where the place is: after the cue's preposition (TRAVEL), as the verb's object (DIRECT),
or after "in"/"at" later in the clause (EVENT, WEAK). Cue words in other languages sit beside the
English ones, one line per language.
"""

from __future__ import annotations

import re

from geomap.events.sieve import Sieve

# Travel: the place follows the cue's preposition ("flew to X", "arrived in X", "crossed into X").
TRAVEL: list[str] = [
    r"visit(?:s|ed|ing)?\s+to",
    r"(?:trip|journey|tour|travel(?:s|led|ed|ling|ing)?|flew|flies|fly|head(?:s|ed|ing)?|went|goes|go|"
    r"came|comes|come|return(?:s|ed|ing)?|drove|driven|sailed|moved\s+on)\s+(?:back\s+|north\s+|south\s+|"
    r"east\s+|west\s+|on\s+)?(?:to|into)",
    r"cross(?:ed|es|ing)?\s+(?:over\s+)?(?:to|into)",
    r"(?:arriv(?:ed|es|e|ing)|land(?:ed|s|ing)?|touch(?:ed|es)\s+down)\s+(?:in|at)",
    r"back\s+(?:in|at)",
    r"(?:stop(?:ped|s)?|stay(?:ed|s|ing)?|stopover)\s+in",
    r"itinerary\s+in",
    r"(?:trip|journey|tour|visit)\s+(?:of|through|around)",
    r"(?:was|were|is|are|been)\s+(?:warmly\s+)?(?:welcomed|greeted|received|hosted)\s+(?:in|at)",
    r"(?:news|press)\s+(?:conference|briefing)\s+(?:in|at)",
    # Spanish, Polish, Russian
    r"(?:viaj[óo]|lleg[óo]|visit[óo]|estuvo)\s+(?:(?:también|ya)\s+)?(?:a|en)",
    r"(?:przyjecha(?:ł|ła)|odwiedzi(?:ł|ła)|przyby(?:ł|ła))\s+(?:(?:też|także|już)\s+)?(?:do|w|na)",
    r"(?:прибыл[аи]?|приехал[аи]?|посетил[аи]?|побывал[аи]?)\s+(?:(?:и|также|тоже|уже|ещё|еще)\s+)?"
    r"(?:в|на|во)",
]
# Direct: the place is the verb's object, or sits at the end of a short object ("toured the new
# checkpoint at X").
DIRECT: list[str] = [
    r"visit(?:s|ed|ing)?",
    r"tour(?:s|ed|ing)?",
    r"inspect(?:s|ed|ing)?",
    r"check(?:s|ed|ing)?(?=\s+(?:on\s+)?the\s+(?:state|condition|situation|progress|works?|preparations)\b)",
]
# Events a person attends in person: the place follows "in"/"at" in the same clause.
EVENT: list[str] = [
    r"attend(?:s|ed|ing)?", r"(?:took|take|takes|taking)\s+part", r"participat(?:ed|es|e|ing)",
    r"inaugurat(?:ed|es|e|ing)", r"opened", r"cut\s+the\s+ribbon", r"chair(?:ed|s|ing)?",
    r"addressed", r"spoke", r"speaks", r"laid", r"(?:held|hold|holds|holding)\s+talks",
    r"met", r"meets", r"meeting", r"led\s+(?:the|a)\s+(?:ceremony|delegation|talks|meeting)",
    r"presid(?:ed|es|e|ing)\s+over",
    r"unveil(?:ed|s)", r"launched", r"broke\s+ground", r"stood",
]
# Weak presence: only a foreigner, or someone the text already shows travelling, counts.
WEAK: list[str] = [
    r"(?:is|was|are|were|been|remains?|remained|stays?|stayed)\s+(?:now\s+|currently\s+|still\s+|also\s+|"
    r"already\s+)?(?=in\b)",
    r"due", r"gave", r"give", r"held", r"hold(?:s|ing)?", r"spent", r"spend(?:s|ing)?", r"strolled",
    r"joined", r"signed",
]
# Chinese travel verbs, the place right after them ("抵达北京", "视察二连浩特口岸"). Chinese has no
# spaces, so these are matched without word boundaries.
HAN_TRAVEL: list[str] = ["抵达", "到达", "来到", "前往", "到访", "访问", "视察", "考察", "出访"]
# A relative clause after a place puts its subject there: "X, where the minister met ...".
WHERE = re.compile(r",?\s+(?:where|donde|gdzie|где)\s+", re.I)
# A passive agent named after a cue is present too: "was welcomed by A and B".
PASSIVE_AGENT = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?(?:welcomed|greeted|received|met|hosted|"
                           r"inaugurated|opened|accompanied)\s+by\s+", re.I)
# Between a verb and the place of its object: "toured the road and rail checkpoints at".
OBJECT_GAP = re.compile(r"[\s'\"“‘]*(?:the|a|an|its|their|his|her)?\s*(?:[\w’'-]+\s+){0,5}?"
                        r"(?:at|in|of|near|on)\s+(?:the\s+)?", re.I)
# Where the place of a presence cue is written: "in X", "at X", "on the Egyptian side of X".
PRESENCE_PREP = re.compile(r"\b(?:in|at|inside|on|en|w|в|на|on\s+the\s+(?:[\w-]+\s+){0,2}side\s+of|"
                           r"near(?:\s+the\s+(?:town|city|village)\s+of)?)\s+"
                           r"(?:the\s+)?$", re.I)
# A site named before, after a cue: "toured the site", "went to the scene", "went to see the crossing".
FACILITY_ANAPHOR = re.compile(r"\s+(?:(?:see|inspect|visit|tour|check\s+on)\s+)?(?:the|this)\s+(?:same\s+)?"
                              r"(?:site|scene|crossing|port|bridge|checkpoint|border\s+(?:station|post|"
                              r"crossing|gate)|terminal|facility|port\s+of\s+entry|construction\s+site)\b",
                              re.I)
# A site a presence cue names without its name ("a ceremony at the bridge", "the Spanish side of the
# border"): the crossing named earlier in the document.
SITE_ANAPHOR = re.compile(r"\b(?:at|on|near|over|of)\s+(?:the|this)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:side\s+of\s+the\s+)?(?:bridge|crossing|checkpoint|border(?:\s+(?:post|crossing|point|gate))?|"
                          r"port\s+of\s+entry|border\s+station)\b", re.I)
# A cue that refers back to an event placed earlier: "led the ceremony", "travelled in for the event".
EVENT_BACK = re.compile(r"\b(?:led|attended|hosted|joined|addressed|opened|chaired|spoke\s+at|"
                        r"(?:travell?ed|came|flew)\s+(?:in\s+)?for|(?:was|were)\s+(?:there|present)\s+for)\s+"
                        r"(?:the|this|that)\s+(?:ceremony|event|celebration|opening|occasion|inauguration|launch|"
                        r"gathering|signing|summit|forum)\b", re.I)
# The nouns every EVENT_BACK cue ends with: a sentence without one of them holds no such cue.
EVENT_BACK_NOUNS = ("ceremony", "event", "celebration", "opening", "occasion", "inauguration", "launch",
                    "gathering", "signing", "summit", "forum")
# What places an event for a later "the ceremony": "officials gathered on X", "a ceremony at X".
GATHERING = re.compile(r"\b(?:gathered|assembled|convened|celebrated|ceremony|celebration|inaugurat\w*|"
                       r"opening)\b", re.I)
# Words that make a visit planned, not made: "will visit", "is due to", "plans to", "to visit".
PLANNED = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|(?:is|are)\s+(?:set|due|expected|scheduled|"
                     r"slated|going)\s+to|plans?\s+to|planning\s+to|intends?\s+to|to\s+(?:visit|travel|"
                     r"tour|fly|attend|inspect)|next\s+(?:week|month))\b", re.I)


def compile_cues(fragments: list[str], *, direct: bool = False) -> re.Pattern[str]:
    """One expression for a cue table; direct cues must not be followed by a travel preposition."""
    body = "|".join(f"(?:{f})" for f in fragments)
    tail = r"(?!\s+(?:to|of|through|around)\b)" if direct else ""
    return re.compile(rf"\b(?:{body})\b{tail}", re.I)


TRAVEL_CUES = compile_cues(TRAVEL)
DIRECT_CUES = compile_cues(DIRECT, direct=True)
EVENT_CUES = compile_cues(EVENT)
HAN_TRAVEL_CUES = re.compile("|".join(HAN_TRAVEL))
WEAK_CUES = compile_cues(WEAK)


# The words (lower case, as prefixes) each table's cues open with: a table is tried only where a word
# beginning with one of them starts (every cue must open with one; a test checks every dev sentence).
TRAVEL_OPENERS = (
    "visit", "trip", "journey", "tour", "travel", "flew", "flies", "fly", "head", "went", "go", "came",
    "come", "return", "drove", "driven", "sailed", "moved", "cross", "arriv", "land", "touch", "back", "stop",
    "stay", "itinerary", "was", "were", "is", "are", "been", "news", "press",
    "viaj", "lleg", "estuvo", "przyjecha", "odwiedzi", "przyby", "прибыл", "приехал", "посетил", "побывал",
)
DIRECT_OPENERS = ("visit", "tour", "inspect", "check")
EVENT_OPENERS = (
    "attend", "took", "take", "taking", "participat", "inaugurat", "opened", "cut", "chair", "addressed",
    "spoke", "speaks", "laid", "held", "hold", "met", "meet", "led", "presid", "unveil", "launched", "broke",
    "stood",
)
WEAK_OPENERS = ("is", "was", "are", "were", "been", "remain", "stay", "due", "gave", "give", "held", "hold",
                "spent", "spend", "strolled", "joined", "signed")
# (cue expression, its openers, mode, strong), in the order a sentence's cues are read.
CUE_TABLES: list[tuple[re.Pattern[str], tuple[str, ...], str, bool]] = [
    (TRAVEL_CUES, TRAVEL_OPENERS, "prep", True),
    (DIRECT_CUES, DIRECT_OPENERS, "direct", True),
    (EVENT_CUES, EVENT_OPENERS, "presence", True),
    (WEAK_CUES, WEAK_OPENERS, "presence", False),
]
CUE_SIEVE = Sieve([*TRAVEL_OPENERS, *DIRECT_OPENERS, *EVENT_OPENERS, *WEAK_OPENERS])
HAN_TRAVEL_FIRST = frozenset(w[0] for w in HAN_TRAVEL)  # a Chinese cue needs its first character
