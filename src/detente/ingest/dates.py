"""Publication dates: read from metadata, or estimated from what the text mentions.

An article cannot be older than the latest event it reports, so the latest explicit date
in its text is a lower bound for when it was written. The estimate is stored with a flag;
later stages resolve "last week" against it and can say how soft that anchor is.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.dates import parse_date

__all__ = ["latest_mentioned_date", "parse_date"]

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
