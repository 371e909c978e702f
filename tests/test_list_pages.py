"""A list page read along the sort column's index (a window of the first rows, then a wider one; the
whole list by its live index) is the very page SQLite's own plan gives, whatever the filters, the sort
and the offset."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from missiondesk.domain.records import ListQuery
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.services.records import RecordService
from missiondesk.store import queries
from missiondesk.store.tables import entity_table


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    from missiondesk.services.setup import init_mission

    ctx = init_mission(tmp_path_factory.mktemp("pages") / "laptop", "DE-FRA", "김영희")
    generate_demo(ctx, cases=600)
    yield ctx
    ctx.close()


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of 30 and 300 rows among 600 cases: short, wider and planner pages all happen."""
    monkeypatch.setattr(queries, "SORT_WINDOW", 30)


def planner_page(ctx: AppContext, q: ListQuery) -> list[str]:
    """The page's ids by one plain statement, SQLite's plan, no index named."""
    table = entity_table(q.entity)
    sort = q.sort or "received_date"
    with ctx.store.read() as conn:
        stmt = (
            sa.select(table.c.id)
            .where(*queries._where(conn, q))
            .order_by(*queries._order(table.c, sort, q.descending))
            .offset(q.offset)
            .limit(q.limit)
        )
        return list(conn.execute(stmt).scalars())


FILTERS = [
    ({"status": "in_progress"}, {}),
    ({"status": "closed"}, {}),
    ({"status": "in_progress"}, {"categories": "permits"}),  # rarer than one in ten: the wider window
    ({"status": ["open", "in_progress"]}, {"categories": "customs"}),
    ({"pending_on": "host_government"}, {}),
    ({}, {}),  # the whole list, along the live index
]


@pytest.mark.parametrize("sort", ["received_date", "reference", "title", "status"])
def test_a_page_along_the_index_is_the_planners_page(
    laptop: AppContext, small_windows: None, sort: str
) -> None:
    service = RecordService(laptop)
    pages = 0
    for (equals, has_code), descending, offset in itertools.product(FILTERS, (False, True), (0, 20, 250)):
        q = ListQuery(
            "support_case",
            equals=equals,
            has_code=has_code,
            sort=sort,
            descending=descending,
            offset=offset,
            limit=50,
        )
        expected = planner_page(laptop, q)
        got = [r.id for r in service.list(q, with_total=False).rows]
        assert got == expected, (equals, has_code, descending, offset)
        pages += bool(expected)
    assert pages > len(FILTERS)  # most of the pages hold rows: the comparison is not of empty lists


def test_a_short_wider_window_leaves_the_page_to_the_planner(
    mission: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Urgent cases at the top of the list and again far below it: the windows see only the top ones,
    and the page must still reach down to the others."""
    monkeypatch.setattr(queries, "SORT_WINDOW", 10)  # windows of 10 and 100 rows
    service = RecordService(mission)
    day = dt.date(2026, 1, 1)
    layout = [("high", 15), ("normal", 100), ("high", 15)]  # oldest last: listed newest first
    n = sum(count for _, count in layout)
    for priority, count in layout:
        for _ in range(count):
            service.create(
                "support_case",
                {"title": f"사례 {n}", "received_date": day + dt.timedelta(days=n), "priority": priority},
            )
            n -= 1
    q = ListQuery(
        "support_case", equals={"priority": "high"}, sort="received_date", descending=True, limit=20
    )
    got = [r.id for r in service.list(q, with_total=False).rows]
    assert len(got) == 20  # the 15 at the top and 5 of those below the windows
    assert got == planner_page(mission, q)
