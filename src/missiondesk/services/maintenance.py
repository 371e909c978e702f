"""Stats, content digests, integrity checks and backups of a data folder."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.schema import ENTITIES, Kind, Scope
from missiondesk.services import attachment_text, database_key
from missiondesk.services.context import AppContext
from missiondesk.store import outbox, queries, search
from missiondesk.store.backup import attachments_beside, backup_name
from missiondesk.store.database import backup as backup_store
from missiondesk.store.migrate import current_revision, head_revision
from missiondesk.store.records import to_record
from missiondesk.store.tables import entity_table


@dataclass(frozen=True)
class EntityCount:
    entity: str
    live: int
    deleted: int


@dataclass(frozen=True)
class Stats:
    counts: tuple[EntityCount, ...]
    outbox_pending: int
    outbox_total: int


def stats(ctx: AppContext) -> Stats:
    with ctx.store.read() as conn:
        counts = tuple(
            EntityCount(
                spec.name, queries.count_live(conn, spec.name), queries.count_deleted(conn, spec.name)
            )
            for spec in ENTITIES
        )
        pending = outbox.pending_count(conn)
        total = outbox.total_count(conn)
    return Stats(counts, pending, total)


@dataclass(frozen=True)
class EntityDigest:
    entity: str
    count: int
    sha256: str


def digest(ctx: AppContext, mission: str | None = None) -> tuple[EntityDigest, ...]:
    """Per entity, the live records' count and a hash of their canonical content.

    Only what both sides of a sync agree on goes in: id, owner and field
    values (plus kept unknown fields); local timestamps and versions do not.
    Two stores holding the same data print the same digest.
    """
    out = []
    with ctx.store.read() as conn:
        for spec in ENTITIES:
            table = entity_table(spec.name)
            stmt = sa.select(table).where(table.c.deleted_at.is_(None)).order_by(table.c.id)
            if mission:
                stmt = stmt.where(table.c.owner_mission == mission)
            h = hashlib.sha256()
            count = 0
            for row in conn.execute(stmt.execution_options(yield_per=2000)).mappings():
                record = to_record(spec, row)
                content = {
                    "id": record.id,
                    "owner": record.owner_mission,
                    "values": {f.name: f.to_wire(record.get(f.name)) for f in spec.fields},
                    "extra": dict(record.extra),
                }
                h.update(canonical_json(content).encode("utf-8"))
                h.update(b"\n")
                count += 1
            out.append(EntityDigest(spec.name, count, h.hexdigest()))
    return tuple(out)


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def check(ctx: AppContext) -> CheckReport:
    """Integrity of the file, foreign keys, outbox numbering, schema, dangling references."""
    report = CheckReport()
    store = ctx.store
    revision = current_revision(store.engine)
    if revision != head_revision():
        report.errors.append(f"schema is at {revision}, expected {head_revision()}")
    with store.read() as conn:
        if store.is_sqlite:
            for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
                if line != "ok":
                    report.errors.append(f"integrity: {line}")
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                report.errors.append(f"foreign key: {tuple(row)}")
        report.errors.extend(f"outbox: {p}" for p in outbox.sequence_gaps(conn))
        report.warnings.extend(_dangling_references(conn))
    return report


def _dangling_references(conn: sa.Connection) -> list[str]:
    """References to records this database does not hold (may arrive by a later sync)."""
    out = []
    for spec in ENTITIES:
        if spec.scope is Scope.REFERENCE:
            continue
        table = entity_table(spec.name)
        for f in spec.fields:
            if f.kind is not Kind.REF or f.target is None:
                continue
            target = entity_table(f.target)
            stmt = (
                sa.select(sa.func.count())
                .select_from(table)
                .where(
                    table.c[f.name].is_not(None),
                    table.c.deleted_at.is_(None),
                    ~sa.exists().where(target.c.id == table.c[f.name]),
                )
            )
            n = int(conn.execute(stmt).scalar_one())
            if n:
                out.append(
                    f"{n} {spec.name} record(s) name a {f.target} this database does not hold ({f.name})"
                )
    return out


def optimize(ctx: AppContext) -> None:
    """Read the attached files' words not read yet, merge the search indexes' segments and fold the
    write-ahead log back into the file."""
    attachment_text.index_pending(ctx)
    with ctx.store.write() as conn:
        search.optimize_indexes(conn)
    ctx.store.checkpoint()


def backup(ctx: AppContext, dest: Path | None = None) -> Path:
    target = dest or ctx.paths.backups / backup_name("manual")
    return backup_store(ctx.store, target, ctx.paths.attachments)


def restore_hint(ctx: AppContext, copy: Path) -> str:
    """How to put a backup back: where it goes, and what opens it."""
    if ctx.store.key is None:
        opens = "It is not encrypted (a server database): keep it somewhere safe."
    elif ctx.store.key.salt is not None:
        opens = "It is encrypted: it opens with this data folder's passphrase."
    else:
        fallback = ctx.paths.root / database_key.KEY_FILE
        where = str(fallback) if fallback.exists() else "this computer's keyring"
        opens = f"It is encrypted with this data folder's key, kept in {where}: it opens only with that key."
    contents = attachments_beside(copy)
    files = (
        f", copy the files in {contents} into {ctx.paths.attachments} (keep those already there: a file's "
        "name is its content's SHA-256, so the same name is the same file)"
        if contents.is_dir()
        else ""
    )
    return (
        f"To restore it: close MissionDesk, keep a copy of {ctx.paths.database}, replace that file with "
        f"{copy}{files} and start MissionDesk again. {opens}"
    )
