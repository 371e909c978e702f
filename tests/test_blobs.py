"""The attachment content store: by SHA-256, once, atomic, encrypted where the database is."""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from pathlib import Path

import pytest

from missiondesk.errors import NotFound
from missiondesk.store.blobs import (
    CHUNK,
    BlobMismatch,
    BlobStore,
    DamagedBlob,
    FolderBlobStore,
    content_key,
)

KEY = content_key(bytes(range(32)))


def _sizes() -> list[int]:
    return [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5]


@pytest.mark.parametrize("key", [None, KEY], ids=["plain", "encrypted"])
@pytest.mark.parametrize("size", _sizes())
def test_a_content_comes_back_as_it_went_in(tmp_path: Path, key: bytes | None, size: int) -> None:
    store: BlobStore = FolderBlobStore(tmp_path / "attachments", key)
    data = os.urandom(size)
    stored = store.put(io.BytesIO(data))
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == size and stored.new
    assert store.has(stored.sha256) and store.size(stored.sha256) == size
    with store.open(stored.sha256) as fh:
        assert fh.read() == data
    on_disk = tmp_path / "attachments" / stored.sha256[:2] / stored.sha256
    assert on_disk.is_file()
    assert not list((tmp_path / "attachments" / "tmp").iterdir())  # no temp file left


def test_encrypted_contents_do_not_show_their_bytes(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path, KEY)
    data = b"%PDF-1.7 state permit for the battery plant " * 1000
    stored = store.put(io.BytesIO(data))
    raw = store.path(stored.sha256).read_bytes()
    assert b"permit" not in raw and len(raw) > len(data)
    other = FolderBlobStore(tmp_path, content_key(b"\x01" * 32))
    with pytest.raises(DamagedBlob), other.open(stored.sha256) as fh:
        fh.read()


def test_the_same_file_is_stored_once(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path, KEY)
    first = store.put(io.BytesIO(b"same bytes"))
    before = store.path(first.sha256).stat().st_mtime_ns
    second = store.put(io.BytesIO(b"same bytes"))
    assert second.sha256 == first.sha256 and not second.new
    assert store.path(first.sha256).stat().st_mtime_ns == before
    assert list(store.addresses()) == [first.sha256]


def test_a_content_that_does_not_hash_to_its_address_is_not_stored(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path)
    with pytest.raises(BlobMismatch):
        store.put(io.BytesIO(b"other bytes"), expected=hashlib.sha256(b"announced").hexdigest())
    assert list(store.addresses()) == []
    assert not list((tmp_path / "tmp").iterdir())


@pytest.mark.parametrize("where", [20, -5], ids=["first-chunk", "tag"])
def test_a_changed_stored_content_is_refused_when_read(tmp_path: Path, where: int) -> None:
    store = FolderBlobStore(tmp_path, KEY)
    stored = store.put(io.BytesIO(os.urandom(CHUNK + 10)))
    path = store.path(stored.sha256)
    raw = bytearray(path.read_bytes())
    raw[where] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedBlob), store.open(stored.sha256) as fh:
        fh.read()


def test_a_cut_off_content_is_refused(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path, KEY)
    stored = store.put(io.BytesIO(os.urandom(2 * CHUNK + 10)))
    path = store.path(stored.sha256)
    raw = path.read_bytes()
    path.write_bytes(raw[: 8 + 4 + CHUNK + 16])  # only the first whole chunk
    with pytest.raises(DamagedBlob), store.open(stored.sha256) as fh:
        fh.read()


def test_a_plain_content_moved_to_another_address_is_found_out_only_by_hash(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path, KEY)
    a, b = store.put(io.BytesIO(b"a" * 100)), store.put(io.BytesIO(b"b" * 100))
    os.replace(store.path(a.sha256), store.path(b.sha256))
    with pytest.raises(DamagedBlob), store.open(b.sha256) as fh:
        fh.read()


def test_absent_and_deleted_contents(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path)
    stored = store.put(io.BytesIO(b"x"))
    store.delete(stored.sha256)
    store.delete(stored.sha256)  # twice: nothing to do
    assert not store.has(stored.sha256)
    with pytest.raises(NotFound):
        store.open(stored.sha256)
    with pytest.raises(NotFound):
        store.size(stored.sha256)


def test_an_address_is_never_a_path(tmp_path: Path) -> None:
    from missiondesk.errors import UserError

    store = FolderBlobStore(tmp_path)
    with pytest.raises(UserError):
        store.has("../" + "a" * 61)


@pytest.mark.parametrize("sealed", [True, False])
def test_a_partial_content_keeps_whole_pieces_and_reads_back_plain(tmp_path: Path, sealed: bool) -> None:
    store = FolderBlobStore(tmp_path / "store", secrets.token_bytes(32) if sealed else None)
    data = os.urandom(2 * CHUNK + 5000)
    path = tmp_path / "tmp" / "x.download"
    part = store.partial(path)
    part.append(data[: CHUNK + 3000])
    # A drop: a new Partial sees only what reached the disk (sealed: whole chunks; plain: every byte).
    again = store.partial(path)
    assert again.size == (CHUNK if sealed else CHUNK + 3000)
    assert (data[:64] in path.read_bytes()) is not sealed
    again.append(data[again.size :])
    with again.reader() as fh:
        assert fh.read() == data
    stored = store.put(again.reader(), expected=hashlib.sha256(data).hexdigest())
    assert stored.size == len(data)


def test_a_sealed_partial_cuts_a_torn_record_and_refuses_a_changed_one(tmp_path: Path) -> None:
    store = FolderBlobStore(tmp_path / "store", secrets.token_bytes(32))
    path = tmp_path / "x.download"
    store.partial(path).append(os.urandom(2 * CHUNK))
    with path.open("ab") as fh:
        fh.write(b"torn")  # a crash in the middle of writing the next record
    assert store.partial(path).size == 2 * CHUNK
    raw = bytearray(path.read_bytes())
    raw[100] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedBlob), store.partial(path).reader() as fh:
        fh.read()
