"""Claim checking: is "Iran supports ISIS-K" supported or contradicted by the store, when, and
by which sentences?

The claim is read by the same extractor as the corpus, into a source, a type, a target and a
sign. Each event between the two actors (either direction, and the actors' forebears) then
supports it, contradicts it, or is left out, with a weight (``data/claims.yaml`` times the
modality weight of the ``[analysis]`` configuration). Events are counted in every year their
time span covers, and runs of years that lean the same way become the answer's periods:

* a year is *supported* when its net weight is positive and some asserted event supports the
  claim, *contradicted* when the net is negative and some asserted event contradicts it; what
  only reports or hedges say is weighed and listed apart, but never decides a year alone;
* the verdict is ``supported`` or ``contradicted`` when every decided period agrees,
  ``mixed`` when they disagree (the periods say when each holds), and
  ``not_enough_evidence`` when none is decided.

Structural evidence (the signs of the actors' shared partners and enemies: balance theory's
"the enemy of my enemy") is listed beside the verdict as a diagnostic and does not change it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
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
from detente.model import DateOrigin, Document, Event
from detente.nlp import split_sentences
from detente.store import Store

__all__ = ["ClaimCheck", "ParsedClaim", "check_claim", "read_claim"]

SUPPORTED, CONTRADICTED, MIXED, UNDECIDED = (
    "supported",
    "contradicted",
    "mixed",
    "not_enough_evidence",
)


@dataclass(frozen=True, slots=True)
class ClaimRules:
    evidence_types: dict[str, frozenset[str]]
    weights: dict[str, float]
    decisive_modalities: frozenset[str]
    merge_gap_years: int


@cache
def claim_rules() -> ClaimRules:
    text = files("detente.analysis").joinpath("data/claims.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return ClaimRules(
        evidence_types={k: frozenset(v) for k, v in raw["evidence_types"].items()},
        weights={k: float(v) for k, v in raw["weights"].items()},
        decisive_modalities=frozenset(raw["decisive_modalities"]),
        merge_gap_years=int(raw["merge_gap_years"]),
    )


# -- reading the claim ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedClaim:
    text: str
    source: ActorRef
    target: ActorRef
    type: str
    polarity: int
    reciprocal: bool
    trigger: str

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source.as_json(),
            "type": self.type,
            "target": self.target.as_json(),
            "polarity": self.polarity,
            "reciprocal": self.reciprocal,
            "trigger": self.trigger,
        }


def read_claim(text: str, extraction: Any, on: dt.date | None = None) -> ParsedClaim:
    """The claim as the extractor reads it; ``extraction`` is a ``pipeline.Extraction``.

    Raises ClaimNotUnderstood, saying which actors and words were understood, when the claim
    names fewer than two actors or no relation between them.
    """
    claim = " ".join(text.split())
    if not claim:
        raise ClaimNotUnderstood("the claim is empty")
    if claim[-1] not in ".!?":
        claim += "."
    document = Document(
        id="claim",
        text=claim,
        origin="claim",
        published=on,
        date_origin=DateOrigin.USER,
        sentences=split_sentences(claim),
    )
    result = extraction.run([document])
    events = result.events
    mentions = [m for _, found in result.mentions for m in found]
    dyadic = [e for e in events if e.source_id and e.target_id]
    kb: KnowledgeBase = extraction.kb
    if not dyadic:
        actors = sorted({kb.actor(m.actor_id).name for m in mentions if m.actor_id in kb.actors})
        understood = f"actors: {', '.join(actors)}" if actors else "no known actor"
        relation = f"; a relation ({events[0].type}) but not between two actors" if events else ""
        raise ClaimNotUnderstood(
            f"cannot read {text.strip()!r} as a relation between two actors ({understood}"
            f"{relation}); say who does what to whom, e.g. 'Iran supports the Taliban'"
        )
    best = max(dyadic, key=lambda e: e.confidence)
    return _parsed(" ".join(text.split()), best, kb)


def _parsed(text: str, event: Event, kb: KnowledgeBase) -> ParsedClaim:
    assert event.source_id and event.target_id
    polarity = event.polarity * (-1 if event.modality == "negated" else 1)
    return ParsedClaim(
        text=text,
        source=ActorRef(event.source_id, kb.actor(event.source_id).name),
        target=ActorRef(event.target_id, kb.actor(event.target_id).name),
        type=event.type,
        polarity=polarity or 1,
        reciprocal=event.reciprocal or event.type == "RELATION",
        trigger=str(json.loads(event.trace).get("trigger") or ""),
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
            "document": row["doc_id"],
            "sentence": row["sentence_idx"],
            "text": row["sentence_text"],
            "contexts": list(row.get("contexts") or []),
        }


def weigh(
    claim: ParsedClaim,
    row: dict[str, Any],
    *,
    scoring: Scoring,
    rules: ClaimRules,
    lineage: dict[str, str],
) -> Weighed | None:
    """How one event bears on the claim, or None when it says nothing about it."""
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
    related = claim.type == "RELATION" or row["type"] in rules.evidence_types.get(
        claim.type, frozenset({claim.type})
    )
    negated = row["modality"] == "negated"
    polarity = int(row["polarity"] or 0)
    if negated:
        if row["type"] == claim.type or (related and claim.type != "RELATION"):
            lean, base, why = -1, rules.weights["negated_same_type"], "the claimed act, negated"
        elif polarity == claim.polarity:
            lean, base, why = -1, rules.weights["negated_related"], "a negated act of its sign"
        else:
            return None
    elif polarity == -claim.polarity:
        lean, base, why = -1, rules.weights["opposite_sign"], "an act of the opposite sign"
    elif polarity == claim.polarity and related and not reverse:
        # (A claim of a relationship reads both ways, so it is never "reverse".)
        lean, base, why = 1, rules.weights["same_type"], "the claimed act"
    else:
        return None
    # A negation the text asserts ("has not recognised") is asserted evidence against.
    modality = "asserted" if negated else row["modality"]
    modality_weight = abs(scoring.weight(modality, bool(row["hedged"])))
    weight = base * factor * modality_weight
    decisive = row["modality"] in rules.decisive_modalities and not row["hedged"]
    return Weighed(row, lean, weight, "; ".join([why, *notes]), decisive)


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


def periods_of(evidence: Sequence[Weighed], merge_gap_years: int = 2) -> list[ClaimPeriod]:
    """Year by year, then runs of years that lean the same way, with no more than
    ``merge_gap_years`` silent years inside a run (silence is not agreement)."""
    years: dict[int, ClaimPeriod] = {}
    for item in evidence:
        first, last = _years(item.row)
        if first is None or last is None:
            continue
        share = item.weight / (last - first + 1)
        for year in range(first, last + 1):
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
            "agrees_with_claim": self.implies == claim.polarity,
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

    @property
    def current(self) -> ClaimPeriod | None:
        """The latest decided period: what holds now, as far as the store knows."""
        decided = [p for p in self.periods if p.verdict != UNDECIDED]
        return decided[-1] if decided else None

    def explanation(self) -> str:
        c = self.claim
        asserted = [e for e in self.evidence if e.decisive]
        parts = [
            f"Read as {c.source.name} {c.type} {c.target.name} ({'+' if c.polarity > 0 else '−'}).",
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
        if self.structural:
            agree = sum(1 for p in self.structural if p.implies == c.polarity)
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
            "current": {"period": current.label, "verdict": current.verdict} if current else None,
            "periods": [p.as_json() for p in self.periods],
            "supporting": listed(1, True),
            "contradicting": listed(-1, True),
            "reported": {"supporting": listed(1, False), "contradicting": listed(-1, False)},
            "structural": [p.as_json(self.claim) for p in self.structural],
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

    ``extraction`` is a ``pipeline.Extraction`` (its knowledge base, parser and extractor
    read the claim exactly as they read the corpus).
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
    rows = _dyad_rows(store, claim, lineage, window)
    scoring = Scoring.from_settings(settings.analysis)
    rules = claim_rules()
    evidence = [
        w
        for row in rows
        if (w := weigh(claim, row, scoring=scoring, rules=rules, lineage=lineage)) is not None
    ]
    periods = periods_of(evidence, rules.merge_gap_years)
    return ClaimCheck(
        claim=claim,
        window=window,
        verdict=overall_verdict(periods),
        periods=periods,
        evidence=evidence,
        structural=structural_paths(store, claim, window, settings),
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
            for row in store.query_events(actor=a, other=b, since=since, until=until):
                rows[row["id"]] = row
    return sorted(rows.values(), key=lambda r: (r["time_start"] or dt.date.max, r["id"]))


def _years(row: dict[str, Any]) -> tuple[int | None, int | None]:
    start, end = row["time_start"], row["time_end"] or row["time_start"]
    return (start.year, end.year) if start else (None, None)


def _covers(row: dict[str, Any], year: int) -> bool:
    first, last = _years(row)
    return first is not None and last is not None and first <= year <= last


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
