"""The counting rules, versioned. Every report records ``RULES_VERSION`` so a figure can be explained later.

Change a rule only together with a new version (and a line in ``docs/reports.md``): a locked period keeps
the version it was counted with, and a report made under other rules says so.
"""

from __future__ import annotations

RULES_VERSION = "2024.1"

DORMANT_DAYS = 90
"""A case still open with no activity (nor intake) for this many days before the as-of date is dormant."""

RULES: tuple[tuple[str, str], ...] = (
    (
        "P1",
        "The period runs from its start to its cut-off date (or its end when it has none), both included. "
        "Status figures (open, pending, resolved, dormant) are the state when the report is made, "
        "dormancy is measured at the as-of date (the cut-off, or today if earlier).",
    ),
    (
        "S1",
        "The scope selects owner missions: one mission, the missions located in a country, the missions "
        "of a region (the country's region), or all. Records in the trash are never counted.",
    ),
    (
        "M1",
        "Council meetings = meetings with status held and a date in the period. Planned and cancelled "
        "meetings, and meetings dated after the cut-off, are not counted.",
    ),
    ("M2", "Countries = distinct countries of the missions that held those meetings."),
    (
        "C1",
        "Support cases = cases received (received date) in the period, drafts included, except cases "
        "archived as duplicates (duplicate of another case set): those count under the case they duplicate.",
    ),
    (
        "C2",
        "Open = counted cases not closed (draft, open, in progress, pending); pending = status pending, by whom.",
    ),
    (
        "C3",
        "Resolved in full / in part = counted cases closed with that outcome; other outcomes are listed "
        "separately.",
    ),
    (
        "C4",
        "By category: a case with several categories counts once in each; the category figures add up "
        "to more than the total. By area and by country: the case's own area and country.",
    ),
    (
        "C5",
        "By partner institution: counted cases with a referral to the partner that was not declined or "
        "cancelled. A joint case (two partners or more) counts once in the totals and is credited to every "
        "partner, so the partner figures add up to more than the cases referred.",
    ),
    (
        "C6",
        f"Dormant = counted cases open, in progress or pending, received at least {DORMANT_DAYS} days before "
        f"the as-of date, with no case activity dated in the {DORMANT_DAYS} days up to it.",
    ),
    (
        "O1",
        "Outcomes = over counted cases: investment (USD) and jobs created summed, permits obtained and "
        "sites secured counted.",
    ),
    (
        "B1",
        "Market-information instances = deliveries (a brief given to one company) dated in the period, of "
        "briefs not in the trash: a brief delivered to five firms counts five. By topic and sector of the "
        "brief; the scope applies to the delivering mission.",
    ),
    ("R1", "Proposals = proposals whose fiscal year falls in the period's years, by status."),
    (
        "L1",
        "A locked period shows the figures frozen at its lock. Later edits that change a frozen figure are "
        "listed as amendments (published, now, difference) in the reports that follow; the published "
        "number itself never changes.",
    ),
)


def rules_text() -> str:
    return "\n".join(f"{code}. {text}" for code, text in RULES)
