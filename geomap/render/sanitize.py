"""Rich HTML for popup columns a spec names in `popup_html`: kept only through an allowlist (nh3, the
Python binding of the Rust sanitiser ammonia) — b, i, em, strong, p, br, lists, and links to http(s)
or mailto — with braces as character references afterwards (see safe.py for why)."""

from __future__ import annotations

from geomap.errors import GeomapError

TAGS = frozenset({"b", "i", "em", "strong", "a", "p", "br", "ul", "ol", "li"})
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def sanitize_html(html: str) -> str:
    """`html` with every tag, attribute and link outside the allowlist removed (a script's or style's
    content too; relative links lose their href), links opening in a new tab; braces neutralised."""
    try:
        import nh3
    except ImportError:  # pragma: no cover - nh3 is a dependency
        raise GeomapError("popup_html needs the nh3 package (pip install nh3) to sanitise HTML") from None
    clean = nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    )
    return clean.translate(_BRACES)
