"""The rule-based event extractor: triggers from the lexicon, actors from the parse.

For each sentence that can hold an event (an actor and a trigger word), the parse is read:

* a trigger is a token whose lemma and part of speech the lexicon lists, with its particle
  and object constraints met ("carry out an attack", "impose sanctions");
* its source and target are the actor tokens its dependency relations reach (subject,
  object, prepositional objects, passive agent, possessor), following coordination
  ("Iran and Tajikistan") and falling back to the governing verb's subject for nominal
  triggers ("Tehran upgraded its security cooperation with Dushanbe");
* relation-state statements ("ties between Tehran and Baku hit rock bottom") become RELATION
  events with the polarity their predicate gives;
* modality, attribution and time come from the trigger's clause and the sentence.

Every event keeps a trace of the rule that made it.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from detente.events.agents import AgentNouns
from detente.events.argument_rules import load_argument_rules
from detente.events.lexicon import Lexicon, Trigger
from detente.events.modality import Modality, modality_cues, read_modality
from detente.events.ontology import EventType
from detente.events.parse import tokens_among
from detente.events.version import code_version
from detente.model import Event, Mention
from detente.nlp.timex import TimeSpan, dates_an_event

EXTRACTOR = "detente-rules"

_LIGHT_VERB_DEPS = ("dobj", "pobj", "attr", "nsubjpass", "appos", "conj", "compound")
_MAX_PAIRS_ACTORS = 6
# How a verb's complement adjective hangs on it, parsed well or not: "held X responsible"
_COMPLEMENT_DEPS = ("oprd", "xcomp", "advcl", "acomp", "ccomp")
_INTENT_TYPES = frozenset({"AGREE", "THREATEN", "RELATION"})
_WORD_ATTRS = ("LEMMA", "LOWER")
# Events whose embedded acts happened: what is accused or protested against.
_DENOUNCING_TYPES = frozenset({"ACCUSE", "PROTEST"})
_UNDOING_TYPES = frozenset({"CONCEDE", "RETREAT"})
# A show of force is aimed at whom it is staged by: "drills around Taiwan", "troops near Guyana"
_SHOW_OF_FORCE_PREPOSITIONS = frozenset({"around", "near", "off", "along", "close"})
_TARGET_PREPOSITIONS = frozenset(
    {"with", "to", "against", "on", "toward", "towards", "into", "upon", "at", "over", "from"}
)
# where a clause aims an act: at its target, or around whom force is shown
_AIMING_PREPOSITIONS = _TARGET_PREPOSITIONS | _SHOW_OF_FORCE_PREPOSITIONS
# cooperation is never aimed at what it is against ("work together against ISIS")
_COOPERATION_PREPOSITIONS = _TARGET_PREPOSITIONS - {"against"}


@dataclass(frozen=True, slots=True)
class PriorAct:
    """An act told in an earlier sentence of the document, whose doers a later reaction to
    "the seizure", "the move" or "it" is aimed at."""

    type: str
    polarity: int
    doers: tuple[Mention, ...]
    sentence: int
    victims: tuple[Mention, ...] = ()  # whom it was aimed at, where the text says


@dataclass(frozen=True, slots=True)
class SentenceContext:
    doc_id: str
    index: int
    offset: int  # the sentence's start in the document
    time: TimeSpan | None
    time_origin: str
    # The latest explicit time of the section (since the last heading), for past-tense
    # narrative sentences that name no time of their own ("During the 1990s, ...").
    section_time: TimeSpan | None = None
    # The actor "it" or "they" most plausibly means: the last event's source before this.
    antecedent: Mention | None = None
    # The actor that last spoke in the document ("the Foreign Secretary said: ..."): whom a
    # "we" with no speaker of its own in the sentence stands for.
    speaker: Mention | None = None
    # The person the document named last before this sentence: whom a "his" or "her" with no
    # person before it in its own sentence stands for ("... her visit to the island").
    person: Mention | None = None
    # Every time expression of the sentence (offsets within it), to date each event by the
    # expression in its own clause rather than by the sentence's first one.
    expressions: tuple[TimeSpan, ...] = ()
    # Where the sentence's time falls back to when its own expressions date other clauses.
    fallback_time: TimeSpan | None = None
    fallback_origin: str = "document"
    # The document's publication date: nothing done is dated after it.
    published: datetime.date | None = None
    # The acts of the document before this sentence, latest last: what "the move" or "the
    # seizure" may refer to.
    prior_acts: tuple[PriorAct, ...] = ()
    # Each actor's latest opponent in the document so far (actor id, the opponent's mention):
    # whom a ceasefire it accepts or prisoners it frees concern.
    adversaries: tuple[tuple[str, Mention], ...] = ()
    # Each actor's latest attacker in the document so far (the victim's id, the attacker's
    # mention), from acts of force and threats: who an attack on it with no doer named is by.
    attackers: tuple[tuple[str, tuple[Mention, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class ActorToken:
    token: Any
    mention: Mention


@dataclass(frozen=True, slots=True)
class Finding:
    """An event before it becomes a record."""

    type: str
    trigger: Any
    sources: tuple[ActorToken, ...]
    targets: tuple[ActorToken, ...]
    reciprocal: bool
    polarity: int | None
    intensity: float | None
    cameo: str | None
    pattern: str
    certainty: float = 1.0  # how directly the parse links the actors to the trigger
    demanded: bool = False  # the act is what a demand asks for, not something that happened
    # The type of the nearest event whose trigger governs this one's, if any.
    governor: str | None = None
    # The argument rules that found each side (data/argument_rules.yaml), for the trace.
    source_rule: str | None = None
    target_rule: str | None = None
    unattributed: bool = False  # an attack whose only doer named is a weapon
    denied: str | None = None  # the verb by which its doer denies it ("denied any role")

    @property
    def embedded(self) -> bool:
        """Another event's trigger governs this one's: not the sentence's main event."""
        return self.governor is not None


@dataclass(frozen=True, slots=True)
class _Query:
    """One trigger in its sentence: what the argument rules read."""

    token: Any
    trigger: Trigger
    pos: str
    holder: Any  # the token whose dependents hold the actors (a modifier's noun)
    actors: dict[int, list[Mention]]
    places: dict[int, list[Mention]]
    context: SentenceContext


@dataclass(slots=True)
class _Sides:
    """The sides found so far for one trigger, and the rule that found each."""

    reciprocal: bool
    sources: tuple[ActorToken, ...] = ()
    targets: tuple[ActorToken, ...] = ()
    source_rule: str | None = None
    target_rule: str | None = None
    # the attack's only doer named is a weapon ("mortars killed ..."): its attacker unknown
    unattributed: bool = False

    @property
    def reciprocal_pair(self) -> bool:
        """A reciprocal act with two named parties needs no target ("A and B signed")."""
        return self.reciprocal and len(self.sources) >= 2

    def set(self, side: str, found: tuple[ActorToken, ...], rule: str) -> None:
        if side == "source":
            self.sources, self.source_rule = found, rule
        else:
            self.targets, self.target_rule = found, rule


class EventExtractor:
    def __init__(
        self,
        lexicon: Lexicon,
        ontology: dict[str, EventType],
        agents: AgentNouns | None = None,
    ) -> None:
        """``agents`` lets a bare role noun ("the demonstrators") stand for the part of the
        state the other side belongs to; without it only named actors take part."""
        self.lexicon = lexicon
        self.ontology = ontology
        self.agents = agents
        # recorded on every event: which code and data made it (see events.version)
        self.version = code_version()
        self._source_rules: dict[str, Callable[[_Query, _Sides], tuple[ActorToken, ...]]] = {
            "trigger_slot": lambda query, sides: (),  # run first, for both sides
            "stance_participle": self._stance_participle,
            "participle_agent": self._participle_agent,
            "act_named_after": self._act_named_after,
            "pronoun": self._pronoun,
            "supported_party": self._supported_party,
            "possessive_pronoun": self._possessive_pronoun,
            "governing_subject": self._governing_subject,
            "meeting_participant": self._meeting_participant,
            "between_parties": self._between_parties,
            "place_left": self._place_left,
            "weapon_only": self._weapon_only,
            "implied_part": lambda query, sides: (),  # run once the targets are known
            "victims_opponent": lambda query, sides: (),  # and so is this one
        }
        self._target_rules: dict[str, Callable[[_Query, _Sides], tuple[ActorToken, ...]]] = {
            "trigger_slot": lambda query, sides: (),
            "subject_suffers": self._subject_suffers,
            "participle_patient": self._participle_patient,
            "directional_preposition": self._directional_preposition,
            "between_target": self._between_target,
            "phrase_position": self._phrase_position,
            "object_place": self._object_place,
            "located_place": self._located_place,
            "pronoun_owner": self._pronoun_owner,
            "implied_part": self._implied_target,
            "domestic": self._domestic,
            # set across the sentence's findings, not per trigger: see _aimed_at_doers
            "event_doer": lambda query, sides: (),
            "adversary": self._adversary,
            "claimed_attack": self._claimed_attack,
            # set across the document's sentences: see _prior_doers
            "prior_act_doer": lambda query, sides: (),
            # set once the sides are known, with the act's type: see _allies
            "allied_party": lambda query, sides: (),
        }
        self.rules = load_argument_rules((tuple(self._source_rules), tuple(self._target_rules)))
        # the table in its order, the rules that run per trigger only
        self._source_order = [
            (name, self._source_rules[name])
            for name in self.rules.names("source")
            # implied_part, victims_opponent: once the targets are known
            if name not in ("trigger_slot", "implied_part", "victims_opponent")
        ]
        self._target_order = [
            (name, self._target_rules[name])
            for name in self.rules.names("target")
            if name != "trigger_slot"
        ]
        self._trigger_words = frozenset(t.lemma for t in lexicon.triggers)
        # what a trigger's own phrase is read without, built once: circumstances ("after
        # ...", "against the backdrop of ...") and, for cooperation, what it is against
        self._phrase_circumstances = (
            lexicon.circumstantial_prepositions | lexicon.circumstance_nouns
        )
        self._cooperation_circumstances = self._phrase_circumstances | {"against"}

    # -- entry point ---------------------------------------------------------------------

    def extract(
        self,
        doc: Any,
        actors: dict[int, list[Mention]],
        context: SentenceContext,
        places: dict[int, list[Mention]] | None = None,
        held_back: list[Event] | None = None,
    ) -> list[Event]:
        """Events of one parsed sentence whose actor mentions were merged into tokens.

        ``places`` are the tokens that locate ("the Iranian city of Kerman"): they never act,
        but an attack with no other target struck the state they name. Acts read with a side
        the text does not name, which are not events (see ``_sides_accounted_for``), are
        appended to ``held_back`` when it is given: what was read and why it was not kept.
        """
        findings = list(self._triggered(doc, actors, context, places or {}))
        findings += list(self._relations(doc, actors))
        findings += list(_demands(doc, actors))
        findings += list(self._labels(doc, actors, context))
        findings = _aimed_at_doers(
            _without_empty_intent(findings),
            actors,
            context.prior_acts,
            lambda word: self._refers_back(word, actors),
            context.index,
        )
        findings += _accusations_by_report(findings, actors)
        findings += self._denied_involvements(findings, context)
        findings = self._asked_to_stop(findings, actors, context)
        findings = self._responses(findings, context)
        findings = _demanded_acts(
            findings, self._light_verb_of, self.lexicon.circumstantial_prepositions
        )
        findings = _embedded(findings, self._light_verb_of)
        events: dict[tuple[str | None, str, str | None, int], Event] = {}
        for finding in findings:
            modality = read_modality(finding.trigger)
            if finding.denied is not None:
                modality = dataclasses.replace(modality, value="negated", cue=finding.denied)
            for event in self._events(finding, modality, context):
                if (
                    finding.embedded
                    and finding.governor not in _DENOUNCING_TYPES
                    and (event.source_id is None or event.target_id is None)
                ):
                    # "agreed to US mediation", "halted economic aid": an act under another
                    # event with one side unknown is that event's content, not an event of its
                    # own. Acts that are denounced ("condemned the Israeli strike", "linked
                    # Iran to an attack ISIS claimed") did happen: they stay.
                    continue
                unattributed = finding.unattributed and event.target_id is not None
                if not unattributed and not self._sides_accounted_for(event):
                    if held_back is not None:
                        held_back.append(event)
                    continue
                key = (event.source_id, event.type, event.target_id, event.polarity)
                if key not in events or events[key].confidence < event.confidence:
                    events[key] = event
        return _without_subsumed(list(events.values()))

    def _sides_accounted_for(self, event: Event) -> bool:
        """Whether every side the event lacks is one its type may lack.

        PLOVER lets a protest, a mobilisation or an attack go without a named recipient (and
        an attack without a named perpetrator); "signed a deal" or "accused" with nobody on
        the other side is half an event, which a coder would not code.
        """
        may_lack = self.ontology[event.type].may_lack
        return (event.source_id is not None or "source" in may_lack) and (
            event.target_id is not None or "target" in may_lack
        )

    # -- triggers ------------------------------------------------------------------------

    def _triggered(
        self,
        doc: Any,
        actors: dict[int, list[Mention]],
        context: SentenceContext,
        places: dict[int, list[Mention]],
    ) -> Iterator[Finding]:
        matched: list[tuple[Any, Trigger]] = []
        consumed: set[int] = set()
        persons = _person_tokens(actors)
        headline = _title_case(doc)
        # the tokens whose lemma or word is a trigger's lemma
        for token in (doc[i] for i in tokens_among(doc, self._trigger_words, _WORD_ATTRS)):
            pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") else token.pos_
            if pos not in ("VERB", "NOUN", "ADJ") or token.i in actors:
                continue
            if pos == "NOUN" and not headline and _part_of_a_name(token):
                continue  # "On March 15", "the Liberation Front", "Operation Peace Spring"
            trigger = self._matching_trigger(token, pos, persons)
            if trigger is None:
                continue
            matched.append((token, trigger))
            if token.dep_ == "amod" and (pos == "VERB" or not trigger.with_object):
                # "the long-threatened invasion": a modifier leaves its noun whole, unless the
                # two words make one act ("a general strike").
                continue
            if trigger.with_object:
                consumed.update(
                    _object_tokens(token, trigger.with_object, self.lexicon.partitive_nouns)
                )
            elif trigger.type in _UNDOING_TYPES and pos == "VERB":
                # "lifted the curfew", "eased restrictions": the act undoes its object,
                # which is no event of its own here.
                consumed.update(c.i for c in token.children if c.dep_ in ("dobj", "nsubjpass"))
        # ("air strike": the modifier tells the act; its consumed noun tells nothing above it)
        noun_heads = {t.i: k.type for t, k in matched if t.i not in consumed}
        for token, trigger in matched:
            if token.i in consumed:
                continue  # "signed a treaty", "hunger strike": the noun is part of the event
            pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") else token.pos_
            if pos == "NOUN" and _told_above(token, trigger.type, noun_heads):
                continue  # "a suicide bombing", "claimed responsibility for the bombing"
            # "an Israeli air strike on Gaza": a modifier trigger's actors are its noun's
            holder = token
            if trigger.with_object and token.dep_ in ("compound", "amod") and pos != "VERB":
                holder = token.head
            if trigger.type in ("ASSAULT", "MOBILIZE") and (_joint(token) or _joint(holder)):
                continue  # "conducted joint operations with ...": cooperation ("joint" says so)
            query = _Query(token, trigger, pos, holder, actors, places, context)
            sides = self._sides(query)
            if sides is None or (not sides.sources and not sides.targets):
                continue
            if (
                trigger.type == "ASSAULT"
                and sides.target_rule not in ("trigger_slot", "object_place", "located_place")
                and self._projectile_fired(token, trigger)
            ):
                # "fired a missile into the sea", "launched an ICBM over Japan": aimed at no
                # one named, a launch shows force (a weapons test), it attacks no one
                trigger = trigger.model_copy(
                    update={"type": "MOBILIZE", "cameo": "150", "intensity": None}
                )
            beside: tuple[Trigger, _Sides] | None = None
            if trigger.type == "ASSAULT" and (allies := self._allies(token, actors)):
                # "fought alongside Somali troops", "on the side of Ethiopian forces": the
                # party fought beside is a partner in arms (CAMEO 062), not the enemy
                beside = (
                    trigger.model_copy(
                        update={"type": "COOPERATE", "cameo": "062", "intensity": None}
                    ),
                    _Sides(True, sides.sources, allies, sides.source_rule, "allied_party"),
                )
                if sides.target_rule != "trigger_slot" or all(
                    any(_same_actor(t, a) for a in allies) for t in sides.targets
                ):
                    (trigger, sides), beside = beside, None
            if trigger.type == "RETREAT" and self._leaves_organisation(sides.targets):
                # "withdrew from ECOWAS", "quit the African Union": leaving a body one belongs
                # to breaks relations with it (CAMEO 16), it is no pull-back of forces
                trigger = trigger.model_copy(
                    update={"type": "SANCTION", "cameo": "160", "intensity": None}
                )
            yield self._finding(token, trigger, sides)
            if beside is not None:  # "fought alongside Kenyan troops against al-Shabaab"
                yield self._finding(token, *beside)

    def _finding(self, token: Any, trigger: Trigger, sides: _Sides) -> Finding:
        return Finding(
            certainty=min(
                self.rules.certainty("source", sides.source_rule),
                self.rules.certainty("target", sides.target_rule),
            ),
            type=trigger.type,
            trigger=token,
            sources=sides.sources,
            targets=sides.targets,
            reciprocal=sides.reciprocal,
            polarity=trigger.polarity,
            intensity=trigger.intensity,
            cameo=trigger.cameo,
            pattern=f"{trigger.lemma}/{trigger.pos}"
            + (f"+{trigger.particle}" if trigger.particle else ""),
            source_rule=sides.source_rule,
            target_rule=sides.target_rule,
            unattributed=sides.unattributed,
        )

    # -- argument rules (ordered and weighed in data/argument_rules.yaml) ----------------

    def _sides(self, query: _Query) -> _Sides | None:
        """Both sides of one trigger, each found by the first rule of its side that finds
        an actor; None when the trigger is no event here (an armed body's "arrival")."""
        sides = _Sides(query.trigger.reciprocal)
        for side in ("source", "target"):  # the trigger's own slots come first, both sides
            found = self._trigger_slot(query, sides, side)
            if found:
                sides.set(side, found, "trigger_slot")
        for name, rule in self._source_order:
            if sides.sources or sides.reciprocal_pair:
                break
            if name == "between_parties" and sides.targets:
                continue
            found = rule(query, sides)
            if found:
                sides.set("source", found, name)
        if query.trigger.cameo == "042" and self._armed_force(sides.sources):
            return None  # "troops arrived in Bosnia": a deployment, not a visit
        if sides.targets and sides.sources:
            kept = self._not_the_source(sides, sides.targets)
            if not kept:
                sides.target_rule = None
            sides.targets = kept
        for name, rule in self._target_order:
            if sides.targets or sides.reciprocal_pair:
                break
            found = rule(query, sides)
            if found and sides.sources:
                found = self._not_the_source(sides, found)
            if found:
                sides.set("target", found, name)
        if (
            sides.targets
            and not sides.sources
            and not sides.reciprocal_pair
            and self._hostile(query.trigger)
        ):
            found = self._implied_part(query.token, sides.targets, False, query.context)
            if found:
                sides.set("source", found, "implied_part")
        if sides.targets and not sides.sources and not sides.reciprocal_pair:
            found = self._victims_opponent(query, sides)
            if found:
                sides.set("source", found, "victims_opponent")
        return sides

    def _victims_opponent(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "Kuleba said a full-scale invasion of Ukraine was underway": an attack whose
        victim is named and whose doer is not, in a story that has already told who fights
        the victim, is that opponent's. Not an attack whose only doer named is a weapon
        ("mortars killed four soldiers"): the text leaves that one unattributed."""
        if query.trigger.type != "ASSAULT" or sides.unattributed:
            return ()
        if sides.target_rule not in _VICTIM_RULES:
            return ()  # "the fighting in Tigray": a place fought in is no victim
        attackers = dict(query.context.attackers)
        told = {attackers.get(t.mention.actor_id or "", ()) for t in sides.targets}
        if len(told) != 1:
            return ()  # the victims have different attackers
        return tuple(ActorToken(query.token, m) for m in told.pop())

    @staticmethod
    def _not_the_source(sides: _Sides, found: tuple[ActorToken, ...]) -> tuple[ActorToken, ...]:
        """ "Turkey will allow Turkish refugees ...", "Sudan's government lifted the state of
        emergency in Sudan": the source named again, or a government's own state, is no
        target, and leaves the later rules free to look (for a domestic one)."""
        return tuple(
            t
            for t in found
            if all(
                t.token.i != s.token.i
                and not _same_actor(s, t)
                and not (s.mention.actor_id == t.mention.actor_id and _own_state(s, t))
                for s in sides.sources
            )
        )

    def _trigger_slot(self, query: _Query, sides: _Sides, side: str) -> tuple[ActorToken, ...]:
        relations = query.trigger.sources if side == "source" else query.trigger.targets
        found = self._arguments(query.holder, relations, query.actors)
        if found or query.pos != "NOUN":
            return found
        # "contacts conducted by Oman with Washington", "talks held by Qatar with Chad": a
        # noun's own slots may hang on the participle of its light verb
        carrier = next(
            (
                c
                for c in query.holder.children
                if c.dep_ == "acl"
                and c.tag_ == "VBN"
                # "suffered by Iran": a patient verb's agent is the one the act befell
                and c.lemma_.lower() in self.lexicon.light_verbs
            ),
            None,
        )
        if carrier is None:
            return ()
        on_carrier = [
            "agent" if r == "prep:by" else r
            for r in relations
            if r.startswith("prep:") and r != "prep:of"
        ]
        found = self._arguments(carrier, on_carrier, query.actors)
        if found or side == "source":
            return found
        # "conducted by Oman with Washington": the parser may hang the "with" on the agent
        return tuple(
            a
            for agent in _dependents(carrier, "agent")
            for a in self._arguments(agent, on_carrier, query.actors)
        )

    def _stance_participle(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if query.pos != "VERB" or not _stative_passive(query.token):
            return ()
        if self.ontology[query.trigger.type].quad_class not in (1, 3):
            return ()  # a stance is said, not done: "has been deployed to Syria" is an act
        found = self._arguments(query.token, ("nsubjpass",), query.actors)
        sides.targets = tuple(t for t in sides.targets if t not in found)
        return found

    def _participle_agent(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if query.pos != "VERB" or not _passive_participle(query.token):
            return ()
        # "Sanctioned by Washington, Iran ...": the parser may read "by" as a preposition
        return self._arguments(query.token, ("agent", "prep:by"), query.actors)

    def _place_left(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "The ambassador was given 72 hours to leave Mali": an envoy told, with no one
        named telling, to leave a state is expelled by that state; with no state to leave,
        by the state the envoy is accredited to ("the French ambassador to Mali")."""
        token = query.token
        if not query.trigger.with_clause or query.pos != "VERB":
            return ()
        clauses = _governed_clauses(token, query.trigger.with_clause)
        left = [a for clause in clauses for a in self._arguments(clause, ("dobj",), query.actors)]
        if left:
            return tuple(left)
        envoys = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj", "dative")]
        return tuple(
            a for envoy in envoys for a in self._arguments(envoy, ("prep:to",), query.actors)
        )

    def _act_named_after(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "were killed in a Pakistani air strike": a passive with no agent, which happened
        in an act of the same kind, has that act's doer."""
        token = query.token
        if query.pos != "VERB" or not any(c.dep_ == "nsubjpass" for c in token.children):
            return ()
        for noun in _dependents(token, "prep:in"):
            kinds = {t.type for t in self.lexicon.triggers_for(noun.lemma_.lower(), "NOUN")}
            if query.trigger.type in kinds:
                found = [
                    a
                    for c in noun.children
                    if c.dep_ in ("amod", "compound", "poss", "nmod")
                    for a in _actors_at(c, query.actors)
                ]
                found += [
                    a for o in _dependents(noun, "prep:by") for a in _actors_at(o, query.actors)
                ]
                if found:
                    return _unique(found)
        return ()

    def _pronoun(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        context = query.context
        return _pronoun_subject(query.token, context.antecedent, query.actors, context.speaker)

    def _supported_party(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "UK support for Iraq in the fight against ISIL", "pledged to back Ukraine in its
        war against Russia", "supported the army in its efforts to defeat ISIL": an act told
        as what a party is supported in ("in its fight", "in the war") is the supported
        party's, not its supporter's."""
        token = query.token
        if query.pos == "VERB" and token.dep_ == "acl" and token.head.pos_ == "NOUN":
            token = token.head  # "supported the army in its efforts to defeat ISIL"
        elif query.pos != "NOUN":
            return ()
        if token.dep_ != "pobj" or token.head.lower_ != "in":
            return ()
        if self._sign(query.trigger) >= 0:
            return ()  # "in support of", "in recognition of": what is done, not fought
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ not in _POSSESSIVES:
            return ()  # "Iraq's fight": its own possessor says whose
        supporting = self.lexicon.supporting_words
        node = token.head.head
        for _ in range(4):
            helpers = [node, *(c for c in node.children if c.dep_ == "dobj")]
            helper = next((h for h in helpers if h.lemma_.lower() in supporting), None)
            if helper is not None:
                found = [
                    a
                    for relation in _SUPPORTED_SLOTS
                    for head in _dependents(helper, relation)
                    for a in _actors_at(head, query.actors)
                ]
                return _unique(found)
            if node.head.i == node.i:
                return ()
            node = node.head
        return ()

    def _possessive_pronoun(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        return _possessor_subject(query.token, query.actors) if query.pos == "NOUN" else ()

    def _governing_subject(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if query.pos in ("NOUN", "ADJ") and (told := self._told_in_relative(query, sides)):
            return told
        found = self._inherited_subject(query.token, query.actors, query.pos)
        suffered = (query.pos == "NOUN" and self._patient_verb(query.token)) or (
            query.pos == "VERB" and _passive_participle(query.token)
        )
        if found and suffered:
            # "Iran faced sanctions", "Sanctioned by the West, Iran ...": the subject
            # suffered the act; it is no doer
            if not sides.targets:
                sides.set("target", found, "subject_suffers")
            return ()
        return found

    def _told_in_relative(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "The drills China launched around Taiwan were an escalation": a noun act whose
        relative clause has a light verb with its own subject is that subject's act, aimed
        where the clause aims it."""
        for clause in query.holder.children:
            if (
                clause.dep_ != "relcl"
                or not self._carries(clause)
                or any(c.dep_ in ("dobj", "nsubjpass") for c in clause.children)
            ):
                continue
            found = _subject_actors(clause, query.actors)
            if not found:
                continue
            if not sides.targets:
                aimed = [
                    a
                    for p in clause.children
                    if p.dep_ == "prep" and p.lower_ in _AIMING_PREPOSITIONS
                    for o in p.children
                    if o.dep_ == "pobj"
                    # "near the Chilean border": a place says whose it is
                    for a in _actors_at(o, query.actors) or _actors_at(o, query.places)
                    if all(not _same_actor(a, f) for f in found)
                ]
                if aimed:
                    sides.set("target", tuple(aimed), "directional_preposition")
            return found
        return ()

    def _meeting_participant(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "After a meeting with Pelosi in Tokyo, Kishida called for ...", "following talks
        with Putin, Erdogan said ...": whoever acts after, during or following a meeting took
        part in it. Only meetings: "after the attack on the embassy, the US ..." is no sign
        that the US attacked."""
        token = query.token
        if query.pos != "NOUN" or query.trigger.type != "CONSULT" or token.dep_ != "pobj":
            return ()
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in token.children):
            return ()  # "following her visit to Benin": the visit is someone else's
        prep = token.head
        if prep.dep_ != "prep" or prep.lower_ not in self.lexicon.circumstantial_prepositions:
            return ()
        if prep.head.pos_ not in ("VERB", "AUX"):
            return ()
        return _subject_actors(prep.head, query.actors)

    def _weapon_only(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "Mortars fired from the area killed four soldiers", "were killed by a roadside
        bomb", "were killed in a car bombing": the text names a weapon and no one behind it.
        The attack is kept with its attacker unknown (as PLOVER codes it); it finds no actor."""
        token = query.token
        if query.trigger.type != "ASSAULT" or query.pos != "VERB":
            return ()
        weapons = self.lexicon.weapon_nouns
        doers = [c for c in token.children if c.dep_ == "nsubj"]
        doers += [
            obj
            for prep in token.children
            if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "in")
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        # "a mortar attack", "a car bomb": the weapon may be the modifier of the doer
        named = [w for d in doers for w in (d, *d.children) if w is d or w.dep_ == "compound"]
        if any(word.lemma_.lower() in weapons for word in named):
            sides.unattributed, sides.source_rule = True, "weapon_only"
        return ()

    def _between_parties(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        between = self._between(query.token, query.actors)
        if len(between) < 2:
            return ()
        sides.reciprocal = True  # "fighting between the Taliban and the Alliance"
        return between

    def _subject_suffers(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        return ()  # set by governing_subject, which alone reads the subject

    def _participle_patient(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if not sides.sources or query.pos != "VERB" or not _passive_participle(query.token):
            return ()
        return _participle_patient(query.token, query.actors)

    def _directional_preposition(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        # "cooperate against ISIS", "spoke with Kyiv against the war": a cooperative act is
        # never aimed at what it is against
        cooperative = self._cooperative(query.trigger)
        prepositions = _COOPERATION_PREPOSITIONS if cooperative else _TARGET_PREPOSITIONS
        if query.trigger.type == "MOBILIZE":
            prepositions |= _SHOW_OF_FORCE_PREPOSITIONS  # "drills around Taiwan"
        found = self._fallback_targets(
            query.holder,  # "military drills around Taiwan": the modifier's noun's phrase
            query.actors,
            where=query.trigger.type in _LOCATED_TYPES,
            prepositions=prepositions,
        )
        return self._not_in_hostile_content(query.token, found) if cooperative else found

    def _not_in_hostile_content(
        self, trigger: Any, found: tuple[ActorToken, ...]
    ) -> tuple[ActorToken, ...]:
        """ "vowed to rid the border of IS militants", "its commitment to defeating ISIL": a
        promise of a hostile act is not aimed at the act's victim (that act is an event of
        its own); an actor reached through such an act below the trigger is left out."""
        kept = []
        for item in found:
            node, hostile = item.token, False
            for _ in range(8):
                if node.i == trigger.i or node.head.i == node.i:
                    break
                node = node.head
                if node.i != trigger.i and node.pos_ == "VERB" and self._hostile_act(node):
                    hostile = True
                    break
            if not hostile:
                kept.append(item)
        return tuple(kept)

    def _hostile_act(self, word: Any) -> bool:
        """Whether a verb is a trigger of hostile acts only ("defeat", "attack"; not "call",
        which also calls for talks)."""
        readings = self.lexicon.triggers_for(word.lemma_.lower(), "VERB")
        return bool(readings) and all(self._sign(t) < 0 for t in readings)

    def _between_target(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        # "mediated between Syria and the PLO": both sides are what it is aimed at
        return self._between(query.token, query.actors) if sides.sources else ()

    def _phrase_position(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if not sides.sources:
            return ()
        cooperative = self._cooperative(query.trigger)
        # "work together against the Shining Path": cooperation is not aimed at its foe
        skipped = self._cooperation_circumstances if cooperative else self._phrase_circumstances
        found = _phrase_target(
            query.holder,
            sides.sources,
            query.actors,
            skipped,
            where=query.trigger.type in _LOCATED_TYPES or self._people,
        )
        return self._not_in_hostile_content(query.token, found) if cooperative else found

    def _cooperative(self, trigger: Trigger) -> bool:
        """Cooperation, which is never aimed at what it is against; an act that undoes a
        hostile one ("ceased its operation against Hamas") is aimed at its target."""
        return self._sign(trigger) > 0 and trigger.type not in _UNDOING_TYPES

    def _sign(self, trigger: Trigger) -> int:
        """A trigger's own polarity, else its type's (0 for a relation statement)."""
        return trigger.polarity or self.ontology[trigger.type].polarity or 0

    def _polarity_of(self, finding: Finding) -> int:
        """A finding's own polarity, else its type's (0 for none)."""
        if finding.polarity is not None:
            return finding.polarity
        return self.ontology[finding.type].polarity or 0

    def _people(self, noun: Any) -> bool:
        """Whether a noun names people, whose place says whose they are ("refugees in
        Liberia", "the parties in Iraq"), rather than a thing or a gathering, which a place
        only locates ("the news conference in Hanoi", "a pipeline in Alaska"). A merged
        actor token ("Afghan refugees") is read by its head noun."""
        lemma = noun.lemma_.lower().rsplit(" ", 1)[-1]
        if lemma in self.lexicon.unimplied_nouns:
            return True
        word = noun.lower_.rsplit(" ", 1)[-1]
        return self.agents is not None and self.agents.sector_of(lemma, word) is not None

    def _object_place(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        return _object_place_target(query.token, sides.sources, query.places)

    def _located_place(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if query.trigger.type not in _LOCATED_TYPES:
            return ()
        return _place_target(query.token, sides.sources, query.places)

    def _pronoun_owner(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "Rwanda said a jet violated its airspace", "fired at their positions": an object
        owned by a pronoun is the speaker's, else the actor the previous sentence was about."""
        slots = _target_slots(query.token)
        slots += [  # "fired shells at its border posts": the object's own preposition
            o
            for slot in slots
            for p in slot.children
            if p.dep_ == "prep" and p.lower_ in _TARGET_PREPOSITIONS
            for o in p.children
            if o.dep_ == "pobj"
        ]
        owned = [
            c
            for slot in slots
            for c in slot.children
            if c.dep_ == "poss" and c.lower_ in _POSSESSIVES
        ]
        if not owned:
            return ()
        clause = query.token if query.token.pos_ in ("VERB", "AUX") else query.token.head
        found = _speaker(clause, query.actors, personal=False)
        fallback = query.context.speaker if owned[0].lower_ == "our" else query.context.antecedent
        if not found and fallback is not None:
            found = (ActorToken(owned[0], fallback),)
        own = {s.mention.actor_id for s in sides.sources}
        return tuple(f for f in found if f.mention.actor_id not in own)

    def _implied_target(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if not sides.sources or not self._hostile(query.trigger):
            return ()
        return self._implied_part(query.token, sides.sources, True, query.context)

    def _hostile(self, trigger: Trigger) -> bool:
        """Whether an act is one a state does to its own people, by the lexicon's
        ``implied_part_types``. Only for such acts is a bare role noun read as a part of the
        other side's own state ("police dispersed the demonstrators"): "Israel backed Kurdish
        rebels" does not make the rebels Israel's, nor does "France recalled its ambassador"
        make a French target."""
        return trigger.type in self.lexicon.implied_part_types

    def _claimed_attack(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "Gunmen attacked a concert hall near Moscow ... The Islamic State claimed
        responsibility", "... ISIS-K was behind the attack": claiming an attack the sentence
        does not name, or naming the doer of "the attack", refers to the latest attack the
        document told, and is aimed at its victims."""
        if query.trigger.type != "ASSAULT" or not sides.sources:
            return ()
        claimed = self.lexicon.claimed_nouns
        token = query.token
        claiming = any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in claimed for c in token.children
        )
        if not claiming and not (
            query.pos == "NOUN" and self._refers_back(token, query.actors) == "ASSAULT"
        ):
            return ()
        own = {s.mention.actor_id for s in sides.sources}
        for earlier in reversed(query.context.prior_acts):
            if earlier.type == "ASSAULT" and earlier.victims:
                victims = [m for m in earlier.victims if m.actor_id not in own]
                return tuple(ActorToken(token, m) for m in victims)
        return ()

    def _responses(self, findings: list[Finding], context: SentenceContext) -> list[Finding]:
        """ "Seoul staged a live-fire drill in response", "Kyiv retaliated with drones": an
        act done in response, with no other side named, is aimed at whoever did the hostile
        act it answers: the latest one, earlier in the sentence or in the last sentences, done
        to the responder, else the latest one done by anyone else. A place struck says whom
        the answer hit, so only a target guessed from a word near the trigger gives way."""
        nouns = self.lexicon.response_nouns
        out = []
        for finding in findings:
            open_target = not finding.targets or finding.target_rule == "phrase_position"
            if finding.sources and open_target and _in_response(finding.trigger, nouns):
                here = [
                    PriorAct(
                        f.type,
                        self._polarity_of(f),
                        tuple(s.mention for s in f.sources),
                        context.index,
                        tuple(t.mention for t in f.targets),
                    )
                    for f in findings
                    if f.trigger.i < finding.trigger.i and f.sources
                ]
                doers = _answered_doers(finding, here, context)
                if doers:
                    finding = dataclasses.replace(
                        finding, targets=doers, target_rule="prior_act_doer"
                    )
            out.append(finding)
        return out

    def _asked_to_stop(
        self, findings: list[Finding], actors: dict[int, list[Mention]], context: SentenceContext
    ) -> list[Finding]:
        """ "Kishida called for an immediate halt to the military exercises", "demanded an end
        to the shelling": asking that an act stop is asked of its doer, named in the sentence
        or, for "the exercises", the latest such act's doer in the story."""
        if not any(f.type == "REQUEST" and not f.targets for f in findings):
            return findings  # most sentences: no request without a target
        by_trigger = {f.trigger.i: f for f in findings}
        out = []
        for finding in findings:
            if finding.type == "REQUEST" and finding.sources and not finding.targets:
                doers = self._doers_of_what_is_to_stop(finding, by_trigger, actors, context)
                if doers:
                    finding = dataclasses.replace(
                        finding, targets=doers, target_rule="prior_act_doer"
                    )
            out.append(finding)
        return out

    def _doers_of_what_is_to_stop(
        self,
        request: Finding,
        by_trigger: dict[int, Finding],
        actors: dict[int, list[Mention]],
        context: SentenceContext,
    ) -> tuple[ActorToken, ...]:
        endings = self.lexicon.ending_nouns
        verb = request.trigger
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [
            o
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "for"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        own = {s.mention.actor_id for s in request.sources}
        for ending in (o for o in objects if o.lemma_.lower() in endings):
            for act in (
                o
                for p in ending.children
                if p.dep_ == "prep" and p.lower_ in ("to", "of")
                for o in p.children
                if o.dep_ == "pobj"
            ):
                done = by_trigger.get(act.i)
                if done is not None and done.sources:
                    named = tuple(s for s in done.sources if s.mention.actor_id not in own)
                    if named:
                        return named
                kind = self._refers_back(act, actors)
                if kind is not None and done is not None:
                    kind = done.type
                doers = _prior_doers(act, kind, own, True, context.prior_acts, context.index)
                if doers:
                    return doers
        return ()

    def _denied_involvements(
        self, findings: list[Finding], context: SentenceContext
    ) -> list[Finding]:
        """ "Kyiv denied any involvement", "Tehran denied any role in the attack": the denier
        says it did not do the act, the one named ("in the attack") or else the latest hostile
        act the story told; that act, by the denier, against its victims, is read as denied
        (negated), beside the denial itself."""
        nouns, denials = self.lexicon.involvement_nouns, modality_cues().denial_verbs
        if not any(f.trigger.lemma_.lower() in denials for f in findings):
            return []  # most sentences deny nothing
        by_trigger = {f.trigger.i: f for f in findings}
        out = []
        for finding in findings:
            verb = finding.trigger
            if not finding.sources or verb.lemma_.lower() not in denials:
                continue
            for noun in (c for c in verb.children if c.dep_ == "dobj"):
                if noun.lemma_.lower() not in nouns:
                    continue
                named = [
                    by_trigger[o.i]
                    for p in noun.children
                    if p.dep_ == "prep" and p.lower_ in ("in", "behind")
                    for o in p.children
                    if o.i in by_trigger
                ]
                act = _denied_act(named, context, finding.sources)
                if act is None:
                    continue
                kind, victims = act
                out.append(
                    Finding(
                        type=kind,
                        trigger=noun,
                        sources=finding.sources,
                        targets=tuple(ActorToken(noun, m) for m in victims),
                        reciprocal=False,
                        polarity=None,
                        intensity=None,
                        cameo=None,
                        pattern=f"{noun.lemma_.lower()} (denied)",
                        certainty=0.8,
                        source_rule="trigger_slot",
                        target_rule="prior_act_doer" if not named else "event_doer",
                        denied=verb.lemma_.lower(),
                    )
                )
        return out

    def _adversary(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        """ "Hamas accepted the truce", "Ecuador released forty prisoners", "Turkey will
        suspend its operations": a de-escalation whose other side the sentence does not name
        is aimed at its doer's latest opponent in the story so far."""
        trigger = query.trigger
        if not sides.sources or not query.context.adversaries:
            return ()
        if trigger.type not in self.lexicon.adversary_types and not self._on_a_truce(query.token):
            return ()
        opponents = dict(query.context.adversaries)
        for source in sides.sources:
            opponent = opponents.get(source.mention.actor_id or "")
            if opponent is not None:
                return (ActorToken(query.token, opponent),)
        return ()

    def _on_a_truce(self, verb: Any) -> bool:
        """Whether an act is done on a truce ("accepted the ceasefire proposal")."""
        truces = self.lexicon.truce_nouns
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            if obj.lemma_.lower() in truces or any(
                c.dep_ in ("compound", "amod") and c.lemma_.lower() in truces for c in obj.children
            ):
                return True
        return False

    def _domestic(self, query: _Query, sides: _Sides) -> tuple[ActorToken, ...]:
        if not sides.sources:
            return ()
        return self._domestic_target(query.token, query.trigger, sides.sources, query.context)

    def _matching_trigger(self, token: Any, pos: str, persons: frozenset[int]) -> Trigger | None:
        candidates = self.lexicon.triggers_for(token.lemma_.lower(), pos)
        if not candidates and pos == "NOUN":
            candidates = self.lexicon.triggers_for(token.lower_, pos)
        best: Trigger | None = None
        best_rank = -1
        for trigger in candidates:
            rank = 0
            if trigger.particle:
                if not _has_particle(token, trigger.particle):
                    continue
                rank += 2
            if trigger.with_object:
                if not _has_object(
                    token, trigger.with_object, self.lexicon.partitive_nouns, persons
                ):
                    continue
                rank += 2
            if trigger.with_clause:
                if not _has_clause(token, trigger.with_clause):
                    continue
                rank += 2
            if rank > best_rank:
                best, best_rank = trigger, rank
        return best

    def _arguments(
        self, trigger: Any, relations: Sequence[str], actors: dict[int, list[Mention]]
    ) -> tuple[ActorToken, ...]:
        found: list[ActorToken] = []
        for relation in relations:
            for head in _dependents(trigger, relation):
                # "a fighter jet from the DRC violated ...": a doer's "from" says whose it is
                found.extend(_actors_at(head, actors, origin=relation == "nsubj"))
        return _unique(found)

    def _projectile_fired(self, token: Any, trigger: Trigger) -> bool:
        """Whether what the trigger fires is a missile or a rocket."""
        if not trigger.with_object:
            return False
        fired = _object_tokens(token, trigger.with_object, self.lexicon.partitive_nouns)
        return any(token.doc[i].lemma_.lower() in self.lexicon.projectiles for i in fired)

    def _leaves_organisation(self, targets: Sequence[ActorToken]) -> bool:
        """Whether every target is an intergovernmental body as a whole (not its force)."""
        bodies = self.agents.organisations if self.agents else frozenset()
        return bool(targets) and all(
            t.mention.actor_id in bodies and t.mention.sector is None for t in targets
        )

    def _between(self, trigger: Any, actors: dict[int, list[Mention]]) -> tuple[ActorToken, ...]:
        found: list[ActorToken] = []
        holders = [trigger]
        if trigger.dep_ in ("nsubj", "dobj", "compound") and trigger.head.i != trigger.i:
            # "fighting took place between X and Y", "a mediation effort between X and Y"
            holders.append(trigger.head)
        # "brokered a ceasefire between X and Y": the parties of what it brought about
        holders += [c for c in trigger.children if c.dep_ == "dobj"]
        for prep in (c for holder in holders for c in holder.children):
            if prep.dep_ == "prep" and prep.lower_ in ("between", "among", "amongst"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found.extend(_actors_at(obj, actors))
        return _unique(found)

    def _armed_force(self, sources: Sequence[ActorToken]) -> bool:
        """Whether every source is an armed body rather than a person: by its sector, or by
        the role noun its name modifies ("NATO peacekeeping troops")."""
        return bool(sources) and all(
            s.mention.person_id is None and self._sector_of(s) in self.lexicon.armed_sectors
            for s in sources
        )

    def _sector_of(self, side: ActorToken) -> str | None:
        if side.mention.sector is not None or self.agents is None:
            return side.mention.sector
        head = side.token.head
        if side.token.dep_ in ("compound", "amod", "nmod") and head.i != side.token.i:
            return self.agents.sector_of(head.lemma_.lower(), head.lower_)
        return None

    def _allies(self, token: Any, actors: dict[int, list[Mention]]) -> tuple[ActorToken, ...]:
        """The parties an armed act is done beside: "alongside X", "on the side of X", "on
        X's side", "together with X" (the markers are the lexicon's ``allied_markers``)."""
        markers = self.lexicon.allied_markers
        found: list[ActorToken] = []
        for prep in token.children:
            if prep.dep_ != "prep":
                continue
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            word = prep.lower_
            if word == "with":
                adverbs = (*prep.children, *token.children)
                if not any(a.dep_ == "advmod" and a.lower_ in markers for a in adverbs):
                    continue
            elif word == "on":
                sides = [o for o in objects if o.lemma_.lower() in markers]
                objects = [c for side in sides for c in side.children if c.dep_ == "poss"]
                objects += [
                    o
                    for side in sides
                    for of in side.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for o in of.children
                    if o.dep_ == "pobj"
                ]
            elif word not in markers:
                continue
            found += [a for o in objects for a in _actors_at(o, actors)]
        return _unique(found)

    def _refers_back(self, word: Any, actors: dict[int, list[Mention]]) -> str | None:
        """What an earlier act a word may stand for: "the seizure" an act of its type,
        "the move", "this" or "it" (``*``) any act; None for a word that names its own doer
        ("its decision", "the move by Paris") or an indefinite one ("a move")."""
        lemma = word.lower_ if word.pos_ == "PRON" else word.lemma_.lower()
        if word.pos_ == "PRON":
            return "*" if lemma in _REFERRING_PRONOUNS else None
        if word.pos_ != "NOUN":
            return None
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in word.children)
        whose = any(
            c.dep_ == "poss"
            or (c.dep_ == "prep" and c.lower_ == "by")
            # "the attacks of the United States": whose, not what
            or (c.dep_ == "prep" and c.lower_ == "of" and _actors_at(c, actors, where=False))
            for c in word.children
        )
        if not definite or whose:
            return None
        if lemma in self.lexicon.act_nouns:
            return "*"
        readings = self.lexicon.triggers_for(lemma, "NOUN")
        return readings[0].type if readings else None

    def _carries(self, verb: Any) -> bool:
        lemma = verb.lemma_.lower()
        return lemma in self.lexicon.light_verbs or lemma in self.lexicon.patient_verbs

    def _patient_verb(self, noun: Any) -> bool:
        """ "Iran faced sanctions", "the town came under attack": the subject suffers it."""
        head = noun.head
        while head.dep_ == "prep" and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubjpass" for c in head.children):
            return True  # "three civilians were killed in a bombing": the subject suffered
        return bool(head.lemma_.lower() in self.lexicon.patient_verbs)

    def _fallback_targets(
        self,
        trigger: Any,
        actors: dict[int, list[Mention]],
        *,
        where: bool = True,
        prepositions: frozenset[str] = _TARGET_PREPOSITIONS,
    ) -> tuple[ActorToken, ...]:
        """Targets the lexicon's relations missed: an actor after a directional preposition
        on the trigger or on its object ("shared evidence with the U.S.", "recalled its
        envoy from Tehran"), or the subject of its clausal complement ("demanded that the
        United States match ...")."""
        found: list[ActorToken] = []
        heads = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "attr"))]
        light_verb = self._light_verb_of(trigger)
        if light_verb is not None:
            # "gave the Ivory Coast $5 million of aid": the recipient is the light verb's.
            found.extend(
                a for c in light_verb.children if c.dep_ == "dative" for a in _actors_at(c, actors)
            )
            heads.append(light_verb)
        for head in heads:
            for prep in head.children:
                if prep.dep_ in ("prep", "dative") and prep.lower_ in prepositions:
                    for obj in prep.children:
                        if obj.dep_ not in ("pobj", "pcomp"):
                            continue
                        if obj.lemma_.lower() in self.lexicon.circumstance_nouns:
                            continue  # "against the backdrop of a morphing ISIS-K threat"
                        found.extend(_actors_at(obj, actors, where=where))
        if not found:
            # "its demand that Israel ease restrictions": a noun's content clause is an acl
            # ("reiterated its demand that ...": or its light verb's)
            clauses = ("ccomp", "xcomp", "acl") if trigger.pos_ == "NOUN" else ("ccomp", "xcomp")
            holders = [trigger] if light_verb is None else [trigger, light_verb]
            for clause in (c for holder in holders for c in holder.children):
                if clause.dep_ in clauses:
                    for subject in clause.children:
                        if subject.dep_ in ("nsubj", "nsubjpass"):
                            found.extend(_actors_at(subject, actors))
        if not found:
            # "threatened to impose restrictions on German goods", "agreed to withdraw from
            # Lebanon": the target of what is threatened or promised.
            for clause in trigger.children:
                if clause.dep_ == "xcomp":
                    for argument in clause.children:
                        if argument.dep_ in ("dobj", "dative"):
                            found.extend(_actors_at(argument, actors))
                        elif argument.dep_ == "prep" and argument.lower_ in _TARGET_PREPOSITIONS:
                            for obj in argument.children:
                                found.extend(_actors_at(obj, actors))
                    for obj in clause.children:
                        if obj.dep_ == "dobj":
                            for prep in obj.children:
                                if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPOSITIONS:
                                    for pobj in prep.children:
                                        found.extend(_actors_at(pobj, actors))
        if not found:
            # "threatened to strike unless Israel withdrew": whoever must meet the condition
            holders = [trigger, *(c for c in trigger.children if c.dep_ == "xcomp")]
            for clause in (c for h in holders for c in _conditions(h, ("unless", "if"))):
                for subject in clause.children:
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        found.extend(_actors_at(subject, actors))
        return _unique(found)

    def _implied_part(
        self, trigger: Any, known: Sequence[ActorToken], as_target: bool, context: SentenceContext
    ) -> tuple[ActorToken, ...]:
        """The other side as a bare role noun of the known side's state ("Egyptian police
        dispersed the demonstrators"): that state's part, told by the noun's sector."""
        if self.agents is None:
            return ()
        anchor = known[0]
        state = anchor.mention.actor_id
        if anchor.mention.sector is None and state not in self.agents.states:
            return ()  # only a state has parts; a group's "fighters" are the group
        slots = _target_slots(trigger) if as_target else _source_slots(trigger)
        # An unknown name's title says its part: "Judge Ana Ruiz" is the judiciary.
        slots = [
            word
            for node in slots
            for word in (node, *(c for c in node.children if c.dep_ == "compound"))
        ]
        for node in slots:
            if node.lemma_.lower() in self.lexicon.unimplied_nouns:
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in node.children):
                continue  # "the citizens of the free world" say whose they are: not bare
            sector = self.agents.sector_of(node.lemma_.lower(), node.lower_)
            if sector is None or sector == anchor.mention.sector:
                continue
            start = context.offset + node.idx
            mention = Mention(
                sentence=context.index,
                start=start,
                end=start + len(node.text),
                text=node.text,
                actor_id=state,
                resolution="implied",
                sector=sector,
                confidence=0.6,
            )
            return (ActorToken(node, mention),)
        return ()

    def _domestic_target(
        self,
        token: Any,
        trigger: Trigger,
        sources: Sequence[ActorToken],
        context: SentenceContext,
    ) -> tuple[ActorToken, ...]:
        """ "Thousands of Iraqi Kurds demonstrated in Kirkuk": with no target named, a
        protest is aimed at the protesters' own government and a curfew at the country's
        people (the lexicon's ``domestic_targets``). The target has no words of its own."""
        cameo = trigger.cameo or ""
        sector = next(
            (
                self.lexicon.domestic_targets[cameo[:n]]
                for n in (4, 3, 2)
                if cameo[:n] in self.lexicon.domestic_targets
            ),
            None,
        )
        if sector is None or self.agents is None:
            return ()
        anchor = sources[0].mention
        # A state named as such is its government; a people named by demonym is not.
        own = anchor.sector or (None if anchor.resolution in ("demonym", "residence") else "GOV")
        if anchor.actor_id not in self.agents.states or own == sector:
            return ()
        start = context.offset + token.idx
        implied = Mention(
            sentence=context.index,
            start=start,
            end=start,
            text="",
            actor_id=anchor.actor_id,
            resolution="implied",
            sector=sector,
            confidence=0.7,
        )
        return (ActorToken(token, implied),)

    def _light_verb_of(self, noun: Any) -> Any | None:
        """The light verb a noun trigger is the object of ("gave $5 million of aid",
        "signed a deal"), through partitive "of" phrases; None for verbs and other nouns."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        node = noun
        for _ in range(3):
            if (
                node.dep_ not in ("dobj", "pobj", "prep", "attr", "compound")
                or node.head.i == node.i
            ):
                return None
            node = node.head
            if node.pos_ == "VERB":
                return node if self._carries(node) else None
        return None

    def _inherited_subject(
        self, token: Any, actors: dict[int, list[Mention]], pos: str
    ) -> tuple[ActorToken, ...]:
        """The subject a trigger shares with the verb that governs it.

        "Iran decided to attack", "X attacked Y and killed Z", "ISIS-K, which perpetrated
        the attack", "Tehran upgraded its security cooperation": the actor is the subject of
        a governing verb, the noun a relative clause hangs on, or a possessor.
        """
        current = token
        for _ in range(3):
            if pos == "VERB" and _own_subject(current):
                return ()  # "Iran said the militia attacked": the clause has its own doer
            if current.dep_ == "relcl":
                return _actors_at(current.head, actors)
            if current.dep_ == "acl":
                # "accusations by Tajik authorities linking Iran to ...": the noun's agent
                noun = current.head
                agents = [
                    a
                    for prep in noun.children
                    if prep.dep_ in ("prep", "agent") and prep.lower_ == "by"
                    for obj in prep.children
                    for a in _actors_at(obj, actors)
                ]
                agents += [
                    a for c in noun.children if c.dep_ == "poss" for a in _actors_at(c, actors)
                ]
                found = _unique(agents) or _actors_at(noun, actors)
                to_infinitive = current.tag_ == "VB" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in current.children
                )
                if (
                    not found
                    and (current.tag_ == "VBG" or to_infinitive)
                    and noun.dep_ == "dobj"
                    and noun.head.pos_ == "VERB"
                    and not self.lexicon.triggers_for(noun.lemma_.lower(), "NOUN")
                ):
                    # "the PKK issued a declaration demanding ...", "sixteen countries issued
                    # a statement to condemn ...": the statement's author ("an appeal to lay
                    # down arms", itself a request, says what another is to do: not this)
                    found = _subject_actors(noun.head, actors)
                return found
            head = current.head
            if head.i == current.i:
                return ()
            if pos == "VERB" and (controller := _controller(current, actors)):
                return controller
            if pos == "VERB" and current.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acomp"):
                # "acomp": "France is ready to contribute troops" (the adjective's subject)
                return ()
            if pos == "NOUN" and current.dep_ not in (*_LIGHT_VERB_DEPS, "prep", "acomp"):
                return ()
            if (
                pos == "NOUN"
                and current.dep_ == "prep"
                and current.lower_ in ("for", "of", "over")
                and head.pos_ == "VERB"
                and any(t.type == "ACCUSE" for t in self.lexicon.triggers_for(head.lemma_, "VERB"))
            ):
                # "Chad blamed Sudan for the attack": the accused did it
                return _subject_actors(head, actors, ("dobj", "nsubjpass"))
            if pos == "NOUN" and head.pos_ == "ADJ" and self._carries(head):
                # "ISIS is responsible for the attack": the adjective lends its subject;
                # "Seoul held Pyongyang responsible for the blast": it is said of the object
                held = [c for c in head.head.children if c.dep_ == "dobj"]
                if held and head.dep_ in _COMPLEMENT_DEPS:
                    return _actors_at(held[0], actors)
                return _subject_actors(head.head, actors)
            if (
                pos == "NOUN"
                and current.dep_ == "prep"
                and self._carries(current)
                and head.pos_ in ("VERB", "AUX")
            ):
                # "ISIS-K was behind the attack": the preposition lends the subject
                return _subject_actors(head, actors)
            if (
                pos == "NOUN"
                and head.pos_ in ("VERB", "AUX")
                and not self._carries(head)
                and not any(c.dep_ == "nsubjpass" for c in head.children)
            ):
                # "Iran condemned the attack": the attack is not Iran's. Only a light verb
                # ("launched an attack", "signed a deal") or a verb of suffering ("faced
                # sanctions") lends its subject to the noun.
                return ()
            if head.pos_ in ("VERB", "AUX"):
                found = _subject_actors(head, actors, ("nsubj", "nsubjpass"))
                if found:
                    return found
                if head.dep_ == "relcl":
                    return _actors_at(head.head, actors)
            current = head
        return ()

    # -- accusations by label -------------------------------------------------------------

    def _labels(
        self, doc: Any, actors: dict[int, list[Mention]], context: SentenceContext
    ) -> Iterator[Finding]:
        """ "Tokyo called the move extremely regrettable", "Kinshasa branded the shooting an
        act of aggression", "Blinken said the drills China launched were an escalation":
        putting a condemning label on an actor's act accuses that actor (CAMEO 111)."""
        lexicon = self.lexicon
        for label in (doc[i] for i in tokens_among(doc, lexicon.condemning_words, ("LEMMA",))):
            found = _labelled(label, lexicon.labelling_verbs)
            if found is None:
                continue
            verb, thing = found
            sources = (
                _subject_actors(verb, actors)
                or _pronoun_subject(verb, context.antecedent, actors, context.speaker)
                # "Mali expelled the envoy after describing the remarks as hostile"
                or self._inherited_subject(verb, actors, "VERB")
            )
            targets, rule = _owners(thing, actors, verb, self._people), "event_doer"
            if sources and not targets:
                # "described her visit to the island as a provocation"
                targets = _personal_owner(thing, actors, context.person)
                rule = "pronoun_owner"
            if sources and not targets:
                # "Uruguay called it an unprovoked attack": the act an earlier sentence told
                kind = self._refers_back(thing, actors)
                own = {s.mention.actor_id for s in sources}
                targets = _prior_doers(thing, kind, own, True, context.prior_acts, context.index)
                rule = "prior_act_doer"
            if not sources or not targets:
                continue
            how = f"{label.lemma_.lower()} (label)"
            yield _accusation(verb, sources, targets, "111", how, rule)

    # -- relation-state statements ---------------------------------------------------------

    def _relations(self, doc: Any, actors: dict[int, list[Mention]]) -> Iterator[Finding]:
        lexicon = self.lexicon
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ == "NOUN" and lemma in lexicon.relation_nouns:
                parties = self._relation_parties(token, actors)
                if len(parties) < 2:
                    continue
                polarity = self._relation_polarity(token)
                if polarity is None:
                    continue
                yield Finding(
                    "RELATION",
                    token,
                    tuple(parties[:1]),
                    tuple(parties[1:2]),
                    True,
                    polarity,
                    None,
                    None,
                    f"relation/{lemma}",
                )
            elif token.pos_ == "VERB" and lemma in lexicon.perception_verbs:
                finding = self._perception(token, actors)
                if finding is not None:
                    yield finding
            elif token.pos_ == "NOUN" and token.dep_ in ("attr", "oprd", "appos"):
                finding = self._role_statement(token, actors)
                if finding is not None:
                    yield finding

    def _role_statement(self, noun: Any, actors: dict[int, list[Mention]]) -> Finding | None:
        """ "Tehran and Kabul are allies", "Baku became Israel's closest partner", "Riyadh is
        a rival of Tehran": what one actor is to another, said with a copula or apposition."""
        lemma = noun.lemma_.lower()
        if lemma in self.lexicon.ally_nouns:
            polarity = 1
        elif lemma in self.lexicon.enemy_nouns:
            polarity = -1
        else:
            return None
        holder = noun.head
        parties: list[ActorToken] = []
        if noun.dep_ == "appos":
            parties.extend(_actors_at(holder, actors))
        else:
            for subject in (c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")):
                parties.extend(_actors_at(subject, actors))
        for child in noun.children:
            if child.dep_ == "poss":
                parties.extend(_actors_at(child, actors))
            elif child.dep_ == "prep" and child.lower_ in ("of", "to", "with", "for"):
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    parties.extend(_actors_at(obj, actors))
        found = _unique(parties)
        if len(found) < 2:
            return None
        return Finding(
            "RELATION",
            noun,
            found[:1],
            found[1:2],
            True,
            polarity,
            None,
            None,
            f"role/{lemma}",
        )

    def _relation_parties(self, noun: Any, actors: dict[int, list[Mention]]) -> list[ActorToken]:
        parties: list[ActorToken] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                parties.extend(_actors_at(child, actors))
            elif child.dep_ == "prep" and child.lower_ in ("between", "with", "among", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        parties.extend(_actors_at(obj, actors))
        if noun.dep_ in ("dobj", "attr") and len(parties) < 2:
            for subject in (c for c in noun.head.children if c.dep_ == "nsubj"):
                parties = list(_actors_at(subject, actors)) + parties
        return list(_unique(parties))

    def _relation_polarity(self, noun: Any) -> int | None:
        lexicon = self.lexicon
        lemma = noun.lemma_.lower()
        words = [c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")]
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass"):
            words.append(head.lemma_.lower())
            words += [
                " ".join([head.lemma_.lower(), *(t.lower_ for t in c.subtree)])
                for c in head.children
                if c.dep_ in ("dobj", "acomp", "attr", "prt", "advmod", "oprd", "xcomp")
            ]
            words += [
                c.lemma_.lower()
                for c in head.children
                if c.dep_ in ("acomp", "attr", "oprd", "advmod", "xcomp", "dobj")
            ]
        elif noun.dep_ == "dobj":
            words.append(head.lemma_.lower())
        elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
            words.append(head.head.lemma_.lower())  # "the deterioration of relations"
        if any(_phrase_in(word, lexicon.negative_relation) for word in words):
            return -1
        if any(_phrase_in(word, lexicon.positive_relation) for word in words):
            return 1
        if lemma in lexicon.negative_relation_nouns:
            return -1
        if lemma in lexicon.positive_relation_nouns:
            return 1
        return None

    def _perception(self, verb: Any, actors: dict[int, list[Mention]]) -> Finding | None:
        """ "X perceives Y as a threat", "X sees Y as an ally", "X viewed Y with suspicion"."""
        subjects = [a for c in verb.children if c.dep_ == "nsubj" for a in _actors_at(c, actors)]
        objects = [a for c in verb.children if c.dep_ == "dobj" for a in _actors_at(c, actors)]
        if not subjects or not objects:
            return None
        polarity = self._perceived_polarity(verb)
        if not polarity:
            return None
        return Finding(
            "RELATION",
            verb,
            (subjects[0],),
            (objects[0],),
            False,
            polarity,
            None,
            None,
            f"perception/{verb.lemma_.lower()}",
        )

    def _perceived_polarity(self, verb: Any) -> int:
        lexicon = self.lexicon
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if prep.lower_ == "with":
                    lemma = obj.lemma_.lower()
                    if lemma in lexicon.negative_relation_nouns:
                        return -1
                    if lemma in lexicon.positive_relation_nouns:
                        return 1
                elif prep.lower_ == "as":
                    words = {t.lemma_.lower() for t in obj.subtree}
                    if words & lexicon.enemy_nouns:
                        return -1
                    if words & lexicon.ally_nouns:
                        return 1
        return 0

    # -- records -------------------------------------------------------------------------

    def _events(
        self, finding: Finding, modality: Modality, context: SentenceContext
    ) -> Iterator[Event]:
        kind = self.ontology[finding.type]
        if finding.demanded and modality.value in ("asserted", "future"):
            modality = dataclasses.replace(modality, value="reported", hedged=True, cue="demanded")
        polarity = finding.polarity if finding.polarity is not None else kind.polarity
        coded_as: str | None = None
        if modality.refused and (polarity or 0) > 0 and finding.type != "RELATION":
            # A refusal to cooperate is an act of its own: "declined to meet" is REJECT.
            coded_as = "REJECT"
        elif modality.refused:
            # "refused to attack": the attack did not happen; say so.
            modality = dataclasses.replace(modality, value="negated", refused=False)
        elif modality.intended and finding.type not in _INTENT_TYPES:
            # PLOVER codes what an actor says it will do as intent: cooperation to come is
            # AGREE, conflict to come is THREATEN. The act itself stays in the trace.
            # "will withdraw its force unless the president agrees": an act held out as a
            # penalty for not complying is a threat, whatever the act.
            positive = (polarity or 0) > 0 and not _unless(finding.trigger)
            coded_as = "AGREE" if positive else "THREATEN"
        if coded_as is not None:
            finding = dataclasses.replace(
                finding,
                type=coded_as,
                polarity=None,
                cameo=None,
                intensity=None,
                pattern=f"{finding.pattern} ({_coding_reason(modality)}: {finding.type})",
            )
            kind = self.ontology[coded_as]
        sources, targets = finding.sources, finding.targets
        pairs: list[tuple[ActorToken | None, ActorToken | None]]
        if finding.reciprocal and not targets and len(sources) >= 2:
            pairs = [
                (a, b)
                for i, a in enumerate(sources[:_MAX_PAIRS_ACTORS])
                for b in sources[i + 1 : _MAX_PAIRS_ACTORS]
            ]
            reciprocal = True
        else:
            pairs = [(s, t) for s in sources or (None,) for t in targets or (None,)]
            reciprocal = finding.reciprocal and bool(sources) and bool(targets)
        for source, target in pairs:
            if (
                source is not None
                and target is not None
                and source.mention.actor_id == target.mention.actor_id
            ):
                if not _two_parts_of_one_state(source, target):
                    continue  # "Japan's prime minister ... in Tokyo": one actor named twice
                if (polarity or 0) > 0 and _own_state(source, target):
                    # "Rahmon welcomed ... between Tajikistan and Iran", "Akayev agreed to
                    # resign without returning to Kyrgyzstan": a government is no partner of
                    # its own state; the act stays, without that target.
                    target = None
            if finding.type == "PROTEST" and source is not None and _speaks_for_a_state(source):
                # "Tokyo strongly protested", "lodged a solemn protest": PLOVER's PROTEST is
                # civil dissent; a government's protest is a complaint, CAMEO 11 (ACCUSE)
                complaint = dataclasses.replace(
                    finding,
                    type="ACCUSE",
                    cameo="111",
                    intensity=None,
                    pattern=f"{finding.pattern} (a government's protest: ACCUSE)",
                )
                yield self._record(
                    complaint, self.ontology["ACCUSE"], source, target, False, modality, context
                )
                continue
            yield self._record(finding, kind, source, target, reciprocal, modality, context)

    def _record(
        self,
        finding: Finding,
        kind: EventType,
        source: ActorToken | None,
        target: ActorToken | None,
        reciprocal: bool,
        modality: Modality,
        context: SentenceContext,
    ) -> Event:
        polarity = finding.polarity if finding.polarity is not None else kind.polarity or 0
        intensity = finding.intensity if finding.intensity is not None else kind.intensity
        if finding.type == "RELATION":
            intensity = 3.0 * polarity
        confidence = 0.8 * finding.certainty
        for side in (source, target):
            if side is None:
                confidence -= 0.15
            else:
                confidence *= 0.5 + 0.5 * side.mention.confidence
        if modality.hedged or modality.value == "future":
            confidence *= 0.8  # what may or will happen is less sure than what did
        # The main clause carries the sentence's news; subordinate triggers are less sure,
        # and a purpose ("staged a strike to demand reforms") is aimed at, not done.
        depth = sum(1 for _ in finding.trigger.ancestors)
        confidence *= max(0.5, 1.0 - 0.07 * depth)
        if _in_purpose_clause(finding.trigger):
            confidence *= 0.85
        if any(t.dep_ == "relcl" for t in (finding.trigger, *finding.trigger.ancestors)):
            confidence *= 0.85  # "Hamas, which advocates ...": a relative clause is background
        if finding.embedded:
            confidence *= 0.85  # the main event of the sentence is the one on top
        trigger = finding.trigger
        time, time_origin = _clause_time(trigger, context)
        if (
            time is not None
            and context.published is not None
            and time.end > context.published
            and (modality.value != "future" or modality.intended)
            and time_origin == "sentence"
        ):
            # "agreed to buy soybeans over the next three years": what is to come, not when
            # the act was done or the intent stated; nothing done (and no promise or threat
            # made) is dated after the document that tells it
            time, time_origin = context.fallback_time, context.fallback_origin
        if time_origin == "document" and context.section_time and _past_narrative(trigger):
            time, time_origin = context.section_time, "section"
        start = context.offset + trigger.idx
        source_id = source.mention.actor_id if source else None
        target_id = target.mention.actor_id if target else None
        key = f"{context.doc_id}|{context.index}|{source_id}|{finding.type}|{target_id}|{polarity}"
        trace = {
            "pattern": finding.pattern,
            "trigger": trigger.text,
            "source": _trace_actor(source),
            "target": _trace_actor(target),
            "source_rule": finding.source_rule,
            "target_rule": finding.target_rule,
            "modality_cue": modality.cue,
            "time_origin": time_origin,
        }
        if finding.embedded:
            trace["embedded"] = True
        return Event(
            id=hashlib.sha256(key.encode()).hexdigest()[:16],
            doc_id=context.doc_id,
            sentence=context.index,
            source_id=source_id,
            target_id=target_id,
            type=finding.type,
            cameo_root=(finding.cameo or kind.cameo_root or "")[:2] or None,
            quad_class=kind.quad_class,
            intensity=float(intensity),
            polarity=polarity,
            modality=modality.value,
            hedged=modality.hedged,
            asserted_by=modality.asserted_by,
            reciprocal=reciprocal,
            time_start=time.start if time else None,
            time_end=time.end if time else None,
            time_precision=str(time.precision) if time else None,
            time_text=time.text if time else None,
            time_origin=time_origin,
            trigger_start=start,
            trigger_end=start + len(trigger.text),
            source_start=source.mention.start if source else None,
            source_end=source.mention.end if source else None,
            # an implied target has no words of its own (see _domestic_target)
            target_start=target.mention.start if target and target.mention.text else None,
            target_end=target.mention.end if target and target.mention.text else None,
            confidence=round(max(confidence, 0.05), 3),
            extractor=EXTRACTOR,
            extractor_version=self.version,
            trace=json.dumps(trace, ensure_ascii=False),
        )


_DEMAND_LINKS = frozenset({"ccomp", "xcomp", "acl", "advcl", "pobj", "prep", "pcomp"})


# Reactions aimed at an act are aimed at whoever did it.
_REACTION_TYPES = frozenset({"ACCUSE", "PROTEST", "REJECT", "SUPPORT"})
_ACT_PREPOSITIONS = frozenset({"against", "over", "for", "of", "on"})


def _aimed_at_doers(
    findings: list[Finding],
    actors: dict[int, list[Mention]],
    prior: Sequence[PriorAct] = (),
    refers_back: Callable[[Any], str | None] = lambda noun: None,
    sentence: int = 0,
) -> list[Finding]:
    """ "Iran condemned strikes on Yemen by US and British forces", "Egypt denounced the
    Israeli takeover", "welcomed the agreement between Kenya and Somalia": a reaction to an
    act is aimed at the act's doers, not at its victims or its place. When the sentence names
    no doer ("Egypt condemned the seizure", "Seoul welcomed the move"), the act is the one an
    earlier sentence told (see ``_prior_doers``)."""
    by_trigger = {f.trigger.i: f for f in findings}
    out = []
    for finding in findings:
        if finding.type in _REACTION_TYPES and finding.sources:
            verb = finding.trigger
            # "condemned strikes on Yemen by US forces": an active verb's "by" is its
            # object's (the parser often hangs it on the verb)
            misplaced = (
                [
                    o
                    for p in verb.children
                    if p.dep_ == "prep" and p.lower_ == "by"
                    for o in p.children
                ]
                if any(c.dep_ == "nsubj" for c in verb.children)
                else []
            )
            acts = [
                c
                for c in finding.trigger.children
                if c.dep_ in ("dobj", "nsubjpass", "xcomp", "ccomp")
            ]
            acts += [
                o
                for p in finding.trigger.children
                if p.dep_ == "prep" and p.lower_ in _ACT_PREPOSITIONS
                for o in p.children
                if o.dep_ == "pobj"
            ]
            for act in acts:
                done = by_trigger.get(act.i)
                if done is None:
                    continue
                own = {s.mention.actor_id for s in finding.sources}
                named = done.sources or tuple(a for o in misplaced for a in _actors_at(o, actors))
                doers = tuple(s for s in named if s.mention.actor_id not in own)
                if doers:
                    finding = dataclasses.replace(finding, targets=doers, target_rule="event_doer")
                    break
                if named and finding.trigger.lemma_.lower() in modality_cues().denial_verbs:
                    # "Rwanda denied supporting the M23": denying its own act rejects whoever
                    # alleged it, not the act's other party
                    finding = dataclasses.replace(finding, targets=(), target_rule=None)
                    break
            else:
                for act in acts:
                    done = by_trigger.get(act.i)
                    victims = {t.mention.actor_id for t in done.targets} if done else set()
                    if finding.target_rule not in _GUESSED_TARGETS and any(
                        t.mention.actor_id not in victims for t in finding.targets
                    ):
                        break  # the reaction names its own target
                    if done is not None and done.sources:
                        continue
                    kind = refers_back(act)
                    hostile = (finding.polarity or 0) < 0
                    if kind == "*" and act.pos_ == "PRON" and not hostile:
                        continue  # "approved it": what "it" is for a welcome is anyone's guess
                    if kind is not None and done is not None:
                        kind = done.type
                    own = {s.mention.actor_id for s in finding.sources}
                    doers = _prior_doers(act, kind, own, hostile, prior, sentence)
                    if doers:
                        finding = dataclasses.replace(
                            finding, targets=doers, target_rule="prior_act_doer"
                        )
                        break
        out.append(finding)
    return out


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
# Targets the last-resort rules guess from words near the trigger: a reaction to an act told
# earlier ("condemned the expulsions, calling the treatment of Afghan refugees ...") is aimed
# at its doer rather than at such a guess.
_GUESSED_TARGETS = frozenset({"phrase_position", "object_place", "located_place"})
# Nouns a date can modify and still date the clause: "Thursday night", "the 2020 summer"
_TIME_NOUNS = frozenset(
    {
        "night",
        "morning",
        "evening",
        "afternoon",
        "weekend",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
    }
)
# How far back "the move" or "it" may refer: the sentence before and a few more.
_GENERIC_REFERENCE_SENTENCES = 3
_REFERRING_PRONOUNS = frozenset({"it", "this", "that"})


def _denied_act(
    named: list[Finding], context: SentenceContext, deniers: tuple[ActorToken, ...]
) -> tuple[str, tuple[Mention, ...]] | None:
    """The act a denial of involvement is about, as (type, victims): the one the sentence
    names, else the latest hostile act with victims of the last few sentences."""
    own = {d.mention.actor_id for d in deniers}
    for act in named:
        victims = tuple(t.mention for t in act.targets if t.mention.actor_id not in own)
        if victims:
            return act.type, victims
    # the story's attack, however far back; else its latest hostile act, if recent
    latest: tuple[str, tuple[Mention, ...]] | None = None
    for earlier in reversed(context.prior_acts):
        victims = tuple(m for m in earlier.victims if m.actor_id not in own)
        if earlier.polarity >= 0 or not victims:
            continue
        if earlier.type == "ASSAULT":
            return earlier.type, victims
        if latest is None and context.index - earlier.sentence <= _GENERIC_REFERENCE_SENTENCES:
            latest = earlier.type, victims
    return latest


def _in_response(trigger: Any, nouns: frozenset[str]) -> bool:
    """Whether the act is told as a response: the trigger is a verb of responding itself
    ("retaliated", "hit back"), or it, its light verb or its noun's verb carries "in
    response", "in retaliation" with nothing said to be responded to."""
    if trigger.lemma_.lower() in nouns and trigger.pos_ == "VERB":
        return not any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in trigger.children)
    holders = [trigger, trigger.head] if trigger.dep_ in ("dobj", "nsubjpass") else [trigger]
    # "In response, it said Seoul held a drill": the answer is told over the report of it
    while holders[-1].dep_ in ("ccomp", "xcomp") and holders[-1].head.i != holders[-1].i:
        holders.append(holders[-1].head)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "as"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in nouns:
                    return not any(c.dep_ == "prep" for c in noun.children)
    return False


def _answered_doers(
    finding: Finding, earlier_here: Sequence[PriorAct], context: SentenceContext
) -> tuple[ActorToken, ...]:
    """The doers of the hostile act a response answers (see ``EventExtractor._responses``):
    ``earlier_here`` are the acts told before it in its own sentence."""
    own = {s.mention.actor_id for s in finding.sources}
    anchor = finding.trigger
    recent = [
        act
        for act in (*context.prior_acts, *earlier_here)
        if context.index - act.sentence <= _GENERIC_REFERENCE_SENTENCES and act.polarity < 0
    ]
    for wanted_victim in (True, False):
        for act in reversed(recent):
            if wanted_victim and not any(v.actor_id in own for v in act.victims):
                continue
            doers = tuple(ActorToken(anchor, m) for m in act.doers if m.actor_id not in own)
            if doers:
                return doers
    return ()


def _prior_doers(
    act: Any,
    kind: str | None,
    own: set[str | None],
    hostile: bool,
    prior: Sequence[PriorAct],
    sentence: int,
) -> tuple[ActorToken, ...]:
    """The doers of the earlier act a word refers back to (``kind``, from
    ``EventExtractor._refers_back``): "the seizure" the document's latest act of its type,
    "the move" or "it" (kind "*", which says less) the latest hostile act of the last few
    sentences for a ``hostile`` reaction (a condemnation), any act for a welcome. Never the
    reacting actors' (``own``) acts."""
    if kind is None:
        return ()
    for earlier in reversed(prior):
        if kind != "*" and earlier.type != kind:
            continue
        if kind == "*" and sentence - earlier.sentence > _GENERIC_REFERENCE_SENTENCES:
            break
        if kind == "*" and hostile and earlier.polarity >= 0:
            continue  # "condemned the move": a hostile move
        doers = tuple(ActorToken(act, m) for m in earlier.doers if m.actor_id not in own)
        if doers:
            return doers
    return ()


# Where a word of support names whom it supports: "backed Kyiv", "support for/of Iraq",
# "stand with the government", "assistance to Mali"
_SUPPORTED_SLOTS = ("dobj", "prep:for", "prep:of", "prep:to", "prep:with", "prep:behind")
# The target rules that find whom an attack befell (not where it happened or a word near it)
_VICTIM_RULES = frozenset(
    {"trigger_slot", "object_place", "subject_suffers", "participle_patient", "pronoun_owner"}
)
# Hostile acts whose report by their victim is an accusation of the doer.
_ACCUSABLE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "REJECT", "THREATEN"})


def _accusations_by_report(
    findings: list[Finding], actors: dict[int, list[Mention]]
) -> list[Finding]:
    """ "Rwanda said a fighter jet from the DRC violated its airspace", "Seoul said the North
    fired shells at its border posts": an actor that reports a hostile act against itself
    accuses the doer (CAMEO 112), whether or not the act happened."""
    speaking = modality_cues().speaking_verbs
    told: set[tuple[str | None, str | None]] = {
        (s.mention.actor_id, t.mention.actor_id)
        for f in findings
        if f.type == "ACCUSE"
        for s in f.sources
        for t in f.targets
    }
    out: list[Finding] = []
    for finding in findings:
        if finding.type not in _ACCUSABLE_TYPES or not finding.sources or not finding.targets:
            continue
        verb = _reporting_verb(finding.trigger, speaking)
        if verb is None:
            continue
        speakers = _subject_actors(verb, actors)
        victims = {t.mention.actor_id for t in finding.targets}
        accusers = tuple(s for s in speakers if s.mention.actor_id in victims)
        doers = tuple(
            d
            for d in finding.sources
            if d.mention.actor_id not in {a.mention.actor_id for a in accusers}
        )
        pairs = {(a.mention.actor_id, d.mention.actor_id) for a in accusers for d in doers}
        if not accusers or not doers or pairs <= told:
            continue
        told |= pairs
        act = finding.trigger.lemma_.lower()
        out.append(_accusation(verb, accusers, doers, "112", f"{act} (victim's report)"))
    return out


def _accusation(
    verb: Any,
    accusers: tuple[ActorToken, ...],
    accused: tuple[ActorToken, ...],
    cameo: str,
    how: str,
    target_rule: str = "event_doer",
) -> Finding:
    """An accusation read off another construction than a trigger of its own: the speaker's
    verb is its trigger, and the accused are the doers of what it is about."""
    return Finding(
        type="ACCUSE",
        trigger=verb,
        sources=accusers,
        targets=accused,
        reciprocal=False,
        polarity=None,
        intensity=None,
        cameo=cameo,
        pattern=f"{verb.lemma_.lower()} … {how}",
        source_rule="trigger_slot",
        target_rule=target_rule,
    )


def _reporting_verb(trigger: Any, verbs: frozenset[str]) -> Any | None:
    """The verb of saying whose content clause holds the trigger, if any."""
    node = trigger
    for _ in range(4):
        if node.dep_ not in ("ccomp", "conj", "xcomp", "dobj", "nsubj") or node.head.i == node.i:
            return None
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in verbs:
            return node.head
        node = node.head
    return None


# Verbs that, like "be", say what their subject is: "the visit constitutes interference"
_LABEL_COPULAS = frozenset({"constitute", "represent"})


def _labelled(label: Any, verbs: frozenset[str]) -> tuple[Any, Any] | None:
    """The verb that puts a label on a thing, and the thing: "called [the move] regrettable",
    "branded [the shooting] an act of aggression", "described [the remarks] as hostile",
    "said [the drills] were an escalation"."""
    node = label
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "arbitrary and illegal"
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        node = node.head.head if node.head.lower_ == "of" else node  # "an act of aggression"
    if node.dep_ == "pobj" and node.head.lower_ in ("as", "to"):
        node = node.head  # "described the visit as a provocation", "amounts to aggression"
    if node.dep_ == "amod" and node.head.dep_ in ("oprd", "attr", "xcomp"):
        node = node.head  # "called it [an unprovoked attack]"
    head = node.head
    if node.dep_ == "amod" and head.lower_ == "as":
        node, head = head, head.head  # "described the remarks as hostile"
    if node.dep_ == "prep" and node.lower_ == "as":
        head = node.head
    if head.lemma_.lower() in verbs and node.dep_ in ("oprd", "xcomp", "dobj", "prep", "ccomp"):
        things = [c for c in head.children if c.dep_ == "dobj" and c.i != node.i]
        if head.dep_ == "relcl" and (not things or things[0].tag_ in ("WDT", "WP")):
            return head, head.head  # "the elections that Abiy's government deemed illegal"
        if things:
            return head, things[0]
        # "called [the junta] illegitimate", which the parser may read as one noun phrase
        # "the junta illegitimate"
        inside = [
            c
            for c in node.children
            if c.i < node.i
            and c.dep_ in ("compound", "det", "poss", "nmod")
            # a noun, or an actor's name merged into one token ("the junta", "Mali's junta")
            and (c.pos_ in ("NOUN", "PROPN") or " " in c.text)
        ]
        if node.dep_ in ("oprd", "xcomp") and inside:
            return head, inside[0]
        if node.dep_ == "dobj" and node.head.dep_ == "dobj":
            return node.head.head, node.head  # "called Pelosi's visit a gross interference"
    if node.dep_ == "dobj" and head.dep_ == "dobj" and head.head.lemma_.lower() in verbs:
        return head.head, head
    copula = (node.dep_ in ("attr", "acomp") and head.lemma_.lower() == "be") or (
        # "said the visit constitutes gross interference", "amounts to aggression"
        (node.dep_ == "dobj" and head.lemma_.lower() in _LABEL_COPULAS)
        or (node.dep_ == "prep" and node.lower_ == "to" and head.lemma_.lower() == "amount")
    )
    if copula:
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        speech = head.head
        if subjects and head.dep_ == "ccomp" and speech.lemma_.lower() in verbs:
            return speech, subjects[0]
    return None


def _personal_owner(
    thing: Any, actors: dict[int, list[Mention]], person: Mention | None
) -> tuple[ActorToken, ...]:
    """Whose "his" or "her" thing is: the person named last before it in its sentence, else
    the one the document named last (``person``)."""
    owner = next((c for c in thing.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ not in ("his", "her"):
        return ()
    for i in range(owner.i - 1, owner.sent.start - 1, -1):
        for mention in actors.get(i, ()):
            if mention.person_id is not None:
                return (ActorToken(owner, mention),)
    return (ActorToken(owner, person),) if person is not None else ()


def _owners(
    thing: Any,
    actors: dict[int, list[Mention]],
    labelling: Any | None = None,
    people: Callable[[Any], bool] = lambda noun: False,
) -> tuple[ActorToken, ...]:
    """Whose a labelled thing is: the actor named by it or in its phrase ("Pelosi's visit",
    "the remarks by Paris", "the Israeli takeover"), the subject of its relative clause
    ("the drills China launched"), or, when the label is put on it in a relative clause of
    its own (``labelling``), the doer of the clause it stands in ("Tigrayan leaders went
    ahead with elections that Abiy's government deemed illegal"). People after "of" are
    what the act befalls, not whose it is ("the treatment of Afghan refugees")."""
    befallen = {
        o.i
        for p in thing.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and people(o)
    }
    found = tuple(
        a
        for a in _actors_at(thing, actors)
        if a.token.i not in befallen and a.token.head.i not in befallen
    )
    if found:
        return found
    for clause in thing.children:
        if clause.dep_ == "relcl" and (labelling is None or clause.i != labelling.i):
            found = _subject_actors(clause, actors)
            if found:
                return found
        if clause.dep_ == "prep" and clause.lower_ in ("by", "from"):
            # "the remarks by Paris", "comments from the French foreign minister"
            found = tuple(a for o in clause.children for a in _actors_at(o, actors))
            if found:
                return found
    if labelling is not None and labelling.dep_ == "relcl":
        verb = thing.head.head if thing.dep_ == "pobj" else thing.head
        if thing.dep_ in ("dobj", "pobj") and verb.pos_ in ("VERB", "AUX"):
            return _subject_actors(verb, actors)
    return ()


def _demanded_acts(
    findings: list[Finding], light_verb_of: Callable[[Any], Any], circumstances: frozenset[str]
) -> list[Finding]:
    """ "demanded that Israel ease restrictions": easing is asked for, not done.

    An act in the complement of a REQUEST (or of the light verb of a demand noun: "repeated
    its demand that ...") is marked demanded (read as hedged and reported, and less sure), so
    the demand, not the act, is what the sentence asserts. An act told as the demand's
    circumstance ("after a meeting with Pelosi, Kishida called for ...") is not its content.
    """
    requests = {f.trigger.i for f in findings if f.type == "REQUEST"}
    requests |= {
        verb.i
        for f in findings
        if f.type == "REQUEST" and (verb := light_verb_of(f.trigger)) is not None
    }
    if not requests:
        return findings
    out = []
    for finding in findings:
        node = finding.trigger
        for _ in range(4):
            if node.dep_ not in _DEMAND_LINKS or node.head.i == node.i:
                break
            if node.dep_ == "prep" and node.lower_ in circumstances:
                break
            node = node.head
            if node.i in requests and finding.type != "REQUEST":
                finding = dataclasses.replace(
                    finding, demanded=True, certainty=finding.certainty * 0.7
                )
                break
        out.append(finding)
    return out


def _target_slots(trigger: Any) -> list[Any]:
    """Where the other side of an act is said: its object, the object of a directional
    preposition, or the object of the act it promises ("threatened to arrest strikers")."""
    # "opened fire to disperse the demonstrators": a purpose says at whom, too
    holders = [
        trigger,
        *(c for c in trigger.children if c.dep_ == "xcomp" or _in_purpose_clause(c)),
    ]
    slots = [c for h in holders for c in h.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    slots += [
        obj
        for h in holders
        for prep in h.children
        if prep.dep_ == "prep" and (prep.lower_ in _TARGET_PREPOSITIONS or prep.lower_ == "of")
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    return slots


def _source_slots(trigger: Any) -> list[Any]:
    """Where the doer of an act is said: its subject, or the agent of a passive."""
    slots = [c for c in trigger.children if c.dep_ == "nsubj"]
    slots += [o for c in trigger.children if c.dep_ == "agent" for o in c.children]
    return slots


def _without_subsumed(events: list[Event]) -> list[Event]:
    """Drop a one-sided event that another event of the sentence tells in full.

    "began a hunger strike to protest the ruling against Algeria": the strike (no target
    named) and the protest (target Algeria) are one act of the same actor, told twice; the
    sentence holds one event, with both sides.
    """
    told: set[tuple[str, str | None, str, int]] = set()  # (side, actor, type, polarity)
    for e in events:
        if e.source_id and e.target_id and not _implied_target(e):
            told.add(("source", e.source_id, e.type, e.polarity))
            told.add(("target", e.target_id, e.type, e.polarity))
            if e.reciprocal:  # either side did it to the other
                told.add(("source", e.target_id, e.type, e.polarity))
                told.add(("target", e.source_id, e.type, e.polarity))
    return [
        e
        for e in events
        if (e.source_id and e.target_id and not _implied_target(e))
        or (
            ("source", e.source_id, e.type, e.polarity) not in told
            if e.source_id
            else ("target", e.target_id, e.type, e.polarity) not in told
        )
    ]


# The parts of a state that speak for it: a protest from them is diplomatic, not civil.
_STATE_VOICES = frozenset({"GOV", "MIL", "LEG", "SPY"})
_NAMED = frozenset({"name", "alias", "metonym", "office", "person", "coreference"})


def _speaks_for_a_state(side: ActorToken) -> bool:
    """A state, a government or an official named as such ("Tokyo", "the foreign ministry",
    "the prime minister"), rather than a people ("Kenyans") or a civil group."""
    mention = side.mention
    return mention.resolution in _NAMED and (
        mention.sector is None or mention.sector in _STATE_VOICES
    )


def _implied_target(event: Event) -> bool:
    """A target the text does not name (a domestic default): as good as none here."""
    return event.target_id is not None and event.target_start is None


def _own_state(source: ActorToken, target: ActorToken) -> bool:
    """A named government (or its leader) and its state named as such: one actor."""
    sides = {source.mention.sector: source.mention, target.mention.sector: target.mention}
    government, state = sides.get("GOV"), sides.get(None)
    return (
        government is not None
        and state is not None
        and government.resolution != "implied"
        and state.resolution in ("name", "alias", "metonym")
    )


def _two_parts_of_one_state(source: ActorToken, target: ActorToken) -> bool:
    """Whether two mentions of one actor are two parts of it that can act on each other:
    "Egyptian police dispersed Egyptian students", "Sudan's government lifted the curfew in
    Sudan" (a state and its own people or territory, as CAMEO codes domestic acts). A
    capital beside its own government or forces ("Japan's prime minister ... in Tokyo") is
    the same actor named again, not a part of it."""
    if not _domestic(source, target):
        return False
    for one, other in ((source.mention, target.mention), (target.mention, source.mention)):
        if one.sector is not None and other.sector is None and other.resolution == "metonym":
            return False
    return True


def _same_actor(source: ActorToken, other: ActorToken) -> bool:
    """Whether ``other`` names the source again rather than another party: "Sudan's
    government ... in Sudan" is a domestic act on the country, "Iran ... Iran's" is not."""
    return source.mention.actor_id == other.mention.actor_id and not _domestic(source, other)


def _domestic(source: ActorToken, target: ActorToken) -> bool:
    """ "Egyptian police dispersed Egyptian students": two parts of one state, told apart by
    sector, make a domestic event; one actor named twice ("Iran ... Tehran") makes none. A
    people named by its demonym ("the Hungarians of Serbia") is the state's civilians."""
    sectors = [_sector_or_people(side.mention) for side in (source, target)]
    return (
        source.token.i != target.token.i
        and sectors[0] != sectors[1]
        and (sectors[0] is not None or sectors[1] is not None)
    )


def _sector_or_people(mention: Mention) -> str | None:
    if mention.sector is None and mention.resolution in ("demonym", "residence"):
        return "CVL"
    return mention.sector


def _embedded(findings: list[Finding], light_verb_of: Callable[[Any], Any]) -> list[Finding]:
    """Mark the findings whose trigger lies under another finding's trigger.

    "Iran condemned the attack on Herat", "agreed to hold joint exercises": the sentence's
    main event is the one on top. Coders who give each sentence one event (the PLOVER gold
    standard, PETRARCH) code that one; the embedded ones are kept, and say so. A noun event
    stands where its light verb stands: in "staged a strike to demand reforms" the demand
    hangs on "staged", and is the strike's purpose.
    """
    verbs = {id(f): getattr(light_verb_of(f.trigger), "i", None) for f in findings}
    out = []
    for f in findings:
        # What governs where: other triggers, and another noun's light verb unless it is
        # this noun's too ("launched an attack and an invasion" has two main events).
        governors: dict[int, str] = {}
        for g in findings:
            if g is f:
                continue
            governors.setdefault(g.trigger.i, g.type)
            verb = verbs[id(g)]
            if verb is not None and verb != verbs[id(f)]:
                governors.setdefault(verb, g.type)
        governors.pop(f.trigger.i, None)
        governor = next((governors[a.i] for a in f.trigger.ancestors if a.i in governors), None)
        if governor is not None:
            f = dataclasses.replace(f, governor=governor)
        out.append(f)
    return out


def _in_purpose_clause(trigger: Any) -> bool:
    """An infinitive adverbial clause without a subordinator: "... to demand reforms"."""
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not any(c.dep_ == "mark" for c in clause.children)
    )


def _unless(trigger: Any) -> bool:
    """Whether the trigger's clause holds an "unless" condition."""
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(_conditions(clause, ("unless",)))


def _conditions(verb: Any, marks: Sequence[str]) -> Iterator[Any]:
    """The adverbial clauses of a verb opened by one of ``marks`` ("unless Israel withdrew")."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in marks for m in clause.children
        ):
            yield clause


def _coding_reason(modality: Modality) -> str:
    return "refusal" if modality.refused else "intent"


def _without_empty_intent(findings: list[Finding]) -> list[Finding]:
    """ "vowed to attack", "agreed to provide aid": the promised act says what the intent is.

    The act's own finding becomes AGREE or THREATEN by its modality; the verb of promising,
    which alone would read every promise as AGREE, then has nothing to add.
    """
    acts = {f.trigger.i for f in findings if f.type not in _INTENT_TYPES}
    # "Chile and Peru agreed to open the border": a mutual promise stays mutual.
    mutual = {
        c.i
        for f in findings
        if f.type == "AGREE" and f.reciprocal and len(f.sources) >= 2
        for c in f.trigger.children
        if c.dep_ == "xcomp"
    }
    return [
        dataclasses.replace(f, reciprocal=True)
        if f.trigger.i in mutual and not f.targets and len(f.sources) >= 2
        else f
        for f in findings
        if f.type not in ("AGREE", "THREATEN")
        # "warned Netanyahu not to invade": the act is another's, the warning its own event
        or any(c.dep_ == "dobj" for c in f.trigger.children)
        or not any(c.dep_ == "xcomp" and c.i in acts for c in f.trigger.children)
    ]


# Clauses of their own under a trigger: what they hold is no argument of its event.
_OTHER_CLAUSES = frozenset({"nsubj", "nsubjpass", "csubj", "ccomp", "parataxis", "relcl", "punct"})


def _own_phrase(
    head: Any,
    *,
    subordinate_clauses: bool,
    circumstances: frozenset[str] = frozenset(),
    where: bool | Callable[[Any], bool] = True,
) -> list[Any]:
    """The words of a head's own phrase, in text order, the head included: its dependents
    without subjects, content clauses and relative clauses (their words belong to other
    events), without clauses opened by a subordinator unless ``subordinate_clauses``, and
    without the phrases of the prepositions in ``circumstances`` ("after a meeting with
    Pelosi", "according to US officials"). ``where`` says for which words below the head
    an "in" names whose they are rather than where they are: all (True), or those it
    accepts ("the parties in Iraq" are Iraqi; "the news conference in Hanoi" is not)."""
    reached = [head]
    stack = [c for c in head.children if c.dep_ not in _OTHER_CLAUSES]
    while stack:
        node = stack.pop()
        if (
            not subordinate_clauses
            and node.dep_ == "advcl"
            and any(c.dep_ == "mark" for c in node.children)
        ):
            continue
        if node.dep_ == "prep" and (
            node.lower_ in circumstances
            or any(o.dep_ == "pobj" and o.lemma_.lower() in circumstances for o in node.children)
        ):
            continue
        if node.dep_ == "prep" and node.lower_ == "in" and _only_where(node, head, where):
            continue  # "spoke at the news conference in Hanoi": where the conference was
        if (
            node.dep_ == "conj"
            and node.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        ):
            continue  # "IS claimed responsibility, but Dushanbe blamed the IRPT": its own
        reached.append(node)
        stack.extend(c for c in node.children if c.dep_ not in _OTHER_CLAUSES)
    return sorted(reached, key=lambda t: t.i)


def _joint(head: Any) -> bool:
    """Whether an act, or the object it is done on, is said to be joint ("joint
    operations", "combined exercises"): done with someone, not to them."""
    words = [head, *(c for c in head.children if c.dep_ == "dobj")]
    return any(
        c.dep_ == "amod" and c.lemma_.lower() in _JOINT_WORDS for w in words for c in w.children
    )


_JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multilateral"})


def _only_where(preposition: Any, head: Any, whose: bool | Callable[[Any], bool]) -> bool:
    """Whether an "in" below ``head`` only says where something is: not when it is the head's
    own ("arrived in Amman"), nor when it places people, whose place says whose they are
    (``whose`` accepts a noun on the way up: "the parties to the conflict in Iraq")."""
    if whose is True or preposition.head.i == head.i:
        return False
    node = preposition.head
    for _ in range(6):
        if node.i == head.i:
            return True
        if callable(whose) and node.pos_ == "NOUN" and whose(node):
            return False
        node = node.head
    return True


def _phrase_target(
    trigger: Any,
    sources: Sequence[ActorToken],
    actors: dict[int, list[Mention]],
    circumstances: frozenset[str],
    *,
    where: bool | Callable[[Any], bool],
) -> tuple[ActorToken, ...]:
    """The first actor in the trigger's own phrase, when no relation names a target.

    PETRARCH's rule, kept as a last resort: "arrived in Amman on a visit", "aid for Romania",
    "began a hunger strike to demand the return of property seized by government forces".
    Subjects, content clauses, relative clauses and clauses with a subordinator ("when",
    "because") are left out, and so are circumstances ("after a meeting with Pelosi"):
    their actors belong to other events.
    """
    taken = {s.token.i for s in sources}
    # "seized the crossing between Gaza and Egypt": a "between" names where, or the parties
    # of another act; the between rules read it where it is the trigger's own
    skipped = circumstances | {"between"}  # with the circumstance nouns (see _phrase_position)
    phrase = _own_phrase(trigger, subordinate_clauses=False, circumstances=skipped, where=where)
    for node in phrase:
        if _backer(node):
            continue  # "rebels backed by Turkey" are not Turkey
        found = [ActorToken(node, m) for m in actors.get(node.i, ()) if node.i not in taken]
        found = [f for f in found if all(not _same_actor(s, f) for s in sources)]
        if found:
            return _unique(found)
    return ()


# "Turkish-backed rebels", "a US-brokered truce", "Iran-funded militias": the modifier names
# who stands behind the thing, never the thing itself.
_BACKING_PARTICIPLES = frozenset(
    {"back", "broker", "mediate", "sponsor", "fund", "support", "arm", "train", "finance"}
)


def _backer(token: Any) -> bool:
    """Whether the token names the backer in an "X-backed" modifier or a "backed by X",
    "a truce brokered by X" participle."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("agent", "prep") and head.lower_ == "by":
        head = head.head  # "a ceasefire proposal brokered by Brazil"
        return (
            head.tag_ == "VBN"
            and head.dep_ == "acl"
            and head.lemma_.lower() in _BACKING_PARTICIPLES
        )
    return (
        token.dep_ in ("npadvmod", "compound", "nmod", "amod", "poss")
        and head.i != token.i
        and head.tag_ == "VBN"
        and head.lemma_.lower() in _BACKING_PARTICIPLES
    )


def _told_above(noun: Any, kind: str, triggers: dict[int, str]) -> bool:
    """Whether a trigger of the same type governs the noun within its phrase: then the two
    are one event, told by the governing trigger."""
    node = noun
    for _ in range(3):
        if node.dep_ not in ("compound", "pobj", "prep", "dobj", "nmod", "amod"):
            return False
        node = node.head
        if triggers.get(node.i) == kind:
            return True
    return False


_LOCATED_TYPES = frozenset({"ASSAULT", "COERCE"})
_SEAT_VERBS = frozenset({"base", "headquarter", "headquartered"})
_ALLEGIANCE_WORDS = frozenset({"loyal", "allied", "ally", "affiliated", "affiliate"})
_SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople"})
_PLACE_PREPOSITIONS = frozenset({"in", "on", "at", "near", "inside", "across", "into", "against"})


def _place_target(
    trigger: Any, sources: Sequence[ActorToken], places: dict[int, list[Mention]]
) -> tuple[ActorToken, ...]:
    """ "the bombing in the Iranian city of Kerman": the state whose place was struck."""
    holders = [trigger]
    if trigger.dep_ in _LIGHT_VERB_DEPS and trigger.head.i != trigger.i:
        holders.append(trigger.head)  # "carried out a bombing in ..."
    own = _plain_states(sources)
    for holder in holders:
        # Within the trigger's own phrase: "claimed responsibility for the bombing in ...".
        for prep in _own_phrase(holder, subordinate_clauses=True):
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPOSITIONS:
                continue
            for node in sorted(prep.subtree, key=lambda t: t.i):
                if found := _places_at(node, places, own):
                    return found
    return ()


def _object_place_target(
    trigger: Any, sources: Sequence[ActorToken], places: dict[int, list[Mention]]
) -> tuple[ActorToken, ...]:
    """ "threatened to shell Iraqi towns", "restrictions on German goods", "shelled Gaza's
    hospitals": an object that belongs to a state, by the demonym or place that qualifies
    it, makes that state the target."""
    own = _plain_states(sources)
    for obj in _target_slots(trigger):
        qualifiers = (c for c in obj.children if c.dep_ in ("amod", "compound", "nmod", "poss"))
        for node in (obj, *qualifiers):
            if found := _places_at(node, places, own):
                return found
    return ()


def _plain_states(sources: Sequence[ActorToken]) -> set[str | None]:
    """The sources named as whole actors: a place of theirs is no target ("Iran ... in
    Iran"), while a part of a state may act on its own country (a curfew in its own town)."""
    return {s.mention.actor_id for s in sources if s.mention.sector is None}


def _places_at(
    node: Any, places: dict[int, list[Mention]], own: set[str | None]
) -> tuple[ActorToken, ...]:
    return _unique(
        [
            ActorToken(node, m)
            for m in places.get(node.i, ())
            if m.actor_id is not None and m.actor_id not in own
        ]
    )


# -- demands stated as obligations ---------------------------------------------------------


def _demands(doc: Any, actors: dict[int, list[Mention]]) -> Iterator[Finding]:
    """ "Russia said Sudan must return the helicopter": the speaker demands it of the subject.

    PLOVER codes a stated obligation as REQUEST from whoever states it to whoever is obliged,
    whether or not the obliged act has a trigger of its own; the act itself is read as
    reported and hedged (see ``read_modality``), since nobody says it happened.
    """
    cues = modality_cues()
    # The verbs with an auxiliary of obligation, in text order: found from the auxiliaries,
    # which few sentences hold, rather than by asking every verb for its children.
    auxiliaries = (doc[i] for i in tokens_among(doc, cues.obligation_auxiliaries, ("LOWER",)))
    verbs = sorted({t.head.i for t in auxiliaries if t.dep_ == "aux" and t.head.i != t.i})
    for verb in (doc[i] for i in verbs):
        obliged = _unique(
            [
                found
                for c in verb.children
                if c.dep_ == "nsubj"
                # "all soldiers from Eritrea should leave": the doers' "from" says whose
                for found in _actors_at(c, actors, origin=True)
            ]
        )
        if not obliged:
            continue
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        speaker_verb = clause.head
        speaking = cues.speaking_verbs
        if clause.dep_ != "ccomp" or speaker_verb.lemma_.lower() not in speaking:
            continue
        speakers = _unique(
            [
                found
                for c in speaker_verb.children
                if c.dep_ == "nsubj"
                for found in _actors_at(c, actors)
            ]
        )
        if speakers:
            yield Finding(
                type="REQUEST",
                trigger=speaker_verb,
                sources=speakers,
                targets=obliged,
                reciprocal=False,
                polarity=None,
                intensity=None,
                cameo=None,
                pattern=f"{speaker_verb.lemma_.lower()} … {verb.lemma_.lower()} (obligation)",
            )


# -- helpers over the parse -------------------------------------------------------------


def _dependents(token: Any, relation: str) -> list[Any]:
    if relation.startswith("prep:"):
        word = relation.split(":", 1)[1]
        return [
            obj
            for prep in token.children
            if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ == word
            for obj in prep.children
            if obj.dep_ in ("pobj", "pcomp")
        ]
    if relation == "agent":
        return [
            obj
            for c in token.children
            if c.dep_ == "agent"
            for obj in c.children
            if obj.dep_ == "pobj"
        ]
    found = [child for child in token.children if child.dep_ == relation]
    if not found and relation in ("nsubj", "nsubjpass"):
        # "The Ministry had earlier on Sunday accused ...": the parser may hang the subject
        # on the auxiliary; it is still the verb's
        found = [
            subject
            for aux in token.children
            if aux.dep_ in ("aux", "auxpass")
            for subject in aux.children
            if subject.dep_ == relation
        ]
    return found


def _actors_at(
    token: Any,
    actors: dict[int, list[Mention]],
    *,
    origin: bool = False,
    where: bool = True,
) -> tuple[ActorToken, ...]:
    """Actors at a token or, failing that, nearest below it; conjuncts included. With
    ``origin``, a noun's "from" says whose it is ("a jet from the DRC"): only for doers, since
    on an object "from" is where it moves from ("withdrew forces from Panama"). Without
    ``where``, an actor reached only through "in" is where the thing is, and is left out
    ("spoke at the news conference in Hanoi"): only attacks strike where they happen."""
    found: list[ActorToken] = []
    frontier = [token]
    located: set[int] = set()  # tokens reached through "in": where, not whose
    for _depth in range(3):
        for node in frontier:
            for mention in actors.get(node.i, ()):
                found.append(_resident(ActorToken(node, mention), actors))
        if any(f.token.i not in located for f in found):
            # "strikes on Houthi facilities in Yemen": the place only locates what a nearer
            # word already says is someone's
            found = [f for f in found if f.token.i not in located]
        if found:
            break
        located |= {
            o.i
            for node in frontier
            for child in node.children
            if child.dep_ == "prep" and child.lower_ == "in"
            for o in child.children
            if o.dep_ == "pobj"
        } | {c.i for node in frontier if node.i in located for c in node.children}
        # "of" and "in" lead through to their object in one step: "thousands of Iraqi Kurds".
        frontier = [
            reached
            for node in frontier
            for child in node.children
            if child.dep_ in ("compound", "poss", "amod", "nmod", "appos", "pobj", "conj")
            or (child.dep_ == "prep" and child.lower_ in ("of", "in", "including"))
            # "a fighter jet from the DRC", "an envoy from Qatar": whose it is
            or (origin and child.dep_ == "prep" and child.lower_ == "from" and node.pos_ == "NOUN")
            # "a group based in Trinidad": where it is based says whose it is
            or (child.dep_ == "acl" and child.lemma_.lower() in _SEAT_VERBS)
            # "militias loyal to the general", "forces allied with Kabul": whose they are
            or (child.dep_ in ("amod", "acl") and child.lemma_.lower() in _ALLEGIANCE_WORDS)
            # "a spokesperson for Egypt's foreign ministry": whom one speaks for
            or (
                child.dep_ == "prep"
                and child.lower_ == "for"
                and node.lemma_.lower() in _SPOKESPERSON_NOUNS
            )
            or (
                child.dep_ == "prep"
                and child.lower_ in ("to", "with")
                and node.lemma_.lower() in _ALLEGIANCE_WORDS
            )
            for reached in (
                [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" else [child]
            )
        ]
    for item in list(found):
        for conjunct in item.token.conjuncts:
            for mention in actors.get(conjunct.i, ()):
                found.append(ActorToken(conjunct, mention))
        # "Hungarian and Romanian officials": the first demonym modifies the head that
        # holds the second; both name the actors.
        for child in item.token.children:
            if child.dep_ in ("amod", "compound", "nmod") and any(
                c.dep_ == "cc" for c in child.children
            ):
                found.extend(ActorToken(child, m) for m in actors.get(child.i, ()))
    if not where:
        found = [f for f in found if f.token.i not in located]
    return _unique(found)


def _resident(item: ActorToken, actors: dict[int, list[Mention]]) -> ActorToken:
    """ "ethnic Albanians in southern Serbia": a people named by its demonym alone and placed
    in another state is coded by the state it lives in, as CAMEO codes ethnic groups.

    Only the bare people noun moves: "Russian troops in Ukraine" stay Russia's.
    """
    mention = item.mention
    if (
        mention.resolution != "demonym"
        or mention.sector is not None
        or not item.token.text[:1].isupper()
    ):
        return item
    for prep in item.token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "of"):
            continue
        for obj in prep.children:
            for state in actors.get(obj.i, ()) if obj.dep_ == "pobj" else ():
                if (
                    state.actor_id not in (None, mention.actor_id)
                    and state.sector is None
                    and state.resolution in ("name", "alias")
                ):
                    placed = dataclasses.replace(
                        mention, actor_id=state.actor_id, resolution="residence"
                    )
                    return ActorToken(item.token, placed)
    return item


def _unique(items: Sequence[ActorToken]) -> tuple[ActorToken, ...]:
    seen: set[tuple[int, str | None]] = set()
    out = []
    for item in items:
        key = (item.token.i, item.mention.actor_id)
        if key not in seen and item.mention.actor_id is not None:
            seen.add(key)
            out.append(item)
    return tuple(out)


def _has_particle(token: Any, particle: str) -> bool:
    """A particle, or a preposition or adverb right after the verb or without an object of
    its own: "called on Iran" is an appeal and "forced the agency out of the country" an
    expulsion, but "called a strike on Monday" is no appeal."""
    words = particle.lower().split()
    children = [
        c.lower_
        for c in token.children
        if c.dep_ == "prt"
        or (
            c.dep_ in ("advmod", "prep")
            and (0 < c.i - token.i <= 2 or not any(o.dep_ == "pobj" for o in c.children))
        )
    ]
    return all(word in children for word in words)


_PRONOUNS = frozenset({"it", "they"})
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
# "we" and "I" stand only for whoever says them: "Kyiv said we will not give up".
_SPEAKER_PRONOUNS = frozenset({"we", "i"})
# How a clause hangs from the verb of saying it reports: "said it would", "quoted as saying".
_SPEECH_LINKS = frozenset({"ccomp", "xcomp", "conj", "pcomp", "prep"})
_POSSESSIVES = frozenset({"its", "their", "our"})
_CONTENT_CLAUSES = frozenset({"ccomp", "csubj", "parataxis"})
_TEMPORAL_MARKS = frozenset({"when", "after", "before", "once", "until", "till", "whenever"})


def _clause_time(trigger: Any, context: SentenceContext) -> tuple[TimeSpan | None, str]:
    """The time of the trigger's own clause.

    "When the U.S. invaded Afghanistan in 2001, Iran did not oppose it" dates both clauses,
    since a temporal clause dates its main clause; "Pakistan has not recognised the Taliban,
    although it has kept its embassy open since they took power in August 2021" dates only
    the embassy, so the recognition falls back to the paragraph's or the document's time.
    """
    if len(context.expressions) == 0 or context.time_origin != "sentence":
        return context.time, context.time_origin
    doc = trigger.doc
    for expression in context.expressions:
        if not dates_an_event(expression, doc.text):
            continue
        span = doc.char_span(expression.char_start, expression.char_end, alignment_mode="expand")
        if span is None:
            continue
        if _dates_clause_of(span.root, trigger):
            return expression, "sentence"
    return context.fallback_time, context.fallback_origin


def _dates_clause_of(expression: Any, trigger: Any) -> bool:
    """Whether the path between the two tokens crosses no content or non-temporal clause,
    and the expression does not merely say which thing a noun is ("a 2018 agreement")."""
    while expression.dep_ == "compound" and expression.head.lemma_.lower() in _TIME_NOUNS:
        expression = expression.head  # "on Thursday night": the night is the time
    if (
        expression.dep_ in ("compound", "amod", "nummod", "nmod", "poss")
        and expression.head.pos_ in ("NOUN", "PROPN")
        and expression.head.i != trigger.i
    ):
        return False
    up_expression = [expression, *expression.ancestors]
    up_trigger = [trigger, *trigger.ancestors]
    trigger_path = {t.i for t in up_trigger}
    common = next((t.i for t in up_expression if t.i in trigger_path), None)
    if common is None:
        return True
    for path in (up_expression, up_trigger):
        for node in path:
            if node.i == common:
                break
            if node.dep_ in _CONTENT_CLAUSES:
                return False
            if node.dep_ == "advcl":
                marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
                # a participle clause with no subordinator shares its main clause's time:
                # "concluded their meeting on Friday, agreeing to hold new talks"
                participle = not marks and node.tag_ in ("VBG", "VBN")
                if not participle and not marks & _TEMPORAL_MARKS:
                    return False
    return True


def _pronoun_subject(
    trigger: Any,
    antecedent: Mention | None,
    actors: dict[int, list[Mention]],
    speaker: Mention | None = None,
) -> tuple[ActorToken, ...]:
    """A subject pronoun's actor: the speaker when the pronoun sits in what they say ("The
    rebels said they will release ...", "the king was quoted as saying he would be ready
    to ..."), else the actor the previous sentence was about ("... Iran did not oppose it.
    Instead, it cooperated with ..."). "he" and "she" only ever stand for a named person."""
    if trigger.pos_ not in ("VERB", "AUX") and trigger.dep_ in ("attr", "acomp"):
        return ()  # "It was the deadliest attack": the pronoun is the event, not its doer
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for _ in range(3):
        # "it is willing to withdraw": the controlling clause has the subject; "it would
        # cancel or suspend dialogue": so has the first of two verbs that share it; "we
        # work to defeat ISIL": and the clause a purpose infinitive serves
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            break
        purpose = clause.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        )
        if (clause.dep_ not in ("xcomp", "acomp", "conj") and not purpose) or (
            clause.head.i == clause.i
        ):
            break
        clause = clause.head
    pronoun = next(
        (
            c
            for c in clause.children
            if c.dep_ == "nsubj"
            and c.lower_ in (_PRONOUNS | _PERSONAL_PRONOUNS | _SPEAKER_PRONOUNS)
        ),
        None,
    )
    if pronoun is None:
        return ()
    personal = pronoun.lower_ in _PERSONAL_PRONOUNS
    speaker_only = personal or pronoun.lower_ in _SPEAKER_PRONOUNS
    found = _speaker(clause, actors, personal=personal)
    if found:
        return found
    if pronoun.lower_ in _SPEAKER_PRONOUNS and speaker is not None:
        return (ActorToken(pronoun, speaker),)  # "... said: 'We will defeat ISIL'"
    if personal and speaker is not None and speaker.resolution in ("person", "office"):
        # "Le Drian said the junta was out of control. He also called it illegitimate."
        return (ActorToken(pronoun, speaker),)
    if speaker_only:
        return ()
    earlier = _main_clause_antecedent(clause, pronoun, actors)
    if earlier:
        return tuple(ActorToken(pronoun, m) for m in earlier)
    if antecedent is None:
        return ()
    return (ActorToken(pronoun, antecedent),)


# What opens a clause of time or cause, whose "it" is the main clause's actor
_SUBORDINATORS = frozenset({"since", "after", "before", "when", "because", "as", "while", "until"})


def _main_clause_antecedent(
    clause: Any, pronoun: Any, actors: dict[int, list[Mention]]
) -> tuple[Mention, ...]:
    """ "North Korea blew up the office after it threatened to", "the launch is North
    Korea's first since it fired a missile over Japan", "Ruto and Museveni stressed calm as
    they opened the summit": a pronoun in a clause of time or cause stands for its main
    clause's subject ("they" for all of a coordinated one), else, for "it", for the actor the
    main clause named last before it, rather than for the previous sentence's. "it" is a
    state or a group, never a person."""
    if clause.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in clause.children
    ):
        return ()
    plural = pronoun.lower_ == "they"

    def fits(mention: Mention) -> bool:
        return plural or (mention.person_id is None and mention.resolution != "person")

    main = clause.head
    while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
        main = main.head  # "stressed the need for calm as they opened ...": the parser's
    for subject in (c for c in main.children if c.dep_ == "nsubj"):
        heads = [subject, *subject.conjuncts] if plural else [subject]
        found = [m for h in heads for m in actors.get(h.i, ())[:1] if fits(m)]
        if found and (not plural or len(found) > 1 or subject.tag_ in ("NNS", "NNPS")):
            return tuple(found)
    if plural:
        return ()
    inside = {t.i for t in clause.subtree}
    for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
        if i in inside:
            continue
        for mention in actors.get(i, ()):
            if fits(mention):
                return (mention,)
    return ()


def _speaker(
    clause: Any, actors: dict[int, list[Mention]], *, personal: bool
) -> tuple[ActorToken, ...]:
    """The actors of the subject of the verb of saying whose content the clause is ("Kyiv
    said it ...", "the king was quoted as saying he ..."); only persons if ``personal``."""
    node = clause
    for _ in range(4):
        if node.dep_ not in _SPEECH_LINKS or node.head.i == node.i:
            break
        node = node.head
        for subject in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")):
            found = _actors_at(subject, actors)
            if personal:
                found = tuple(f for f in found if f.mention.person_id is not None)
            if found:
                return found
    return ()


def _passive_participle(verb: Any) -> bool:
    """A past participle heading a clause of its own, with an agent and no subject
    ("Sanctioned by the West, Iran ...", "Iran, backed by Russia, ..."): passive, so its noun
    is the patient. The agent is required: the parser also tags finite verbs so."""
    children = list(verb.children)
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in children)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in children)
    )


def _stative_passive(verb: Any) -> bool:
    """A participle that states a stance rather than a passive act: "is opposed to",
    "is committed to", with no agent and a "to" of its own."""
    children = list(verb.children)
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "nsubjpass" for c in children)
        and not any(c.dep_ == "agent" for c in children)
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in children)
    )


def _own_subject(clause: Any) -> bool:
    """Whether a clause names its own subject (a relative pronoun does not count)."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "who", "that")
        for c in clause.children
    )


def _subject_actors(
    verb: Any, actors: dict[int, list[Mention]], relations: Sequence[str] = ("nsubj",)
) -> tuple[ActorToken, ...]:
    """The actors of a verb's first subject that names any (a subject the parser hung on
    the verb's auxiliary included, see ``_dependents``)."""
    for subject in verb.children:
        if subject.dep_ in relations and (found := _actors_at(subject, actors)):
            return found
    for relation in relations:
        for subject in _dependents(verb, relation):
            if found := _actors_at(subject, actors):
                return found
    return ()


def _controller(clause: Any, actors: dict[int, list[Mention]]) -> tuple[ActorToken, ...]:
    """Who does what a non-finite clause says, when the verb above names it as its object.

    "urged Iran to stop", "forced Kabul to withdraw": the object of the governing verb does
    the infinitive; "accused Eritrea of attacking", "blamed Hamas for starting", "Iran was
    accused of arming": the object (else the passive subject, else the subject: "succeeded in
    taking") does the gerund after a preposition.
    """
    if clause.dep_ == "xcomp":
        return _subject_actors(clause.head, actors, ("dobj",))
    if clause.dep_ == "pcomp" and clause.head.dep_ == "prep":
        verb = clause.head.head
        if verb.pos_ == "NOUN" and clause.head.lower_ in ("to", "of"):
            # "its commitment to defeating ISIL", "Iran's role in arming": the noun's owner
            return _possessor_subject(verb, actors) or tuple(
                a for c in verb.children if c.dep_ == "poss" for a in _actors_at(c, actors)
            )
        if verb.pos_ not in ("VERB", "AUX"):
            return ()
        if clause.head.lower_ in _OBJECT_CONTROL_PREPOSITIONS:
            return _subject_actors(verb, actors, ("dobj",)) or _subject_actors(
                verb, actors, ("nsubjpass",)
            )
        # "responded by slapping sanctions", "after meeting", "without consulting": a means
        # or a time of the verb's own act, done by its subject ("is committed to defeating":
        # its passive subject)
        return _subject_actors(verb, actors, ("nsubj",)) or _subject_actors(
            verb, actors, ("nsubjpass",)
        )
    return ()


# "accused X of", "blamed X for", "barred X from": the object does the gerund
_OBJECT_CONTROL_PREPOSITIONS = frozenset({"of", "for", "from", "into"})


def _participle_patient(verb: Any, actors: dict[int, list[Mention]]) -> tuple[ActorToken, ...]:
    """Whom a passive participle clause befalls: "Sanctioned by the West, Iran ..." (the
    subject of the clause it modifies), "Iran, backed by Russia, ..." (the noun it hangs on)."""
    if verb.dep_ == "acl":
        return _actors_at(verb.head, actors)
    return _subject_actors(verb.head, actors, ("nsubj", "nsubjpass"))


def _title_case(doc: Any) -> bool:
    """A headline written in title case, where capitals say nothing about names."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) / len(words) > 0.6


def _part_of_a_name(token: Any) -> bool:
    """A capitalised proper noun inside a sentence: a name or a month, not an act."""
    return token.tag_ in ("NNP", "NNPS") and token.is_title and token.i > token.sent.start


def _possessor_subject(noun: Any, actors: dict[int, list[Mention]]) -> tuple[ActorToken, ...]:
    """ "The AU repeated its demand", "the rebels stepped up their attacks": a possessive
    pronoun on a noun event is the subject of the clause the noun sits in."""
    if not any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in noun.children):
        return ()
    node = noun
    for _ in range(3):
        if node.dep_ not in ("dobj", "pobj", "prep", "nsubjpass") or node.head.i == node.i:
            return ()
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _subject_actors(node, actors)
    return ()


def _past_narrative(trigger: Any) -> bool:
    """A sentence told in the past tense: narrative that belongs to its section's time.

    Read over the whole sentence rather than the trigger's own clause, because the parse of
    a nominal trigger often hangs it off the wrong verb; one present or perfect verb is
    enough to keep the sentence in the present ("has not recognised", "Iran exports").
    """
    past = False
    for token in trigger.sent:
        if token.tag_ in ("VBZ", "VBP") or token.lower_ in ("has", "have", "will"):
            return False
        if token.tag_ in ("VBD", "VBN"):
            past = True
    return past


def _object_words(noun: Any, partitives: frozenset[str]) -> list[Any]:
    """An object noun and the words that say what it is: its compounds ("a military aid
    program" is aid) and, for a partitive, what it is part of ("part of the aid")."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    if noun.lemma_.lower() in partitives:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        words += [obj, *(c for c in obj.children if c.dep_ == "compound")]
    return words


def _person_tokens(actors: dict[int, list[Mention]]) -> frozenset[int]:
    """Tokens that name a person: they meet an object constraint that asks for "person"
    ("released Prime Minister Chaudhry" releases a person as "released the prisoners" does)."""
    return frozenset(
        i for i, mentions in actors.items() if any(m.person_id is not None for m in mentions)
    )


def _object_tokens(
    token: Any,
    wanted: str | Sequence[str],
    partitives: frozenset[str] = frozenset(),
    persons: frozenset[int] = frozenset(),
) -> list[int]:
    """Indices of the object (or head) words that satisfied a trigger's object constraint."""
    lemmas = {wanted} if isinstance(wanted, str) else set(wanted)
    if "person" not in lemmas:
        persons = frozenset()
    objects = [
        c for c in token.children if c.dep_ in ("dobj", "dative", "nsubjpass", "attr", "oprd")
    ]
    # "held Pyongyang responsible": a complement adjective the parser hangs as a clause
    objects += [c for c in token.children if c.pos_ == "ADJ" and c.dep_ in _COMPLEMENT_DEPS]
    objects += [
        obj
        for child in token.children
        if child.dep_ == "prep"
        for obj in child.children
        if obj.dep_ == "pobj"
    ]
    # "providing aerial photographs and military intelligence": any conjunct can say what.
    objects += [c for obj in objects for c in obj.conjuncts]
    found = [
        word.i
        for obj in objects
        for word in _object_words(obj, partitives)
        # a merged actor token is read by its head noun: "the Chilean ambassador",
        # "forces in Lebanon"
        if word.lemma_.lower() in lemmas
        or word.lemma_.lower().rsplit(" ", 1)[-1] in lemmas
        or word.lemma_.lower().split(" ", 1)[0] in lemmas
        or word.i in persons
    ]
    if token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in lemmas:
        found.append(token.head.i)
    return found


def _has_object(
    token: Any,
    wanted: str | Sequence[str],
    partitives: frozenset[str] = frozenset(),
    persons: frozenset[int] = frozenset(),
) -> bool:
    return bool(_object_tokens(token, wanted, partitives, persons))


def _governed_clauses(token: Any, verbs: Sequence[str]) -> list[Any]:
    """The clauses told by one of these verbs that the trigger governs, on itself ("ordered
    the envoy to leave") or on its object ("gave the envoy 72 hours to leave")."""
    holders = [token, *(c for c in token.children if c.dep_ in ("dobj", "dative"))]
    return [
        clause
        for holder in holders
        for clause in holder.children
        if clause.dep_ in ("xcomp", "advcl", "ccomp", "relcl", "acl")
        and clause.pos_ == "VERB"
        and clause.lemma_.lower() in verbs
    ]


def _has_clause(token: Any, verbs: Sequence[str]) -> bool:
    return bool(_governed_clauses(token, verbs))


def _phrase_in(words: str, vocabulary: frozenset[str]) -> bool:
    return words in vocabulary or any(phrase in words for phrase in vocabulary if " " in phrase)


def _trace_actor(side: ActorToken | None) -> dict[str, object] | None:
    if side is None:
        return None
    m = side.mention
    return {
        "actor": m.actor_id,
        "text": m.text,
        "resolution": m.resolution,
        "sector": m.sector,
        "dep": side.token.dep_,
    }
