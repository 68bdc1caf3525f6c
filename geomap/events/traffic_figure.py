"""A traffic figure as read from a sentence or a table row, before reports of it are merged."""

from __future__ import annotations

from dataclasses import dataclass, field

from geomap.model import Place, Provenance


@dataclass
class Figure:
    """One traffic figure as read, before reports of the same figure are merged."""

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
    value_min: float | None = None
    sources: list[Provenance] = field(default_factory=list)

    def key(self) -> tuple:
        """What makes two reports the same figure."""
        return self.metric, round(self.value, 6), self.unit, self.period, tuple([p.id for p in self.subject])


def label(subject: list[Place], phrase: str) -> str:
    names = "–".join(p.name for p in subject)
    return f"{names} {phrase}".strip()
