"""Scope a stylesheet to one element: every selector gets the element's id in front."""

from __future__ import annotations

import re

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_KEEP_AS_IS = ("@font-face", "@keyframes", "@-webkit-keyframes", "@import", "@charset", "@page")


def _prefix_selectors(selectors: str, scope: str) -> str:
    parts = [s.strip() for s in selectors.split(",") if s.strip()]
    return ", ".join(s if s.startswith(scope) else f"{scope} {s}" for s in parts)


def scope_css(css: str, scope: str) -> str:
    """`css` with each rule's selectors prefixed by `scope` (e.g. "#geomap-1a2b"), @media kept around."""
    css = _COMMENT.sub("", css)
    out: list[str] = []
    depth_kept = 0  # inside an @font-face/@keyframes block: copy verbatim
    stack: list[str] = []
    pos = 0
    for m in re.finditer(r"[{}]", css):
        chunk = css[pos : m.start()]
        pos = m.end()
        if m.group() == "{":
            head = chunk.strip()
            if depth_kept or head.startswith(_KEEP_AS_IS):
                depth_kept += 1
                out.append(chunk + "{")
                stack.append("kept")
            elif head.startswith("@"):
                out.append(head + " {")
                stack.append("at")
            else:
                out.append(_prefix_selectors(head, scope) + " {")
                stack.append("rule")
        else:
            out.append(chunk + "}")
            if stack and stack.pop() == "kept":
                depth_kept -= 1
            if not stack:
                out.append("\n")
    out.append(css[pos:])
    return "".join(out).strip() + "\n"
