"""Cue words that say what kind of figure a number is (capacity, queue, wait, trade, not traffic), as data."""

from __future__ import annotations

import re

from geomap.events.sieve import quick_rx

# A figure is a capacity (design throughput, targets, caps, agreed minimums) when one of these is in its
# clause before it, or right after it.
CAPACITY = [
    r"capacit(?:y|ies)", r"designed\s+(?:to|for)", r"design(?:ed)?\s+throughput", r"built\s+to\s+handle",
    r"(?:can|could)\s+(?:now\s+)?(?:handle|process|take|accommodate|clear|receive|serve|pass)",
    r"(?:be\s+)?able\s+to\s+(?:handle|process|take|accommodate|clear|receive|serve|pass)",
    r"will\s+(?:be\s+able\s+to\s+)?(?:handle|process|take|accommodate|serve)",
    r"capped", r"\bcaps?\b", r"a\s+limit\s+of", r"limited\s+to", r"quota", r"target(?:s|ed)?",
    r"aims?\s+to", r"agreed\s+to\s+(?:accept|handle|clear|take|receive|let\s+through)",
    r"up\s+to\s+(?=[\d])", r"maximum", r"throughput",
    r"пропускн\w+\s+способност\w*", r"рассчитан\w*", r"能力", r"设计", r"capacidad", r"przepustowo\w*",
]
# A count of vehicles or people that wait (a queue), not a flow.
QUEUE = [
    r"stranded", r"stuck", r"waiting", r"line\s+of", r"long\s+line", r"electronic\s+queue",
    r"e-(?:line|queue)",
    r"waited", r"queued", r"queu(?:e|ing|eing)", r"in\s+line",
    r"lined\s+up", r"backed\s+up", r"held\s+up", r"trapped", r"stretch(?:ed|ing)", r"tailbacks?", r"parked",
    r"idling", r"stood", r"standing",
    r"ожида\w*", r"очеред\w*", r"滞留", r"排队", r"esperan", r"espera", r"cola", r"czeka\w*", r"kolejk\w*",
    r"oczekuj\w*",
]
# One of these is in every match of a QUEUE pattern.
QUEUE_CUES = ("stranded", "stuck", "wait", "line", "queu", "backed", "held", "trapped", "stretch", "tailback",
              "parked", "idling", "stood", "standing", "ожида", "очеред", "滞留", "排队", "esperan", "espera",
              "cola", "czeka", "kolejk", "oczekuj")
# Hours or days that are a wait (a hold-up at the border), not a duration of something else.
WAIT = [
    r"wait\w*", r"delay\w*", r"stuck", r"queu\w*", r"clear(?:ed|ing|ance)?",
    r"took(?!\s+(?:place|part|effect|office|over))", r"take(?!\s+(?:place|part|effect|office|over|it))",
    r"spen[dt]", r"hold-?ups?", r"takes", r"as\s+long\s+as", r"stranded",
    r"time\s+(?:needed|required|it\s+takes)",
    r"ожидани\w*", r"простаива\w*", r"等待", r"espera\w*",
    r"czeka\w*", r"oczekiw\w*",
]
# One of these is in every match of a WAIT pattern.
WAIT_CUES = ("wait", "delay", "stuck", "queu", "clear", "took", "take", "spen", "hold", "long", "stranded",
             "needed", "required", "ожидани", "простаива", "等待", "espera", "czeka", "oczekiw")
# "The queue at the bridge is about 400 trucks": a queue named as the subject of the figure.
QUEUE_SUBJECT = [r"(?:queue|line|tailback)\b[^,;.]{0,120}?\b(?:is|was|stood\s+at|reached|numbered)"]
# A length that marks how far a queue reached ("the queue reached the 25 km mark").
QUEUE_MARK = [r"mark", r"peg", r"point", r"stretch"]
# Vehicles or people counted for what officers did to them, not for crossing ("seized 40 cars"); an
# inspection station's "checked 5,000 vehicles" is its traffic, so inspecting is not among them.
HANDLED = [r"seiz\w*", r"confiscat\w*", r"impound\w*", r"search\w*",
           r"scann?\w*", r"x-ray\w*", r"fined", r"towed"]
HANDLED_CUES = ("seiz", "confiscat", "impound", "search", "scan", "x-ray", "fined", "towed")  # one is in each
# Vehicles handled side by side at one time are a count of bays, not traffic ("can inspect 12 cars at once").
AT_ONCE = [r"simultaneously", r"at\s+once", r"at\s+the\s+same\s+time", r"at\s+a\s+time"]
AT_ONCE_CUES = ("simultaneously", "once", "time")  # one is in each
# Facilities a number word may count just before a traffic noun ("the other two checkpoints trucks ...").
FACILITIES = [r"checkpoints", r"posts", r"points", r"bridges", r"terminals", r"ports", r"stations", r"lanes",
              r"gates", r"booths", r"windows", r"counters", r"bays", r"crossing\s+points", r"borders"]
# Money is a traffic figure only as a trade value...
TRADE = [
    r"trade", r"exports?", r"imports?", r"exported", r"imported", r"turnover", r"goods", r"cargo",
    r"commerce", r"shipments?", r"торгов\w*", r"товарооборот\w*", r"экспорт\w*", r"импорт\w*", r"贸易",
    r"进出口", r"出口", r"进口", r"comercio", r"intercambio",
    r"exportaciones", r"importaciones", r"handel\w*",
    r"eksport\w*", r"import\w*",
]
# ...and never a budget, a cost, an investment, an operator's revenue or duties collected.
NOT_TRADE = [
    r"cost\w*", r"budget\w*", r"invest\w*", r"fund\w*", r"grants?", r"loans?", r"projects?", r"revenues?",
    r"collect\w*", r"duties", r"tax\w*", r"fees?", r"spent", r"spend\w*", r"price\w*", r"aid", r"financ\w*",
    r"contracts?", r"tolls?", r"peajes?", r"tariffs?",
    r"worth\s+of\s+(?:work|construction)", r"стоимост\w*", r"инвестиц\w*", r"бюджет\w*",
    r"援助", r"资金", r"投资", r"inversi[oó]n", r"presupuesto", r"koszt\w*", r"inwestycj\w*",
]
# Tonnes "of" these are construction inputs or emissions, not freight ("113,000 tonnes of rails").
MATERIALS = [r"(?:[\w-]+\s+){0,2}?(?:rails?|sleepers|steel|concrete|cement|asphalt|gravel|sand|rebar|"
             r"materials?|inputs?|piles|girders|beams)",
             r"(?:carbon(?:\s+dioxide)?|CO2|greenhouse\s+gas(?:es)?|emissions|pollutants)"]
# People counted as a population, or for what happened to them, not for crossing.
POPULATION = [r"population\s+of", r"inhabitants", r"(?:settlement|village|town|city|community)\s+of",
              r"home\s+to", r"hosts?", r"hosting", r"employs?", r"employ(?:ed|ing)", r"staff\s+of",
              r"workforce\s+of"]
NOT_MOVING = [r"arrested", r"detained", r"killed", r"injured", r"wounded", r"died", r"dead", r"deported",
              r"employed", r"work(?:ed|ing)?\s+(?:on|at|in)", r"live[sd]?\b", r"living", r"drawn\s+pay\w*",
              r"on\s+site", r"were\s+hired", r"jobs?"]
# People counted for what happened to them before the number ("killing the two people inside").
HARMED = [r"killing", r"killed", r"injuring", r"injured", r"wounding", r"wounded", r"arresting", r"detaining",
          r"rescuing", r"rescued", r"evacuating"]
# Visitors of an event or venue are not border crossings ("500 visitors at the trade fair").
VENUES = [r"fairs?", r"exhibitions?", r"expos?", r"pavilions?", r"trade\s+shows?", r"conferences?",
          r"festivals?", r"concerts?", r"stadiums?", r"museums?", r"summits?"]
# Tonnes that rate a load, weigh something or are emitted are not freight carried ("rated for loads of up
# to 100 tonnes").
NOT_FREIGHT = [r"loads?\s+of", r"emissions?\s+of", r"emitt?\w*", r"rated\s+(?:for|at|to)",
               r"weigh(?:s|ed|ing)", r"axle", r"payload", r"lifting",
               r"carrying\s+capacity\s+of", r"load-bearing"]
# A duration someone expects or orders, not a wait that happened ("the drive should take two minutes").
EXPECTED_TAKE = [r"(?:should|would|will|must|is\s+to|are\s+to|is\s+expected\s+to|are\s+expected\s+to)"
                 r"(?:\s+\w+ly)?\s+take"]
# Things a bare number may count in its clause that are not traffic ("and the lanes will number 22").
FIXTURES = [r"lanes?", r"gates", r"booths", r"windows", r"counters", r"berths", r"platforms", r"tracks",
            r"bays", r"полос\w*", r"ворот\w*", r"кабин\w*", r"окон", r"carriles", r"casetas", r"pas[oó]w",
            r"bramek", r"通道", r"车道"]


def _rx(words: list[str]) -> re.Pattern[str]:
    return quick_rx(r"(?<![^\W\d_])(?:" + "|".join(words) + r")(?![^\W\d_])", re.I)


CAPACITY_RX = _rx(CAPACITY)
QUEUE_RX = _rx(QUEUE)
WAIT_RX = _rx(WAIT)
TRADE_RX = _rx(TRADE)
NOT_TRADE_RX = _rx(NOT_TRADE)
POPULATION_RX = quick_rx(r"\b(?:" + "|".join(POPULATION) + r")\b(?:\s+\w+){0,2}\s*$", re.I)
NOT_MOVING_RX = re.compile(r"^(?:\s+\w+){0,4}?\s+(?:had\s+|have\s+|were\s+|was\s+|been\s+)*(?:"
                           + "|".join(NOT_MOVING) + r")", re.I)
HARMED_RX = quick_rx(r"\b(?:" + "|".join(HARMED) + r")(?:\s+\w+){0,2}\s*$", re.I)
VENUE_RX = _rx(VENUES)
NOT_FREIGHT_RX = quick_rx(r"\b(?:" + "|".join(NOT_FREIGHT) + r")\b[^.;,]{0,20}$", re.I)
EXPECTED_TAKE_RX = quick_rx(r"\b(?:" + "|".join(EXPECTED_TAKE) + r")\b", re.I)
FIXTURES_RX = _rx(FIXTURES)
QUEUE_SUBJECT_RX = quick_rx(r"\b(?:" + "|".join(QUEUE_SUBJECT) + r")\s+(?:\w+\s+){0,2}$", re.I)
QUEUE_MARK_RX = re.compile(r"^\s*(?:" + "|".join(QUEUE_MARK) + r")\b", re.I)
HANDLED_RX = quick_rx(r"\b(?:" + "|".join(HANDLED) + r")\s+(?:\w+\s+){0,3}$", re.I)
AT_ONCE_RX = _rx(AT_ONCE)
FACILITIES_RX = re.compile(r"\s*(?:" + "|".join(FACILITIES) + r")\b", re.I)
MATERIAL_RX = re.compile(r"\s*(?:of|in)\s+(?:" + "|".join(MATERIALS) + r")\b", re.I)
