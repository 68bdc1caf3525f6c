"""The curated border-crossings table (geomap/data/crossings.csv): its schema, row checks, and the
names and side places a row adds to the gazetteer."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from geomap.errors import GeomapError
from geomap.gazetteer.names import normalize
from geomap.gazetteer.polish_spelling import polish_spellings
from geomap.model import Place

FIELDS = (
    "id", "name", "alt_names", "mode", "status", "opened", "lat", "lon", "point_source",
    "side_a_name", "side_a_country", "side_a_id", "side_a_lat", "side_a_lon",
    "side_b_name", "side_b_country", "side_b_id", "side_b_lat", "side_b_lon", "source", "notes",
)
MODES = (
    "road", "rail", "road bridge", "rail bridge", "river", "pedestrian", "cableway", "pipeline",
    "customs terminal", "multi",
)
STATUSES = ("open", "closed", "suspended", "unconfirmed", "planned", "under construction", "")
POINT_SOURCES = ("source", "midpoint", "side a", "side b")
SIDES = ("side_a", "side_b")
ALT_SEP = ";"

# How news name a crossing of each mode after its place names ("the X–Y bridge", "X checkpoint"):
# a pattern list a reader can scan; every mode also takes the generic nouns.
GENERIC_NOUNS = ("border crossing", "crossing", "checkpoint", "border checkpoint", "crossing point",
                 "border crossing point", "border post", "port of entry", "land port")
MODE_NOUNS = {
    "road": ("road crossing", "road checkpoint", "highway port", "gate", "border gate"),
    "rail": ("railway crossing", "rail crossing", "railway checkpoint", "border station", "railway",
             "rail link", "line"),
    "road bridge": ("bridge", "road bridge", "border bridge", "international bridge"),
    "rail bridge": ("bridge", "railway bridge", "rail bridge"),
    "river": ("river crossing", "ferry", "ferry crossing", "river port"),
    "pedestrian": ("pedestrian crossing", "footbridge"),
    "cableway": ("cableway", "cable car"),
    "pipeline": ("pipeline",),
    "customs terminal": ("terminal", "customs terminal"),
    "multi": ("road crossing", "railway crossing", "bridge"),
}
# Words that make "X–Y <word>" the name of a crossing rather than a mere pair of towns ("the
# Heihe–Blagoveshchensk highway" names a road; the towns in it stay towns).
_NOUN_PHRASES = (*GENERIC_NOUNS, *(n for nouns in MODE_NOUNS.values() for n in nouns))
CROSSING_WORDS = frozenset(w for phrase in _NOUN_PHRASES for w in phrase.split()) | {
    "gate", "pass", "corridor", "tunnel", "causeway", "link", "span", "post", "port", "terminal", "bridge",
}
_PARENS = re.compile(r"\s*\(.*?\)")
_ID = re.compile(r"[a-z]+:[a-z0-9][a-z0-9-]*")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def crossing_kind(mode: str) -> str:
    """The gazetteer kind of a crossing place: bridge, river crossing, terminal or checkpoint."""
    if "bridge" in mode:
        return "bridge"
    if mode == "river":
        return "river crossing"
    return "terminal" if mode == "customs terminal" else "checkpoint"


def split_alt_names(value: str) -> list[str]:
    """The `;`-separated alternate names of a cell, trimmed."""
    return [n.strip() for n in value.split(ALT_SEP) if n.strip()]


def plain_name(name: str) -> str:
    """A side's name without its bracketed note ("Pokrovka (Khabarovsk Krai)" -> "Pokrovka")."""
    return _PARENS.sub("", name).strip()


def side_names(row: dict[str, str], side: str) -> list[str]:
    """A side's plain name, the other spellings in its brackets ("Verkhny Lars (Upper Lars;
    Верхний Ларс)"), then the Polish spellings of its Cyrillic ones ("Wierchnij Łars")."""
    raw = row[f"{side}_name"]
    names = [plain_name(raw)]
    for inner in re.findall(r"\(([^)]*)\)", raw):
        names += split_alt_names(inner)
    names = [n for n in names if n]
    keys = {normalize(n) for n in names}
    for n in list(names):
        for spelled in polish_spellings(n, row[f"{side}_country"]):
            if normalize(spelled) not in keys:
                keys.add(normalize(spelled))
                names.append(spelled)
    return names


def crossing_names(row: dict[str, str]) -> list[str]:
    """The row's name, its alternate names, and the usual ways news write it: both orders of the
    side names, alone and with the mode's nouns, and each single crossing name with those nouns."""
    nouns = (*MODE_NOUNS.get(row["mode"], ()), *GENERIC_NOUNS)
    alts = split_alt_names(row["alt_names"])
    a, b = plain_name(row["side_a_name"]), plain_name(row["side_b_name"])
    stems = [f"{a}–{b}", f"{b}–{a}"] if a and b else []
    stems += [n for n in alts if n not in stems]
    names = [n for n in (row["name"], *alts) if not is_bare_pair(n)]
    names += [f"{stem} {noun}" for stem in stems for noun in nouns]
    names += [f"{n} {noun}" for side in SIDES for n in side_names(row, side) for noun in nouns]
    seen = {normalize(n) for side in SIDES for n in side_names(row, side)}  # those stay the towns'
    unique = []
    for n in names:
        key = normalize(n)
        if key and key not in seen:
            seen.add(key)
            unique.append(n)
    return unique


def is_bare_pair(name: str) -> bool:
    """Whether a name is only two places joined by a dash ("Northgate–Southbank"; the table writes
    pairs with an en dash, "Bab-e-Salam" is one name), with no word saying it is a crossing: such
    a pair is left to the geoparser as two towns."""
    words = normalize(name).replace("-", " ").split()
    return bool(re.search(r"[–—]", name)) and not CROSSING_WORDS & set(words)


def side_place_id(row: dict[str, str], side: str) -> str:
    """Id of a side: its GeoNames id when the row gives one, else a curated town id."""
    if row[f"{side}_id"]:
        return row[f"{side}_id"]
    return f"place:{_slug(plain_name(row[f'{side}_name']))}-{row[f'{side}_country'].lower()}"


def side_entries(rows: Iterable[dict[str, str]],
                 known: Mapping[tuple[str, str], list[tuple[float, float, int]]] | None = None
                 ) -> list[tuple[Place, list[str]]]:
    """Towns and villages on a crossing's sides that GeoNames lacks, named by their main and
    bracketed names and by any alternate spellings of the row that name them: at the point the table
    gives the side, else at the crossing's own point (a border post is named after the settlement
    at it), unless GeoNames already has a town of one of the side's names in its country near the
    crossing (`known`: casefolded name and country code -> point and population of each town so
    named) and so the side is a town the row did not link. A village of the name farther inland is
    another place: the border village is still added."""
    known = known or {}
    found: dict[str, tuple[Place, list[str]]] = {}
    for row in rows:
        for side in SIDES:
            if row[f"{side}_id"]:
                continue
            names = side_names(row, side)
            pid = side_place_id(row, side)
            if pid in found:
                continue
            country = row[f"{side}_country"]
            if row[f"{side}_lat"]:
                lat, lon, source = float(row[f"{side}_lat"]), float(row[f"{side}_lon"]), row["source"]
            elif _near_namesake(known, names, country, float(row["lat"]), float(row["lon"])):
                continue
            else:
                lat, lon = float(row["lat"]), float(row["lon"])
                source = f"{row['source']} (the crossing's point: the row gives the side none)"
            place = Place(id=pid, name=names[0], kind="town", lat=lat, lon=lon, country=country,
                          source=source)
            found[pid] = (place, names)
    return list(found.values())


# A GeoNames town named as a crossing's side is that side when it lies this near the crossing, or,
# when it is a town of TOWN_POPULATION or more (a crossing named after the district's town), this near.
SAME_PLACE_KM = 50.0
TOWN_KM = 150.0
TOWN_POPULATION = 10_000


def _near_namesake(known: Mapping[tuple[str, str], list[tuple[float, float, int]]], names: list[str],
                   country: str, lat: float, lon: float) -> bool:
    """Whether GeoNames has a town of one of these names in this country near the point."""
    for n in names:
        for la, lo, population in known.get((n.casefold(), country), ()):
            km = _km(lat, lon, la, lo)
            if km <= SAME_PLACE_KM or (km <= TOWN_KM and population >= TOWN_POPULATION):
                return True
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def unlocated_side_names(rows: Iterable[dict[str, str]]) -> set[tuple[str, str]]:
    """(casefolded name, country) of every side the table neither links nor locates."""
    return {(n.casefold(), row[f"{side}_country"]) for row in rows for side in SIDES
            if not row[f"{side}_id"] and not row[f"{side}_lat"] for n in side_names(row, side)}


def side_aliases(rows: Iterable[dict[str, str]]) -> list[tuple[str, str]]:
    """(name, GeoNames id) for every name the table gives a side that GeoNames holds (its own
    spelling, "Luobei" for GeoNames' Mingshan, and the bracketed ones)."""
    return [(n, row[f"{side}_id"]) for row in rows for side in SIDES if row[f"{side}_id"]
            for n in side_names(row, side)]


def validate_rows(rows: list[dict[str, str]], where: str) -> list[dict[str, str]]:
    """The rows, unchanged, once each passes the checks; else a one-line GeomapError naming the
    file, line and field."""
    if rows and set(FIELDS) - set(rows[0]):
        missing = ", ".join(f for f in FIELDS if f not in rows[0])
        raise GeomapError(f"{where}: line 1: missing columns {missing}")
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        problem = _row_problem(row, seen)
        if problem:
            field_name, message = problem
            raise GeomapError(f"{where}: line {line}: {field_name}: {message}")
        seen.add(row["id"])
    return rows


def _row_problem(row: dict[str, str], seen: set[str]) -> tuple[str, str] | None:
    """The first field of a row that is wrong, and why (None when the row is fine)."""
    from geomap.gazetteer.sources import country_records

    codes = country_records()
    if not _ID.fullmatch(row["id"]):
        return "id", f"{row['id']!r} is not a place id like landmark:x-y-bridge"
    if row["id"] in seen:
        return "id", f"{row['id']!r} appears twice"
    for field_name in ("name", "source", "side_a_name", "side_b_name"):
        if not row[field_name].strip():
            return field_name, "is empty"
    if row["mode"] not in MODES:
        return "mode", f"{row['mode']!r} is not one of {', '.join(MODES)}"
    if row["status"] not in STATUSES:
        return "status", f"{row['status']!r} is not one of {', '.join(s for s in STATUSES if s)} or empty"
    if row["opened"] and not _DATE.fullmatch(row["opened"]):
        return "opened", f"{row['opened']!r} is not a date like 2019, 2019-06 or 2019-06-10"
    if row["point_source"] not in POINT_SOURCES:
        return "point_source", f"{row['point_source']!r} is not one of {', '.join(POINT_SOURCES)}"
    for side in SIDES:
        cc = row[f"{side}_country"]
        if cc not in codes:
            return f"{side}_country", f"{cc!r} is not an ISO 3166-1 alpha-2 country code"
        sid = row[f"{side}_id"]
        if sid and not re.fullmatch(r"geonames:\d+", sid):
            return f"{side}_id", f"{sid!r} is not a GeoNames id like geonames:2036973"
    if row["side_a_country"] == row["side_b_country"]:
        return "side_b_country", "both sides are in the same country"
    for prefix in ("", "side_a_", "side_b_"):
        lat, lon = row[f"{prefix}lat"], row[f"{prefix}lon"]
        required = not prefix
        if not lat and not lon and not required:
            continue
        problem = _point_problem(prefix, lat, lon)
        if problem:
            return problem
    return None


def _point_problem(prefix: str, lat: str, lon: str) -> tuple[str, str] | None:
    """Why a latitude/longitude pair is not a point on Earth (None when it is)."""
    for field_name, value, limit in ((f"{prefix}lat", lat, 90), (f"{prefix}lon", lon, 180)):
        try:
            number = float(value)
        except ValueError:
            return field_name, f"{value!r} is not a number"
        if not -limit <= number <= limit:
            return field_name, f"{value} is out of range (-{limit}..{limit})"
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")
