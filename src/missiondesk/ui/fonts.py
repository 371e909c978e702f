"""Korean text in a Korean font, whatever the system's default font is.

Left to itself, Qt's fallback for Hangul may pick a CJK face of the wrong weight (seen: bold
glyphs on a dark palette). Naming the Korean faces after the default family fixes the choice;
the first one installed wins (Noto CJK on Linux, Malgun Gothic on Windows, Apple SD Gothic Neo on macOS).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

KOREAN_FAMILIES = ("Noto Sans CJK KR", "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans KR")


def use_korean_fallback(app: QApplication) -> None:
    font = app.font()
    font.setFamilies([font.family(), *KOREAN_FAMILIES])
    app.setFont(font)
