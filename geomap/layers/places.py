"""The places layer's rows: one per resolved place, from the mentions table."""

from __future__ import annotations

import json

import geopandas as gpd

from geomap.words import counted

COLUMNS = [
    "place_id",
    "name",
    "kind",
    "country",
    "mentions",
    "mentioned",
    "documents",
    "confidence",
    "sources",
    "geometry",
]


MAX_QUOTES = 20  # a place's quotes (one per document) kept for its popup; the counts say how many there are
TITLE_LINE = r"\s*(?:#|title:\s)"  # a Markdown heading or a front matter title line


def places_by_place(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per resolved place from the mentions table: counts and a sentence per document."""
    if mentions.empty:
        return gpd.GeoDataFrame(columns=COLUMNS, geometry="geometry", crs="EPSG:4326")
    rows = []
    # A document's first mention in its body stands for it (a heading only names the place).
    in_title = mentions["sentence"].astype(str).str.match(TITLE_LINE)
    ordered = mentions.assign(_title=in_title)
    ordered = ordered.sort_values(["place_id", "doc", "_title", "start"], kind="stable")
    for place_id, group in ordered.groupby("place_id", sort=True):
        first = group.iloc[0]
        per_doc = group.drop_duplicates("doc")
        sources = [
            {"doc": str(r["doc"]), "title": "", "date": "", "sentence": str(r["sentence"])}
            for _, r in per_doc.head(MAX_QUOTES).iterrows()
        ]
        rows.append(
            {
                "place_id": place_id,
                "name": first["name"],
                "kind": first["kind"],
                "country": first["country"],
                "mentions": len(group),
                "mentioned": counted(len(group), "mention"),
                "documents": len(per_doc),
                "confidence": float(group["confidence"].max()),
                "sources": json.dumps(sources, ensure_ascii=False),
                "geometry": first.geometry,
            }
        )
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs=mentions.crs)
