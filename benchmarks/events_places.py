"""Do the places of the events dev set's keys resolve? Crossing sides and visit places, within 25 km.

Run: python benchmarks/events_places.py [SHARED_DIR] [--details]
For every crossing side and visit place in the answer keys of ../shared/events-gold/dev that has a
point, the geoparser's mentions of that name in the article are looked up (names compared after
transliteration to Latin letters, case and punctuation dropped, so Cyrillic and Chinese spellings
count; a word may differ in its ending, as inflected languages write it). A key place is resolved
when one such mention lies within 25 km of the key's point. Places named in one article are counted
once per article. Issue 9's target is every one of them. A key place whose name the article never
writes in any such form (an exonym, or a side the key adds) is counted apart and listed.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from geomap.geoparse.gold import km

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
WITHIN_KM = 25.0
# Words of a key's name that describe the place rather than name it ("Rafah crossing (Egyptian side)").
DESCRIPTIVE = {
    "port",
    "of",
    "entry",
    "crossing",
    "border",
    "station",
    "guard",
    "side",
    "gate",
    "bridge",
    "site",
    "province",
    "international",
    "the",
    "egyptian",
    "east",
    "west",
    "north",
    "south",
    "new",
    "upper",
    "lower",
    "ariz",
    "son",
    "ont",
    "n",
    "y",
}
STEM = 5  # letters a name word and a mention word must share when they differ in their endings


@dataclass(frozen=True)
class KeyPlace:
    """One place of an answer key: its article, its name as keyed, and its point."""

    doc: str
    role: str  # "side" or "visit"
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Outcome:
    """How one key place fared: the nearest same-name mention's distance (None: no such mention)."""

    key: KeyPlace
    km: float | None
    nearest: str  # the mention's text and the place it resolved to
    named: bool = True  # the article writes the key's name (in some spelling) somewhere

    @property
    def resolved(self) -> bool:
        return self.km is not None and self.km <= WITHIN_KM


def latin_words(text: str) -> list[str]:
    """The text's words in lower-case Latin letters (Chinese syllables run together, as in 'suifenhe')."""
    from pypinyin import lazy_pinyin
    from unidecode import unidecode

    if re.search(r"[\u4e00-\u9fff]", text):
        text = "".join(lazy_pinyin(text))
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def name_words(name: str) -> list[str]:
    """The words of a key's name that name the place (descriptive words dropped)."""
    return [w for w in latin_words(name) if w not in DESCRIPTIVE and len(w) > 1]


def same_word(a: str, b: str) -> bool:
    """Equal, or sharing their first STEM letters with a difference in ending only."""
    if a == b:
        return True
    return len(a) >= STEM and len(b) >= STEM and a[:STEM] == b[:STEM] and abs(len(a) - len(b)) <= 3


def names_the_place(mention_text: str, key_name: str) -> bool:
    """Does a mention's text name the key's place? Any naming word in common, or the same letters
    once spaces are dropped ('Zamyn Uud' and 'Zamyn-Üüd', 'Sui Fen He' and 'Suifenhe')."""
    mention = latin_words(mention_text)
    key = name_words(key_name)
    if not mention or not key:
        return False
    if "".join(mention) in ("".join(key), *key):
        return True
    return any(same_word(m, k) for m in mention for k in key if len(m) > 2)


def key_places(dev: Path) -> list[KeyPlace]:
    """Crossing sides and visit places with a point, once per article and name."""
    out: dict[tuple[str, str], KeyPlace] = {}
    for path in sorted(dev.glob("*.events.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        doc = path.name.removesuffix(".events.json") + ".txt"
        rows = [("visit", v.get("place"), v.get("lat"), v.get("lon")) for v in key.get("visits", [])]
        rows += [("side", s.get("name"), s.get("lat"), s.get("lon"))
                 for c in key.get("crossings", []) for s in c.get("sides", [])]  # fmt: skip
        for role, name, lat, lon in rows:
            if name and lat is not None and lon is not None:
                out.setdefault((doc, name), KeyPlace(doc, role, name, float(lat), float(lon)))
    return list(out.values())


def outcomes(dev: Path, gazetteer=None) -> list[Outcome]:
    """Geoparse each article of the dev folder and judge each key place against its mentions."""
    from geomap.corpus import load_documents
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc

    keys = key_places(dev)
    docs = load_documents(sorted(dev / k for k in {k.doc for k in keys}))
    by_doc = mentions_by_doc(docs, gazetteer or load_gazetteer())
    by_path = {Path(d.path).name if d.path else d.id: by_doc.get(d.id, []) for d in docs}
    words = {Path(d.path).name if d.path else d.id: latin_words(d.text) for d in docs}
    result = []
    for key in keys:
        named = any(same_word(w, k) for w in words.get(key.doc, []) for k in name_words(key.name))
        best: tuple[float, str] | None = None
        for m in by_path.get(key.doc, []):
            if names_the_place(m.text, key.name):
                d = km(key.lat, key.lon, m.place.lat, m.place.lon)
                if best is None or d < best[0]:
                    best = (d, f"{m.text!r} -> {m.place.name} ({m.place.country}, {m.place.id})")
        distance, nearest = best if best else (None, "")
        result.append(Outcome(key, distance, nearest, named or best is not None))
    return result


def report(results: list[Outcome], details: bool = False) -> str:
    """Share resolved, per role and in all; with details, every key place not resolved."""
    lines = []
    named = [r for r in results if r.named]
    for role in ("side", "visit", None):
        chosen = [r for r in named if role is None or r.key.role == role]
        done = sum(r.resolved for r in chosen)
        label = {"side": "crossing sides", "visit": "visit places", None: "all"}[role]
        share = done / len(chosen) if chosen else 0.0
        lines.append(f"key places within {WITHIN_KM:.0f} km, {label}: {done} / {len(chosen)} ({share:.2f})")
    apart = [r for r in results if not r.named]
    lines.append(f"key places the article never names as keyed (not counted): {len(apart)}")
    if details:
        for r in apart:
            lines.append(f"  {r.key.doc} {r.key.role} {r.key.name!r}: not named as keyed")
        for r in named:
            if not r.resolved:
                how = "no mention of the name" if r.km is None else f"{r.km:.0f} km off: {r.nearest}"
                lines.append(f"  {r.key.doc} {r.key.role} {r.key.name!r}: {how}")
    return "\n".join(lines)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(args[0]) if args else DEFAULT_SHARED
    dev = shared / "events-gold" / "dev"
    if not dev.is_dir():
        print(f"{dev}: not found; nothing to measure")
        return
    print(report(outcomes(dev), details="--details" in sys.argv))


if __name__ == "__main__":
    main()
