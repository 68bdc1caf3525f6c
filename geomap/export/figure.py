"""The map page turned into a report figure before Chromium draws it (PNG, PDF, SVG).

The interactive page's controls go (layer checkboxes, tiles choice, zoom buttons, time slider); the
title becomes a heading above the map; the legend, the sources (expanded and numbered as in the
popups) and the attribution go in a panel beside the map, so nothing covers the data; the view is fitted
to the data with room for the symbols, and the places' labels are placed again for that view.
"""

from __future__ import annotations

from typing import Any

import folium

# Room (px) kept between the data's extent and the map's edges: pins rise ~42 px above their point,
# circles reach up to ~30 px around theirs, and the scale bar sits in the bottom-left corner.
PADDING_TOP_LEFT = (40, 50)
PADDING_BOTTOM_RIGHT = (40, 46)

CSS = """
html, body { margin: 0; width: 100%; height: 100%; overflow: hidden; background: #fff; }
.geomap-figure { position: fixed; inset: 0; display: flex; flex-direction: column; background: #fff;
  color: #222; font: 12px/1.35 system-ui, sans-serif; }
.geomap-figure-body { flex: 1; display: flex; min-height: 0; }
.geomap-figure-portrait .geomap-figure-body { flex-direction: column; }
.geomap-figure-body > .folium-map { position: relative !important; flex: 1; width: auto !important;
  height: auto !important; left: 0 !important; top: 0 !important; min-width: 0; min-height: 0; }
.geomap-figure-head { padding: 5px 10px 4px; border-bottom: 1px solid #ddd; }
.geomap-figure-head h1 { font-size: 1.3em; margin: 0; line-height: 1.2; }
.geomap-figure-head p { margin: 0; color: #555; font-size: 0.9em; }
.geomap-figure-side { width: clamp(150px, 27vw, 300px); box-sizing: border-box; padding: 5px 9px;
  border-left: 1px solid #ddd; overflow: hidden; display: flex; flex-direction: column; gap: 6px; }
.geomap-figure-portrait .geomap-figure-side { width: auto; max-height: 45%; border-left: none;
  border-top: 1px solid #ddd; }
.geomap-figure-side .geomap-legend-heading, .geomap-figure-side .geomap-figure-sources-heading {
  font-weight: 600; margin-bottom: 2px; }
.geomap-figure-side .geomap-legend-item { gap: 5px; margin: 2px 0; }
.geomap-figure-side .geomap-legend-keys { margin: 0 0 2px 20px; font-size: 0.92em; }
.geomap-figure-side .geomap-legend-key { margin: 1px 0; }
.geomap-figure-sources ol { margin: 0; padding-left: 1.7em; }
.geomap-figure-sources li { margin: 0 0 2px; }
.geomap-figure-sources .geomap-source-meta { color: #666; font-size: 0.9em; }
.geomap-figure-attribution { margin-top: auto; color: #666; font-size: 0.85em; }
.geomap-figure .leaflet-control-scale { margin: 0 0 6px 8px; }
.geomap-figure .leaflet-control-scale-line { font-size: 10px; line-height: 1.2; padding: 0 4px; }
.geomap-figure .geomap-label { font-size: 11px; }
.geomap-figure-side .geomap-legend-keys { display: flex; flex-wrap: wrap; column-gap: 8px; }
.geomap-figure-more { color: #555; font-style: italic; }
"""

# Runs in the loaded page: makes the figure, fits the view, places the labels; returns the label count.
SCRIPT = r"""async ({bounds, css, topLeft, bottomRight}) => {
    const container = document.querySelector('.folium-map');
    const map = window[container.id];
    // The page's own opening fit (fit.py) first, so that it cannot move the figure's view afterwards.
    for (let i = 0; i < 200 && !map.geomapFitted; i++) {
        await new Promise(resolve => setTimeout(resolve, 10));
    }
    const take = selector => {
        const el = container.querySelector(selector);
        const html = el ? el.innerHTML : '';
        if (el) { el.remove(); }
        return html;
    };
    const style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);
    for (const selector of ['.leaflet-control-layers', '.leaflet-control-zoom', '.geomap-time']) {
        container.querySelectorAll(selector).forEach(el => el.closest('.leaflet-control')
            ? el.closest('.leaflet-control').remove() : el.remove());
    }
    // the page's list of events and its skip link are for readers of the page, not of a figure
    document.querySelectorAll('.geomap-events, .geomap-skip').forEach(el => el.remove());
    document.querySelectorAll('.geomap-legend-fold').forEach(button => {  // a heading, not a button
        const heading = document.createElement('strong');
        heading.className = 'geomap-legend-heading';
        heading.textContent = button.textContent;
        button.replaceWith(heading);
    });
    const title = take('.geomap-title');
    const legend = take('.geomap-legend');
    const sourcesBox = container.querySelector('.geomap-sources');
    let sources = '';
    if (sourcesBox) {
        const list = sourcesBox.querySelector('ol');
        const n = list ? list.children.length : 0;
        sources = `<div class="geomap-figure-sources-heading">Sources (${n})</div>`
            + (list ? list.outerHTML : '');
        sourcesBox.remove();
    }
    const attribution = container.querySelector('.leaflet-control-attribution');
    const credits = [];
    if (map.getPane('geomap-basemap') && map.getPane('geomap-basemap').children.length) {
        credits.push('Basemap: Natural Earth');
    }
    if (attribution) {
        const text = attribution.textContent.replace(/^\s*\W*\s*/, '').trim();
        if (text) { credits.push(text); }
        attribution.remove();
    }
    const figure = document.createElement('div');
    figure.className = 'geomap-figure' + (innerHeight > innerWidth ? ' geomap-figure-portrait' : '');
    const head = document.createElement('header');
    head.className = 'geomap-figure-head';
    head.innerHTML = title;
    const body = document.createElement('div');
    body.className = 'geomap-figure-body';
    const side = document.createElement('aside');
    side.className = 'geomap-figure-side';
    side.innerHTML = `<div class="geomap-figure-legend">${legend}</div>`
        + (sources ? `<div class="geomap-figure-sources">${sources}</div>` : '');
    const credit = document.createElement('div');
    credit.className = 'geomap-figure-attribution';
    credit.textContent = credits.join(' · ');
    side.appendChild(credit);
    container.parentNode.insertBefore(figure, container);
    figure.append(head, body);
    body.append(container, side);
    // The side panel fits the figure: smaller text, then sources without their file line, then
    // smaller still, then the last sources left out with a note saying how many.
    const fits = () => side.scrollHeight <= side.clientHeight + 1 && head.scrollWidth <= head.clientWidth + 1;
    const shrink = (from, to) => {
        for (let size = from; size >= to; size -= 0.5) {
            figure.style.fontSize = size + 'px';
            if (fits()) { return true; }
        }
        return false;
    };
    const fitSide = from => {
        if (shrink(from, 9)) { return; }
        side.querySelectorAll('.geomap-source-meta').forEach(el => {
            el.previousElementSibling?.remove();  // its <br>
            el.remove();
        });
        if (shrink(9, 7)) { return; }
        const items = [...side.querySelectorAll('.geomap-figure-sources li')]
            .filter(li => li.style.display !== 'none');
        let note = side.querySelector('.geomap-figure-more');
        if (!note) {
            note = document.createElement('div');
            note.className = 'geomap-figure-more';
            side.querySelector('.geomap-figure-sources')?.appendChild(note);
        }
        while (items.length > 1 && !fits()) {
            items.pop().style.display = 'none';
            const hidden = side.querySelectorAll('.geomap-figure-sources li[style*="none"]').length;
            note.textContent = `and ${hidden} more`;
        }
    };
    fitSide(12);
    map.options.zoomSnap = 0.1;
    map.setMinZoom(0);
    map.setMaxBounds(null);
    map.invalidateSize({animate: false});
    if (bounds) {
        map.fitBounds(bounds, {paddingTopLeft: topLeft, paddingBottomRight: bottomRight, maxZoom: 10,
                               animate: false});
    }
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    if (map.geomapPlaceLabels) { map.geomapPlaceLabels(); }
    if (!fits()) {  // the key of numbered labels made the side panel longer
        fitSide(parseFloat(figure.style.fontSize) || 12);
    }
    return Number(container.getAttribute('data-geomap-labels') || 0);
}"""


def figure_bounds(m: folium.Map) -> list[list[float]] | None:
    """The [[south, west], [north, east]] the page opens on (its FitBounds), None if it has none."""
    for child in m._children.values():
        if isinstance(child, folium.map.FitBounds):
            return [list(map(float, corner)) for corner in child.bounds]
    return None


def figure_options(bounds: list[list[float]] | None) -> dict[str, Any]:
    """The argument SCRIPT takes; with no bounds the page's own view stays."""
    return {
        "bounds": bounds,
        "css": CSS,
        "topLeft": list(PADDING_TOP_LEFT),
        "bottomRight": list(PADDING_BOTTOM_RIGHT),
    }
