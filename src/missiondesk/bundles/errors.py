"""Why a workbook is refused: one sentence for the analyst, nothing applied."""

from __future__ import annotations

from missiondesk.errors import UserError


class BundleRefused(UserError):
    """The file is not a bundle this HQ can trust or read safely; nothing was changed."""
