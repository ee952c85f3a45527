"""The actor network as a networkx graph, for GraphML and GEXF (Gephi, networkx, igraph).

Nodes are actors (``label``, ``kind``, ``country``, ``code``). Edges join unordered actor
pairs that at least one event of the export links (events with a missing side, or the same
actor on both, make no edge). Each edge carries:

- ``weight``: the pair's net score, Σ of each event's contribution as
  :mod:`detente.analysis.scoring` defines it (signed intensity × modality weight × hedging
  weight), without time decay: the same figure as ``detente relations --half-life inf``
  over the same events, except that undated events count here too;
- ``sign``: +1, −1 or 0, the sign of ``weight``; ``abs_weight``: its size, for layouts that
  reject negative weights;
- ``events``, ``positive``, ``negative``: how many events, and how many of them
  contributed a positive or a negative score;
- ``intensity_sum``: Σ of the raw −10…+10 intensities, for those who want GDELT's
  Goldstein-style sum without detente's modality weights.

GraphML and GEXF hold no null values, so a missing country or code is an empty string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

from detente.analysis.scoring import Scoring
from detente.model import ActorRecord

__all__ = ["PairTotals", "actor_graph", "pair_totals"]

#: A net score closer to zero than this has no sign (floating-point noise).
ZERO: Final = 1e-9


@dataclass(slots=True)
class PairTotals:
    a: str
    b: str
    weight: float = 0.0
    events: int = 0
    positive: int = 0
    negative: int = 0
    intensity_sum: float = 0.0

    @property
    def sign(self) -> int:
        return 1 if self.weight > ZERO else -1 if self.weight < -ZERO else 0


def pair_totals(rows: Sequence[Mapping[str, Any]], scoring: Scoring) -> list[PairTotals]:
    """Per unordered actor pair, the totals described in the module docstring; the
    strongest (largest absolute weight) first. ``rows`` are :func:`event_table` records."""
    pairs: dict[tuple[str, str], PairTotals] = {}
    for row in rows:
        source, target = row["source_id"], row["target_id"]
        if not source or not target or source == target:
            continue
        a, b = sorted((source, target))
        totals = pairs.setdefault((a, b), PairTotals(a, b))
        score = scoring.contribution(
            type_=row["event_type"],
            intensity=row["intensity"],
            polarity=int(row["polarity"] or 0),
            modality=row["modality"],
            hedged=bool(row["hedged"]),
        )
        totals.weight += score
        totals.events += 1
        totals.positive += score > ZERO
        totals.negative += score < -ZERO
        totals.intensity_sum += float(row["intensity"] or 0.0)
    return sorted(pairs.values(), key=lambda p: (-abs(p.weight), p.a, p.b))


def actor_graph(
    rows: Sequence[Mapping[str, Any]], actors: Mapping[str, ActorRecord], scoring: Scoring
) -> nx.Graph:
    """An undirected graph of the actors and signed edges of these event records."""
    graph = nx.Graph(name="detente actor network")
    for totals in pair_totals(rows, scoring):
        for actor_id in (totals.a, totals.b):
            if actor_id not in graph:
                graph.add_node(actor_id, **_node(actor_id, actors.get(actor_id)))
        graph.add_edge(
            totals.a,
            totals.b,
            weight=round(totals.weight, 6),
            abs_weight=round(abs(totals.weight), 6),
            sign=totals.sign,
            events=totals.events,
            positive=totals.positive,
            negative=totals.negative,
            intensity_sum=round(totals.intensity_sum, 6),
        )
    return graph


def _node(actor_id: str, record: ActorRecord | None) -> dict[str, Any]:
    if record is None:
        return {"label": actor_id, "kind": "", "country": "", "code": "", "provisional": False}
    return {
        "label": record.name,
        "kind": record.kind or "",
        "country": record.country or "",
        "code": record.cameo_code or "",
        "provisional": bool(record.provisional),
    }
