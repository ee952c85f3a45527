"""Reading gold files into sentences with located actor spans.

Supported now: PLOVER gold-standard records (one JSON object per line, with ``text``,
``date`` and ``events[].source_actors`` / ``target_actors``, each ``{actorText, code,
sector}``), as distributed by the Open Event Data Alliance.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.errors import UsageError


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    start: int | None  # None when the actor text does not occur verbatim in the sentence
    end: int | None
    country: str  # ISO3, or IGO / NGO / IMG for bodies with no country
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    date: dt.date | None
    actors: tuple[GoldActor, ...]


def read_gold(path: Path) -> Iterator[GoldSentence]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{number}: not JSON ({exc})") from exc
            if "text" not in record or "events" not in record:
                raise UsageError(f"{path}:{number}: not a gold record (needs text and events)")
            yield _sentence(record)


def _sentence(record: dict[str, object]) -> GoldSentence:
    text = str(record["text"])
    actors: dict[tuple[str, str], GoldActor] = {}
    events = record.get("events") or []
    assert isinstance(events, list)
    for event in events:
        for role in ("source_actors", "target_actors"):
            for actor in event.get(role) or []:
                actor_text = str(actor.get("actorText") or "").strip()
                code = str(actor.get("code") or "")
                if not actor_text or len(code) < 3:
                    continue
                start = _locate(text, actor_text)
                sector = str(actor.get("sector") or "")[:3].upper() or None
                actors[(actor_text, code)] = GoldActor(
                    text=actor_text,
                    start=start,
                    end=start + len(actor_text) if start is not None else None,
                    country=code[:3].upper(),
                    sector=None if sector in (None, "***") else sector,
                )
    date_text = str(record.get("date") or "")
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        date = None
    return GoldSentence(str(record.get("id")), text, date, tuple(actors.values()))


def _locate(text: str, fragment: str) -> int | None:
    found = text.find(fragment)
    if found < 0:
        found = text.lower().find(fragment.lower())
    return found if found >= 0 else None
