"""Headless commands: ``missiondesk SUBCOMMAND``.

Exit status 0 on success; on failure one line on stderr and a non-zero
status: 1 for a problem the message explains, 2 for a wrong command line,
70 for a bug (its details go to a crash report in the log folder), 141 when the reader of its output
stopped reading (``missiondesk search 기업 | head``), as a shell reports a closed pipe.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from missiondesk import __version__, crash
from missiondesk import paths as paths_mod
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role
from missiondesk.errors import MissionDeskError
from missiondesk.services import database_key, maintenance, setup
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext, open_context, read_config
from missiondesk.services.demo import generate_demo
from missiondesk.services.search import search_all
from missiondesk.sync.authority import Authority

EXIT_PROBLEM = 1
EXIT_BUG = 70
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE, what a POSIX shell reports; Windows has no convention of its own


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _open(args: argparse.Namespace) -> AppContext:
    return open_context(args.data_dir, passphrase=_passphrase(args))


def _passphrase(args: argparse.Namespace) -> str | None:
    """A portable folder's passphrase: MISSIONDESK_PASSPHRASE, else asked on the terminal (twice when new)."""
    paths = paths_mod.resolve(args.data_dir)
    if not database_key.uses_passphrase(paths, read_config(paths)):
        return None
    given = os.environ.get(database_key.ENV_PASSPHRASE)
    if given or not sys.stdin.isatty():
        return given  # without one, opening says how to give it
    import getpass

    typed = getpass.getpass("Passphrase of this MissionDesk data folder: ")
    new = not database_key.is_protected(paths)
    if new and getpass.getpass("The same passphrase again: ") != typed:
        raise MissionDeskError("The two passphrases differ; nothing was set up.")
    return typed


def cmd_init(args: argparse.Namespace) -> None:
    passphrase = _passphrase(args)
    if args.hq:
        ctx = setup.init_hq(
            args.data_dir,
            args.officer,
            args.database,
            passphrase=passphrase,
            attachments_dir=args.attachments,
        )
    else:
        if not args.mission:
            raise MissionDeskError("Name the mission (--mission CODE), or set up HQ with --hq.")
        if args.attachments:
            raise MissionDeskError(
                "--attachments is for an HQ install (--hq) sharing its files with the server."
            )
        ctx = setup.init_mission(args.data_dir, args.mission, args.officer, args.slot, passphrase=passphrase)
    with ctx:
        if ctx.notice:
            _print(ctx.notice)
        # A file's path, not its URL: on Windows the URL percent-encodes the drive and every backslash.
        where = str(ctx.store.path) if ctx.store.path else ctx.store.url
        _print(f"Set up {ctx.device.mission} for {ctx.device.officer_name} (device {ctx.device.device_id}).")
        _print(f"Database: {where}")


def cmd_missions(args: argparse.Namespace) -> None:
    from missiondesk import refdata

    for m in refdata.rows("mission"):
        if args.country and m["country"] != args.country.upper():
            continue
        _print(f"{m['code']:<8} {m['type']:<18} {m['name_en']}  /  {m['name_ko']}")


def cmd_demo(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        result = generate_demo(ctx, cases=args.cases, seed=args.seed)
        _print(
            f"Added {result.cases} cases, {result.activities} activities, {result.referrals} referrals, "
            f"{result.companies} companies, {result.briefs} briefs with {result.deliveries} deliveries, "
            f"{result.meetings} council meetings in {result.seconds:.1f} s."
        )


def cmd_stats(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        s = maintenance.stats(ctx)
        _print(f"{'entity':<20} {'live':>9} {'in trash':>9}")
        for c in s.counts:
            _print(f"{c.entity:<20} {c.live:>9} {c.deleted:>9}")
        _print(f"outbox: {s.outbox_pending} unsent of {s.outbox_total} ops")


def cmd_digest(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        for d in maintenance.digest(ctx, args.mission.upper() if args.mission else None):
            _print(f"{d.entity:<20} {d.count:>9} {d.sha256}")


def cmd_backup(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        out = maintenance.backup(ctx, Path(args.out) if args.out else None)
        _print(f"Backup written to {out}")
        _print(maintenance.restore_hint(ctx, out))


def cmd_check(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        report = maintenance.check(ctx)
    for w in report.warnings:
        _print(f"warning: {w}")
    for e in report.errors:
        _print(f"error: {e}")
    if not report.ok:
        raise MissionDeskError(f"check found {len(report.errors)} problem(s)")
    _print("ok")


def cmd_search(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        results = search_all(ctx, " ".join(args.query), limit=args.limit)
    for r in results:
        on = f"  ({r.parent_label})" if r.parent is not None else ""  # an attachment's case, brief…
        _print(f"{r.entity:<13} {r.record.id}  {r.label}{on}")
        if r.snippet:
            _print(f"{'':<13} {r.snippet}")
    if not results:
        _print("no matches")


def cmd_optimize(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        maintenance.optimize(ctx)
    _print("Attached files read, search indexes merged and the database file compacted.")


def _authority(ctx: AppContext) -> Authority:
    if ctx.device.role is not Role.HQ:
        raise MissionDeskError("This command is for the HQ install (the authority), not a mission laptop.")
    return Authority(ctx.store)


def cmd_held(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        authority = _authority(ctx)
        if args.force:
            if not args.device:
                raise MissionDeskError("Name the device whose held changes to force (--device ID).")
            results = authority.force_held(args.device, dt.timedelta(hours=args.older_than))
            for r in results:
                _print(f"{r.seq:>8} {r.status.value:<10} {r.reason}")
            _print(f"forced {len(results)} held change(s)")
            return
        held = authority.held(args.device)
        for op in held:
            _print(f"{op.device_id}  {op.seq:>8}  {op.entity:<16} {op.kind.value:<8} {op.made_by}")
        _print(f"{len(held)} change(s) held, waiting for earlier ones")


def cmd_restored(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        epoch = _authority(ctx).rotate_epoch()
    _print(f"New feed epoch {epoch}: laptops will re-send what this database lost and pull again.")


def cmd_conflicts(args: argparse.Namespace) -> None:
    with _open(args) as ctx:
        views = ConflictService(ctx).open_conflicts()
    for v in views:
        _print(f"{v.id}  {v.entity_label}: {v.record_title} · {v.field_label} · {v.conflict['made_by']}")
        _print(f"    at HQ: {v.theirs!r}  conflicting: {v.ours!r}")
    _print(f"{len(views)} open conflict(s); review them in the app under Sync > Review conflicts")


def cmd_export(args: argparse.Namespace) -> None:
    from missiondesk.services import bundle_export

    passwords = _bundle_passwords([args.password_file] if args.password_file else [])
    with _open(args) as ctx:
        result = bundle_export.export_bundle(
            ctx,
            Path(args.out),
            all_ops=args.all,
            include_sensitive=args.include_sensitive,
            password=passwords[0] if passwords else None,
            language=args.language,
        )
        span = f" (sequence {result.seq_first}-{result.seq_last})" if result.op_count else ""
        sealed = ", protected with a password" if result.encrypted else ""
        _print(
            f"Bundle {result.bundle_id} written to {result.path}{sealed}: {result.op_count} change(s){span}."
        )
        if result.ops_without_sensitive:
            _print(f"{result.ops_without_sensitive} change(s) sent without their sensitive fields.")
        if result.files:
            _print(f"{result.files} attached file(s) beside it in {len(result.sidecars)} side-car(s):")
            for sidecar in result.sidecars:
                _print(f"  {sidecar}")
        if result.files_left_out:
            _print(f"{result.files_left_out} attached file(s) not carried (not on this laptop).")
        if args.eml:
            eml = bundle_export.prepare_email(ctx, result.path, Path(args.eml), args.to)
            _print(f"Mail draft written to {eml}")


def _bundle_passwords(files: Sequence[str]) -> list[str]:
    """The passwords of ``--password-file`` options, then MISSIONDESK_BUNDLE_PASSWORD (for scripts);
    never a password on the command line, where other users of the machine could read it."""
    from missiondesk.bundles.password import ENV_PASSWORD, read_password_file

    found = [read_password_file(Path(f)) for f in files]
    if os.environ.get(ENV_PASSWORD):
        found.append(os.environ[ENV_PASSWORD])
    return found


def cmd_device_key(args: argparse.Namespace) -> None:
    from missiondesk.services import device_keys

    with _open(args) as ctx:
        card = device_keys.write_key_card(ctx, Path(args.out))
    _print(
        f"Key of device {card.device_id} ({card.mission}) written to {args.out}; hand it to the other side."
    )


def cmd_trust_key(args: argparse.Namespace) -> None:
    from missiondesk.services import device_keys

    with _open(args) as ctx:
        card = device_keys.trust_key(ctx, Path(args.file), replace=args.replace, restore=args.restore)
    _print(f"Trusted the key of device {card.device_id} ({card.mission}, {card.officer}).")


def cmd_import(args: argparse.Namespace) -> None:
    from missiondesk.services import bundle_ack, bundle_import

    passwords = _bundle_passwords(args.password_file or [])
    ack_passwords = _bundle_passwords([args.ack_password_file]) if args.ack_password_file else []
    with _open(args) as ctx:
        plan = bundle_import.plan(ctx, [Path(f) for f in args.files], passwords=passwords)
        for b in plan.bundles:
            name = b.inspection.path.name
            if b.refusal:
                _print(f"{name}: refused: {b.refusal}")
                continue
            trust = b.inspection.trust.value if b.inspection.trust else ""
            again = ", imported before" if b.already_imported else ""
            _print(f"{name}: {b.inspection.kind}, {trust}{again}")
            if b.inspection.files:
                waiting = b.inspection.files_to_come
                _print(
                    f"    attached files: {len(b.inspection.files)} in {len(b.inspection.sidecars)} side-car(s), "
                    f"{len(b.inspection.present)} found" + (f"; {waiting} still to come" if waiting else "")
                )
            for entity_name, outcomes in sorted(b.counts().items()):
                _print(f"    {entity_name:<20} " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
            readable = b.inspection.readable
            if readable and (readable.differences or readable.edited_sheets):
                _print(
                    f"    warning: {len(readable.differences)} cell(s) edited in a spreadsheet; not imported"
                )
                for d in readable.differences[:20]:
                    _print(f"      {d.sheet} row {d.row} {d.column}: {d.in_sheet!r} (ops: {d.in_ops!r})")
        if plan.refused:
            raise MissionDeskError(f"{plan.refused[0].inspection.path.name}: {plan.refused[0].refusal}")
        if args.dry_run:
            _print("dry run: nothing was changed")
            return
        report = bundle_import.apply(ctx, plan, accept_unverified=args.yes_unverified)
        if report.backup:
            _print(f"Backup written to {report.backup}")
        for r in report.bundles:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(r.counts().items()))
            extra = f"; {r.feed_applied} change(s) from HQ applied" if r.kind == "ack" else ""
            _print(f"{r.path.name}: {r.status}{': ' + r.message if r.message else ''} ({counts}){extra}")
            if r.files.stored or r.files.had or r.files.waiting:
                _print(
                    f"    attached files: {r.files.stored} stored, {r.files.had} already here, "
                    f"{r.files.waiting} still to come"
                )
        if args.report:
            _print(f"Report written to {bundle_import.save_report(report, Path(args.report))}")
        if args.ack_out:
            acks = bundle_ack.write_acks(
                ctx, report, Path(args.ack_out), ack_passwords[0] if ack_passwords else None
            )
            for ack in acks:
                sealed = ", protected with a password" if ack.encrypted else ""
                _print(
                    f"Acknowledgement for {ack.mission} written to {ack.path}{sealed}: {ack.results} "
                    f"result(s), {ack.changes} change(s) from HQ."
                )


def cmd_import_table(args: argparse.Namespace) -> None:
    from missiondesk.services import table_import as ti

    request = ti.ImportRequest(
        Path(args.file),
        ti.TableKind(args.kind),
        sheet=args.sheet,
        mapping_name=args.mapping,
        columns=_pairs(args.column or [], "--column", "HEADER=FIELD") or None,
        mission=args.mission,
        date_order=ti.DateOrder(args.date_order) if args.date_order else None,
        accepted=frozenset(
            ti.Suggestion(k, v or "") for k, v in _pairs(args.accept or [], "--accept", "FIELD=TEXT").items()
        ),
        accept_suggestions=args.accept_suggested,
    )
    with _open(args) as ctx:
        for taught in args.teach or []:
            field, sep, rest = taught.partition(":")
            text, sep2, value = rest.rpartition("=")
            if not (sep and sep2 and field.strip() and text.strip() and value.strip()):
                raise MissionDeskError(f"--teach takes FIELD:TEXT=VALUE, not {taught!r}.")
            ti.teach_synonym(ctx, request.kind, field.strip(), text.strip(), value.strip())
            _print(f"From now on {text.strip()!r} in a {field.strip()} column means {value.strip()!r}.")
        report = ti.preview(ctx, request) if args.dry_run else ti.import_table(ctx, request)
        if args.save_mapping:
            ti.save_mapping(ctx, args.save_mapping, report)
    _print_table_report(report, would=args.dry_run)
    if args.save_mapping:
        _print(f"Mapping saved as {args.save_mapping!r}: offered again for a sheet with these headers.")
    if args.errors_out and report.not_imported:
        written = ti.write_errors(report, Path(args.errors_out), args.language)
        _print(f"{written} row(s) not imported written to {args.errors_out} with the reason beside each.")
    if report.backup:
        _print(f"Backup written to {report.backup}")
    if args.dry_run:
        _print("dry run: nothing was changed")
    if report.date_questions:
        raise MissionDeskError(
            f"The dates in {', '.join(report.date_questions)} read both as day-month and month-day: "
            "say which with --date-order dmy or --date-order mdy."
        )
    if report.not_imported:
        raise MissionDeskError(f"{len(report.not_imported)} row(s) not imported; see the reasons above.")


def _pairs(items: Sequence[str], option: str, form: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise MissionDeskError(f"{option} takes {form}, not {item!r}.")
        out[key.strip()] = value.strip() or None
    return out


def _print_table_report(report: Any, *, would: bool) -> None:
    from missiondesk.services.table_import import Outcome

    rows = "-".join(str(n) for n in report.header_rows[:: max(1, len(report.header_rows) - 1)])
    encoding = f", {report.encoding}" if report.encoding else ""
    _print(f"{report.file.name}, sheet {report.sheet!r} (header on row {rows}{encoding})")
    used = f" (mapping {report.mapping_name!r})" if report.mapping_name else ""
    _print(f"columns{used}:")
    for m in report.columns:
        how = f"{m.by.value}, {m.confidence:.0%}" if m.target else "left out"
        _print(f"  {m.column.letter:<3} {m.column.title[:30]:<30} -> {m.target or '-'} ({how})")
    skipped: dict[str, list[int]] = {}
    for s in report.skipped:
        skipped.setdefault(s.reason.value, []).append(s.number)
    for reason, numbers in skipped.items():
        _print(
            f"skipped {len(numbers)} {reason.replace('_', ' ')} row(s): {', '.join(map(str, numbers[:20]))}"
        )
    shown = 0
    for r in report.rows:
        if r.outcome in (Outcome.NEW, Outcome.IMPORTED_BEFORE):
            continue
        if shown == 100:
            _print("  ... (every row not imported is in --errors-out)")
            break
        shown += 1
        what = r.reason or (r.company.known_as if r.company else "")
        _print(
            f"row {r.number}: {r.outcome.value.replace('_', ' ')}: {r.label}{' - ' + what if what else ''}"
        )
    counts = ", ".join(f"{report.count(o)} {o.value.replace('_', ' ')}" for o in Outcome)
    made = ", ".join(
        f"{n} {e}"
        for e in (
            "support_case",
            "case_activity",
            "market_brief",
            "brief_delivery",
            "council_meeting",
            "meeting_attendance",
            "company",
        )
        if (n := report.made(e))
    )
    _print(
        f"{len(report.rows)} row(s): {counts}"
        + (f"; records {'it would make' if would else 'made'}: {made}" if made else "")
    )


def cmd_enroll(args: argparse.Namespace) -> None:
    from missiondesk.services.sync import SyncService

    with _open(args) as ctx:
        result = SyncService(ctx).enroll(args.server, args.code, args.label or "")
    _print(
        f"Enrolled device {result.device_id} for {result.mission} (slot {result.slot}) with {result.server_url}."
    )
    _print(f"The device credential is kept in {result.credential_where}.")
    if result.notice:
        _print(result.notice)


def cmd_sync(args: argparse.Namespace) -> None:
    from missiondesk.services.sync import SyncService

    with _open(args) as ctx:
        report = SyncService(ctx).sync_once(confirm_mass_change=args.yes_mass_change, verify=args.verify)
    if report.message:
        _print(f"HQ: {report.message}")
    extra = " (HQ's database was restored: changes re-sent)" if report.restarted else ""
    repaired = f", {report.repaired} repaired after verify" if report.repaired else ""
    _print(
        f"Sent {report.sent} change(s), received {report.pulled}{repaired}, "
        f"{report.unsent} unsent in {report.seconds:.1f} s{extra}."
    )
    for line in report.rejections:
        _print(f"rejected: {line}")
    if report.files_failed:
        _print(say(MessageCode.SYNC_FILES_FAILED, count=report.files_failed))
        for line in report.file_problems:
            _print(f"  {line}")
    if report.rejected:
        raise MissionDeskError(f"HQ refused {report.rejected} change(s); see the reasons above.")
    if report.unsent:
        raise MissionDeskError(
            f"{report.unsent} change(s) are still waiting at HQ for earlier ones; they go again next time."
        )


PdfRenderer = Callable[[Any, Path, str], Path]
"""Draws a report's dashboard as a PDF (report, path, language); handed in by the composition root
(``app.py``), which may use Qt."""

CaseSummaryRenderer = Callable[[Any, Path, str, str], Path]
"""Draws a case's one-page summary (summary, path, language, printed by); handed in like ``PdfRenderer``."""


def cmd_case_summary(args: argparse.Namespace) -> None:
    from missiondesk.services.case_summary import CaseSummaryService

    out = Path(args.out)
    as_document = out.suffix.lower() in (".hwpx", ".docx")
    if not as_document and out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    renderer: CaseSummaryRenderer | None = getattr(args, "case_summary_renderer", None)
    if renderer is None and not as_document:
        raise MissionDeskError("No PDF renderer here: run the 'missiondesk' command to write the PDF.")
    with _open(args) as ctx:
        service = CaseSummaryService(ctx)
        summary = service.summary(service.find(args.reference))
        officer = ctx.device.officer_name
    _print(f"{summary.case.get('reference')}  {summary.case.get('title')}")
    if as_document:
        # HWPX and DOCX in the ministry's format; the PDF stays the one page the window prints.
        from missiondesk.services.case_documents import case_summary_document
        from missiondesk.services.handover_document import write_document

        document = case_summary_document(summary, language=args.lang, printed_by=officer)
        _print(f"Case summary written to {write_document(document, out)}")
        return
    assert renderer is not None
    _print(f"Case summary written to {renderer(summary, out, args.lang, officer)}")


def _write_handover_document(document: Any, out: str | None) -> None:
    from missiondesk.services.handover_document import write_document

    if document is not None and out:
        _print(f"Handover document written to {write_document(document, Path(out))}")


def cmd_handover_document(args: argparse.Namespace) -> None:
    from missiondesk.services.handover_document import build_handover_document, write_document

    with _open(args) as ctx:
        document = build_handover_document(ctx, args.officer, language=args.lang)
    _print(document.metadata.subject)
    _print(f"Handover document written to {write_document(document, Path(args.out))}")


def _size_text(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def cmd_attach(args: argparse.Namespace) -> None:
    from missiondesk.services.attachments import AttachmentService
    from missiondesk.services.case_summary import CaseSummaryService

    refused = 0
    with _open(args) as ctx:
        case = CaseSummaryService(ctx).find(args.reference)
        service = AttachmentService(ctx)
        for name in args.files:
            try:
                done = service.attach("support_case", case.id, Path(name))
            except MissionDeskError as exc:  # one refused file does not stop the others
                sys.stderr.write(f"missiondesk: {exc}\n")
                refused += 1
                continue
            record = done.change.record
            assert record is not None
            kept = "" if done.stored_new else " (same content as an earlier file: stored once)"
            _print(
                f"Attached {record['file_name']} ({_size_text(record['size'])}, {record['media_type']}) "
                f"to {case.get('reference')}{kept}"
            )
    if refused:
        raise MissionDeskError(f"{refused} file(s) not attached; see the reasons above.")


def cmd_attachments(args: argparse.Namespace) -> None:
    from missiondesk.services.attachments import AttachmentService
    from missiondesk.services.case_summary import CaseSummaryService

    with _open(args) as ctx:
        case = CaseSummaryService(ctx).find(args.reference)
        service = AttachmentService(ctx)
        found = service.list("support_case", case.id)
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
        if not found:
            _print(f"{case.get('reference')} has no attachments.")
        waiting = service.still_to_come(found)
        for record in found:
            when = record.created_at.strftime("%Y-%m-%d %H:%M") if record.created_at else ""
            _print(
                f"{record['file_name']}\t{_size_text(record['size'])}\t{record['media_type']}\t"
                f"{record.created_by or ''}\t{when}" + ("\tstill to come" if record.id in waiting else "")
            )
            if args.save and record.id not in waiting:
                _print(f"  saved to {service.save_as(record.id, Path(args.save))}")


def cmd_attachment_limit(args: argparse.Namespace) -> None:
    from missiondesk.services.attachments import AttachmentService

    with _open(args) as ctx:
        service = AttachmentService(ctx)
        if args.megabytes is not None:
            service.set_max_bytes(round(args.megabytes * 1024 * 1024))
        _print(f"An attached file may be up to {service.max_bytes() / (1024 * 1024):g} MB.")


def cmd_report(args: argparse.Namespace) -> None:
    from missiondesk.reports.period import ReportScope, ScopeKind
    from missiondesk.services.reports import ReportService

    cutoff = dt.date.fromisoformat(args.cutoff) if args.cutoff else None
    scope = None
    for kind, code in (
        (ScopeKind.MISSION, args.mission),
        (ScopeKind.COUNTRY, args.country),
        (ScopeKind.REGION, args.region),
    ):
        if code:
            scope = ReportScope(kind, code.upper() if kind is not ScopeKind.REGION else code.lower())
    out = Path(args.out)
    base = out.with_suffix("") if out.suffix.lower() in (".xlsx", ".pdf", ".hwpx") else out
    with _open(args) as ctx:
        service = ReportService(ctx)
        period = service.period(args.period, cutoff)
        if args.lock:
            locked = service.lock(period, scope)
            _print(
                f"Locked {period.label()} for {locked.tallies.scope.key} (rules {locked.tallies.rules_version})."
            )
        report = service.report(period, scope)
        xlsx = service.export(report, base.with_name(base.name + ".xlsx"))
        hwpx = service.write_document(report, base.with_name(base.name + ".hwpx"))
    _print(report.headline_ko)
    _print(report.headline_en)
    _print(f"Rules {report.rules_version}; {len(report.amendments)} amendment(s) to locked figures.")
    _print(f"Workbook written to {xlsx}")
    _print(f"Hangul document (HWPX) written to {hwpx}")
    renderer: PdfRenderer | None = getattr(args, "pdf_renderer", None)
    if renderer is None:
        raise MissionDeskError("No PDF renderer here: run the 'missiondesk' command to write the PDF too.")
    _print(f"PDF written to {renderer(report, base.with_name(base.name + '.pdf'), args.lang)}")


def cmd_reminders(args: argparse.Namespace) -> None:
    """The "My work" list, as the window shows it: by kind, each line its date and its record."""
    from missiondesk.services.reminders import KIND_HEADINGS, ReminderKind, ReminderService

    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        raise MissionDeskError(f"--today {args.today!r} is not a date (YYYY-MM-DD).") from None
    with _open(args) as ctx:
        service = ReminderService(ctx, clock=lambda: today)
        officer = service.officer(args.officer)
        found = service.reminders(officer)
    _print(f"Reminders for {officer.name} on {today.isoformat()}: {len(found)}")
    for kind in ReminderKind:
        group = [r for r in found if r.kind is kind]
        if group:
            _print()
            _print(f"{KIND_HEADINGS[kind]} ({len(group)})")
        for r in group:
            case = f"  [{r.case_reference}]" if r.case_reference else ""
            _print(f"  {r.date.isoformat()}  {r.title}{case}")


def cmd_handover(args: argparse.Namespace) -> None:
    from missiondesk.services.handover import HandoverService, notes_by_case, read_note_file
    from missiondesk.services.handover_document import build_handover_document

    with _open(args) as ctx:
        service = HandoverService(ctx)
        plan = service.preview(service.officer_named(args.from_).id, service.officer_named(args.to).id)
        source, target = plan.from_officer.title, plan.to_officer.title
        for name, heading in (("support_case", "Cases"), ("task", "Tasks"), ("proposal", "Proposals")):
            items = plan.of(name)
            _print(f"{heading} ({len(items)}):")
            for item in items:
                _print(f"  {item.reference + '  ' if item.reference else ''}{item.title}  [{item.status}]")
        notes = notes_by_case(plan, read_note_file(Path(args.note_file))) if args.note_file else {}
        # Built before the move: afterwards the officer who leaves has no open case left to describe.
        document = build_handover_document(ctx, source, language=args.lang) if args.out else None
        if args.dry_run:
            _print(f"Dry run: nothing moved from {source} to {target}.")
            _write_handover_document(document, args.out)
            return
        result = service.run(plan, notes, default_note=args.note or "")
    _write_handover_document(document, args.out)
    counts = result.plan.counts()
    _print(
        f"Handed over {counts['support_case']} case(s), {counts['task']} task(s) and "
        f"{counts['proposal']} proposal(s) from {source} to {target}; each case has its note in its timeline."
    )


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before and after the command (two dests: argparse would
    # otherwise let the command's default overwrite the value given before it).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", help="use this data folder instead of the default")
    parser = argparse.ArgumentParser(
        prog="missiondesk",
        description="MissionDesk: without a command it opens the desktop app.",
        epilog=(
            "desktop app options (without a command): --data-dir DIR; --exit-when-ready opens the "
            "window, prints the start-up time and exits (a smoke check)"
        ),
    )
    parser.add_argument("--data-dir", dest="data_dir_before", metavar="DIR", help="use this data folder")
    parser.add_argument("--version", action="version", version=f"MissionDesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], None], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, "set up this data folder for a mission laptop or for HQ")
    p.add_argument("--mission", metavar="CODE", help="the mission code, e.g. DE-FRA ('missiondesk missions')")
    p.add_argument("--officer", metavar="NAME", required=True, help="the officer using this laptop")
    p.add_argument("--slot", type=int, default=1, help="device number within the mission, 1-9 (default 1)")
    p.add_argument("--hq", action="store_true", help="set up the HQ install (the authority)")
    p.add_argument("--database", metavar="URL", help="HQ only: a database URL, e.g. postgresql+psycopg://...")
    p.add_argument(
        "--attachments",
        metavar="DIR",
        help="HQ only: keep attachment contents in the sync server's --blobs folder, so laptops receive them",
    )

    p = add("missions", cmd_missions, "list the mission codes")
    p.add_argument("--country", metavar="CC", help="only missions in this country (ISO code)")

    p = add("demo", cmd_demo, "add realistic demo data for this mission")
    p.add_argument("--cases", type=int, default=200, help="how many support cases (default 200)")
    p.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")

    add("stats", cmd_stats, "count records per entity and unsent changes")
    p = add("digest", cmd_digest, "count and hash the live records per entity")
    p.add_argument("--mission", metavar="CODE", help="only the records this mission owns")
    p = add("backup", cmd_backup, "write a consistent copy of the database")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")
    add("check", cmd_check, "check the database's integrity")
    add("optimize", cmd_optimize, "merge the search indexes and compact the database file")
    add("conflicts", cmd_conflicts, "list the open conflicts to review")
    p = add("held", cmd_held, "HQ: list changes held back waiting for earlier ones, or force them")
    p.add_argument("--device", metavar="ID", help="only this device")
    p.add_argument(
        "--force", action="store_true", help="stop waiting and apply them (their base values keep it safe)"
    )
    p.add_argument(
        "--older-than", type=float, default=24.0, metavar="HOURS", help="with --force (default 24)"
    )
    add("restored", cmd_restored, "HQ: after restoring this database from a backup, tell the laptops")
    p = add("export", cmd_export, "write the unsent changes as a signed Excel bundle for HQ")
    p.add_argument("--out", metavar="FILE", required=True, help="the bundle to write (.xlsx)")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--since-ack", action="store_true", help="the changes HQ has not acknowledged yet (the default)"
    )
    which.add_argument("--all", action="store_true", help="every change the outbox still keeps")
    p.add_argument(
        "--include-sensitive", action="store_true", help="include sensitive fields (left out by default)"
    )
    p.add_argument(
        "--language",
        choices=("ko", "en"),
        default="ko",
        help="the readable sheets' names and labels first in Korean (the default) or English",
    )
    p.add_argument(
        "--eml", metavar="FILE", help="also write a mail draft (.eml) to HQ with the bundle attached"
    )
    p.add_argument(
        "--to", metavar="ADDRESS", help="with --eml: HQ's address (default: hq_email in config.json)"
    )
    p.add_argument(
        "--password-file",
        metavar="FILE",
        help="protect the bundle with the password in FILE (Excel's encryption; at least 8 characters; "
        "or set MISSIONDESK_BUNDLE_PASSWORD)",
    )
    p = add("import-table", cmd_import_table, "import a legacy spreadsheet (.xlsx, .xls, .csv) as records")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--kind", required=True, choices=("cases", "companies", "briefs", "meetings"), help="what each row is"
    )
    p.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    p.add_argument("--mapping", metavar="NAME", help="use a saved column mapping")
    p.add_argument("--save-mapping", metavar="NAME", help="save this run's column mapping under NAME")
    p.add_argument(
        "--column",
        action="append",
        metavar="HEADER=FIELD",
        help="map a column by its header (FIELD empty: leave it out)",
    )
    p.add_argument("--mission", metavar="CODE", help="the mission the rows belong to (a laptop: its own)")
    p.add_argument(
        "--dry-run", action="store_true", help="preview: say what each row would become, change nothing"
    )
    p.add_argument(
        "--errors-out", metavar="FILE.xlsx", help="write the rows not imported, with the reason, here"
    )
    p.add_argument(
        "--language",
        choices=("ko", "en"),
        default="ko",
        help="the --errors-out workbook's headings and reasons in Korean (the default) or English",
    )
    p.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read dates such as 5/3/2024 (day-month or month-day)",
    )
    p.add_argument(
        "--accept",
        action="append",
        metavar="FIELD=TEXT",
        help="confirm a suggested match, e.g. country=Germny",
    )
    p.add_argument("--accept-suggested", action="store_true", help="confirm every suggested match")
    p.add_argument(
        "--teach",
        action="append",
        metavar="FIELD:TEXT=VALUE",
        help="remember that TEXT in a FIELD column means VALUE, e.g. status:끝남=closed (kept for later imports, "
        "also when given with --dry-run: it changes no record)",
    )
    p = add("device-key", cmd_device_key, "write this device's public key to a file for the other side")
    p.add_argument("--out", metavar="FILE", required=True)
    p = add("trust-key", cmd_trust_key, "trust another device's key (HQ: a mission laptop's; mission: HQ's)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--replace", action="store_true", help="replace a key registered before for that device")
    p.add_argument(
        "--restore",
        action="store_true",
        help="HQ: take back a revoked laptop (its bundles are accepted again)",
    )
    p = add("import", cmd_import, "import Excel bundles (HQ) or an acknowledgement file (mission)")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--dry-run", action="store_true", help="check and preview only; change nothing")
    p.add_argument("--ack-out", metavar="FILE", help="HQ: write the signed acknowledgement for the mission")
    p.add_argument("--report", metavar="FILE", help="save the import report as a workbook (.xlsx)")
    p.add_argument(
        "--yes-unverified", action="store_true", help="import files signed by a key not registered here"
    )
    p.add_argument(
        "--password-file",
        metavar="FILE",
        action="append",
        help="a password for encrypted files (repeatable; also MISSIONDESK_BUNDLE_PASSWORD)",
    )
    p.add_argument(
        "--ack-password-file",
        metavar="FILE",
        help="HQ: protect the acknowledgements with this password (default: the one that opened "
        "the mission's bundle)",
    )
    p = add("enroll", cmd_enroll, "enrol this laptop with HQ's sync server, with a one-time code from HQ")
    p.add_argument(
        "--server", metavar="URL", required=True, help="HQ's server, e.g. https://sync.example.org"
    )
    p.add_argument("--code", metavar="CODE", required=True, help="the one-time code HQ gave you")
    p.add_argument("--label", metavar="TEXT", help="how HQ lists this laptop (default: officer and slot)")
    p = add("sync", cmd_sync, "send unsent changes to HQ's server and receive HQ's (one cycle)")
    p.add_argument(
        "--yes-mass-change",
        action="store_true",
        help="apply HQ's answer even when it removes a large share of this laptop's records",
    )
    p.add_argument("--verify", action="store_true", help="also compare with HQ and repair what differs")
    p = add(
        "report",
        cmd_report,
        "write the period's report: FILE.xlsx (tables, charts), FILE.pdf and FILE.hwpx (the ministry's document)",
    )
    p.add_argument("--period", metavar="CODE", required=True, help="the reporting period, e.g. 2024")
    p.add_argument("--cutoff", metavar="DATE", help="count up to this date (default: the period's cut-off)")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--mission", metavar="CODE", help="only this mission (default: this laptop's, or all at HQ)"
    )
    where.add_argument("--country", metavar="CC", help="the missions in this country")
    where.add_argument("--region", metavar="NAME", help="the missions of this region, e.g. europe")
    p.add_argument(
        "--out", metavar="FILE", required=True, help="FILE.xlsx, FILE.pdf and FILE.hwpx are written"
    )
    p.add_argument("--lock", action="store_true", help="HQ: freeze the period's figures first")
    p.add_argument(
        "--lang", choices=("ko", "en"), default="ko", help="the PDF's language (default: ko, Korean)"
    )
    p = add(
        "case-summary",
        cmd_case_summary,
        "write one case as a one-page PDF, or as an HWPX or DOCX document in the ministry's format",
    )
    p.add_argument("reference", metavar="REF", help="the case's reference, e.g. DE-FRA-26-1001")
    p.add_argument(
        "--out", metavar="FILE", required=True, help="the file to write: .pdf (the default), .hwpx or .docx"
    )
    p.add_argument(
        "--lang", choices=("ko", "en"), default="ko", help="the page's language (default: ko, Korean)"
    )
    p = add("reminders", cmd_reminders, "list an officer's reminders: tasks due, late and dormant cases")
    p.add_argument("--officer", metavar="NAME", help="whose list (default: the officer of this laptop)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the list as it is on that day (default: today)")
    p = add(
        "handover-document",
        cmd_handover_document,
        "write an officer's handover document: each open case with its activities, next steps, contacts, tasks",
    )
    p.add_argument("--officer", metavar="NAME", required=True, help="the officer handing over")
    p.add_argument("--out", metavar="FILE", required=True, help="the file to write: .hwpx, .docx or .pdf")
    p.add_argument(
        "--lang", choices=("ko", "en"), default="ko", help="the document's language (default: ko, Korean)"
    )
    p = add("handover", cmd_handover, "move an officer's open cases, tasks and proposals to a successor")
    p.add_argument("--from", dest="from_", metavar="NAME", required=True, help="the officer who leaves")
    p.add_argument("--to", metavar="NAME", required=True, help="the successor")
    p.add_argument("--note", metavar="TEXT", help="the handover note of every case the note file leaves out")
    p.add_argument(
        "--note-file", metavar="FILE", help="per-case notes: a CSV or TSV of reference,note (UTF-8)"
    )
    p.add_argument("--dry-run", action="store_true", help="list what would move; change nothing")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="also write the handover document, as it was before the move: .hwpx, .docx or .pdf",
    )
    p.add_argument(
        "--lang", choices=("ko", "en"), default="ko", help="the document's language (default: ko, Korean)"
    )
    p = add("attach", cmd_attach, "attach files to a case (PDF, images, Office and Hangul documents, text)")
    p.add_argument("reference", metavar="REF", help="the case's reference, e.g. DE-FRA-26-1001")
    p.add_argument("files", metavar="FILE", nargs="+", help="the files to attach")
    p = add("attachments", cmd_attachments, "list a case's attachments, and save them with --save")
    p.add_argument("reference", metavar="REF", help="the case's reference, e.g. DE-FRA-26-1001")
    p.add_argument("--save", metavar="DIR", help="also save every file into this folder")
    p = add("attachment-limit", cmd_attachment_limit, "show the limit on one attached file; HQ: set it (MB)")
    p.add_argument(
        "megabytes", nargs="?", type=float, metavar="MB", help="HQ: the new limit, sent to laptops"
    )
    p = add("search", cmd_search, "search cases, briefs, companies and attached files' names")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    pdf_renderer: PdfRenderer | None = None,
    case_summary_renderer: CaseSummaryRenderer | None = None,
) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None) or args.data_dir_before
    args.pdf_renderer = pdf_renderer
    args.case_summary_renderer = case_summary_renderer
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        args.func(args)
    except MissionDeskError as exc:
        sys.stderr.write(f"missiondesk: {exc}\n")
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        sys.stderr.write("missiondesk: interrupted; nothing half-written was kept\n")
        return 130
    except BrokenPipeError:
        _stop_writing_to_closed_stdout()
        return EXIT_OUTPUT_CLOSED
    except Exception as exc:
        report = crash.write_report(paths_mod.resolve(args.data_dir).crash_reports, exc)
        sys.stderr.write(f"missiondesk: unexpected error ({type(exc).__name__}); details in {report}\n")
        return EXIT_BUG
    return 0


def _stop_writing_to_closed_stdout() -> None:
    """The reader closed the pipe (``| head``): what is still buffered, and the interpreter's flush at
    exit, go nowhere instead of raising a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no descriptor behind stdout (a test's StringIO)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
