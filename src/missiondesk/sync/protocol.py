"""What client and server agree on: paths, headers, limits, and the app-version rule."""

from __future__ import annotations

API = "/v1"
VERSION_HEADER = "X-MissionDesk-Version"
MAX_BATCH = 1000  # ops in one push
MAX_PAGE = 2000  # feed entries in one pull page
MAX_IDS = 500  # records in one targeted re-pull
MAX_BODY = 16 * 1024 * 1024  # bytes of one request body


def version_tuple(text: str) -> tuple[int, ...]:
    """``"1.2.10"`` -> ``(1, 2, 10)``; anything after the numbers (``rc1``, ``.dev0``) is ignored."""
    out: list[int] = []
    for part in text.strip().split("."):
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        out.append(int(digits))
    return tuple(out)


def too_old(app_version: str, minimum: str) -> bool:
    return version_tuple(app_version) < version_tuple(minimum)
