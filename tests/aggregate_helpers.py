"""Big event tables of invented reports, for the aggregation tests (layers and browser)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import Point

# Two invented crossings, two metrics, two years: 8 groups of REPORTS figures each.
CROSSINGS = {"landmark:alder-gate": ("Alder Gate crossing", Point(21.0, 52.0)),
             "landmark:birch-ford": ("Birch Ford bridge", Point(23.5, 53.1))}  # fmt: skip
METRICS = {"trucks": "trucks", "passengers": "passengers"}
YEARS = ("2023", "2024")
REPORTS = 300


def big_traffic(reports: int = REPORTS) -> gpd.GeoDataFrame:
    """A traffic table of len(CROSSINGS) x len(METRICS) x len(YEARS) x reports rows, one per document."""
    rng = np.random.default_rng(7)
    rows, n = [], 0
    for subject, (name, point) in CROSSINGS.items():
        for metric, unit in METRICS.items():
            for year in YEARS:
                for _ in range(reports):
                    n += 1
                    rows.append(dict(
                        id=f"t{n}", metric=metric, label=f"{name} {metric}",
                        value=float(rng.integers(1_000, 9_000)), unit=unit, period=year,
                        period_text=f"in {year}", change_pct=None, change_factor=None, subject=subject,
                        subject_name=name, confidence=0.8, doc=f"{n:05d}.txt", doc_title=f"Report {n}",
                        doc_date=f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                        sentence=f"Report {n}: the crossing counted its {metric}.", geometry=point,
                    ))  # fmt: skip
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def big_visits(per_month: int = 700) -> gpd.GeoDataFrame:
    """Visits to one invented town in three months (per_month each), by six visitors in turn."""
    who = ["Ada Lind", "Bo Marsh", "Cy North", "Di Oakes", "Ed Pike", "Flo Quill"]
    rows = []
    for month in ("2024-03", "2024-04", "2024-05"):
        for i in range(per_month):
            day = f"{month}-{1 + i % 28:02d}"
            rows.append(dict(id=f"v{month}-{i}", who=who[i % len(who)], place_id="geonames:1", name="Elmtown",
                             kind="city", start=day, end=day, date_text="", occasion="", confidence=0.9,
                             doc=f"{month}-{i}.txt", doc_title="", doc_date=day, sentence=f"Visit {i}.",
                             geometry=Point(24.0, 54.0)))  # fmt: skip
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
