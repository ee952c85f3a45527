"""Actor recognition scores: does detente find the gold actors, with the right country?

For every gold actor located in its sentence, the predictions are the mentions detente
resolves that overlap the gold span. A gold actor is found (recall) when one of them has its
country code (and, for the stricter score, its sector too); a prediction is correct
(precision) when its code equals that of the gold actor it overlaps. Mentions outside every
gold span are not scored: gold files annotate the actors of one event per sentence, so
other names in the sentence are neither right nor wrong by them. The reported count of such
mentions shows how much that leaves out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from detente.actors.kb import KnowledgeBase
from detente.actors.resolve import ActorResolver
from detente.evaluation.gold import GoldSentence
from detente.model import Mention

_NO_COUNTRY_CODES = {"igo": "IGO", "ngo": "NGO"}


@dataclass(slots=True)
class Score:
    """Precision over predictions and recall over gold items, counted separately because
    two predictions may overlap one gold span."""

    correct: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "found": self.found,
            "gold": self.gold,
        }


@dataclass(slots=True)
class ActorEvaluation:
    sentences: int = 0
    country: Score = field(default_factory=Score)
    country_sector: Score = field(default_factory=Score)
    unlocated_gold: int = 0
    unscored_mentions: int = 0
    missed: Counter[str] = field(default_factory=Counter)
    confused: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "country": self.country.as_json(),
            "country_sector": self.country_sector.as_json(),
            "unlocated_gold_actors": self.unlocated_gold,
            "mentions_outside_gold_spans": self.unscored_mentions,
            "most_missed": self.missed.most_common(15),
            "most_confused": self.confused.most_common(15),
        }


def mention_code(kb: KnowledgeBase, mention: Mention) -> str | None:
    """The CAMEO-style country part of a mention's actor: ISO3, or IGO/NGO/IMG."""
    if mention.actor_id is None or mention.actor_id not in kb.actors:
        return None
    actor = kb.actor(mention.actor_id)
    if actor.kind in _NO_COUNTRY_CODES:
        return _NO_COUNTRY_CODES[actor.kind]
    return actor.country or "IMG"


def evaluate_actors(resolver: ActorResolver, gold: Iterable[GoldSentence]) -> ActorEvaluation:
    kb = resolver.kb
    result = ActorEvaluation()
    for sentence in gold:
        result.sentences += 1
        document = sentence.as_document()
        mentions = [m for m in resolver.resolve(document) if m.actor_id]
        located = [g for g in sentence.actors if g.start is not None and g.end is not None]
        result.unlocated_gold += len(sentence.actors) - len(located)
        scored: set[int] = set()
        for g in located:
            assert g.start is not None and g.end is not None
            overlapping = [
                (i, m) for i, m in enumerate(mentions) if m.start < g.end and g.start < m.end
            ]
            codes = [(mention_code(kb, m), m.sector) for _, m in overlapping]
            country_hits = sum(1 for code, _ in codes if code == g.country)
            sector_hits = sum(1 for code in codes if code == (g.country, g.sector))
            for score, hits in (
                (result.country, country_hits),
                (result.country_sector, sector_hits),
            ):
                score.gold += 1
                score.found += min(hits, 1)
                score.predicted += len(codes)
                score.correct += hits
            if not any(c[0] == g.country for c in codes):
                if codes:
                    result.confused[f"{g.text} -> {codes[0][0]} (gold {g.country})"] += 1
                else:
                    result.missed[g.text] += 1
            scored.update(i for i, _ in overlapping)
        result.unscored_mentions += len(mentions) - len(scored)
    return result
