"""Why an actor acts as it does toward another: the drivers the corpus states, by context.

An actor's drivers are the fears, interests and reasons the texts give for its conduct
(driver records, see :mod:`detente.events.drivers`), held by the actor or one of its organs
(Iran's intelligence ministry, the IRGC). Toward another actor they are those that bear on it,
its state or its government (toward "the Taliban" also means toward Afghanistan, whose
government it is), its parent group or its branches (ISIS and ISIS-K). Beside them stand the
*grievances*: hostile acts the other actor committed against this one (an attack suffered is
a reason for fear), from the events.

They are grouped by PLOVER context (economic, migration, terrorism, ...) and kind, and ranked
by their evidence: the number of statements, then their confidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from detente.actors.kb import KnowledgeBase
from detente.analysis.evidence import ActorRef, rounded
from detente.store import Store

__all__ = ["DriverGroup", "Drivers", "drivers_of"]

_ORGAN_KINDS = frozenset({"government", "military", "intelligence"})
_HOSTILE_QUADS = (3, 4)
UNSPECIFIED = "unspecified"


@dataclass(slots=True)
class DriverGroup:
    context: str
    kind: str
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def strength(self) -> tuple[int, float]:
        return (len(self.evidence), sum(e["confidence"] or 0.0 for e in self.evidence))

    def as_json(self) -> dict[str, Any]:
        best = max(self.evidence, key=lambda e: e["confidence"] or 0.0)
        return {
            "context": self.context,
            "kind": self.kind,
            "summary": best["summary"],
            "statements": len(self.evidence),
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Drivers:
    actor: ActorRef
    toward: ActorRef | None
    actors: tuple[str, ...]  # the actor and its organs
    towards: tuple[str, ...]  # what "toward" matched
    groups: list[DriverGroup]

    def as_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor.as_json(),
            "toward": self.toward.as_json() if self.toward else None,
            "actor_ids": list(self.actors),
            "toward_ids": list(self.towards),
            "drivers": [g.as_json() for g in self.groups],
        }


def organs_of(kb: KnowledgeBase, actor_id: str) -> list[str]:
    """The actor and the organs that act for it: its government, military and intelligence
    bodies (for a state), and its branches."""
    found = [actor_id, *kb.children(actor_id)]
    if kb.actor(actor_id).kind == "state":
        found += [
            other.id
            for other in kb.actors.values()
            if other.kind in _ORGAN_KINDS and kb.state_of(other.id) == actor_id
        ]
    return list(dict.fromkeys(found))


def related_to(kb: KnowledgeBase, actor_id: str, on: dt.date | None = None) -> list[str]:
    """What "toward this actor" covers: itself, its state or its government, its parent
    group and its branches."""
    actor = kb.actor(actor_id)
    found = [actor_id, *kb.children(actor_id)]
    if actor.parent:
        found.append(actor.parent)
    if actor.kind == "state":
        found.append(kb.government_of(actor_id, on or dt.date.today()))
        found += [
            other.id
            for other in kb.actors.values()
            if other.kind == "government" and kb.state_of(other.id) == actor_id
        ]
    else:
        state = kb.state_of(actor_id)
        if (
            state
            and state != actor_id
            and kb.government_of(state, on or dt.date.today()) == (actor_id)
        ):
            found.append(state)  # the Taliban govern Afghanistan: toward either
    return list(dict.fromkeys(found))


def drivers_of(
    store: Store,
    kb: KnowledgeBase,
    actor_id: str,
    toward_id: str | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Drivers:
    actors = organs_of(kb, actor_id)
    towards = related_to(kb, toward_id, until) if toward_id else []
    rows = store.query_drivers(actors=actors, toward=towards, since=since, until=until)
    items = [_statement(row) for row in rows]
    if toward_id:
        items += _grievances(store, actors, towards, since, until)
    groups: dict[tuple[str, str], DriverGroup] = {}
    for item in items:
        key = (item["context"], item["kind"])
        groups.setdefault(key, DriverGroup(*key)).evidence.append(item)
    ranked = sorted(groups.values(), key=lambda g: g.strength, reverse=True)
    names = {a.id: a.name for a in kb.actors.values() if a.id in {actor_id, toward_id}}
    return Drivers(
        actor=ActorRef(actor_id, names.get(actor_id, actor_id)),
        toward=ActorRef(toward_id, names.get(toward_id, toward_id)) if toward_id else None,
        actors=tuple(actors),
        towards=tuple(towards),
        groups=ranked,
    )


def _statement(row: dict[str, Any]) -> dict[str, Any]:
    return _item(
        row,
        source="statement",
        kind=row["kind"],
        actor={"id": row["actor_id"], "name": row["actor_name"]},
        toward={"id": row["toward_id"], "name": row["toward_name"]},
        toward_origin=row["toward_origin"],
        cue=row["cue"],
        summary=row["summary"],
    )


def _grievances(
    store: Store,
    actors: Iterable[str],
    towards: Iterable[str],
    since: dt.date | None,
    until: dt.date | None,
) -> list[dict[str, Any]]:
    """Hostile acts of the other side against this actor: reasons the events themselves give."""
    out = []
    for other in towards:
        for victim in actors:
            for row in store.query_events(actor=other, other=victim, since=since, until=until):
                if (
                    row["source_id"] == other
                    and row["quad_class"] in _HOSTILE_QUADS
                    and row["modality"] in ("asserted", "reported")
                ):
                    out.append(
                        _item(
                            row,
                            source="event",
                            kind="grievance",
                            actor={"id": row["target_id"], "name": row["target_name"]},
                            toward={"id": row["source_id"], "name": row["source_name"]},
                            toward_origin="sentence",
                            cue=row["type"],
                            summary=f"{row['source_name']} {row['type']} {row['target_name']}",
                        )
                    )
    return out


def _item(row: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """One piece of evidence: a driver statement or a hostile event, in one shape."""
    contexts = list(row.get("contexts") or [])
    return {
        "context": contexts[0] if contexts else UNSPECIFIED,
        "contexts": contexts,
        **fields,
        "modality": row["modality"],
        "asserted_by": row["asserted_by"],
        "time": _time(row),
        "confidence": rounded(row["confidence"] or 0.0),
        "document": row["doc_id"],
        "sentence": row["sentence_idx"],
        "text": row["sentence_text"],
    }


def _time(row: dict[str, Any]) -> dict[str, Any]:
    start, end = row["time_start"], row["time_end"]
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "text": row["time_text"],
    }
