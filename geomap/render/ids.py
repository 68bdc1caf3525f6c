"""Deterministic element ids, so the same map renders to the same bytes (folium's are random)."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Iterator

from branca.element import Element


def content_prefix(*parts: str) -> str:
    """A short hash of the map's content: stable for one map, different for two maps on a page."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:8]


def _subelements(element: Element) -> Iterator[Element]:
    # Figure and Popup keep header/html/script containers outside _children.
    for attr in ("header", "html", "script"):
        sub = getattr(element, attr, None)
        if isinstance(sub, Element):
            yield sub


def stabilize_ids(root: Element, prefix: str) -> None:
    """Renumber every element under root, depth first, as <prefix>_<n>; children keep their order."""
    counter = itertools.count()

    def visit(element: Element) -> None:
        element._id = f"{prefix}_{next(counter)}"
        for sub in _subelements(element):
            visit(sub)
        children: OrderedDict[str, Element] = OrderedDict()
        for key, child in element._children.items():
            named = key == child.get_name()  # keyed by its old, random name
            visit(child)
            children[child.get_name() if named else key] = child
        element._children = children

    visit(root)


_RENDER_LOCK = threading.Lock()


@contextlib.contextmanager
def _numbered_ids(prefix: str) -> Iterator[None]:
    """While inside, new elements get ids <prefix>_r<n> instead of random ones."""
    counter = itertools.count()
    original = Element.__dict__["_generate_id"]
    with _RENDER_LOCK:
        Element._generate_id = classmethod(lambda cls: f"{prefix}_r{next(counter)}")
        try:
            yield
        finally:
            Element._generate_id = original


def render_page(root: Element) -> str:
    """Render a figure; elements folium adds while rendering get numbered ids too, so a map renders
    to the same bytes however often it is rendered."""
    figure = root.get_root()
    with _numbered_ids(figure._id):
        return figure.render()
