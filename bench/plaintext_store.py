"""For benchmarks: set a data folder up without encryption, as MissionDesk did before SQLCipher.

Same driver (sqlcipher3), same engine set-up, no key: the only difference from the default is
encryption itself, so a side-by-side run measures what it costs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from unittest import mock

from missiondesk.services import database_key


@contextlib.contextmanager
def plaintext_store() -> Iterator[None]:
    with mock.patch.object(database_key, "folder_key", return_value=database_key.FolderKey(None)):
        yield
