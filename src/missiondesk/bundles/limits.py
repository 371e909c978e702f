"""How large a workbook HQ agrees to open (checked before any parser sees it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Sized from the largest real bundle (100,000 records: about 30 MB zipped, 350 MB of XML)."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_entries: int = 200
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 100.0  # uncompressed / compressed, for entries above ratio_floor_bytes
    ratio_floor_bytes: int = 1024 * 1024
    max_rows_per_sheet: int = 250_000
    max_cells: int = 12_000_000


DEFAULT_LIMITS = Limits()
