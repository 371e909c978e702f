"""Dates as people type them, with the day-month question asked once for a whole column.

"2024. 3. 5.", "2024.03.05", "2024-3-5", "2024년 3월 5일" and "20240305" put the year first and are read
as year-month-day. "5/3/2024" and "05.03.2024" are day-month or month-day: a column where some value has
a first number above 12 is day-month, a second number above 12 month-day; a column where every value
fits both is ambiguous and the person chooses (``DateOrder``); a column with both kinds is inconsistent
and those values are refused. A number is an Excel serial date (1900 system); a date or a datetime cell
is taken as it is (its date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

_YMD = re.compile(
    r"^(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_XY = re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{4})\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Lotus's leap-year bug included)
_SERIALS = range(1, 2_958_466)  # up to 9999-12-31


class DateOrder(StrEnum):
    DMY = "dmy"
    MDY = "mdy"


class ColumnOrder(StrEnum):
    """What a column's day-month values say about their order."""

    NONE = "none"  # no such value
    DMY = "dmy"
    MDY = "mdy"
    AMBIGUOUS = "ambiguous"  # every value fits both: ask
    INCONSISTENT = "inconsistent"  # some values only fit one, others only the other


class DateError(StrEnum):
    NOT_A_DATE = "not_a_date"
    AMBIGUOUS = "ambiguous_date"
    INCONSISTENT = "inconsistent_dates"


@dataclass(frozen=True)
class DateRead:
    value: dt.date | None
    error: DateError | None = None


def column_order(values: Iterable[Any]) -> ColumnOrder:
    day_first = month_first = seen = False
    for v in values:
        if not isinstance(v, str):
            continue
        m = _XY.match(v.strip())
        if m is None:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        seen = True
        day_first |= a > 12 and b <= 12
        month_first |= b > 12 and a <= 12
    if day_first and month_first:
        return ColumnOrder.INCONSISTENT
    if day_first:
        return ColumnOrder.DMY
    if month_first:
        return ColumnOrder.MDY
    return ColumnOrder.AMBIGUOUS if seen else ColumnOrder.NONE


def read_date(value: Any, order: ColumnOrder, chosen: DateOrder | None = None) -> DateRead:
    """One cell's date; ``order`` is its column's (``column_order``), ``chosen`` the person's answer."""
    if isinstance(value, dt.datetime):
        return DateRead(value.date())
    if isinstance(value, dt.date):
        return DateRead(value)
    if isinstance(value, bool):
        return DateRead(None, DateError.NOT_A_DATE)
    if isinstance(value, int | float):
        if float(value).is_integer() and int(value) in _SERIALS:
            return DateRead(_EXCEL_EPOCH + dt.timedelta(days=int(value)))
        return DateRead(None, DateError.NOT_A_DATE)
    text = str(value).strip().rstrip(".").strip() if value is not None else ""
    m = _YMD.match(text) or _COMPACT.match(text)
    if m is not None:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _XY.match(text)
    if m is None:
        return DateRead(None, DateError.NOT_A_DATE)
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if order is ColumnOrder.INCONSISTENT:
        return DateRead(None, DateError.INCONSISTENT)
    effective = {ColumnOrder.DMY: DateOrder.DMY, ColumnOrder.MDY: DateOrder.MDY}.get(order, chosen)
    if effective is None:
        if a > 12 or b > 12 or a == b:  # only one reading is possible (or both agree)
            effective = DateOrder.DMY if a > 12 or a == b else DateOrder.MDY
        else:
            return DateRead(None, DateError.AMBIGUOUS)
    day, month = (a, b) if effective is DateOrder.DMY else (b, a)
    return _make(year, month, day)


def _make(year: int, month: int, day: int) -> DateRead:
    try:
        return DateRead(dt.date(year, month, day))
    except ValueError:
        return DateRead(None, DateError.NOT_A_DATE)
