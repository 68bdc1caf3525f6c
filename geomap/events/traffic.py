"""Traffic figures: trade value, passengers, vehicles, freight, with period, unit, change, subject."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from geomap.events.context import DocContext, Sentence
from geomap.events.dates import DateSpan, parse_doc_date
from geomap.events.quantities import MarkdownTable, Quantity, find_markdown_tables, find_quantities
from geomap.model import Place, Provenance, Traffic

METRICS: list[tuple[str, re.Pattern[str]]] = [
    ("trade value", re.compile(r"\b(?:(?:total\s+)?(?:value\s+of\s+)?(?:imports?\s+and\s+"
                               r"exports?|exports?\s+and\s+imports?|import\s+and\s+export)(?:\s+of\s+goods)?|"
                               r"(?:bilateral\s+|foreign\s+|cross-border\s+|border\s+)?trade(?:\s+(?:volume|"
                               r"value|turnover))?|turnover|imports?|exports?)\b", re.I)),
    ("passengers", re.compile(r"\b(?:passenger\s+(?:volume|flow|traffic|numbers?|trips|crossings)|"
                              r"passengers?|travell?ers|border\s+crossings\s+by\s+people|visitors|"
                              r"tourists|trips|(?:people|persons)\s+(?:crossed|cross|crossing|"
                              r"travell?ed|passed|entered|left))\b", re.I)),
    ("vehicles", re.compile(r"\b(?:vehicles?|cars?|trucks?|lorr(?:y|ies)|buses)\b", re.I)),
    ("freight", re.compile(r"\b(?:freight|cargo|goods|tonnes|tons|containers|TEUs?)\b", re.I)),
]
COUNT_NOUNS = {
    "passengers": r"passengers?|people|persons|travell?ers|trips|visitors|tourists|crossings",
    "vehicles": r"vehicles?|cars?|trucks?|lorr(?:y|ies)|buses",
    "freight": r"tonnes|tons|t|containers|teus?",
}
CONVERSION = re.compile(r"\(\s*(?:about|approximately|around|roughly|some|or|equivalent to|~)?\s*$", re.I)
COMPARISON = re.compile(r"\b(?:over|compared\s+(?:with|to)|than|from|versus|vs\.?|against)\s+$", re.I)
PER_TIME = [(re.compile(r"\b(?:for|in|within|per|an|one|each)\s+(?:an?\s+|one\s+)?hour\b", re.I), "per hour"),
            (re.compile(r"\b(?:per|a|each)\s+day\b|\bdaily\b", re.I), "per day")]
BETWEEN = re.compile(r"\bbetween\s+$", re.I)


@dataclass
class _Figure:
    metric: str
    value: float
    unit: str
    period: str
    period_text: str
    change_pct: float | None
    change_factor: float | None
    subject: list[Place]
    label: str
    confidence: float
    sources: list[Provenance] = field(default_factory=list)

    def key(self) -> tuple:
        """What makes two reports the same figure."""
        return (self.metric, round(self.value, 6), self.unit, self.period, tuple(p.id for p in self.subject))


def _period(ctx: DocContext, s: Sentence) -> tuple[str, str, bool]:
    """The period a figure is for: a date in the sentence (not a comparison base), else the doc month."""
    text = ctx.doc.text
    spans: list[DateSpan] = []
    for d in ctx.dates_in(s):
        if d.kind == "now" or re.search(r"previous|before|earlier", d.text, re.I):
            continue
        if COMPARISON.search(text[max(s.start, d.start - 20):d.start]):
            continue
        spans.append(d)
    if spans:
        return spans[0].period, spans[0].text, True
    doc_date = parse_doc_date(ctx.doc.date)
    return (f"{doc_date.year:04d}-{doc_date.month:02d}" if doc_date else ""), "", False


def _value(metric: str, qs: list[Quantity], text: str) -> Quantity | None:
    """The figure's value: the first money amount (not a conversion) or the matching count."""
    if metric == "trade value":
        for i, q in enumerate(qs):
            if q.kind != "money":
                continue
            prev_end = qs[i - 1].end if i and qs[i - 1].kind == "money" else None
            if prev_end is not None and CONVERSION.search(text[prev_end:q.start]):
                continue
            return q
        return None
    nouns = re.compile(rf"(?:{COUNT_NOUNS[metric]})$", re.I)
    counts = [q for q in qs if q.kind == "count"]
    for q in counts:
        if q.unit and nouns.match(q.unit):
            return q
    bare = [q for q in counts if not q.unit or q.unit in ("to", "")]
    after_to = [q for q in bare if re.search(r"\bto\s+$", text[max(0, q.start - 5):q.start])]
    return (after_to or bare or [None])[0]


def _change(qs: list[Quantity]) -> tuple[float | None, float | None]:
    pct = next((q.value for q in qs if q.kind == "percent" and q.direction), None)
    if pct is None:
        pct = next((q.value for q in qs if q.kind == "percent"), None)
    factor = next((q.value for q in qs if q.kind == "factor"), None)
    return pct, factor


def _dedupe(places: list[Place]) -> list[Place]:
    out: list[Place] = []
    for p in places:
        if p.id not in {x.id for x in out}:
            out.append(p)
    return out


def _subject(ctx: DocContext, s: Sentence, qs: list[Quantity], crossings: list[Place],
             metric: str) -> list[Place]:
    """What the figure is about: a crossing, "between X and Y", "X's ...", or the places named."""
    text = ctx.doc.text
    inside = [(q.start + s.start, q.end + s.start) for q in qs]
    mentions = [m for m in ctx.mentions_in(s) if not any(a <= m.start < b for a, b in inside)
                and m.place.kind not in ("continent", "river")]
    if crossings and metric in ("vehicles", "passengers", "freight"):
        return crossings[:1]
    for i, m in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        if BETWEEN.search(text[max(s.start, m.start - 10):m.start]) and \
                re.fullmatch(r"\s+and\s+", text[m.end:nxt.start]):
            return [m.place, nxt.place]
    owners = [m for m in mentions if re.match(r"['’]s\b", text[m.end:m.end + 2])]
    if owners:
        return [owners[0].place]
    cities = _dedupe([m.place for m in mentions if m.place.kind not in ("country", "admin1")])
    if cities:
        return cities[:2]
    countries = _dedupe([m.place for m in mentions])
    if countries:
        return countries[:2]
    if crossings:
        return crossings[:1]
    return _main_countries(ctx)


def _main_countries(ctx: DocContext) -> list[Place]:
    """The document's two most named countries (or its single most named place)."""
    counts = Counter(m.place.id for m in ctx.mentions if m.place.kind == "country")
    by_id = {m.place.id: m.place for m in ctx.mentions}
    top = [by_id[pid] for pid, _ in counts.most_common(2)]
    if top:
        return top
    anyplace = Counter(m.place.id for m in ctx.mentions).most_common(1)
    return [by_id[anyplace[0][0]]] if anyplace else []


def _label(subject: list[Place], phrase: str) -> str:
    names = "–".join(p.name for p in subject)
    phrase = re.sub(r"\s+", " ", phrase.strip().lower())
    phrase = re.sub(r"\s+between\s*$", "", phrase)
    return f"{names} {phrase}".strip()


HAS_FIGURE = re.compile(r"\d|\b(?:single|no|zero|dozens?|hundreds|thousands)\b", re.I)


def _sentence_figures(ctx: DocContext, s: Sentence, crossings: list[Place]) -> list[_Figure]:
    if not HAS_FIGURE.search(s.text):
        return []
    dates = [(d.start - s.start, d.end - s.start) for d in ctx.dates_in(s)]
    qs = [q for q in find_quantities(s.text) if not any(a <= q.start < b for a, b in dates)]
    if not any(q.kind in ("money", "count") for q in qs):
        return []
    out = []
    for metric, rx in METRICS:
        m = rx.search(s.text)
        if not m:
            continue
        q = _value(metric, qs, s.text)
        if q is None:
            continue
        if metric == "freight" and q.kind == "money":
            continue
        unit = q.unit if metric == "trade value" else metric
        if metric == "freight":
            unit = q.unit or "tonnes"
        for rx_time, suffix in PER_TIME:
            if metric != "trade value" and rx_time.search(s.text):
                unit = f"{unit} {suffix}"
                break
        period, period_text, dated = _period(ctx, s)
        pct, factor = _change([x for x in qs if x is not q])
        subject = _subject(ctx, s, qs, crossings, metric)
        phrase = m.group(0) if metric != "vehicles" or not crossings else "vehicles"
        confidence = 0.8 if dated else 0.65
        prov = ctx.provenance(s, s.start + min(m.start(), q.start), s.start + max(m.end(), q.end))
        out.append(_Figure(metric, q.value, unit, period, period_text, pct, factor, subject,
                           _label(subject, phrase), confidence, [prov]))
        break  # one figure per sentence: the first metric named that has a value
    return out


def _metric_of(name: str) -> str | None:
    for metric, rx in METRICS:
        if rx.search(name):
            return metric
    if re.search(r"\bvolume\b|\bvalue\b", name, re.I):
        return "trade value"
    return None


def _intro_sentence(ctx: DocContext, table: MarkdownTable) -> Sentence | None:
    before = [s for s in ctx.sentences if s.end <= table.start and not s.text.lstrip().startswith("|")]
    return before[-1] if before else None


def _table_figures(ctx: DocContext, table: MarkdownTable) -> list[_Figure]:
    """Rows of a Markdown table with a period column, a money or count column, and a percent column."""
    period_col = next((i for i, c in enumerate(table.columns) if c.is_period), None)
    if period_col is None:
        return []
    pct_col = next((i for i, c in enumerate(table.columns) if c.unit == "percent"), None)
    intro = _intro_sentence(ctx, table)
    subject: list[Place] = []
    if intro is not None:
        subject = _subject(ctx, intro, [], [], "trade value")
    subject = subject or _main_countries(ctx)
    text = ctx.doc.text
    header = text[table.start:text.find("\n", table.start)]
    out = []
    for ci, col in enumerate(table.columns):
        metric = _metric_of(col.name) if ci not in (period_col, pct_col) else None
        if metric is None or (metric == "trade value" and col.unit in ("", "percent")):
            continue
        for ri, row in enumerate(table.rows):
            value = table.value(ri, ci)
            period_text = row[period_col].strip()
            if value is None or not period_text:
                continue
            pct = table.value(ri, pct_col) if pct_col is not None else None
            rs, re_ = table.row_spans[ri]
            prov = Provenance(ctx.doc.id, ctx.doc.title, ctx.doc.date, ctx.doc.source,
                              f"{header.strip()} {text[rs:re_].strip()}", rs, re_)
            out.append(_Figure(metric, value, col.unit or metric, _table_period(period_text), period_text,
                               pct, None, subject, _label(subject, col.name), 0.8, [prov]))
    return out


def _table_period(cell: str) -> str:
    m = re.search(r"\b(?:19|20)\d{2}(?:-\d{2})?\b", cell)
    return m.group(0) if m else cell


def extract_traffic(contexts: list[DocContext],
                    crossings_by_sentence: dict[tuple[str, int], list[Place]] | None = None) -> list[Traffic]:
    """Figures from sentences and Markdown tables, merged when the same figure is reported twice."""
    crossings_by_sentence = crossings_by_sentence or {}
    figures: list[_Figure] = []
    for ctx in contexts:
        tables = find_markdown_tables(ctx.doc.text)
        for s in ctx.sentences:
            if any(t.start <= s.start < t.end for t in tables):
                continue
            figures += _sentence_figures(ctx, s, crossings_by_sentence.get((ctx.doc.id, s.index), []))
        for t in tables:
            figures += _table_figures(ctx, t)
    merged: dict[tuple, _Figure] = {}
    for f in figures:
        k = f.key()
        if k in merged:
            into = merged[k]
            into.sources += [p for p in f.sources if p not in into.sources]
            into.confidence = 1 - (1 - into.confidence) * (1 - f.confidence)
            into.change_pct = into.change_pct if into.change_pct is not None else f.change_pct
            into.change_factor = into.change_factor if into.change_factor is not None else f.change_factor
        else:
            merged[k] = f
    out = [Traffic(metric=f.metric, value=f.value, unit=f.unit, period=f.period, period_text=f.period_text,
                   change_pct=f.change_pct, change_factor=f.change_factor, subject=f.subject, label=f.label,
                   confidence=round(min(f.confidence, 0.99), 3), sources=f.sources)
           for f in merged.values()]
    out.sort(key=lambda t: (t.metric, t.period, ";".join(p.id for p in t.subject), t.value))
    return out
