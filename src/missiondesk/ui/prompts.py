"""Every file picker and yes/no question goes through here, so tests can answer them (git-cola's pattern)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

BUNDLE_FILTER = "Excel workbooks (*.xlsx)"
PDF_FILTER = "PDF (*.pdf)"
# The case summary: the one-page PDF, or the ministry-format document as Hangul (HWPX) or Word (DOCX).
CASE_SUMMARY_FILTER = "PDF (*.pdf);;Hangul (*.hwpx);;Word (*.docx)"


def open_files(parent: QWidget | None, title: str, name_filter: str = BUNDLE_FILTER) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, "", name_filter)
    return [Path(n) for n in names]


def save_file(
    parent: QWidget | None, title: str, suggested: Path, name_filter: str = BUNDLE_FILTER
) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    return Path(name) if name else None


def show_file(path: Path) -> bool:
    """Open a written file in the system's viewer (a PDF to print), as a double click would."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def passphrase(parent: QWidget | None, *, new: bool, wrong: bool = False) -> str | None:
    """Portable mode's passphrase (typed twice when ``new``); None when the person cancels."""
    from missiondesk.ui.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(parent, new=new, wrong=wrong)
    return dialog.passphrase if dialog.exec() == PassphraseDialog.DialogCode.Accepted else None


def dropped_files(urls: Sequence[Any], suffixes: Sequence[str] = (".xlsx",)) -> list[Path]:
    """The local files among dropped URLs whose names end in one of ``suffixes`` (lower case)."""
    return [
        Path(u.toLocalFile())
        for u in urls
        if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in suffixes
    ]


def xlsx_paths(urls: Sequence[Any]) -> list[Path]:
    """The local .xlsx files among dropped URLs."""
    return dropped_files(urls)


def bundle_paths(urls: Sequence[Any]) -> list[Path]:
    """Dropped bundles: .xlsx files and bundles' side-cars (``NAME.files-1-of-2.zip``)."""
    from missiondesk.bundles.sidecars import bundle_of  # its ciphers load when something is dropped

    return [p for p in dropped_files(urls, (".xlsx", ".zip")) if p.suffix.lower() == ".xlsx" or bundle_of(p)]
