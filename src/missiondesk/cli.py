"""Headless commands: ``missiondesk SUBCOMMAND``.

Exit status 0 on success; on failure one line on stderr and a non-zero
status: 1 for a problem the message explains, 2 for a wrong command line,
70 for a bug (its details go to a crash report in the log folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from missiondesk import __version__, crash
from missiondesk import paths as paths_mod
from missiondesk.domain.permissions import Role
from missiondesk.errors import MissionDeskError
from missiondesk.services import maintenance, setup
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.demo import generate_demo
from missiondesk.services.search import search_all
from missiondesk.sync.authority import Authority

EXIT_PROBLEM = 1
EXIT_BUG = 70


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def cmd_init(args: argparse.Namespace) -> None:
    if args.hq:
        ctx = setup.init_hq(args.data_dir, args.officer, args.database)
    else:
        if not args.mission:
            raise MissionDeskError("Name the mission (--mission CODE), or set up HQ with --hq.")
        ctx = setup.init_mission(args.data_dir, args.mission, args.officer, args.slot)
    with ctx:
        where = ctx.store.url
        _print(f"Set up {ctx.device.mission} for {ctx.device.officer_name} (device {ctx.device.device_id}).")
        _print(f"Database: {where}")


def cmd_missions(args: argparse.Namespace) -> None:
    from missiondesk import refdata

    for m in refdata.rows("mission"):
        if args.country and m["country"] != args.country.upper():
            continue
        _print(f"{m['code']:<8} {m['type']:<18} {m['name_en']}  /  {m['name_ko']}")


def cmd_demo(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        result = generate_demo(ctx, cases=args.cases, seed=args.seed)
        _print(
            f"Added {result.cases} cases, {result.activities} activities, {result.referrals} referrals, "
            f"{result.companies} companies, {result.briefs} briefs with {result.deliveries} deliveries, "
            f"{result.meetings} council meetings in {result.seconds:.1f} s."
        )


def cmd_stats(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        s = maintenance.stats(ctx)
        _print(f"{'entity':<20} {'live':>9} {'in trash':>9}")
        for c in s.counts:
            _print(f"{c.entity:<20} {c.live:>9} {c.deleted:>9}")
        _print(f"outbox: {s.outbox_pending} unsent of {s.outbox_total} ops")


def cmd_digest(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        for d in maintenance.digest(ctx, args.mission.upper() if args.mission else None):
            _print(f"{d.entity:<20} {d.count:>9} {d.sha256}")


def cmd_backup(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        out = maintenance.backup(ctx, Path(args.out) if args.out else None)
        _print(f"Backup written to {out}")


def cmd_check(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        report = maintenance.check(ctx)
    for w in report.warnings:
        _print(f"warning: {w}")
    for e in report.errors:
        _print(f"error: {e}")
    if not report.ok:
        raise MissionDeskError(f"check found {len(report.errors)} problem(s)")
    _print("ok")


def cmd_search(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        results = search_all(ctx, " ".join(args.query), limit=args.limit)
    for r in results:
        _print(f"{r.entity:<13} {r.record.id}  {r.label}")
    if not results:
        _print("no matches")


def cmd_optimize(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        maintenance.optimize(ctx)
    _print("Search indexes merged and the database file compacted.")


def _authority(ctx: AppContext) -> Authority:
    if ctx.device.role is not Role.HQ:
        raise MissionDeskError("This command is for the HQ install (the authority), not a mission laptop.")
    return Authority(ctx.store)


def cmd_held(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
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
    with open_context(args.data_dir) as ctx:
        epoch = _authority(ctx).rotate_epoch()
    _print(f"New feed epoch {epoch}: laptops will re-send what this database lost and pull again.")


def cmd_conflicts(args: argparse.Namespace) -> None:
    with open_context(args.data_dir) as ctx:
        views = ConflictService(ctx).open_conflicts()
    for v in views:
        _print(f"{v.id}  {v.entity_label}: {v.record_title} · {v.field_label} · {v.conflict['made_by']}")
        _print(f"    at HQ: {v.theirs!r}  conflicting: {v.ours!r}")
    _print(f"{len(views)} open conflict(s); review them in the app under Sync > Review conflicts")


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before and after the command (two dests: argparse would
    # otherwise let the command's default overwrite the value given before it).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", help="use this data folder instead of the default")
    parser = argparse.ArgumentParser(
        prog="missiondesk", description="MissionDesk: without a command it opens the desktop app."
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
    p = add("search", cmd_search, "search cases, briefs and companies")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None) or args.data_dir_before
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
    except Exception as exc:
        report = crash.write_report(paths_mod.resolve(args.data_dir).crash_reports, exc)
        sys.stderr.write(
            f"missiondesk: unexpected error ({type(exc).__name__}: {exc}); details in {report}\n"
        )
        return EXIT_BUG
    return 0
