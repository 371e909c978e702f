"""The authority: the one place every laptop's ops are merged (BRIEF section 3).

A facade over four jobs, each in its own module:

- ``devices``: the device registry (enrol, revoke, look up);
- ``merge``: push and merge, a batch of one device's ops decided in a unit of work, and the import
  preview through the very same decisions;
- ``feed``: the change feed laptops pull, and its epoch;
- ``hq_admin``: held ops, moving records between missions, receipts.

This class owns the transactions; the modules take a connection. Network sync and Excel bundles
both end in ``Merge``, which is why they converge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy.engine import Connection

from missiondesk.domain.ops import Op
from missiondesk.domain.permissions import Role
from missiondesk.domain.schema import SCHEMA_VERSION, entity
from missiondesk.errors import NotFound
from missiondesk.store.engine import Store
from missiondesk.store.records import utcnow
from missiondesk.sync import devices, feed, hq_admin
from missiondesk.sync.devices import DeviceInfo
from missiondesk.sync.merge import Merge
from missiondesk.sync.protocol import FeedPage, PushResult, Status
from missiondesk.sync.unit import Decision, Unit, collector_paused


class Authority:
    def __init__(self, store: Store, schema_version: int = SCHEMA_VERSION) -> None:
        self.store = store
        self.merge = Merge(schema_version)

    @property
    def schema_version(self) -> int:
        """The schema this authority merges into (older ops are upgraded to it, newer ones held)."""
        return self.merge.schema_version

    @schema_version.setter
    def schema_version(self, value: int) -> None:
        self.merge.schema_version = value

    # --- devices -----------------------------------------------------------------------

    def register_device(
        self, device_id: str, mission: str, role: Role, slot: int = 1, label: str = ""
    ) -> None:
        """Enrol a device for one mission (the sync issue adds one-time codes on top)."""
        with self.store.write() as conn:
            devices.enrol(conn, device_id, mission, role, slot, label)

    def enrol(
        self, conn: Connection, device_id: str, mission: str, role: Role, slot: int, label: str
    ) -> None:
        devices.enrol(conn, device_id, mission, role, slot, label)

    def revoke_device(self, device_id: str) -> None:
        with self.store.write() as conn:
            done = devices.revoke(conn, device_id)
        if not done:
            raise NotFound(f"No enrolled device {device_id}.")

    def device(self, device_id: str) -> DeviceInfo:
        with self.store.read() as conn:
            return devices.read(conn, device_id)

    # --- push ----------------------------------------------------------------------------

    def push(
        self,
        ops: Sequence[Op],
        device_id: str,
        via: str = "network",
        content_hashes: Mapping[str, str] | None = None,
    ) -> list[PushResult]:
        """Merge a batch of one device's ops; one result per op, in the order given.

        The batch is merged in memory and written at once. Should a write clash
        with a constraint (two devices made the same case reference), the batch
        is merged again op by op, so the clash refuses only its own op.

        ``content_hashes`` (op id -> hash) names an op's identity when the op
        arrives without some of its fields (an email bundle that left sensitive
        fields out carries the hash of the whole op, signed by the device): the
        receipt keeps that hash, so the whole op arriving later by network is a
        duplicate, not a clash.
        """
        # The cycle collector is paused: the batch's objects are freed by the time it resumes.
        with collector_paused(), self.store.write() as conn:
            return self.push_in(conn, ops, device_id, via, content_hashes)

    def push_in(
        self,
        conn: Connection,
        ops: Sequence[Op],
        device_id: str,
        via: str = "network",
        content_hashes: Mapping[str, str] | None = None,
    ) -> list[PushResult]:
        """``push`` inside the caller's transaction (a bundle import commits or cancels as one)."""
        return self.merge.push_in(conn, ops, device_id, via, content_hashes)

    def preview_in(
        self,
        conn: Connection,
        ops: Sequence[Op],
        device_id: str,
        via: str = "bundle",
        content_hashes: Mapping[str, str] | None = None,
    ) -> tuple[list[PushResult], dict[str, Decision]]:
        """What ``push_in`` would answer, decided by the same code, nothing written (``Merge.preview_in``)."""
        return self.merge.preview_in(conn, ops, device_id, via, content_hashes)

    def stored_results(
        self, conn: Connection, ops: Sequence[Op], device_id: str, content_hashes: Mapping[str, str]
    ) -> list[PushResult] | None:
        """Each op's stored result when all were received before (``Merge.stored_results``)."""
        return self.merge.stored_results(conn, ops, device_id, content_hashes)

    def record_local(self, conn: Connection, op: Op) -> None:
        """An HQ user's own edit, already written by the record service: version it and feed it."""
        self.merge.record_local(conn, op)

    # --- the change feed ----------------------------------------------------------------

    def epoch(self) -> str:
        with self.store.write() as conn:
            return feed.epoch(conn)

    def rotate_epoch(self) -> str:
        """After restoring HQ's database from a backup: laptops notice, re-send and re-pull."""
        with self.store.write() as conn:
            return feed.rotate(conn)

    def changes(self, device_id: str, cursor: int, limit: int = 500) -> FeedPage:
        """Feed entries after ``cursor`` in the device's scope (own mission plus shared and reference data)."""
        feed.check_cursor(cursor)
        with self.store.read() as conn:
            known = feed.known_epoch(conn)
        epoch = known if known is not None else self.epoch()
        with collector_paused(), self.store.read() as conn:  # a page of states: thousands of dictionaries
            return feed.page(conn, device_id, cursor, limit, epoch)

    # --- HQ administration ------------------------------------------------------------------

    def held(self, device_id: str | None = None) -> list[Op]:
        with self.store.read() as conn:
            return hq_admin.held(conn, device_id)

    def force_held(self, device_id: str, older_than: dt.timedelta = dt.timedelta(0)) -> list[PushResult]:
        """Give up waiting for a device's missing ops: apply what is held, in order (``hq_admin.force_held``)."""
        cutoff = utcnow() - older_than
        with self.store.write() as conn:
            return hq_admin.force_held(conn, self.merge, device_id, cutoff)

    def move_record(self, entity_name: str, record_id: str, new_owner: str, by: str) -> None:
        """HQ hands a case (and everything under it) to another mission: the old mission gets revokes."""
        with self.store.write() as conn:
            unit = Unit(conn)
            hq_admin.move(self.merge, unit, entity(entity_name), record_id, new_owner)
            unit.flush()

    def receipts(self, op_ids: Iterable[str]) -> dict[str, Status]:
        with self.store.read() as conn:
            return hq_admin.receipts(conn, op_ids)
