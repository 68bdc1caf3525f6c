"""Plain records passed between the pipeline's stages (see DESIGN.md, core data model)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article: its text exactly as read, plus metadata found in it or its path."""

    id: str  # stable: file name stem plus a short hash of the text
    path: str  # as given by the user (or the packaged example's path)
    title: str
    date: str | None  # publication date, ISO YYYY-MM-DD, None when the text gives none
    source: str  # file name shown to users ("004_8866.txt")
    text: str


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    id: str  # "geonames:2036973", "country:CN", "landmark:heihe-blagoveshchensk-bridge"
    name: str
    kind: str  # city, country, admin1, river, bridge, checkpoint, terminal, building, ...
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2; "" when not one country (a border river, a bridge: "CN/RU")
    population: int = 0
    admin1: str = ""
    source: str = ""  # where the coordinates come from


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a surface form could mean, with the score it got."""

    place_id: str
    score: float


@dataclass(frozen=True)
class Mention:
    """One occurrence of a place in a document, resolved to one gazetteer entry."""

    doc_id: str
    start: int  # character offsets into Document.text
    end: int
    text: str  # the surface form, == Document.text[start:end]
    sentence: str  # the sentence it occurs in (stripped)
    sentence_start: int  # offset of that sentence in Document.text
    place: Place
    confidence: float  # 0..1
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Provenance:
    """Where an event was read: the document, the sentence, and the quoted span within it."""

    doc_id: str
    doc_title: str
    doc_date: str | None
    source: str
    sentence: str
    quote_start: int  # offsets of the evidence in Document.text
    quote_end: int


@dataclass
class Visit:
    """Someone went somewhere: who, where, when (resolved against the document date), why."""

    who: str
    place: Place
    start: str | None  # ISO date; None when the text gives no date
    end: str | None
    date_text: str  # the words the date was read from ("on Thursday", "at the beginning of last year")
    occasion: str  # "; "-joined occasions, "" when none is stated
    confidence: float
    sources: list[Provenance] = field(default_factory=list)
    planned: bool = False  # announced for the future at publication ("will visit"), not yet made
    companions: list[str] = field(default_factory=list)  # people who only accompany the visitor ("with")
    who_native: str = ""  # the name as the article wrote it, when `who` is its Latin spelling
    date_source: str = ""  # where dates narrowed by a known occasion came from (geomap.events.occasion_dates)


@dataclass(frozen=True)
class StatusEvent:
    """Something that happened, or is to happen, to a crossing, with its date as reported."""

    what: str  # opened, closed, reopened, suspended, resumed, under construction, completed, planned,
    # idle, congested
    date: str | None  # ISO date, month or year; None when the text gives none
    end: str | None  # last day of a period ("closed from March to May"), else None
    planned: bool  # announced for the future ("will reopen in March")
    text: str  # the words read
    quote_start: int  # offsets of those words in Document.text
    quote_end: int
    date_text: str = ""  # the words the date was read from ("in March", "a month later"); "" when undated


@dataclass
class Crossing:
    """A border crossing mentioned in the text, with its two sides and dated status events."""

    place: Place  # the crossing itself (a bridge, a checkpoint, a terminal), or its named side
    side_a: Place | None
    side_b: Place | None
    mode: str  # road, rail, road bridge, rail bridge, river, ferry, pedestrian, cableway, pipeline,
    # checkpoint, customs terminal
    status: str  # readable dated status ("closed 2023-11-18; reopened 2023-12-14"), "" when none
    confidence: float
    sources: list[Provenance] = field(default_factory=list)
    status_events: list[StatusEvent] = field(default_factory=list)


@dataclass
class Traffic:
    """A reported figure about a crossing, a place or a pair of places."""

    metric: str  # trade value, passengers, crossings, vehicles, trucks, buses, trains, freight, containers,
    #              wait time, queue, capacity, other
    value: float  # the figure, or the upper bound of a range
    unit: str  # ISO 4217 code (CNY, USD) or the plural counted thing with a rate ("trucks/day", "hours")
    period: str  # as normalised: "2024", "2023-10", "2020"
    period_text: str  # as written
    change_pct: float | None
    change_factor: float | None
    subject: list[Place]  # one place/crossing, or the two places of a pair
    label: str  # short human label ("Heihe goods imports and exports")
    confidence: float
    sources: list[Provenance] = field(default_factory=list)
    value_min: float | None = None  # the lower bound of a range ("between 300 and 400": 300)
