"""Never two syncs at once: an in-process lock plus an OS file lock for other processes.

The window's timer, its "Sync now" button and a ``missiondesk sync`` started from a shell all take
the same lock; the second one is refused at once with ``SyncBusy`` (it does not queue).
The OS drops a file lock when its process dies, so a crash never leaves the laptop locked.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from types import TracebackType

from missiondesk.errors import UserError

_guard = threading.Lock()
_held: set[str] = set()


class SyncBusy(UserError):
    def __init__(self) -> None:
        super().__init__("A sync is already running on this laptop; this one was not started.")


def _lock_fd(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class SyncLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._key = str(path.resolve())
        self._fd: int | None = None

    def acquire(self) -> None:
        with _guard:
            if self._key in _held:
                raise SyncBusy
            _held.add(self._key)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _lock_fd(fd):
                os.close(fd)
                raise SyncBusy
            self._fd = fd
        except BaseException:
            with _guard:
                _held.discard(self._key)
            raise

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the OS lock
            self._fd = None
        with _guard:
            _held.discard(self._key)

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
