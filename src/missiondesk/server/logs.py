"""Structured logs: one JSON object per line on stderr, for a log shipper to read."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

from missiondesk.crash import withheld

LOGGER = "missiondesk.server"
_FIELDS = ("method", "path", "status", "ms", "device", "mission", "ops", "changes", "error")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in _FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                out[name] = value
        if record.exc_info and record.exc_info[1] is not None:
            # Where it failed, not what it said: a message may quote a record (crash.withheld).
            out["exc"] = withheld(record.exc_info[1])
        return json.dumps(out, ensure_ascii=False)


def setup(level: str = "info") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    for name in (LOGGER, "uvicorn", "uvicorn.error"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.setLevel(level.upper())
        log.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # our middleware logs each request


def get() -> logging.Logger:
    return logging.getLogger(LOGGER)
