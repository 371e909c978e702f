"""The Korean catalogue read without Qt, for words written outside the window.

The window translates through Qt (``QCoreApplication.translate``). The CLI, the errors workbook and
the bundle's readable sheets are written below the UI, where Qt is not imported, yet must say the same
sentences in Korean. They read the same compiled catalogue the window loads
(``ui/translations/missiondesk_ko.qm``, shipped as package data and collected by the installer's spec),
so there is one Korean source: ``resources/translations/missiondesk_ko.ts``.

The .qm layout (Qt's ``translator.cpp``): a 16-byte magic, then sections of ``tag (1 byte) + length
(4 bytes, big-endian)``; the messages section (0x69) is a run of tagged fields, each message ending with
``END``: the translation in UTF-16BE, the source text, context and comment in UTF-8.
"""

from __future__ import annotations

import struct
from functools import cache
from importlib.resources import files

LANGUAGES = ("ko", "en")  # the languages the core says its words in: the one list (services and ui import it)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks an English template of ``context`` for the catalogue (``tools/translations.sh``); Qt's
    function of the same name, kept here so the core marks its templates without importing Qt."""
    return text  # English is the source text; Korean comes from the catalogue


_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_MESSAGES = 0x69
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8
_NULL = 0xFFFFFFFF  # a field's length when it is absent


def translate(context: str, text: str, language: str) -> str:
    """``text`` (an English template marked in ``context``) in ``language``; the English text when the
    catalogue has no translation for it, as Qt does."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == "en":
        return text
    return korean().get((context, text), text)


@cache
def korean() -> dict[tuple[str, str], str]:
    """Every (context, source) -> Korean translation of the shipped catalogue."""
    data = (files("missiondesk") / "ui" / "translations" / "missiondesk_ko.qm").read_bytes()
    return read_qm(data)


def read_qm(data: bytes) -> dict[tuple[str, str], str]:
    if not data.startswith(_MAGIC):
        raise ValueError("not a Qt translation catalogue (.qm)")
    found: dict[tuple[str, str], str] = {}
    at = len(_MAGIC)
    while at + 5 <= len(data):
        tag, length = data[at], struct.unpack_from(">I", data, at + 1)[0]
        if tag == _MESSAGES:
            found.update(_messages(data[at + 5 : at + 5 + length]))
        at += 5 + length
    return found


def _messages(block: bytes) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    fields: dict[int, bytes] = {}
    at = 0
    while at < len(block):
        tag = block[at]
        at += 1
        if tag == _END:
            if _TRANSLATION in fields and _SOURCE in fields:
                key = (fields.get(_CONTEXT, b"").decode("utf-8"), fields[_SOURCE].decode("utf-8"))
                found[key] = fields[_TRANSLATION].decode("utf-16-be")
            fields = {}
            continue
        if tag == _OBSOLETE1:
            continue
        length = struct.unpack_from(">I", block, at)[0]
        at += 4
        value = b"" if length == _NULL else block[at : at + length]
        at += 0 if length == _NULL else length
        fields.setdefault(tag, value)  # a plural's first form stands for all (no plurals are read here)
    return found
