"""A standalone page's landmarks and zoom: the map and its list of events inside one <main>, and a
viewport tag that lets the reader zoom the page (folium's disables it, which axe-core flags)."""

from __future__ import annotations

import re

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.S)
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'
# The map fills the page as before: <main> takes the body's full size, the list of events follows it.
MAIN_CSS = "<style>main.geomap-page { display: block; width: 100%; height: 100%; }</style>\n"


def accessible_page(html: str) -> str:
    """The page with the zoomable viewport tag and its body's content wrapped in <main>; a page not
    laid out as folium's (head, then body) is returned as it is."""
    head_end = html.find("</head>")
    body = html.find("<body>", head_end)
    body_end = html.find("</body>", body)
    if min(head_end, body, body_end) < 0:
        return html
    head = _VIEWPORT.sub(VIEWPORT, html[:head_end], count=1)
    inner = html[body + len("<body>") : body_end]
    return (f'{head}{MAIN_CSS}{html[head_end:body]}<body>\n<main class="geomap-page">{inner}</main>\n'
            f"{html[body_end:]}")  # fmt: skip
