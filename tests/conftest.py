"""Shared fixtures: small hand-made event tables (with hostile strings) and an offline Chromium."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon

from geomap.export.image import CHROMIUM, CHROMIUM_ARGS  # the browser PNG export drives
from geomap.layers import Layer, LayerSpec
from geomap.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"  # the development sets, beside the repository
SEEDS = SHARED / "seeds"

# Strings that would run script if any stage inserted them into the page unescaped.
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "</script><script>window.__pwned=2</script>"
# ... and strings that would if a stage treated text as a JS, Jinja or Python template, or as a link.
HOSTILE = [HOSTILE_IMG, HOSTILE_SCRIPT, "${alert(1)}", "{{7*7}}", "javascript:alert(1)"]


def _source(doc: str, title: str, date: str, sentence: str) -> dict[str, str]:
    return {"doc": doc, "title": title, "date": date, "sentence": sentence}


def _provenance(doc: str, title: str, date: str, sentence: str, merged: list[dict] | None) -> dict:
    return {
        "doc": doc,
        "doc_title": title,
        "doc_date": date,
        "sentence": sentence,
        "quote_start": 0,
        "quote_end": len(sentence),
        "sources": json.dumps(merged if merged is not None else [_source(doc, title, date, sentence)]),
    }


def _side(prefix: str, pid: str, name: str, country: str, lat: float | None, lon: float | None) -> dict:
    return {
        prefix: pid,
        f"{prefix}_name": name,
        f"{prefix}_country": country,
        f"{prefix}_lat": lat,
        f"{prefix}_lon": lon,
    }


def make_tables() -> dict[str, gpd.GeoDataFrame]:
    """Places, visits, crossings and traffic as docs/tables.md has them, hostile strings included."""
    harbin, beijing = Point(126.65, 45.75), Point(116.39723, 39.9075)
    heihe, bridge = Point(127.49016, 50.24413), Point(127.6005, 50.2011)
    title1 = "Putin in Harbin " + HOSTILE_SCRIPT
    quote1 = "Putin arrived in Harbin " + HOSTILE_IMG
    merged = [
        _source("001.txt", title1, "2024-05-17", quote1),
        _source("002.txt", "Talks in Beijing", "2024-05-16", "He then flew to Harbin."),
    ]
    visits = [
        dict(id="v1", who="Vladimir Putin", place_id="geonames:2037013", name="Harbin", kind="city",
             start="2024-05-17", end="2024-05-17", date_text="on Friday", occasion="Russia-China Expo",
             confidence=0.9, geometry=harbin, **_provenance("001.txt", title1, "2024-05-17", quote1, merged)),
        dict(id="v2", who="Vladimir Putin " + HOSTILE_IMG, place_id="geonames:1816670",
             name="Beijing " + HOSTILE_SCRIPT, kind="city", start="2024-05-16", end="2024-05-17",
             date_text="",
             occasion="", confidence=0.8, geometry=beijing,
             **_provenance("002.txt", "Talks in Beijing", "2024-05-16", "Putin met Xi in Beijing.", [])),
    ]  # fmt: skip
    crossings = [
        dict(id="c1", place_id="landmark:heihe-blagoveshchensk-bridge", name="Blagoveshchensk–Heihe bridge",
             mode="road bridge", status="no vehicle seen in an hour", confidence=0.9, geometry=bridge,
             **_side("side_a", "geonames:2026609", "Blagoveshchensk", "RU", 50.27593, 127.52637),
             **_side("side_b", "geonames:2036973", "Heihe", "CN", 50.24413, 127.49016),
             **_provenance("003.txt", "Bridge", "2023-10-01", "The bridge was empty.", None)),
        dict(id="c2", place_id="landmark:zabaykalsk", name="Zabaykalsk " + HOSTILE_IMG, mode="rail",
             status="", confidence=0.5, geometry=Point(117.327, 49.651),
             **_side("side_a", "", "", "", None, None), **_side("side_b", "", "", "", None, None),
             **_provenance("003.txt", "Bridge", "2023-10-01", "Trains pass " + HOSTILE_SCRIPT, None)),
    ]  # fmt: skip
    traffic = [
        dict(id="t1", metric="trade value", label="Heihe goods imports and exports", value=31_350_000_000.0,
             unit="CNY", period="2024", period_text="in 2024", change_pct=19.1, change_factor=None,
             subject="geonames:2036973", subject_name="Heihe", confidence=0.8, geometry=heihe,
             **_provenance("003.txt", "Bridge", "2023-10-01", "Trade: 31.35 billion yuan " + HOSTILE_IMG,
                           None)),
        dict(id="t2", metric="trade value", label="Heihe trade", value=10_000_000_000.0, unit="CNY",
             period="2023", period_text="in 2023", change_pct=None, change_factor=2.5,
             subject="geonames:2036973", subject_name="Heihe", confidence=0.8, geometry=heihe,
             **_provenance("003.txt", "Bridge", "2023-10-01", "Trade in 2023.", None)),
        dict(id="t3", metric="passengers", label="Bridge passengers", value=1200.0, unit="passengers",
             period="2023-10", period_text="in October", change_pct=None, change_factor=None,
             subject="landmark:heihe-blagoveshchensk-bridge", subject_name="bridge", confidence=0.6,
             geometry=bridge, **_provenance("003.txt", "Bridge", "2023-10-01", "1,200 passengers.", None)),
    ]  # fmt: skip
    places = [
        dict(doc="001.txt", start=0, end=6, text="Harbin", sentence=quote1, place_id="geonames:2037013",
             name="Harbin", kind="city", country="CN", confidence=0.9, candidates="[]", geometry=harbin),
        dict(doc="001.txt", start=40, end=46, text="Harbin", sentence="Harbin again.",
             place_id="geonames:2037013", name="Harbin", kind="city", country="CN", confidence=0.8,
             candidates="[]", geometry=harbin),
        dict(doc="003.txt", start=0, end=5, text="Heihe", sentence="Heihe " + HOSTILE_SCRIPT,
             place_id="geonames:2036973", name="Heihe " + HOSTILE_IMG, kind="city", country="CN",
             confidence=0.9, candidates="[]", geometry=heihe),
    ]  # fmt: skip
    return {
        name: gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
        for name, rows in (
            ("places", places),
            ("visits", visits),
            ("crossings", crossings),
            ("traffic", traffic),
        )
    }


def make_documents() -> list[Document]:
    """The three articles the tables cite, one with a hostile title."""
    return [
        Document(
            "001-a", "articles/001.txt", "Putin in Harbin " + HOSTILE_SCRIPT, "2024-05-17", "001.txt", ""
        ),
        Document("002-b", "articles/002.txt", "Talks " + HOSTILE_IMG, "2024-05-16", "002.txt", ""),
        Document("003-c", "articles/003.txt", "Bridge", None, "003.txt", ""),
    ]


def make_spec(name: str, symbol: str, **fields: Any) -> LayerSpec:
    """A LayerSpec made in code, as the Python API makes one (the spec loader is tested elsewhere)."""
    fields.setdefault("title", name.replace("_", " ").capitalize())
    return LayerSpec(name=name, source="frame:hand-made", symbol=symbol, **fields)


def _frame(rows: list[dict], geoms: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


# Where the custom layers lie: around Heihe and Blagoveshchensk, either side of the Amur.
DEPOT = (127.53, 50.27)  # three depots share this point
CATEGORY_COLORS = {"road": "#e41a1c", "rail": "#377eb8", "ferry": "#4daf4a"}
MODES = ["road", "rail", "road", "ferry", "pipeline", "rail", "road"]


def make_custom_layers() -> dict[str, Layer]:
    """An analyst's own layers, one of each symbol and field-driven style, with awkward cells."""
    depots = _frame(
        [dict(name=f"Depot {i}", trucks=10 * i) for i in range(12)],
        [Point(*DEPOT)] * 3 + [Point(127.49 + 0.004 * (i % 3), 50.24 + 0.004 * (i // 3)) for i in range(9)],
    )
    heat_points = [(127.55 + 0.01 * math.cos(i), 50.22 + 0.01 * math.sin(i * 1.7)) for i in range(40)]
    heat = _frame([dict(trucks=(i % 5) * 10) for i in range(40)], [Point(*p) for p in heat_points])
    rail = _frame(
        [dict(name="Heihe spur"), dict(name="Blagoveshchensk sidings"), dict(name="Level crossing")],
        [
            LineString([(127.45, 50.2), (127.5, 50.24), (127.56, 50.25)]),
            MultiLineString([[(127.52, 50.28), (127.55, 50.3)], [(127.56, 50.29), (127.6, 50.31)]]),
            Point(127.5, 50.24),
        ],
    )
    hole = [(127.62, 50.17), (127.63, 50.17), (127.63, 50.18), (127.62, 50.18)]
    zones = _frame(
        [dict(name="Customs zone", area_km2=1.5), dict(name="Free trade zone", area_km2="12")],
        [
            Polygon([(127.46, 50.22), (127.48, 50.22), (127.48, 50.235), (127.46, 50.235)]),
            MultiPolygon(
                [
                    Polygon([(127.6, 50.15), (127.65, 50.15), (127.65, 50.2), (127.6, 50.2)], [hole]),
                    Polygon([(127.67, 50.15), (127.69, 50.15), (127.69, 50.17)]),
                ]
            ),
        ],
    )
    modes = _frame(
        [dict(name=f"Crossing {i}", mode=m) for i, m in enumerate(MODES)],
        [Point(127.4 + 0.03 * i, 50.33) for i in range(len(MODES))],
    )
    volumes = _frame(
        [dict(name=n, value=v) for n, v in (("A", 100), ("B", 400), ("C", 1600), ("D", None), ("E", "900"))],
        [Point(127.42 + 0.05 * i, 50.12) for i in range(5)],
    )
    mixed = [["a", HOSTILE_IMG], math.nan, pd.Timestamp("2024-05-17"), "1234", None]  # anything goes
    hostile = _frame(
        [
            dict(name=text, kind=text, note=text, value=text, when=text, mixed=cell)
            for text, cell in zip(HOSTILE, mixed, strict=True)
        ],
        [Point(127.38 + 0.06 * i, 50.36) for i in range(len(HOSTILE))],
    )  # fmt: skip
    specs = [
        make_spec("depots", "cluster", style={"color": "green", "icon": "truck", "cluster_radius": 60},
                  popup=(("name", "Depot"), ("trucks", "Trucks", ",.0f")), tooltip="{name}: {trucks} trucks"),
        make_spec("truck_heat", "heat", style={"weight_field": "trucks", "radius": 20, "blur": 12},
                  legend="Trucks waiting (heat)"),
        make_spec("rail", "line", style={"color": "#444444", "weight": 3, "dash_array": "6 4"},
                  tooltip="{name}", popup=(("name", "Line"),)),
        make_spec("zones", "polygon",
                  style={"color": "#2b8cbe", "fill_color": "#a6bddb", "fill_opacity": 0.5},
                  tooltip="{name} ({area_km2:.1f} km²)"),
        make_spec("modes", "circle", style={"color_field": "mode", "color_map": CATEGORY_COLORS,
                                            "color_default": "#999999", "radius": 7},
                  tooltip="{name} ({mode})"),
        make_spec("volumes", "circle", style={"radius_field": "value", "max_radius": 30, "min_radius": 4,
                                              "color_field": "value", "colors": ["#fee8c8", "#e34a33"]},
                  tooltip="{name}: {value:,.0f} t", popup=(("value", "Tonnes", ",.0f"),)),
        make_spec("hostile", "marker", title="Layer " + HOSTILE_IMG + " " + " ".join(HOSTILE[1:]),
                  legend="Legend " + " ".join(HOSTILE), tooltip="{name}",
                  style={"color_field": "kind", "color_map": {text: "#e41a1c" for text in HOSTILE}},
                  popup=(("name", "Name"), ("note", "Note"), ("value", "Value", ",.0f"),
                         ("when", "When", "%d %B %Y"), ("mixed", "Mixed"))),
    ]  # fmt: skip
    frames = [depots, heat, rail, zones, modes, volumes, hostile]
    return {spec.name: Layer(frame, spec) for spec, frame in zip(specs, frames, strict=True)}


@pytest.fixture
def map_tables() -> dict[str, gpd.GeoDataFrame]:
    """Fresh hand-made event tables for one test."""
    return make_tables()


@pytest.fixture
def map_documents() -> list[Document]:
    """The documents `map_tables` cites."""
    return make_documents()


@dataclass
class PageLog:
    """What went wrong while a page ran: console errors, uncaught exceptions, failed requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests + self.blocked_requests


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium; a missing one skips locally and fails in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI (make test installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); required when CI is set")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def offline_page(browser) -> Iterator[tuple[object, PageLog]]:
    """A fresh page with every request but file: and data: aborted, and a log of what failed."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    log = PageLog()

    def route(route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            log.blocked_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: log.page_errors.append(str(err)))
    page.on("requestfailed", lambda req: log.failed_requests.append(f"{req.url}: {req.failure}"))
    yield page, log
    context.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `shared` read the development sets in ../shared beside the repository; in a
    checkout without that folder (a user's) they are deselected, so nothing is skipped."""
    if SHARED.is_dir():
        return
    dropped = [item for item in items if item.get_closest_marker("shared")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("shared")]


def pytest_report_header(config: pytest.Config) -> str:
    if SHARED.is_dir():
        return f"development sets: {SHARED} (tests marked 'shared' run)"
    return f"development sets: {SHARED} absent (tests marked 'shared' deselected)"
