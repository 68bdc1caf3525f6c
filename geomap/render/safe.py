"""Text made safe for the page: HTML-escaped, with braces as character references.

folium renders each element's script through Jinja and then hands the result to branca as the
template of another element, so a '{{ }}', '{% %}' or '{#' that reached a script would be run (or
break the render) as Jinja, in Python, at build time. Every string from a document, a user's file
or a spec goes through `html_text`, so none reaches the page with a brace in it; a string a script
needs as itself (the tiles URL) goes through `script_string`, whose braces are JavaScript escapes.
"""

from __future__ import annotations

import json
from html import escape

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
# Characters a JSON string literal in a <script> must not show as typed: the HTML parser's (<, >, &, ')
# and Jinja's ({, }), each as a JavaScript escape that reads back as the same character.
_SCRIPT_ESCAPES = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&'{}"})


# Embeddings, overrides and isolates: a name holding one would reorder what follows it on the page.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def html_text(text: object) -> str:
    """`text` as HTML that shows it as typed: <, >, &, quotes and braces as character references; text
    with bidi controls is isolated, so they reorder nothing outside it (a label, the next value)."""
    shown = escape(str(text), quote=True).translate(_BRACES)
    if _BIDI_CONTROLS.isdisjoint(shown):
        return shown
    return FIRST_STRONG_ISOLATE + _without_stray_pops(shown) + POP_DIRECTIONAL_ISOLATE


def _without_stray_pops(text: str) -> str:
    """`text` less the isolate closers that match no opener in it (they would close ours early)."""
    depth, kept = 0, []
    for c in text:
        if c in "\u2066\u2067\u2068":
            depth += 1
        elif c == POP_DIRECTIONAL_ISOLATE:
            if depth == 0:
                continue
            depth -= 1
        kept.append(c)
    return "".join(kept)


def script_string(text: str) -> str:
    """`text` as a JavaScript string literal for a script: the same string in the browser, and no
    character that ends the script or that Jinja would read when folium renders the script again."""
    return json.dumps(text).translate(_SCRIPT_ESCAPES)
