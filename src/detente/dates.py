"""Dates as people and metadata write them: ISO 8601 at once, anything else through
dateparser, which is imported only for a date that needs it (it costs a read command a
third of a second to import).

Shared by ingest (metadata dates) and by the commands and web views that take a date
(``--at``, ``--since``, ``--until``), so both read "June 3, 2025" alike.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

__all__ = ["parse_date"]


@cache
def _parser() -> Any:
    import dateparser.date

    return dateparser.date.DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
    )


def parse_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A date in any common notation (ISO 8601, RFC 822, "June 3, 2025"), or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    parsed = _parser().get_date_data(text).date_obj
    return parsed.date() if parsed else None
