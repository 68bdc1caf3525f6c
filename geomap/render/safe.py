"""Text made safe for the page: HTML-escaped, with braces as character references.

folium renders each element's script through Jinja and then hands the result to branca as the
template of another element, so a '{{ }}', '{% %}' or '{#' that reached a script would be run (or
break the render) as Jinja, in Python, at build time. Every string from a document, a user's file
or a spec goes through `html_text`, so none reaches the page with a brace in it.
"""

from __future__ import annotations

from html import escape

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def html_text(text: object) -> str:
    """`text` as HTML that shows it as typed: <, >, &, quotes and braces as character references."""
    return escape(str(text), quote=True).translate(_BRACES)
