"""Which events a question is about in time, and the date their age is measured to.

``at`` asks for the state of things on a date: every event that had begun by then. ``since``
and ``until`` ask about a window: every event whose span [time_start, time_end] overlaps it.
Undated events (no time_start) belong to no window; the analyses count them apart.

Older events weigh less (see :mod:`detente.analysis.graph`): an event's age is measured from
the end of its span (its start when it has no end) to the *reference date*: ``at``, else
``until``, else the latest date any event in the window reaches, so the same store always
gives the same answer whatever day it is asked on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from detente.errors import BadTimeWindow

__all__ = ["TimeWindow"]


@dataclass(frozen=True, slots=True)
class TimeWindow:
    at: dt.date | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.at is not None and (self.since is not None or self.until is not None):
            raise BadTimeWindow("give either a date (at) or a window (since/until), not both")
        if self.since and self.until and self.since > self.until:
            raise BadTimeWindow(f"since {self.since} is after until {self.until}")

    @property
    def last_day(self) -> dt.date | None:
        """The latest day an event may begin on to belong to the window."""
        return self.at if self.at is not None else self.until

    def sql(self, alias: str = "e") -> tuple[str, dict[str, Any]]:
        """A SQL condition on ``events`` rows named ``alias`` (dated events only)."""
        where = [f"{alias}.time_start IS NOT NULL"]
        params: dict[str, Any] = {}
        if self.last_day is not None:
            where.append(f"{alias}.time_start <= $window_last")
            params["window_last"] = self.last_day
        if self.since is not None:
            where.append(f"coalesce({alias}.time_end, {alias}.time_start) >= $window_since")
            params["window_since"] = self.since
        return " AND ".join(where), params

    def as_json(self) -> dict[str, Any]:
        def day(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {"at": day(self.at), "since": day(self.since), "until": day(self.until)}
