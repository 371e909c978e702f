"""How large a workbook HQ agrees to open (checked before any parser sees it)."""

from __future__ import annotations

import os
from collections.abc import Mapping
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
    # Readable sheets this large (declared, uncompressed) are hashed by a second process while this
    # one reads the ops (``readable_job``); below it, starting a process costs more than it saves.
    second_process_from_bytes: int = 16 * 1024 * 1024


def second_process_from_bytes(environ: Mapping[str, str] = os.environ) -> int:
    """``MISSIONDESK_BUNDLE_SECOND_PROCESS_MB`` when it is a number of MB (0: always, as the packaged app's
    smoke check sets it); the default otherwise, a mistyped value included (a setting never stops the app)."""
    try:
        megabytes = float(environ.get("MISSIONDESK_BUNDLE_SECOND_PROCESS_MB", ""))
    except ValueError:
        return Limits.second_process_from_bytes
    return int(megabytes * 1024 * 1024) if 0 <= megabytes < 1e6 else Limits.second_process_from_bytes


DEFAULT_LIMITS = Limits(second_process_from_bytes=second_process_from_bytes())


SIDECAR_MAX_BYTES = 18 * 1000 * 1000
"""The largest side-car archive of attachment contents a bundle export writes (``bundles.sidecars``):
18 MB, so that one side-car, base64-encoded by a mail client (about 4/3), fits the 25 MB most mail
services carry. A test passes its own smaller figure to ``export_bundle``."""
