"""Korean text in a Korean font, whatever the system's default font is.

Left to itself, Qt's fallback for Hangul may pick a CJK face of the wrong weight (seen: bold
glyphs on a dark palette). Naming the Korean faces after the default family fixes the choice;
the first one installed wins (Noto CJK on Linux, Malgun Gothic on Windows, Apple SD Gothic Neo on macOS).
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication

# Windows names its Korean face Malgun Gothic (맑은 고딕, on every Windows since Vista): it leads there.
_WINDOWS_FIRST = ("Malgun Gothic", "Noto Sans CJK KR", "NanumGothic", "Noto Sans KR")
_ELSEWHERE = ("Noto Sans CJK KR", "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans KR")
KOREAN_FAMILIES = _WINDOWS_FIRST if sys.platform == "win32" else _ELSEWHERE


def use_korean_fallback(app: QApplication) -> None:
    font = app.font()
    # The face the default resolves to, not its name: Windows names an alias ("MS Shell Dlg 2") that is no
    # installed face, and a list that starts with one sends Latin text to the Korean face too.
    font.setFamilies([QFontInfo(font).family(), *KOREAN_FAMILIES])
    app.setFont(font)


def print_font(size: float, *, bold: bool = False, face: str | None = None) -> QFont:
    """A font for a printed page (PDF): ``face`` where installed, else the default face for Latin text,
    then the Korean faces. The default face is named, not left to substitution: a Korean face chosen by
    substitution alone drew the digits but lost their text in the PDF."""
    font = QFont()
    font.setFamilies([*([face] if face else []), QFontInfo(QFont()).family(), *KOREAN_FAMILIES])
    font.setPointSizeF(size)
    font.setBold(bold)
    return font
