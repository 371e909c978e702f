"""When to sync: the policy behind the window's background sync, without Qt and without threads.

The UI feeds it events (an edit, "Sync now", the network coming back, a sync finishing) and asks
when the next sync is due; a test drives it with a fake clock. Rules:
- a short while after the last edit (``edit_delay``), so a burst of edits goes in one sync;
- every ``interval`` seconds after a good sync;
- at once on "Sync now" or when connectivity returns (both skip a backoff wait);
- after a failure, exponential backoff; an edit never shortens that wait;
- never while a sync runs: an event during a run schedules the next one after it;
- never by itself while HQ refuses this device (revoked, credential lost): only "Sync now", or a
  good sync once the laptop is enrolled again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum

from missiondesk.sync.backoff import Backoff


class Trigger(StrEnum):
    EDIT = "edit"
    TIMER = "timer"
    NOW = "now"
    ONLINE = "online"
    RETRY = "retry"


class SyncLoop:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 300.0,
        edit_delay: float = 10.0,
        backoff: Backoff | None = None,
    ) -> None:
        self.clock = clock
        self.interval = interval
        self.edit_delay = edit_delay
        self.backoff = backoff or Backoff()
        self.running = False
        self.last_error: str | None = None
        self._due_at: float | None = clock()  # a first sync soon after start
        self._reason = Trigger.TIMER
        self._retry_at = 0.0  # no sync before this (backoff), except on "Sync now" or reconnect
        self.held = False  # HQ refused this device: it waits for a new enrolment code

    def _schedule(self, at: float, reason: Trigger) -> None:
        if self._due_at is None or at < self._due_at:
            self._due_at, self._reason = at, reason

    def edited(self) -> None:
        self._schedule(max(self.clock() + self.edit_delay, self._retry_at), Trigger.EDIT)

    def sync_now(self) -> None:
        self._retry_at = 0.0
        if not self.running:  # at once, whatever was due before
            self._due_at, self._reason = self.clock(), Trigger.NOW
        else:
            self._schedule(self.clock(), Trigger.NOW)

    def refused(self) -> None:
        """HQ refused this device itself: no sync by itself until a good one (once enrolled again)."""
        self.held = True

    def online(self) -> None:
        self.backoff.reset()
        self._retry_at = 0.0
        self._schedule(self.clock(), Trigger.ONLINE)

    def due(self) -> Trigger | None:
        """The reason to start a sync now, or None (also while one runs)."""
        if self.running or self._due_at is None or self.clock() < self._due_at:
            return None
        if self.held and self._reason is not Trigger.NOW:
            return None
        return self._reason

    def seconds_until_due(self) -> float | None:
        """How long to sleep before asking ``due`` again (None: nothing planned, or one runs)."""
        if self.running or self._due_at is None:
            return None
        return max(0.0, self._due_at - self.clock())

    def started(self) -> None:
        self.running = True
        self._due_at = None

    def finished(self, ok: bool, error: str | None = None) -> None:
        self.running = False
        now = self.clock()
        if ok:
            self.held = False
            self.backoff.reset()
            self.last_error = None
            self._retry_at = 0.0
            self._schedule(now + self.interval, Trigger.TIMER)
        else:
            self.last_error = error
            self._retry_at = now + self.backoff.failed()
            pending = self._due_at
            self._due_at = None
            self._schedule(max(self._retry_at, pending or 0.0), Trigger.RETRY)
