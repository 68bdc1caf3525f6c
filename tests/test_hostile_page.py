"""Hostile payloads through a real `geomap build` (articles, titles, the map title, a custom layer's
title, legend, labels and properties), opened in Chromium: nothing runs, every payload reads as typed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=2</script>"
JS_TEMPLATE = "${window.__pwned=3}"
BACKTICKS = "`${window.__pwned=4}`"
JS_LINK = "javascript:window.__pwned=5"
JINJA = ["{{7*7}}", "{% raw %}", "{#"]
SVG = '"><svg onload=window.__pwned=6>'
PAYLOADS = [IMG, SCRIPT, JS_TEMPLATE, BACKTICKS, JS_LINK, *JINJA, SVG]
ALL = " ".join(PAYLOADS)

# Three articles, one per format, with payloads in their titles and in the sentences that report a
# visit, a crossing and traffic figures (the sentences are quoted in the popups).
ARTICLES = {
    "harbin.md": f"""---
title: Harbin {IMG} {{{{7*7}}}}
date: 2024-05-17
---
# Harbin

President Vladimir Putin visited Harbin on 17 May 2024 for the Russia-China Expo {IMG} {{{{7*7}}}} {{#.
""",
    "talks.txt": f"""Talks {SCRIPT} {JS_TEMPLATE}
2024-05-16

Vladimir Putin arrived in Beijing on 16 May 2024 {BACKTICKS} and met Xi Jinping {{% raw %}} {SCRIPT}.
Trade between Heihe and Blagoveshchensk reached 31.35 billion yuan in 2024 {SVG}.
The Blagoveshchensk–Heihe bridge was empty {JS_LINK} in October 2023.
""",
    # The title is text in HTML (RCDATA), so a page showing these characters writes them as entities.
    "bridge.html": """<html><head><title>Bridge &quot;&gt;&lt;svg onload=window.__pwned=6&gt; {{7*7}}</title>
<meta name="date" content="2023-10-01"></head><body>
<p>The bridge between Heihe and Blagoveshchensk carried 1,200 passengers in October 2023 \
&lt;img src=x onerror="window.__pwned=1"&gt; {% raw %} ${window.__pwned=3}.</p>
<script>window.__pwned=7</script></body></html>
""",
}
DOC_TITLES = [
    "Harbin " + IMG + " {{7*7}}",
    "Talks " + SCRIPT + " " + JS_TEMPLATE,
    "Bridge " + SVG + " {{7*7}}",
]
MAP_TITLE = "Border " + ALL
LAYER_TITLE = "Custom " + ALL
LEGEND = "Legend " + ALL
# A column of rich HTML the spec names in popup_html: sanitised, so the bold and the https link stay.
RICH = '<b>bold</b> <a href="https://example.org/">site</a> <a href="javascript:window.__pwned=5">js</a> '

# Elements carrying an inline event handler (onerror, onload...): none should exist.
NO_HANDLERS = """() => [...document.querySelectorAll('*')]
    .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML)"""
OPEN_ALL = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const texts = {popups: [], tooltips: []};
    map.eachLayer(l => {
        if (!l.feature || (!l.getPopup() && !l.getTooltip())) { return; }
        if (l.getPopup()) {
            l.openPopup();
            texts.popups.push(l.getPopup().getElement().querySelector('.leaflet-popup-content').innerText);
            l.closePopup();
        }
        if (l.getTooltip()) {
            l.openTooltip();
            texts.tooltips.push(l.getTooltip().getElement().innerText);
            l.closeTooltip();
        }
    });
    return texts;
}"""


def _custom_layer(folder: Path) -> Path:
    """A GeoJSON point per payload (in every property) and a spec with payloads in its texts."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [127.4 + 0.03 * i, 50.3]},
            "properties": {
                "name": f"P{i} {text}",
                "kind": text,
                "note": text,
                "link": text,
                "rich": RICH + text,
                "when": "2024",
            },
        }
        for i, text in enumerate(PAYLOADS)
    ]
    (folder / "hostile.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    q = json.dumps  # a JSON string is a TOML basic string
    colors = "\n".join(f'{q(text)} = "#e41a1c"' for text in PAYLOADS)
    spec = f"""name = "hostile_custom"
title = {q(LAYER_TITLE)}
source = "hostile.geojson"
symbol = "circle"
legend = {q(LEGEND)}
tooltip = "{{name}}"
popup = [["name", {q("Name " + SVG)}], ["note", {q("Note " + JINJA[0])}], ["link", "Link"], ["rich", "Rich"]]
popup_html = ["rich"]
time = "when"

[style]
color_field = "kind"

[style.color_map]
{colors}
"""
    path = folder / "hostile.toml"
    path.write_text(spec)
    return path


SERIES_LABEL = "Trade " + ALL
SERIES_UNIT = "USD " + SVG


def _series_layer(folder: Path) -> None:
    """Three yearly figures of one hostile label and unit: a series, so each popup carries a chart."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [127.5, 50.1]},
            "properties": {
                "label": SERIES_LABEL,
                "metric": "trade " + IMG,
                "unit": SERIES_UNIT,
                "subject": JINJA[0],
                "period": str(year),
                "value": value,
            },
        }
        for year, value in ((2020, 1e9), (2021, 2e9), (2022, 3e9))
    ]
    (folder / "series.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    (folder / "series.toml").write_text(
        'name = "hostile_series"\ntitle = "Series"\nsource = "series.geojson"\nsymbol = "circle"\n'
        'tooltip = "{label}"\npopup = [["label", "Figure"], ["value", "Value"]]\ntime = "period"\n'
    )


def _build(root: Path, out: Path, *options: str) -> Path:
    """Run `geomap build` on the hostile articles and layers (written into root) with these options."""
    corpus = root / "articles"
    if not corpus.is_dir():
        corpus.mkdir()
        for name, text in ARTICLES.items():
            (corpus / name).write_text(text, encoding="utf-8")
        _custom_layer(root)
        _series_layer(root)
    subprocess.run(
        [sys.executable, "-m", "geomap", "build", str(corpus), "-o", str(out), "--title", MAP_TITLE,
         "--layers", str(root / "hostile.toml"), "--layers", str(root / "series.toml"), "--quiet", *options],
        cwd=root, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    """The map `geomap build` writes from the hostile articles and layers, offline: a default build asks
    for a tile to see whether the tiles can be had, and these pages are about the articles' text."""
    root = tmp_path_factory.mktemp("hostile")
    return _build(root, root / "map.html", "--offline")


def _open(page, path: Path) -> list[str]:
    """Open the page, tick every layer, and return any dialogs it raised."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    for box in page.locator(".leaflet-control-layers-overlays input[type=checkbox]").all():
        if not box.is_checked():
            box.evaluate("b => b.click()")  # long hostile titles make panels overlap on small screens
    page.wait_for_timeout(200)
    return dialogs


def test_hostile_payloads_never_run(offline_page, hostile_build):
    page, log = offline_page
    dialogs = _open(page, hostile_build)
    page.evaluate(OPEN_ALL)
    page.locator(".geomap-legend").hover()
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.evaluate(NO_HANDLERS) == []
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert log.problems() == []


def test_map_and_document_titles_show_as_typed(offline_page, hostile_build):
    page, _ = offline_page
    _open(page, hostile_build)
    assert page.title() == MAP_TITLE
    assert page.locator(".geomap-title h1").inner_text() == MAP_TITLE
    page.evaluate("() => { document.querySelector('.geomap-sources details').open = true; }")
    titles = page.locator(".geomap-sources .geomap-source-title").all_inner_texts()
    assert sorted(titles) == sorted(DOC_TITLES)


def test_layer_control_and_legend_show_as_typed(offline_page, hostile_build):
    page, _ = offline_page
    _open(page, hostile_build)
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert LAYER_TITLE in [label.strip() for label in labels]
    legend = page.locator(".geomap-legend").inner_text()
    assert LEGEND in legend
    keys = page.locator(".geomap-legend-key").all_inner_texts()
    assert set(PAYLOADS) <= {key.strip() for key in keys}


def test_popups_and_tooltips_show_as_typed(offline_page, hostile_build):
    page, _ = offline_page
    _open(page, hostile_build)
    texts = page.evaluate(OPEN_ALL)
    popups, tooltips = "\n".join(texts["popups"]), texts["tooltips"]
    # The custom layer: every property, every label, and the tooltip template's cells.
    for i, text in enumerate(PAYLOADS):
        assert f"P{i} {text}" in tooltips
        assert f"P{i} {text}" in popups
    assert "Name " + SVG in popups and "Note {{7*7}}" in popups
    # The articles: quoted sentences and the titles they are cited by.
    for sentence in (
        f"for the Russia-China Expo {IMG} {{{{7*7}}}} {{#.",
        f"on 16 May 2024 {BACKTICKS} and met Xi Jinping {{% raw %}} {SCRIPT}.",
        f"31.35 billion yuan in 2024 {SVG}.",
        f"was empty {JS_LINK} in October 2023.",
        f"in October 2023 {IMG} {{% raw %}} {JS_TEMPLATE}.",
        *DOC_TITLES,
    ):
        assert sentence in popups
    assert "49" not in popups


def test_payload_links_are_not_links(offline_page, hostile_build):
    page, _ = offline_page
    _open(page, hostile_build)
    page.evaluate(OPEN_ALL)
    hrefs = page.evaluate("() => [...document.querySelectorAll('[href]')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.lower().lstrip().startswith("javascript:")]


# Each custom feature's popup opened in turn: the rich cell's bold text, links and tags.
RICH_CELLS = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const out = [];
    map.eachLayer(l => {
        if (!l.feature || l.options.className !== 'geomap-hostile_custom') { return; }
        l.openPopup();
        const td = [...l.getPopup().getElement().querySelectorAll('td')].find(td => td.querySelector('b'));
        out.push(td ? {
            bold: td.querySelector('b').innerText,
            links: [...td.querySelectorAll('a')].map(a => [a.innerText, a.getAttribute('href')]),
            tags: [...td.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
        } : null);
        l.closePopup();
    });
    return out;
}"""


def test_rich_popup_column_keeps_only_allowed_tags(offline_page, hostile_build):
    page, log = offline_page
    _open(page, hostile_build)
    cells = page.evaluate(RICH_CELLS)
    assert len(cells) == len(PAYLOADS)
    for cell in cells:
        assert cell["bold"] == "bold"
        assert cell["links"] == [["site", "https://example.org/"], ["js", None]]
        assert set(cell["tags"]) <= {"b", "a"}
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert log.problems() == []


CHARTS = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const out = [];
    map.eachLayer(l => {
        if (!l.feature || l.options.className !== 'geomap-hostile_series') { return; }
        l.openPopup();
        const box = l.getPopup().getElement().querySelector('.geomap-chart-box');
        out.push({
            caption: box.querySelector('.geomap-chart-caption').innerText,
            label: box.querySelector('svg').getAttribute('aria-label'),
            bars: [...box.querySelectorAll('rect title')].map(t => t.textContent),
        });
        l.closePopup();
    });
    return out;
}"""


def test_series_chart_text_shows_as_typed(offline_page, hostile_build):
    page, log = offline_page
    _open(page, hostile_build)
    charts = page.evaluate(CHARTS)
    assert len(charts) == 3
    for chart in charts:
        assert chart["caption"] == chart["label"] == f"{SERIES_LABEL}, {SERIES_UNIT}"
        assert chart["bars"] == ["2020: 1 billion", "2021: 2 billion", "2022: 3 billion"]
    assert page.evaluate(NO_HANDLERS) == []
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert log.problems() == []


HOST_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Report</title></head>
<body><h1>Report</h1><p>Before the map.</p>
{fragment}
<p>After the map.</p></body></html>
"""


@pytest.fixture(scope="module", params=["inlined-page", "fragment"])
def other_output(request, tmp_path_factory) -> Path:
    """The same map as one self-contained page, or as a fragment pasted into a report's page."""
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "inlined-page":
        return _build(root, root / "map.html", "--inline-assets", "--offline")  # about text, not tiles
    fragment = _build(root, root / "map-fragment.html", "--format", "fragment", "--offline")
    host = root / "report.html"
    host.write_text(HOST_PAGE.replace("{fragment}", fragment.read_text("utf-8")), encoding="utf-8")
    return host


def test_other_outputs_run_nothing_and_show_text_as_typed(offline_page, other_output):
    page, log = offline_page
    dialogs = _open(page, other_output)
    circles = page.locator("path.geomap-hostile_custom")
    tooltips, popups = [], []
    for i in range(circles.count()):  # as a reader does: hover, then click (a fragment hides its map)
        circles.nth(i).dispatch_event("mouseover")
        tooltips.append(page.locator(".leaflet-tooltip").last.inner_text())
        circles.nth(i).dispatch_event("mouseout")
        circles.nth(i).dispatch_event("click")
        popups.append(page.locator(".leaflet-popup-content").last.inner_text())
    assert sorted(tooltips) == sorted(f"P{i} {text}" for i, text in enumerate(PAYLOADS))
    assert all(any(tip in popup for popup in popups) for tip in tooltips)
    assert page.evaluate("() => typeof window.__pwned") == "undefined" and dialogs == []
    assert (
        page.evaluate(NO_HANDLERS) == []
        and page.evaluate("() => document.querySelectorAll('img').length") == 0
    )
    assert page.locator(".geomap-title h1").inner_text() == MAP_TITLE
    assert LEGEND in page.locator(".geomap-legend").inner_text()
    assert log.problems() == []


def test_online_tiles_attribution_shows_as_typed(offline_page, tmp_path):
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    out = _build(tmp_path, tmp_path / "tiles.html", "--tiles", url, "--tiles-attr", "Tiles " + ALL)
    page, _ = offline_page  # the tiles' requests are blocked: this page is about the attribution
    dialogs = _open(page, out)
    page.locator(".leaflet-control-layers-base label", has_text="online tiles").locator("input").check()
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Tiles " + ALL in attribution
    assert page.evaluate("() => typeof window.__pwned") == "undefined" and dialogs == []
    assert page.evaluate(NO_HANDLERS) == []
