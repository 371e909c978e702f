"""The HQ server refuses plain HTTP on an address the network reaches, unless told --allow-http."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from missiondesk.server.main import is_loopback
from tests.syncserver import ServerProcess, free_port


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.1.2.3", False),
        ("sync.mofa.example", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_plain_http_on_every_address_is_refused_and_allowed_only_when_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    env = {**os.environ, "MISSIONDESK_DATA_DIR": str(tmp_path / "data")}
    cmd = [sys.executable, "-m", "missiondesk.server.main", "serve", "--database", url]
    refused = subprocess.run(
        [*cmd, "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert refused.returncode == 1
    assert "Refusing to serve plain HTTP on 0.0.0.0" in refused.stderr and "--allow-http" in refused.stderr
    assert refused.stderr.count("\n") == 1  # one sentence, no traceback

    server = ServerProcess(url, tmp_path / "allowed", "--host", "0.0.0.0", "--allow-http")
    server.start()  # waits for /health on 127.0.0.1, which 0.0.0.0 includes
    try:
        assert httpx.get(server.url + "/health", timeout=5).status_code == 200
    finally:
        server.stop()
