"""A record's history as services hand it out: who changed which field when, on which device."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DeviceName:
    """Which device made a change: its mission and slot when known (``this_device``: the one in use)."""

    device_id: str
    mission: str | None = None
    slot: int | None = None
    label: str = ""
    this_device: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime  # UTC
    actor: str
    device: DeviceName
    action: str  # create | update | delete | restore (the op kinds)
    changes: Mapping[str, tuple[Any, Any]]  # field -> (before, after) in wire form
