"""How far each place lies from its country's nearest land border, and which country is across it,
computed once when the gazetteer is compiled (a k-d tree over the borders' sampled points), so
that the geoparser can weigh "a village on the border with a country the article names" for free."""

from __future__ import annotations

import numpy as np

REACH_KM = 150.0  # farther than this a place is "not near a border" (km stored as inf)
NEIGHBOURS = 16  # border points looked at per place: enough to reach past a third country's border
CHUNK = 20_000  # places per query, to bound the memory of the (CHUNK, NEIGHBOURS) answers
EARTH_KM = 6371.0


def prepare() -> None:
    """Sample the land borders now, before the gazetteer's arrays grow, and drop the country
    shapes read for them (kept, they would add ~150 MB to the compile's peak)."""
    from geomap import borders, naturalearth

    borders.shared_borders()
    naturalearth.countries.cache_clear()


def _xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=1)


def nearest_borders(lat: np.ndarray, lon: np.ndarray, own: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per place (own: its first country code, dtype S2): the code of the country across its
    country's nearest land border (b"" when none within REACH_KM) and the distance in km (inf
    when none)."""
    from scipy.spatial import cKDTree

    from geomap import borders

    pieces = borders.shared_borders()
    a = np.concatenate([np.full(len(la), pa, dtype="S2") for pa, _, la, _ in pieces])
    b = np.concatenate([np.full(len(la), pb, dtype="S2") for _, pb, la, _ in pieces])
    points = _xyz(np.concatenate([la for *_, la, _ in pieces]), np.concatenate([lo for *_, lo in pieces]))
    tree = cKDTree(points)
    across = np.zeros(len(own), dtype="S2")
    km = np.full(len(own), np.inf, dtype=np.float32)
    chord = 2 * np.sin(REACH_KM / EARTH_KM / 2)
    for start in range(0, len(own), CHUNK):
        end = min(start + CHUNK, len(own))
        dist, idx = tree.query(_xyz(lat[start:end], lon[start:end]), k=NEIGHBOURS, distance_upper_bound=chord)
        found = idx < len(a)
        idx = np.where(found, idx, 0)
        mine = own[start:end, None]
        ok = found & ((a[idx] == mine) | (b[idx] == mine))
        first = ok.argmax(axis=1)
        rows = np.flatnonzero(ok.any(axis=1))
        j = idx[rows, first[rows]]
        across[start + rows] = np.where(a[j] == own[start + rows], b[j], a[j])
        km[start + rows] = 2 * EARTH_KM * np.arcsin(np.minimum(1.0, dist[rows, first[rows]] / 2))
    return across, km
