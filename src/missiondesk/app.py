"""Composition root: ``missiondesk`` with a subcommand runs headless, without one opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    from missiondesk.console import use_utf8_streams

    use_utf8_streams()
    from missiondesk.reports.document_files import use_pdf_writer

    use_pdf_writer(_render_document_pdf)  # documents' PDFs are drawn with Qt, from the window or the CLI
    args = list(sys.argv[1:] if argv is None else argv)
    wants_gui = not any(not a.startswith("-") for a in _without_option_values(args)) and not (
        {"-h", "--help", "--version"} & set(args)
    )
    if not wants_gui:
        from missiondesk.cli import main as cli_main

        return cli_main(args, pdf_renderer=_render_pdf, case_summary_renderer=_render_case_summary)
    from missiondesk import display_check

    if display_check.uses_xcb():
        problem = display_check.problem()
        if problem is not None:  # Qt would abort with exit 134 and a misleading line
            sys.stderr.write(problem + "\n")
            return 1
    from missiondesk.ui.launch import run

    return run(args)


def _render_pdf(report: Any, path: Path, language: str) -> Path:
    """The CLI's PDF writer: Qt's painter on the offscreen platform, imported only when a PDF is asked for."""
    from missiondesk.ui.report_pdf import render_headless

    return render_headless(report, path, language=language)


def _render_case_summary(summary: Any, path: Path, language: str, printed_by: str) -> Path:
    """The CLI's case summary: the window's page painter on the offscreen platform, imported when asked."""
    from missiondesk.ui.case_summary_pdf import render_headless

    return render_headless(summary, path, language=language, printed_by=printed_by)


def _render_document_pdf(document: Any, path: Path) -> Path:
    """A document (case summary, handover, report) as a PDF: Qt's painter, imported when one is asked for."""
    from missiondesk.ui.document_pdf import render_headless

    return render_headless(document, path)


def _without_option_values(args: list[str]) -> list[str]:
    """The arguments less the value of ``--data-dir DIR`` (the only option the window takes)."""
    out: list[str] = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "--data-dir":
            skip = True
            continue
        out.append(a)
    return out


if __name__ == "__main__":
    sys.exit(main())
