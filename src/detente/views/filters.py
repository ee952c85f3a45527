"""Which events a view shows: one filter shared by the exports, the report and the web app.

The same options mean the same thing everywhere (`detente events`, `export`, `report`,
`/api/events`), because each view passes them to :meth:`detente.store.Store.query_events`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from detente.store import Store

__all__ = ["EventFilter"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Events touching ``actor`` (with ``other`` on the other side), of ``types``, whose time
    span overlaps ``since``…``until``; actor values are store ids, already resolved."""

    actor: str | None = None
    other: str | None = None
    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None

    def events(self, store: Store, *, merged: bool = False) -> list[dict[str, Any]]:
        """The store's event rows (with sentence, document and actor names), oldest first:
        one per report, or with ``merged`` one per real event, its reports listed in it."""
        return store.query_events(
            actor=self.actor,
            other=self.other,
            types=self.types,
            modalities=self.modalities,
            since=self.since,
            until=self.until,
            limit=self.limit,
            merged=merged,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "with": self.other,
            "types": list(self.types),
            "modalities": list(self.modalities),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "limit": self.limit,
        }
