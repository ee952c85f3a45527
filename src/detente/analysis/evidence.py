"""The sentence behind an answer: one shape for every analysis, so a view renders it once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from detente.store import Store

__all__ = [
    "EVENT_FIELDS",
    "EVENT_STRUCT",
    "ActorRef",
    "Evidence",
    "actor_refs",
    "rounded",
    "sentence_texts",
]

#: The event columns evidence needs, in :class:`Evidence` field order (``e`` is an event of
#: :func:`detente.store.event_groups.merged_events_sql`, or a relation that carried its
#: columns through): the document and sentence are those of the report that speaks for it.
EVENT_FIELDS: Final = (
    "e.id, e.type, e.modality, e.hedged, e.polarity, e.intensity, e.source_id, e.target_id, "
    "e.time_start, e.time_end, e.doc_id, e.sentence_idx, e.contexts, e.reports, e.documents"
)
#: The same as a DuckDB struct, for ``list(...)`` aggregates that keep the strongest events.
EVENT_STRUCT: Final = (
    "{'id': e.id, 'type': e.type, 'modality': e.modality, 'hedged': e.hedged, "
    "'polarity': e.polarity, 'intensity': e.intensity, 'source_id': e.source_id, "
    "'target_id': e.target_id, 'time_start': e.time_start, 'time_end': e.time_end, "
    "'doc_id': e.doc_id, 'sentence_idx': e.sentence_idx, 'contexts': e.contexts, "
    "'reports': e.reports, 'documents': e.documents}"
)
_FIELD_NAMES: Final = tuple(name.strip()[2:] for name in EVENT_FIELDS.split(","))


def rounded(value: float) -> float:
    """Six significant digits for JSON: a decayed weight of 1e-6 keeps its sign."""
    return float(f"{value:.6g}")


@dataclass(frozen=True, slots=True)
class ActorRef:
    id: str
    name: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True, slots=True)
class Evidence:
    """An event and its sentence (that of the report speaking for it), with the weight it
    was given in the answer and how many reports and documents tell it."""

    event: str
    type: str
    modality: str
    hedged: bool
    polarity: int
    intensity: float | None
    source: str | None
    target: str | None
    time_start: dt.date | None
    time_end: dt.date | None
    document: str
    sentence: int
    text: str
    weight: float
    contexts: tuple[str, ...] = ()  # the event's PLOVER contexts
    reports: int = 1  # sentences reporting the event (one real event, however often told)
    documents: int = 1  # distinct documents among them

    @classmethod
    def from_row(cls, row: Sequence[Any], text: str, weight: float) -> Evidence:
        """An event as a row of :data:`EVENT_FIELDS`, its sentence and its weight."""
        (event, type_, modality, hedged, polarity, intensity, source, target) = row[:8]
        (time_start, time_end, document, sentence, contexts) = row[8:13]
        reports, documents = (row[13], row[14]) if len(row) > 14 else (1, 1)
        return cls(
            event=event,
            type=type_,
            modality=modality,
            hedged=bool(hedged),
            polarity=int(polarity),
            intensity=None if intensity is None else float(intensity),
            source=source,
            target=target,
            time_start=time_start,
            time_end=time_end,
            document=document,
            sentence=int(sentence),
            text=text,
            weight=float(weight),
            contexts=tuple(contexts or ()),
            reports=int(reports or 1),
            documents=int(documents or 1),
        )

    @classmethod
    def from_struct(cls, item: Mapping[str, Any], text: str, weight: float) -> Evidence:
        """An event as an :data:`EVENT_STRUCT` value."""
        return cls.from_row([item.get(name) for name in _FIELD_NAMES], text, weight)

    def as_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "type": self.type,
            "modality": self.modality,
            "hedged": self.hedged,
            "polarity": self.polarity,
            "intensity": self.intensity,
            "weight": rounded(self.weight),
            "source": self.source,
            "target": self.target,
            "time": {
                "start": self.time_start.isoformat() if self.time_start else None,
                "end": self.time_end.isoformat() if self.time_end else None,
            },
            "document": self.document,
            "sentence": self.sentence,
            "text": self.text,
            "contexts": list(self.contexts),
            "reports": self.reports,
            "documents": self.documents,
        }


def actor_refs(store: Store, ids: Sequence[str]) -> dict[str, ActorRef]:
    """Id and display name of each actor (the id itself when the store has no name)."""
    wanted = sorted(set(ids))
    names = dict(
        store.fetch(
            "SELECT id, name FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
        )
    )
    return {i: ActorRef(i, str(names.get(i) or i)) for i in wanted}


def sentence_texts(store: Store, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The text of each (document, sentence index).

    Two steps in one query: find the rows by their key reading only the key columns, then
    read the text of those rows alone, far cheaper on a large store than a join that reads
    every sentence's text.
    """
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = store.fetch(
        f"""
        SELECT s.doc_id, s.idx, s.text FROM sentences s
        WHERE {store.row_key("sentences", "s")} IN (
            SELECT {store.row_key("sentences", "k")} FROM sentences k
            JOIN (SELECT unnest($docs::VARCHAR[]) AS doc_id, unnest($idxs::INTEGER[]) AS idx) w
              ON k.doc_id = w.doc_id AND k.idx = w.idx
        )
        """,
        {"docs": [d for d, _ in wanted], "idxs": [i for _, i in wanted]},
    )
    return {(r[0], int(r[1])): str(r[2]) for r in rows}
