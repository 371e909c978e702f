"""One canonical JSON text per value, for hashes that two machines must agree on."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

import orjson

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
"""What ``json.dumps`` would build on every call with these options (it keeps no state between calls)."""


def dumps_sorted(value: Any, *, plain: bool = False) -> str:
    """``canonical_json`` before its normalisation. ``plain``: the caller knows ``value`` holds no float,
    so orjson may write it: then it writes exactly what the standard library does (every character is
    escaped alike and keys sort alike, checked over all of Unicode), several times faster."""
    if plain:
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
        except TypeError:
            pass  # an integer beyond 64 bits, a key that is not text: the standard library decides
    return _ENCODER.encode(value)


def canonical_json(value: Any, *, plain: bool = False) -> str:
    """Sorted keys, no spaces, NFC text, UTF-8 kept as is (``plain`` as for ``dumps_sorted``).

    Normalising the finished text equals normalising every string in it: JSON's
    own characters are ASCII and compose with nothing. (Keys are field names,
    plain ASCII, so their sort order does not depend on the normal form.)
    """
    text = dumps_sorted(value, plain=plain)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
