"""The records that pass between stages.

Each stage reads the records of the stage before it and produces its own; none reaches back.
They are frozen so that a record, once made, means the same thing wherever it travels
(a worker process, a Parquet file, the store).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

_Record = TypeVar("_Record", bound=type)


def _pickled_by_fields(cls: _Record) -> _Record:
    """Pickle a record as its class and field values, rebuilt by its constructor.

    Records cross process boundaries by the thousand (documents to extraction workers, their
    mentions and events back), and the per-object ``__getstate__``/``__setstate__`` that
    slotted dataclasses get cost several times more than the values themselves.
    """
    names = [f.name for f in fields(cls)]
    if len(names) < 2 or not all(f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: every field, two at least, must be an __init__ argument")
    values = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


class DateOrigin(StrEnum):
    """Where a document's publication date came from, so users know how far to trust it."""

    METADATA = "metadata"  # the source said so: HTML meta, feed entry, JSONL field
    USER = "user"  # given on the command line with --published
    TEXT_ESTIMATE = "text-estimate"  # a lower bound: the latest explicit date the text mentions
    UNKNOWN = "unknown"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, addressed by its position so evidence can cite it."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned text with its metadata, identified by a hash of its normalised text."""

    id: str
    text: str
    origin: str  # path or URL it was read from
    title: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None  # outlet or collection name
    published: dt.date | None = None
    date_origin: DateOrigin = DateOrigin.UNKNOWN
    sentences: tuple[Sentence, ...] = field(default=())
    # what the document declares itself to be when it is no report: opinion, analysis, blog
    # (ingest/data/genres.yaml); None for a report, or when it does not say
    genre: str | None = None

    @property
    def published_is_estimate(self) -> bool:
        return self.date_origin is DateOrigin.TEXT_ESTIMATE


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that names an actor, and how detente knew which one.

    ``start``/``end`` are offsets into the document text. ``actor_id`` is None for a span
    recognised as a name but left unresolved (an ambiguous name without context).
    """

    sentence: int
    start: int
    end: int
    text: str
    actor_id: str | None
    resolution: str  # name, alias, metonym, demonym, role, office, person, coreference, ner,
    # implied and residence (set by the event extractor), place
    sector: str | None = None
    person_id: str | None = None
    confidence: float = 1.0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ActorRecord:
    """An actor as stored: what the views and exports need, without the knowledge base."""

    id: str
    name: str
    kind: str
    country: str | None = None
    cameo_code: str | None = None
    parent_id: str | None = None
    provisional: bool = False


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when, how sure, and the sentence that says so.

    A reciprocal event ("Tehran and Dushanbe signed a pact") is stored once, with its two
    actors in the order the text gives them (the subject first: "the rebels fought IS"), and
    reads the same from either side.
    """

    id: str
    doc_id: str
    sentence: int
    source_id: str | None
    target_id: str | None
    type: str  # a PLOVER type, or RELATION for a relation-state statement
    cameo_root: str | None
    quad_class: int | None
    intensity: float
    polarity: int  # -1, 0, 1
    modality: str  # asserted, negated, reported, future
    hedged: bool
    asserted_by: str | None
    reciprocal: bool
    time_start: dt.date | None
    time_end: dt.date | None
    time_precision: str | None
    time_text: str | None
    time_origin: str  # sentence, paragraph, section, story (a headline), document, none
    trigger_start: int
    trigger_end: int
    source_start: int | None
    source_end: int | None
    target_start: int | None
    target_end: int | None
    confidence: float
    extractor: str
    extractor_version: str
    trace: str  # JSON: which pattern fired, how each actor and the time were found
    contexts: tuple[str, ...] = ()  # PLOVER contexts (economic, migration, ...), nearest first


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Driver:
    """Why an actor acts, as the text states it: a fear, an interest or a reason.

    "Iran fears renewed instability could trigger another wave of refugees" is a fear of Iran
    (toward Afghanistan, the place the text names), in the migration context.
    """

    id: str
    doc_id: str
    sentence: int
    actor_id: str
    toward_id: str | None  # the actor it bears on, when the text says (or the paragraph)
    toward_origin: str  # sentence, paragraph, none
    kind: str  # fear, interest, reason
    cue: str  # the word that made it a driver
    summary: str  # the words that state the driver
    contexts: tuple[str, ...]
    modality: str
    asserted_by: str | None
    time_start: dt.date | None
    time_end: dt.date | None
    time_precision: str | None
    time_text: str | None
    confidence: float
    extractor: str
    extractor_version: str
    cue_start: int = 0  # the cue's character offsets in the document
    cue_end: int = 0
