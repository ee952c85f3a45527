"""Calendar periods (months, years, decades) as integers, so DuckDB can spread an event's span
over them with ``range()`` and group by them, and back to labels and dates for people.

A period key is the number of whole periods since year 0: ``year*12 + month - 1`` for a
month, the year for a year, ``year // 10`` for a decade.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Final, Literal

__all__ = [
    "GRANULARITIES",
    "Granularity",
    "bounds_sql",
    "key_sql",
    "period_bounds",
    "period_label",
    "span_phrase",
]

Granularity = Literal["month", "year", "decade"]
GRANULARITIES: Final[tuple[Granularity, ...]] = ("month", "year", "decade")


def key_sql(by: Granularity, date_sql: str) -> str:
    """The SQL for the key of the period containing ``date_sql``."""
    if by == "month":
        return f"(year({date_sql}) * 12 + month({date_sql}) - 1)"
    if by == "year":
        return f"year({date_sql})"
    return f"(year({date_sql}) // 10)"


def bounds_sql(by: Granularity, key_sql_: str) -> tuple[str, str]:
    """The SQL for the first and last day of the period whose key is ``key_sql_``."""
    if by == "month":
        first = f"make_date(({key_sql_}) // 12, ({key_sql_}) % 12 + 1, 1)"
        return first, f"last_day({first})"
    if by == "year":
        return f"make_date({key_sql_}, 1, 1)", f"make_date({key_sql_}, 12, 31)"
    return f"make_date(({key_sql_}) * 10, 1, 1)", f"make_date(({key_sql_}) * 10 + 9, 12, 31)"


def period_bounds(by: Granularity, key: int) -> tuple[dt.date, dt.date]:
    """First and last day of the period."""
    if by == "month":
        year, month = divmod(key, 12)
        month += 1
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if by == "year":
        return dt.date(key, 1, 1), dt.date(key, 12, 31)
    return dt.date(key * 10, 1, 1), dt.date(key * 10 + 9, 12, 31)


def period_label(by: Granularity, key: int) -> str:
    """``2021-06``, ``2021`` or ``1990s``."""
    start, _ = period_bounds(by, key)
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if by == "year":
        return str(start.year)
    return f"{start.year}s"


def span_phrase(start: dt.date, end: dt.date) -> str:
    """A span of whole periods in words: "in the 1990s", "2021–2025", "March–May 2024".

    Whole decades are named as decades, whole years as years, anything else by months.
    """
    whole_years = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    if whole_years and start.year % 10 == 0 and end.year % 10 == 9:
        first, last = f"{start.year}s", f"{end.year - 9}s"
        return f"in the {first}" if first == last else f"{first}–{last}"
    if whole_years:
        return f"in {start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    first_month = f"{calendar.month_name[start.month]} {start.year}"
    last_month = f"{calendar.month_name[end.month]} {end.year}"
    if first_month == last_month:
        return f"in {first_month}"
    if start.year == end.year:
        return f"{calendar.month_name[start.month]}–{last_month}"
    return f"{first_month}–{last_month}"
