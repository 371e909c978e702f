"""Marking strings for translation where ``tr()`` cannot run yet (tables built at import time).

``QT_TRANSLATE_NOOP`` keeps its Qt name so ``pyside6-lupdate`` finds the strings;
this typed version returns ``str`` where PySide6's stub says ``object``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text
