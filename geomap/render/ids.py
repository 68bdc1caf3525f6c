"""Deterministic element ids, so the same map renders to the same bytes (folium's are random)."""

from __future__ import annotations

import hashlib
import itertools
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
