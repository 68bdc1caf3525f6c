"""The places layer's rows: one per resolved place, from the mentions table."""

from __future__ import annotations

import json

import geopandas as gpd

COLUMNS = [
    "place_id",
    "name",
    "kind",
    "country",
    "mentions",
    "documents",
    "confidence",
    "sources",
    "geometry",
]


def places_by_place(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per resolved place from the mentions table: counts and a sentence per document."""
    if mentions.empty:
        return gpd.GeoDataFrame(columns=COLUMNS, geometry="geometry", crs="EPSG:4326")
    rows = []
    ordered = mentions.sort_values(["place_id", "doc", "start"], kind="stable")
    for place_id, group in ordered.groupby("place_id", sort=True):
        first = group.iloc[0]
        per_doc = group.drop_duplicates("doc")
        sources = [
            {"doc": str(r["doc"]), "title": "", "date": "", "sentence": str(r["sentence"])}
            for _, r in per_doc.iterrows()
        ]
        rows.append(
            {
                "place_id": place_id,
                "name": first["name"],
                "kind": first["kind"],
                "country": first["country"],
                "mentions": len(group),
                "documents": len(per_doc),
                "confidence": float(group["confidence"].max()),
                "sources": json.dumps(sources, ensure_ascii=False),
                "geometry": first.geometry,
            }
        )
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs=mentions.crs)
