"""The real sync server in a subprocess on loopback, and a transport that drops requests or replies."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import httpx

from missiondesk.server import auth
from missiondesk.server.app import open_server_store
from missiondesk.store.engine import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_on(backend: str, root: Path) -> Iterator[ServerProcess]:
    """A started server on SQLite (a file in ``root``) or on the test PostgreSQL, stopped afterwards;
    the body of every module-scoped ``server`` fixture (``yield from serve_on(...)``)."""
    import pytest

    from tests.conftest import PG_ENV, reset_postgres

    if backend == "postgres":
        url = os.environ.get(PG_ENV)
        if not url:
            pytest.skip(f"{PG_ENV} is not set: no PostgreSQL to run the sync server against")
        reset_postgres(url)
    else:
        url = f"sqlite:///{root / 'hq.sqlite3'}"
    proc = ServerProcess(url, root)
    proc.start()
    yield proc
    proc.stop()


class ServerProcess:
    def __init__(self, database_url: str, root: Path, *extra: str) -> None:
        self.database_url = database_url
        self.root = root
        self.extra = extra
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._log = (self.root / "server.log").open("ab")
        env = {**os.environ, "MISSIONDESK_DATA_DIR": str(self.root / "data")}
        cmd = [sys.executable, "-m", "missiondesk.server.main", "serve", "--database", self.database_url]
        cmd += ["--port", str(self.port), *self.extra]
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 30
        with httpx.Client(timeout=1.0) as client:
            while True:
                if self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"the server stopped: see {self.root / 'server.log'}")
                with contextlib.suppress(httpx.TransportError):
                    if client.get(self.url + "/health").status_code == 200:
                        return
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the server did not start in 30 s")
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> None:
        self.stop()
        self.start()

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        """HQ's database, opened from the test process (as an administrator's command would)."""
        store = open_server_store(self.database_url)
        try:
            yield store
        finally:
            store.dispose()

    def code(self, mission: str) -> str:
        with self.store() as store:
            return auth.issue_code(store, mission)

    def log(self) -> str:
        return (self.root / "server.log").read_text(encoding="utf-8", errors="replace")


class Faulty(httpx.BaseTransport):
    """A transport that loses the request before it leaves, or the reply after the server acted.

    ``fail("/push", "request")`` drops the next push before the server sees it; ``"response"`` lets
    the server commit and then loses its answer. ``before("/changes", fn)`` runs ``fn`` first.
    """

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.faults: list[tuple[str, str]] = []
        self.hooks: list[tuple[str, Callable[[], None]]] = []
        self.seen: list[str] = []

    def fail(self, path: str, mode: str, times: int = 1) -> None:
        self.faults.extend([(path, mode)] * times)

    def before(self, path: str, fn: Callable[[], None]) -> None:
        self.hooks.append((path, fn))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.seen.append(path)
        for i, (p, fn) in enumerate(self.hooks):
            if path.endswith(p):
                del self.hooks[i]
                fn()
                break
        for i, (p, mode) in enumerate(self.faults):
            if path.endswith(p):
                del self.faults[i]
                if mode == "request":
                    raise httpx.ConnectError("connection dropped before the request left", request=request)
                response = self.inner.handle_request(request)
                response.read()
                response.close()
                raise httpx.ReadError("connection dropped before the reply arrived", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
