"""Events of whole documents: choose the sentences worth parsing, parse them in one batch,
extract. A pure function of the documents, their mentions and the lexicon.

Parsing is the slow step, so only sentences that can hold an event are parsed: those with an
actor and a trigger word, or two actors and a relation word. Over-long sentences (flattened
tables, run-on scrapes) are skipped and counted rather than parsed.

Each event then gets its PLOVER contexts (:func:`detente.events.contexts.assign_contexts`)
from its own sentence, or from its paragraph when the sentence cues none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from detente.events.contexts import ContextLexicon, assign_contexts, load_contexts
from detente.events.drivers import DriverContext, driver_cues, read_drivers, threat_relations
from detente.events.extract import EventExtractor, PriorAct, SentenceContext
from detente.events.lexicon import inflections
from detente.events.modality import modality_cues
from detente.events.parse import merge_mentions, parse_sentences, tokens_among
from detente.model import Document, Driver, Event, Mention, Sentence
from detente.nlp.timex import TimeSpan, document_span, find_time_expressions, resolve_times

MAX_SENTENCE_WORDS = 150

# Proposes mentions of actors the knowledge base lacks, from a parsed sentence:
# (parsed sentence, sentence index, its offset in the document, known mentions) -> new ones.
Proposer = Callable[[Any, int, int, Sequence[Mention]], list[Mention]]
_SUBJECT_GAP_WORDS = 2  # "Le Drian said", "Le Drian on Friday said", "Iran's minister said"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(slots=True)
class ExtractionReport:
    documents: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    # acts read whose other side the text does not name, by type: not events, not stored
    held_back: Counter[str] = field(default_factory=Counter)

    def merge(self, other: ExtractionReport) -> None:
        self.documents += other.documents
        self.sentences += other.sentences
        self.parsed += other.parsed
        self.events += other.events
        self.skipped.update(other.skipped)
        self.held_back.update(other.held_back)

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
        held = sum(self.held_back.values())
        return (
            f"{self.events} events from {self.parsed} of {self.sentences} sentences parsed"
            + (f" (not parsed: {skipped})" if skipped else "")
            + (f"; {held} acts with a side the text does not name, not kept" if held else "")
        )


@dataclass(frozen=True, slots=True)
class _Candidate:
    document: Document
    sentence: Sentence
    mentions: list[Mention]
    context: SentenceContext
    paragraph: tuple[Sentence, ...]  # the sentences of its paragraph, for contexts and drivers
    paragraph_text: str
    # an unparsed line before it that gave the floor to someone ("X said:"), and to whom
    # (None: to someone who is no actor, whose "we" is nobody's)
    floor_given: bool = False
    introduced_speaker: Mention | None = None


def extract_events(
    documents: Sequence[Document],
    mentions: dict[str, list[Mention]],
    *,
    nlp: Any,
    extractor: EventExtractor,
    proposer: Proposer | None = None,
    places: dict[str, list[Mention]] | None = None,
    contexts: ContextLexicon | None = None,
    drivers: list[Driver] | None = None,
    held_back: list[Event] | None = None,
) -> tuple[list[Event], ExtractionReport]:
    """All events of the documents, and what was parsed or skipped and why.

    Mentions a ``proposer`` adds are appended to ``mentions`` so the caller stores them.
    ``places`` (see ``ActorResolver.resolve_with_places``) can tell where an attack struck.
    Each event's ``contexts`` come from its sentence, else its paragraph (``contexts``: the
    context lexicon, the packaged one by default). When a ``drivers`` list is given, the
    driver statements of the parsed sentences (:mod:`detente.events.drivers`) are appended
    to it, read from the same parse. Acts read with a side the text does not name are
    counted in the report and, when a ``held_back`` list is given, appended to it.
    """
    contexts = contexts or load_contexts()
    report = ExtractionReport(documents=len(documents))
    candidates: list[_Candidate] = []
    places_of: dict[tuple[str, int], list[Mention]] = {}
    for doc_id, found_places in (places or {}).items():
        for place in found_places:
            places_of.setdefault((doc_id, place.sentence), []).append(place)
    vocabulary = extractor.lexicon.surface_forms() | extractor.lexicon.relation_words
    if drivers is not None:
        vocabulary |= _inflected(driver_cues().words)
    introducing = _introducing_words()
    for document in documents:
        floor_given, introduced = False, None
        paragraphs: dict[int, list[Sentence]] = {}
        for each in document.sentences:
            paragraphs.setdefault(each.paragraph, []).append(each)
        paragraph_texts = {k: " ".join(s.text for s in v) for k, v in paragraphs.items()}
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions.get(document.id, []):
            if mention.actor_id:
                by_sentence.setdefault(mention.sentence, []).append(mention)
        times = resolve_times(
            [(s.paragraph, s.text) for s in document.sentences], document.published
        )
        section: TimeSpan | None = None
        # What a sentence's events fall back to when its expressions date other clauses:
        # the paragraph's latest time before it, else the publication date.
        document_time = document_span(document.published)
        paragraph_time: tuple[TimeSpan | None, str] = document_time
        current_paragraph = -1
        for sentence, (time, origin) in zip(document.sentences, times, strict=True):
            report.sentences += 1
            if _is_heading(sentence, paragraphs[sentence.paragraph]):
                section = None
            if sentence.paragraph != current_paragraph:
                current_paragraph, paragraph_time = sentence.paragraph, document_time
            fallback = paragraph_time
            if origin == "sentence" and not _to_come(time, document.published):
                # "over the next three years" dates no narrative after it
                section, paragraph_time = time, (time, "paragraph")
            found = by_sentence.get(sentence.index, [])
            why = _why_not(sentence, found, vocabulary)
            if why:
                report.skipped[why] += 1
                if _gives_the_floor(sentence, introducing):
                    floor_given, introduced = True, found[0] if found else None
                elif found and (speaking := _speaking_subject(sentence, found, introducing)):
                    floor_given, introduced = True, speaking
                continue
            expressions: tuple[TimeSpan, ...] = ()
            if origin == "sentence":
                expressions = tuple(find_time_expressions(sentence.text, document.published))
            context = SentenceContext(
                document.id,
                sentence.index,
                sentence.start,
                time,
                origin,
                section_time=section,
                published=document.published,
                expressions=expressions,
                fallback_time=fallback[0],
                fallback_origin=fallback[1],
            )
            candidates.append(
                _Candidate(
                    document,
                    sentence,
                    found,
                    context,
                    tuple(paragraphs[sentence.paragraph]),
                    paragraph_texts[sentence.paragraph],
                    floor_given,
                    introduced,
                )
            )
            floor_given, introduced = False, None
    events: list[Event] = []
    parsed = parse_sentences(nlp, [c.sentence.text for c in candidates])
    antecedent: Mention | None = None
    speaker: Mention | None = None
    person: Mention | None = None
    prior: list[PriorAct] = []
    opponents: dict[str, Mention] = {}
    attackers: dict[str, tuple[Mention, ...]] = {}
    seen: dict[tuple[int | None, str | None], Mention] = {}  # the document's mentions so far
    # sentences with a de-escalation whose opponent may be named later in the document
    pending: list[_Pending] = []
    document_start = 0  # where the current document's events begin in ``events``
    current_document = ""
    for candidate, doc in zip(candidates, parsed, strict=True):
        report.parsed += 1
        if candidate.document.id != current_document:
            events += _opposed_later(extractor, pending, opponents, contexts, report, held_back)
            events[document_start:] = _headline_dated_by_its_story(events[document_start:])
            document_start = len(events)
            current_document, antecedent, speaker = candidate.document.id, None, None
            person = None
            prior, opponents, attackers, seen, pending = [], {}, {}, {}, []
        found = candidate.mentions
        if proposer is not None:
            proposed = proposer(doc, candidate.sentence.index, candidate.sentence.start, found)
            if proposed:
                found = [*found, *proposed]
                mentions.setdefault(candidate.document.id, []).extend(proposed)
        located = places_of.get((candidate.document.id, candidate.sentence.index), [])
        merged = merge_mentions(doc, candidate.sentence.start, [*found, *located])
        actors = {
            i: [m for m in ms if m.resolution != "place"]
            for i, ms in merged.items()
            if any(m.resolution != "place" for m in ms)
        }
        where = {i: ms for i, ms in merged.items() if i not in actors}
        if candidate.floor_given:
            speaker = candidate.introduced_speaker
        index = candidate.sentence.index
        # places too: "shelled Peruvian border posts" is aimed at Peru
        seen.update(((m.start, m.actor_id), m) for ms in merged.values() for m in ms)
        context = dataclasses.replace(
            candidate.context,
            antecedent=antecedent,
            speaker=speaker,
            person=person,
            prior_acts=tuple(prior),
            adversaries=tuple(opponents.items()),
            attackers=tuple(attackers.items()),
        )
        unnamed: list[Event] = []
        sentence_events = _with_contexts(
            extractor.extract(doc, actors, context, where, unnamed), candidate, contexts
        )
        report.held_back.update(e.type for e in unnamed)
        if held_back is not None:
            held_back += unnamed
        if any(_may_find_an_opponent(e, extractor.lexicon.adversary_types) for e in unnamed):
            pending.append(_Pending(candidate, doc, actors, where, context, sentence_events))
        events += sentence_events
        if drivers is not None:
            sentence = candidate.sentence
            where_said = DriverContext(
                candidate.document.id, sentence.index, context.time, sentence.start
            )
            completed = _completed_drivers(
                read_drivers(doc, actors, where_said), candidate, mentions, contexts
            )
            drivers += completed
            events += _new_relations(
                threat_relations(completed, extractor.ontology["RELATION"]), sentence_events
            )
        # acts held back for want of a target were told all the same: "seized the crossing"
        prior += _acts_told([*sentence_events, *unnamed], seen, index)
        opponents.update(_opponents(sentence_events, seen))
        attackers.update(_attackers(sentence_events, seen))
        antecedent = _main_subject(doc, actors) or antecedent
        speaker = _speaker_of(doc, actors) or speaker
        person = _last_person(actors) or person
    events += _opposed_later(extractor, pending, opponents, contexts, report, held_back)
    events[document_start:] = _headline_dated_by_its_story(events[document_start:])
    report.events = len(events)
    return events, report


def _headline_dated_by_its_story(events: list[Event]) -> list[Event]:
    """ "DR Congo expels Rwandan ambassador" over "Kinshasa on Saturday announced it was
    expelling the Rwandan ambassador": a headline names no day, and its act is the one the
    story tells; it takes the day the story gives the same act (same sides and type), where
    it gives one. The document's first sentence is its headline when it has no time of its
    own and the story tells the act again."""
    told: dict[tuple[str | None, str, str | None], Event] = {}
    for event in events:
        if event.sentence > 0 and event.time_origin == "sentence":
            told.setdefault((event.source_id, event.type, event.target_id), event)
    out = []
    for event in events:
        same = told.get((event.source_id, event.type, event.target_id))
        if event.sentence == 0 and event.time_origin == "document" and same is not None:
            trace = json.loads(event.trace)
            trace["time_origin"] = "story"
            event = dataclasses.replace(
                event,
                time_start=same.time_start,
                time_end=same.time_end,
                time_precision=same.time_precision,
                time_text=same.time_text,
                time_origin="story",
                trace=json.dumps(trace, ensure_ascii=False),
            )
        out.append(event)
    return out


def _may_find_an_opponent(event: Event, types: frozenset[str]) -> bool:
    """Whether a held-back act is a de-escalation (or one promised, or an agreement) that an
    opponent named later in the document would complete (see ``_opposed_later``)."""
    if event.source_id is None or event.target_id is not None:
        return False
    if event.type in types or event.type == "AGREE":
        return True
    pattern = str(json.loads(event.trace).get("pattern", ""))
    return any(f"(intent: {kind})" in pattern for kind in types)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A sentence read once, with acts held back for want of a side, as it was read."""

    candidate: _Candidate
    doc: Any
    actors: dict[int, list[Mention]]
    where: dict[int, list[Mention]]
    context: SentenceContext
    events: list[Event]


def _opposed_later(
    extractor: EventExtractor,
    pending: list[_Pending],
    opponents: dict[str, Mention],
    contexts: ContextLexicon,
    report: ExtractionReport,
    held_back: list[Event] | None,
) -> list[Event]:
    """ "The YPG began its withdrawal. ... Turkey launched its offensive against the SDF
    ...": news often names the opponent of a de-escalation after it. Once the document is
    read, its sentences that held back such an act are read again with every opponent the
    document names; the acts that now find one are added (the rest stay held back)."""
    found: list[Event] = []
    everyone = tuple(opponents.items())
    for sentence in pending:
        if dict(sentence.context.adversaries) == opponents:
            continue  # nobody new: the sentence would read the same
        context = dataclasses.replace(sentence.context, adversaries=everyone)
        again = extractor.extract(sentence.doc, sentence.actors, context, sentence.where, [])
        told = {(e.source_id, e.type, e.target_id) for e in sentence.events}
        new = [
            e
            for e in again
            if (e.source_id, e.type, e.target_id) not in told
            and json.loads(e.trace).get("target_rule") == "adversary"
        ]
        found += _with_contexts(new, sentence.candidate, contexts)
        for event in new:
            if report.held_back[event.type] > 0:
                report.held_back[event.type] -= 1
            if held_back is not None:
                same = next(
                    (
                        h
                        for h in held_back
                        if (h.doc_id, h.sentence, h.source_id, h.type)
                        == (event.doc_id, event.sentence, event.source_id, event.type)
                    ),
                    None,
                )
                if same is not None:
                    held_back.remove(same)
    return found


def _with_contexts(
    events: list[Event], candidate: _Candidate, lexicon: ContextLexicon
) -> list[Event]:
    """The events of one sentence with their contexts: the sentence's, else the paragraph's."""
    if not events:
        return events
    sentence = candidate.sentence
    paragraph = candidate.paragraph_text
    return [
        dataclasses.replace(
            event,
            contexts=assign_contexts(
                sentence.text,
                paragraph,
                (event.trigger_start - sentence.start, event.trigger_end - sentence.start),
                lexicon=lexicon,
            ),
        )
        for event in events
    ]


def _completed_drivers(
    found: list[Driver],
    candidate: _Candidate,
    mentions: dict[str, list[Mention]],
    lexicon: ContextLexicon,
) -> list[Driver]:
    """Contexts from the words that state each driver, else its sentence, else its paragraph;
    and, where the sentence names no other actor, the one its paragraph names most."""
    if not found:
        return found
    sentence = candidate.sentence
    paragraph_text = candidate.paragraph_text
    indices = {s.index for s in candidate.paragraph}
    named = Counter(
        m.actor_id
        for m in mentions.get(candidate.document.id, [])
        if m.actor_id and m.sentence in indices
    )
    out = []
    for driver in found:
        contexts = assign_contexts(driver.summary, lexicon=lexicon) or assign_contexts(
            sentence.text, paragraph_text, lexicon=lexicon
        )
        toward, origin = driver.toward_id, driver.toward_origin
        if toward is None:
            others = [(n, a) for a, n in named.items() if a != driver.actor_id]
            if others:
                toward, origin = max(others)[1], "paragraph"
        out.append(
            dataclasses.replace(driver, contexts=contexts, toward_id=toward, toward_origin=origin)
        )
    return out


def _new_relations(found: list[Event], existing: list[Event]) -> list[Event]:
    """Threat relations the extractor's own relation statements do not already give."""
    said = {frozenset({e.source_id, e.target_id}) for e in existing if e.type == "RELATION"}
    return [e for e in found if frozenset({e.source_id, e.target_id}) not in said]


def _inflected(words: frozenset[str]) -> frozenset[str]:
    """Cue lemmas and their regular forms, for the pre-filter that reads words as written."""
    forms = set(words)
    for word in words:
        forms |= {word + "s", word + "es", word + "ed", word + "d", word + "ing"}
        if word.endswith("e"):
            forms.add(word[:-1] + "ing")
    return frozenset(forms)


def _to_come(time: TimeSpan | None, published: dt.date | None) -> bool:
    """Whether a time ends after the document was published: a plan's, not a story's."""
    return time is not None and published is not None and time.end > published


def _is_heading(sentence: Sentence, paragraph: Sequence[Sentence]) -> bool:
    """A paragraph of one short line without final punctuation starts a new section."""
    return (
        len(paragraph) == 1
        and len(sentence.text.split()) <= 12
        and not sentence.text.rstrip().endswith((".", "!", "?", '"', "”"))
    )


# Reactions are no acts a later "the move" refers to.
_REACTIONS = frozenset({"ACCUSE", "PROTEST", "REJECT", "SUPPORT", "RELATION"})


def _acts_told(
    events: Sequence[Event],
    mentions: dict[tuple[int | None, str | None], Mention],
    sentence: int,
) -> list[PriorAct]:
    """The acts of one sentence a later sentence may refer back to, with their doers'
    mentions (from ``mentions``, the document's so far), in the order the sentence tells
    them."""
    acts = []
    for event in sorted(events, key=lambda e: e.trigger_start):
        if event.type in _REACTIONS or event.modality not in ("asserted", "reported"):
            continue
        doer = mentions.get((event.source_start, event.source_id))
        victim = mentions.get((event.target_start, event.target_id))
        if doer is not None or victim is not None:
            doers = (doer,) if doer is not None else ()
            victims = (victim,) if victim is not None else ()
            acts.append(PriorAct(event.type, event.polarity, doers, sentence, victims))
    return acts


def _opponents(
    events: Sequence[Event], seen: dict[tuple[int | None, str | None], Mention]
) -> dict[str, Mention]:
    """Each actor's opponent in one sentence's hostile acts and relations (both sides named,
    said to have happened), the later act of the sentence last: whom a later ceasefire it
    accepts concerns."""
    found: dict[str, Mention] = {}
    for event in sorted(events, key=lambda e: e.trigger_start):
        sides = _told_sides(event, seen) if event.polarity < 0 else None
        if sides is not None:
            source, target = sides
            found[str(source.actor_id)], found[str(target.actor_id)] = target, source
    return found


def _told_sides(
    event: Event, seen: dict[tuple[int | None, str | None], Mention]
) -> tuple[Mention, Mention] | None:
    """The mentions of an event's two sides, for an act said to have happened between two
    different actors; None otherwise."""
    if event.modality not in ("asserted", "reported"):
        return None
    source = seen.get((event.source_start, event.source_id))
    target = seen.get((event.target_start, event.target_id))
    if source is None or target is None or source.actor_id == target.actor_id:
        return None
    return source, target


# Acts of force and threats of it: their doer is who attacks their target
_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "THREATEN"})


def _attackers(
    events: Sequence[Event], seen: dict[tuple[int | None, str | None], Mention]
) -> dict[str, tuple[Mention, ...]]:
    """Each victim's attackers in one sentence's acts of force and threats (both sides named,
    said to have happened): the doers of the sentence's last such act against it ("Eritrea
    and Sudan deployed troops to the border" has two)."""
    acts: dict[tuple[str, int], list[Mention]] = {}
    for event in events:
        sides = _told_sides(event, seen) if event.type in _FORCE_TYPES else None
        if sides is None:
            continue
        source, target = sides
        doers = acts.setdefault((str(target.actor_id), event.trigger_start), [])
        if all(d.actor_id != source.actor_id for d in doers):
            doers.append(source)
    found: dict[str, tuple[Mention, ...]] = {}
    for (victim, _), doers in sorted(acts.items(), key=lambda item: item[0][1]):
        found[victim] = tuple(doers)
    return found


def _main_subject(doc: Any, actors: dict[int, list[Mention]]) -> Mention | None:
    """The actor the sentence is about: the subject of its main verb, when it is an actor.

    The roots are found in the array of labels: building every token to ask its label costs
    more than the rest of this."""
    labels = doc.to_array("DEP").tolist()
    root_label = doc.vocab.strings["ROOT"]
    for root in (doc[i] for i, label in enumerate(labels) if label == root_label):
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and actors.get(child.i):
                return actors[child.i][0]
    return None


def _last_person(actors: dict[int, list[Mention]]) -> Mention | None:
    """The person a sentence names last: whom a later "his" or "her" stands for."""
    for i in sorted(actors, reverse=True):
        for mention in actors[i]:
            if mention.person_id is not None:
                return mention
    return None


def _speaker_of(doc: Any, actors: dict[int, list[Mention]]) -> Mention | None:
    """The actor the sentence quotes or reports: the subject of a verb of saying."""
    speaking = modality_cues().speaking_verbs
    for token in (doc[i] for i in tokens_among(doc, speaking, ("LEMMA",))):
        if token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj" and actors.get(child.i):
                    return actors[child.i][0]
    return None


@cache
def _introducing_words() -> frozenset[str]:
    """The written forms of the verbs of saying ("said", "stated", "told")."""
    return frozenset(
        form for verb in modality_cues().speaking_verbs for form in inflections(verb, "VERB")
    )


def _gives_the_floor(sentence: Sentence, introducing: frozenset[str]) -> bool:
    """Whether a line like "Foreign Office Minister, Tobias Ellwood, said:" introduces what
    follows: statements put the speaker on a line of its own, which holds no event and is
    not parsed, and the "we" of the quoted paragraphs after it is that speaker's (its first
    actor's, or nobody's we know)."""
    if not sentence.text.rstrip().endswith(":"):
        return False
    return any(word in introducing for word in _WORD.findall(sentence.text.lower()))


def _speaking_subject(
    sentence: Sentence, mentions: list[Mention], introducing: frozenset[str]
) -> Mention | None:
    """The actor named just before a verb of saying in a sentence that is not parsed ("Le
    Drian said on Friday that the junta was out of control"): who speaks, and whom a "he"
    or "we" in the next sentences stands for. Read off the words, as the sentence is not
    parsed: the mention that ends within a few words before the verb."""
    text = sentence.text
    for word in _WORD.finditer(text):
        if word.group().lower() not in introducing:
            continue
        before = [
            m
            for m in mentions
            if m.end - sentence.start <= word.start()
            and len(text[m.end - sentence.start : word.start()].split()) <= _SUBJECT_GAP_WORDS
        ]
        if before:
            return before[-1]
    return None


def _why_not(sentence: Sentence, mentions: list[Mention], vocabulary: frozenset[str]) -> str:
    """Empty when the sentence is worth parsing, else the reason it is not."""
    if not mentions:
        return "no actor"
    words = _WORD.findall(sentence.text.lower())
    if len(words) > MAX_SENTENCE_WORDS:
        return f"longer than {MAX_SENTENCE_WORDS} words"
    if not any(word in vocabulary for word in words):
        return "no trigger word"
    return ""
