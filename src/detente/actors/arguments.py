"""Actor names typed by users: any known name, alias or id, in any case."""

from __future__ import annotations

import datetime as dt

from detente.actors.kb import KnowledgeBase
from detente.errors import UnknownActorName


def actor_for_argument(kb: KnowledgeBase, text: str, on: dt.date | None = None) -> str:
    """The actor id a user means by ``text`` ("tehran", "ISKP", "iran", "the Taliban")."""
    wanted = text.strip()
    if wanted.lower() in kb.actors:
        return wanted.lower()
    candidates = kb.lookup(wanted, on, ignore_case=True)
    if candidates:
        return candidates[0].actor_id
    nearest = kb.nearest(wanted)
    hint = f"; nearest known names: {', '.join(nearest)}" if nearest else ""
    raise UnknownActorName(f"no actor named {text!r}{hint}")
