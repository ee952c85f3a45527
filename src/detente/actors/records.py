"""Actor records for the store, from the knowledge base or from NER proposals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from detente.actors.kb import KnowledgeBase
from detente.actors.proposals import PROVISIONAL_PREFIX
from detente.model import ActorRecord, Mention


def actor_records(
    kb: KnowledgeBase, mentions: Iterable[Mention], on: dt.date | None
) -> list[ActorRecord]:
    """One record per actor the mentions name, with the CAMEO code current on ``on``."""
    records: dict[str, ActorRecord] = {}
    for mention in mentions:
        actor_id = mention.actor_id
        if actor_id is None or actor_id in records:
            continue
        if actor_id.startswith(PROVISIONAL_PREFIX) and actor_id not in kb.actors:
            records[actor_id] = ActorRecord(
                id=actor_id,
                name=mention.text.removeprefix("the "),
                kind="organisation",
                provisional=True,
            )
            continue
        actor = kb.actor(actor_id)
        records[actor_id] = ActorRecord(
            id=actor.id,
            name=actor.name,
            kind=actor.kind,
            country=actor.country,
            cameo_code=actor.cameo_on(on) or actor.cameo_on(None),
            parent_id=actor.parent,
        )
    return list(records.values())
