"""HQ's acknowledgement file: the results of a mission's bundles and the changes for that mission.

Signed by HQ's device key. It lists every op of the imported bundles with its
result (the laptop marks them acknowledged or rejected, as after a sync) and
carries HQ's change feed for the mission's scope from the cursor the bundle
reported, so a mission that never gets a connection still stays current.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from missiondesk import __version__
from missiondesk.bundles.manifest import FORMAT, FORMAT_VERSION, KIND_ACK
from missiondesk.bundles.password import check_new_password, file_sha256
from missiondesk.bundles.writer import write_bundle
from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.schema import SCHEMA_VERSION
from missiondesk.errors import UserError
from missiondesk.services.audit_files import record_file_event
from missiondesk.services.bundle_import import BundleReport, ImportReport
from missiondesk.services.context import AppContext
from missiondesk.services.device_keys import private_key
from missiondesk.store.errors import environment_errors
from missiondesk.store.records import utcnow
from missiondesk.sync.authority import Authority
from missiondesk.sync.protocol import FeedChange

FEED_PAGE = 500


@dataclass(frozen=True)
class AckWritten:
    path: Path
    device_id: str
    mission: str
    results: int
    changes: int
    encrypted: bool = False


def write_acks(
    ctx: AppContext, report: ImportReport, out: Path, password: str | None = None
) -> list[AckWritten]:
    """One acknowledgement per device of the imported bundles (``out``, or ``out`` with the mission added).

    Each is protected with ``password`` when given, or else with the password that opened that
    device's bundle: a mission that encrypts what it sends gets its answer encrypted the same way.
    """
    if password is not None:
        check_new_password(password)
    by_device: dict[str, list[BundleReport]] = {}
    for b in report.bundles:
        if b.kind == "ops" and b.status in ("imported", "already imported"):
            by_device.setdefault(b.device_id, []).append(b)
    if not by_device:
        raise UserError(say(MessageCode.NOTHING_TO_ACKNOWLEDGE))
    written = []
    for device_id, bundles in by_device.items():
        target = out
        if len(by_device) > 1:
            target = out.with_name(f"{out.stem}-{bundles[0].mission}-{device_id[:8]}{out.suffix}")
        chosen = password or next((b.password for b in bundles if b.password), None)
        written.append(_write_ack(ctx, device_id, bundles, target, chosen))
    return written


def _write_ack(
    ctx: AppContext, device_id: str, bundles: list[BundleReport], out: Path, password: str | None
) -> AckWritten:
    authority = Authority(ctx.store)
    results = [r for b in bundles for r in b.results]
    epoch = authority.epoch()
    cursor = min((b.feed_cursor if b.feed_epoch == epoch else 0 for b in bundles), default=0)
    changes: list[FeedChange] = []
    position = cursor
    head = cursor
    while True:
        page = authority.changes(device_id, position, FEED_PAGE)
        changes.extend(page.changes)
        position, head = page.cursor, page.head
        if not page.more:
            break
    mission = bundles[0].mission
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": KIND_ACK,
        "bundle_id": str(uuid.uuid4()),
        "device_id": ctx.device.device_id,
        "mission": mission,
        "officer": ctx.device.officer_name,
        "for_device": device_id,
        "acknowledges": ",".join(b.bundle_id for b in bundles),
        "app_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "op_count": len(results),
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
        "times": "UTC",
        "feed_epoch": epoch,
        "feed_from": cursor,
        "feed_cursor": position,
        "feed_head": head,
    }
    payload = [
        ("results", (canonical_json(r.to_wire()) for r in results)),
        ("feed", (canonical_json(c.to_wire()) for c in changes)),
    ]
    with environment_errors():
        write_bundle(out, manifest, payload, private_key(ctx), password=password)
        digest = file_sha256(out)
    record_file_event(
        ctx,
        "ack",
        str(manifest["bundle_id"]),
        "export",
        {"file": out.name, "for_device": device_id, "mission": mission, "results": len(results)},
        digest,
        encrypted=password is not None,
    )
    return AckWritten(out, device_id, mission, len(results), len(changes), password is not None)
