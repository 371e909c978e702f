"""``missiondesk-server``: run the HQ sync server, or administer its devices.

    missiondesk-server [serve] --database URL [--host H] [--port P] [--tls-cert F --tls-key F] [--allow-http]
                              [--blobs DIR]
    missiondesk-server enroll-code --mission CODE [--database URL]
    missiondesk-server revoke DEVICE [--database URL]
    missiondesk-server devices [--database URL]
    missiondesk-server restored [--database URL]
    missiondesk-server prune-staging [--blobs DIR] [--days N]

Exit status 0 on success, 1 with a one-line message for a problem, 70 for a bug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from missiondesk import __version__
from missiondesk import paths as paths_mod
from missiondesk.console import use_utf8_streams
from missiondesk.crash import withheld
from missiondesk.errors import MissionDeskError, UserError
from missiondesk.server import auth, logs
from missiondesk.server.app import ServerConfig, check_mission, create_app, open_server_store
from missiondesk.sync.authority import Authority
from missiondesk.sync.blob_hub import STAGING_KEPT_DAYS, prune_staging

ENV_DATABASE = "MISSIONDESK_SERVER_DATABASE"
ENV_MIN_VERSION = "MISSIONDESK_SERVER_MIN_APP_VERSION"
ENV_MESSAGE = "MISSIONDESK_SERVER_MESSAGE"
EXIT_PROBLEM = 1
EXIT_BUG = 70


def default_database() -> str:
    """``$MISSIONDESK_SERVER_DATABASE``, else an SQLite file in the data folder (to try it out)."""
    return os.environ.get(ENV_DATABASE) or f"sqlite:///{paths_mod.resolve(None).root / 'hq-server.sqlite3'}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost); any other name may be reached
    from the network."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    if bool(args.tls_cert) != bool(args.tls_key):
        raise UserError("Give both --tls-cert and --tls-key, or neither (TLS at a reverse proxy).")
    for f in (args.tls_cert, args.tls_key):
        if f and not Path(f).is_file():
            raise UserError(f"{f} does not exist.")
    if not args.tls_cert and not args.allow_http and not is_loopback(args.host):
        raise UserError(
            f"Refusing to serve plain HTTP on {args.host}: the laptops' records and credentials would cross "
            "the network unencrypted. Give --tls-cert and --tls-key, or listen on 127.0.0.1 behind a "
            "TLS reverse proxy, or (a closed test network only) --allow-http."
        )
    logs.setup(args.log_level)
    config = ServerConfig(
        database_url=args.database,
        min_app_version=args.min_app_version or os.environ.get(ENV_MIN_VERSION) or __version__,
        message=args.message or os.environ.get(ENV_MESSAGE, ""),
        blob_dir=Path(args.blobs) if args.blobs else None,
        staging_days=args.staging_days,
    )
    app = create_app(config)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        timeout_keep_alive=30,
    )


def cmd_enroll_code(args: argparse.Namespace) -> None:
    mission = check_mission(args.mission)
    store = open_server_store(args.database)
    try:
        code = auth.issue_code(store, mission, auth.CODE_TTL * (args.hours / 72.0))
    finally:
        store.dispose()
    _print(f"Enrolment code for {mission}: {code}  (one use, valid {args.hours:g} hours)")


def cmd_revoke(args: argparse.Namespace) -> None:
    store = open_server_store(args.database)
    try:
        auth.revoke(store, args.device)
    finally:
        store.dispose()
    _print(f"Device {args.device} revoked: its requests are refused from now on.")


def cmd_devices(args: argparse.Namespace) -> None:
    store = open_server_store(args.database)
    try:
        rows = auth.devices(store)
    finally:
        store.dispose()
    for d in rows:
        state = "revoked" if d["revoked"] else ("blocked" if d["blocked_reason"] else "active")
        _print(
            f"{d['device_id']}  {d['mission']:<8} slot {d['slot']}  {d['role']:<7} {state:<8} {d['label']}"
        )
    _print(f"{len(rows)} device(s)")


def cmd_restored(args: argparse.Namespace) -> None:
    store = open_server_store(args.database)
    try:
        epoch = Authority(store).rotate_epoch()
    finally:
        store.dispose()
    _print(f"New feed epoch {epoch}: laptops will re-send what this database lost and pull again.")


def cmd_prune_staging(args: argparse.Namespace) -> None:
    config = ServerConfig(database_url=args.database, blob_dir=Path(args.blobs) if args.blobs else None)
    staging = config.blobs_at() / "staging"
    removed = prune_staging(staging, dt.timedelta(days=args.days))
    _print(f"{removed} partial upload(s) untouched for {args.days:g} day(s) removed from {staging}.")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        metavar="URL",
        default=default_database(),
        help="postgresql+psycopg://... in production; default: $MISSIONDESK_SERVER_DATABASE or an SQLite file",
    )
    parser = argparse.ArgumentParser(prog="missiondesk-server", description="MissionDesk's HQ sync server.")
    parser.add_argument("--version", action="version", version=f"missiondesk-server {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("serve", parents=[common], help="run the server (the default)")
    _serve_options(p)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("enroll-code", parents=[common], help="issue a one-time enrolment code for a mission")
    p.add_argument(
        "--mission", metavar="CODE", required=True, help="the mission code, or HQ for an HQ device"
    )
    p.add_argument("--hours", type=float, default=72.0, help="how long the code stays valid (default 72)")
    p.set_defaults(func=cmd_enroll_code)
    p = sub.add_parser("revoke", parents=[common], help="revoke a device at once")
    p.add_argument("device", metavar="DEVICE")
    p.set_defaults(func=cmd_revoke)
    p = sub.add_parser("devices", parents=[common], help="list the enrolled devices")
    p.set_defaults(func=cmd_devices)
    p = sub.add_parser("restored", parents=[common], help="after restoring the database from a backup")
    p.set_defaults(func=cmd_restored)
    p = sub.add_parser(
        "prune-staging", parents=[common], help="remove partial uploads nobody continued (also done at start)"
    )
    _blobs_option(p)
    p.add_argument("--days", type=float, default=STAGING_KEPT_DAYS, help="untouched this long (default 7)")
    p.set_defaults(func=cmd_prune_staging)
    return parser


def _blobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--blobs", metavar="DIR", help="folder for attachment contents (default: hq-blobs in the data folder)"
    )


def _serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--tls-cert", metavar="FILE", help="PEM certificate, to serve HTTPS directly")
    p.add_argument("--tls-key", metavar="FILE", help="PEM private key for --tls-cert")
    p.add_argument(
        "--allow-http",
        action="store_true",
        help="serve plain HTTP on a non-loopback address (refused without it: use TLS)",
    )
    p.add_argument("--min-app-version", metavar="X.Y.Z", help="older apps are told to update")
    p.add_argument("--message", default="", help="a line shown to every laptop that syncs")
    _blobs_option(p)
    p.add_argument(
        "--staging-days",
        type=float,
        default=STAGING_KEPT_DAYS,
        help="partial uploads untouched this many days are removed, at start and daily (default 7)",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument(
        "--forwarded-allow-ips", default="127.0.0.1", help="proxies whose X-Forwarded-* headers are trusted"
    )


def main(argv: Sequence[str] | None = None) -> int:
    use_utf8_streams()
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = {"serve", "enroll-code", "revoke", "devices", "restored", "prune-staging"}
    if not any(a in commands for a in args_list) and not {"-h", "--help", "--version"} & set(args_list):
        args_list.insert(0, "serve")
    args = build_parser().parse_args(args_list)
    try:
        args.func(args)
    except MissionDeskError as exc:
        sys.stderr.write(f"missiondesk-server: {exc}\n")
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        sys.stderr.write(withheld(exc))
        return EXIT_BUG
    return 0


if __name__ == "__main__":
    sys.exit(main())
