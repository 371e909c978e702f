"""The words of an attached file, for search: PDF, DOCX, HWPX and plain text.

Every reader is bounded, so a hostile file costs a few seconds and a few megabytes at most: a PDF is
read page by page (``pypdf``, pure Python: a malformed file raises an exception, it cannot corrupt
memory as a native parser could) up to ``max_pages`` and a deadline checked between pages, each
stream decompressing to 16 MB at most; DOCX and HWPX are ZIP packages whose XML parts are streamed
through ``defusedxml`` (no entities, no external references) with a cap on the bytes decompressed,
so an archive bomb stops at the cap. The text kept is cut at ``max_chars``.

A file that cannot be read (corrupt, encrypted, a scanned PDF without a text layer, a kind without
a reader here) has no text: ``extract_text`` returns "" and never raises for the file's content.
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import IO, Any

from defusedxml.ElementTree import iterparse

from missiondesk.domain.file_types import DOCX, HWPX, PDF, TEXT

READER_VERSION = 1
"""Raised when a reader learns to read more: texts read by an older version are read again."""


@dataclass(frozen=True)
class TextLimits:
    max_chars: int = 500_000  # about 150 pages of prose: enough to find a document by its words
    max_pages: int = 1_000
    max_seconds: float = 20.0
    max_xml_bytes: int = 64 * 1024 * 1024  # decompressed, over all of a package's parts


class _Stop(Exception):
    """A bound was reached: the text read so far is kept."""


_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


def extract_text(data: bytes, media_type: str, limits: TextLimits | None = None) -> str:
    """The file's text (NFC, whitespace squeezed, at most ``limits.max_chars``), or "" when none."""
    limits = limits or TextLimits()
    reader = _READERS.get(media_type)
    if reader is None:
        return ""
    parts: list[str] = []
    budget = _Budget(limits)
    pieces = reader(data, limits, budget)
    try:
        for piece in pieces:
            parts.append(piece)
            budget.spend_chars(len(piece))
    except _Stop:
        pass
    except Exception:  # a file's content is anything: whatever a reader trips on, the file has no text
        logging.getLogger(__name__).info("no text read from a %s file", media_type, exc_info=True)
        return ""
    finally:
        pieces.close()  # here, not when collected: a reader's context (pypdf's limits) ends on this thread
    return tidy("\n".join(parts))[: limits.max_chars]


def tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    text = _SPACES.sub(" ", text)
    return _LINES.sub("\n", text).strip()


class _Budget:
    def __init__(self, limits: TextLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds
        self.chars = 0
        self.xml_bytes = 0

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Stop

    def spend_chars(self, n: int) -> None:
        self.chars += n
        if self.chars >= self.limits.max_chars:
            raise _Stop

    def spend_xml(self, n: int) -> None:
        self.xml_bytes += n
        if self.xml_bytes > self.limits.max_xml_bytes:
            raise _Stop
        self.check_time()


Reader = Callable[[bytes, TextLimits, _Budget], Generator[str, None, None]]


_PDF_STREAM_CAP = 16 * 1024 * 1024
"""The most bytes one PDF stream may decompress to (pypdf's own default is 75 MB): a page's text needs
far less, and a compression bomb stops here."""


def _pdf(data: bytes, limits: TextLimits, budget: _Budget) -> Generator[str, None, None]:
    from pypdf import PdfReader, apply_configuration  # imported when a PDF is read, not at start-up

    caps: dict[str, Any] = {
        f"{name}_maximum_output_length": _PDF_STREAM_CAP
        for name in ("zlib", "lzw", "run_length", "brotli", "jbig2", "array_based_stream")
    }
    # apply_configuration holds for this thread's reads only; warnings are left alone, as changing their
    # filters is process-wide (pypdf reports a damaged file through its logger, not warnings).
    with apply_configuration(None, **caps):
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return
        for number, page in enumerate(reader.pages):
            if number >= limits.max_pages:
                return
            budget.check_time()
            yield page.extract_text() or ""


class _CappedStream(io.RawIOBase):
    """A package part read through the budget: decompression stops at the cap."""

    def __init__(self, raw: IO[bytes], budget: _Budget) -> None:
        self.raw = raw
        self.budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.raw.read(min(len(buffer), 256 * 1024))
        self.budget.spend_xml(len(chunk))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _xml_text(z: zipfile.ZipFile, name: str, budget: _Budget, text_tag: str, block_tags: set[str]) -> str:
    """The text of one XML part: the ``text_tag`` elements' text, a line break after each block."""
    out: list[str] = []
    with z.open(name) as raw:
        stream = io.BufferedReader(_CappedStream(raw, budget))
        for _event, element in iterparse(stream, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == text_tag:
                out.append("".join(element.itertext()))
            elif tag in block_tags:
                out.append("\n")
                element.clear()  # a finished paragraph's elements are not kept
    return "".join(out)


def _docx(data: bytes, limits: TextLimits, budget: _Budget) -> Generator[str, None, None]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        parts = [
            "word/document.xml",
            *sorted(n for n in names if re.fullmatch(r"word/(header|footer|footnotes|endnotes)\d*\.xml", n)),
        ]
        for name in parts:
            if name in names:
                yield _xml_text(z, name, budget, "t", {"p", "tab", "br"})


def _section_number(name: str) -> int:
    return int(re.sub(r"\D", "", name.rsplit("/", 1)[-1]) or 0)


def _hwpx(data: bytes, limits: TextLimits, budget: _Budget) -> Generator[str, None, None]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sections = [n for n in z.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)]
        for name in sorted(sections, key=_section_number):
            yield _xml_text(z, name, budget, "t", {"p", "tab", "lineBreak"})


def _text(data: bytes, limits: TextLimits, budget: _Budget) -> Generator[str, None, None]:
    head = data[: limits.max_chars * 4]  # at most four bytes a character in UTF-8
    try:
        yield head.decode("utf-8-sig")
        return
    except UnicodeDecodeError as exc:
        if len(head) < len(data) and exc.start >= len(head) - 3:  # the cut fell inside a character
            yield head[: exc.start].decode("utf-8-sig")
            return
    yield head.decode("cp949", errors="replace")  # file_types allowed it as UTF-8 or CP949


_READERS: dict[str, Reader] = {
    PDF.media_type: _pdf,
    DOCX.media_type: _docx,
    HWPX.media_type: _hwpx,
    TEXT.media_type: _text,
}

SEARCHABLE_TYPES = frozenset(_READERS)
"""The media types whose text is read for search."""
