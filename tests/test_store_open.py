"""Opening databases: migrations, backups, and refusing what is not ours, untouched."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from missiondesk.errors import DamagedDatabase, NewerSchema, NotInitialised
from missiondesk.services.context import open_context
from missiondesk.services.setup import init_mission
from missiondesk.store.backup import attachments_beside
from missiondesk.store.blobs import FolderBlobStore
from missiondesk.store.database import open_store
from missiondesk.store.engine import make_engine
from missiondesk.store.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    include_object,
    script_directory,
)
from missiondesk.store.search import find
from missiondesk.store.tables import metadata


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revisions_oldest_first() -> list[str]:
    return [r.revision for r in reversed(list(script_directory().walk_revisions()))]


def test_a_new_database_is_created_at_the_newest_schema_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'new.sqlite3'}", create=True)
    try:
        assert current_revision(store.engine) == head_revision()
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            tables = set(sa.inspect(conn).get_table_names())
        assert set(metadata.tables) <= tables
        assert "search_fts" in tables
    finally:
        store.dispose()


def test_opening_without_create_on_an_empty_folder_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(NotInitialised, match="missiondesk init"):
        open_context(tmp_path / "nothing-here")
    assert not (tmp_path / "nothing-here" / "missiondesk.sqlite3").exists()


@pytest.mark.parametrize("start", _revisions_oldest_first()[:-1] or [None])
def test_every_earlier_revision_migrates_to_head_after_a_backup(tmp_path: Path, start: str | None) -> None:
    """A database at each earlier revision (or empty, before the first) reaches head on open."""
    path = tmp_path / "old.sqlite3"
    engine = sa.create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        if start is None:
            conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        else:
            command.upgrade(cfg, start)
    engine.dispose()
    store = open_store(f"sqlite:///{path}", tmp_path / "backups")
    try:
        assert current_revision(store.engine) == head_revision()
    finally:
        store.dispose()
    if start is not None:
        assert list((tmp_path / "backups").glob(f"missiondesk-before-{start}-*.sqlite3"))


def test_downgrade_to_base_and_upgrade_again_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "round.sqlite3"
    open_store(f"sqlite:///{path}", create=True).dispose()
    engine = sa.create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        assert sa.inspect(conn).get_table_names() == ["alembic_version"]
        command.upgrade(cfg, "head")
        assert "support_case" in sa.inspect(conn).get_table_names()
    engine.dispose()


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(tmp_path: Path) -> None:
    ctx = init_mission(tmp_path / "data", "DE-FRA", "김영희")
    path = ctx.paths.database
    with ctx.store.engine.begin() as conn:  # the database is encrypted: write through its own engine
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    ctx.close()
    before = {p.name: _digest(p) for p in path.parent.iterdir() if p.is_file()}
    with pytest.raises(NewerSchema, match="newer version of MissionDesk") as info:
        open_context(tmp_path / "data")
    assert "left untouched" in str(info.value)
    after = {p.name: _digest(p) for p in path.parent.iterdir() if p.is_file()}
    assert after == before


@pytest.mark.parametrize(
    "content",
    [b"Name,Title\nKim,Officer\n", b"PK\x03\x04 this is a workbook", b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["csv", "zip", "damaged-sqlite"],
)
def test_a_file_that_is_not_our_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "missiondesk.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DamagedDatabase):
        open_context(folder)
    assert path.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == ["missiondesk.sqlite3"]


def test_a_corrupt_file_given_as_the_database_url_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("meeting notes, not a database", encoding="utf-8")
    with pytest.raises(DamagedDatabase, match="not an SQLite file"):
        open_store(f"sqlite:///{bogus}")
    assert bogus.read_text(encoding="utf-8") == "meeting notes, not a database"


def test_records_written_before_the_bigram_index_are_found_after_the_migration(tmp_path: Path) -> None:
    """Migration 0003 fills the two-character index from documents an older schema wrote."""
    path = tmp_path / "old.sqlite3"
    engine = sa.create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.exec_driver_sql(
            "INSERT INTO search_doc (id, entity, record_id, owner_mission, body) "
            "VALUES (1, 'support_case', 'c1', 'DE-FRA', '주재원 취업비자 발급')"
        )
        conn.exec_driver_sql("INSERT INTO search_fts (rowid, body) VALUES (1, '주재원 취업비자 발급')")
    engine.dispose()
    store = open_store(f"sqlite:///{path}", tmp_path / "backups")
    try:
        with store.read() as conn:
            assert [h.record_id for h in find(conn, "비자")] == ["c1"]
            assert [h.record_id for h in find(conn, "취업비자")] == ["c1"]
    finally:
        store.dispose()


def test_the_migrations_build_exactly_the_tables_the_code_declares(tmp_path: Path, backend: str) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}" if backend == "sqlite" else backend
    store = open_store(url, create=True)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        store.dispose()


def test_the_fast_revision_reading_agrees_with_alembic() -> None:
    """Opening reads revisions from the files without Alembic; both readings must be the same."""
    from missiondesk.store.migrate import known_revisions

    alembic_heads = script_directory().get_heads()
    assert [head_revision()] == alembic_heads
    assert known_revisions() == {r.revision for r in script_directory().walk_revisions()}


def test_portable_mode_keeps_data_beside_the_built_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from missiondesk import paths

    exe = tmp_path / "usb" / "MissionDesk" / "missiondesk"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.resolve().root != exe.parent / "data"  # no marker: the per-user folder
    (exe.parent / paths.PORTABLE_MARKER).write_text("")
    assert paths.resolve().root == exe.parent / "data"
    assert paths.resolve(tmp_path / "elsewhere").root == tmp_path / "elsewhere"  # --data-dir still wins


def test_a_relaxed_write_flushes_lazily_and_hands_back_a_durable_connection(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}", create=True)
    try:
        with store.write(durable=False) as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1  # NORMAL
        for _ in range(2):  # whichever pooled connection comes next
            with store.write() as conn:
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
        with pytest.raises(RuntimeError), store.write(durable=False):
            raise RuntimeError("rolled back")
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    finally:
        store.dispose()


def test_the_migration_to_0008_makes_existing_notes_and_resolutions_searchable(tmp_path: Path) -> None:
    from missiondesk.domain.records import ListQuery
    from missiondesk.services.records import RecordService

    ctx = init_mission(tmp_path / "data", "DE-FRA", "김영희")
    svc = RecordService(ctx)
    case = svc.create(
        "support_case", {"title": "공장 부지", "resolution_summary": "Pachtvertrag unterschrieben"}
    )
    svc.create(
        "case_activity",
        {
            "case_id": case.record_id,
            "date": "2026-11-02",
            "action_type": "consultation",
            "notes": "Heilbronn",
        },
    )
    path, key = ctx.paths.database, ctx.store.key
    ctx.close()
    engine = make_engine(f"sqlite:///{path}", key)  # the database is encrypted: its key opens it
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
        # As 0007 wrote them: a case's document without its resolution, no document for a note.
        conn.exec_driver_sql("UPDATE search_doc SET body = 'dummy' WHERE entity = 'support_case'")
        conn.exec_driver_sql("DELETE FROM search_fts")
        conn.exec_driver_sql("DELETE FROM search_bigram")
    engine.dispose()
    ctx = open_context(tmp_path / "data")
    try:
        svc = RecordService(ctx)
        for text in ("heilbronn", "pachtvertrag", "공장 부지"):
            assert [r.id for r in svc.list(ListQuery("support_case", text=text)).rows] == [case.record_id]
    finally:
        ctx.close()


def test_the_backup_before_a_migration_carries_the_attachment_contents(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = sa.create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    earlier = _revisions_oldest_first()[-2]
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, earlier)
    engine.dispose()
    attachments = tmp_path / "attachments"
    stored = FolderBlobStore(attachments).put(io.BytesIO(b"%PDF-1.7 permit"))
    store = open_store(f"sqlite:///{path}", tmp_path / "backups", attachments=attachments)
    store.dispose()
    [copy] = (tmp_path / "backups").glob(f"missiondesk-before-{earlier}-*.sqlite3")
    with FolderBlobStore(attachments_beside(copy)).open(stored.sha256) as fh:
        assert fh.read() == b"%PDF-1.7 permit"
