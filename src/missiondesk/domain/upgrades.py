"""Schema skew: ops made by older apps are upgraded step by step before they merge.

Each registered step turns an op's wire form at schema ``v`` into schema
``v + 1`` (rename a field, split a value, ...). Fields a step does not know
are left as they are, so an older app never blanks what it did not send.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from missiondesk.domain.schema import SCHEMA_VERSION
from missiondesk.errors import UserError

MIN_SUPPORTED_SCHEMA = 1
"""Ops older than this cannot be upgraded any more: the app must be updated first."""

Step = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Step] = {}
"""from-version -> step to from-version + 1."""


class SchemaTooOld(UserError):
    pass


class SchemaTooNew(UserError):
    pass


def upgrade_op(wire: dict[str, Any], target: int = SCHEMA_VERSION) -> dict[str, Any]:
    version = int(wire.get("schema_version", 1))
    if version > target:
        raise SchemaTooNew(
            f"This change was made by a newer MissionDesk (schema {version}); HQ runs schema {target}. "
            "It is kept until HQ is updated."
        )
    if version < MIN_SUPPORTED_SCHEMA:
        raise SchemaTooOld(
            f"This change was made by a MissionDesk too old to sync (schema {version}; HQ accepts "
            f"{MIN_SUPPORTED_SCHEMA} and newer). Update MissionDesk on that laptop: its changes stay in its outbox."
        )
    out = dict(wire)
    while version < target:
        step = UPGRADES.get(version)
        if step is None:
            raise SchemaTooOld(f"No upgrade from schema {version}: update MissionDesk on that laptop.")
        out = step(out)
        version += 1
        out["schema_version"] = version
    return out
