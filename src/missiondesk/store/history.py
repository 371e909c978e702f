"""A record's history from the audit trail, newest first.

Every device writes an audit event with each of its own edits (``store.records``). At HQ the change
feed also holds what other devices' ops changed; entries whose op is already among the audit events
(HQ's own edits go to both) are left out, so each change is listed once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.history import DeviceName, HistoryEntry
from missiondesk.store.tables import audit_event, auth_device, change_feed, device

_FEED_ACTIONS = {"upsert": "update", "revoke": "revoke"}


def _changes(raw: Any) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    for name, pair in (raw or {}).items():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            out[str(name)] = (pair[0], pair[1])
        elif isinstance(pair, dict):  # the feed's form: {"base": .., "new": ..}
            out[str(name)] = (pair.get("base"), pair.get("new"))
        else:
            out[str(name)] = (None, pair)
    return out


def _devices(conn: Connection, ids: set[str]) -> dict[str, DeviceName]:
    names: dict[str, DeviceName] = {}
    if not ids:
        return names
    for row in conn.execute(sa.select(auth_device).where(auth_device.c.device_id.in_(ids))).mappings():
        names[row["device_id"]] = DeviceName(
            row["device_id"], row["mission_code"], row["slot"], row["label"] or ""
        )
    for row in conn.execute(sa.select(device).where(device.c.device_id.in_(ids))).mappings():
        names[row["device_id"]] = DeviceName(
            row["device_id"], row["mission_code"], row["slot"], this_device=bool(row["current"])
        )
    return names


def record_history(
    conn: Connection, entity_name: str, record_id: str, *, limit: int = 500
) -> list[HistoryEntry]:
    audits = (
        conn.execute(
            sa.select(audit_event)
            .where(audit_event.c.record_id == record_id, audit_event.c.entity == entity_name)
            .order_by(audit_event.c.at.desc(), audit_event.c.id.desc())
            .limit(limit)
        )
        .mappings()
        .all()
    )
    seen_ops = {r["op_id"] for r in audits if r["op_id"]}
    feed = [
        r
        for r in conn.execute(
            sa.select(change_feed)
            .where(change_feed.c.record_id == record_id, change_feed.c.entity == entity_name)
            .order_by(change_feed.c.seq.desc())
            .limit(limit)
        ).mappings()
        if r["device_id"] and r["op_id"] not in seen_ops and r["fields"]
    ]
    names = _devices(conn, {r["device_id"] for r in (*audits, *feed) if r["device_id"]})

    def entry(at: dt.datetime, actor: str, device_id: str, action: str, raw: Any) -> HistoryEntry:
        return HistoryEntry(
            at=at if at.tzinfo else at.replace(tzinfo=dt.UTC),  # stored naive UTC
            actor=actor,
            device=names.get(device_id, DeviceName(device_id)),
            action=action,
            changes=_changes(raw),
        )

    entries = [entry(r["at"], r["actor"], r["device_id"], r["action"], r["changes"]) for r in audits]
    entries += [
        entry(r["at"], r["actor"], r["device_id"], _FEED_ACTIONS.get(r["kind"], r["kind"]), r["fields"])
        for r in feed
    ]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]
