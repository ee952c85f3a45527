"""Time expressions: find them in a sentence and resolve them to spans of dates.

An event is dated by what its sentence says ("In January 2024, ...", "last week",
"over the past four years", "during the 1990s"), not by the day the article was published.
This module reads those expressions with precompiled rules and resolves each to an inclusive
``start``..``end`` span with a ``precision`` (day, month, year or decade), against a reference
date (the document's) when the expression is relative.

Decisions for the ambiguous cases (see also the constants below):

- A month or a day-and-month without a year ("in May", "Jan. 3") takes the year that puts it
  nearest the reference date, with dates after the reference counted three times as far (news
  mostly reports the past): from 20 November 2025, "in May" is May 2025, "in January" is
  January 2026. "last May" is the latest May before the reference month, "next May" the
  first after it, "this May" the reference year's.
- A weekday alone or with "on" ("on Saturday") is the latest such day on or before the
  reference; "last Saturday" the latest strictly before it; "next"/"this coming" the first
  strictly after it.
- "last week" is the Monday–Sunday week before the reference's week; "last month" and
  "last year" are the calendar month and year before; "this week/month/year" the whole
  calendar unit; "earlier this year" runs from 1 January to the reference, "later this
  month" from the reference to the month's end.
- "the past/last N years" (also months, weeks, days, decades) runs from the reference minus
  N units to the reference; "in recent years" is ``recent_count`` (3) years; "the coming
  months" and "the next N years" run forward from the reference. "the last six months of
  2024" (with a year) is the year's final six months.
- "N years ago" is the calendar year N years before the reference (month and week likewise;
  "N days ago" the day itself).
- early/mid/late: a year splits into Jan–Apr, May–Aug, Sep–Dec; a decade into 0–3, 4–6, 7–9;
  a month into days 1–10, 11–20, 21–end; a week into Mon–Tue, Wed–Thu, Fri–Sun. "the end
  of 2024" ("end-2024") is December, "the start of 2024" January; "the end of May" its last
  third. Seasons are northern: spring Mar–May, summer Jun–Aug, autumn/fall Sep–Nov, winter
  of Y Dec Y – Feb Y+1.
- "since X"/"from X"/"X onwards" run from X's start to the reference (to X's end when there
  is no reference or it is earlier); "after X" from the day after X to the reference; "before
  X" is a bounded window ending the day before X (30 days for a day, a year for a month, five
  years for a year, ten for a decade), since a span needs a start; "until X" runs from the
  reference (when X is later) or from the same window before X, to X's end. "by X", "as of X"
  and "through X" are X.
- "between A and B", "from A to B" and "A–B" are one span from A's start to B's end at the
  coarser precision; a missing year is taken from the other side ("from March to May 2024").
- Precision is the unit of the span's bounds: "the first six months of 2025" and "early 2024"
  are month precision, "the early 1990s" and "the past four years" year precision, a century
  ("the 20th century", 1900–1999) decade precision.
- ``relative`` is true when the span was placed by the reference date ("last week", "in May",
  "the past decade"); "since 2021" is not relative, although it ends at the reference.
- A two-digit decade ("the 90s", "the '20s") is in this century when it has begun by the
  reference year, else the last. Numeric dates ("05/03/2024") are read by ``dateparser``
  (month first unless the first number cannot be a month).
- Not time: numbers with separators ("700,000", "3.143"), four-digit numbers outside
  1900–2099, numbers after "Resolution"/"page"/currencies or before units and counted nouns
  ("2000 troops"), percentages, phone-like digit runs, hyphenated measures ("30-year-old",
  "the 12-Day War"), durations ("for 20 years"). "May", "March" and "August" are months only
  with a day or year, or after "in", "last", "since", "early" and the like.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = [
    "Precision",
    "TimeSpan",
    "find_time_expressions",
    "resolve_times",
    "sentence_time",
]


class Precision(StrEnum):
    """The unit in which a span's bounds are given."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2, Precision.DECADE: 3}


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time expression and the dates it covers."""

    start: date  # inclusive
    end: date  # inclusive
    precision: Precision
    text: str  # the expression as written
    char_start: int  # offsets in the sentence text
    char_end: int
    relative: bool  # placed by the reference date ("last week")


# -- vocabulary ------------------------------------------------------------------------------

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {name[:3].lower(): i for i, name in enumerate(_MONTHS, start=1)}
_AMBIGUOUS_MONTHS = frozenset({"May", "March", "August"})  # a verb, a verb, an adjective
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_DECADE_WORDS = {
    "noughties": 0,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    numbers: dict[str, int]
    recent: int
    not_year_after: frozenset[str]
    not_year_before: frozenset[str]
    weekday_not_after: frozenset[str]
    weekday_not_before: frozenset[str]
    date_not_before: frozenset[str]
    named_dates: dict[str, date]
    named_events: dict[str, tuple[date, date]]  # lower-case name -> its span


def _load_vocabulary() -> _Vocabulary:
    raw: dict[str, Any] = yaml.safe_load(
        files("detente.nlp").joinpath("data/timex.yaml").read_text(encoding="utf-8")
    )

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    named = {}
    for text, value in raw["named_dates"].items():
        named[str(text)] = value if isinstance(value, date) else date.fromisoformat(str(value))
    return _Vocabulary(
        numbers={str(k).lower(): int(v) for k, v in raw["number_words"].items()},
        recent=int(raw["recent_count"]),
        not_year_after=words("not_year_after"),
        not_year_before=words("not_year_before"),
        weekday_not_after=words("weekday_not_after"),
        weekday_not_before=words("weekday_not_before"),
        date_not_before=words("date_not_before"),
        named_dates=named,
        named_events=_named_events(raw.get("named_events") or []),
    )


def _named_events(items: list[dict[str, Any]]) -> dict[str, tuple[date, date]]:
    def day(value: Any) -> date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    events: dict[str, tuple[date, date]] = {}
    for item in items:
        start = day(item["start"])
        end = day(item.get("end") or start)
        for name in item["names"]:
            events[" ".join(str(name).lower().split())] = (start, end)
    return events


_VOCAB = _load_vocabulary()

# -- pattern pieces --------------------------------------------------------------------------
#
# Python's regex engine scans fast only for patterns that open with a literal or a plain
# alternation of literals, so every rule below starts at its most distinctive token (a
# digit, a capitalised month, a unit word) and reads optional words before it ("in", "the",
# "early", "since") with small anchored look-backs over a short window. Rules on words run on
# the lower-cased sentence; rules on month and weekday names on the sentence as written.

_FULL_MONTH = "|".join(_MONTHS)
_ANY_MONTH = _FULL_MONTH + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAY_CORE = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMBER = (
    r"(?:\d{1,3}|"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_VOCAB.numbers, key=len)[::-1])
    + ")"
)
_YEAR = r"(?:19|20)\d\d"
_YEAR_END = r"(?![\d%]|[.,]\d|-\d)"  # a year is not followed by more digits or a percent
_DAY_SUFFIX = r"(?:st|nd|rd|th)?"
_UNITS = r"days?|weeks?|months?|years?|decades?|hours?"
_YEAR_REF = rf"(?:(?P<y>{_YEAR})\b|(?P<yrel>this|last|next|the\s+current|the)\s+year\b)"


_MONTH_CORE = rf"(?P<mon>{_ANY_MONTH})\b(?P<dot>\.)?"
_RANGE_DASH = r"(?:\s*(?:-|–|—)\s*|\s+(?:to|and|until)\s+)"

# Look-backs, matched against the lower-cased text and ending where the core starts.
_B_WEEKDAY = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?$"
)
_B_PART = re.compile(
    r"(?P<w>early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of|end(?=-)|start(?=-))"
    r"(?:-|\s+)$"
)
_B_SEASON = re.compile(
    r"(?:the\s+)?(?P<w>spring|summer|autumn|winter)(?:\s+of)?\s+$|(?:the\s+)?(?P<f>fall)\s+of\s+$"
)
_B_YEAR_CUE = re.compile(
    r"(?P<w>in|since|by|during|from|until|till|before|after|of|year|circa|around|between|and"
    r"|to|through|throughout)\s+$"
)
_B_MONTH_CUE = re.compile(
    r"(?P<w>in|since|by|until|till|through|throughout|during|from|before|after|between|and|to"
    r"|of|the|last|this|next|early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
    r"(?:-|\s+)$"
)
_B_DECADE = re.compile(
    r"(?P<the>the\s+)?(?P<mod>early|mid|late)(?:-|\s+)$"
    r"|(?P<mod2>(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+the)\s+$"
    r"|(?P<the2>the)\s+$"
)
_B_WEEKDAY_REL = re.compile(r"(?P<w>last|next|this\s+coming|this\s+past|this|coming|past|on)\s+$")
_B_CAL_MOD = re.compile(
    r"(?P<w>earlier|later|early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
    r"(?:-|\s+)$"
)
_B_THE = re.compile(r"the\s+$")
_B_NUMBER = re.compile(rf"(?P<n>{_NUMBER})\s+$")
_B_OPERATOR = re.compile(
    r"(?P<w>ever\s+since|since|after|before|until|till|prior\s+to|up\s+to|from|as\s+of|by)\s+$"
    r"|(?P<p>pre|post)-$"
)
_B_RANGE_OPEN = re.compile(r"(?P<w>between|from)\s+$")
_F_DASH_MONTH = re.compile(rf"\s*[-–—]\s*(?:{_FULL_MONTH})\b")
_F_ONWARDS = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:onwards?|beyond)\b")
_F_OF = re.compile(r"\s+of\b")
_RANGE_LINK = re.compile(r"\s*(?:(?P<w>and|to|until|till|through|thru)|(?P<dash>-|–|—))\s*")
_VAGUE = re.compile(
    r"now|currently|nowadays|at\s+present|presently|at\s+the\s+moment|these\s+days|recently|recent"
)


def _back(pattern: re.Pattern[str], lower: str, pos: int, width: int = 24) -> re.Match[str] | None:
    """The match of pattern that ends at pos, starting at a word boundary, or None."""
    begin = max(0, pos - width)
    while True:
        match = pattern.search(lower, begin, pos)
        if match is None:
            return None
        if match.start() == 0 or not lower[match.start() - 1].isalnum():
            return match
        begin = match.start() + 1


def _letter_before(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isalpha()


def _alnum_before(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isalnum()


def _letter_after(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isalpha()


def _word_before(text: str, pos: int) -> str:
    """The word just before pos, lower case, without a trailing full stop ("No." -> "no")."""
    chunk = text[max(0, pos - 30) : pos].rstrip()
    if not chunk:
        return ""
    token = chunk.rsplit(None, 1)[-1].rstrip(".").lstrip("(\"'“‘")
    return token.lower() if token.isalpha() else ""


def _word_after(text: str, pos: int) -> str:
    """The word just after pos when a space separates them, lower case."""
    chunk = text[pos : pos + 30]
    if not chunk[:1].isspace():
        return ""
    parts = chunk.split(None, 1)
    token = parts[0].rstrip(".,;:!?)\"'”’") if parts else ""
    return token.lower() if token[:1].isalpha() else ""


# -- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    lower: str  # same length as text
    ref: date | None


@dataclass(slots=True)
class _Cand:
    """An expression found by one rule, before overlaps and operators are settled."""

    char_start: int
    char_end: int
    start: date | None  # None while a missing year waits for the other side of a range
    end: date | None
    precision: Precision
    relative: bool
    month: int = 0  # the month it names, when a range partner may lend it a year
    rebuild: Callable[[int], tuple[date, date]] | None = None  # the span in a given year
    year: int | None = None  # the year written, if any
    pair_only: bool = False  # a month after "and"/"to": kept only inside a range
    vague: bool = False  # "now", "currently": used only when nothing else dates a sentence
    operators: bool = True  # may take "since", "before", ...
    order: int = 0


_Handler = Callable[[re.Match[str], _Ctx], _Cand | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: _Handler
    on_lower: bool  # matched against the lower-cased text
    needs: int  # _NEEDS_* flags: a digit, a capitalised month name, a weekday name
    keys: frozenset[str]  # runs only if one of these is in the lower-cased text (if any given)


# -- date arithmetic -------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _last_day(year, month))


def _months_span(year: int, first: int, last: int) -> tuple[date, date]:
    """Months first..last of a year; last may run into the next year (14 = next February)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), date(end_year, end_month, _last_day(end_year, end_month))


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, _last_day(year, month)))


def _shift(day: date, unit: str, n: int) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    if unit == "year":
        return _add_months(day, 12 * n)
    if unit == "decade":
        return _add_months(day, 120 * n)
    days = (abs(n) + 23) // 24  # hours, rounded up to whole days
    return day + timedelta(days=days if n > 0 else -days)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= _last_day(year, month):
        return None
    return date(year, month, day)


def _month_of(name: str) -> int:
    return _MONTH_NUMBER[name[:3].lower()]


def _nearest_year(reference: date, month: int, day: int | None) -> int:
    """The year that puts month/day nearest the reference, the future counted 3 times as far."""
    best_year, best_cost = reference.year, float("inf")
    for year in (reference.year - 1, reference.year, reference.year + 1):
        target = date(year, month, min(day or 15, _last_day(year, month)))
        distance = (target - reference).days
        cost = -distance if distance <= 0 else 3 * distance
        if cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def _part(start: date, end: date, unit: str, mod: str) -> tuple[date, date]:
    """The early/mid/late (or start/middle/end) part of a calendar unit starting at start."""
    mod = mod.lower()
    if "end" in mod:
        which = "end"
    elif "start" in mod or "beginning" in mod:
        which = "start"
    elif "mid" in mod:
        which = "mid"
    else:
        which = mod  # early, late
    if unit == "year":
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (12, 12)}
        return _months_span(start.year, *months.get(which, (1, 1)))
    if unit == "decade":
        years = {"early": (0, 3), "start": (0, 3), "mid": (4, 6)}
        a, b = years.get(which, (7, 9))
        return date(start.year + a, 1, 1), date(start.year + b, 12, 31)
    if unit == "month":
        days = {"early": (1, 10), "start": (1, 10), "mid": (11, 20)}
        a, b = days.get(which, (21, _last_day(start.year, start.month)))
        return start.replace(day=a), start.replace(day=b)
    offsets = {"early": (0, 1), "start": (0, 1), "mid": (2, 3)}  # a week, Monday first
    a, b = offsets.get(which, (4, 6))
    return start + timedelta(days=a), start + timedelta(days=b)


_FINER = {
    Precision.DECADE: Precision.YEAR,
    Precision.YEAR: Precision.MONTH,
    Precision.MONTH: Precision.DAY,
    Precision.DAY: Precision.DAY,
}


def _coarser(a: Precision, b: Precision) -> Precision:
    return a if _RANK[a] >= _RANK[b] else b


_STRONG_YEAR_CUES = frozenset(
    {"in", "since", "by", "during", "from", "until", "till", "before", "after", "of", "year"}
    | {"between", "and", "to", "through", "throughout", "circa", "around", "early", "late"}
)
_B_PRE_POST = re.compile(r"(?:pre|post)-$")


def _year_ok(ctx: _Ctx, start: int, end: int, cue: str | None) -> bool:
    """Whether the four digits at start..end read as a year in their context."""
    text = ctx.text
    if _alnum_before(text, start):
        return False
    if text[end : end + 1] == "-" and _letter_after(text, end + 1):
        return False  # "2000-strong", "2024-based"
    if _word_after(text, end) in _VOCAB.not_year_before:
        return False
    before = text[max(0, start - 2) : start]
    if before[-1:] in {"$", "€", "£", "¥", "#", "§", "/", "+"}:
        return False
    if before[-1:] == "-" and cue is None and _back(_B_PRE_POST, ctx.lower, start, 6) is None:
        return False  # "021-2024": part of a code, a range we did not read, a phone number
    if before[:1].isdigit() and before[-1:] in {",", ".", " ", "-"}:
        return False
    word = cue or _word_before(text, start)
    if word in _VOCAB.not_year_after:
        return False
    if text[end : end + 1] == " " and text[end + 1 : end + 2].isdigit():
        return word in _STRONG_YEAR_CUES  # "In 2024 1,200 people died", not "555 2024 5555"
    return True


def _cand(
    start_char: int,
    end_char: int,
    span: tuple[date, date],
    precision: Precision,
    relative: bool,
    **extra: Any,
) -> _Cand:
    return _Cand(start_char, end_char, span[0], span[1], precision, relative, **extra)


# -- handlers: numbers and names -------------------------------------------------------------


def _h_named(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if _alnum_before(ctx.text, m.start()) or ctx.text[m.start() - 1 : m.start()] == "/":
        return None
    if m.end() < len(ctx.text) and (ctx.text[m.end()].isalnum() or ctx.text[m.end()] == "/"):
        return None
    day = _VOCAB.named_dates[m.group(0)]
    return _cand(m.start(), m.end(), (day, day), Precision.DAY, False)


def _h_named_event(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """ "after the U.S. invasion of Iraq": a well-known event's name dates the sentence."""
    if _alnum_before(ctx.text, m.start()) or _letter_after(ctx.text, m.end()):
        return None
    start, end = _VOCAB.named_events[" ".join(m.group(0).split())]
    return _cand(m.start(), m.end(), (start, end), _span_precision(start, end), False)


def _span_precision(start: date, end: date) -> Precision:
    """The coarsest unit whose bounds a span's dates are."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return Precision.YEAR
    if start.day == 1 and end.day == _last_day(end.year, end.month):
        return Precision.MONTH
    return Precision.DAY


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None or _alnum_before(ctx.text, m.start()):
        return None
    return _cand(m.start(), m.end(), (day, day), Precision.DAY, False)


@cache
def _date_parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(2000, 1, 1),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """d/m/yyyy and m/d/yyyy, normalised by dateparser."""
    if m.start() > 0 and (ctx.text[m.start() - 1].isalnum() or ctx.text[m.start() - 1] in ".,/-"):
        return None
    parsed = _date_parser().get_date_data(m.group(0))
    if parsed.date_obj is None or parsed.period != "day":
        return None
    day = parsed.date_obj.date()
    if day.year != int(m["y"]):
        return None
    return _cand(m.start(), m.end(), (day, day), Precision.DAY, False)


_F_DAY = re.compile(
    rf"\s+(?:the\s+)?(?P<d>\d{{1,2}}){_DAY_SUFFIX}\b"
    rf"(?:{_RANGE_DASH}(?P<d2>\d{{1,2}}){_DAY_SUFFIX}\b)?"
    rf"(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?(?![\d%]|[.,]\d)"
)
_F_YEAR = re.compile(rf"(?:\s+of)?,?\s+(?P<y>{_YEAR})\b{_YEAR_END}")
_B_DAY = re.compile(
    rf"(?P<d>\d{{1,2}}){_DAY_SUFFIX}(?:{_RANGE_DASH}(?P<d2>\d{{1,2}}){_DAY_SUFFIX})?"
    r"(?:\s+of)?\s+$"
)
_PAIR_CUES = frozenset({"and", "to"})
_MONTH_MODS = frozenset({"early", "late", "mid"})


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """Everything anchored on a month name: "3 January 2024", "Jan. 3", "3-5 May",
    "August 2021", "mid-May 2024", and a month alone after a cue ("in May", "last March")."""
    text = ctx.text
    if _letter_before(text, m.start()):
        return None
    name = m["mon"]
    month = _month_of(name)
    sentence_end = bool(m["dot"]) and name in _MONTHS  # "... on 5 May." is not "May."
    after = m.end("mon") if sentence_end else m.end()
    day_before = _back(_B_DAY, ctx.lower, m.start())
    if day_before is not None and not (
        day_before.start() > 1
        and text[day_before.start() - 1] in ".,"
        and text[day_before.start() - 2].isdigit()
    ):
        year = None if sentence_end else _F_YEAR.match(text, after)
        cand = _day_month(
            ctx, day_before.start(), year.end() if year else after, month, day_before, year
        )
        if cand is not None:
            return cand
    if sentence_end:
        return _month_alone(m, ctx, after) if name in _MONTHS else None
    day_after = _F_DAY.match(text, m.end())
    if day_after is not None:
        cand = _day_month(ctx, m.start(), day_after.end(), month, day_after, day_after)
        if cand is not None:
            return cand
    year = _F_YEAR.match(text, m.end())
    if year is not None:
        return _month_year(m, ctx, month, year)
    return _month_alone(m, ctx, after) if name in _MONTHS else None


def _day_month(
    ctx: _Ctx,
    start_char: int,
    end_char: int,
    month: int,
    days: re.Match[str],
    year_match: re.Match[str] | None,
) -> _Cand | None:
    """A day (or a run of days) of a month, with or without a written year."""
    text = ctx.text
    day = int(days["d"])
    last_day = int(days["d2"]) if days["d2"] else None
    if not 1 <= day <= 31 or (last_day is not None and not day < last_day <= 31):
        return None
    word_after = _word_after(text, end_char)
    if word_after in _VOCAB.date_not_before:
        return None  # "the March 23 Movement"
    written = int(year_match["y"]) if year_match is not None and year_match["y"] else None
    if written is None and word_after in _VOCAB.not_year_before:
        return None  # "In March 12 people died"

    def build(year: int) -> tuple[date, date]:
        return date(year, month, day), date(year, month, last_day or day)

    year = written
    if year is None and ctx.ref is not None:
        year = _nearest_year(ctx.ref, month, day)
    if year is not None and (
        _safe_date(year, month, day) is None
        or (last_day is not None and _safe_date(year, month, last_day) is None)
    ):
        return None
    weekday = _back(_B_WEEKDAY, ctx.lower, start_char, 16)
    span = build(year) if year is not None else None
    return _Cand(
        weekday.start() if weekday is not None else start_char,
        end_char,
        span[0] if span else None,
        span[1] if span else None,
        Precision.DAY,
        written is None,
        month=month,
        rebuild=None if written else build,
        year=written,
    )


def _month_year(m: re.Match[str], ctx: _Ctx, month: int, year_match: re.Match[str]) -> _Cand | None:
    end = year_match.end()
    if _word_after(ctx.text, end) in _VOCAB.not_year_before:
        return None
    year = int(year_match["y"])
    span = _month_span(year, month)
    part = _back(_B_PART, ctx.lower, m.start())
    if part is not None:
        span = _part(*span, "month", part["w"])
        return _cand(part.start(), end, span, Precision.DAY, False, month=month, year=year)
    return _cand(m.start(), end, span, Precision.MONTH, False, month=month, year=year)


def _month_alone(m: re.Match[str], ctx: _Ctx, end: int) -> _Cand | None:
    """A month named without a day or year: only after a cue, or before "–June"."""
    text, ref = ctx.text, ctx.ref
    name = m["mon"]
    cue_match = _back(_B_MONTH_CUE, ctx.lower, m.start())
    dash = _F_DASH_MONTH.match(text, end) is not None
    if cue_match is None and not dash:
        return None
    cue = " ".join(cue_match["w"].split()) if cue_match else ""
    if name in _AMBIGUOUS_MONTHS and cue in {"the", "of"}:
        return None  # "the May government", "the Ides of March"
    month = _month_of(name)
    mod = cue if cue in _MONTH_MODS or cue.endswith(" of") else ""

    def build(year: int) -> tuple[date, date]:
        span = _month_span(year, month)
        return _part(*span, "month", mod) if mod else span

    year: int | None = None
    if ref is not None:
        if cue == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif cue == "next":
            year = ref.year if month > ref.month else ref.year + 1
        elif cue == "this":
            year = ref.year
        else:
            year = _nearest_year(ref, month, None)
    span = build(year) if year is not None else None
    keeps_cue = mod or cue in {"last", "next", "this"}
    return _Cand(
        cue_match.start() if cue_match is not None and keeps_cue else m.start(),
        end,
        span[0] if span else None,
        span[1] if span else None,
        Precision.DAY if mod else Precision.MONTH,
        True,
        month=month,
        rebuild=build,
        pair_only=cue in _PAIR_CUES or (dash and cue_match is None),
    )


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    year, start = int(m["y"]), m.start()
    lower = ctx.lower
    part = _back(_B_PART, lower, start)
    season = _back(_B_SEASON, lower, start) if part is None else None
    prefix = part or season
    cue_match = _back(_B_YEAR_CUE, lower, prefix.start() if prefix else start)
    cue = cue_match["w"] if cue_match else ("in" if prefix else None)
    if not _year_ok(ctx, start, m.end(), cue):
        return None
    if season is not None:
        first, last = _SEASONS[season["w"] or season["f"]]
        span = _months_span(year, first, last)
        return _cand(season.start(), m.end(), span, Precision.MONTH, False, year=year)
    if part is not None:
        span = _part(date(year, 1, 1), date(year, 12, 31), "year", part["w"])
        return _cand(part.start(), m.end(), span, Precision.MONTH, False, year=year)
    span = (date(year, 1, 1), date(year, 12, 31))
    return _cand(start, m.end(), span, Precision.YEAR, False, year=year)


def _h_year_range(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    first = int(m["y"])
    second_text = m["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 100:
        return None
    if not _year_ok(ctx, m.start(), m.start() + 4, None):
        return None
    if _word_after(ctx.text, m.end()) in _VOCAB.not_year_before:
        return None
    span = (date(first, 1, 1), date(second, 12, 31))
    return _cand(m.start(), m.end(), span, Precision.YEAR, False, year=first)


def _two_digit_decade(digits: int, ref: date | None) -> int:
    current = ref.year if ref else 2029
    return 2000 + digits if 2000 + digits <= current else 1900 + digits


def _decade(
    m: re.Match[str], ctx: _Ctx, first: int | None, start: int, marked: bool
) -> _Cand | None:
    """A decade starting at first (None: two digits to place), written from start."""
    context = _back(_B_DECADE, ctx.lower, start)
    has_the = context is not None and bool(context["the"] or context["mod2"] or context["the2"])
    if first is None:
        if not (has_the or marked):
            return None  # "in their 90s"
        first = _two_digit_decade(int(ctx.text[start:].lstrip("'’")[:2]), ctx.ref)
    span = (date(first, 1, 1), date(first + 9, 12, 31))
    precision = Precision.DECADE
    if context is not None:
        start = context.start()
        modifier = context["mod"] or context["mod2"]
        if modifier:
            span = _part(*span, "decade", modifier)
            precision = Precision.YEAR
    return _cand(start, m.end(), span, precision, False)


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """1990s, '90s, the 90s: the core is the last two digits and the s."""
    text, s = ctx.text, m.start()
    if s >= 2 and text[s - 2 : s] in {"19", "20"} and not _alnum_before(text, s - 2):
        return _decade(m, ctx, int(text[s - 2 : s + 2]), s - 2, True)
    if s >= 1 and text[s - 1] in "'’" and not _alnum_before(text, s - 1):
        return _decade(m, ctx, None, s - 1, True)
    if _alnum_before(text, s):
        return None
    return _decade(m, ctx, None, s, False)


def _h_decade_word(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if _letter_before(ctx.lower, m.start()) or _letter_after(ctx.lower, m.end()):
        return None
    context = _back(_B_DECADE, ctx.lower, m.start())
    if context is None or not (context["the"] or context["mod2"] or context["the2"]):
        return None
    first = _two_digit_decade(_DECADE_WORDS[m.group(0)], ctx.ref)
    span = (date(first, 1, 1), date(first + 9, 12, 31))
    modifier = context["mod"] or context["mod2"]
    if modifier:
        return _cand(
            context.start(), m.end(), _part(*span, "decade", modifier), Precision.YEAR, False
        )
    return _cand(context.start(), m.end(), span, Precision.DECADE, False)


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if _alnum_before(ctx.lower, m.start()):
        return None
    ordinal = m["ord"]
    number = _CENTURY_WORDS.get(ordinal) or int(ordinal[:2])
    first = (number - 1) * 100
    the = _back(_B_THE, ctx.lower, m.start(), 8)
    start = the.start() if the else m.start()
    return _cand(
        start, m.end(), (date(first, 1, 1), date(first + 99, 12, 31)), Precision.DECADE, False
    )


def _h_quarter_code(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if _alnum_before(ctx.text, m.start()):
        return None
    code = m["q"]
    year = int(m["y"]) if m["y"] else 2000 + int(m["y2"])
    index, size = int(code[1]), 3 if code[0] == "Q" else 6
    if index > 12 // size:
        return None
    span = _months_span(year, (index - 1) * size + 1, index * size)
    return _cand(m.start(), m.end(), span, Precision.MONTH, False, year=year)


# -- handlers: words (matched on the lower-cased text) ---------------------------------------


def _year_of_tail(m: re.Match[str], ctx: _Ctx) -> tuple[int, bool] | None:
    """The year of a "... of 2025" / "... of this year" tail, else the reference year."""
    if m["y"]:
        return int(m["y"]), False
    if ctx.ref is None:
        return None
    rel = " ".join((m["yrel"] or "").split())
    if not rel and _F_OF.match(ctx.lower, m.end()):
        return None  # "the second half of the match"
    return ctx.ref.year + {"last": -1, "next": 1}.get(rel, 0), True


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    word = " ".join(word.split())
    return int(word) if word.isdigit() else _VOCAB.numbers.get(word)


def _h_first_months(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if _letter_before(ctx.lower, m.start()):
        return None
    first = m["ord"] in {"first", "opening"}
    if not first and not (m["y"] or m["yrel"]):
        return None  # "the last 12 months" runs back from the reference: a rolling span
    resolved = _year_of_tail(m, ctx)
    n = _count(m["n"])
    if resolved is None or n is None:
        return None
    year, relative = resolved
    if m["unit"] == "months":
        if not 1 <= n <= 12:
            return None
        span = _months_span(year, 1, n) if first else _months_span(year, 13 - n, 12)
        return _cand(m.start(), m.end(), span, Precision.MONTH, relative)
    if not 1 <= n <= 52:
        return None
    if first:
        begin = date(year, 1, 1)
        span = (begin, begin + timedelta(weeks=n, days=-1))
    else:
        finish = date(year, 12, 31)
        span = (finish - timedelta(weeks=n, days=-1), finish)
    return _cand(m.start(), m.end(), span, Precision.DAY, relative)


def _h_half_quarter(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if _letter_before(ctx.lower, m.start()):
        return None
    resolved = _year_of_tail(m, ctx)
    if resolved is None:
        return None
    year, relative = resolved
    size = 6 if m["part"] == "half" else 3
    count = 12 // size
    ordinal = m["ord"]
    index = count if ordinal in {"last", "final", "latter"} else _ORDINAL_WORDS.get(ordinal, 0)
    if not 1 <= index <= count:
        return None
    span = _months_span(year, (index - 1) * size + 1, index * size)
    return _cand(m.start(), m.end(), span, Precision.MONTH, relative)


def _h_day_word(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None or _letter_before(ctx.lower, m.start()) or _letter_after(ctx.lower, m.end()):
        return None
    word = m.group(0)
    offset = 0
    if "yesterday" in word:
        offset = -2 if "before" in word else -1
    elif "tomorrow" in word:
        offset = 2 if "after" in word else 1
    elif word.startswith("last"):
        offset = -1
    day = ref + timedelta(days=offset)
    return _cand(m.start(), m.end(), (day, day), Precision.DAY, True)


def _h_now(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    ref, lower = ctx.ref, ctx.lower
    if ref is None or _letter_before(lower, m.start()) or _letter_after(lower, m.end()):
        return None
    if lower[m.end() : m.end() + 1] in {"-", "'", "’"}:
        return None  # "now-defunct"
    return _cand(m.start(), m.end(), (ref, ref), Precision.DAY, True, vague=True, operators=False)


def _h_recent(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """ "recently", "recent tensions": some time shortly before the reference date, which is
    how coders date it (the publication date, as "now" is); vague, so an explicit date in
    the same sentence wins. Its span is the reference day: its start is no date the text
    gives."""
    ref, lower = ctx.ref, ctx.lower
    if ref is None or _letter_before(lower, m.start()) or _letter_after(lower, m.end()):
        return None
    if lower[m.end() : m.end() + 1] in {"-", "'", "’"}:
        return None  # "recently-built": describes a thing, dates no event
    # No "before"/"after" operator: in "before recent tensions" the tensions are recent.
    return _cand(m.start(), m.end(), (ref, ref), Precision.DAY, True, vague=True, operators=False)


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    ref, text = ctx.ref, ctx.text
    if ref is None or _letter_before(text, m.start()):
        return None
    if (
        _word_before(text, m.start()) in _VOCAB.weekday_not_after
        or _word_after(text, m.end()) in _VOCAB.weekday_not_before
    ):
        return None  # "Good Friday", "The Sunday Times"
    rel_match = _back(_B_WEEKDAY_REL, ctx.lower, m.start(), 16)
    rel = " ".join(rel_match["w"].split()) if rel_match else ""
    target = _WEEKDAY_NUMBER[m.group(0).lower()]
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if rel in {"next", "this coming", "coming"}:
        day = ref + timedelta(days=ahead or 7)
    elif rel == "this":
        day = ref + timedelta(days=ahead)
    elif rel == "last":
        day = ref - timedelta(days=back or 7)
    else:
        day = ref - timedelta(days=back)
    start = rel_match.start() if rel_match is not None and rel != "on" else m.start()
    return _cand(start, m.end(), (day, day), Precision.DAY, True)


_UNIT_PRECISION = {
    "day": Precision.DAY,
    "hour": Precision.DAY,
    "week": Precision.DAY,
    "weekend": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
    "decade": Precision.DECADE,
}


def _calendar_unit(day: date, unit: str) -> tuple[date, date]:
    if unit == "week":
        return _week_of(day)
    if unit == "weekend":
        monday = _week_of(day)[0]
        return monday + timedelta(days=5), monday + timedelta(days=6)
    if unit == "month":
        return _month_span(day.year, day.month)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    first = day.year // 10 * 10  # decade
    return date(first, 1, 1), date(first + 9, 12, 31)


def _h_calendar(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """this/last/next week, month, year, decade; earlier this year; the end of last month."""
    ref, lower = ctx.ref, ctx.lower
    if ref is None or _letter_before(lower, m.start()):
        return None
    unit = m["unit"]
    rel = " ".join(m["rel"].split())
    mod_match = _back(_B_CAL_MOD, lower, m.start())
    mod = " ".join(mod_match["w"].split()) if mod_match else ""
    if rel == "the" and not mod:
        return None
    if rel in {"last", "next"} and not mod and _back(_B_THE, lower, m.start(), 8):
        return None  # "the last year" is a rolling span, "the next year" anaphoric
    step = {"last": -1, "next": 1, "this past": -1}.get(rel, 0)
    start, end = _calendar_unit(_shift(ref, "week" if unit == "weekend" else unit, step), unit)
    precision = _UNIT_PRECISION[unit]
    if mod:
        if unit == "weekend":
            return None
        if mod == "earlier" and step == 0:
            end = ref
        elif mod == "later" and step == 0:
            start = ref
        else:
            start, end = _part(
                start, end, unit, {"earlier": "early", "later": "late"}.get(mod, mod)
            )
        precision = _FINER[precision]
    begin = mod_match.start() if mod_match is not None else m.start()
    return _cand(begin, m.end(), (start, end), precision, True)


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None or _letter_before(ctx.lower, m.start()):
        return None
    saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
    return _cand(m.start(), m.end(), (saturday, saturday + timedelta(days=1)), Precision.DAY, True)


def _h_rolling(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """the past four years, the last 12 months, recent years, the coming weeks."""
    ref, lower = ctx.ref, ctx.lower
    if ref is None or _letter_before(lower, m.start()):
        return None
    direction = m["dir"]
    unit = m["unit"].rstrip("s")
    plural = m["unit"].endswith("s")
    the = _back(_B_THE, lower, m.start(), 8)
    n: int | None
    if direction == "recent":
        n = _VOCAB.recent if plural else None
    elif m["n"]:
        n = _count(m["n"])
    elif the is None:
        return None  # "last year" is a calendar year, read by another rule
    elif not plural and unit != "decade" and (direction == "next" or unit == "day"):
        return None  # "the next year" (the year after a narrated one), "the last day"
    else:
        n = _VOCAB.recent if plural else 1
    if n is None or n <= 0:
        return None
    if direction in {"coming", "next"}:
        span = (ref, _shift(ref, unit, n))
    else:
        span = (_shift(ref, unit, -n), ref)
    precision = Precision.YEAR if unit == "decade" else _UNIT_PRECISION[unit]
    return _cand(the.start() if the else m.start(), m.end(), span, precision, True)


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    number = _back(_B_NUMBER, ctx.lower, m.start(), 16)
    n = _count(number["n"]) if number else None
    if ref is None or number is None or n is None:
        return None
    unit = m["unit"].rstrip("s")
    if unit == "decade":
        unit, n = "year", n * 10
    then = _shift(ref, unit, -n)
    span = (then, then) if unit == "day" else _calendar_unit(then, unit)
    return _cand(number.start(), m.end(), span, _UNIT_PRECISION[unit], True)


# -- rules -----------------------------------------------------------------------------------

_NEEDS_DIGIT, _NEEDS_MONTH, _NEEDS_WEEKDAY = 1, 2, 4
_NAMED = "|".join(re.escape(k) for k in sorted(_VOCAB.named_dates, key=len, reverse=True))
_NAMED_EVENTS = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_VOCAB.named_events, key=len, reverse=True)
)
_UNIT_KEYS = ("days", " day", "week", "month", "year", "decade", "hour")


def _rule(
    pattern: str,
    handler: _Handler,
    *,
    on_lower: bool = False,
    digits: bool = False,
    months: bool = False,
    weekdays: bool = False,
    keys: tuple[str, ...] = (),
) -> _Rule:
    needs = (
        (_NEEDS_DIGIT if digits else 0)
        | (_NEEDS_MONTH if months else 0)
        | (_NEEDS_WEEKDAY if weekdays else 0)
    )
    return _Rule(re.compile(pattern), handler, on_lower, needs, frozenset(keys))


_RULES: tuple[_Rule, ...] = (
    _rule(_NAMED, _h_named, digits=True),
    _rule(
        _NAMED_EVENTS,
        _h_named_event,
        on_lower=True,
        keys=tuple({name.rsplit(" ", 1)[-1] for name in _VOCAB.named_events}),
    ),
    _rule(
        rf"(?P<y>{_YEAR})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
        r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d%]|[.,/]\d)",
        _h_iso,
        digits=True,
    ),
    _rule(
        rf"(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})(?![\d%]|[.,/]\d)",
        _h_numeric,
        digits=True,
    ),
    _rule(_MONTH_CORE, _h_month, months=True),
    _rule(
        rf"(?P<y>{_YEAR})\s*(?:-|–|—|/)\s*(?P<y2>{_YEAR}|\d\d)(?![\w%]|[.,/-]\d)",
        _h_year_range,
        digits=True,
    ),
    _rule(rf"(?P<y>{_YEAR})\b{_YEAR_END}", _h_year, digits=True),
    _rule(r"\d0['’]?s\b", _h_decade, digits=True),
    _rule(
        "|".join(_DECADE_WORDS),
        _h_decade_word,
        on_lower=True,
        keys=("ties",),
    ),
    _rule(
        r"(?P<ord>1[5-9]th|20th|21st|eighteenth|nineteenth|twentieth|twenty-first)[-\s]+century\b",
        _h_century,
        on_lower=True,
        keys=("century",),
    ),
    _rule(
        rf"(?P<q>[QH][1-4])(?:\s+of)?\s*(?:(?P<y>{_YEAR})\b|['’](?P<y2>\d\d)\b){_YEAR_END}",
        _h_quarter_code,
        digits=True,
    ),
    _rule(
        rf"the\s+(?P<ord>first|last|final|opening|closing)\s+(?P<n>{_NUMBER})\s+"
        rf"(?P<unit>months|weeks)(?:\s+of\s+{_YEAR_REF})?",
        _h_first_months,
        on_lower=True,
        keys=("months", "weeks"),
    ),
    _rule(
        r"the\s+(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final|latter)\s+"
        r"(?P<part>half|quarter)"
        rf"(?:\s+of\s+{_YEAR_REF})?",
        _h_half_quarter,
        on_lower=True,
        keys=("half", "quarter"),
    ),
    _rule(
        r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight"
        r"|tomorrow|last\s+night|earlier\s+today|later\s+today|this\s+morning"
        r"|this\s+afternoon|this\s+evening",
        _h_day_word,
        on_lower=True,
        keys=(
            "yesterday",
            "today",
            "tonight",
            "tomorrow",
            "night",
            "morning",
            "afternoon",
            "evening",
        ),
    ),
    _rule(
        r"nowadays|now|currently|at\s+present|presently|at\s+the\s+moment|these\s+days",
        _h_now,
        on_lower=True,
        keys=("now", "currently", "present", "moment", "these days"),
    ),
    _rule(r"recently|recent", _h_recent, on_lower=True, keys=("recently", "recent")),
    _rule(rf"{_WEEKDAY_CORE}\b", _h_weekday, weekdays=True),
    _rule(
        r"(?P<rel>this\s+past|this|last|next|the\s+current|the)\s+"
        r"(?P<unit>weekend|week|month|year|decade)\b",
        _h_calendar,
        on_lower=True,
        keys=("week", "month", "year", "decade"),
    ),
    _rule(r"the\s+weekend\b", _h_weekend, on_lower=True, keys=("weekend",)),
    _rule(
        rf"(?P<dir>past|last|coming|next|recent)\s+(?:(?P<n>{_NUMBER})\s+)?(?P<unit>{_UNITS})\b",
        _h_rolling,
        on_lower=True,
        keys=_UNIT_KEYS,
    ),
    _rule(
        r"(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b",
        _h_ago,
        on_lower=True,
        keys=("ago",),
    ),
)

# The rules that can fire, by which of digit, month and weekday the text holds.
_RULES_BY_FLAGS = tuple(
    tuple((order, rule) for order, rule in enumerate(_RULES) if rule.needs & ~flags == 0)
    for flags in range(8)
)
_ALL_KEYS = tuple(sorted({key for rule in _RULES for key in rule.keys}))
_DIGIT = re.compile(r"[0-9]")
_MONTH_GATE = re.compile(rf"(?:{_ANY_MONTH})\b")
_WEEKDAY_GATE = re.compile(_WEEKDAY_CORE)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# -- ranges and operators over candidates ----------------------------------------------------

_WINDOW = {
    Precision.DAY: ("day", 30),
    Precision.MONTH: ("year", 1),
    Precision.YEAR: ("year", 5),
    Precision.DECADE: ("year", 10),
}


def _with_year(cand: _Cand, year: int, relative: bool) -> None:
    assert cand.rebuild is not None
    try:
        cand.start, cand.end = cand.rebuild(year)
        cand.relative = relative
    except ValueError:  # 29 February in a common year
        cand.start = cand.end = None


def _merge(a: _Cand, b: _Cand, opener: re.Match[str] | None) -> _Cand | None:
    """ "between A and B", "from A to B", "A–B" as one span, lending a missing year."""
    if a.rebuild is not None and a.year is None:
        if b.year is not None:
            _with_year(a, b.year - 1 if a.month > b.month > 0 else b.year, False)
        elif b.start is not None:  # no year on either side: B placed by the reference
            _with_year(a, b.start.year - 1 if a.month > b.month > 0 else b.start.year, True)
    elif b.rebuild is not None and b.year is None and a.year is not None:
        _with_year(b, a.year + 1 if 0 < b.month < a.month else a.year, False)
    if a.start is None or a.end is None or b.start is None or b.end is None or a.start > b.end:
        return None
    return _Cand(
        opener.start() if opener else a.char_start,
        b.char_end,
        a.start,
        b.end,
        _coarser(a.precision, b.precision),
        a.relative or b.relative,
        operators=False,
    )


def _ranges(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands) and not a.vague and not cands[i + 1].vague:
            b = cands[i + 1]
            link = _RANGE_LINK.fullmatch(ctx.lower, a.char_end, b.char_start)
            if link is not None:
                opener = _back(_B_RANGE_OPEN, ctx.lower, a.char_start, 10)
                kind = opener["w"] if opener else ""
                word = link["w"] or ""
                dash = link["dash"] is not None
                allowed = (
                    (kind == "between" and word == "and")
                    or (kind == "from" and (dash or word not in {"", "and"}))
                    or (not kind and dash)
                )
                merged = _merge(a, b, opener) if allowed else None
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _apply_operator(ctx: _Ctx, cand: _Cand) -> _Cand:
    """since/after/before/until X, X onwards."""
    if not cand.operators or cand.start is None or cand.end is None:
        return cand
    op = _back(_B_OPERATOR, ctx.lower, cand.char_start, 14)
    onwards = _F_ONWARDS.match(ctx.lower, cand.char_end)
    if op is None and onwards is None:
        return cand
    word = " ".join((op["w"] or op["p"]).split()) if op else "since"
    if word in {"by", "as of"} and onwards is None:
        return cand
    ref = ctx.ref
    start, end = cand.start, cand.end
    unit, size = _WINDOW[cand.precision]
    if word in {"since", "ever since", "from", "by", "as of"}:
        end = ref if ref is not None and ref > end else end
    elif word in {"after", "post"}:
        start = cand.end + timedelta(days=1)
        end = ref if ref is not None and ref >= start else _shift(start, unit, size) - timedelta(1)
    elif word in {"before", "prior to", "pre"}:
        end = cand.start - timedelta(days=1)
        start = _shift(cand.start, unit, -size)
    else:  # until, till, up to
        start = ref if ref is not None and ref < cand.start else _shift(cand.start, unit, -size)
    return _Cand(
        op.start() if op else cand.char_start,
        onwards.end() if onwards else cand.char_end,
        start,
        end,
        cand.precision,
        cand.relative,
        operators=False,
    )


# -- public API ------------------------------------------------------------------------------


def _candidates(ctx: _Ctx) -> list[_Cand]:
    text, lower = ctx.text, ctx.lower
    flags = 0
    if _DIGIT.search(text) is not None:
        flags |= _NEEDS_DIGIT
    if _MONTH_GATE.search(text) is not None:
        flags |= _NEEDS_MONTH
    if "day" in text and _WEEKDAY_GATE.search(text) is not None:
        flags |= _NEEDS_WEEKDAY
    present = frozenset(key for key in _ALL_KEYS if key in lower)
    found: list[_Cand] = []
    for order, rule in _RULES_BY_FLAGS[flags]:
        if rule.keys and rule.keys.isdisjoint(present):
            continue
        for match in rule.pattern.finditer(lower if rule.on_lower else text):
            cand = rule.handler(match, ctx)
            if cand is not None:
                cand.order = order
                found.append(cand)
    if len(found) < 2:
        return found
    # Longest first, then leftmost; keep what does not overlap what is kept.
    found.sort(key=lambda c: (c.char_start - c.char_end, c.char_start, c.order))
    starts: list[int] = []
    chosen: list[_Cand] = []
    for cand in found:
        i = bisect_right(starts, cand.char_start)
        if i > 0 and chosen[i - 1].char_end > cand.char_start:
            continue
        if i < len(chosen) and chosen[i].char_start < cand.char_end:
            continue
        starts.insert(i, cand.char_start)
        chosen.insert(i, cand)
    return chosen


def _lower(text: str) -> str:
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


def find_time_expressions(text: str, reference: date | None) -> list[TimeSpan]:
    """All time expressions of a sentence, in order and without overlaps (longest wins).

    Relative expressions ("last week", "in May") are resolved against ``reference``; without
    one they are left out.
    """
    if isinstance(reference, datetime):
        reference = reference.date()
    return list(_time_expressions(text, reference))


@lru_cache(maxsize=8192)
def _time_expressions(text: str, reference: date | None) -> tuple[TimeSpan, ...]:
    """Remembered: actor resolution, section dating and event dating read the same sentences
    one after another."""
    ctx = _Ctx(text, _lower(text), reference)
    cands = _candidates(ctx)
    if not cands:
        return ()
    spans = []
    for c in _ranges(ctx, cands):
        c = _apply_operator(ctx, c)
        if c.start is None or c.end is None or c.pair_only:
            continue
        spans.append(
            TimeSpan(
                start=c.start,
                end=c.end,
                precision=c.precision,
                text=text[c.char_start : c.char_end],
                char_start=c.char_start,
                char_end=c.char_end,
                relative=c.relative,
            )
        )
    return tuple(spans)


def sentence_time(text: str, reference: date | None) -> TimeSpan | None:
    """The expression that best dates the sentence's main event, or None.

    The first expression that can date an event wins; "now", "recently" and the like count
    only when the sentence has nothing else. A span that runs up to the present ("since
    January", "since 1975") dates no event: the event happened within it, not at its start;
    nor does the end of how long something lasts ("purchases through January").
    Durations ("for 20 years") and ages ("30-year-old") are never expressions.
    """
    spans = [s for s in find_time_expressions(text, reference) if dates_an_event(s, text)]
    for span in spans:
        if not _VAGUE.fullmatch(span.text.lower()):
            return span
    return spans[0] if spans else None


def dates_an_event(span: TimeSpan, sentence: str = "") -> bool:
    """Whether an expression can date an event rather than only bound it (``sentence``: the
    text the span's offsets are in, to see the word before it)."""
    before = sentence[max(0, span.char_start - 12) : span.char_start].lower().split()
    return not _OPEN_SPAN.match(span.text.lower()) and not (
        before and _OPEN_SPAN.fullmatch(before[-1])
    )


# "since 2021", "ever since the war": from then until now; "until the end of the week",
# "through January": how long something lasts, not when it was done
_OPEN_SPAN = re.compile(r"(?:ever\s+)?since\b|until\b|till\b|through\b")


def document_span(document_date: date | None) -> tuple[TimeSpan | None, str]:
    """The publication date as a day span with origin "document", or (None, "none")."""
    if isinstance(document_date, datetime):
        document_date = document_date.date()
    if document_date is None:
        return None, "none"
    return TimeSpan(document_date, document_date, Precision.DAY, "", 0, 0, True), "document"


def resolve_times(
    sentences: Sequence[tuple[int, str]], document_date: date | None
) -> list[tuple[TimeSpan | None, str]]:
    """For (paragraph index, text) pairs in reading order: each sentence's span and origin.

    The origin is "sentence" (its own expression), "paragraph" (carried from the latest
    earlier sentence of the same paragraph that had one: "During the 1990s, ..." dates what
    follows), "document" (a day-precision span on the document date, with empty text), or
    "none" with no span when there is no document date either. A time that ends after the
    document date ("over the next three years") is a plan's and is not carried.
    """
    if isinstance(document_date, datetime):
        document_date = document_date.date()
    fallback = document_span(document_date)
    out: list[tuple[TimeSpan | None, str]] = []
    paragraph: int | None = None
    carried: TimeSpan | None = None
    for index, text in sentences:
        if index != paragraph:
            paragraph, carried = index, None
        own = sentence_time(text, document_date)
        if own is not None:
            if document_date is None or own.end <= document_date:
                carried = own
            out.append((own, "sentence"))
        elif carried is not None:
            out.append((carried, "paragraph"))
        else:
            out.append(fallback)
    return out
