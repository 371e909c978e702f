"""The exceptions that cross layers.

Two families, kept apart on purpose (the split qutebrowser makes for SQL errors):
- ``UserError``: the input or the situation is wrong and a sentence fixes it
  (a bad mission code, a refused transition, a database from a newer app);
- ``EnvironmentProblem``: the machine is in the way (disk full, read-only
  folder, locked or damaged file). The UI and CLI show these as one clear
  message; anything else is a bug and goes to the crash report.
"""

from __future__ import annotations


class MissionDeskError(Exception):
    """Base of every error MissionDesk expects and can explain in one sentence."""


class UserError(MissionDeskError):
    """The request cannot be done as asked; the message says why."""


class Malformed(UserError):
    """Input from outside (a request, a bundle) that breaks the protocol's bounds: refused whole."""


class NotFound(UserError):
    """A record, mission or code that does not exist."""


class EnvironmentProblem(MissionDeskError):
    """The machine prevents the work: disk, permissions, locks, damaged files."""


class DiskFull(EnvironmentProblem):
    pass


class ReadOnlyLocation(EnvironmentProblem):
    pass


class DatabaseLocked(EnvironmentProblem):
    pass


class DamagedDatabase(EnvironmentProblem):
    pass


class NewerSchema(UserError):
    """The database was written by a newer MissionDesk; it is left untouched."""


class NotInitialised(UserError):
    """The data folder has no MissionDesk database yet."""
