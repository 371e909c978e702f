"""A large bundle's readable sheets, checked and hashed by a second process while this one reads the ops.

Reading and hashing the readable sheets of a 100,000-case bundle is about a
third of its preview, and needs nothing from the ops. Threads would share one
core for the Python part, so a second process does it from the file: it runs
the container checks on those sheets' parts itself (no parser reads a part
before its check passed), reads them, and sends back each sheet's hash.

The reading process checks and reads every other part. A sheet that hashes as
the manifest signed needs nothing more; any other is read again here, to list
its edited cells. Small bundles are read in one process.
"""

from __future__ import annotations

import multiprocessing
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import python_calamine as calamine

from missiondesk.bundles import readable, verify
from missiondesk.bundles.container import ContainerFacts, check_container, sheet_parts
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import Limits
from missiondesk.bundles.manifest import MANIFEST_SHEET
from missiondesk.bundles.reader import read_manifest
from missiondesk.domain.messages import MessageCode, heard, said_by, say

_SHEETS = tuple(s.name for s in readable.READABLE_SHEETS)


@dataclass(frozen=True)
class Digested:
    facts: ContainerFacts  # of the parts the second process checked
    digests: dict[str, str]  # readable sheet -> the hash of its rows as shown


class ReadableJob:
    """The second process at work on one file; ``close`` always (it stops the process if still running)."""

    def __init__(self, path: Path, process: BaseProcess, answers: Connection, parts: frozenset[str]) -> None:
        self.path = path
        self.parts = parts  # the readable sheets' parts: the second process checks them
        self._process = process
        self._answers = answers
        self._answer: tuple[str, Any] | None = None

    @classmethod
    def start(cls, path: Path, limits: Limits) -> ReadableJob | None:
        """The job for a file whose readable sheets are large; None to read it all in this process
        (small sheets, or a file whose layout is unclear: its checks will say why)."""
        try:
            parts = sheet_parts(path, _SHEETS)
            with zipfile.ZipFile(path) as zf:
                size = sum(i.file_size for i in zf.infolist() if i.filename in (parts or {}).values())
        except (BundleRefused, zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
            return None
        if not parts or size < limits.second_process_from_bytes:
            return None
        # Spawned, never forked: this process has threads (Qt's, the task runner's).
        context = multiprocessing.get_context("spawn")
        answers, send = context.Pipe(duplex=False)
        chosen = frozenset(parts.values())
        process = context.Process(
            target=_digest_in_child,
            args=(send, path, limits, chosen),
            name="missiondesk-readable",
            daemon=True,
        )
        try:
            process.start()
        except OSError:  # no process to be had (a process limit, no memory): read it all here
            answers.close()
            return None
        finally:
            send.close()
        return cls(path, process, answers, chosen)

    def mine(self, part: str) -> bool:
        """Whether this process checks ``part`` (every part but the readable sheets')."""
        return part not in self.parts

    def file_refusal(self) -> str | None:
        """Why the second process refused the file itself (its container checks), once it answered."""
        kind, detail = self._receive()
        return detail if kind == "file" else None

    def digested(self) -> Digested:
        kind, detail = self._receive()
        if kind != "ok":
            raise BundleRefused(detail)
        assert isinstance(detail, Digested)
        return detail

    def close(self) -> None:
        self._answers.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()

    def _receive(self) -> tuple[str, Any]:
        if self._answer is None:
            try:
                kind, detail = self._answers.recv()
                # A refusal crosses the process boundary as text, code and parameters (a pickled
                # ``Said`` would arrive as its English text only): the window words it again.
                self._answer = (kind, detail if kind == "ok" else heard(*detail))
            except (EOFError, OSError):
                self._answer = ("failed", say(MessageCode.READABLE_READER_STOPPED, name=self.path.name))
            self.close()
        return self._answer


def _digests(path: Path) -> dict[str, str]:
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        try:
            names = set(book.sheet_names)
            if MANIFEST_SHEET not in names:
                return {}  # the reading process refuses it, for that reason
            include_sensitive = verify.includes_sensitive(
                read_manifest(book.get_sheet_by_name(MANIFEST_SHEET))
            )
            out = {}
            for name in _SHEETS:
                if name in names:
                    rows = list(book.get_sheet_by_name(name).iter_rows())
                    out[name] = verify.sheet_digest(verify.shown_sheet(name, rows[1:], include_sensitive)[1])
            return out
        finally:
            book.close()
    except calamine.CalamineError as exc:
        raise BundleRefused(
            say(MessageCode.BUNDLE_NOT_READABLE_WORKBOOK, name=path.name, detail=str(exc))
        ) from exc


def _digest_in_child(send: Connection, path: Path, limits: Limits, parts: frozenset[str]) -> None:
    try:
        try:
            # Its parts, and the small ones every reader opens (the workbook, styles, shared text).
            facts = check_container(path, limits, lambda n: n in parts or not n.startswith("xl/worksheets/"))
        except BundleRefused as exc:
            send.send(("file", _wire(said_by(exc))))
            return
        send.send(("ok", Digested(facts, _digests(path))))
    except BundleRefused as exc:
        send.send(("readable", _wire(said_by(exc))))
    except Exception as exc:  # any failure must still answer, so the analyst gets a reason
        send.send(("failed", _wire(say(MessageCode.READABLE_FAILED, name=path.name, detail=str(exc)))))
    finally:
        send.close()


def _wire(said: str) -> tuple[object, object, str]:
    """A refusal as ``heard`` takes it back in the reading process: code, parameters, English text."""
    return getattr(said, "code", ""), dict(getattr(said, "params", {})), str(said)
