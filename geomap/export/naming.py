"""Which file a build writes and in which format: the default name follows the format, a format left out
is read from the file's suffix, and a suffix that contradicts the format is an error (so a PNG never
lands in a .html file, nor a build in one format over another's output)."""

from __future__ import annotations

from pathlib import Path

from geomap.errors import GeomapError

FORMATS = ("html", "fragment", "png", "pdf", "svg")
DEFAULT_FOLDER = Path("output")
DEFAULT_NAMES = {
    "html": "border_map.html",
    "fragment": "border_map.fragment.html",
    "png": "border_map.png",
    "pdf": "border_map.pdf",
    "svg": "border_map.svg",
}
SUFFIXES = {"html": (".html", ".htm"), "fragment": (".html", ".htm"), "png": (".png",), "pdf": (".pdf",),
            "svg": (".svg",)}
FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".png": "png", ".pdf": "pdf",
                    ".svg": "svg"}  # a fragment is asked for


def default_output(format: str = "html") -> Path:
    """output/border_map.html, .png, .pdf, .svg or .fragment.html: one name per format."""
    return DEFAULT_FOLDER / DEFAULT_NAMES[_known(format)]


def output_and_format(output: str | Path | None, format: str | None) -> tuple[Path, str]:
    """The file to write and its format, from what the user gave: neither (the html default), a format
    (its default name), a file (the format its suffix names) or both (which must agree)."""
    if output is None:
        fmt = _known(format or "html")
        return default_output(fmt), fmt
    out = Path(output)
    suffix = out.suffix.lower()
    if format is None:
        if suffix not in FORMAT_OF_SUFFIX:
            what = f"the suffix {out.suffix!r}" if out.suffix else "a name without a suffix"
            raise GeomapError(f"{out}: cannot tell the format from {what}: name the file .html, .png, "
                              ".pdf or .svg, or give --format html|fragment|png|pdf|svg")  # fmt: skip
        return out, FORMAT_OF_SUFFIX[suffix]
    fmt = _known(format)
    if suffix not in SUFFIXES[fmt]:
        wanted = " or ".join(SUFFIXES[fmt])
        found = f"not {out.suffix!r}" if out.suffix else "but the name has no suffix"
        raise GeomapError(f"{out}: --format {fmt} writes a {wanted} file, {found} "
                          f"(name it {out.stem}{SUFFIXES[fmt][0]}, or leave --format out)")  # fmt: skip
    return out, fmt


def _known(format: str) -> str:
    if format not in FORMATS:
        raise GeomapError(f"format {format!r}: expected one of {', '.join(FORMATS)}")
    return format
