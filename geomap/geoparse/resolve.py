"""Resolution: each place name of a document to one gazetteer entry, with a probability.

A name's candidates are scored by a log-linear model (a softmax over the candidates of one name):
- before context, by kind (country, first- or second-level area, continent, city, curated place),
  population, and whether the name is the place's main name;
- then, jointly with the document's other names: the share of the document's other names that
  lie in the candidate's country and in its first-level area (the document's focus, as soft votes
  weighted by how sure each of those names is), nearness to the other names' likely places, and
  "City, State" / "City, Country" patterns that bind a name to an area.
The document is resolved in rounds: priors first, then each round's probabilities are the next
round's votes. One sense per document: every occurrence of a name shares one resolution.
The weights (geomap/data/geoparse_ranker.json) were fitted on one gold corpus; the probability of
the chosen place is recalibrated into Mention.confidence (see that file for how).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.names import normalize
from geomap.gazetteer.sources import data_path
from geomap.model import Place

__all__ = ["FEATURES", "Block", "block", "bindings", "context_features", "disambiguate", "rank_candidates",
           "model", "probabilities", "confidence"]

KIND_FEATURES = ("country", "admin1", "admin2", "continent", "other")
FEATURES = (*KIND_FEATURES, "large_area", "city_population", "big_city", "area_population", "area_size",
            "main_name", "country_share", "admin1_share", "near_50km", "near_300km", "bound",
            "country_named", "admin1_named")
F = {name: i for i, name in enumerate(FEATURES)}
N_PRIOR = F["country_share"]  # the features before it need no context
C_COUNTRY, C_ADMIN1, C_NEAR50, C_NEAR300, C_BOUND, C_COUNTRY_NAMED, C_ADMIN1_NAMED = (
    F[name] - N_PRIOR for name in FEATURES[N_PRIOR:])
AREA_KINDS = ("country", "continent", "admin1")  # their point says little about what lies near
EARTH_KM = 6371.0
ROUNDS = 2
MODEL_FILE = "geoparse_ranker.json"


@dataclass
class Block:
    """The candidates of one name, with what they say before context."""

    places: list[Place]
    static: np.ndarray  # (n, N_PRIOR)
    xyz: np.ndarray  # (n, 3) unit vectors
    countries: list[tuple[str, ...]]
    admin1: list[str]
    anchorable: np.ndarray  # (n,) bool: a point place (a city, a county), not a country's centre
    is_large: np.ndarray  # (n,) bool: a country or continent


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted weights and calibration (see the file's "how" for how they were obtained)."""
    with open(data_path(MODEL_FILE), encoding="utf-8") as fh:
        m = json.load(fh)
    m["prior_w"] = np.array(m["prior_weights"], dtype=float)
    m["context_w"] = np.array(m["context_weights"], dtype=float)
    return m


def _static_row(place: Place, main: bool, key: str) -> list[float]:
    kind = place.kind if place.kind in KIND_FEATURES or place.kind == "city" else "other"
    row = [1.0 if kind == k else 0.0 for k in KIND_FEATURES]
    pop = math.log10(place.population + 1)
    point = kind in ("city", "other")
    row += [
        1.0 if kind in ("country", "continent") else 0.0,
        pop / 7 if point else 0.0,
        max(0.0, pop - 5.5) / 1.5 if point else 0.0,  # a city of millions: often meant abroad too
        pop / 9 if kind in ("country", "continent") else 0.0,
        pop / 3 if kind in ("admin1", "admin2") else 0.0,  # areas' "population": their number of towns
        1.0 if main else 0.0,
    ]
    return row


def block(gaz: Gazetteer, key: str, rows: list[tuple[int, bool]] | None = None) -> Block:
    """Candidates of a normalised name (cached per name)."""
    return _block(gaz, key) if rows is None else _build(gaz, key, rows)


@lru_cache(maxsize=65536)
def _block(gaz: Gazetteer, key: str) -> Block:
    return _build(gaz, key, gaz.rows_for_key(key))


def _build(gaz: Gazetteer, key: str, rows: list[tuple[int, bool]]) -> Block:
    places = [gaz.place(r) for r, _ in rows]
    static = np.array([_static_row(p, m, key) for p, (_, m) in zip(places, rows, strict=True)], dtype=float)
    lat = np.radians([p.lat for p in places])
    lon = np.radians([p.lon for p in places])
    xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
    return Block(
        places=places, static=static.reshape(len(places), N_PRIOR), xyz=xyz,
        countries=[tuple(p.country.split("/")) if p.country else () for p in places],
        admin1=[p.admin1 if p.kind != "country" else "" for p in places],
        anchorable=np.array([p.kind not in AREA_KINDS for p in places], dtype=bool),
        is_large=np.array([p.kind in ("country", "continent") for p in places], dtype=bool),
    )


_AFTER_COMMA = re.compile(r"[ \t]*,[ \t]*((?:[A-Z][\w’'.-]*)(?:[ \t]+[A-Z][\w’'.-]*){0,2})")


def bindings(text: str, end: int, gaz: Gazetteer) -> frozenset[str]:
    """Areas a "City, State" or "City, Country" pattern puts the name at `end` in: admin1 codes
    ("US.TN" for "Paris, Tenn.") and country codes ("FR" for "Paris, France")."""
    m = _AFTER_COMMA.match(text, end)
    if not m:
        return frozenset()
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        found = set()
        for row, _main in gaz.rows_for_key(normalize(" ".join(words[:n]))):
            place = gaz.place(row)
            if place.kind == "admin1" and place.admin1:
                found.add(place.admin1)
            elif place.kind == "country" and place.country:
                found.add(place.country)
        if found:
            return frozenset(found)
    return frozenset()


def _softmax(scores: np.ndarray) -> np.ndarray:
    e = np.exp(scores - scores.max())
    return e / e.sum()


def _named(best: dict[str, list[tuple[int, float]]], code: str, key: int) -> float:
    """How likely another name of the document is this very area."""
    return max((p for k, p in best.get(code, ()) if k != key), default=0.0)


def context_features(blocks: list[Block], bound: list[frozenset[str]],
                     probs: list[np.ndarray]) -> list[np.ndarray]:
    """Per name, its candidates' context features given the current probabilities of the others."""
    n = len(blocks)
    country_votes: dict[str, float] = {}
    admin_votes: dict[str, float] = {}
    own_country: list[dict[str, float]] = []
    own_admin: list[dict[str, float]] = []
    named_country: dict[str, list[tuple[int, float]]] = {}  # code -> (name, probability it is that area)
    named_admin: dict[str, list[tuple[int, float]]] = {}
    for k, (b, p) in enumerate(zip(blocks, probs, strict=True)):
        cv: dict[str, float] = {}
        av: dict[str, float] = {}
        for i in np.flatnonzero(p > 0.01):
            w = float(p[i])
            for cc in b.countries[i]:
                cv[cc] = cv.get(cc, 0.0) + w
            a1 = b.admin1[i]
            if a1:
                av[a1] = av.get(a1, 0.0) + w
            kind = b.places[i].kind
            if kind == "country" and b.countries[i]:
                named_country.setdefault(b.countries[i][0], []).append((k, w))
            elif kind == "admin1" and a1:
                named_admin.setdefault(a1, []).append((k, w))
        for cc, w in cv.items():
            country_votes[cc] = country_votes.get(cc, 0.0) + w
        for a1, w in av.items():
            admin_votes[a1] = admin_votes.get(a1, 0.0) + w
        own_country.append(cv)
        own_admin.append(av)
    # Anchors: the likely point places of every name.
    a_xyz, a_w, a_key = [], [], []
    for k, (b, p) in enumerate(zip(blocks, probs, strict=True)):
        sel = np.flatnonzero((p > 0.05) & b.anchorable)
        if len(sel):
            a_xyz.append(b.xyz[sel])
            a_w.append(p[sel])
            a_key.append(np.full(len(sel), k))
    if a_xyz:
        anchors, weights, keys = np.concatenate(a_xyz), np.concatenate(a_w), np.concatenate(a_key)
    out = []
    others = max(1, n - 1)
    for k, b in enumerate(blocks):
        m = len(b.places)
        ctx = np.zeros((m, len(FEATURES) - N_PRIOR))
        cv, av = own_country[k], own_admin[k]
        for i in range(m):
            ccs = b.countries[i]
            a1 = b.admin1[i]
            if ccs:
                ctx[i, C_COUNTRY] = max(country_votes.get(cc, 0.0) - cv.get(cc, 0.0) for cc in ccs) / others
                ctx[i, C_COUNTRY_NAMED] = max(_named(named_country, cc, k) for cc in ccs)
            if a1:
                ctx[i, C_ADMIN1] = (admin_votes.get(a1, 0.0) - av.get(a1, 0.0)) / others
                ctx[i, C_ADMIN1_NAMED] = _named(named_admin, a1, k)
            if bound[k] and (a1 in bound[k] or any(cc in bound[k] for cc in ccs)):
                ctx[i, C_BOUND] = 1.0
        if a_xyz:
            mask = keys != k
            if mask.any():
                chord = np.sqrt(np.maximum(0.0, 2.0 - 2.0 * (b.xyz @ anchors[mask].T))) * EARTH_KM
                w = weights[mask]
                point = ~b.is_large[:, None]  # a country's or continent's centre is near nothing
                ctx[:, C_NEAR50] = (point * w * np.exp(-chord / 50.0)).max(axis=1)
                ctx[:, C_NEAR300] = (point * w * np.exp(-chord / 300.0)).max(axis=1)
        out.append(ctx)
    return out


def probabilities(blocks: list[Block], bound: list[frozenset[str]], prior_w: np.ndarray,
                  context_w: np.ndarray, rounds: int = ROUNDS) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each name's probability over its candidates after `rounds` rounds of context, and the
    features of the last round."""
    probs = [_softmax(b.static @ prior_w) for b in blocks]
    feats = [b.static for b in blocks]
    for _ in range(rounds):
        ctx = context_features(blocks, bound, probs)
        feats = [np.hstack([b.static, c]) for b, c in zip(blocks, ctx, strict=True)]
        probs = [_softmax(f @ context_w) for f in feats]
    return probs, feats


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
    keep = [i for i, p in enumerate(b.places) if not country or country.upper() in b.countries[i]]
    if not keep:
        return []
    b = Block([b.places[i] for i in keep], b.static[keep], b.xyz[keep], [b.countries[i] for i in keep],
              [b.admin1[i] for i in keep], b.anchorable[keep], b.is_large[keep])
    blocks, bound = [b], [frozenset()]
    if near is not None:
        nb = Block([near], np.array([_static_row(near, True, normalize(near.name))]), _build_xyz(near),
                   [tuple(near.country.split("/"))], [near.admin1 if near.kind != "country" else ""],
                   np.array([near.kind not in AREA_KINDS]), np.array([near.kind in ("country", "continent")]))
        blocks.append(nb)
        bound.append(frozenset())
    m = model()
    probs, feats = probabilities(blocks, bound, m["prior_w"], m["context_w"])
    p, f = probs[0], feats[0]
    w = m["context_w"]
    out = []
    for i, place in enumerate(b.places):
        contrib = f[i] * w
        why = [f"{place.kind}" + (f" (population {place.population:,})" if place.population else "")]
        why.append("main name" if f[i, F["main_name"]] else "alternate name")
        labels = {F["country_share"]: "same country as {}", F["admin1_share"]: "same region as {}",
                  F["near_50km"]: "near {}", F["near_300km"]: "within 300 km of {}",
                  F["country_named"]: "in {}",
                  F["admin1_named"]: "in {}"}
        for j, label in labels.items():
            if f[i, j] > 0.05 and near is not None:
                why.append(label.format(near.name) + f" ({contrib[j]:+.2f})")
        out.append((place, round(float(p[i]), 3), "; ".join(why)))
    out.sort(key=lambda t: (-t[1], t[0].id))
    return out


def _build_xyz(place: Place) -> np.ndarray:
    lat, lon = math.radians(place.lat), math.radians(place.lon)
    return np.array([[math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)]])
