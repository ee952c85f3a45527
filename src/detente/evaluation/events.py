"""Event extraction scores: event type, (source, target) dyad and (source, type, target) triple.

Each gold sentence is run through the whole extractor (actors, then events) as a
one-sentence document dated by the gold record. Actors are compared at country level (ISO3 or
IGO/NGO/IMG) and at country+sector level ("IRNGOV"). Reciprocal gold events and reciprocal
predictions are compared as unordered pairs, and a reciprocal prediction matches a one-way
gold event in either direction. Type accuracy asks, for each sentence with a gold
event, whether the most confident predicted event has the gold type.

Contexts are scored on gold events that have a ``context`` field, its labels mapped to
detente's context names through the names and aliases of ``contexts.yaml`` (labels with no
counterpart, such as "historical", are counted and left out). Two scores: ``sentence``
assigns contexts to the gold sentence itself with the same function events use
(:func:`detente.events.contexts.assign_contexts`), so it measures the cue lexicon apart from
event extraction; ``event`` takes the contexts of the most confident predicted event (none
when no event was found), so it also pays for missed events. Both compare sets per sentence
and sum over sentences. A gold file may use only some contexts (the PLOVER gold records never
label crime or territory, say): ``sentence_gold_labels`` is the sentence score counting only
predictions of contexts the gold file uses somewhere.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from detente.actors.kb import KnowledgeBase
from detente.evaluation.actors import Score
from detente.evaluation.gold import GoldSentence
from detente.events.contexts import ContextLexicon, assign_contexts, load_contexts
from detente.model import Event

if TYPE_CHECKING:
    from detente.pipeline import Extractor

Triple = tuple[str | None, str, str | None]


@dataclass(slots=True)
class TypeTally:
    gold: int = 0
    correct: int = 0
    predicted: int = 0


@dataclass(slots=True)
class EventEvaluation:
    sentences: int = 0
    with_gold_event: int = 0
    type_correct: int = 0
    # the same, over every act read, kept or not: an act whose other side the text does
    # not name is read (its type is known) but is no event, and is not kept
    type_correct_read: int = 0
    dyad: dict[str, Score] = field(default_factory=lambda: {"country": Score(), "sector": Score()})
    triple: dict[str, Score] = field(
        default_factory=lambda: {"country": Score(), "sector": Score(), "main": Score()}
    )
    per_type: dict[str, TypeTally] = field(default_factory=dict)
    confusions: Counter[str] = field(default_factory=Counter)
    contexts: dict[str, Score] = field(
        default_factory=lambda: {
            "sentence": Score(),
            "event": Score(),
            "sentence_gold_labels": Score(),
        }
    )
    # (assigned to the sentence, gold) per sentence with a gold context
    context_pairs: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)
    with_gold_context: int = 0
    unmapped_contexts: Counter[str] = field(default_factory=Counter)
    per_context: dict[str, Score] = field(default_factory=dict)
    # Sentences where the type or a country triple was missed: what to read to improve.
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.with_gold_event if self.with_gold_event else 0.0

    @property
    def type_accuracy_read(self) -> float:
        """Type accuracy of the acts read, kept or held back for an unnamed side: how well
        the extractor tells the type, apart from whether both sides were named."""
        return self.type_correct_read / self.with_gold_event if self.with_gold_event else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "sentences_with_gold_event": self.with_gold_event,
            "type_accuracy": round(self.type_accuracy, 4),
            "type_accuracy_read": round(self.type_accuracy_read, 4),
            "dyad": {level: s.as_json() for level, s in self.dyad.items()},
            "triple": {level: s.as_json() for level, s in self.triple.items()},
            "per_type": {
                name: {
                    "gold": t.gold,
                    "correct": t.correct,
                    "predicted": t.predicted,
                    "accuracy": round(t.correct / t.gold, 4) if t.gold else None,
                }
                for name, t in sorted(self.per_type.items())
            },
            "most_confused": self.confusions.most_common(15),
            "contexts": {
                "sentences_with_gold_context": self.with_gold_context,
                **{how: score.as_json() for how, score in self.contexts.items()},
                "per_context": {
                    name: score.as_json() for name, score in sorted(self.per_context.items())
                },
                "unmapped_gold_labels": dict(self.unmapped_contexts.most_common()),
            },
            "errors": self.errors,
        }


def evaluate_events(
    extractor: Extractor, gold: Iterable[GoldSentence], kb: KnowledgeBase
) -> EventEvaluation:
    """Events of each gold sentence as ``extractor`` reads it, scored; any extractor that
    implements the pipeline's protocol is scored alike. ``kb`` gives the actors' countries."""
    result = EventEvaluation()
    lexicon = load_contexts()
    for sentence in gold:
        result.sentences += 1
        batch = extractor.run([sentence.as_document()])
        events = [e for e in batch.events if e.type != "RELATION"]
        _score_sentence(kb, sentence, events, result)
        read = events + [e for e in batch.held_back if e.type != "RELATION"]
        best = max(read, key=lambda e: e.confidence, default=None)
        if sentence.events and best is not None and best.type == sentence.events[0].type:
            result.type_correct_read += 1
        _score_contexts(lexicon, sentence, events, result)
    used = frozenset().union(*(labels for _, labels in result.context_pairs))
    for assigned, labels in result.context_pairs:
        _tally(result.contexts["sentence_gold_labels"], set(assigned & used), set(labels))
    return result


def _score_contexts(
    lexicon: ContextLexicon, sentence: GoldSentence, events: list[Event], result: EventEvaluation
) -> None:
    labels = [label for g in sentence.events for label in g.contexts]
    if not labels:
        return
    gold: set[str] = set()
    for label in labels:
        name = lexicon.canonical(label)
        if name is None:
            result.unmapped_contexts[label] += 1
        else:
            gold.add(name)
    if not gold:
        return
    result.with_gold_context += 1
    from_sentence = set(assign_contexts(sentence.text, lexicon=lexicon))
    best = max(events, key=lambda e: e.confidence, default=None)
    result.context_pairs.append((frozenset(from_sentence), frozenset(gold)))
    _tally(result.contexts["sentence"], from_sentence, gold)
    _tally(result.contexts["event"], set(best.contexts) if best else set(), gold)
    for name in gold | from_sentence:
        _tally(
            result.per_context.setdefault(name, Score()),
            from_sentence & {name},
            gold & {name},
        )


def _score_sentence(
    kb: KnowledgeBase, sentence: GoldSentence, events: list[Event], result: EventEvaluation
) -> None:
    gold = sentence.events
    type_ok = True
    if gold:
        result.with_gold_event += 1
        expected = gold[0].type
        tally = result.per_type.setdefault(expected, TypeTally())
        tally.gold += 1
        best = max(events, key=lambda e: e.confidence, default=None)
        if best is not None:
            result.per_type.setdefault(best.type, TypeTally()).predicted += 1
        if best is not None and best.type == expected:
            result.type_correct += 1
            tally.correct += 1
        else:
            type_ok = False
            result.confusions[f"{expected} -> {best.type if best else 'nothing'}"] += 1
    for level in ("country", "sector"):
        gold_triples = {t for g in gold for t in g.triples(level)}
        predicted = {_oriented(_triple(kb, e, level), e, gold_triples) for e in events}
        if level == "country" and (not type_ok or predicted != gold_triples):
            result.errors.append(
                {
                    "id": sentence.id,
                    "text": sentence.text,
                    "gold": sorted(map(_show, gold_triples)),
                    "predicted": [
                        _show(_triple(kb, e, level))
                        for e in sorted(events, key=lambda e: -e.confidence)
                    ],
                    "type_correct": type_ok,
                }
            )
        _tally(result.triple[level], predicted, gold_triples)
        if level == "country":
            # The gold gives each sentence one event: its main one. Events embedded under
            # another event's trigger are scored with all events, not here.
            main = {
                _oriented(_triple(kb, e, level), e, gold_triples)
                for e in events
                if not _embedded(e)
            }
            _tally(result.triple["main"], main, gold_triples)
        _tally(
            result.dyad[level],
            {_dyad(t) for t in predicted},
            {_dyad(t) for t in gold_triples},
        )


def _tally(score: Score, predicted: set[Any], gold: set[Any]) -> None:
    hits = len(predicted & gold)
    score.correct += hits
    score.found += hits
    score.predicted += len(predicted)
    score.gold += len(gold)


def _show(triple: Triple) -> str:
    source, kind, target = triple
    return f"{source or '-'} {kind} {target or '-'}"


def _dyad(triple: Triple) -> tuple[str | None, str | None]:
    return (triple[0], triple[2])


def _code(kb: KnowledgeBase, actor_id: str | None, sector: str | None, level: str) -> str | None:
    if actor_id is None or actor_id not in kb.actors:
        return None
    actor = kb.actor(actor_id)
    country = {"igo": "IGO", "ngo": "NGO"}.get(actor.kind) or actor.country or "IMG"
    if level == "country":
        return country
    return country + (sector or actor.sector or "")


def _triple(kb: KnowledgeBase, event: Event, level: str) -> Triple:
    source = _code(kb, event.source_id, _sector_of(event, "source"), level)
    target = _code(kb, event.target_id, _sector_of(event, "target"), level)
    if event.reciprocal and (source or "") > (target or ""):
        source, target = target, source
    return (source, event.type, target)


def _oriented(triple: Triple, event: Event, gold: set[Triple]) -> Triple:
    """A reciprocal event says each side acted on the other, so it matches a gold event
    coded one way ("Sri Lanka established ties with Iran") in either direction."""
    source, kind, target = triple
    if event.reciprocal and triple not in gold and (target, kind, source) in gold:
        return (target, kind, source)
    return triple


def _embedded(event: Event) -> bool:
    return bool(_trace(event.trace).get("embedded"))


def _sector_of(event: Event, side: str) -> str | None:
    trace = _trace(event.trace)
    actor = trace.get(side) or {}
    sector = actor.get("sector")
    return sector if isinstance(sector, str) else None


@lru_cache(maxsize=1024)
def _trace(text: str) -> dict[str, Any]:
    """An event's trace, parsed once: each event is scored at several levels (read only)."""
    parsed: dict[str, Any] = json.loads(text)
    return parsed
