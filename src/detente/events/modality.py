"""Modality and attribution of a trigger, read from its dependents and governors.

"Iran did not oppose the intervention" is negated; "reports suggest Iran may be using ISIS-K"
is a hedged report whose asserter is "reports"; "Tehran will sign" is future. A claim an
author attributes to someone ("Epstein argues that ...") keeps that someone as asserted_by,
so the analysis can weigh it apart from what the text itself asserts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

_CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "prep"}


@dataclass(frozen=True, slots=True)
class ModalityCues:
    negation: frozenset[str]
    hedge_auxiliaries: frozenset[str]
    hedge_adverbs: frozenset[str]
    reporting_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    conditional_markers: frozenset[str]
    refusal_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    obligation_auxiliaries: frozenset[str]
    temporal_subordinators: frozenset[str]
    future_nouns: frozenset[str]
    aspectual_verbs: frozenset[str]

    @property
    def speaking_verbs(self) -> frozenset[str]:
        """Every verb that says who speaks: attribution and unverified report alike."""
        return _speaking_verbs(self)


@dataclass(frozen=True, slots=True)
class Modality:
    value: str  # asserted, negated, reported, future
    hedged: bool
    asserted_by: str | None
    cue: str | None  # the word that set it, for the trace
    # What the actor says it will do ("will provide", "is ready to send", "vowed to
    # retaliate"): PLOVER codes such statements as intent, AGREE or THREATEN.
    intended: bool = False
    # "refused to meet", "declined to resign", "will not accept": a refusal, which is an
    # act of its own (REJECT), unlike a mere absence ("has not recognised").
    refused: bool = False
    # "Iraq must cooperate", "the US should mediate": an obligation someone states, so the
    # act itself is not asserted; the statement is a demand.
    obliged: bool = False


@cache
def _speaking_verbs(cues: ModalityCues) -> frozenset[str]:
    """Built once per set of cues: sentences ask for it one by one."""
    return cues.attribution_verbs | cues.reporting_verbs


@cache
def modality_cues() -> ModalityCues:
    text = files("detente.events").joinpath("data/modality.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return ModalityCues(**{key: frozenset(str(v).lower() for v in raw[key]) for key in raw})


def _negated(token: Any, cues: ModalityCues) -> str | None:
    for child in token.children:
        word = str(child.lower_)
        if child.dep_ == "neg" or word in cues.negation:
            return word
        if word == "longer" and any(c.lower_ == "no" for c in child.children):
            return "no longer"
    return None


def _hedge(token: Any, cues: ModalityCues) -> str | None:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in cues.hedge_auxiliaries:
            return str(child.lower_)
        if child.dep_ == "advmod" and child.lower_ in cues.hedge_adverbs:
            return str(child.lower_)
        if (
            child.dep_ == "mark"
            and child.lower_ in cues.conditional_markers
            and child.lower_ not in _CONDITIONS
        ):
            return str(child.lower_)
    return None


# "if Israel withdraws", "unless the demands are met": what would happen on a condition is
# hypothetical, coded as future (PLOVER intent), not as a hedged report.
_CONDITIONS = frozenset({"if", "unless"})


def _condition(token: Any) -> str | None:
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return str(child.lower_)
    return None


def _future(token: Any, cues: ModalityCues) -> str | None:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in cues.future_auxiliaries:
            return str(child.lower_)
    return None


def _subject_text(verb: Any) -> str | None:
    """Who says it: the subject, or for a passive ("Iran was accused by X") the agent."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return " ".join(t.text for t in child.subtree if t.dep_ != "punct")
        if child.dep_ == "agent":
            return " ".join(t.text for t in child.subtree if t.dep_ != "punct")[3:] or None
    return None


def _obliged(token: Any, cues: ModalityCues) -> bool:
    return any(
        child.dep_ == "aux" and child.lower_ in cues.obligation_auxiliaries
        for child in token.children
    )


def _after_a_semicolon(clause: Any, head: Any) -> bool:
    """Whether a semicolon stands between a clause that precedes its head and the head."""
    if clause.i > head.i:
        return False
    end = max(t.i for t in clause.subtree)
    return any(t.lower_ == ";" for t in clause.doc[end + 1 : head.i])


def read_modality(trigger: Any) -> Modality:
    """Walk from the trigger up its clause chain, collecting the first cue of each kind."""
    cues = modality_cues()
    # A predicate adjective or noun takes its cues from the copula: "would be willing",
    # "is not ready".
    carriers = [trigger, trigger.head] if trigger.dep_ in ("acomp", "attr", "oprd") else [trigger]
    token = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass"):
        # A noun event takes the cues of the verb that governs it: "would tighten the
        # blockade" is a blockade to come, "did not lift the siege" none lifted.
        carriers.append(trigger.head)
        token = trigger.head
    negation = next(filter(None, (_negated(t, cues) for t in carriers)), None)
    hedge = next(filter(None, (_hedge(t, cues) for t in carriers)), None)
    future = next(filter(None, (_future(t, cues) for t in carriers)), None)
    future = future or next(filter(None, (_condition(t) for t in carriers)), None)
    obliged = any(_obliged(t, cues) for t in carriers)
    refusal: str | None = None
    reporter: str | None = None
    reporter_cue: str | None = None
    doubted = False  # a verb of unverified report governs the trigger ("claimed", "accused")
    steps = 0
    while token.head.i != token.i and steps < 6:
        link = token.dep_
        head = token.head
        steps += 1
        if link not in _CLAUSE_LINKS:
            # parenthetical reporting: "X, the author argues, has ..."
            break
        if link == "ccomp" and _after_a_semicolon(token, head):
            # "Pakistan accuses the Taliban ...; the Taliban deny the charge": two clauses
            # the parser may hang one on the other; a semicolon says neither reports the other
            break
        if link == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in cues.temporal_subordinators for c in token.children
        ):
            # "decided to end the pact after Japan imposed restrictions": what came before
            # or after the act is told as fact, whatever the act itself is
            break
        lemma = head.lemma_.lower()
        if (
            link == "pcomp"
            and head.lower_ in ("to", "of")
            and head.head.lemma_.lower() in cues.future_nouns
        ):
            # "its commitment to defeating ISIL", "a plan of annexing": an act intended
            future = future or head.head.lemma_.lower()
        if (
            link == "pcomp"
            and head.lower_ == "to"
            and (
                head.head.lemma_.lower() in cues.future_verbs
                or head.head.lower_ in cues.future_verbs
            )
        ):
            # "is committed to defeating ISIL": the participle intends the act
            future = future or head.head.lower_
        if link == "pcomp" and head.lower_ == "by" and head.head.i != head.i:
            # "By supporting ISIS-K, Iran would run the risk ...": the means of an act that
            # would (or could) follow is as hypothetical as that act
            future = future or _future(head.head, cues)
            hedge = hedge or _hedge(head.head, cues)
        if lemma in cues.denial_verbs and link in ("ccomp", "xcomp", "pcomp", "dobj"):
            # "denied supporting the M23": said not to have happened, by whoever denies it
            negation = negation or lemma
            reporter, reporter_cue = _subject_text(head), lemma
            break
        if lemma in cues.reporting_verbs and link in ("ccomp", "advcl", "xcomp", "prep"):
            # "prep": "accused Iran of arming the rebels", "suspected of plotting"
            reporter, reporter_cue, doubted = _subject_text(head), lemma, True
            hedge = hedge or _hedge(head, cues)
            break
        if lemma in cues.attribution_verbs and link in ("ccomp", "advcl", "xcomp"):
            reporter, reporter_cue = _subject_text(head), lemma
            hedge = hedge or _hedge(head, cues)
            break
        if link == "xcomp" and lemma in cues.refusal_verbs:
            refusal = refusal or lemma
            negation = negation or _negated(head, cues)
        elif link == "xcomp" and lemma in cues.future_verbs:
            future = future or lemma
            negation = negation or _negated(head, cues)
        if link == "xcomp" and lemma not in cues.aspectual_verbs:
            # ("will continue to urge": the urging goes on now; it is not yet to come)
            future = future or _future(head, cues)
        if link in ("xcomp", "ccomp", "conj"):
            future = future or _condition(head)
        hedge = hedge or (_hedge(head, cues) if link in ("xcomp", "ccomp") else None)
        token = head
    if reporter_cue is None:
        # A parenthetical report anywhere above the trigger: "X, the author argues, has ..."
        for node in (trigger, *trigger.ancestors):
            for child in node.children:
                lemma = child.lemma_.lower()
                if child.dep_ == "parataxis" and lemma in cues.reporting_verbs:
                    reporter, reporter_cue, doubted = _subject_text(child), lemma, True
                elif child.dep_ == "parataxis" and lemma in cues.attribution_verbs:
                    reporter, reporter_cue = _subject_text(child), lemma
            if reporter_cue is not None:
                break
    if refusal and negation:
        refusal, negation = None, None  # "did not refuse to meet": no refusal, no negation
    # Attribution is not hedging: "X said Y attacked" is asserted, by X.
    doubted = doubted or hedge is not None
    refused = bool(refusal) or (bool(negation) and bool(future))
    if refused:
        value = "reported" if doubted else "asserted"
        return Modality(value, bool(hedge), reporter, refusal or negation, refused=True)
    if negation:
        return Modality("negated", bool(hedge), reporter, negation)
    intended = bool(future)
    if doubted:
        cue = reporter_cue or hedge
        return Modality("reported", bool(hedge), reporter, cue, intended, obliged=obliged)
    if obliged:
        return Modality("reported", True, reporter, "must", obliged=True)
    if future:
        return Modality("future", False, reporter, future, intended=True)
    return Modality("asserted", False, reporter, reporter_cue)
