"""Import at HQ (bundles) and at the mission (acknowledgement files): inspect, plan, apply.

The desktop wizard is a thin layer over these three steps, and so is
``missiondesk import``:

- ``inspect(ctx, path)``: the checks before and after parsing (container,
  manifest, schema, hash, signature, ops, readable sheets) and the manifest;
  a refused file says why in ``refusal`` and is never applied;
- ``plan(ctx, paths)``: per bundle and per record, what an import would do
  (new, updated, unchanged, conflict, held, rejected) with the field
  changes, read without writing anything;
- ``apply(ctx, plan, task)``: a backup, then every bundle through the merge
  engine (``Authority.push_in``), each in a savepoint of one transaction:
  a cancel rolls everything back. An acknowledgement file marks the
  laptop's ops acknowledged and applies HQ's change feed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.bundles import sidecars, verify
from missiondesk.bundles.container import ContainerFacts, sheet_parts
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits
from missiondesk.bundles.manifest import KIND_ACK, KIND_OPS, MANIFEST_SHEET, Manifest
from missiondesk.bundles.op_entries import OpEntry
from missiondesk.bundles.password import PasswordNeeded, file_sha256, is_encrypted, plain_package
from missiondesk.bundles.readable import ValueLabels
from missiondesk.bundles.readable_job import ReadableJob
from missiondesk.bundles.reader import WorkbookContent, add_readable, read_workbook
from missiondesk.bundles.report_workbook import write_tables
from missiondesk.bundles.verify import ReadableCheck, Trust
from missiondesk.domain.merge import FieldVerdict
from missiondesk.domain.messages import MessageCode, said_by, say
from missiondesk.domain.ops import Op
from missiondesk.domain.permissions import Role
from missiondesk.errors import UserError
from missiondesk.services.audit_files import record_file_event
from missiondesk.services.bundle_files import FilesStored, store_files
from missiondesk.services.context import AppContext
from missiondesk.services.device_keys import registered_key
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store.backup import backup_name
from missiondesk.store.database import backup as backup_store
from missiondesk.store.errors import environment_errors
from missiondesk.store.tables import audit_event, auth_device
from missiondesk.sync import replica
from missiondesk.sync.authority import Authority
from missiondesk.sync.protocol import FeedChange, FeedPage, PushResult, Status
from missiondesk.sync.unit import Decision, collector_paused

PUSH_CHUNK = 2000
_Wire = TypeVar("_Wire", PushResult, FeedChange)


class PasswordNeed(StrEnum):
    """Why an encrypted file was not opened: the wizard asks for a password (again when wrong)."""

    NEEDED = "needs password"
    WRONG = "wrong password"


class Step(StrEnum):
    """The checks a file goes through, in order (the CLI prints these names, the wizard translates them)."""

    FILE = "file: size, zip structure, macros, XML, rows"
    MANIFEST = "manifest"
    SCHEMA = "schema version"
    PAYLOAD = "SHA-256 of the changes"
    SIGNATURE = "signature"
    OPS = "ops"
    READABLE = "readable sheets"
    FILES = "attached files"
    ACK = "acknowledgement"


@dataclass(frozen=True)
class Check:
    name: Step
    ok: bool
    detail: str = ""


@dataclass
class Inspection:
    path: Path
    checks: list[Check] = field(default_factory=list)
    manifest: Manifest | None = None
    kind: str = ""
    trust: Trust | None = None
    entries: list[OpEntry] = field(default_factory=list)
    readable: ReadableCheck | None = None
    labels: ValueLabels = field(default_factory=ValueLabels)  # what the readable sheets show for codes
    facts: ContainerFacts | None = None  # what the container checks found (parts, rows)
    results: list[dict[str, Any]] = field(default_factory=list)  # acknowledgement files
    feed: list[dict[str, Any]] = field(default_factory=list)
    refusal: str | None = None
    sha256: str = ""  # of the file as it travelled (the audit log records it)
    # The password that opened it (None: not encrypted): the acknowledgement for it is protected
    # with the same one unless asked otherwise. Kept in memory only, never written anywhere.
    password: str | None = field(default=None, repr=False)
    password_needed: PasswordNeed | None = None  # encrypted and not opened: why
    files: tuple[sidecars.FileEntry, ...] = ()  # the attachment contents the bundle's side-cars carry
    sidecars: tuple[sidecars.Sidecar, ...] = ()  # as the manifest names them
    present: dict[int, Path] = field(default_factory=dict)  # side-car number -> found beside, hash checked

    @property
    def files_to_come(self) -> int:
        """Contents whose side-cars are not all beside the bundle (their records import all the same)."""
        return sum(not sidecars.complete(f, self.present) for f in self.files)

    @property
    def encrypted(self) -> bool:
        return self.password is not None or self.password_needed is not None

    @property
    def bundle_id(self) -> str:
        return self.manifest.get("bundle_id") if self.manifest else ""

    @property
    def ok(self) -> bool:
        return self.refusal is None


Meanwhile = Callable[["Inspection"], None]
"""Work on a bundle's checked ops while a second process still reads its readable sheets (the preview)."""


def inspect(
    ctx: AppContext,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    passwords: Sequence[str] = (),
    meanwhile: Meanwhile | None = None,
) -> Inspection:
    """Every check on one file; a failed check sets ``refusal`` and stops there.

    An encrypted file is opened with the first of ``passwords`` that fits and decrypted into a private
    temporary folder for the checks (removed before this returns); with none that fits it is refused
    with ``password_needed`` set and nothing of it read. ``meanwhile`` is called with a bundle of ops
    once its ops passed their checks, before the readable sheets' (it must not raise ``BundleRefused``).
    """
    found = Inspection(Path(path))
    try:
        if found.path.stat().st_size <= limits.max_file_bytes:  # a larger one is refused unread below
            found.sha256 = file_sha256(found.path)
        with plain_package(found.path, passwords, limits) as opened:
            found.password = opened.password
            _inspect_plain(ctx, found, opened.path, limits, meanwhile)
    except PasswordNeeded as exc:
        found.password_needed = PasswordNeed.WRONG if exc.wrong else PasswordNeed.NEEDED
        _refuse_file(found, str(exc))
    except BundleRefused as exc:
        _refuse_file(found, str(exc))
    except OSError as exc:
        _refuse_file(found, f"{found.path.name} cannot be read ({exc.strerror or exc}).")
    return found


def _inspect_plain(
    ctx: AppContext, found: Inspection, plain: Path, limits: Limits, meanwhile: Meanwhile | None
) -> None:
    job = ReadableJob.start(plain, limits)  # large readable sheets: a second process reads them
    try:
        _inspect(ctx, found, plain, limits, job, meanwhile)
        passed_file = bool(found.checks) and found.checks[0].ok
        if job is not None and passed_file and (refusal := job.file_refusal()) is not None:
            # Its container checks come first: as if this process had refused the file there.
            _refuse_file(found, refusal)
    finally:
        if job is not None:
            job.close()


def _inspect(
    ctx: AppContext,
    found: Inspection,
    plain: Path,
    limits: Limits,
    job: ReadableJob | None,
    meanwhile: Meanwhile | None,
) -> None:
    step = Step.FILE
    try:
        content = read_workbook(
            plain, limits, with_readable=job is None, streamed=None if job is None else job.mine
        )
        found.facts = content.facts
        found.checks.append(Check(step, True, _file_detail(content.facts)))
        found.manifest = content.manifest
        step = Step.MANIFEST
        verify.check_format(content.manifest)
        found.kind = content.manifest.get("kind")
        if found.kind not in (KIND_OPS, KIND_ACK):
            raise BundleRefused(f"Unknown kind of file {found.kind!r}: refused.")
        found.checks.append(Check(step, True, f"{found.kind} from {content.manifest.get('mission')}"))
        step = Step.SCHEMA
        version = verify.check_schema(content.manifest)
        found.checks.append(Check(step, True, str(version)))
        step = Step.PAYLOAD
        verify.check_payload(content)
        found.checks.append(Check(step, True, content.manifest.get("payload_sha256")))
        step = Step.SIGNATURE
        found.trust = verify.check_signature(content.manifest, lambda d: registered_key(ctx, d))
        detail = (
            "signed by the registered key" if found.trust is Trust.VERIFIED else "key not registered here"
        )
        found.checks.append(Check(step, found.trust is Trust.VERIFIED, detail))
        _parse(found, plain, content, job, meanwhile)
        if found.kind == KIND_OPS:
            step = Step.FILES
            _find_sidecars(found, content)
    except BundleRefused as exc:
        found.refusal = said_by(exc)  # keeps its code for the wizard's words
        found.checks.append(Check(step, False, found.refusal))


def _file_detail(facts: ContainerFacts) -> str:
    return f"{facts.entries} parts, {facts.rows:,} rows"


def _refuse_file(found: Inspection, refusal: str) -> None:
    """``found`` as the file's container checks left it when they refused: nothing after them ran."""
    fresh = Inspection(found.path, sha256=found.sha256, password=found.password)
    fresh.password_needed = found.password_needed
    fresh.refusal = refusal
    fresh.checks.append(Check(Step.FILE, False, refusal))
    found.__dict__.update(fresh.__dict__)


def _parse(
    found: Inspection,
    plain: Path,
    content: WorkbookContent,
    job: ReadableJob | None,
    meanwhile: Meanwhile | None,
) -> None:
    if found.kind == KIND_OPS:
        found.entries = verify.parse_ops(content)
        found.checks.append(Check(Step.OPS, True, f"{len(found.entries)} ops"))
        if meanwhile is not None:
            meanwhile(found)  # while the second process (if any) still reads the readable sheets
        if job is not None:
            _take_digests(found, plain, content, job)
        found.labels = verify.parse_labels(content)
        found.readable = verify.check_readable(content, found.entries, found.labels)
        edited = len(found.readable.differences) + len(found.readable.edited_sheets)
        detail = "as exported" if not edited else "edited in a spreadsheet: those edits are not imported"
        found.checks.append(Check(Step.READABLE, not edited, detail))
    else:
        found.results = verify.parse_lines(content, "results")
        found.feed = verify.parse_lines(content, "feed")
        found.checks.append(Check(Step.ACK, True, f"{len(found.results)} results, {len(found.feed)} changes"))


def _find_sidecars(found: Inspection, content: WorkbookContent) -> None:
    """The signed list of attached files, and the side-cars beside the bundle, each checked against
    its signed hash (a changed one refuses the whole file before anything is applied)."""
    found.sidecars = sidecars.parse_sidecars(content.manifest.get(sidecars.SIDECARS_FIELD))
    found.files = tuple(
        sidecars.FileEntry.from_line(line) for line in content.payload.get(sidecars.FILES_SHEET, [])
    )
    if not found.files:
        return
    found.present = sidecars.present_sidecars(found.path, found.sidecars)
    sidecars.check_sealed(found.present, found.password)
    waiting = found.files_to_come
    detail = f"{len(found.files)} files in {len(found.present)} of {len(found.sidecars)} side-cars"
    found.checks.append(Check(Step.FILES, True, detail + (f"; {waiting} still to come" if waiting else "")))


def _take_digests(found: Inspection, plain: Path, content: WorkbookContent, job: ReadableJob) -> None:
    """The second process's answer: its parts' facts, and the sheets that do not hash as signed, which
    are then read here so that ``check_readable`` lists their cells."""
    if (refusal := job.file_refusal()) is not None:
        raise BundleRefused(refusal)
    digested = job.digested()
    content.facts = found.facts = content.facts.merged(digested.facts)
    found.checks[0] = Check(Step.FILE, True, _file_detail(content.facts))
    signed = verify.signed_hashes(content.manifest)
    unlike = [name for name, digest in digested.digests.items() if signed.get(name) != digest]
    add_readable(plain, content, unlike)


# --- planning ---------------------------------------------------------------------------------


class Outcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    HELD = "held"
    REJECTED = "rejected"


WORST_FIRST = (
    Outcome.REJECTED,
    Outcome.CONFLICT,
    Outcome.HELD,
    Outcome.NEW,
    Outcome.UPDATED,
    Outcome.UNCHANGED,
)
"""Outcomes from the one that most needs a look; a record's outcome is the worst of its ops'."""


@dataclass(frozen=True)
class FieldPreview:
    field: str
    now: Any  # HQ's value (wire form)
    new: Any
    conflict: bool = False


@dataclass
class RecordPreview:
    entity: str
    record_id: str
    outcome: Outcome
    reason: str = ""
    # Per op on the record: its field changes, or the op itself for a new record, whose changes are
    # only made into previews when someone looks (``changes``): a bundle may create 100,000 records.
    parts: list[Sequence[FieldPreview] | Op] = field(default_factory=list, repr=False)

    @property
    def has_changes(self) -> bool:
        return any(part.changes if isinstance(part, Op) else part for part in self.parts)

    def new_value(self, name: str) -> Any:
        """The value the bundle's last change of field ``name`` gives the record (None: it changes none)."""
        found = None
        for part in self.parts:
            if isinstance(part, Op):
                if name in part.changes:
                    found = part.changes[name].new
            else:
                found = next((c.new for c in reversed(part) if c.field == name), found)
        return found

    @property
    def changes(self) -> list[FieldPreview]:
        out: list[FieldPreview] = []
        for part in self.parts:
            if isinstance(part, Op):
                out.extend(FieldPreview(k, None, c.new) for k, c in sorted(part.changes.items()))
            else:
                out.extend(part)
        return out


@dataclass
class BundlePlan:
    inspection: Inspection
    already_imported: bool = False
    records: list[RecordPreview] = field(default_factory=list)
    refusal: str | None = None
    predicted: list[PushResult] = field(default_factory=list)  # per op, what ``apply`` will answer

    @property
    def needs_confirmation(self) -> bool:
        return self.inspection.trust is Trust.UNVERIFIED

    def counts(self) -> dict[str, Counter[str]]:
        """entity -> outcome -> records."""
        out: dict[str, Counter[str]] = {}
        for r in self.records:
            out.setdefault(r.entity, Counter())[r.outcome.value] += 1
        return out


@dataclass
class ImportPlan:
    bundles: list[BundlePlan]

    @property
    def refused(self) -> list[BundlePlan]:
        return [b for b in self.bundles if b.refusal]

    @property
    def unverified(self) -> list[BundlePlan]:
        return [b for b in self.bundles if not b.refusal and b.needs_confirmation]

    @property
    def locked(self) -> list[BundlePlan]:
        """Encrypted files no password given opened (a person may give one and plan again)."""
        return [b for b in self.bundles if b.inspection.password_needed is not None]


def is_bundle_file(path: Path) -> bool:
    """Whether a file someone dropped is MissionDesk's (a bundle or one of its side-cars) rather than a
    person's spreadsheet: a side-car by its name, a password-protected bundle by its container under
    ``.xlsx``, any other ``.xlsx`` by a manifest sheet. Reads the workbook's sheet list only (the
    import's checks come later); a file it cannot tell is not a bundle."""
    if sidecars.bundle_of(path) is not None:
        return True
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return False
    try:
        return is_encrypted(path) or bool(sheet_parts(path, {MANIFEST_SHEET}))
    except (OSError, ValueError, KeyError, BundleRefused):  # not a zip, no workbook part: not ours
        return False


def plan(
    ctx: AppContext, paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS, passwords: Sequence[str] = ()
) -> ImportPlan:
    """What importing ``paths`` would do; nothing is written. Encrypted files are opened with the
    first of ``passwords`` that fits (one file of each mission may have its own)."""
    plans: list[BundlePlan] = []
    for path in _bundles_of(paths, plans):
        # A bundle's ops are tens of thousands of long-lived objects: the cycle collector would walk
        # them over and over while they are read and predicted, and they make no cycles.
        with collector_paused():
            plans.append(_plan_one(ctx, path, limits, passwords))
    # One device's bundles are applied in their sequence order, whatever order they were given in.
    plans.sort(
        key=lambda b: (b.inspection.manifest.get("device_id") if b.inspection.manifest else "", _first(b))
    )
    return ImportPlan(plans)


def _bundles_of(paths: Sequence[Path], refused: list[BundlePlan]) -> list[Path]:
    """The files to plan: a side-car given alone stands for the bundle beside it (once, however many
    of its side-cars are given); one without its bundle is refused into ``refused``."""
    out: list[Path] = []
    for path in map(Path, paths):
        bundle = sidecars.bundle_of(path)
        if bundle is not None and not bundle.is_file():
            found = Inspection(path)
            _refuse_file(found, say(MessageCode.SIDECAR_WITHOUT_BUNDLE, file=path.name, bundle=bundle.name))
            refused.append(BundlePlan(found, refusal=found.refusal))
            continue
        chosen = bundle or path
        if chosen not in out:
            out.append(chosen)
    return out


def _plan_one(ctx: AppContext, path: Path, limits: Limits, passwords: Sequence[str]) -> BundlePlan:
    predicted: list[BundlePlan] = []

    def predict(checked: Inspection) -> None:
        # The prediction overlaps the second process's reading of the readable sheets; it is used only
        # if every check passes, as when it came after them.
        ahead = BundlePlan(checked)
        try:
            _plan_ops(ctx, ahead)
        except BundleRefused as exc:
            ahead.refusal = said_by(exc)
        predicted.append(ahead)

    found = inspect(ctx, path, limits, passwords, meanwhile=predict)
    if not found.ok:
        return BundlePlan(found, refusal=found.refusal)
    if predicted:
        return predicted[0]
    bundle = BundlePlan(found)
    try:
        if found.kind == KIND_OPS:
            _plan_ops(ctx, bundle)
        else:
            _plan_ack(ctx, bundle)
    except BundleRefused as exc:
        bundle.refusal = said_by(exc)  # keeps the code for the wizard's words
    return bundle


def _first(b: BundlePlan) -> int:
    return b.inspection.entries[0].op.seq if b.inspection.entries else 0


def _already(conn: Connection, kind: str, bundle_id: str) -> bool:
    stmt = sa.select(audit_event.c.id).where(
        audit_event.c.entity == kind, audit_event.c.record_id == bundle_id, audit_event.c.action == "import"
    )
    return conn.execute(stmt.limit(1)).first() is not None


def _plan_ack(ctx: AppContext, bundle: BundlePlan) -> None:
    manifest = bundle.inspection.manifest
    assert manifest is not None
    if manifest.get("for_device") != ctx.device.device_id:
        raise BundleRefused(say(MessageCode.ACK_FOR_ANOTHER_LAPTOP))
    with ctx.store.read() as conn:
        bundle.already_imported = _already(conn, "ack", manifest.require("bundle_id"))


def _plan_ops(ctx: AppContext, bundle: BundlePlan) -> None:
    if ctx.device.role is not Role.HQ:
        raise BundleRefused(say(MessageCode.BUNDLES_AT_HQ))
    found = bundle.inspection
    manifest = found.manifest
    assert manifest is not None
    device_id = manifest.require("device_id")
    with ctx.store.read() as conn:
        device = (
            conn.execute(sa.select(auth_device).where(auth_device.c.device_id == device_id))
            .mappings()
            .first()
        )
        if device is None:
            raise BundleRefused(
                say(MessageCode.BUNDLE_DEVICE_UNKNOWN, device=device_id, mission=str(manifest.get("mission")))
            )
        if device["revoked_at"] is not None:
            raise BundleRefused(say(MessageCode.BUNDLE_DEVICE_REVOKED, device=device_id))
        if device["mission_code"] != manifest.get("mission"):
            raise BundleRefused(
                say(
                    MessageCode.BUNDLE_DEVICE_OTHER_MISSION,
                    device=device_id,
                    owner=device["mission_code"],
                    mission=str(manifest.get("mission")),
                )
            )
        bundle.already_imported = _already(conn, "bundle", manifest.require("bundle_id"))
        bundle.predicted, bundle.records = _preview(Authority(ctx.store), conn, found.entries, device_id)


def _preview(
    authority: Authority, conn: Connection, entries: list[OpEntry], device_id: str
) -> tuple[list[PushResult], list[RecordPreview]]:
    """Each op's result as ``apply`` will give it, decided by the authority's own merge
    (``Authority.preview_in``: the push in memory, never written), and the records' previews from it."""
    ops = [e.op for e in entries]
    hashes = _hashes(entries)
    decisions: dict[str, Decision] = {}
    # As ``apply``: a bundle received before is answered from its receipts alone.
    results = authority.stored_results(conn, ops, device_id, hashes) if ops else []
    try:
        if results is None:
            results, decisions = authority.preview_in(conn, ops, device_id, "bundle", hashes)
    except UserError as exc:  # the whole batch refused (an op out of bounds): as the import would
        raise BundleRefused(str(exc)) from exc
    previews: dict[str, RecordPreview] = {}
    for op, result in zip(ops, results, strict=True):
        outcome, part = _outcome(op, result, decisions.get(op.op_id))
        preview = previews.get(op.record_id)
        if preview is None:
            previews[op.record_id] = RecordPreview(op.entity, op.record_id, outcome, result.reason, [part])
        else:
            if WORST_FIRST.index(outcome) < WORST_FIRST.index(preview.outcome):
                preview.outcome, preview.reason = outcome, result.reason
            preview.parts.append(part)
    return results, list(previews.values())


def _outcome(
    op: Op, result: PushResult, decision: Decision | None
) -> tuple[Outcome, Sequence[FieldPreview] | Op]:
    """A push result in the preview's words, with the field changes the merge decided."""
    status = result.status
    if status is Status.DUPLICATE:
        return (Outcome.HELD if result.original is Status.HELD else Outcome.UNCHANGED), ()
    if status is Status.REJECTED:
        return Outcome.REJECTED, ()
    if status is Status.HELD:
        return Outcome.HELD, ()
    conflict = status is Status.CONFLICT
    if decision is None:  # nothing to change (already deleted), or an edit of a record deleted at HQ
        return (Outcome.CONFLICT if conflict else Outcome.UNCHANGED), ()
    if decision.created:
        return Outcome.NEW, op
    if decision.deleted is not None:
        shown = [FieldPreview("deleted", not decision.deleted, decision.deleted, conflict)]
        return (Outcome.CONFLICT if conflict else Outcome.UPDATED), shown
    changes = [
        FieldPreview(v.field, v.theirs, v.ours, v.verdict is FieldVerdict.CONFLICT)
        for v in decision.fields
        if v.verdict is not FieldVerdict.SAME
    ]
    if conflict:
        return Outcome.CONFLICT, changes
    return (Outcome.UPDATED if changes else Outcome.UNCHANGED), changes


def _hashes(entries: list[OpEntry]) -> dict[str, str]:
    """Every op's hash (checked against its content when read, or signed for ops with fields left
    out), so the merge never serialises an op again to hash it."""
    return {e.op.op_id: e.full_hash for e in entries}


# --- applying ---------------------------------------------------------------------------------


@dataclass
class BundleReport:
    path: Path
    kind: str
    bundle_id: str
    mission: str
    device_id: str
    status: str  # imported | already imported | refused
    message: str = ""
    results: list[PushResult] = field(default_factory=list)
    readable: ReadableCheck | None = None
    facts: ContainerFacts | None = None  # what the container checks found (parts, rows)
    feed_applied: int = 0
    feed_epoch: str = ""
    feed_cursor: int = 0
    files: FilesStored = field(default_factory=FilesStored)  # attachment contents from the side-cars
    password: str | None = field(
        default=None, repr=False
    )  # that opened the file: its acknowledgement's default

    def counts(self) -> Counter[str]:
        return Counter(r.status.value for r in self.results)


@dataclass
class ImportReport:
    bundles: list[BundleReport]
    backup: Path | None = None
    backup_note: str = ""


def apply(
    ctx: AppContext,
    import_plan: ImportPlan,
    task: TaskContext | None = None,
    *,
    accept_unverified: bool = False,
    confirm_mass_change: bool = False,
) -> ImportReport:
    """Apply every planned file that passed its checks. Refused files are reported, never applied."""
    task = task or Silent()
    if import_plan.unverified and not accept_unverified:
        names = ", ".join(b.inspection.path.name for b in import_plan.unverified)
        raise UserError(
            f"{names}: signed by a device key not registered here (unverified). Register the key "
            "(missiondesk trust-key FILE) or confirm the import explicitly (--yes-unverified)."
        )
    report = ImportReport([])
    todo = [b for b in import_plan.bundles if not b.refusal]
    # The side-cars the preview checked, checked again before anything is written: one changed since
    # refuses its bundle whole (no records, no audit row, no files); one gone since is still to come.
    present: dict[int, dict[int, Path]] = {}
    changed: dict[int, str] = {}
    for b in todo:
        if b.inspection.kind == KIND_OPS and b.inspection.files:
            try:
                with environment_errors():
                    present[id(b)] = sidecars.recheck_present(b.inspection.sidecars, b.inspection.present)
            except BundleRefused as refused:
                changed[id(b)] = said_by(refused)
    todo = [b for b in todo if id(b) not in changed]
    if any(b.inspection.kind == KIND_OPS and not b.already_imported for b in todo):
        report.backup, report.backup_note = _backup(ctx)
    total = sum(len(b.inspection.entries) for b in todo) or 1
    done = 0
    for b in import_plan.bundles:
        if b.refusal:
            report.bundles.append(_bundle_report(b, "refused", b.refusal))
        elif id(b) in changed:
            report.bundles.append(_bundle_report(b, "refused", changed[id(b)]))
    ops_plans = [b for b in todo if b.inspection.kind == KIND_OPS]
    if ops_plans:
        authority = Authority(ctx.store)
        with collector_paused(), ctx.store.write() as conn:
            for b in ops_plans:
                done = _apply_ops(ctx, conn, authority, b, report, task, done, total)
        # The contents once their records are committed: a content is only ever stored whole and
        # checked, so a stop here leaves records whose files are still to come, as a missing side-car.
        for b, out in zip(ops_plans, report.bundles[-len(ops_plans) :], strict=True):
            if b.inspection.files:
                out.files = store_files(ctx, b.inspection.files, present[id(b)], task, b.inspection.password)
    for b in todo:
        if b.inspection.kind == KIND_ACK:
            report.bundles.append(_apply_ack(ctx, b, confirm_mass_change))
    task.progress(total, total, "Done")
    return report


def _backup(ctx: AppContext) -> tuple[Path | None, str]:
    if ctx.store.path is None:
        return None, "a server database: HQ's own backups (pg_dump) cover it"
    return backup_store(
        ctx.store, ctx.paths.backups / backup_name("before-import"), ctx.paths.attachments
    ), ""


def _bundle_report(b: BundlePlan, status: str, message: str = "") -> BundleReport:
    m = b.inspection.manifest or Manifest()
    return BundleReport(
        b.inspection.path,
        b.inspection.kind or "?",
        m.get("bundle_id"),
        m.get("mission"),
        m.get("device_id"),
        status,
        message,
        readable=b.inspection.readable,
        password=b.inspection.password,
        feed_epoch=m.get("feed_epoch"),
        feed_cursor=int(m.get("feed_cursor") or 0) if m.get("feed_cursor").isdigit() else 0,
    )


def _apply_ops(
    ctx: AppContext,
    conn: Connection,
    authority: Authority,
    b: BundlePlan,
    report: ImportReport,
    task: TaskContext,
    done: int,
    total: int,
) -> int:
    found = b.inspection
    manifest = found.manifest
    assert manifest is not None
    # A bundle imported before is pushed again all the same: every op finds its receipt (duplicate),
    # nothing changes, and the results are there for a new acknowledgement.
    again = b.already_imported or _already(conn, "bundle", found.bundle_id)
    device_id = manifest.require("device_id")
    hashes = _hashes(found.entries)
    with conn.begin_nested():
        task.check_cancelled()
        # A bundle whose ops all came before (by this bundle or by network) changes nothing: the stored
        # results are read at once rather than merged again chunk by chunk.
        ops = [e.op for e in found.entries]
        results = authority.stored_results(conn, ops, device_id, hashes) if ops else []
        if results is not None:
            done += len(found.entries)
            task.progress(done, total, f"Importing {found.path.name}")
        else:
            results = _push_chunks(conn, authority, found, device_id, hashes, task, done, total)
            done += len(found.entries)
        counts = Counter(r.status.value for r in results)
        if again:
            out = _bundle_report(b, "already imported", "imported before; nothing changed")
            out.results = results
            report.bundles.append(out)
            return done
        record_file_event(
            ctx,
            "bundle",
            found.bundle_id,
            "import",
            {
                "file": found.path.name,
                "mission": manifest.get("mission"),
                "device": device_id,
                "trust": found.trust.value if found.trust else "",
                "results": dict(counts),
            },
            found.sha256,
            encrypted=found.encrypted,
            conn=conn,
        )
    task.check_cancelled()
    out = _bundle_report(b, "imported")
    out.results = results
    report.bundles.append(out)
    return done


def _push_chunks(
    conn: Connection,
    authority: Authority,
    found: Inspection,
    device_id: str,
    hashes: dict[str, str],
    task: TaskContext,
    done: int,
    total: int,
) -> list[PushResult]:
    results: list[PushResult] = []
    for start in range(0, len(found.entries), PUSH_CHUNK):
        task.check_cancelled()
        chunk = [e.op for e in found.entries[start : start + PUSH_CHUNK]]
        results.extend(authority.push_in(conn, chunk, device_id, "bundle", hashes))
        done += len(chunk)
        task.progress(done, total, f"Importing {found.path.name}")
    return results


def _apply_ack(ctx: AppContext, b: BundlePlan, confirm_mass_change: bool) -> BundleReport:
    found = b.inspection
    manifest = found.manifest
    assert manifest is not None
    with ctx.store.read() as conn:
        if _already(conn, "ack", found.bundle_id):
            return _bundle_report(b, "already imported", "imported before; nothing changed")
    out = _bundle_report(b, "imported")
    results = [_read(PushResult, r) for r in found.results]
    epoch = manifest.require("feed_epoch")
    feed_from = manifest.number("feed_from")
    feed_to = manifest.number("feed_cursor")
    seen_epoch, position = replica.cursor(ctx)
    page = FeedPage(
        epoch, feed_to, manifest.number("feed_head"), tuple(_read(FeedChange, c) for c in found.feed)
    )
    if seen_epoch is not None and seen_epoch != epoch:
        replica.restart_after_new_epoch(ctx, epoch)
        out.message = "HQ's database was restored: this laptop re-sends its changes; export a new bundle"
    elif position > feed_to:
        out.message = "HQ's changes in this file were already received"
    elif position < feed_from:
        out.message = "an earlier acknowledgement is missing: HQ's changes were not applied (import it first)"
    else:
        applied = replica.apply_page(ctx, page, confirm_mass_change=confirm_mass_change)
        out.feed_applied = applied.upserted + applied.revoked
    replica.record_results(ctx, results)
    out.results = results
    record_file_event(
        ctx,
        "ack",
        found.bundle_id,
        "import",
        {"file": found.path.name, "results": len(results), "feed": out.feed_applied},
        found.sha256,
        encrypted=found.encrypted,
    )
    return out


def _read(kind: type[_Wire], data: dict[str, Any]) -> _Wire:
    """A result or a feed change of an acknowledgement file, or the file refused."""
    try:
        return kind.from_wire(data)
    except ValueError as exc:
        raise BundleRefused(f"The acknowledgement holds an unreadable line ({exc}): refused.") from exc


def results_json(report: BundleReport) -> list[str]:
    return [json.dumps(r.to_wire(), ensure_ascii=False) for r in report.results]


def save_report(report: ImportReport, path: Path) -> Path:
    """The import report as a workbook: one line per file, one per op result, one per edited cell."""
    files = [
        (
            b.path.name,
            b.kind,
            b.mission,
            b.device_id,
            b.bundle_id,
            b.status,
            b.message,
            len(b.results),
            ", ".join(f"{k} {v}" for k, v in sorted(b.counts().items())),
        )
        for b in report.bundles
    ]
    results = [
        (b.path.name, r.seq, r.op_id, r.status.value, r.original.value if r.original else "", r.reason)
        for b in report.bundles
        for r in b.results
    ]
    cells: list[tuple[object, ...]] = [
        (b.path.name, d.sheet, d.row, d.column, str(d.in_sheet), str(d.in_ops))
        for b in report.bundles
        if b.readable
        for d in b.readable.differences
    ]
    cells += [
        (b.path.name, s, "", "", "edited (cells outside the ops)", "")
        for b in report.bundles
        if b.readable
        for s in b.readable.edited_sheets
    ]
    with environment_errors():
        return write_tables(
            path,
            [
                (
                    "files",
                    ["file", "kind", "mission", "device", "bundle id", "status", "message", "ops", "results"],
                    files,
                ),
                ("results", ["file", "seq", "op id", "result", "first result", "reason"], results),
                ("edited cells", ["file", "sheet", "row", "column", "in the sheet", "in the ops"], cells),
            ],
        )
