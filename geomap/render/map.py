"""Assemble the folium map: one FeatureGroup per layer, layer control, legend, title, sources."""

from __future__ import annotations

import json
from collections.abc import Sequence

import folium
from folium.template import Template

from geomap.errors import GeomapError
from geomap.layers import Layer
from geomap.model import Document
from geomap.render.base_layer import TileFallback
from geomap.render.basemap import WORLD, basemap_extent, basemap_geojson
from geomap.render.bulk import add_bulk_layer, bulk_drawing, is_bulk
from geomap.render.charts import add_charts
from geomap.render.cited import listed_documents
from geomap.render.controls import KeepInside, Panel, Stylesheet
from geomap.render.draw import add_layer, drawing
from geomap.render.features import layer_bounds
from geomap.render.fit import FitClearOfPanels
from geomap.render.groups import layer_groups
from geomap.render.ids import content_prefix, stabilize_ids
from geomap.render.labels import PlaceLabels
from geomap.render.legend import legend_html
from geomap.render.legend_sync import LegendSync
from geomap.render.listview import add_list_view
from geomap.render.name_labels import NameLabels
from geomap.render.panels import sources_html, title_html
from geomap.render.place_names import place_names
from geomap.render.reach import SPIDERFIER_JS, Reach, add_circle_pane, set_language
from geomap.render.safe import html_text, script_string
from geomap.render.small_screens import SmallScreens
from geomap.render.text import DocumentIndex
from geomap.render.timeslider import time_slider

# Only what the page uses: Leaflet, and awesome-markers with Font Awesome for the markers' glyphs.
JS = [
    ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),
    (
        "awesome_markers",
        "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js",
    ),
    ("spiderfier", SPIDERFIER_JS),
]
CSS = [
    ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),
    (
        "awesome_markers_font_css",
        "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css",
    ),
    (
        "awesome_markers_css",
        "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css",
    ),
]

MAX_ZOOM = 18
DEFAULT_VIEW = (115.0, 40.0, 135.0, 54.0)  # west, south, east, north: the Amur region


def build_map(
    layers: Sequence[Layer],
    *,
    title: str,
    documents: Sequence[Document] = (),
    tiles: str | None = None,
    tiles_attr: str | None = None,
    basemap: bool = True,
) -> folium.Map:
    """The interactive map of the layers (drawn by spec z), fitted to the data layers' extent."""
    layers = sorted(layers, key=lambda layer: (layer.spec.z, layer.spec.name))
    listed = listed_documents(layers, documents)  # past MAX_LISTED articles, the quoted ones
    docs = DocumentIndex(documents, listed)
    # Big point layers embed their rows once, compactly (bulk.py); the others as GeoJSON.
    drawn = [bulk_drawing(layer, docs) if is_bulk(layer) else drawing(layer, docs) for layer in layers]
    drawn = [add_charts(la, d, docs) for la, d in zip(layers, drawn, strict=True)]  # series in popups
    view = _view(layers)

    m = folium.Map(
        location=[(view[1] + view[3]) / 2, (view[0] + view[2]) / 2],
        zoom_start=5,
        tiles=None,
        zoom_control="bottomright",
        control_scale=True,
        maxZoom=MAX_ZOOM,  # Leaflet.markercluster needs one, and the offline map has no tiles to set it
    )
    m.default_js, m.default_css = list(JS), list(CSS)  # per map; folium's lists are shared
    m.get_root().title = html_text(title)
    set_language(m)
    Stylesheet().add_to(m)
    _add_background(m, view, tiles=tiles, tiles_attr=tiles_attr, basemap=basemap)
    add_circle_pane(m)
    for layer, data in zip(layers, drawn, strict=True):
        (add_bulk_layer if is_bulk(layer) else add_layer)(m, layer, data)
    west, south, east, north = view
    # Room for the marker pins above their points and for the panels in the corners (title and
    # layer control at the top, legend and sources at the bottom).
    m.fit_bounds(
        [[south, west], [north, east]],
        padding_top_left=(50, 140),
        padding_bottom_right=(50, 150),
        max_zoom=10,
    )
    if basemap:
        KeepInside(WORLD).add_to(m)  # no panning or zooming out past the world the basemap draws
    Panel(title_html(title, documents), position="topleft", css_class="geomap-title").add_to(m)
    legend = legend_html(layers)
    Panel(legend, position="bottomleft", css_class="geomap-legend").add_to(m)
    groups = layer_groups(m, layers)
    LegendSync(groups).add_to(m)  # the legend lists only the layers shown
    if (slider := time_slider(layers, drawn, groups)) is not None:
        slider.add_to(m)  # filters the dated layers' features by period
    PlaceLabels().add_to(m)  # names of the places the events are about, where they fit
    if listed:
        sources = sources_html(listed, len(documents))
        Panel(sources, position="bottomright", css_class="geomap-sources").add_to(m)
    control = folium.LayerControl(collapsed=False).add_to(m)
    Reach(groups).add_to(m)  # stacks spread, the smaller circle on top, symbols reached by keyboard
    SmallScreens(control).add_to(m)  # popups clear of panels, layer control and legend that fold
    add_list_view(m, layers, docs, groups)  # the events as a table below the map, tied to the symbols
    FitClearOfPanels(view).add_to(m)  # the opening view refitted around the panels as laid out

    fingerprint = json.dumps([title, [d.id for d in documents], drawn, legend], sort_keys=True)
    stabilize_ids(m.get_root(), content_prefix(fingerprint))
    return m


OFFLINE_BASEMAP = "Natural Earth: land, borders, rivers, names (offline)"


def _add_background(
    m: folium.Map,
    view: tuple[float, float, float, float],
    *,
    tiles: str | None,
    tiles_attr: str | None,
    basemap: bool,
) -> None:
    """The base layers: the offline basemap drawn from packaged data, with its place names, and
    online tiles when given, shown instead as soon as the page can reach them (base_layer.py)."""
    online = None
    if tiles is not None:
        online = online_tiles(tiles, tiles_attr, show=not basemap)
        online.add_to(m)
    if not basemap:
        return
    folium.map.CustomPane("geomap-basemap", z_index=250, pointer_events=False).add_to(m)
    offline = folium.GeoJson(
        basemap_geojson(view),
        name=OFFLINE_BASEMAP,
        overlay=False,
        control=online is not None,
        pane="geomap-basemap",
    )
    offline.add_to(m)
    NameLabels(place_names(basemap_extent(view)), offline).add_to(m)
    if online is not None:
        TileFallback(online, offline).add_to(m)


def online_tiles(tiles: str, attr: str | None, *, show: bool) -> folium.TileLayer:
    """The online base layer: a provider name xyzservices knows, or a {z}/{x}/{y} URL with its attribution."""
    name = "online tiles" if "{" in tiles else f"{tiles} (online)"
    try:
        return TileLayer(
            tiles,
            name=html_text(name),
            attr=html_text(attr) if attr else None,
            overlay=False,
            control=True,
            show=show,
        )
    except ValueError:
        raise GeomapError(
            f"tiles {tiles!r}: expected a tile provider name (e.g. OpenStreetMap, CartoDB positron) "
            "or a URL template with {z}/{x}/{y} and an attribution (--tiles-attr)"
        ) from None


class TileLayer(folium.TileLayer):
    """folium's tile layer with the URL written as a script string folium's second Jinja pass cannot
    read: a URL from a config file or a form (`{{ ... }}`, `{% %}`, `{#`) stays text and runs nothing."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.tileLayer(
                {{ this.url_script }},
                {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    @property
    def url_script(self) -> str:
        return script_string(self.tiles)


def _view(layers: Sequence[Layer]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the shown layers marked `fit`, else of all layers, else a default."""
    for chosen in ([la for la in layers if la.spec.fit and la.spec.show], list(layers)):
        boxes = [b for la in chosen if (b := layer_bounds(la)) is not None]
        if boxes:
            return (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
    return DEFAULT_VIEW
