"""One canonical JSON text per value, for hashes that two machines must agree on."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
"""What ``json.dumps`` would build on every call with these options (it keeps no state between calls)."""


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, NFC text, UTF-8 kept as is.

    Normalising the finished text equals normalising every string in it: JSON's
    own characters are ASCII and compose with nothing. (Keys are field names,
    plain ASCII, so their sort order does not depend on the normal form.)
    """
    text = _ENCODER.encode(value)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
