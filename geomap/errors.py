"""The one exception type for problems the user can cause or fix, and how its text reaches a terminal."""

import unicodedata


class GeomapError(Exception):
    """An error the user can cause or fix; the CLI prints it as one line."""


def printable(line: str) -> str:
    """`line` with control and bidi-format characters (from file names, cells, article text) written as
    escapes, so a message cannot recolour the terminal, move its cursor or reorder what it shows."""
    if line.isprintable():
        return line
    return "".join(
        c if c.isprintable() or c == " " or unicodedata.category(c) not in ("Cc", "Cf") else
        (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in line
    )  # fmt: skip


class InputWarning(UserWarning):
    """The input gives a poorer result than it looks: a file skipped, a corpus without places or events."""

    geomap_label = "warning"  # printed by the command line as "geomap: warning: ..."
