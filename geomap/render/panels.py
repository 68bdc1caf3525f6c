"""Escaped HTML of the map's title and sources panels (the legend's is in legend.py)."""

from __future__ import annotations

from collections.abc import Sequence

from geomap.model import Document
from geomap.render.safe import html_text


def title_html(title: str, documents: Sequence[Document]) -> str:
    """The map's heading and how many articles it was read from."""
    n = len(documents)
    note = f"<p>from {n} article{'s' if n != 1 else ''}</p>" if n else ""
    return f"<h1>{html_text(title)}</h1>{note}"


def sources_html(documents: Sequence[Document], total: int | None = None) -> str:
    """The articles the map was built from: title, date and file name of each; with total, the list
    is the quoted part of that many articles (cited.py) and its heading says so."""
    items = "".join(
        f'<li><span class="geomap-source-title">{html_text(doc.title or doc.source)}</span><br>'
        f'<span class="geomap-source-meta">'
        f"{' · '.join(html_text(x) for x in (doc.date or 'undated', doc.source) if x)}</span></li>"
        for doc in documents
    )
    state = " open" if len(documents) <= 3 else ""  # a long list starts folded, out of the map's way
    count = f"{len(documents):,} quoted of {total:,}" if total and total != len(documents) else len(documents)
    return f"<details{state}><summary>Sources ({count})</summary><ol>{items}</ol></details>"
