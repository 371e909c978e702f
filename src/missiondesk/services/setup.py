"""Setting a data folder up: a mission laptop, or the HQ install (the authority)."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
from pathlib import Path

from missiondesk import paths as paths_mod
from missiondesk import refdata
from missiondesk.domain.enums import OfficerRole
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import HQ_MISSION, Role
from missiondesk.domain.references import MAX_SLOT
from missiondesk.domain.schema import entity
from missiondesk.domain.validation import clean_text, normalise
from missiondesk.errors import NotFound, UserError
from missiondesk.services.context import (
    ATTACHMENTS_DIR,
    AppContext,
    configured,
    open_keyed_store,
    read_config,
    write_config,
)
from missiondesk.store import devices, outbox, refload
from missiondesk.store import records as rows
from missiondesk.store.engine import sqlite_path
from missiondesk.store.records import Writer
from missiondesk.sync.authority import Authority


def mission_codes() -> dict[str, str]:
    return {m["code"]: m["name_en"] for m in refdata.rows("mission")}


def check_mission(code: str) -> str:
    code = code.strip().upper()
    known = mission_codes()
    if code not in known:
        close = difflib.get_close_matches(code, list(known), n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise NotFound(f"Unknown mission code {code!r}.{hint} 'missiondesk missions' lists them all.")
    return code


def init_mission(
    data_dir: str | Path | None,
    mission: str,
    officer: str,
    slot: int = 1,
    database_url: str | None = None,
    *,
    passphrase: str | None = None,
) -> AppContext:
    """Set up a mission laptop. ``database_url`` is for tests and special set-ups; laptops use SQLite.

    ``passphrase``: protect the database with it instead of a key in the keyring (portable mode).
    """
    code = check_mission(mission)
    if not 1 <= slot <= MAX_SLOT:
        raise UserError(say(MessageCode.SLOT_RANGE, max=MAX_SLOT))
    return _init(data_dir, code, Role.MISSION, officer, slot, database_url, passphrase)


def init_hq(
    data_dir: str | Path | None,
    officer: str,
    database_url: str | None = None,
    *,
    passphrase: str | None = None,
    attachments_dir: str | Path | None = None,
) -> AppContext:
    """``attachments_dir``: keep attachment contents there instead of the data folder, the folder the
    sync server serves (its ``--blobs``), so a file that arrives here by side-car reaches the laptops.
    Contents are kept as the server keeps them: only for a database without a folder key (PostgreSQL)."""
    return _init(data_dir, HQ_MISSION, Role.HQ, officer, 1, database_url, passphrase, attachments_dir)


def _init(
    data_dir: str | Path | None,
    mission: str,
    role: Role,
    officer: str,
    slot: int,
    database_url: str | None,
    passphrase: str | None,
    attachments_dir: str | Path | None = None,
) -> AppContext:
    officer = clean_text(officer)
    if not officer:
        raise UserError(say(MessageCode.OFFICER_NAME_NEEDED))
    paths = paths_mod.resolve(data_dir)
    if attachments_dir:
        paths = dataclasses.replace(paths, attachments_dir=Path(attachments_dir).expanduser().resolve())
    else:
        paths = configured(paths)
    url = database_url or read_config(paths).get("database_url") or paths.default_database_url()
    db_file = sqlite_path(url)
    created = db_file is not None and not db_file.exists()
    try:
        store, notice = open_keyed_store(
            paths, url, create=True, passphrase=passphrase, new_passphrase=passphrase is not None
        )
    except BaseException:
        if created and db_file is not None:
            _remove_sqlite(db_file)
        raise
    try:
        if paths.attachments_dir is not None and store.key is not None:
            # The server could not read contents sealed under this folder's key.
            raise UserError(say(MessageCode.SHARED_CONTENTS_NEED_SERVER_DATABASE))
        with store.write() as conn:
            existing = devices.current(conn)
            if existing is not None:
                raise UserError(
                    say(
                        MessageCode.FOLDER_SET_UP_ALREADY,
                        folder=str(paths.root),
                        mission=existing.mission,
                        officer=existing.officer_name,
                    )
                )
            refload.ensure_loaded(conn)
            device = devices.create(conn, mission=mission, role=role, officer_name=officer, slot=slot)
            spec = entity("officer")
            values = normalise(
                spec,
                {
                    "name": officer,
                    "mission": None if role is Role.HQ else mission,
                    "role": (OfficerRole.ANALYST if role is Role.HQ else OfficerRole.OFFICER).value,
                    "active": True,
                },
            )
            if role is Role.HQ:
                Authority(store).enrol(conn, device.device_id, mission, role, slot, f"HQ install ({officer})")
            record, op = rows.insert(conn, Writer(device.device_id, officer), spec, values, mission)
            if role is Role.HQ and op is not None:
                Authority(store).record_local(conn, op)
                outbox.mark_settled(conn, op.op_id)
            devices.set_officer(conn, device.device_id, record.id)
            device = devices.current(conn) or device
        if database_url:
            write_config(paths, {**read_config(paths), "database_url": database_url})
        if paths.attachments_dir is not None:
            write_config(paths, {**read_config(paths), ATTACHMENTS_DIR: str(paths.attachments_dir)})
    except BaseException:
        store.dispose()
        if created and db_file is not None:
            _remove_sqlite(db_file)
        raise
    return AppContext(paths, store, device, notice)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()
