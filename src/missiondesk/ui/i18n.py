"""Languages: Korean first, English second, and a pseudo-language that finds layouts too tight.

The Korean catalogue is ``resources/translations/missiondesk_ko.ts`` (edited in Qt Linguist or by
hand), compiled to ``ui/translations/missiondesk_ko.qm`` by ``bash tools/translations.sh``. English is
the source text. "pseudo" wraps every string in brackets and makes it about 40% longer, so a
test (and a developer) can see every label that would clip or wrap badly once translated.

``QT_TRANSLATE_NOOP`` marks strings in tables built at import time; it keeps its Qt name so
``pyside6-lupdate`` finds them, and returns ``str`` where PySide6's stub says ``object``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from missiondesk.domain.catalogue import LANGUAGES

# The window's language settings: the catalogue's languages, the computer's, and pseudo-localisation.
CHOICES = ("system", *LANGUAGES, "pseudo")
CATALOGUES = Path(__file__).parent / "translations"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


class PseudoTranslator(QTranslator):
    """Every string longer, accented and bracketed, placeholders and mnemonics kept working."""

    _ACCENTS = str.maketrans("aeiouAEIOUcnsyCNSY", "àéîõüÀÉÎÕÜçñšÿÇÑŠŸ")

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if not source_text:
            return source_text
        padding = "~" * max(2, len(source_text) * 2 // 5)
        return f"[{source_text.translate(self._ACCENTS)} {padding}]"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def resolve(language: str) -> str:
    """The language to show: "ko", "en" or "pseudo" ("system" follows the computer's locale)."""
    if language == "system":
        return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"
    return language if language in CHOICES else "en"


_installed: list[QTranslator] = []
_current = "en"  # the source text, until a catalogue is installed


def install(language: str) -> str:
    """Switch every later ``tr()`` to ``language``; returns what was installed."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = resolve(language)
    QLocale.setDefault(QLocale(QLocale.Language.Korean if chosen == "ko" else QLocale.Language.English))
    if chosen == "ko":
        qt_own = QTranslator(app)  # Qt's own buttons and dialogs (OK, Cancel, Yes…)
        if qt_own.load("qtbase_ko", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt_own)
        ours = QTranslator(app)
        if ours.load(str(CATALOGUES / "missiondesk_ko.qm")):
            _installed.append(ours)
    elif chosen == "pseudo":
        _installed.append(PseudoTranslator(app))
    for translator in _installed:
        app.installTranslator(translator)
    global _current
    _current = chosen
    return chosen


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """``language`` for the block, the one before it afterwards: a command writing a document in the
    language it was asked for leaves a running application (a test's, a window's) as it was."""
    before = _current
    chosen = install(language)
    try:
        yield chosen
    finally:
        if _current != before:
            install(before)
