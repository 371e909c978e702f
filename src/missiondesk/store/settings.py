"""Small local settings kept in the database (never synced)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.store.tables import setting


def get(conn: Connection, key: str, default: Any = None) -> Any:
    value = conn.execute(sa.select(setting.c.value).where(setting.c.key == key)).first()
    return default if value is None else value[0]


def put(conn: Connection, key: str, value: Any) -> None:
    updated = conn.execute(sa.update(setting).where(setting.c.key == key).values(value=value)).rowcount
    if not updated:
        conn.execute(sa.insert(setting).values(key=key, value=value))
