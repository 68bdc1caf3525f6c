"""Load documents (txt, md, html; records files with one article per row) from files, folders or globs,
with their title and date."""

from __future__ import annotations

import glob
import hashlib
import re
import warnings
from collections.abc import Iterable
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from geomap.errors import GeomapError, InputWarning
from geomap.model import Document
from geomap.records import RECORD_SUFFIXES, BadRecord, Columns, is_records, read_records

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# A leading "date YYYY-MM-DD" marker, on its own line or prefixed to the first line.
_DATE_MARKER = re.compile(r"\A\s*date:?\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?", re.IGNORECASE)
_FULL_DATES = [
    # a lookahead on the first character (a digit, a month's first letter) lets the regex engine
    # skip most positions fast (a leading \b alone makes it try every one)
    re.compile(r"(?=\d)\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"(?=\d)\b(?P<day>\d{1,2})\s+" + _MONTH_RE + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"(?=[" + "".join(sorted({m[0] for m in _MONTHS})) + r"])\b" + _MONTH_RE
               + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.I),
]
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.S)
TITLE_MAX = 100


def load_documents(paths: Iterable[str | Path], columns: Columns | None = None) -> list[Document]:
    """Read every document named by files, folders (recursively) or glob patterns, in path order;
    records files (JSON Lines, CSV, Parquet: one article per row, columns named by `columns`) give
    one document per row.

    A file named on its own that is not a text document (binary, not UTF-8, empty) is an error naming
    it; one found in a folder or by a pattern is skipped with a warning, so one stray file does not stop
    a corpus. A records row that holds no article is skipped with a warning naming its file and line."""
    paths = list(paths)
    docs = [d for source, named in sources(paths) for d in read_source(source, named, columns)]
    check_corpus(docs, paths)
    return docs


def sources(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """The files (and Parquet folders) the paths name, in order, each with whether it was named on its
    own (then a file that is no text document is an error, not a warning)."""
    paths = list(paths)
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    return [(f, f.resolve() in named) for f in _expand(paths)]


def read_source(source: Path, named: bool, columns: Columns | None = None) -> list[Document]:
    """The documents of one file (one per row of a records file), or none when a file found in a folder
    is no text document (a warning says so)."""
    if is_records(source):
        return [d for batch in read_records(source, columns or Columns(), on_bad=skip_row) for d in batch]
    try:
        return [read_document(source)]
    except GeomapError as err:
        if named:
            raise
        warnings.warn(f"{err}: skipped", InputWarning, stacklevel=3)
        return []


def check_corpus(docs: list[Document], paths: list[str | Path]) -> None:
    """At least one document, and no two the same (same name and text)."""
    if not docs:
        raise GeomapError("no text documents in " + ", ".join(str(p) for p in paths)
                          + " (every file found was skipped)")  # fmt: skip
    _check_unique_ids(docs)


def skip_row(bad: BadRecord) -> None:
    """Warn that a records row holding no article is skipped."""
    warnings.warn(f"{bad}: skipped", InputWarning, stacklevel=3)


def example_paths() -> list[Path]:
    """The small example corpus shipped with the package, written in the project's own words."""
    folder = resources.files("geomap") / "data" / "example"
    return sorted(Path(str(folder)).glob("*.md"))


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and is_records(p):  # a Parquet dataset: a folder of part files
            found.append(p)
        elif p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and _readable_name(f))
        elif p.is_file():
            found.append(p)
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            files = [m for m in matches if m.is_file() and _readable_name(m)]
            if not files:
                raise GeomapError(f"{raw}: no .txt, .md, .html or records file matches this pattern")
            found += files
        else:
            raise GeomapError(f"{raw}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    if not unique:
        raise GeomapError(
            "no documents found in " + ", ".join(str(p) for p in paths)
            + " (expected .txt, .md or .html files, or .jsonl, .csv or .parquet records)"
        )
    return unique


def _readable_name(path: Path) -> bool:
    """A text document's or a records file's name (.txt, .md, .html; .jsonl, .csv, .parquet...)."""
    return path.suffix.lower() in SUFFIXES or path.name.lower().endswith(RECORD_SUFFIXES)


def read_document(path: Path) -> Document:
    """Read one file; its text is kept exactly as read so offsets point into it."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            raw = fh.read()
    except UnicodeDecodeError as exc:
        raise GeomapError(
            f"{path}: byte {exc.start} is not UTF-8 (expected a UTF-8 text file)"
        ) from None
    except OSError as exc:
        raise GeomapError(f"{path}: cannot read ({exc.strerror})") from None
    if "\x00" in raw:  # valid UTF-8, but no text file holds NUL bytes: an image, archive or database
        raise GeomapError(f"{path}: character {raw.index(chr(0))} is a NUL byte (expected a text file)")
    suffix = path.suffix.lower()
    meta: dict[str, str] = {}
    if suffix in (".html", ".htm"):
        text, meta = html_to_text(raw)
    else:
        text = raw
        if suffix in (".md", ".markdown"):
            meta = _front_matter(text)
    if not text.strip():
        raise GeomapError(f"{path}: the document is empty (expected article text)")
    doc_date = valid_date(meta.get("date", "")) or find_date(text)
    title = meta.get("title") or find_title(text)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return Document(
        id=f"{path.stem}-{digest}",
        path=str(path),
        title=title,
        date=doc_date,
        source=path.name,
        text=text,
    )


def find_date(text: str) -> str | None:
    """Publication date: a leading `date YYYY-MM-DD` marker, else the first full date in the text."""
    marker = _DATE_MARKER.match(text)
    if marker and (iso := valid_date("-".join(marker.groups()))):
        return iso
    best: tuple[int, str] | None = None
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break  # no later match comes first
            iso = _match_to_iso(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
                break
    return best[1] if best else None


def find_title(text: str) -> str:
    """The first non-empty line (without a date marker or Markdown heading marks), shortened."""
    body = text[_DATE_MARKER.match(text).end():] if _DATE_MARKER.match(text) else text
    body = _FRONT_MATTER.sub("", body, count=1)
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return shorten_title(line)
    return "untitled"


def shorten_title(line: str) -> str:
    """A title line cut at a word to at most TITLE_MAX characters (with an ellipsis when cut)."""
    if len(line) <= TITLE_MAX:
        return line
    cut = line[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def _match_to_iso(m: re.Match[str]) -> str | None:
    parts = m.groupdict()
    month = parts.get("mon") or _MONTHS.get((parts.get("month") or "").lower().rstrip("."))
    try:
        return date(int(parts["year"]), int(month or 0), int(parts["day"])).isoformat()
    except (TypeError, ValueError):
        return None


def valid_date(value: str) -> str | None:
    """The ISO date a value starts with (quotes and a time after it allowed), else None."""
    value = value.strip().strip("'\"")[:10]
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def front_matter_span(text: str) -> tuple[int, int] | None:
    """(start, end) of a Markdown front matter block at the start of the text, None when none."""
    m = _FRONT_MATTER.match(text)
    return m.span() if m else None


def _front_matter(text: str) -> dict[str, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}
    meta = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("title", "date"):
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta


def _check_unique_ids(docs: list[Document]) -> None:
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise GeomapError(f"{d.path}: same name and text as {seen[d.id]} (duplicate document)")
        seen[d.id] = d.path


class _TextExtractor(HTMLParser):
    """Collects visible text, the <title>, and date metadata from an HTML page."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self._in_title:  # a title holds text only: a tag inside it is text someone typed
            self._title.append(self.get_starttag_text() or "")
            return
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key in ("date", "pubdate", "article:published_time", "datepublished", "dc.date"):
                self.meta.setdefault("date", a.get("content", ""))
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("date", a["datetime"])
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._in_title and tag != "title":
            self._title.append(f"</{tag}>")
            return
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (paragraphs on their own lines) and its title/date metadata."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    text = re.sub(r" ?\n[ \n]*", "\n\n", text).strip() + "\n"
    meta = dict(parser.meta)
    title = " ".join("".join(parser._title).split())
    if title:
        meta["title"] = shorten_title(title)
    return text, meta
