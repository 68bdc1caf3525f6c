"""Unit families for proportional circles: figures in units of one family share one radius scale.

A circle's size compares it only with circles of its own scale. Scaling each unit (or metric) to its
own maximum draws 40 trucks and 760,000 passengers as equal circles; one scale per family (vehicles,
people, freight, containers, money per currency, ...) keeps like with like and converts the units
within a family (minutes, hours and days of a wait; tonnes and kilotonnes) to its base unit.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from geomap.render.formats import cell_text


class Family(NamedTuple):
    """The scale a unit belongs to: its name, the unit its values are converted to, and the factor."""

    name: str
    base: str
    factor: float


# counted unit (as the traffic tables write it) -> (family, base unit, factor to the base unit)
FAMILIES: dict[str, tuple[str, str, float]] = {
    "vehicles": ("vehicles", "vehicles", 1), "cars": ("vehicles", "vehicles", 1),
    "trucks": ("vehicles", "vehicles", 1), "buses": ("vehicles", "vehicles", 1),
    "passengers": ("people", "people", 1), "people": ("people", "people", 1),
    "crossings": ("people", "people", 1), "visitors": ("people", "people", 1),
    "tonnes": ("freight", "tonnes", 1), "t": ("freight", "tonnes", 1), "tons": ("freight", "tonnes", 1),
    "kt": ("freight", "tonnes", 1e3), "mt": ("freight", "tonnes", 1e6),
    "teu": ("containers", "TEU", 1), "containers": ("containers", "TEU", 1),
    "trains": ("trains", "trains", 1), "train pairs": ("trains", "trains", 2),
    "wagons": ("wagons", "wagons", 1),
    "minutes": ("waiting time", "hours", 1 / 60), "hours": ("waiting time", "hours", 1),
    "days": ("waiting time", "hours", 24), "weeks": ("waiting time", "hours", 168),
    "km": ("queue length", "km", 1), "miles": ("queue length", "km", 1.609344),
}  # fmt: skip
_CURRENCY = re.compile(r"[A-Z]{3}")  # ISO 4217 codes, as the traffic tables write money


def unit_family(unit: Any) -> Family:
    """The family of a unit cell such as 'trucks', 'hours', 'USD' or 'vehicles/day' (a rate keeps
    its own scale: per day and per year do not compare); an unknown unit is a family of its own."""
    text = cell_text(unit).strip()
    counted, slash, rate = text.partition("/")
    counted = counted.strip()
    suffix = f" per {rate.strip()}" if slash and rate.strip() else ""
    known = FAMILIES.get(counted.casefold())
    if known is not None:
        name, base, factor = known
        return Family(name + suffix, base + (f"/{rate.strip()}" if suffix else ""), factor)
    if _CURRENCY.fullmatch(counted):
        return Family(f"money, {counted}{suffix}", text, 1)
    return Family(text or "no unit", text, 1)
