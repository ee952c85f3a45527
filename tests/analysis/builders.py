"""Stores of hand-made events, written through the store's own writers, for analysis tests.

Each event gets its own sentence (written for these tests) in one document, so evidence
joins work exactly as on a store the pipeline filled.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

from detente.events.ontology import load_ontology
from detente.model import ActorRecord, DateOrigin, Document, Event, Sentence
from detente.store import Store

_ONTOLOGY = load_ontology()
_COUNTER = itertools.count()


@dataclass(frozen=True)
class Spec:
    """An event as a test writes it: who, what, to whom, when, how said."""

    source: str | None
    type: str
    target: str | None
    start: str | None = None
    end: str | None = None
    polarity: int | None = None  # for RELATION; PLOVER types take the ontology's
    intensity: float | None = None  # default: the ontology's (RELATION: 3 × polarity)
    modality: str = "asserted"
    hedged: bool = False
    text: str | None = None
    trace: str = "{}"  # JSON, as the extractor writes it ({"trigger": ..., "modality_cue": ...})
    reciprocal: bool = False
    origin: str | None = None  # where the time came from; default: sentence (or none)
    precision: str | None = None  # day, month, year, decade; default: day
    confidence: float = 0.8


def event(
    source: str | None,
    type_: str,
    target: str | None,
    start: str | None = None,
    end: str | None = None,
    **extra: object,
) -> Spec:
    return Spec(source, type_, target, start, end, **extra)  # type: ignore[arg-type]


def write_store(path: Path, specs: list[Spec], *, published: str = "2024-06-01") -> Path:
    """A store at ``path`` holding one document with one sentence per event."""
    texts = [
        s.text or f"Test sentence {n}: {s.source or 'someone'} and {s.target or 'someone'}."
        for n, s in enumerate(specs)
    ]
    sentences, offset = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence(index, index, offset, offset + len(text), text))
        offset += len(text) + 2
    doc_id = f"testdoc{next(_COUNTER):09d}"
    document = Document(
        id=doc_id,
        text="\n\n".join(texts),
        origin="test",
        title="Analysis test document",
        published=dt.date.fromisoformat(published),
        date_origin=DateOrigin.METADATA,
        sentences=tuple(sentences),
    )
    events = [_event(doc_id, n, spec) for n, spec in enumerate(specs)]
    actor_ids = sorted({a for s in specs for a in (s.source, s.target) if a})
    actors = [ActorRecord(a, a.replace("-", " ").title(), "state") for a in actor_ids]
    with Store.open(path) as store:
        store.write_documents([document])
        store.write_extraction([doc_id], [(doc_id, [])], actors, events, version="test")
    return path


def _event(doc_id: str, index: int, spec: Spec) -> Event:
    kind = _ONTOLOGY[spec.type]
    polarity = spec.polarity if spec.polarity is not None else kind.polarity or 0
    intensity = spec.intensity
    if intensity is None:
        intensity = 3.0 * polarity if spec.type == "RELATION" else kind.intensity
    start = dt.date.fromisoformat(spec.start) if spec.start else None
    end = dt.date.fromisoformat(spec.end) if spec.end else start
    return Event(
        id=f"{doc_id}-{index:04d}",
        doc_id=doc_id,
        sentence=index,
        source_id=spec.source,
        target_id=spec.target,
        type=spec.type,
        cameo_root=kind.cameo_root,
        quad_class=kind.quad_class,
        intensity=float(intensity),
        polarity=polarity,
        modality=spec.modality,
        hedged=spec.hedged,
        asserted_by=None,
        reciprocal=spec.reciprocal,
        time_start=start,
        time_end=end,
        time_precision=(spec.precision or "day") if start else None,
        time_text=None,
        time_origin=spec.origin or ("sentence" if start else "none"),
        trigger_start=0,
        trigger_end=1,
        source_start=None,
        source_end=None,
        target_start=None,
        target_end=None,
        confidence=spec.confidence,
        extractor="test",
        extractor_version="1",
        trace=spec.trace,
    )
