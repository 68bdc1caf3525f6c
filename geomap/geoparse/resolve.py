"""Resolution: each place name of a document to one gazetteer entry, with a probability.

A name's candidates are scored by a log-linear model (a softmax over the candidates of one name):
- before context, by kind (country, first- or second-level area, continent, city, curated place),
  population, and whether the name is the place's main name;
- then, jointly with the document's other names: the share of the document's other names that
  lie in the candidate's country and in its first-level area (the document's focus, as soft votes
  weighted by how sure each of those names is), nearness to the other names' likely places, and
  "City, State" / "City, Country" patterns that bind a name to an area, and nearness to the
  border the candidate's country shares with another country the document's places lie in (a
  border article names the pair: the village on that border, not its namesake inland).
The document is resolved in rounds: priors first, then each round's probabilities are the next
round's votes. One sense per document: every occurrence of a name shares one resolution.
The weights (geomap/data/geoparse_ranker.json) were fitted on one gold corpus; the probability of
the chosen place is recalibrated into Mention.confidence (see that file for how).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import numpy as np

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.index import DEMONYM
from geomap.gazetteer.names import normalize
from geomap.gazetteer.sources import data_path
from geomap.model import Place

__all__ = ["FEATURES", "WEIGHT_FLOORS", "Block", "block", "blocks", "bindings", "disambiguate",
           "rank_candidates", "model", "probabilities", "confidence", "with_floors"]

KIND_FEATURES = ("country", "admin1", "admin2", "continent", "other", "area", "physical")
# Curated areas named by custom ("Middle East") and physical features, apart from landmarks ("other").
KIND_GROUP = {"region": "area", "sea": "area", "lake": "physical", "river": "physical",
              "mountain": "physical", "island": "physical"}
FEATURES = (*KIND_FEATURES, "large_area", "city_population", "big_city", "area_population", "area_size",
            "main_name", "demonym", "population_gap", "largest_city",
            "country_share", "admin1_share", "near_50km", "near_300km", "bound",
            "country_named", "admin1_named", "near_named_border")
F = {name: i for i, name in enumerate(FEATURES)}
N_PRIOR = F["country_share"]  # the features before it need no context
C_COUNTRY, C_ADMIN1, C_NEAR50, C_NEAR300, C_BOUND, C_COUNTRY_NAMED, C_ADMIN1_NAMED, C_BORDER = (
    F[name] - N_PRIOR for name in FEATURES[N_PRIOR:])
AREA_KINDS = ("country", "continent", "admin1")  # their point says little about what lies near
EARTH_KM = 6371.0
ROUNDS = 2
BORDER_KM = 25.0  # a border village lies within a few tens of km of the line
# Nearer than this a place is on the line: Natural Earth's 1:10m border strays a few km, so a town
# on either side of a crossing is as near as the other. A crossing itself is always on it.
ON_LINE_KM = 10.0
BORDER_VOTE = 0.1  # how likely another name must lie in a country for its border to count
MODEL_FILE = "geoparse_ranker.json"
# Least weights of features the training corpus cannot weigh: its local US news name few villages
# on a border with a country the article names, so its fit leaves "near_named_border" near zero.
# Set by design: a border village the article's country pair points to outweighs a namesake of a
# few hundred more people inland (LGL and TR-News figures do not move; see benchmarks/geoparse.py).
WEIGHT_FLOORS = {"near_named_border": 2.0}


@dataclass
class Block:
    """The candidates of one name, with what they say before context."""

    places: Sequence[Place]  # decoded when read
    static: np.ndarray  # (n, N_PRIOR)
    xyz: np.ndarray  # (n, 3) unit vectors
    countries: list[tuple[str, ...]]
    admin1: list[str]
    country_ids: list[tuple[int, ...]]  # interned country codes of each candidate
    codes: np.ndarray  # (n, 3) int: the CODE_* columns, -1 when none
    flags: np.ndarray  # (n, 4) bool: the FLAG_* columns
    border_near: np.ndarray  # (n,) exp(-km / BORDER_KM) to the nearest land border, km less ON_LINE_KM
    # (n, 2) int: per candidate, which of the block's distinct country (column 0) and admin1
    # (column 1) codes it has, numbered in order of appearance; -1 when none
    pairs: np.ndarray
    n_pairs: tuple[int, int]  # how many distinct codes of each level
    voters: np.ndarray  # (m, 2) int: (candidate, country code) for each country of each candidate


# Block.codes columns: interned first country code, admin1 code, and the code of the country across
# the nearest land border of a point place (-1 for a country's or an area's centre)
CODE_COUNTRY, CODE_ADMIN1, CODE_ACROSS = range(3)
# Block.flags columns: a country; a first-level area with a code; a point place (a city, a county),
# not a country's, continent's or first-level area's centre; not a country or continent
FLAG_COUNTRY, FLAG_ADMIN1, FLAG_ANCHORABLE, FLAG_POINT = range(4)


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted weights and calibration (see the file's "how" for how they were obtained)."""
    with open(data_path(MODEL_FILE), encoding="utf-8") as fh:
        m = json.load(fh)
    m["prior_w"] = np.array(m["prior_weights"], dtype=float)
    m["context_w"] = with_floors(np.array(m["context_weights"], dtype=float))
    return m


def with_floors(context_w: np.ndarray) -> np.ndarray:
    """The context weights, each at least its WEIGHT_FLOORS value."""
    out = context_w.copy()
    for name, least in WEIGHT_FLOORS.items():
        out[F[name]] = max(out[F[name]], least)
    return out


def _kind(place_kind: str) -> str:
    """The kind feature of a place kind: its own column, a group's ("area", "physical"), or "other"."""
    if place_kind in KIND_FEATURES or place_kind == "city":
        return place_kind
    return KIND_GROUP.get(place_kind, "other")


# The kind columns of a static row, per kind (a city has none of them)
_KIND_COLUMNS = {kind: tuple(1.0 if kind == k else 0.0 for k in KIND_FEATURES)
                 for kind in (*KIND_FEATURES, "city")}


def _static_row(place_kind: str, population: int, flag: int, top_pop: float) -> list[float]:
    """Features before context. flag: 1 main name, 0 another name, 2 its people's name (demonym);
    top_pop: log10 population of the name's most populous town."""
    kind = _kind(place_kind)
    pop = math.log10(population + 1)
    point = kind == "city" or kind == "other"
    city = kind == "city"
    large = kind == "country" or kind == "continent"
    return [
        *_KIND_COLUMNS[kind],
        1.0 if large else 0.0,
        pop / 7 if point else 0.0,
        max(0.0, pop - 5.5) / 1.5 if point else 0.0,  # a city of millions: often meant abroad too
        pop / 9 if large else 0.0,
        pop / 3 if kind == "admin1" or kind == "admin2" else 0.0,  # an area's "population": its towns
        1.0 if flag == 1 else 0.0,
        1.0 if flag == DEMONYM and kind == "country" else 0.0,  # "Georgian": the country's people
        # how many times smaller than the name's largest town (Moscow, Idaho beside Moscow)
        max(-1.0, (pop - top_pop) / 3) if city else 0.0,
        1.0 if city and pop >= top_pop and pop >= 5 else 0.0,  # the largest town of its name, 100,000+
    ]


class _Places(Sequence[Place]):
    """A block's places, each decoded from the gazetteer when first read: of a name's many
    candidates, only the likeliest few are ever shown."""

    def __init__(self, gaz: Gazetteer, rows: list[int], ids: list[str] | None = None) -> None:
        self._gaz = gaz
        self._rows = rows
        # read alone: far cheaper than whole places
        self._ids = ids if ids is not None else list(map(gaz.place_id, rows))

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._gaz.place(r) for r in self._rows[i]]
        return self._gaz.place(self._rows[i])

    def ids(self, indices: list[int]) -> list[str]:
        """The ids of the places at these indices, without decoding the places."""
        return list(map(self._ids.__getitem__, indices))


def place_ids(places: Sequence[Place], indices: list[int]) -> list[str]:
    """The ids of a block's places at these indices (decoding no more than needed)."""
    if isinstance(places, _Places):
        return places.ids(indices)
    return [places[i].id for i in indices]


def block(gaz: Gazetteer, key: str, rows: list[tuple[int, bool]] | None = None) -> Block:
    """Candidates of a normalised name (cached per name)."""
    return blocks(gaz, [key])[0] if rows is None else _build(gaz, [rows])[0]


_BLOCKS: dict[tuple[Gazetteer, str], Block] = {}  # per (gazetteer, name): a bounded vocabulary
BLOCK_CACHE = 65536  # names whose blocks are kept (emptied when full)


def blocks(gaz: Gazetteer, keys: list[str]) -> list[Block]:
    """The blocks of these names (cached per name); those not built yet are built together, so that
    the numeric work is one pass over all their candidates."""
    missing = [k for k in dict.fromkeys(keys) if (gaz, k) not in _BLOCKS]
    if missing:
        if len(_BLOCKS) + len(missing) > BLOCK_CACHE:
            _BLOCKS.clear()
        built = _build(gaz, [gaz.name_rows(k) for k in missing])
        _BLOCKS.update(zip([(gaz, k) for k in missing], built, strict=True))
    return [_BLOCKS[gaz, k] for k in keys]


def _build(gaz: Gazetteer, names: list[list[tuple[int, int]]]) -> list[Block]:
    """The blocks of names given by their rows (Gazetteer.name_rows)."""
    kept = []
    for rows in names:
        if any(flag == DEMONYM for _, flag in rows):  # "Canadian": Canada, not the towns named so
            rows = [(r, flag) for r, flag in rows if flag == DEMONYM]
        kept.append(rows)
    # every name's rows read at once: a few vectorised takes rather than a few reads per row
    every = np.array([r for rows in kept for r, _ in rows], dtype=np.intp)
    all_facts, all_borders, all_ids = gaz.facts_of(every), gaz.borders_of(every), gaz.place_ids(every)
    groups = []
    start = 0
    for rows in kept:
        end = start + len(rows)
        facts, near, ids = all_facts[start:end], all_borders[start:end], all_ids[start:end]
        start = end
        if any(f[0] == "country" for f in facts):
            keep = _country_over_alternates(rows, facts)
            rows, facts, near, ids = ([x[i] for i in keep] for x in (rows, facts, near, ids))
        groups.append((_Places(gaz, [r for r, _ in rows], ids), facts, [int(m) for _, m in rows], near))
    return _from_facts(groups)


def _country_over_alternates(rows: list[tuple[int, int]], facts: list[Facts]) -> list[int]:
    """A country's name names no town by one of the town's other names ("Moldova", an old name of
    a Ukrainian village): the indices of the places kept, without such towns; towns whose own name
    it is stay ("Lebanon")."""
    return [i for i, ((_, flag), f) in enumerate(zip(rows, facts, strict=True))
            if not (f[0] == "city" and flag == 0)]


def _from_places(places: list[Place], flags: list[int], key: str,
                 near_border: list[tuple[str, float]]) -> Block:
    """A block of these places; near_border: per place the country across its nearest land border
    and how far it is (Gazetteer.border)."""
    facts = [(p.kind, p.population, p.lat, p.lon, p.country, p.admin1) for p in places]
    return _from_facts([(places, facts, flags, near_border)])[0]


Facts = tuple[str, int, float, float, str, str]  # Gazetteer.facts: kind, population, lat, lon, ...


def _from_facts(groups: list[tuple[Sequence[Place], list[Facts], list[int], list[tuple[str, float]]]]
                ) -> list[Block]:
    """Blocks of places given by their facts, flags and nearest borders, one block per group; the
    numeric columns of all groups are computed in one pass (elementwise: each place's values are
    those it gets alone) and each block holds its slice."""
    static_rows: list[list[float]] = []
    lats: list[float] = []
    lons: list[float] = []
    kms: list[float] = []
    codes: list[tuple[int, int, int]] = []
    marks: list[tuple[bool, bool, bool, bool]] = []
    pairs: list[tuple[int, int]] = []
    voters: list[tuple[int, int]] = []
    parts_of = []  # per group: countries, admin1, country ids, numbers of distinct codes, voters
    for _places, facts, flags, near_border in groups:
        top_pop = max((math.log10(f[1] + 1) for f in facts if f[0] == "city"), default=0.0)
        static_rows += [_static_row(f[0], f[1], flag, top_pop) for f, flag in zip(facts, flags, strict=True)]
        lats += [f[2] for f in facts]
        lons += [f[3] for f in facts]
        first_km = len(kms)
        kms += [km for _, km in near_border]
        countries, admin1, country_ids = [], [], []
        first = len(codes)
        for (kind, _, _, _, p_country, p_admin1), (across, _) in zip(facts, near_border, strict=True):
            key = (kind, p_country, p_admin1, across)
            parts, area, code, mark, ids = _CODES.get(key) or _codes(key)
            if len(parts) > 1:  # a crossing: on the border itself
                kms[first_km + len(countries)] = 0.0
            countries.append(parts)
            admin1.append(area)
            codes.append(code)
            marks.append(mark)
            country_ids.append(ids)
        first_countries: dict[int, int] = {}  # the block's distinct codes, numbered in order of appearance
        areas: dict[int, int] = {}
        pairs += [(_number(first_countries, c), _number(areas, a)) for c, a, _ in codes[first:]]
        first_voter = len(voters)
        voters += [(i, c) for i, cs in enumerate(country_ids) for c in cs]
        parts_of.append((countries, admin1, country_ids, (len(first_countries), len(areas)),
                         first_voter, len(voters)))
    n = len(lats)
    static = np.array(static_rows, dtype=float).reshape(n, N_PRIOR)
    lat = np.radians(lats)
    lon = np.radians(lons)
    xyz = np.empty((n, 3))
    cos_lat = np.cos(lat)
    np.multiply(cos_lat, np.cos(lon), out=xyz[:, 0])
    np.multiply(cos_lat, np.sin(lon), out=xyz[:, 1])
    np.sin(lat, out=xyz[:, 2])
    border_near = np.exp(-np.maximum(0.0, np.array(kms, dtype=float) - ON_LINE_KM) / BORDER_KM)
    code_array = np.array(codes, dtype=int).reshape(n, 3)
    flag_array = np.array(marks, dtype=bool).reshape(n, 4)
    pair_array = np.array(pairs, dtype=int).reshape(n, 2)
    voter_array = np.array(voters, dtype=int).reshape(-1, 2)
    out = []
    start = 0
    for (places, facts, _, _), (countries, admin1, country_ids, n_pairs, v0, v1) in zip(groups, parts_of,
                                                                                        strict=True):
        end = start + len(facts)
        out.append(Block(
            places=places, static=static[start:end], xyz=xyz[start:end], countries=countries, admin1=admin1,
            country_ids=country_ids, codes=code_array[start:end], flags=flag_array[start:end],
            border_near=border_near[start:end], pairs=pair_array[start:end], n_pairs=n_pairs,
            voters=voter_array[v0:v1],
        ))
        start = end
    return out


# What _from_facts reads of a place's kind, country, admin1 and the country across its border,
# per such combination (places share them: a state's towns): a bounded vocabulary.
_CODES: dict[tuple[str, str, str, str], tuple] = {}


def _codes(key: tuple[str, str, str, str]) -> tuple:
    """A place's country codes, admin1, interned codes (country, admin1, across the border) and
    marks (country, admin1 with a code, anchorable, not large), from its kind, country, admin1
    and the country across its border; kept in _CODES."""
    kind, p_country, p_admin1, across = key
    country = kind == "country"
    large = country or kind == "continent"
    anchorable = kind not in AREA_KINDS
    parts = tuple(p_country.split("/")) if p_country else ()
    code = (_intern(p_country.split("/")[0]), -1 if country else _intern(p_admin1),
            _intern(across) if across and anchorable and not large else -1)
    marks = (country, kind == "admin1" and bool(p_admin1), anchorable, not large)
    found = (parts, "" if country else p_admin1, code, marks, tuple(map(_intern, parts)))
    if len(_CODES) >= BLOCK_CACHE:
        _CODES.clear()
    _CODES[key] = found
    return found


def _number(seen: dict[int, int], code: int) -> int:
    """The code's number among those seen so far (a new one when unseen); -1 for no code."""
    return -1 if code < 0 else seen.setdefault(code, len(seen))


_BEFORE_COMMA = (",", " ", "\t")  # what _AFTER_COMMA can start with
_COMMA_NEXT = re.compile(r"[ \t]*,")
_AFTER_COMMA = re.compile(r"[ \t]*,[ \t]*((?:[A-Z][\w’'.-]*)(?:[ \t]+[A-Z][\w’'.-]*){0,2})")


def comma_follows(text: str, end: int) -> bool:
    """Whether a comma comes next after `end`, past spaces and tabs (where bindings() can match)."""
    after = text[end:end + 1]
    if after == ",":
        return True
    if after not in _BEFORE_COMMA:
        return False
    return _COMMA_NEXT.match(text, end) is not None


def bindings(text: str, end: int, gaz: Gazetteer) -> frozenset[str]:
    """Areas a "City, State" or "City, Country" pattern puts the name at `end` in: admin1 codes
    ("US.TN" for "Paris, Tenn.") and country codes ("FR" for "Paris, France")."""
    if not comma_follows(text, end):
        return frozenset()
    m = _AFTER_COMMA.match(text, end)
    if not m:
        return frozenset()
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        found = set(map(gaz.area_code, map(itemgetter(0), gaz.rows_for_key(normalize(" ".join(words[:n]))))))
        found.discard("")
        if found:
            return frozenset(found)
    return frozenset()


_IDS: dict[str, int] = {}  # country and admin1 codes as small integers


def _intern(code: str) -> int:
    return _IDS.setdefault(code, len(_IDS)) if code else -1


def _slots(codes: np.ndarray) -> np.ndarray:
    """Codes as the slots votes are counted in: a missing code (-1) counts as the last code
    interned, as it did when votes were gathered in one array over all codes."""
    return np.where(codes >= 0, codes, len(_IDS) - 1)


def _best_other(ids: np.ndarray, kid: np.ndarray, vote_ids: np.ndarray, vote_kid: np.ndarray,
                votes: np.ndarray) -> np.ndarray:
    """Per candidate: the largest vote for its code from another name (0 when none), so that a name
    never supports itself."""
    return _largest_vote(_from_another_name(ids, kid, vote_ids, vote_kid), votes)


def _from_another_name(ids: np.ndarray, kid: np.ndarray, vote_ids: np.ndarray,
                       vote_kid: np.ndarray) -> np.ndarray:
    """(candidates, voters): whether the voter votes for the candidate's code from another name."""
    return (ids[:, None] == vote_ids[None, :]) & (kid[:, None] != vote_kid[None, :])


def _largest_vote(same: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """Per candidate (a row of _from_another_name): the largest of its voters' votes, 0 when none."""
    return np.maximum.reduce(same * votes[None, :], axis=1, initial=0.0)


@dataclass
class _Share:
    """The candidates that have a code at one level (country or admin1), for summing the other
    names' probability mass in each candidate's area."""

    rows: np.ndarray  # candidates with a code
    ids: np.ndarray  # their codes
    pair: np.ndarray  # their (name, code) pairs, numbered in order of appearance
    n_pairs: int

    @classmethod
    def of(cls, ids: np.ndarray, pair: np.ndarray, n_pairs: int) -> _Share:
        rows = (ids >= 0).nonzero()[0]
        return cls(rows, ids[rows], pair[rows], n_pairs)

    def fill(self, out: np.ndarray, p: np.ndarray, others: int) -> None:
        """out[candidate]: the other names' probability mass in the candidate's area."""
        if len(self.rows):
            p = p[self.rows]
            total = np.bincount(self.ids, weights=p)  # per area, summed in candidate order
            own = np.bincount(self.pair, weights=p, minlength=self.n_pairs)
            out[self.rows] = (total[self.ids] - own[self.pair]) / others


@dataclass
class _Named:
    """Candidates with a code at one level, and the candidates that are that level's areas
    themselves (a country, a first-level area), whose probability votes for their code."""

    rows: np.ndarray
    voters: np.ndarray
    same: np.ndarray  # _from_another_name of rows and voters: the same in every round

    @classmethod
    def of(cls, kind: np.ndarray, ids: np.ndarray, kid: np.ndarray) -> _Named | None:
        """None when no candidate is such an area (then the feature is 0 throughout)."""
        voters = kind.nonzero()[0]
        if not len(voters):
            return None
        rows = (ids >= 0).nonzero()[0]
        return cls(rows, voters, _from_another_name(ids[rows], kid[rows], _slots(ids[voters]), kid[voters]))

    def fill(self, out: np.ndarray, p: np.ndarray) -> None:
        """out[candidate]: how likely another name of the document is the candidate's own area (every
        voter counted: one whose probability is 0 leaves the largest vote as it is)."""
        out[self.rows] = _largest_vote(self.same, p[self.voters])


@dataclass
class _Doc:
    """A document's candidates, all names together."""

    blocks: list[Block]
    static: np.ndarray
    starts: np.ndarray
    kid: np.ndarray
    anchorable: np.ndarray
    point: np.ndarray
    xyz: np.ndarray
    bound_hit: np.ndarray
    country_share: _Share
    admin1_share: _Share
    country_named: _Named | None
    admin1_named: _Named | None
    border_rows: np.ndarray  # point candidates with a land border near
    border_across: np.ndarray  # the code of the country across it
    border_kid: np.ndarray  # their names
    border_near: np.ndarray  # and its nearness
    border_voters: np.ndarray  # (candidate, one of its countries) pairs: the candidate
    border_voter_ids: np.ndarray  # the country
    border_voter_kid: np.ndarray  # the candidate's name


def _doc(blocks: list[Block], bound: list[frozenset[str]]) -> _Doc:
    sizes = [len(b.xyz) for b in blocks]
    starts = [0, *itertools.accumulate(sizes[:-1])]
    bound_hit = np.zeros(sum(sizes))
    for b, areas, offset in zip(blocks, bound, starts, strict=True):
        if areas:
            for i in range(len(b.xyz)):
                if b.admin1[i] in areas or any(cc in areas for cc in b.countries[i]):
                    bound_hit[offset + i] = 1.0
    kid = np.repeat(np.arange(len(blocks)), sizes)
    codes = np.concatenate([b.codes for b in blocks])
    flags = np.concatenate([b.flags for b in blocks])
    # each block's code numbers follow those of the blocks before it
    block_pairs = np.array([b.n_pairs for b in blocks], dtype=int).reshape(-1, 2)
    first_pair = np.zeros_like(block_pairs)
    np.cumsum(block_pairs[:-1], axis=0, out=first_pair[1:])
    pairs = np.concatenate([b.pairs for b in blocks]) + first_pair[kid]
    n_pairs = block_pairs.sum(axis=0).tolist()
    voters = np.concatenate([b.voters for b in blocks])
    voters[:, 0] += np.repeat(starts, [len(b.voters) for b in blocks])
    country_id, admin1_id, across = codes[:, CODE_COUNTRY], codes[:, CODE_ADMIN1], codes[:, CODE_ACROSS]
    border_rows = (across >= 0).nonzero()[0]
    return _Doc(
        blocks=blocks, static=np.concatenate([b.static for b in blocks]),
        starts=np.array(starts, dtype=int), kid=kid,
        anchorable=flags[:, FLAG_ANCHORABLE], point=flags[:, FLAG_POINT],
        xyz=np.concatenate([b.xyz for b in blocks]), bound_hit=bound_hit,
        country_share=_Share.of(country_id, pairs[:, 0], n_pairs[0]),
        admin1_share=_Share.of(admin1_id, pairs[:, 1], n_pairs[1]),
        country_named=_Named.of(flags[:, FLAG_COUNTRY], country_id, kid),
        admin1_named=_Named.of(flags[:, FLAG_ADMIN1], admin1_id, kid),
        border_rows=border_rows, border_across=across[border_rows], border_kid=kid[border_rows],
        border_near=np.concatenate([b.border_near for b in blocks])[border_rows],
        border_voters=voters[:, 0], border_voter_ids=_slots(voters[:, 1]), border_voter_kid=kid[voters[:, 0]],
    )


def _context(d: _Doc, p: np.ndarray, feats: np.ndarray) -> None:
    """Every candidate's context features given the current probabilities of the other names,
    written into feats' columns from N_PRIOR on."""
    p = np.where(p > 0.01, p, 0.0)
    others = max(1, len(d.blocks) - 1)
    ctx = feats[:, N_PRIOR:]
    ctx[:] = 0.0
    d.country_share.fill(ctx[:, C_COUNTRY], p, others)
    d.admin1_share.fill(ctx[:, C_ADMIN1], p, others)
    if d.country_named:
        d.country_named.fill(ctx[:, C_COUNTRY_NAMED], p)
    if d.admin1_named:
        d.admin1_named.fill(ctx[:, C_ADMIN1_NAMED], p)
    ctx[:, C_BOUND] = d.bound_hit
    _near_named_border(d, p, ctx[:, C_BORDER])
    anchors = ((p > 0.05) & d.anchorable).nonzero()[0]
    if len(anchors):
        chord = np.sqrt(np.maximum(0.0, 2.0 - 2.0 * (d.xyz @ d.xyz[anchors].T))) * EARTH_KM
        # another name's place only; a country's or continent's centre is near nothing
        w = np.where((d.kid[:, None] != d.kid[anchors][None, :]) & d.point[:, None], p[anchors][None, :], 0.0)
        far = -chord
        ctx[:, C_NEAR50] = (w * np.exp(far / 50.0)).max(axis=1)
        ctx[:, C_NEAR300] = (w * np.exp(far / 300.0)).max(axis=1)


def _near_named_border(d: _Doc, p: np.ndarray, out: np.ndarray) -> None:
    """out[point candidate]: nearness (exp(-km / BORDER_KM)) to its country's nearest land border,
    weighted by how likely another name of the document lies in the country across that border."""
    if not len(d.border_rows):
        return
    votes = p[d.border_voters]
    live = votes >= BORDER_VOTE
    vote = _best_other(d.border_across, d.border_kid, d.border_voter_ids[live],
                       d.border_voter_kid[live], votes[live])
    out[d.border_rows] = np.where(vote >= BORDER_VOTE, vote, 0.0) * d.border_near


def _softmax_groups(scores: np.ndarray, d: _Doc) -> np.ndarray:
    e = np.exp(scores - np.maximum.reduceat(scores, d.starts)[d.kid])
    return e / np.add.reduceat(e, d.starts)[d.kid]


def probabilities(blocks: list[Block], bound: list[frozenset[str]], prior_w: np.ndarray,
                  context_w: np.ndarray, rounds: int = ROUNDS) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each name's probability over its candidates after `rounds` rounds of context, and the
    features of the last round."""
    if not blocks:
        return [], []
    d = _doc(blocks, bound)
    p = _softmax_groups(d.static @ prior_w, d)
    feats = d.static
    for _ in range(rounds):
        feats = np.empty((len(p), len(FEATURES)))
        feats[:, :N_PRIOR] = d.static
        _context(d, p, feats)
        p = _softmax_groups(feats @ context_w, d)
    bounds = [*d.starts.tolist(), len(p)]
    parts = list(itertools.pairwise(bounds))  # each name's rows (the views np.split makes)
    return [p[a:b] for a, b in parts], [feats[a:b] for a, b in parts]


def disambiguate(blocks: list[Block],
                 bound: list[frozenset[str]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    m = model()
    return probabilities(blocks, bound, m["prior_w"], m["context_w"])


def confidence(p_top: float, n_candidates: int) -> float:
    """The chosen place's probability, recalibrated so that 0.8 means right about 80% of the time."""
    cal = model()["calibration"]
    p = min(max(p_top, 1e-4), 1 - 1e-4)
    z = cal["a"] * math.log(p / (1 - p)) + cal["b"] + (cal["single"] if n_candidates == 1 else 0.0)
    return 1.0 / (1.0 + math.exp(-z))


def rank_candidates(
    name: str, gaz: Gazetteer, *, near: Place | None = None, country: str | None = None
) -> list[tuple[Place, float, str]]:
    """Candidates for one name, best first, with the model's probability and the reasons behind it.

    `near` is used as the document's one other place; `country` keeps only that country's places
    (and counts as the document's focus country)."""
    key = normalize(name)
    b = block(gaz, key)
    if not b.places:
        return []
    rows = gaz.name_rows(key)
    if any(flag == DEMONYM for _, flag in rows):
        rows = [(r, flag) for r, flag in rows if flag == DEMONYM]
    facts = [gaz.facts(r) for r, _ in rows]
    if any(f[0] == "country" for f in facts):
        rows = [rows[i] for i in _country_over_alternates(rows, facts)]
    keep = [(p, flag) for p, (_, flag) in zip(b.places, rows, strict=True)
            if not country or country.upper() in p.country.split("/")]
    if not keep:
        return []
    b = _from_places([p for p, _ in keep], [m for _, m in keep], key, [gaz.border_of(p.id) for p, _ in keep])
    blocks, bound = [b], [frozenset()]
    if near is not None:
        blocks.append(_from_places([near], [1], normalize(near.name), [gaz.border_of(near.id)]))
        bound.append(frozenset())
    m = model()
    probs, feats = probabilities(blocks, bound, m["prior_w"], m["context_w"])
    p, f = probs[0], feats[0]
    w = m["context_w"]
    out = []
    for i, place in enumerate(b.places):
        contrib = f[i] * w
        why = [f"{place.kind}" + (f" (population {place.population:,})" if place.population else "")]
        why.append("main name" if f[i, F["main_name"]] else
                   "demonym" if f[i, F["demonym"]] else "alternate name")
        labels = {F["country_share"]: "same country as {}", F["admin1_share"]: "same region as {}",
                  F["near_50km"]: "near {}", F["near_300km"]: "within 300 km of {}",
                  F["country_named"]: "in {}", F["admin1_named"]: "in {}",
                  F["near_named_border"]: "near the border with the country of {}"}
        for j, label in labels.items():
            if f[i, j] > 0.05 and near is not None:
                why.append(label.format(near.name) + f" ({contrib[j]:+.2f})")
        out.append((place, round(float(p[i]), 3), "; ".join(why)))
    out.sort(key=lambda t: (-t[1], t[0].id))
    return out
