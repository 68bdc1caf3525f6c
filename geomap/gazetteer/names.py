"""Name normalisation and hashing shared by the index builder and the geoparser."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from hashlib import blake2b

import numpy as np

_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
# Apostrophes are dropped: GeoNames writes soft signs as ’ (Zabaykal’sk), articles do not.
_QUOTES = str.maketrans({"’": "", "‘": "", "`": "", "ʼ": "", "'": ""})
_SPACES = re.compile(r"\s+")


def normalize(name: str) -> str:
    """Case-, dash-, apostrophe- and space-insensitive form used as the lookup key."""
    s = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
    s = _DASHES.sub("-", s)
    return _SPACES.sub(" ", s).strip(" .,")


def name_hash(key: str) -> int:
    """Stable 63-bit hash of a normalised name (Python's hash() is salted per process)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def name_hashes(keys: list[str]) -> np.ndarray:
    """name_hash of many names at once, as int64 (one digest per name, no Python int each)."""
    digests = b"".join([blake2b(k.encode("utf-8"), digest_size=8).digest() for k in keys])
    return (np.frombuffer(digests, dtype="<u8") >> np.uint64(1)).view(np.int64)  # below 2**63: same values


def name_hash_list(keys: list[str]) -> list[int]:
    """name_hash of a few names, as Python ints: for the handful a document looks up at once,
    cheaper than name_hashes' arrays."""
    return [_from_bytes(blake2b(k.encode("utf-8"), digest_size=8).digest(), "little") >> 1 for k in keys]


_from_bytes = int.from_bytes


def is_code_like(name: str) -> bool:
    """Airport and other short all-capital codes (HRB, BQS) that GeoNames lists as alternate names."""
    return len(name) <= 4 and name.isupper() and name.isascii()
