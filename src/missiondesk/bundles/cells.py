"""Cell text: JSON split below Excel's cell limit, and text no spreadsheet runs as a formula."""

from __future__ import annotations

import re

CELL_LIMIT = 32_767
"""Excel's longest cell text."""
CHUNK = 32_000
"""JSON is split into parts of at most this many characters (a margin below the limit)."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these would be taken for a formula (or a DDE call) by a spreadsheet."""

_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def split_text(text: str, size: int = CHUNK) -> list[str]:
    """``text`` in consecutive parts of at most ``size`` characters (at least one part)."""
    if len(text) <= size:
        return [text]
    return [text[i : i + size] for i in range(0, len(text), size)]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def clean_cell_text(text: str) -> str:
    """Readable-sheet text without C0 control characters (tab, line feed and carriage return stay)."""
    return _C0.sub("", text) if _C0.search(text) else text
