"""A PDF page's text as a person reads it, from pypdfium2."""

from __future__ import annotations

from typing import Any

# PDFium reports a hyphen that ended a line as U+FFFE and joins the two lines ("as-of" broken after
# "as-" reads "as\ufffeof"); where a line breaks depends on the fonts (wine's differ from Linux's).
LINE_END_HYPHEN = "\ufffe"


def page_words(page: Any) -> str:
    """The page's text with its lines joined and runs of whitespace made one space."""
    return " ".join(page.get_textpage().get_text_range().replace(LINE_END_HYPHEN, "-").split())
