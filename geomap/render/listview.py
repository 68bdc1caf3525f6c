"""What the map shows, as tables below it: what a keyboard or screen-reader user reads instead of symbols.

One table of the events (visits, crossings, status, figures), then one per other layer drawn a symbol
per row (places mentioned, the analyst's own layers). One row per symbol (kind, place, what, date,
source), sortable by any column; a row's place button shows its symbol on the map and opens its popup,
and opening a symbol's popup marks its row. Every cell is escaped here; the page inserts the tables
as built. Layers drawn in bulk (thousands of points), as a heat map or as the reference border are not
listed row by row: a note names the bulk and heat ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import MacroElement
from folium.template import Template

from geomap.layers import Layer
from geomap.render.bulk import is_bulk
from geomap.render.features import event_key
from geomap.render.formats import is_missing, iso_time
from geomap.render.groups import geojson_parts
from geomap.render.labels import label_html
from geomap.render.safe import html_text
from geomap.render.text import DocumentIndex, evidence, fill_template, template_columns, tooltip_html

# Per event layer, the templates of its place, what and date cells: the first whose columns are all
# filled wins. Layers not named here fall back to DEFAULT.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "visits": {
        "place": ("{name}",),
        "what": ("{who}: {occasion}", "{who}"),
        "date": ("{start} – {end}", "{start}", "{date_text}"),
    },
    "crossings": {
        "place": ("{name}",),
        "what": ("{mode}, {status}", "{mode}", "{status}"),
        "date": ("{doc_date}",),
    },
    "status": {"place": ("{crossing}",), "what": ("{what} ({mode})", "{what}"), "date": ("{date}",)},
    "traffic": {
        "place": ("{subject_name}",),
        "what": ("{label}: {value} {unit}", "{metric}: {value} {unit}"),
        "date": ("{period_text}", "{period}"),
    },
}
DEFAULT = {"place": ("{name}", "{place}", "{label}"), "what": (), "date": ()}
HEADINGS = ("Kind", "Place", "What", "Date", "Source")
SORTED_BY_KEY = {"Date"}  # columns sorted by an ISO key rather than by their text


def listed(layer: Layer) -> bool:
    """Whether a layer's rows go in the list: every layer drawn one symbol per row (not in bulk, not a
    heat map), but the reference border, which reports nothing."""
    spec = layer.spec
    return spec.symbol != "heat" and not spec.source.startswith("naturalearth:") and not is_bulk(layer)


def is_event_layer(layer: Layer) -> bool:
    """An event table's layer (visits, crossings, status, traffic): listed together, first."""
    return layer.spec.source.startswith("events:") and layer.spec.source != "events:places"


def unlisted(layer: Layer) -> bool:
    """A layer with rows on the map that the list cannot hold row by row (bulk or heat), named in a note."""
    return not layer.data.empty and (layer.spec.symbol == "heat" or is_bulk(layer))


def _first(templates: Sequence[str], row: Mapping[str, Any]) -> str:
    """Escaped text of the first template whose columns are all filled in the row ('' if none)."""
    for template in templates:
        columns = template_columns(template)
        if all(not is_missing(row.get(c)) and str(row.get(c)).strip() for c in columns):
            return fill_template(template, row)
    return ""


def _source(row: Mapping[str, Any], docs: DocumentIndex) -> str:
    """Escaped: the title and date of the first report behind a row, and how many more there are."""
    found = evidence(row, docs)
    if not found:
        return ""
    first = found[0]
    text = " · ".join(x for x in (first["title"] or first["doc"], first["date"]) if x)
    more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
    return html_text(text + more)


def _date_key(row: Mapping[str, Any], layer: Layer) -> str:
    for column in (layer.spec.time, "date", "start", "period", "doc_date"):
        if column and (iso := iso_time(row.get(column))):
            return iso
    return ""


def layer_rows(layer: Layer, docs: DocumentIndex) -> list[dict[str, str]]:
    """One dict of escaped cells per drawn row of a layer (key, kind, place, what, date, date_key, source)."""
    out = []
    spec, data = layer.spec, layer.data
    columns = COLUMNS.get(spec.name, DEFAULT) if is_event_layer(layer) else DEFAULT
    rows = data.drop(columns=data.geometry.name).to_dict("records")
    for i, (row, geom) in enumerate(zip(rows, data.geometry, strict=True)):
        if geom is None or geom.is_empty:
            continue
        tooltip = tooltip_html(row, spec)
        what = _first(columns["what"], row) or tooltip
        date = _first(columns["date"], row) or (_first((f"{{{spec.time}}}",), row) if spec.time else "")
        start, dash, end = date.partition(" – ")
        date = start if dash and start == end else date  # a one-day visit: its day once
        out.append({
            "key": event_key(spec, i),
            "kind": html_text(spec.title),
            "place": _first(columns["place"], row) or label_html(row, spec) or tooltip,
            "what": what,
            "date": date,
            "date_key": _date_key(row, layer),
            "source": _source(row, docs),
        })  # fmt: skip
    return out


def event_rows(layers: Sequence[Layer], docs: DocumentIndex) -> list[dict[str, str]]:
    """The rows of every event layer, in the layers' order."""
    return [r for layer in layers if listed(layer) and is_event_layer(layer) for r in layer_rows(layer, docs)]


@dataclass
class Group:
    """One table of the list: its heading and its rows (cells escaped)."""

    heading: str
    rows: list[dict[str, str]]


def list_groups(layers: Sequence[Layer], docs: DocumentIndex) -> list[Group]:
    """The events' table, then one table per other listed layer with rows, in the layers' order."""
    groups = [Group("Events on the map", event_rows(layers, docs))]
    for layer in layers:
        if listed(layer) and not is_event_layer(layer):
            groups.append(Group(html_text(layer.spec.title), layer_rows(layer, docs)))
    return [g for g in groups if g.rows]


def _cell(name: str, r: Mapping[str, str]) -> str:
    """One escaped row's cell of a column; the place is the button that shows its symbol."""
    if name == "Place":
        return (f'<td data-label="Place"><button type="button" class="geomap-events-go">{r["place"] or "—"}'
                '<span class="geomap-sr"> (show on the map)</span></button></td>')
    if name == "Date":
        return f'<td data-label="Date" data-sort="{html_text(r["date_key"])}">{r["date"]}</td>'
    return f'<td data-label="{name}">{r[name.lower()]}</td>'


def _table(group: Group, *, headed: bool) -> str:
    """A group's table: its columns are those its rows fill (Kind only when rows differ in kind)."""
    rows = group.rows
    names = [n for n in HEADINGS if n == "Place" or (
        len({r["kind"] for r in rows}) > 1 if n == "Kind" else any(r[n.lower()] for r in rows))]
    head = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" class="geomap-events-sort" data-col="{i}">'
        f'{name}<span class="geomap-events-arrow" aria-hidden="true"></span></button></th>'
        for i, name in enumerate(names)
    )
    body = "".join(
        f'<tr data-ev="{html_text(r["key"])}">' + "".join(_cell(n, r) for n in names) + "</tr>" for r in rows
    )
    count = f"{group.heading} ({len(group.rows)})"
    heading = f'<h3 class="geomap-events-group-heading">{count}</h3>' if headed else ""
    return (
        f'<div class="geomap-events-group">{heading}<div class="geomap-events-scroll">'
        f'<table class="geomap-events-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        "</div></div>"
    )


def list_html(groups: Sequence[Group], notes: Sequence[str] = ()) -> str:
    """The section holding the tables (cells already escaped), with its heading and how to use it."""
    one = len(groups) == 1
    title = f"{groups[0].heading} ({len(groups[0].rows)})" if one else "On the map"
    tables = "".join(_table(g, headed=not one) for g in groups)
    note = "".join(f'<p class="geomap-events-help">{n}</p>' for n in notes)
    return (
        f'<h2 class="geomap-events-heading">{title}</h2>'
        '<p class="geomap-events-help">Choose a place to show its symbol on the map and open its popup; '
        "choose a column heading to sort by it. Opening a symbol on the map marks its row here.</p>"
        f"{tables}{note}"
    )


_CSS = """
.geomap-events { font: 14px/1.45 system-ui, sans-serif; color: #1f1f1f; background: #fff;
  padding: 12px 16px 20px; box-sizing: border-box; }
.geomap-events-heading { font-size: 18px; margin: 0 0 4px; }
.geomap-events-help { margin: 0 0 8px; color: #4a4a4a; }
.geomap-events-group { margin: 0 0 14px; }
.geomap-events-group-heading { font-size: 16px; margin: 10px 0 4px; }
.geomap-events-scroll { max-height: 70vh; overflow: auto; border: 1px solid #c8c8c8; }
.geomap-events-table { border-collapse: collapse; width: 100%; }
.geomap-events-table th, .geomap-events-table td { text-align: left; vertical-align: top; padding: 5px 8px;
  border-bottom: 1px solid #e2e2e2; }
.geomap-events-table td[data-sort] { white-space: nowrap; }
.geomap-events-table thead th { position: sticky; top: 0; background: #f2f2f2; z-index: 1; }
.geomap-events-sort { font: inherit; font-weight: 600; color: #1f1f1f; background: none; border: 0;
  padding: 0; cursor: pointer; }
.geomap-events-sort:focus-visible, .geomap-events-go:focus-visible, .geomap-skip:focus {
  outline: 3px solid #1a4f8b; outline-offset: 2px; }
th[aria-sort="ascending"] .geomap-events-arrow::after { content: " \\25B2"; }
th[aria-sort="descending"] .geomap-events-arrow::after { content: " \\25BC"; }
.geomap-events-go { font: inherit; color: #0b4f9c; text-decoration: underline; background: none; border: 0;
  padding: 0; cursor: pointer; text-align: left; }
.geomap-events-table tr.geomap-events-current td { background: #fff1b8; }
.geomap-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.geomap-skip { position: absolute; left: 8px; top: -60px; z-index: 2000; background: #fff; color: #0b4f9c;
  padding: 6px 10px; font: 600 14px system-ui, sans-serif; border-radius: 4px; }
.geomap-skip:focus { top: 8px; }
@media (max-width: 600px) {
  .geomap-events-table thead tr { display: flex; flex-wrap: wrap; gap: 4px 14px; }
  .geomap-events-table thead th { position: static; border: 0; padding: 4px 6px; }
  .geomap-events-table tr, .geomap-events-table td { display: block; }
  .geomap-events-table tbody tr { border-bottom: 1px solid #c8c8c8; padding: 4px 0; }
  .geomap-events-table td, .geomap-events-table td[data-sort] { border: 0; padding: 2px 8px;
    white-space: normal; }
  .geomap-events-table td::before { content: attr(data-label) ": "; font-weight: 600; color: #4a4a4a; }
  .geomap-events-table td:empty { display: none; }
}
@media print { .geomap-events, .geomap-skip { display: none; } }
.geomap-figure .geomap-events, .geomap-figure .geomap-skip { display: none; }
"""

_SCRIPT = Template(
    """
{% macro script(this, kwargs) %}
(function (map, parts, html, css) {
    var container = map.getContainer(), outer = container.closest(".geomap-fragment") || container;
    if (!document.getElementById("geomap-events-style")) {
        var style = document.createElement("style");
        style.id = "geomap-events-style";
        style.textContent = css;
        document.head.appendChild(style);
    }
    var section = document.createElement("section");
    section.className = "geomap-events";
    section.id = container.id + "-events";
    section.innerHTML = html;  // escaped where it was built
    var heading = section.querySelector(".geomap-events-heading");
    heading.id = section.id + "-heading";
    heading.tabIndex = -1;
    section.setAttribute("aria-labelledby", heading.id);
    outer.parentNode.insertBefore(section, outer.nextSibling);
    var skip = document.createElement("a");
    skip.className = "geomap-skip";
    skip.href = "#" + heading.id;
    skip.textContent = "Skip to the list of events";
    outer.parentNode.insertBefore(skip, outer);

    var byKey = {}, rows = {};
    parts.forEach(function (part) {
        part[0].eachLayer(function (layer) {
            var p = layer.feature && layer.feature.properties;
            if (p && p.ev) { byKey[p.ev] = {layer: layer, geo: part[0], group: part[1], holder: part[2]}; }
        });
    });
    section.querySelectorAll("tbody tr").forEach(function (tr) {
        var key = tr.getAttribute("data-ev");
        rows[key] = tr;
        tr.querySelector(".geomap-events-go").addEventListener("click", function () { show(key); });
    });
    function mark(key) {
        Object.keys(rows).forEach(function (k) {
            rows[k].classList.toggle("geomap-events-current", k === key);
            if (k === key) { rows[k].setAttribute("aria-current", "true"); }
            else { rows[k].removeAttribute("aria-current"); }
        });
        var tr = rows[key];
        if (tr) {  // within the table's own scroll box only: the page stays where the reader is
            var scroll = tr.closest(".geomap-events-scroll");
            var top = tr.offsetTop, view = scroll.scrollTop;
            if (top < view || top + tr.offsetHeight > view + scroll.clientHeight) {
                scroll.scrollTop = top - scroll.clientHeight / 2;
            }
        }
    }
    Object.keys(byKey).forEach(function (key) {
        byKey[key].layer.on("popupopen", function () { mark(key); });
    });
    function show(key) {
        var found = byKey[key];
        if (!found) { return; }
        var layer = found.layer;
        if (!map.hasLayer(found.group)) { map.addLayer(found.group); }
        if (!found.holder.hasLayer(layer)) { found.holder.addLayer(layer); }  // hidden by the time slider
        var where = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
        function open() {
            var el = layer._icon || layer._path;
            if (el && el.focus) { el.focus(); }
            layer.openPopup(where);
            mark(key);
        }
        if (found.holder.zoomToShowLayer) {  // a marker in a cluster: the cluster opens to show it
            found.holder.zoomToShowLayer(layer, open);
            return;
        }
        map.setView(where, Math.max(map.getZoom(), 6), {animate: false});
        open();
    }

    section.querySelectorAll(".geomap-events-table").forEach(function (table) {  // each sorts alone
        var order = {col: -1, up: true};
        table.querySelectorAll(".geomap-events-sort").forEach(function (button) {
            button.addEventListener("click", function () {
                var col = +button.getAttribute("data-col");
                order = {col: col, up: order.col === col ? !order.up : true};
                var body = table.querySelector("tbody");
                var list = Array.prototype.slice.call(body.rows);
                function value(tr) {
                    var cell = tr.cells[col];
                    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
                }
                list.sort(function (a, b) {
                    var c = value(a).localeCompare(value(b), undefined, {numeric: true, sensitivity: "base"});
                    return order.up ? c : -c;
                });
                list.forEach(function (tr) { body.appendChild(tr); });
                table.querySelectorAll("thead th").forEach(function (th, i) {
                    var sort = order.up ? "ascending" : "descending";
                    th.setAttribute("aria-sort", i === col ? sort : "none");
                });
            });
        });
    });
})({{ this._parent.get_name() }}, [
{%- for geo, group, holder in this.parts %}
    [{{ geo.get_name() }}, {{ group.get_name() }}, {{ holder.get_name() }}]{{ "," if not loop.last }}
{%- endfor %}
], {{ this.html|tojson }}, {{ this.css|tojson }});
{% endmacro %}
"""
)


class ListView(MacroElement):
    """The tables inserted after the map (after its fragment's box), tied to the symbols."""

    _template = _SCRIPT

    def __init__(self, html: str, groups: Mapping[str, folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "ListView"
        self.html = html
        self.css = _CSS
        self.parts = [(geo, group, holder) for _, group in sorted(groups.items())
                      for geo, holder in geojson_parts(group)]


def add_list_view(m: folium.Map, layers: Sequence[Layer], docs: DocumentIndex, groups: Mapping) -> None:
    """Add the tables below the map when any layer has rows to list."""
    tables = list_groups(layers, docs)
    notes = [f"{html_text(la.spec.title)}: {len(la.data):,} rows drawn together on the map, not listed here."
             for la in layers if unlisted(la)]
    if tables:
        ListView(list_html(tables, notes), groups).add_to(m)
