"""Drivers: the reasons a text gives for an actor's conduct, read from the same parse as events.

Analysts explain relations by motives: Iran backs stability under the Taliban *because of*
the ISIS-K threat, refugee flows, the Afghan market and shared water. No event coder records
that layer; this module does, from cue words kept in ``data/drivers.yaml``:

* **fear** — "Tehran fears that ...", "a direct security threat to Iran", "identifies the
  Takfiris as a top security challenge";
* **interest** — "Iran seeks to secure its water rights", "Iran's commercial interests",
  "has provided Iran with a major opportunity";
* **reason** — "Iran views the Afghan government's stance as a major factor in ...", "this
  concern has driven Tehran to ...", "because of ...".

The *actor* is whoever holds the fear, interest or reason (the subject of the cue verb, the
possessor of the cue noun, the actor a threat is "to"); *toward* is another actor the clause
names (the object of a perception, an actor inside the stated driver), else nothing here (the
caller may fill it from the paragraph). A pure function of a parsed sentence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from detente.events.modality import read_modality
from detente.events.ontology import EventType
from detente.events.parse import tokens_among
from detente.events.version import code_version
from detente.model import Driver, Event, Mention
from detente.nlp.timex import TimeSpan

DRIVER_EXTRACTOR = "detente-drivers"

_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class DriverCues:
    verbs: dict[str, str]  # lemma -> kind
    nouns: dict[str, str]
    adjectives: dict[str, str]
    markers: frozenset[str]
    perception_verbs: frozenset[str]

    @property
    def words(self) -> frozenset[str]:
        """Every cue word, for the sentence pre-filter (inflections are close enough:
        the filter reads lower-cased words, so plural nouns are listed by the caller)."""
        return frozenset({*self.verbs, *self.nouns, *self.adjectives, *self.markers})

    @property
    def lemmas(self) -> frozenset[str]:
        """Every lemma that can make a token a cue, whatever its part of speech."""
        return frozenset({*self.verbs, *self.nouns, *self.adjectives, *self.perception_verbs})


@cache
def driver_cues() -> DriverCues:
    text = files("detente.events").joinpath("data/drivers.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for kind in ("fear", "interest", "reason"):
        for lemma in raw[kind].get("verbs", []):
            verbs.setdefault(str(lemma), kind)
        for lemma in raw[kind].get("nouns", []):
            nouns.setdefault(str(lemma), kind)
        for lemma in raw[kind].get("adjectives", []):
            adjectives.setdefault(str(lemma), kind)
    return DriverCues(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        markers=frozenset(str(m) for m in raw["reason"].get("markers", [])),
        perception_verbs=frozenset(str(v) for v in raw["perception_verbs"]),
    )


@dataclass(frozen=True, slots=True)
class DriverContext:
    doc_id: str
    index: int
    time: TimeSpan | None
    offset: int = 0  # the sentence's start in the document


@dataclass(frozen=True, slots=True)
class _Found:
    actor: Mention
    toward: Mention | None
    kind: str
    cue: Any  # the cue token
    statement: Any  # the token whose subtree states the driver
    leave_out: Any = None  # a part of that subtree that is not the driver ("as a factor in")


def read_drivers(
    doc: Any, actors: dict[int, list[Mention]], context: DriverContext
) -> list[Driver]:
    """The driver statements of one parsed sentence whose actor mentions are merged tokens.

    Contexts are left empty here; the caller assigns them from the sentence and paragraph.
    """
    cues = driver_cues()
    found: dict[tuple[str, str | None, str], Driver] = {}
    for item in _find(doc, actors, cues):
        driver = _record(item, doc, context)
        key = (driver.actor_id, driver.toward_id, driver.kind)
        if key not in found or found[key].confidence < driver.confidence:
            found[key] = driver
    return list(found.values())


def _find(doc: Any, actors: dict[int, list[Mention]], cues: DriverCues) -> Iterator[_Found]:
    for i in tokens_among(doc, cues.lemmas, ("LEMMA",)):
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.i in actors:
            continue
        if token.pos_ in ("VERB", "AUX") and lemma in cues.perception_verbs:
            yield from _perception(token, actors, cues)
        if token.pos_ == "VERB" and lemma in cues.verbs:
            yield from _verb_cue(token, cues.verbs[lemma], actors)
        elif token.pos_ == "NOUN" and lemma in cues.nouns:
            yield from _noun_cue(token, cues.nouns[lemma], actors)
        elif token.pos_ == "ADJ" and lemma in cues.adjectives and token.dep_ == "acomp":
            holder = _first_actor(_children(token.head, _SUBJECTS), actors)
            if holder is not None:
                yield _Found(
                    holder, _toward_in(token, holder, actors), cues.adjectives[lemma], token, token
                )


def _perception(verb: Any, actors: dict[int, list[Mention]], cues: DriverCues) -> Iterator[_Found]:
    """ "Iran views the Afghan government's stance against ISIS as a major factor"."""
    holder = _first_actor(_children(verb, _SUBJECTS), actors)
    if holder is None:
        return
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    # "as" hangs on the verb or, as parsers often have it, on the object
    holders_of_as = [verb, *objects]
    for prep in (
        c for h in holders_of_as for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
    ):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            kind = cues.nouns.get(noun.lemma_.lower())
            if kind is None:
                continue
            toward = None
            for obj in objects:
                toward = _actor_within(obj, actors, exclude=holder)
                if toward is not None:
                    break
            toward = toward or _toward_in(noun, holder, actors)
            # The driver is what is perceived ("the government's stance against ISIS"), not
            # what it is perceived as ("a factor in rapprochement").
            yield _Found(holder, toward, kind, noun, objects[0] if objects else noun, prep)


def _verb_cue(verb: Any, kind: str, actors: dict[int, list[Mention]]) -> Iterator[_Found]:
    if kind == "reason":
        # "This concern has driven Tehran to build barriers": the actor is the one driven.
        for obj in _children(verb, ("dobj",)):
            holder = _first_actor([obj], actors)
            if holder is not None:
                # what it drove the actor to do, else the cause named as subject
                done = _children(verb, ("xcomp", "advcl", "ccomp")) or _children(verb, ("nsubj",))
                yield _Found(
                    holder, _toward_in(verb, holder, actors), kind, verb, done[0] if done else verb
                )
        # "driven by security concerns": the passive subject is the one driven; "cooperation
        # between Tehran and Dushanbe, which is driven by shared concerns over ISIS-K": the
        # relative clause's antecedent holds it, each of its actors.
        holders = [h for h in [_first_actor(_children(verb, ("nsubjpass",)), actors)] if h]
        if not holders and verb.dep_ == "relcl":
            holders = _antecedent_actors(verb.head, actors)
        agent = [o for a in _children(verb, ("agent",)) for o in _children(a, ("pobj",))]
        cues = driver_cues()
        stated = agent[0] if agent else verb
        felt = cues.nouns.get(stated.lemma_.lower(), kind) if agent else kind
        for holder in holders:
            yield _Found(holder, _toward_in(stated, holder, actors), felt, verb, stated)
        return
    holder = _first_actor(_children(verb, ("nsubj",)), actors)
    if holder is None:
        return
    complements = _children(verb, ("ccomp", "xcomp", "dobj"))
    statement = complements[0] if complements else verb
    yield _Found(holder, _toward_in(verb, holder, actors), kind, verb, statement)


def _noun_cue(noun: Any, kind: str, actors: dict[int, list[Mention]]) -> Iterator[_Found]:
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        return  # "sees X as a threat": a perception, read by _perception
    holder: Mention | None = None
    if kind == "fear":
        # "a direct security threat to Iran", "concern for Tehran", "pose a threat to X"
        bearers = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
        for prep in (
            c
            for bearer in bearers
            for c in bearer.children
            if c.dep_ == "prep" and c.lower_ in ("to", "for")
        ):
            holder = _first_actor(_children(prep, ("pobj",)), actors)
            if holder is not None:
                break
    if holder is None:
        # "Iran's commercial interests", "Tehran's concern"
        holder = _first_actor(_children(noun, ("poss",)), actors)
    if holder is None and kind == "fear" and noun.dep_ == "dobj":
        # "Iran concluded that ISIS-K posed a threat": the one who says so fears the poser.
        clause = noun.head
        if clause.dep_ in ("ccomp", "xcomp") and clause.head.pos_ in ("VERB", "AUX"):
            holder = _first_actor(_children(clause.head, ("nsubj",)), actors)
            poser = _first_actor(_children(clause, ("nsubj",)), actors)
            if holder is not None and poser is not None and poser.actor_id != holder.actor_id:
                yield _Found(holder, poser, kind, noun, clause)
                return
            holder = None
    if holder is None and noun.dep_ in ("dobj", "pobj", "attr"):
        # "has provided Iran with a major opportunity": the actor the clause gives it to
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.pos_ in ("VERB", "AUX"):
            holder = _first_actor(_children(verb, ("dobj", "dative")), actors)
            if holder is None and kind != "fear":
                holder = _first_actor(_children(verb, ("nsubj",)), actors)
    if holder is None:
        return
    yield _Found(holder, _toward_in(noun, holder, actors), kind, noun, noun)


# -- records ----------------------------------------------------------------------------------


def _record(item: _Found, doc: Any, context: DriverContext) -> Driver:
    modality = read_modality(item.cue)
    summary = _phrase(item.statement, item.leave_out)
    time = context.time
    key = f"{context.doc_id}|{context.index}|{item.actor.actor_id}|{item.kind}|{item.cue.i}"
    confidence = 0.75 * (0.5 + 0.5 * item.actor.confidence)
    if modality.hedged:
        confidence *= 0.8
    return Driver(
        id=hashlib.sha256(key.encode()).hexdigest()[:16],
        doc_id=context.doc_id,
        sentence=context.index,
        actor_id=str(item.actor.actor_id),
        toward_id=item.toward.actor_id if item.toward else None,
        toward_origin="sentence" if item.toward else "none",
        kind=item.kind,
        cue=item.cue.text,
        summary=summary,
        contexts=(),
        modality=modality.value,
        asserted_by=modality.asserted_by,
        time_start=time.start if time else None,
        time_end=time.end if time else None,
        time_precision=str(time.precision) if time else None,
        time_text=time.text if time else None,
        confidence=round(confidence, 3),
        extractor=DRIVER_EXTRACTOR,
        extractor_version=code_version(),
        cue_start=context.offset + item.cue.idx,
        cue_end=context.offset + item.cue.idx + len(item.cue.text),
    )


def threat_relations(drivers: Sequence[Driver], relation: EventType) -> list[Event]:
    """A fear of another actor is also a hostile relation between the two: "Iran concluded
    that ISIS-K posed a threat" is a negative relation-state event from Iran toward ISIS-K,
    with the same sentence as evidence. Only when the sentence names the other actor."""
    out = []
    for driver in drivers:
        if driver.kind != "fear" or driver.toward_id is None or driver.toward_origin != "sentence":
            continue
        key = f"{driver.doc_id}|{driver.sentence}|{driver.actor_id}|threat|{driver.toward_id}"
        out.append(
            Event(
                id=hashlib.sha256(key.encode()).hexdigest()[:16],
                doc_id=driver.doc_id,
                sentence=driver.sentence,
                source_id=driver.actor_id,
                target_id=driver.toward_id,
                type="RELATION",
                cameo_root=relation.cameo_root,
                quad_class=relation.quad_class,
                intensity=-3.0,
                polarity=-1,
                modality=driver.modality,
                hedged=False,
                asserted_by=driver.asserted_by,
                reciprocal=False,
                time_start=driver.time_start,
                time_end=driver.time_end,
                time_precision=driver.time_precision,
                time_text=driver.time_text,
                time_origin="sentence" if driver.time_text else "document",
                trigger_start=driver.cue_start,
                trigger_end=driver.cue_end,
                source_start=None,
                source_end=None,
                target_start=None,
                target_end=None,
                confidence=driver.confidence,
                extractor=DRIVER_EXTRACTOR,
                extractor_version=code_version(),
                trace=json.dumps({"pattern": f"threat perception/{driver.cue}"}),
                contexts=driver.contexts,
            )
        )
    return out


def _phrase(token: Any, leave_out: Any = None) -> str:
    """The words of a token's subtree, as written, without ``leave_out``'s subtree."""
    skipped = {t.i for t in leave_out.subtree} if leave_out is not None else set()
    words = sorted((t for t in token.subtree if t.i not in skipped), key=lambda t: t.i)
    text = "".join(t.text_with_ws for t in words).strip()
    return text if len(text) > 3 else str(token.sent.text).strip()


# -- helpers over the parse -------------------------------------------------------------------


def _children(token: Any, deps: Sequence[str]) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _first_actor(tokens: Sequence[Any], actors: dict[int, list[Mention]]) -> Mention | None:
    for token in tokens:
        found = _actor_within(token, actors, exclude=None, depth=2)
        if found is not None:
            return found
    return None


def _actor_within(
    token: Any, actors: dict[int, list[Mention]], *, exclude: Mention | None, depth: int = 4
) -> Mention | None:
    """The nearest actor at or below a token (breadth first), other than ``exclude``."""
    frontier = [token]
    for _ in range(depth):
        for node in sorted(frontier, key=lambda t: t.i):
            for mention in actors.get(node.i, ()):
                if mention.actor_id and (exclude is None or mention.actor_id != exclude.actor_id):
                    return mention
        frontier = [c for node in frontier for c in node.children]
        if not frontier:
            break
    return None


def _antecedent_actors(noun: Any, actors: dict[int, list[Mention]]) -> list[Mention]:
    """The actors a relative clause's antecedent names: itself and its conjuncts ("Tehran and
    Dushanbe"), or those "between" which it holds."""
    found = [m for t in (noun, *noun.conjuncts) for m in actors.get(t.i, ()) if m.actor_id]
    if not found:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
            for obj in _children(prep, ("pobj",)):
                found += [
                    m for t in (obj, *obj.conjuncts) for m in actors.get(t.i, ()) if m.actor_id
                ]
    return list({m.actor_id: m for m in found}.values())


def _toward_in(token: Any, holder: Mention, actors: dict[int, list[Mention]]) -> Mention | None:
    """Another actor inside the statement (the cue's own phrase), else in the sentence."""
    inside = _actor_within(token, actors, exclude=holder, depth=6)
    if inside is not None:
        return inside
    for index in sorted(actors):
        for mention in actors[index]:
            if mention.actor_id and mention.actor_id != holder.actor_id:
                return mention
    return None
