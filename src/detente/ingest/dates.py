"""Publication dates: read from metadata, or estimated from what the text mentions.

An article cannot be older than the latest event it reports, so the latest explicit date
in its text is a lower bound for when it was written. The estimate is stored with a flag;
later stages resolve "last week" against it and can say how soft that anchor is.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import dateparser

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"(?<![\d.,$])\b{_YEAR}\b(?![\d.,]\d|s\b|\s*(?:%|percent|km|kilomet|people))"),
]


def _to_date(match: re.Match[str]) -> dt.date | None:
    """The first day of the period a match names (a day, a month or a year)."""
    parts = match.groupdict()
    year = int(parts["year"])
    month = (
        int(parts["mnum"])
        if parts.get("mnum")
        else _MONTHS.get((parts.get("month") or "").lower(), 1)
    )
    day_text = parts.get("dnum") or parts.get("day")
    try:
        return dt.date(year, month, int(day_text) if day_text else 1)
    except ValueError:
        return None


def latest_mentioned_date(text: str, *, not_after: dt.date | None = None) -> dt.date | None:
    """The latest explicit calendar date the text names, at the start of its period.

    "April 2025" counts as 2025-04-01 and a bare "2025" as 2025-01-01: the text proves the
    document is no older than the start of each period it mentions. Dates after
    ``not_after`` (today by default) are forecasts or typos, not evidence of age.
    """
    ceiling = not_after or dt.date.today()
    latest: dt.date | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found and found <= ceiling and (latest is None or found > latest):
                latest = found
    return latest


@cache
def _parser() -> dateparser.date.DateDataParser:
    return dateparser.date.DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
    )


def parse_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A metadata date in any common notation (ISO 8601, RFC 822, "June 3, 2025"), or None."""
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
