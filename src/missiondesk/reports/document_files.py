"""Write a ``Document`` in the format its path names: ``.hwpx``, ``.docx`` or ``.pdf``.

HWPX and DOCX are written here (no Qt). The PDF is drawn with Qt's painter, which lives in ``ui``: the
composition root (``app.py``) hands its writer in with ``use_pdf_writer`` before any command runs, so
the CLI and the window write the same PDF and this layer still imports no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from missiondesk.errors import UserError

if TYPE_CHECKING:  # the composition root registers the PDF writer before the window's frame: no dataclasses
    from missiondesk.reports.document import Document

PdfWriter = Callable[["Document", Path], Path]
FORMATS = (".hwpx", ".docx", ".pdf")

_pdf_writer: PdfWriter | None = None


def use_pdf_writer(writer: PdfWriter | None) -> None:
    """Set (or, with ``None``, forget) what draws a ``Document`` as a PDF."""
    global _pdf_writer
    _pdf_writer = writer


def write_document(document: Document, path: Path) -> Path:
    """Write ``document`` to ``path`` in the format of its extension; refuse any other extension."""
    suffix = path.suffix.lower()
    if suffix == ".hwpx":
        from missiondesk.reports.document_hwpx import write_hwpx

        return write_hwpx(document, path)
    if suffix == ".docx":
        from missiondesk.reports.document_docx import write_docx

        return write_docx(document, path)
    if suffix == ".pdf":
        if _pdf_writer is None:
            raise UserError("No PDF writer here: run the 'missiondesk' command to write a PDF.")
        return _pdf_writer(document, path)
    raise UserError(f"Cannot write {path.name}: name the file .hwpx, .docx or .pdf.")
