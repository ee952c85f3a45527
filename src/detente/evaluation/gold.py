"""Reading gold files into sentences with located actor spans.

Supported now: PLOVER gold-standard records (one JSON object per line, with ``text``,
``date`` and ``events[].source_actors`` / ``target_actors``, each ``{actorText, code,
sector}``, and optionally ``events[].context``), as distributed by the Open Event Data Alliance.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from detente.errors import UsageError
from detente.model import DateOrigin, Document
from detente.nlp import split_sentences


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    start: int | None  # None when the actor text does not occur verbatim in the sentence
    end: int | None
    country: str  # ISO3, or IGO / NGO / IMG for bodies with no country
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: its type and its actors' codes (country + sector, e.g. "IRNGOV")."""

    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: bool
    contexts: tuple[str, ...] = ()  # the record's `context` labels as written ("diplomatic")

    def triples(self, level: str) -> set[tuple[str | None, str, str | None]]:
        """(source, type, target) at "country" (3 letters) or "sector" level; reciprocal
        events as ordered pairs with the smaller code first."""

        def code(value: str) -> str:
            return value[:3] if level == "country" else value[:6]

        sources: list[str | None] = [code(s) for s in self.sources] or [None]
        targets: list[str | None] = [code(t) for t in self.targets] or [None]
        out: set[tuple[str | None, str, str | None]] = set()
        if self.reciprocal and not self.targets and len(sources) >= 2:
            for i, a in enumerate(sources):
                for b in sources[i + 1 :]:
                    if a != b:
                        low, high = sorted((a or "", b or ""))
                        out.add((low or None, self.type, high or None))
            return out
        for s in sources:
            for t in targets:
                if self.reciprocal and (s or "") > (t or ""):
                    s, t = t, s
                out.add((s, self.type, t))
        return out


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    date: dt.date | None
    actors: tuple[GoldActor, ...]
    events: tuple[GoldEvent, ...] = ()

    def as_document(self) -> Document:
        """The sentence as a one-sentence document dated by the record, for the extractors."""
        return Document(
            id=self.id,
            text=self.text,
            origin=self.id,
            published=self.date,
            date_origin=DateOrigin.METADATA,
            sentences=split_sentences(self.text),
        )


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


@cache
def legacy_codes() -> dict[str, str]:
    """Pre-ISO country codes of older CAMEO dictionaries, and the ISO code each means."""
    text = resources.files("detente.evaluation").joinpath("data/legacy_codes.yaml").read_text()
    table = yaml.safe_load(text)["legacy_codes"]
    return {str(k).upper(): str(v).upper() for k, v in table.items()}


def _iso(code: str) -> str:
    """A gold actor code with a legacy country prefix replaced ("JAPGOV" -> "JPNGOV")."""
    country = code[:3].upper()
    return legacy_codes().get(country, country) + code[3:]


def _sentence(record: dict[str, object]) -> GoldSentence:
    text = str(record["text"])
    actors: dict[tuple[str, str], GoldActor] = {}
    events = record.get("events") or []
    assert isinstance(events, list)
    for event in events:
        for role in ("source_actors", "target_actors"):
            for actor in event.get(role) or []:
                actor_text = str(actor.get("actorText") or "").strip()
                code = _iso(str(actor.get("code") or ""))
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
    gold_events = []
    for event in events:
        kind = event.get("code_plover_2023") or event.get("code")
        if not kind:
            continue
        gold_events.append(
            GoldEvent(
                type=str(kind).upper(),
                sources=tuple(_iso(str(c)) for c in event.get("source") or [] if c),
                targets=tuple(_iso(str(c)) for c in event.get("target") or [] if c),
                reciprocal=bool(event.get("reciprocal")),
                contexts=_labels(event.get("context")),
            )
        )
    date_text = str(record.get("date") or "")
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        date = None
    return GoldSentence(
        str(record.get("id")), text, date, tuple(actors.values()), tuple(gold_events)
    )


def _labels(value: object) -> tuple[str, ...]:
    """Context labels of a gold event: a list, or one string of comma-separated labels."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return tuple(
        part.strip().lower() for item in items for part in str(item).split(",") if part.strip()
    )


def _locate(text: str, fragment: str) -> int | None:
    found = text.find(fragment)
    if found < 0:
        found = text.lower().find(fragment.lower())
    return found if found >= 0 else None
