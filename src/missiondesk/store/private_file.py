"""Bytes only this user account can read, in a file, on POSIX and on Windows.

POSIX: the file's mode is 0600 (and is closed again if someone widened it). Windows has no such
mode bits (``os.chmod`` only sets read-only), so there the content is sealed with DPAPI
(``CryptProtectData``, user scope): another account, or a copy of the file taken to another
computer, gets bytes it cannot open. NTFS ACLs of the user's profile folder add to that.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from missiondesk.store.engine import fsync_dir

# The first bytes of a sealed file, so that a file written before sealing existed still reads.
SEALED_MAGIC = b"MDDPAPI1"
PROTECTION = "DPAPI" if sys.platform == "win32" else "0600"


class UnsealError(OSError):
    """The sealed content cannot be opened by this account on this computer."""


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all, readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    payload = SEALED_MAGIC + _protect(data) if sys.platform == "win32" else data
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)  # the handle is closed first: Windows refuses to replace an open file
    fsync_dir(path.parent)


def read_private(path: Path) -> bytes:
    """The content written by ``write_private``; tightens a widened POSIX mode before reading."""
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # someone widened it: close it again before reading
    raw = path.read_bytes()
    if raw.startswith(SEALED_MAGIC):
        return _unprotect(raw[len(SEALED_MAGIC) :])
    return raw


def _protect(data: bytes) -> bytes:
    return _dpapi(data, protect=True)


def _unprotect(data: bytes) -> bytes:
    return _dpapi(data, protect=False)


def _dpapi(data: bytes, *, protect: bool) -> bytes:
    if sys.platform != "win32":
        raise UnsealError("this file was sealed on Windows and opens only there")
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32")
    buffer = ctypes.create_string_buffer(data, len(data))
    source = Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    result = Blob()
    ui_forbidden = 0x1  # CRYPTPROTECT_UI_FORBIDDEN: never a prompt
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    call.argtypes = [
        ctypes.POINTER(Blob),
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.POINTER(Blob),
    ]
    call.restype = wintypes.BOOL
    if not call(ctypes.byref(source), None, None, None, None, ui_forbidden, ctypes.byref(result)):
        raise UnsealError(
            f"Windows could not {'seal' if protect else 'open'} the data ({ctypes.get_last_error()})"
        )
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        kernel32.LocalFree(result.pbData)
