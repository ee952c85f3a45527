"""Claim checking: is "Iran supports ISIS-K" supported or contradicted by the store, when, and
by which sentences?

The claim is read by the same extractor as the corpus, into a source, a type, a target and a
sign (a claim of a common shape, "X supports Y", from the extractor's lexicon without a parse,
to the same reading). Each event between the two actors (either direction, and the actors'
forebears) then supports it, contradicts it, or is left out, with a weight
(``data/claims.yaml`` times the modality weight of the ``[analysis]`` configuration). Events
are counted in every year their time span covers, and runs of years that lean the same way
become the answer's periods:

* a year is *supported* when its net weight is positive and some asserted event supports the
  claim, *contradicted* when the net is negative and some asserted event contradicts it; what
  only reports or hedges say is weighed and listed apart, but never decides a year alone;
* the verdict is ``supported`` or ``contradicted`` when every decided period agrees,
  ``mixed`` when they disagree (the periods say when each holds), and
  ``not_enough_evidence`` when none is decided.

The answer says when the evidence behind the verdict comes only from documents that declare
themselves opinion, analysis or blog posts (marked at ingest).

Structural evidence (the signs of the actors' shared partners and enemies: balance theory's
"the enemy of my enemy") is listed beside the verdict as a diagnostic and does not change it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import yaml

from detente.actors.kb import KnowledgeBase
from detente.analysis.evidence import ActorRef, rounded
from detente.analysis.graph import relations
from detente.analysis.scoring import Scoring
from detente.analysis.window import TimeWindow
from detente.config import Settings, load_settings
from detente.errors import ClaimNotUnderstood
from detente.events.modality import modality_cues
from detente.model import DateOrigin, Document, Mention, Sentence
from detente.nlp import split_sentences
from detente.store import Store

__all__ = ["ClaimCheck", "ParsedClaim", "check_claim", "read_claim"]

SUPPORTED, CONTRADICTED, MIXED, UNDECIDED = (
    "supported",
    "contradicted",
    "mixed",
    "not_enough_evidence",
)
EVENT, STATE = "event", "state"  # the two kinds of claim
CHANGE, NEVER, NOT = "change", "never", "not"  # the three kinds of negation


@dataclass(frozen=True, slots=True)
class Phrasing:
    """A way analysts put a claim that the extractor does not read (``data/claims.yaml``)."""

    name: str
    pattern: re.Pattern[str]
    type: str
    polarity: int


@dataclass(frozen=True, slots=True)
class Shape:
    """A claim shape read without a parse (``data/claims.yaml``): ``act`` ("X supports Y",
    "X has not recognised Y") or ``mutual`` ("X and Y are allies")."""

    name: str
    kind: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ToldAs:
    """Acts of ``type`` whose trigger lemma is one of ``lemmas`` are also acts of ``as_type``
    (``told_as`` of ``data/claims.yaml``: a signing, coded SUPPORT, is an agreement)."""

    as_type: str
    type: str
    lemmas: frozenset[str]


@dataclass(frozen=True, slots=True)
class ManagingConflict:
    """Acts that manage a conflict without ending it (``managing_conflict``)."""

    types: frozenset[str] = frozenset()
    talks: frozenset[str] = frozenset()
    agreeing: frozenset[str] = frozenset()
    fighting: frozenset[int] = frozenset({4})
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class ClaimRules:
    evidence_types: dict[str, frozenset[str]]
    weights: dict[str, float]
    decisive_modalities: frozenset[str]
    merge_gap_years: int
    always_state: frozenset[str] = frozenset({"RELATION"})
    state_in_present: frozenset[str] = frozenset()
    past_tags: frozenset[str] = frozenset({"VBD"})
    perfect_auxiliaries: frozenset[str] = frozenset()
    ending: tuple[str, ...] = ()
    resuming: tuple[str, ...] = ()
    reach: int = 3
    never: tuple[str, ...] = ()
    phrasings: tuple[Phrasing, ...] = ()
    shapes: tuple[Shape, ...] = ()
    shape_types: frozenset[str] = frozenset()
    same_form_past: frozenset[str] = frozenset()
    charge_types: frozenset[str] = frozenset()  # charges a denial answers (answered_charges)
    denial_cues: frozenset[str] = frozenset()
    unnamed_deniers: frozenset[str] = frozenset()
    state_evidence: dict[str, dict[str, float]] = field(default_factory=dict)
    formal_acts: frozenset[str] = frozenset()
    told_as: tuple[ToldAs, ...] = ()
    managing: ManagingConflict = ManagingConflict()
    made_when_future: dict[str, frozenset[str]] = field(default_factory=dict)

    def types_of(self, type_: str, lemma: str) -> frozenset[str]:
        """The types an act counts as: its own, and those ``told_as`` gives its lemma."""
        extra = {t.as_type for t in self.told_as if t.type == type_ and lemma in t.lemmas}
        return frozenset({type_, *extra})

    def negation_kind(self, cue: str | None) -> str:
        """``change`` ("no longer", "ceased"), ``never`` ("has not", "never") or ``not``."""
        cue = (cue or "").lower()
        if cue in self.ending:
            return CHANGE
        if cue in self.never:
            return NEVER
        return NOT

    def change_before(self, text: str, position: int) -> str | None:
        """The ending or resuming word that governs the words at ``position`` ("ceased
        supporting", "ended all of its support"), with no punctuation between."""
        changes = sorted((*self.ending, *self.resuming), key=len, reverse=True)
        words = "|".join(re.escape(w) for w in changes)
        found = re.search(
            rf"\b({words})\s+(?:[\w'’-]+\s+){{0,{max(self.reach - 1, 0)}}}$",
            text[:position].lower(),
        )
        return found.group(1) if found else None


@cache
def claim_rules() -> ClaimRules:
    text = files("detente.analysis").joinpath("data/claims.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    kinds, changes = raw["kinds"], raw["changes"]
    return ClaimRules(
        evidence_types={k: frozenset(v) for k, v in raw["evidence_types"].items()},
        weights={k: float(v) for k, v in raw["weights"].items()},
        decisive_modalities=frozenset(raw["decisive_modalities"]),
        merge_gap_years=int(raw["merge_gap_years"]),
        always_state=frozenset(kinds["always_state"]),
        state_in_present=frozenset(kinds["state_in_present"]),
        past_tags=frozenset(kinds["past_tags"]),
        perfect_auxiliaries=frozenset(kinds["perfect_auxiliaries"]),
        ending=tuple(str(w).lower() for w in changes["ending"]),
        resuming=tuple(str(w).lower() for w in changes["resuming"]),
        reach=int(changes["reach"]),
        never=tuple(str(w).lower() for w in raw["never"]),
        phrasings=tuple(_phrasing(row, raw["negation_auxiliaries"]) for row in raw["phrasings"]),
        shapes=tuple(_shape(row, raw["shapes"]) for row in raw["shapes"]["patterns"]),
        shape_types=frozenset(raw["shapes"]["types"]),
        same_form_past=frozenset(raw["shapes"]["same_form_past"]),
        charge_types=frozenset(raw["answered_charges"]["types"]),
        denial_cues=frozenset(str(w).lower() for w in raw["answered_charges"]["cues"]),
        unnamed_deniers=frozenset(str(w).lower() for w in raw["answered_charges"]["unnamed"]),
        state_evidence={
            k: {t: float(w) for t, w in v.items()} for k, v in raw["state_evidence"].items()
        },
        formal_acts=frozenset(str(w).lower() for w in raw["formal_acts"]),
        told_as=tuple(
            ToldAs(str(r["as"]), str(r["type"]), frozenset(str(w) for w in r["lemmas"]))
            for r in raw["told_as"]
        ),
        managing=ManagingConflict(
            types=frozenset(raw["managing_conflict"]["types"]),
            talks=frozenset(raw["managing_conflict"]["talks"]),
            agreeing=frozenset(raw["managing_conflict"]["agreeing"]),
            fighting=frozenset(int(q) for q in raw["managing_conflict"]["fighting"]),
            weight=float(raw["managing_conflict"]["weight"]),
        ),
        made_when_future={
            str(k): frozenset(str(c).lower() for c in v or ())
            for k, v in raw["made_when_future"].items()
        },
    )


def _shape(row: dict[str, Any], section: dict[str, Any]) -> Shape:
    """``{A}``, ``{B}``, ``{AUX}``, ``{NEG}``, ``{VERB}`` and ``{NOUN}`` of a shape as named
    groups of a regular expression over the masked claim."""

    def words(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(section[key], key=len, reverse=True))

    pattern = (
        str(row["pattern"])
        .replace("{A}", "@a")
        .replace("{B}", "@b")
        .replace("{AUX}", f"(?P<aux>{words('auxiliaries')})")
        .replace("{NEG}", f"(?P<neg>{words('negations')})")
        .replace("{VERB}", r"(?P<verb>[a-z][a-z'’-]*)")
        .replace("{NOUN}", r"(?P<noun>[a-z][a-z'’-]*)")
    )
    kind = str(row["kind"])
    if kind not in ("act", "mutual"):
        raise ValueError(f"claims.yaml: shape {row['name']!r} has kind {kind!r}, not act/mutual")
    return Shape(name=str(row["name"]), kind=kind, pattern=re.compile(pattern))


def _phrasing(row: dict[str, Any], auxiliaries: Sequence[str]) -> Phrasing:
    """``{A}``, ``{B}`` and ``{NOT}`` of a phrasing's pattern as regular expressions: the
    actors are masked as ``@a`` and ``@b`` in the claim it is matched against."""
    cues = sorted(modality_cues().negation, key=len, reverse=True)
    negation = "|".join(re.escape(c) for c in cues)
    auxiliary = "|".join(re.escape(a) for a in auxiliaries)
    optional_not = rf"(?:(?P<negaux>(?:{auxiliary}))?\s*(?P<neg>{negation})\s+)?"
    pattern = (
        str(row["pattern"]).replace("{A}", "@a").replace("{B}", "@b").replace("{NOT}", optional_not)
    )
    return Phrasing(
        name=str(row["name"]),
        pattern=re.compile(pattern),
        type=str(row["type"]),
        polarity=int(row["polarity"]),
    )


# -- reading the claim ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRead:
    """A side of the claim named by a person ("Maduro"): the person, and the actor they act
    for, which the claim is read as. The evidence on that side is the actor's, less what
    names another of its people (the rival a contested leader's claim is not about)."""

    side: str  # source, target
    person: ActorRef
    actor: ActorRef
    surface: str

    def as_json(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "person": self.person.as_json(),
            "actor": self.actor.as_json(),
            "surface": self.surface,
        }

    def said(self) -> str:
        return f"{self.surface!r} read as {self.actor.name}, for whom {self.person.name} acts"


@dataclass(frozen=True, slots=True)
class ParsedClaim:
    """A claim as read: who does what to whom, of which kind (``event`` or ``state``).

    ``polarity`` is the sign of the act itself; a negated claim ("Iran no longer supports
    ...") keeps the act's sign, sets ``negated`` and names its ``cue``.
    """

    text: str
    source: ActorRef
    target: ActorRef
    type: str
    polarity: int
    reciprocal: bool
    trigger: str
    kind: str = STATE
    negated: bool = False
    cue: str | None = None
    reading: str = "extractor"
    persons: tuple[PersonRead, ...] = ()
    # the act's lemma ("recognise"), when known: how it was read, not what was claimed
    lemma: str = field(default="", compare=False)

    @property
    def sign(self) -> int:
        """The sign the claim asserts: the act's, reversed when it is negated."""
        return -self.polarity if self.negated else self.polarity

    @property
    def positive(self) -> ParsedClaim:
        """The same claim without its negation: what the evidence is weighed against."""
        return dataclasses.replace(self, negated=False, cue=None)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source.as_json(),
            "type": self.type,
            "target": self.target.as_json(),
            "polarity": self.sign,
            "reciprocal": self.reciprocal,
            "trigger": self.trigger,
            "kind": self.kind,
            "negated": self.negated,
            "negation_cue": self.cue,
            "reading": self.reading,
            "persons": [p.as_json() for p in self.persons],
        }


def read_claim(
    text: str, extraction: Any, on: dt.date | None = None, *, shapes: bool = True
) -> ParsedClaim:
    """The claim as the extractor reads it.

    ``extraction`` is a ``pipeline.Extraction`` or a ``pipeline.ClaimReader``: its knowledge
    base and resolver find the actors. A phrasing of ``data/claims.yaml`` ("X and Y have
    diplomatic relations", "X is at war with Y") reads what the extractor does not; a common
    shape ("X supports Y", "X and Y are allies", "X has not recognised Y") is read from the
    lexicon's trigger words without a parse, as the extractor would read it; anything else
    goes through the whole extractor (``extraction.full()``; always, with ``shapes=False``).
    Raises ClaimNotUnderstood, saying which actors and words were understood, when the claim
    names fewer than two actors or no relation between them.
    """
    said = " ".join(text.split())
    if not said:
        raise ClaimNotUnderstood("the claim is empty")
    claim = said if said[-1] in ".!?" else said + "."
    document = Document(
        id="claim",
        text=claim,
        origin="claim",
        published=on,
        date_origin=DateOrigin.USER,
        sentences=_sentences_of(claim),
    )
    kb: KnowledgeBase = extraction.kb
    rules = claim_rules()
    mentions, _ = extraction.resolver.resolve_with_places(document)
    mentions = [*mentions, *_persons_in_office(claim, mentions, kb, on)]
    masked = _masked(claim, mentions, kb)
    read: ParsedClaim | None = None
    if masked is not None:
        read = _read_phrasing(said, masked, kb, rules)
        if read is None and shapes:
            read = _read_shape(said, claim, masked, mentions, extraction, rules)
    if read is None:
        read = _read_by_extractor(text, claim, document, extraction.full(), rules)
    return _with_persons(read, mentions, kb)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _name_runs(text: str) -> list[tuple[int, int]]:
    """The spans of runs of capitalised words, apart by spaces only: names the resolver
    may have left aside."""
    runs: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        if not word.group()[0].isupper():
            continue
        if runs and not text[runs[-1][1] : word.start()].strip():
            runs[-1] = (runs[-1][0], word.end())
        else:
            runs.append((word.start(), word.end()))
    return runs


def _persons_in_office(
    claim: str, mentions: Sequence[Mention], kb: KnowledgeBase, on: dt.date | None
) -> list[Mention]:
    """Names of people the resolver leaves unresolved for want of context ("Maduro", which
    the knowledge base also knows as a former Honduran president's): a claim has no context
    but its date, so a name whose only reading in office then is one person's reads as the
    actor that person acts for, as a document's context would make it."""
    taken = [(m.start, m.end) for m in mentions if m.actor_id]
    found: list[Mention] = []
    for start, end in _name_runs(claim):
        if any(a < end and start < b for a, b in taken):
            continue
        candidates = [c for c in kb.lookup(claim[start:end], on) if c.how == "person"]
        current = [c for c in candidates if c.in_period is not False]
        if len({(c.actor_id, c.person_id) for c in current}) != 1:
            continue
        chosen = current[0]
        found.append(
            Mention(
                sentence=0,
                start=start,
                end=end,
                text=claim[start:end],
                actor_id=chosen.actor_id,
                resolution="person",
                sector=chosen.sector,
                person_id=chosen.person_id,
                confidence=0.6,
            )
        )
    return found


def _with_persons(read: ParsedClaim, mentions: Sequence[Mention], kb: KnowledgeBase) -> ParsedClaim:
    """The claim with the sides it names by a person ("Trump", "Guaidó") marked."""
    persons = []
    for side, actor in (("source", read.source), ("target", read.target)):
        named = [
            m
            for m in mentions
            if m.actor_id == actor.id and m.resolution == "person" and m.person_id
        ]
        if len({m.person_id for m in named}) != 1 or named[0].person_id not in kb.people:
            continue
        person = kb.person(str(named[0].person_id))
        persons.append(PersonRead(side, ActorRef(person.id, person.name), actor, named[0].text))
    if not persons:
        return read
    # the one-line reading says who was meant: "Venezuela (Juan Guaidó)"
    shown = {p.side: ActorRef(p.actor.id, f"{p.actor.name} ({p.person.name})") for p in persons}
    return dataclasses.replace(
        read,
        source=shown.get("source", read.source),
        target=shown.get("target", read.target),
        persons=tuple(persons),
    )


# Words, spaces and the marks no sentence ends at: a claim of these, then one final mark, is
# one sentence, as the splitter would find, without loading the splitter's tokenizer.
_ONE_SENTENCE = re.compile(r"[^\W_]+(?:[\s,'’&-]+[^\W_]+)*[.!?]")


def _sentences_of(claim: str) -> tuple[Sentence, ...]:
    if _ONE_SENTENCE.fullmatch(claim):
        return (Sentence(0, 0, 0, len(claim), claim),)
    return split_sentences(claim)


def _read_by_extractor(
    text: str, claim: str, document: Document, extraction: Any, rules: ClaimRules
) -> ParsedClaim:
    """The claim read by the whole extractor, parse included."""
    said = " ".join(text.split())
    kb: KnowledgeBase = extraction.kb
    result = extraction.run([document])
    events = result.events
    mentions = [m for _, found in result.mentions for m in found]
    dyadic = [e for e in events if e.source_id and e.target_id]
    if not dyadic:
        actors = sorted({kb.actor(m.actor_id).name for m in mentions if m.actor_id in kb.actors})
        understood = f"actors: {', '.join(actors)}" if actors else "no known actor"
        relation = f"; a relation ({events[0].type}) but not between two actors" if events else ""
        raise ClaimNotUnderstood(
            f"cannot read {text.strip()!r} as a relation between two actors ({understood}"
            f"{relation}); say who does what to whom, e.g. 'Iran supports the Taliban'"
        )
    best = max(dyadic, key=lambda e: e.confidence)
    assert best.source_id and best.target_id
    tense = _tense_of(extraction, claim, best.trigger_start, rules)
    negated = best.modality == "negated"
    trace = json.loads(best.trace)
    return _parsed(
        said,
        claim,
        Act(
            source_id=best.source_id,
            target_id=best.target_id,
            type=best.type,
            polarity=best.polarity or 1,
            reciprocal=best.reciprocal or best.type == "RELATION",
            trigger=str(trace.get("trigger") or ""),
            trigger_start=best.trigger_start,
            negated=negated,
            cue=str(trace.get("modality_cue") or "") or None if negated else None,
            tense=tense,
            lemma=_lemma(trace),
        ),
        kb,
        rules,
    )


@dataclass(frozen=True, slots=True)
class Masked:
    """The claim in lower case with its first two actors as ``@a`` and ``@b``."""

    text: str
    a: str
    b: str
    distinct: int  # how many known actors the claim names


def _masked(claim: str, mentions: Sequence[Any], kb: KnowledgeBase) -> Masked | None:
    known = sorted((m for m in mentions if m.actor_id in kb.actors), key=lambda m: m.start)
    order = list(dict.fromkeys(m.actor_id for m in known))
    if len(order) < 2:
        return None
    masks = {order[0]: "@a", order[1]: "@b"}
    masked = claim
    for mention in sorted(known, key=lambda m: -m.start):
        if mention.actor_id in masks:
            masked = masked[: mention.start] + masks[mention.actor_id] + masked[mention.end :]
    masked = re.sub(r"\bthe (@[ab])\b", r"\1", " ".join(masked.lower().split())).rstrip(".!? ")
    return Masked(masked, order[0], order[1], len(order))


def _read_phrasing(
    text: str, masked: Masked, kb: KnowledgeBase, rules: ClaimRules
) -> ParsedClaim | None:
    """The claim read by the first phrasing that matches it whole, its actors masked."""
    for phrasing in rules.phrasings:
        found = phrasing.pattern.fullmatch(masked.text)
        if found is None:
            continue
        cue = found.group("neg") if "neg" in phrasing.pattern.groupindex else None
        if cue and found.group("negaux") and rules.negation_kind(cue) == NOT:
            # "has not", "have not": the perfect denies the state up to now
            joined = f"{found.group('negaux')} {cue}"
            cue = joined if rules.negation_kind(joined) == NEVER else cue
        source, target = kb.actor(masked.a), kb.actor(masked.b)
        return ParsedClaim(
            text=text,
            source=ActorRef(source.id, source.name),
            target=ActorRef(target.id, target.name),
            type=phrasing.type,
            polarity=phrasing.polarity,
            reciprocal=True,
            trigger="",
            kind=STATE if phrasing.type in rules.always_state else EVENT,
            negated=bool(cue),
            cue=cue or None,
            reading=f"phrasing: {phrasing.name}",
        )
    return None


# -- common shapes, without a parse ----------------------------------------------------------

_DO, _PERFECT = frozenset({"do", "does", "did"}), frozenset({"has", "have", "had"})
_PAST_AUXILIARIES = frozenset({"did", "had"})


@dataclass(frozen=True, slots=True)
class VerbForm:
    """What a word form of a lexicon verb trigger is: its lemma, its one plain reading, and
    whether the form is the base, the present (-s) or the past (or past participle)."""

    lemma: str
    trigger: Any  # events.lexicon.Trigger
    form: str  # base, present, past
    objects: frozenset[str]  # the object lemmas of the lemma's other readings


@lru_cache(maxsize=4)
def _verb_lemmas(lexicon: Any) -> tuple[str, ...]:
    return tuple(sorted({t.lemma for t in lexicon.triggers if t.pos == "VERB"}))


@lru_cache(maxsize=256)
def _verb_form(lexicon: Any, form: str) -> VerbForm | None:
    """What a word form of the lexicon's verb triggers is; None when it is none, or is
    ambiguous (two lemmas, several plain readings, or both present and past: "cut", "hit")."""
    from detente.events.lexicon import inflections

    found = [lemma for lemma in _verb_lemmas(lexicon) if form in inflections(lemma, "VERB")]
    if len(found) != 1 or form.endswith("ing"):
        return None
    lemma = found[0]
    readings = lexicon.triggers_for(lemma, "VERB")
    plain = [t for t in readings if t.particle is None and t.with_object is None]
    present, past = _present_forms(lemma), _past_forms(lemma)
    if len(plain) != 1 or (form in present and form in past):
        return None
    kind = "base" if form == lemma else "present" if form in present else "past"
    objects = frozenset(o for t in readings for o in (t.with_object or ()))
    return VerbForm(lemma, plain[0], kind, objects)


def _present_forms(lemma: str) -> frozenset[str]:
    """The base and the -s form ("support", "supports")."""
    from detente.events.lexicon import inflections

    return frozenset(f for f in inflections(lemma, "NOUN") if f == lemma or f.endswith("s"))


def _past_forms(lemma: str) -> frozenset[str]:
    """The past and past participle forms ("supported", "struck", "stricken")."""
    from detente.events.lexicon import inflections

    present = _present_forms(lemma)
    every = inflections(lemma, "VERB") - {lemma}
    return frozenset(f for f in every if not f.endswith("ing") and f not in present)


def _read_shape(
    said: str,
    claim: str,
    masked: Masked,
    mentions: Sequence[Any],
    extraction: Any,
    rules: ClaimRules,
) -> ParsedClaim | None:
    """The claim read by the first shape it fits whole, with two actors and no other; None
    when none fits or the words leave a doubt (the whole extractor then reads it)."""
    if masked.distinct != 2 or masked.text.count("@a") != 1 or masked.text.count("@b") != 1:
        return None
    for shape in rules.shapes:
        found = shape.pattern.fullmatch(masked.text)
        if found is None:
            continue
        if shape.kind == "mutual":
            act = _mutual(found, claim, masked, extraction.lexicon)
        else:
            act = _act(found, claim, masked, mentions, extraction, rules)
        if act is not None:
            return _parsed(said, claim, act, extraction.kb, rules, reading=f"shape: {shape.name}")
    return None


def _mutual(found: re.Match[str], claim: str, masked: Masked, lexicon: Any) -> Act | None:
    """ "X and Y are allies": a relation both ways, its sign the noun's."""
    from detente.events.lexicon import inflections

    noun = found.group("noun")
    negation = found.groupdict().get("neg")
    polarity = 0
    for lemma in lexicon.ally_nouns:
        if noun != lemma and noun in inflections(lemma, "NOUN"):
            polarity = 1
    for lemma in lexicon.enemy_nouns:
        if noun != lemma and noun in inflections(lemma, "NOUN"):
            polarity = -1 if not polarity else 2
    if polarity not in (1, -1):
        return None
    # both ways, its actors in the claim's order (as the extractor keeps them)
    return Act(
        source_id=masked.a,
        target_id=masked.b,
        type="RELATION",
        polarity=polarity,
        reciprocal=True,
        trigger=noun,
        trigger_start=claim.lower().rfind(noun),
        negated=bool(negation),
        cue=negation or None,
        tense="present",
    )


def _tense_of(extraction: Any, claim: str, position: int, rules: ClaimRules) -> str:
    """``past``, ``perfect`` or ``present``: of the trigger's first auxiliary, else its own."""
    nlp = getattr(extraction, "nlp", None)
    if nlp is None:
        return "present"
    doc = nlp(claim)
    token = next((t for t in doc if t.idx <= position < t.idx + len(t.text)), None)
    if token is None:
        return "present"
    if token.dep_ in ("attr", "acomp", "dobj") and token.head.pos_ in ("AUX", "VERB"):
        token = token.head  # "are allies", "signed an agreement": the verb's tense
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        first = auxiliaries[0]
        if first.lower_ in rules.perfect_auxiliaries and token.tag_ == "VBN":
            return "past" if first.tag_ in rules.past_tags else "perfect"
        return "past" if first.tag_ in rules.past_tags else "present"
    return "past" if token.tag_ in rules.past_tags else "present"


def _kind(type_: str, negated: bool, cue: str | None, tense: str, rules: ClaimRules) -> str:
    if type_ in rules.always_state:
        return STATE
    if negated and rules.negation_kind(cue) == CHANGE:
        return STATE  # "no longer supports", "ceased supporting": how things stand since
    if type_ in rules.state_in_present and (tense == "present" or (tense == "perfect" and negated)):
        return STATE
    return EVENT


@dataclass(frozen=True, slots=True)
class Act:
    """What a claim was read as, before its kind is decided: by the extractor or a shape."""

    source_id: str
    target_id: str
    type: str
    polarity: int
    reciprocal: bool
    trigger: str
    trigger_start: int  # in the claim; -1 when the trigger is no verb a change word governs
    negated: bool
    cue: str | None
    tense: str  # past, perfect, present
    lemma: str = ""  # the trigger's lemma ("sign"), for ``told_as``


def _act(
    found: re.Match[str],
    claim: str,
    masked: Masked,
    mentions: Sequence[Any],
    extraction: Any,
    rules: ClaimRules,
) -> Act | None:
    """ "X supports Y", "X did not attack Y", "X has never recognised Y", "X fights Y": the
    one plain reading of a lexicon verb whose subject is X and whose object is Y (both ways
    for a reciprocal verb such as "fight"), its tense from the auxiliary and the verb's form
    as the parser would tag them. None when in doubt."""
    aux, negation, verb = found.groupdict().get("aux"), found.groupdict().get("neg"), found["verb"]
    form = _verb_form(extraction.lexicon, verb)
    if form is None:
        return None
    trigger = form.trigger
    if (
        trigger.type not in rules.shape_types
        or "dobj" not in trigger.targets
        or "nsubj" not in trigger.sources
    ):
        return None
    target_words = {
        word
        for m in mentions
        if m.actor_id == masked.b
        for word in re.findall(r"[a-z]+", m.text.lower())
    }
    if target_words & form.objects:
        return None  # "threatens war": another reading may take the object
    if aux in _DO:
        if form.form != "base" or negation is None:
            return None
        tense = "past" if aux in _PAST_AUXILIARIES else "present"
    elif aux in _PERFECT:
        if form.form != "past":
            return None
        tense = "past" if aux in _PAST_AUXILIARIES else "perfect"
    else:
        if negation == "not" or (form.form == "base" and form.lemma in rules.same_form_past):
            return None  # "Iran not supports"; "Iran cut ...", which may be either tense
        tense = "past" if form.form == "past" else "present"
    source_end = max(m.end for m in mentions if m.actor_id == masked.a)
    at = re.search(rf"(?<![\w'’-]){re.escape(verb)}(?![\w'’-])", claim.lower()[source_end:])
    if at is None:
        return None
    kind = extraction.ontology.get(trigger.type)
    polarity = trigger.polarity if trigger.polarity is not None else kind.polarity if kind else None
    return Act(
        source_id=masked.a,
        target_id=masked.b,
        type=trigger.type,
        polarity=polarity or 1,
        reciprocal=trigger.reciprocal,
        trigger=claim[source_end + at.start() : source_end + at.end()],
        trigger_start=source_end + at.start(),
        negated=negation is not None,
        cue=negation,
        tense=tense,
        lemma=form.lemma,
    )


def _parsed(
    text: str,
    claim: str,
    act: Act,
    kb: KnowledgeBase,
    rules: ClaimRules,
    reading: str = "extractor",
) -> ParsedClaim:
    negated, cue = act.negated, act.cue
    change = rules.change_before(claim, act.trigger_start) if act.trigger_start >= 0 else None
    if change is not None and change in rules.ending and not negated:
        negated, cue = True, change  # "ceased supporting": the act ended
    elif negated and act.tense == "perfect" and rules.negation_kind(cue) == NOT:
        cue = "has not"  # "has not recognised": not up to now
    # "signed an agreement": the act the claim means (told_as), not the lexicon's coding
    meant = sorted(rules.types_of(act.type, act.lemma) - {act.type})
    type_ = meant[0] if meant else act.type
    return ParsedClaim(
        text=text,
        source=ActorRef(act.source_id, kb.actor(act.source_id).name),
        target=ActorRef(act.target_id, kb.actor(act.target_id).name),
        type=type_,
        polarity=act.polarity,
        reciprocal=act.reciprocal,
        trigger=act.trigger,
        kind=_kind(type_, negated, cue, act.tense, rules),
        negated=negated,
        cue=cue,
        reading=reading,
        lemma=act.lemma,
    )


# -- weighing the evidence ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Weighed:
    """One event as evidence: which way it leans (+1 supports, −1 contradicts) and how much."""

    row: dict[str, Any]
    lean: int
    weight: float
    why: str
    decisive: bool
    change: bool = False  # it ended or restarted the state then ("no longer", "resumed")

    def as_json(self) -> dict[str, Any]:
        row = self.row
        return {
            "event": row["id"],
            "type": row["type"],
            "modality": row["modality"],
            "hedged": bool(row["hedged"]),
            "polarity": row["polarity"],
            "source": {"id": row["source_id"], "name": row["source_name"]},
            "target": {"id": row["target_id"], "name": row["target_name"]},
            "time": {
                "start": _day(row["time_start"]),
                "end": _day(row["time_end"]),
                "text": row["time_text"],
            },
            "weight": rounded(self.weight),
            "why": self.why,
            "changes_state": self.change,
            "document": row["doc_id"],
            "sentence": row["sentence_idx"],
            "text": row["sentence_text"],
            "contexts": list(row.get("contexts") or []),
            "document_genre": row.get("doc_genre"),
        }


def weigh(
    claim: ParsedClaim,
    row: dict[str, Any],
    *,
    scoring: Scoring,
    rules: ClaimRules,
    lineage: dict[str, str],
    managing: frozenset[str] = frozenset(),
) -> Weighed | None:
    """How one event bears on the claim, or None when it says nothing about it.

    The evidence is weighed against the claim without its negation, and leans the other way
    for a negated claim ("Iran no longer supports ..."). ``managing``: the ids of the events
    that manage a conflict (:func:`managing_conflict`), which weigh lightly on a state claim
    of another type and decide nothing alone.
    """
    positive = claim.positive
    source, target = row["source_id"], row["target_id"]
    sides = {claim.source.id: "source", claim.target.id: "target"}
    forebears = {actor: sides[heir] for actor, heir in lineage.items()}
    role_of = {**forebears, **sides}
    if role_of.get(source) is None or role_of.get(target) is None:
        return None
    if role_of[source] == role_of[target]:
        return None
    reverse = role_of[source] == "target" and not (claim.reciprocal or row["reciprocal"])
    factor = rules.weights["reverse_direction"] if reverse else 1.0
    notes = ["the other way round"] if reverse else []
    via = [actor for actor in (source, target) if actor in forebears]
    if via:
        factor *= rules.weights["lineage"]
        notes.append(f"via forebear {via[0]}")
    negated, change = _row_negation(row, rules)
    if row["modality"] == "negated" and not negated:
        notes.append("a charge its target or another denies: the denial answers it")
    if claim.kind == EVENT:
        leaning = _event_lean(positive, row, negated, reverse, rules)
    else:
        leaning = _state_lean(positive, row, negated, reverse, rules)
    if leaning is None:
        return None
    lean, base, why = leaning
    manages = (
        claim.kind == STATE
        and row["id"] in managing
        and claim.type not in rules.managing.types | rules.managing.talks
    )
    if manages:
        # talks or a truce between belligerents: no change of state, and little weight
        base, change = base * rules.managing.weight, False
        notes.append("an act that manages a conflict: weighed lightly, decides nothing alone")
    if change:
        notes.append("changes the state from then on")
    modality = _modality(row, rules)
    if modality != row["modality"] and row["modality"] == "future":
        notes.append("made when told, of an act to come")
    modality_weight = abs(scoring.weight(modality, bool(row["hedged"])))
    weight = base * factor * modality_weight
    decisive = modality in rules.decisive_modalities and not row["hedged"] and not manages
    lean = -lean if claim.negated else lean
    return Weighed(row, lean, weight, "; ".join([why, *notes]), decisive, change)


def _modality(row: dict[str, Any], rules: ClaimRules) -> str:
    """The modality the event is weighed with: a negation the text asserts ("has not
    recognised") is asserted evidence against; a threat is made when it is told, whatever the
    tense of the act it threatens, and an agreement when it is the agreeing verb that looks
    ahead (``made_when_future``)."""
    if row["modality"] == "negated":
        return "asserted"
    if row["modality"] == "future" and row["type"] in rules.made_when_future:
        cues = rules.made_when_future[row["type"]]
        if not cues or str(_trace(row).get("modality_cue") or "").lower() in cues:
            return "asserted"
    return str(row["modality"])


def managing_conflict(rows: Sequence[dict[str, Any]], rules: ClaimRules) -> frozenset[str]:
    """The ids of the events that manage a conflict: truces, withdrawals, releases
    (``managing_conflict.types``); talks (``talks``) told in a year in which the two also
    made a truce or a release, or fought (an asserted act of material conflict): talks
    between belligerents; and agreements told in the same sentence as one of these ("agreed to a
    prisoner exchange", where the extractor stores the exchange it embeds)."""
    kinds = rules.managing
    acts = [r for r in rows if r["type"] in kinds.types]
    fighting = [
        r
        for r in rows
        if r.get("quad_class") in kinds.fighting
        and r["modality"] != "negated"
        and _modality(r, rules) == "asserted"
        and not r["hedged"]
    ]
    belligerent = {y for r in (*acts, *fighting) for y in _years_of_row(r)}
    acts += [r for r in rows if r["type"] in kinds.talks and set(_years_of_row(r)) & belligerent]
    where = {key for r in acts for key in _sentences_of_row(r)}
    agreements = [
        r
        for r in rows
        if r["type"] in kinds.agreeing and any(key in where for key in _sentences_of_row(r))
    ]
    return frozenset(r["id"] for r in (*acts, *agreements))


def _years_of_row(row: dict[str, Any]) -> range:
    first, last = _years(row)
    return range(first, last + 1) if first is not None and last is not None else range(0)


def _sentences_of_row(row: dict[str, Any]) -> set[tuple[str, int]]:
    """Every (document, sentence) that reports the event."""
    keys = {(str(row["doc_id"]), int(row["sentence_idx"]))}
    for report in row.get("reports") or ():
        keys.add((str(report["document"]), int(report["sentence"])))
    return keys


def _row_negation(row: dict[str, Any], rules: ClaimRules) -> tuple[bool, bool]:
    """Whether the event is negated, and whether it changes the state from its time on:
    a negation cue or a word of ``changes`` before the trigger ("no longer supports",
    "ceased supporting", the extractor may read the latter as asserted), or a trigger that
    is itself such a word ("severed", "restored")."""
    trace = _trace(row)
    cue = str(trace.get("modality_cue") or "").lower()
    negated = row["modality"] == "negated" and not answered_charge(row, trace, rules)
    trigger = str(trace.get("trigger") or "")
    before = None
    if trigger:
        text = str(row.get("sentence_text") or "")
        for found in re.finditer(rf"\b{re.escape(trigger)}\b", text):
            before = rules.change_before(text, found.start())
            if before is not None:
                break
    if before in rules.ending and not negated:
        negated = True
    changes = (*rules.ending, *rules.resuming)
    change = (negated and cue in rules.ending) or before is not None or trigger.lower() in changes
    return negated, change


def answered_charge(row: dict[str, Any], trace: dict[str, Any], rules: ClaimRules) -> bool:
    """Whether a negated event is a charge that someone other than its maker denies ("Pakistan
    accuses the Taliban ...; the Taliban deny the charge"): the denial answers what it charges,
    and the charge was still made. The accuser's own denial, or one by no one named, undoes it.
    """
    if row["type"] not in rules.charge_types:
        return False
    if str(trace.get("modality_cue") or "").lower() not in rules.denial_cues:
        return False
    denier = _plain_name(row.get("asserted_by"))
    if not denier or denier in rules.unnamed_deniers:
        return False
    source = trace.get("source")
    accuser = {
        _plain_name(row.get("source_id")),
        _plain_name(row.get("source_name")),
        _plain_name(source.get("text") if isinstance(source, dict) else None),
    }
    return denier not in accuser


def _plain_name(name: object) -> str:
    """A name as written, compared loosely: lower case, no leading "the", no possessive."""
    words = " ".join(str(name or "").lower().replace("’", "'").split())
    words = re.sub(r"^the\s+", "", words)
    return re.sub(r"'s?$", "", words).strip()


def _event_lean(
    claim: ParsedClaim, row: dict[str, Any], negated: bool, reverse: bool, rules: ClaimRules
) -> tuple[int, float, str] | None:
    """An event claim: the act (in its direction) supports it; only its denial contradicts
    it; acts of the other sign say nothing about whether it happened. An act counts as the
    types ``told_as`` gives it too (a signing is an agreement)."""
    kinds = rules.types_of(row["type"], _lemma(_trace(row)))
    if reverse or not kinds & rules.evidence_types.get(claim.type, {claim.type}):
        return None
    if negated:
        return -1, rules.weights["negated_same_type"], "the claimed act, denied or negated"
    if int(row["polarity"] or 0) == claim.polarity:
        return 1, rules.weights["same_type"], "the claimed act"
    return None


def _state_lean(
    claim: ParsedClaim, row: dict[str, Any], negated: bool, reverse: bool, rules: ClaimRules
) -> tuple[int, float, str] | None:
    """A state claim: the act and its kin support it, acts that go with the state
    (``state_evidence``) support it less, acts of the other sign and the negated act
    contradict it; a claim of a relationship counts every event between them."""
    kinds = rules.types_of(row["type"], _lemma(_trace(row)))
    kin = claim.type == "RELATION" or bool(
        kinds & rules.evidence_types.get(claim.type, frozenset({claim.type}))
    )
    going_with = max(
        (w for t, w in rules.state_evidence.get(claim.type, {}).items() if t in kinds),
        default=0.0,
    )
    if claim.lemma in rules.formal_acts:
        going_with = 0.0  # "recognises": the formal act alone
    related = kin or going_with > 0
    polarity = int(row["polarity"] or 0)
    if negated:
        if row["type"] == claim.type or (kin and claim.type != "RELATION"):
            return -1, rules.weights["negated_same_type"], "the claimed act, negated"
        if polarity == claim.polarity:
            return -1, rules.weights["negated_related"], "a negated act of its sign"
        return None
    if polarity == -claim.polarity:
        return -1, rules.weights["opposite_sign"], "an act of the opposite sign"
    if polarity == claim.polarity and kin and not reverse:
        # (A claim of a relationship reads both ways, so it is never "reverse".)
        return 1, rules.weights["same_type"], "the claimed act"
    if polarity == claim.polarity and related and not reverse:
        return 1, rules.weights["same_type"] * going_with, "an act that goes with the state"
    return None


def _lemma(trace: dict[str, Any]) -> str:
    """The trigger's lemma, from the pattern the extractor records ("sign/VERB")."""
    return str(trace.get("pattern") or "").split("/", 1)[0].lower()


def _trace(row: dict[str, Any]) -> dict[str, Any]:
    raw = row.get("trace")
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


# -- periods ----------------------------------------------------------------------------------


@dataclass(slots=True)
class ClaimPeriod:
    start: int  # first year
    end: int  # last year
    verdict: str
    supporting: float = 0.0
    contradicting: float = 0.0
    events: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.start == self.end:
            return str(self.start)
        if self.start % 10 == 0 and self.end == self.start + 9:
            return f"{self.start}s"
        return f"{self.start}–{self.end}"

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "start": f"{self.start}-01-01",
            "end": f"{self.end}-12-31",
            "verdict": self.verdict,
            "supporting": rounded(self.supporting),
            "contradicting": rounded(self.contradicting),
            "events": self.events,
        }


def periods_of(
    evidence: Sequence[Weighed], merge_gap_years: int = 2, last_year: int | None = None
) -> list[ClaimPeriod]:
    """Year by year, then runs of years that lean the same way, with no more than
    ``merge_gap_years`` silent years inside a run (silence is not agreement); no year after
    ``last_year`` (the date a question is asked at) is listed."""
    years: dict[int, ClaimPeriod] = {}
    for item in evidence:
        first, last = _years(item.row)
        if first is None or last is None:
            continue
        share = item.weight / (last - first + 1)
        for year in range(first, min(last, last_year or last) + 1):
            period = years.setdefault(year, ClaimPeriod(year, year, UNDECIDED))
            if item.lean > 0:
                period.supporting += share
            else:
                period.contradicting += share
            period.events.append(item.row["id"])
    for year, period in years.items():
        decisive = [i for i in evidence if i.decisive and _covers(i.row, year)]
        net = period.supporting - period.contradicting
        if net > 0 and any(i.lean > 0 for i in decisive):
            period.verdict = SUPPORTED
        elif net < 0 and any(i.lean < 0 for i in decisive):
            period.verdict = CONTRADICTED
    runs: list[ClaimPeriod] = []
    for year in sorted(years):
        period = years[year]
        if (
            runs
            and runs[-1].verdict == period.verdict
            and year - runs[-1].end <= merge_gap_years + 1
        ):
            run = runs[-1]
            run.end = year
            run.supporting += period.supporting
            run.contradicting += period.contradicting
            run.events += [e for e in period.events if e not in run.events]
        else:
            runs.append(period)
    return runs


def overall_verdict(periods: Sequence[ClaimPeriod]) -> str:
    decided = {p.verdict for p in periods} - {UNDECIDED}
    if not decided:
        return UNDECIDED
    return decided.pop() if len(decided) == 1 else MIXED


def dominant_verdict(periods: Sequence[ClaimPeriod], dominant: str) -> str:
    """``dominant`` when any period has it, else what the decided periods say: an act that
    happened once makes "X attacked Y" true (and "X never attacked Y" false) whatever the
    other periods say."""
    decided = {p.verdict for p in periods} - {UNDECIDED}
    if dominant in decided:
        return dominant
    return decided.pop() if decided else UNDECIDED


def state_at(
    evidence: Sequence[Weighed], merge_gap_years: int = 2, last_year: int | None = None
) -> tuple[str, str | None]:
    """What the latest evidence establishes (the evidence is already cut at the date): the
    verdict of the latest decided period, once the latest change of state ("no longer",
    "severed", "resumed") has set aside what came before it. With the period's label."""
    changes = [i for i in evidence if i.change and i.decisive and i.row["time_start"]]
    kept = list(evidence)
    if changes:
        turn = max(i.row["time_start"] for i in changes)
        kept = [i for i in evidence if i.row["time_start"] and i.row["time_start"] >= turn]
    periods = periods_of(kept, merge_gap_years, last_year)
    decided = [p for p in periods if p.verdict != UNDECIDED]
    return (decided[-1].verdict, decided[-1].label) if decided else (UNDECIDED, None)


def judge(
    claim: ParsedClaim,
    periods: Sequence[ClaimPeriod],
    evidence: Sequence[Weighed],
    window: TimeWindow,
    merge_gap_years: int = 2,
) -> tuple[str, str]:
    """The verdict and, in words, what it rests on.

    * an event claim is supported when the act is in the evidence (in the window) in any
      period, contradicted when only its denial is;
    * a state claim "never" or "has not" is contradicted by any period where it held;
    * a state claim at a date, or one that says the state ended ("no longer"), takes what
      the latest evidence up to then establishes;
    * otherwise a state claim is judged per period: ``mixed`` when they disagree.
    """
    negation = claim_rules().negation_kind(claim.cue) if claim.negated else None
    if claim.kind == EVENT:
        dominant = CONTRADICTED if claim.negated else SUPPORTED
        return dominant_verdict(periods, dominant), (
            "an event claim: supported when the act is in the evidence, contradicted only by "
            "its denial"
        )
    if negation == NEVER:
        return dominant_verdict(periods, CONTRADICTED), (
            "a state claim that it never held: contradicted by any period where it did"
        )
    if window.at is not None or negation == CHANGE:
        last_year = window.at.year if window.at is not None else None
        verdict, label = state_at(evidence, merge_gap_years, last_year)
        when = f"at {window.at.isoformat()}" if window.at is not None else "now"
        since = f" (evidence of {label})" if label else ""
        return verdict, f"a state claim {when}: what the latest evidence establishes{since}"
    return overall_verdict(periods), "a state claim, judged period by period"


# -- structure ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StructuralPath:
    via: ActorRef
    sign_source: int
    sign_target: int

    @property
    def implies(self) -> int:
        return self.sign_source * self.sign_target

    def as_json(self, claim: ParsedClaim) -> dict[str, Any]:
        return {
            "via": self.via.as_json(),
            "sign_with_source": self.sign_source,
            "sign_with_target": self.sign_target,
            "implies": self.implies,
            "agrees_with_claim": self.implies == claim.sign,
        }


def structural_paths(
    store: Store, claim: ParsedClaim, window: TimeWindow, settings: Settings
) -> list[StructuralPath]:
    """Third actors with a signed relation to both: what balance theory would expect."""
    signs: dict[str, dict[str, int]] = {}
    names: dict[str, ActorRef] = {}
    for side in (claim.source.id, claim.target.id):
        graph = relations(
            store,
            at=window.at,
            since=window.since,
            until=window.until,
            actor=side,
            settings=settings.analysis,
            evidence_per_edge=0,
        )
        names.update(graph.actors)
        signs[side] = {}
        for edge in graph.edges:
            other = edge.b if edge.a == side else edge.a
            if edge.sign:
                signs[side][other] = edge.sign
    shared = set(signs[claim.source.id]) & set(signs[claim.target.id])
    shared -= {claim.source.id, claim.target.id}
    return [
        StructuralPath(
            names.get(c, ActorRef(c, c)),
            signs[claim.source.id][c],
            signs[claim.target.id][c],
        )
        for c in sorted(shared)
    ]


# -- the answer -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    claim: ParsedClaim
    window: TimeWindow
    verdict: str
    periods: list[ClaimPeriod]
    evidence: list[Weighed]
    structural: list[StructuralPath]
    basis: str = ""

    @property
    def behind_verdict(self) -> list[Weighed]:
        """The evidence the verdict rests on: what leans its way (all of it for ``mixed``
        and ``not_enough_evidence``), the asserted part when there is one."""
        lean = {SUPPORTED: 1, CONTRADICTED: -1}.get(self.verdict)
        chosen = [e for e in self.evidence if lean is None or e.lean == lean]
        return [e for e in chosen if e.decisive] or chosen

    @property
    def sources(self) -> dict[str, Any]:
        """The documents behind the verdict, and whether they are all opinion pieces (opinion,
        analysis, blog: the genres ingest marks)."""
        genres = {
            doc: genre
            for e in self.behind_verdict
            for doc, genre in (
                e.row.get("report_genres") or {e.row["doc_id"]: e.row.get("doc_genre")}
            ).items()
        }
        declared = [g for g in genres.values() if g]
        return {
            "documents": len(genres),
            "opinion_pieces": len(declared),
            "genres": {g: declared.count(g) for g in sorted(set(declared))},
            "opinion_only": bool(genres) and len(declared) == len(genres),
        }

    @property
    def current(self) -> ClaimPeriod | None:
        """The latest decided period: what holds now, as far as the store knows."""
        decided = [p for p in self.periods if p.verdict != UNDECIDED]
        return decided[-1] if decided else None

    def explanation(self) -> str:
        c = self.claim
        asserted = [e for e in self.evidence if e.decisive]
        negation = f", negated ({c.cue})" if c.negated else ""
        both = ", both ways" if c.reciprocal else ""
        persons = "".join(f"; {p.said()}" for p in c.persons)
        parts = [
            f"Read as {c.source.name} {c.type} {c.target.name} ({'+' if c.polarity > 0 else '−'}"
            f"{both}{negation}{persons}): {self.basis or 'judged period by period'}.",
            f"{sum(1 for e in asserted if e.lean > 0)} asserted event(s) support it, "
            f"{sum(1 for e in asserted if e.lean < 0)} contradict it; "
            f"{len(self.evidence) - len(asserted)} reported or hedged event(s) weigh less "
            "and decide nothing alone.",
        ]
        decided = [p for p in self.periods if p.verdict != UNDECIDED]
        if decided:
            parts.append(
                "By period: " + "; ".join(f"{p.verdict} in {p.label}" for p in decided) + "."
            )
        if self.current is not None and self.verdict == MIXED:
            parts.append(f"Latest: {self.current.verdict} ({self.current.label}).")
        sources = self.sources
        if sources["opinion_only"]:
            kinds = ", ".join(sources["genres"])
            parts.append(
                f"The evidence it rests on comes only from opinion pieces ({kinds}; "
                f"{sources['documents']} document(s)): what they say of events counts, "
                "but no report confirms it."
            )
        if self.structural:
            agree = sum(1 for p in self.structural if p.implies == c.sign)
            parts.append(
                f"Structure (a diagnostic, not evidence): {agree} of {len(self.structural)} "
                "shared partners or enemies imply the claimed sign."
            )
        return " ".join(parts)

    def as_json(self) -> dict[str, Any]:
        def listed(lean: int, decisive: bool) -> list[dict[str, Any]]:
            chosen = [e for e in self.evidence if e.lean == lean and e.decisive == decisive]
            return [e.as_json() for e in sorted(chosen, key=lambda e: -e.weight)]

        current = self.current
        return {
            "claim": self.claim.text,
            "parsed": self.claim.as_json(),
            "window": self.window.as_json(),
            "verdict": self.verdict,
            "kind": self.claim.kind,
            "basis": self.basis,
            "current": {"period": current.label, "verdict": current.verdict} if current else None,
            "periods": [p.as_json() for p in self.periods],
            "supporting": listed(1, True),
            "contradicting": listed(-1, True),
            "reported": {"supporting": listed(1, False), "contradicting": listed(-1, False)},
            "structural": [p.as_json(self.claim) for p in self.structural],
            "sources": self.sources,
            "explanation": self.explanation(),
        }


def check_claim(
    store: Store,
    text: str,
    *,
    extraction: Any,
    at: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    settings: Settings | None = None,
) -> ClaimCheck:
    """Read the claim, weigh every event between its actors, and give the verdict.

    ``extraction`` is a ``pipeline.Extraction`` or a ``pipeline.ClaimReader`` (its knowledge
    base, lexicon and, when the claim needs it, parser and extractor read the claim exactly as
    they read the corpus).
    """
    settings = settings or load_settings()
    window = TimeWindow(at=at, since=since, until=until)
    claim = read_claim(text, extraction, on=window.last_day or dt.date.today())
    kb: KnowledgeBase = extraction.kb
    lineage = {
        forebear: heir
        for heir in (claim.source.id, claim.target.id)
        for forebear in kb.lineage(heir)
    }
    rows = [
        row
        for row in _dyad_rows(store, claim, lineage, window)
        if _another_person(row, claim, kb) is None
    ]
    scoring = Scoring.from_settings(settings.analysis)
    rules = claim_rules()
    managing = managing_conflict(rows, rules)
    evidence = [
        w
        for row in rows
        if (
            w := weigh(claim, row, scoring=scoring, rules=rules, lineage=lineage, managing=managing)
        )
        is not None
    ]
    last_year = window.at.year if window.at is not None else None
    periods = periods_of(evidence, rules.merge_gap_years, last_year)
    verdict, basis = judge(claim, periods, evidence, window, rules.merge_gap_years)
    return ClaimCheck(
        claim=claim,
        window=window,
        verdict=verdict,
        periods=periods,
        evidence=evidence,
        structural=structural_paths(store, claim, window, settings),
        basis=basis,
    )


def _dyad_rows(
    store: Store, claim: ParsedClaim, lineage: dict[str, str], window: TimeWindow
) -> list[dict[str, Any]]:
    since = window.since
    until = window.last_day
    rows: dict[str, dict[str, Any]] = {}
    sources = [claim.source.id, *(a for a, h in lineage.items() if h == claim.source.id)]
    targets = [claim.target.id, *(a for a, h in lineage.items() if h == claim.target.id)]
    for a in sources:
        for b in targets:
            # one row per real event, however many documents report it (its reports add
            # confidence, not weight: see detente.store.event_groups)
            merged = store.query_events(actor=a, other=b, since=since, until=until, merged=True)
            for row in merged:
                rows[row["id"]] = row
    documents = {doc for row in rows.values() for doc in (row["doc_id"], *_report_documents(row))}
    genres = store.document_genres(sorted(documents))
    for row in rows.values():
        # an event that any news report carries does not rest on opinion alone
        reported_by = {row["doc_id"], *_report_documents(row)}
        row["report_genres"] = {d: genres.get(d) for d in sorted(reported_by)}
        row["doc_genre"] = (
            genres.get(row["doc_id"]) if all(genres.get(d) for d in reported_by) else None
        )
    return sorted(rows.values(), key=lambda r: (r["time_start"] or dt.date.max, r["id"]))


def _another_person(row: dict[str, Any], claim: ParsedClaim, kb: KnowledgeBase) -> str | None:
    """The person, other than the one the claim names, that the event names on that side
    ("the Maduro regime" for a claim about Guaidó, both read as Venezuela): such an event is
    about the other person, and is left out. None when it names no other."""
    trace = _trace(row)
    for person in claim.persons:
        for slot in ("source", "target"):
            if row[f"{slot}_id"] != person.actor.id:
                continue
            said = trace.get(slot)
            words = _name_words(str(said.get("text") or "")) if isinstance(said, dict) else ()
            for other, names in _people_of(kb, person.actor.id).items():
                if other != person.person.id and any(_within(n, words) for n in names):
                    return other
    return None


@lru_cache(maxsize=64)
def _people_of(kb: KnowledgeBase, actor_id: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The name words of every person who held a term for the actor."""
    return {
        p.id: tuple(kb.own_names(p.id))
        for p in kb.people.values()
        if any(t.actor == actor_id for t in p.terms)
    }


def _name_words(text: str) -> tuple[str, ...]:
    from detente.actors.kb_names import surface_key

    return tuple(re.sub(r"['’]s?(?=\s|$)", "", surface_key(text)).split())


def _within(name: tuple[str, ...], words: tuple[str, ...]) -> bool:
    n = len(name)
    return n > 0 and any(words[i : i + n] == name for i in range(len(words) - n + 1))


def _report_documents(row: dict[str, Any]) -> list[str]:
    return [str(r["document"]) for r in row.get("reports") or ()]


def _years(row: dict[str, Any]) -> tuple[int | None, int | None]:
    start, end = row["time_start"], row["time_end"] or row["time_start"]
    return (start.year, end.year) if start else (None, None)


def _covers(row: dict[str, Any], year: int) -> bool:
    first, last = _years(row)
    return first is not None and last is not None and first <= year <= last


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
