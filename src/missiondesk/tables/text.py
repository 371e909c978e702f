"""Folding text for comparison: headers, labels, names typed by people in two scripts."""

from __future__ import annotations

import re
import unicodedata

_NOISE = re.compile(r"[\s()\[\]{}<>·.,:;/\\_\-*※'\"`~!?#]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Legal forms that people write or leave out of a company's name, in both scripts.
_LEGAL = re.compile(
    r"\(주\)|㈜|\(유\)|\(사\)|주식회사|유한회사|유한책임회사|"
    r"\b(?:co|corp|corporation|inc|incorporated|ltd|limited|llc|gmbh|ag|sa|sas|srl|bv|plc|kg|company)\b\.?",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """NFC, case-folded, without spaces and punctuation: "Received date (접수일)" -> "receiveddate접수일"."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


def company_key(name: str) -> str:
    """A company's name without legal forms, spaces and punctuation: "(주)한빛 배터리" == "한빛배터리"."""
    return fold(_LEGAL.sub(" ", unicodedata.normalize("NFKC", name)))


def brn_key(value: str) -> str:
    """A business registration number's digits: "123-45-67890" == "1234567890"."""
    return "".join(ch for ch in value if ch.isdigit())
