"""The articles a page lists as its sources: all of them for a small corpus; past MAX_LISTED only those
the drawn symbols quote, so that 100,000 articles do not become a 100,000-item list in the page."""

from __future__ import annotations

from collections.abc import Sequence

from geomap.layers import Layer
from geomap.model import Document
from geomap.render.text import DocumentIndex, evidence

MAX_LISTED = 200  # articles listed whole; beyond, the list keeps the quoted ones


def listed_documents(layers: Sequence[Layer], documents: Sequence[Document]) -> list[Document]:
    """The documents the sources panel lists, in their order: every one, or past MAX_LISTED those
    a drawn row quotes."""
    if len(documents) <= MAX_LISTED:
        return list(documents)
    index = DocumentIndex(documents)
    quoted: set[int] = set()
    for layer in layers:
        rows = layer.data.drop(columns=layer.data.geometry.name).to_dict("records")
        for row in rows:
            for item in evidence(row, index):
                if (doc := index.get(item["doc"])) is not None:
                    quoted.add(id(doc))
    return [doc for doc in documents if id(doc) in quoted]
