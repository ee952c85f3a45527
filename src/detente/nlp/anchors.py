"""The date a sentence is about, for choosing among time-bounded identities.

"During the 1990s, the Afghan government ..." is about the 1990s, whatever the publication
date. This is a deliberately small reading of explicit years, months and decades, one point
per sentence; the events stage resolves full time expressions with spans and precision.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = "|".join(m.capitalize() for m in _MONTHS)
_ANCHOR = re.compile(
    rf"(?:(?P<since>\b(?:since|after|from)\s+(?:(?:early|mid|late)[- ])?)|\b)"
    rf"(?:(?P<month>{_MONTH_RE})\s+)?"
    rf"(?P<year>(?:19|20)\d\d)(?P<decade>s)?\b(?![.,]\d)"
)


def sentence_anchor(text: str) -> dt.date | None:
    """The point in time the sentence's first explicit date names, or None.

    A month names its middle, a year its middle, a decade its middle year; "since/after YEAR"
    names the end of that year, since what follows is about the time after it.
    """
    match = _ANCHOR.search(text)
    if match is None:
        return None
    year = int(match["year"])
    if match["decade"]:
        return dt.date(year - year % 10 + 5, 7, 1)
    if match["since"]:
        return dt.date(year, 12, 31)
    if match["month"]:
        return dt.date(year, _MONTHS.index(match["month"].lower()) + 1, 16)
    return dt.date(year, 7, 1)


def sentence_dates(
    sentences: list[tuple[int, str]], document_date: dt.date | None
) -> list[dt.date | None]:
    """For (paragraph, text) pairs: each sentence's anchor, else the latest earlier in its
    paragraph, else the document's date."""
    dates: list[dt.date | None] = []
    paragraph_anchor: dt.date | None = None
    current_paragraph = -1
    for paragraph, text in sentences:
        if paragraph != current_paragraph:
            current_paragraph, paragraph_anchor = paragraph, None
        own = sentence_anchor(text)
        if own is not None:
            paragraph_anchor = own
        dates.append(own or paragraph_anchor or document_date)
    return dates
