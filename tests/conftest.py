"""Shared fixtures: a fresh data folder per test, on SQLite or on a real PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings

from missiondesk.services.context import AppContext
from missiondesk.services.setup import init_hq, init_mission

PG_ENV = "MISSIONDESK_TEST_PG_URL"

# Offscreen by default; on Windows Qt's own platform (its offscreen plugin finds no fonts there, and a
# Windows session always has a desktop; under wine, Xvfb stands in for it).
os.environ.setdefault("QT_QPA_PLATFORM", "windows" if sys.platform == "win32" else "offscreen")
# Tests never read or write the person's real keyring (Windows always has one): the ones about the
# keyring pass a fake, every other one takes the private-file fallback as on a machine without one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

# CI runs the same generated examples every time; explore with HYPOTHESIS_PROFILE=explore.
_slow_ok = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile(
    "ci", derandomize=True, max_examples=20, deadline=None, suppress_health_check=_slow_ok
)
settings.register_profile("explore", max_examples=300, deadline=None, suppress_health_check=_slow_ok)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _no_default_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real per-user data folder."""
    monkeypatch.setenv("MISSIONDESK_DATA_DIR", str(tmp_path / "default-data"))


def reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL to test against (.ci/run starts one)")
    reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """The authority's database: the HQ install runs on either."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return "sqlite"


@pytest.fixture
def mission(tmp_path: Path) -> Iterator[AppContext]:
    """A mission laptop at the Frankfurt consulate general."""
    ctx = init_mission(tmp_path / "frankfurt", "DE-FRA", "김영희")
    yield ctx
    ctx.close()


@pytest.fixture
def mission_on(tmp_path: Path, backend: str) -> Iterator[AppContext]:
    """A mission laptop whose store is SQLite or PostgreSQL (the same store code must run on both)."""
    url = None if backend == "sqlite" else backend
    ctx = init_mission(tmp_path / "laptop", "DE-FRA", "김영희", database_url=url)
    yield ctx
    ctx.close()


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[AppContext]:
    ctx = init_hq(tmp_path / "hq", "본부 분석관")
    yield ctx
    ctx.close()


@pytest.fixture(autouse=True)
def _no_tray_notices(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's window never puts a notice in the person's system tray: Windows always has one (the
    offscreen platform none). The tests of the notice say where a tray is."""
    if "qtbot" in request.fixturenames:
        monkeypatch.setattr("missiondesk.ui.my_work.DailyNotice.available", lambda self: False)


@pytest.fixture
def open_window(qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Shows a data folder's main window as a person sees it a moment after start-up (``size`` as in the
    real-window checks): the status bar's counts and the reminders, deferred past the first page, are in.
    Every window opened is closed after the test."""
    from missiondesk.ui.main_window import MainWindow  # Qt only for the tests that ask for a window

    opened: list[MainWindow] = []

    def open_(ctx: AppContext, size: tuple[int, int] | None = None) -> MainWindow:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        # Laid out after the deferred counts: a check right after show() would race the settle timer.
        qtbot.waitUntil(lambda: window.settled, timeout=30_000)
        return window

    yield open_
    for window in opened:
        window.close()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without the interpreter's final clean-up once every result is reported.

    PySide6 6.12 has refcount bugs that can abort the process while Python finalizes
    (seen: "bool_dealloc" after pytest-qt's Python model tester), which would turn a green
    run red after the summary. Nothing is left to write: the reports and caches are done.
    """
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(int(getattr(config, "_missiondesk_exit", 0)))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config._missiondesk_exit = int(exitstatus)  # type: ignore[attr-defined]
