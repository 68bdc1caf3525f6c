"""Maps from notebooks and scripts: specs and data frames as layers, through the same code as `geomap build`.

    m = geomap.Map(title="Rail and crossings")
    m.add_specs("layers/")                      # TOML specs, as `geomap build --layers`
    m.add_layer(gdf, name="rail", symbol="line", style={"color": "#d94801"}, tooltip="{name}")
    m.add_events(["articles/"])                 # the built-in visits/crossings/traffic/places layers
    m.add_reviewed("review/")                   # ... or them from a corrected `geomap extract` folder
    m.save("output/rail.html")                  # or just `m` as a notebook cell's last line
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.layers import Context, Layer, LayerSpec, build_layers, builtin_specs
from geomap.layers.load import read_spec_files
from geomap.layers.prepare import geometry_kinds, symbol_for
from geomap.layers.problems import SpecError, key_name
from geomap.layers.schema import validate_spec
from geomap.layers.spec import source_kind

if TYPE_CHECKING:
    import folium

    from geomap.model import Document
    from geomap.pipeline import Extraction


def _argument(loc: Sequence[str | int]) -> str:
    return f"argument {key_name(loc)!r}"


def _guess_symbol(data: Any) -> str:
    """circle for points or a table with coordinates, line or polygon by the geometries."""
    import geopandas as gpd

    if isinstance(data, gpd.GeoDataFrame) and data._geometry_column_name in data:
        return symbol_for(geometry_kinds(data) or {"point"})
    return "circle"


class Map:
    """A map of layers from specs, data frames and articles; renders with geomap.render like a build."""

    def __init__(self, title: str | None = None, *, border: bool = True, tiles: str | None = None,
                 tiles_attr: str | None = None, strict: bool = False, height: int = 600) -> None:  # fmt: skip
        self.title, self.tiles, self.tiles_attr = title, tiles, tiles_attr
        self.strict, self.height = strict, height
        self.specs: dict[str, LayerSpec] = {}
        self.frames: dict[str, Any] = {}
        self.tables: Mapping[str, Any] | None = None
        self.documents: list[Document] = []
        if border:
            self._add([s for s in builtin_specs() if s.name == "border"])

    def _add(self, specs: Iterable[LayerSpec]) -> None:
        for spec in specs:
            self.specs.pop(spec.name, None)  # a later spec of the same name replaces the earlier one
            self.specs[spec.name] = spec

    def add_specs(self, *paths: str | Path) -> Map:
        """Add the specs in these files or folders (*.toml); SpecError lists every problem."""
        specs, problems = read_spec_files(paths)
        if problems:
            raise SpecError(problems)
        self._add(specs)
        return self

    def add_layer(
        self,
        data: Any,
        *,
        name: str,
        title: str | None = None,
        symbol: str | None = None,
        style: Mapping[str, Any] | None = None,
        popup: Sequence[Any] = (),
        popup_html: Sequence[str] = (),
        tooltip: str = "",
        legend: str = "",
        show: bool = True,
        z: int = 0,
        fit: bool = True,
        time: str = "",
        time_end: str = "",
        read: Mapping[str, Any] | None = None,
    ) -> Map:
        """Add a (Geo)DataFrame, or a source string (a file path, 'python:m:f', 'plugin:x'), as a layer.

        The keyword arguments are a spec's keys, checked by the same schema; errors name the argument."""
        import pandas as pd

        is_frame = isinstance(data, pd.DataFrame)
        if not is_frame and not isinstance(data, str | Path):
            expected = "a GeoDataFrame, a DataFrame with lat/lon columns or a source string"
            raise SpecError([f"Map.add_layer(name={name!r}): argument 'data': expected {expected}, "
                             f"found {type(data).__name__}"])  # fmt: skip
        source = f"frame:{name}" if is_frame else str(data)
        if symbol is None and (is_frame or source_kind(source)[0] == "file"):
            symbol = _guess_symbol(data if is_frame else _read_for_guess(source, read or {}))
        given = dict(name=name, title=name if title is None else title, source=source, symbol=symbol,
                     style=dict(style or {}), popup=list(popup), popup_html=list(popup_html),
                     tooltip=tooltip, legend=legend, show=show, z=z, fit=fit, time=time, time_end=time_end,
                     read=dict(read or {}))  # fmt: skip
        given = {k: v for k, v in given.items() if v is not None}
        spec, problems = validate_spec(given, f"Map.add_layer(name={name!r})", describe=_argument)
        if spec is None:
            raise SpecError(problems)
        if is_frame:
            self.frames[name] = data
        self._add([spec])
        return self

    def add_events(self, source: Extraction | Sequence[str | Path] | str | Path | None = None) -> Map:
        """Add the built-in event layers (places, crossings, traffic, visits) read from articles:
        an Extraction (geomap.pipeline.run), files/folders of articles, or None for the bundled example."""
        from geomap.pipeline import Extraction, run

        if isinstance(source, Extraction):
            extraction = source
        else:
            paths = [source] if isinstance(source, str | Path) else list(source or [])
            extraction = run(paths)
        self.tables, self.documents = extraction.tables, extraction.documents
        self._add([s for s in builtin_specs() if source_kind(s.source)[0] == "events"])
        return self

    def add_reviewed(self, folder: str | Path) -> Map:
        """Add the built-in event layers read from a `geomap extract` folder an analyst corrected
        (as `geomap build --events`); geomap.review.ReviewError names the first bad feature."""
        from geomap.review import cited_documents, read_extraction

        self.tables = read_extraction(folder)
        self.documents = cited_documents(self.tables)
        self._add([s for s in builtin_specs() if source_kind(s.source)[0] == "events"])
        return self

    @property
    def shown_title(self) -> str:
        """The title given, else one naming the borders the events are on ('geomap' without events)."""
        from geomap.layers.borders import border_title, event_pairs

        if self.title is not None:
            return self.title
        return border_title(event_pairs(self.tables)) if self.tables is not None else "geomap"

    def layers(self) -> list[Layer]:
        """Every layer read from its source (EPSG:4326), in drawing order."""
        context = Context(tables=self.tables, frames=self.frames)
        return build_layers(self.specs.values(), context, strict=self.strict)

    def to_folium(self) -> folium.Map:
        """The folium map, as `geomap build` makes it."""
        from geomap.render import build_map

        return build_map(self.layers(), title=self.shown_title, documents=self.documents, tiles=self.tiles,
                         tiles_attr=self.tiles_attr)

    def save(self, path: str | Path, *, format: str | None = None, inline_assets: bool | None = None,
             width: int | None = None, height: int | str | None = None, scale: float | None = None) -> Path:
        """Write the map atomically, with `geomap build`'s options: html or fragment (assets inlined unless
        inline_assets is False, then in <stem>_files/; a fragment's CSS height, the map's by default),
        png/pdf/svg (width, height, scale). format None: the one path's suffix names (.html, .png, .pdf,
        .svg)."""
        from geomap.export import write_map
        from geomap.export.naming import output_and_format

        path, format = output_and_format(path, format)
        if format == "fragment" and height is None:
            height = self.height
        return write_map(self.to_folium(), path, format=format, inline_assets=inline_assets, width=width,
                         height=height, scale=scale)  # fmt: skip

    def to_html(self) -> str:
        """The page as one self-contained HTML string (scripts and styles inlined)."""
        from geomap.export import render_html
        from geomap.render.assets import localize_html

        return localize_html(render_html(self.to_folium()), Path("map.html"), inline=True)

    def _repr_html_(self) -> str:
        """Jupyter's view: the self-contained page in an iframe, its scripts apart from the notebook's."""
        page, title = escape(self.to_html(), quote=True), escape(self.shown_title, quote=True)
        return (f'<iframe srcdoc="{page}" title="{title}" '
                f'style="width: 100%; height: {int(self.height)}px; border: none"></iframe>')  # fmt: skip


def _read_for_guess(source: str, read: Mapping[str, Any]) -> Any:
    """A file's rows, to guess the symbol that draws them."""
    from geomap.layers.files import read_file

    return read_file(Path(source), read, source)
