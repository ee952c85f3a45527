"""Structural balance of the signed relations graph: a diagnostic, not a law.

The graph is :func:`detente.analysis.graph.relations`'s (same window, same half-life decay),
restricted to the ``top`` most active actors (most events with both sides known in the
window) and to edges with a sign.

- **Triads.** Every three actors joined pairwise by signed edges. A triad is *balanced* under
  the strict (Cartwright–Harary) definition: the product of its three signs is positive —
  ``+++`` (friends of friends) or ``+−−`` (the enemy of my enemy is my friend). ``−−−`` is
  unbalanced here (Davis's weak balance would accept it). The balance ratio is balanced
  triads / all signed triads. Counts come from matrix traces (trace(|S|³)/6 triads, of which
  trace(S³)/6 more balanced than not), so they cover every triad; ``max_triads`` are listed,
  those whose weakest edge is strongest first.
- **Frustration.** The frustration index (Harary's line index of balance): the fewest edges
  whose sign must flip for the whole graph to be balanced, which equals the fewest edges
  left *frustrated* (positive across camps, negative inside one) by the best split of the
  actors into two camps. It is computed per connected part: exactly, by trying every split,
  for parts of up to ``exact_frustration_max_nodes`` actors; above that, a heuristic upper
  bound: the better of a spectral split (signs of the leading eigenvector of the signed
  adjacency matrix) and a spanning-tree colouring, each improved by moving single actors
  while that frustrates fewer edges. The output says which.
- **Blocs.** The two camps of that best split, for each connected part (networkx finds the
  parts): signed community detection by minimum frustration. Where the frustration is zero,
  the blocs are exactly the camps of a balanced graph: friends within, enemies across.
- **"Enemy of my enemy".** For pairs with no direct edge, every two-step path A–C–B implies
  a sign, the product of its two signs (−·− = +, +·− = −, +·+ = +). A path counts only when
  both its legs rest on at least ``inference_min_events`` distinct events (reports of one
  event merged, see :mod:`detente.store.event_groups`): one stray sentence on a leg supports
  no inference. The inferred sign is the majority of the counted paths' (0 when they tie),
  marked ``inferred: true``; inferences are ranked by how many more paths agree than
  disagree, then by how many there are, and each lists its strongest paths with both legs'
  signs, weights and events.

Linear algebra runs in numpy on the (at most ``top`` × ``top``) sign matrix; DuckDB does the
aggregation from events to edges.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from detente.analysis.evidence import ActorRef, actor_refs, rounded
from detente.analysis.graph import Edge, attach_evidence, reference_date, signed_edges
from detente.analysis.scoring import Scoring
from detente.analysis.window import TimeWindow
from detente.config import AnalysisSettings, load_settings
from detente.store import Store
from detente.store.event_groups import merged_events_sql

__all__ = ["Balance", "structural_balance"]

DEFINITION: Final = (
    "strict (Cartwright–Harary): a triad is balanced when the product of its three signs is "
    "positive (+++ or +−−); −−− counts as unbalanced"
)
NOTE: Final = (
    "A diagnostic of how far the extracted relations fit 'the enemy of my enemy is my "
    "friend'; unbalanced triads and inferences are questions to read the evidence for, "
    "not predictions."
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    IntMatrix = NDArray[np.int64]
    FloatMatrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Triad:
    nodes: tuple[int, int, int]
    signs: tuple[int, int, int]  # (0,1), (0,2), (1,2)
    weights: tuple[float, float, float]

    @property
    def balanced(self) -> bool:
        return math.prod(self.signs) > 0


@dataclass(frozen=True, slots=True)
class Inference:
    a: int
    b: int
    sign: int
    positive_paths: int
    negative_paths: int
    paths: list[tuple[int, int, int]]  # (via, sign a–via, sign via–b)


@dataclass(frozen=True, slots=True)
class Frustration:
    edges: int
    of: int
    exact: bool
    frustrated: list[tuple[int, int]]  # the strongest ``max_frustrated_edges`` of them


@dataclass(frozen=True, slots=True)
class Balance:
    window: TimeWindow
    reference: dt.date | None
    half_life_days: float
    actors: list[ActorRef]
    activity: list[int]
    edges: dict[tuple[str, str], Edge]
    n_edges: int
    n_positive: int
    triads_total: int
    triads_balanced: int
    triads: list[Triad]
    frustration: Frustration
    blocs: list[tuple[int, list[int]]]  # (connected part, members)
    inferences: list[Inference]
    inferences_total: int
    inference_min_events: int = 1

    @property
    def balance_ratio(self) -> float | None:
        return self.triads_balanced / self.triads_total if self.triads_total else None

    def _id(self, index: int) -> str:
        return self.actors[index].id

    def _edge(self, i: int, j: int) -> dict[str, Any]:
        a, b = _pair(self._id(i), self._id(j))
        edge = self.edges[(a, b)]
        return {"a": a, "b": b, "sign": edge.sign, "weight": rounded(edge.weight)}

    def _leg(self, i: int, j: int) -> dict[str, Any]:
        a, b = _pair(self._id(i), self._id(j))
        edge = self.edges[(a, b)]
        return {**self._edge(i, j), "events": edge.events, "reports": edge.reports}

    def triad_json(self, triad: Triad) -> dict[str, Any]:
        i, j, k = triad.nodes
        return {
            "actors": [self.actors[n].as_json() for n in triad.nodes],
            "edges": [self._edge(i, j), self._edge(i, k), self._edge(j, k)],
            "signs": "".join("+" if s > 0 else "−" for s in triad.signs),
            "balanced": triad.balanced,
        }

    def inference_json(self, inference: Inference) -> dict[str, Any]:
        return {
            "a": self.actors[inference.a].as_json(),
            "b": self.actors[inference.b].as_json(),
            "sign": inference.sign,
            "inferred": True,
            "positive_paths": inference.positive_paths,
            "negative_paths": inference.negative_paths,
            "paths": [
                {
                    "via": self.actors[via].as_json(),
                    "signs": [first, second],
                    "implies": first * second,
                    "legs": [self._leg(inference.a, via), self._leg(via, inference.b)],
                }
                for via, first, second in inference.paths
            ],
        }

    def as_json(self) -> dict[str, Any]:
        ratio = self.balance_ratio
        frustration = self.frustration
        return {
            "window": self.window.as_json(),
            "reference_date": self.reference.isoformat() if self.reference else None,
            "half_life_days": None if math.isinf(self.half_life_days) else self.half_life_days,
            "definition": DEFINITION,
            "note": NOTE,
            "actors": [
                {**a.as_json(), "events": n}
                for a, n in zip(self.actors, self.activity, strict=True)
            ],
            "signed_edges": {
                "total": self.n_edges,
                "positive": self.n_positive,
                "negative": self.n_edges - self.n_positive,
            },
            "triad_counts": {
                "total": self.triads_total,
                "balanced": self.triads_balanced,
                "unbalanced": self.triads_total - self.triads_balanced,
                "listed": len(self.triads),
            },
            "balance_ratio": None if ratio is None else round(ratio, 4),
            "triads": [self.triad_json(t) for t in self.triads],
            "frustration": {
                "edges": frustration.edges,
                "of": frustration.of,
                "normalised": round(frustration.edges / frustration.of, 4)
                if frustration.of
                else None,
                "method": "exact" if frustration.exact else "heuristic (upper bound)",
                "frustrated_edges": [self._edge(i, j) for i, j in frustration.frustrated],
            },
            "blocs": [
                {"component": part, "actors": [self.actors[m].as_json() for m in members]}
                for part, members in self.blocs
            ],
            "blocs_method": "per connected part, the two-camp split with the fewest "
            "frustrated edges",
            "inferences_total": self.inferences_total,
            "inference_min_events": self.inference_min_events,
            "inferences": [self.inference_json(i) for i in self.inferences],
            "edges": [
                {**edge.as_json(self._names()), "pair": [edge.a, edge.b]}
                for edge in self.edges.values()
                if edge.evidence
            ],
        }

    def _names(self) -> dict[str, ActorRef]:
        return {a.id: a for a in self.actors}


def structural_balance(
    store: Store,
    *,
    at: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    top: int | None = None,
    half_life_days: float | None = None,
    max_triads: int | None = None,
    max_inferences: int | None = None,
    settings: AnalysisSettings | None = None,
) -> Balance:
    """Triads, balance ratio, frustration, blocs and inferred signs of the relations graph
    among the ``top`` most active actors up to ``at`` (or in ``since``…``until``).

    Not called ``balance``: that is this module's name, and ``detente.analysis`` exports
    lazily, where a function and a submodule of one name would shadow each other."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    config = settings or load_settings().analysis
    window = TimeWindow(at=at, since=since, until=until)
    half_life = config.half_life_days if half_life_days is None else half_life_days
    scoring = Scoring.from_settings(config)
    reference = reference_date(store, window)
    actors = most_active(store, window, config.top_actors if top is None else top)
    ids = [a for a, _ in actors]
    found, _ = signed_edges(store, window, reference, half_life, scoring, among=ids)
    edges = [e for e in found if e.sign != 0]
    used = sorted({i for e in edges for i in (e.a, e.b)}, key=ids.index)
    index = {a: n for n, a in enumerate(used)}
    signs = np.zeros((len(used), len(used)), dtype=np.int64)
    weights = np.zeros((len(used), len(used)), dtype=np.float64)
    events = np.zeros((len(used), len(used)), dtype=np.int64)
    for e in edges:
        i, j = index[e.a], index[e.b]
        signs[i, j] = signs[j, i] = e.sign
        weights[i, j] = weights[j, i] = e.weight
        events[i, j] = events[j, i] = e.events

    total, balanced = triad_counts(signs)
    listed = strongest_triads(
        signs, weights, config.max_triads if max_triads is None else max_triads
    )
    frustration, blocs = frustration_and_blocs(signs, config.exact_frustration_max_nodes)
    strongest = sorted(frustration.frustrated, key=lambda p: (-abs(weights[p]), p))
    frustration = Frustration(
        frustration.edges,
        frustration.of,
        frustration.exact,
        strongest[: config.max_frustrated_edges],
    )
    inferences, n_inferences = infer_signs(
        signs,
        weights,
        config.max_inferences if max_inferences is None else max_inferences,
        config.paths_per_inference,
        events=events,
        min_events=config.inference_min_events,
    )

    cited: set[tuple[int, int]] = set()
    for t in listed:
        i, j, k = t.nodes
        cited |= {(i, j), (i, k), (j, k)}
    for inf in inferences:
        for via, _, _ in inf.paths:
            cited |= {(inf.a, via), (via, inf.b)}
    cited |= set(frustration.frustrated)
    pair_of = {(e.a, e.b): e for e in edges}
    wanted = [pair_of[_pair(used[i], used[j])] for i, j in sorted(cited)]
    with_evidence = attach_evidence(
        store, wanted, window, reference, half_life, scoring, config.evidence_per_edge
    )
    for e in with_evidence:
        pair_of[(e.a, e.b)] = e
    names = actor_refs(store, used)
    activity = dict(actors)
    return Balance(
        window=window,
        reference=reference,
        half_life_days=half_life,
        actors=[names[a] for a in used],
        activity=[activity[a] for a in used],
        edges=pair_of,
        n_edges=len(edges),
        n_positive=sum(1 for e in edges if e.sign > 0),
        triads_total=total,
        triads_balanced=balanced,
        triads=listed,
        frustration=frustration,
        blocs=blocs,
        inferences=inferences,
        inferences_total=n_inferences,
        inference_min_events=config.inference_min_events,
    )


_PAIR_EVENT: Final = (
    "e.source_id IS NOT NULL AND e.target_id IS NOT NULL AND e.source_id <> e.target_id"
)


def most_active(store: Store, window: TimeWindow, top: int) -> list[tuple[str, int]]:
    """The ``top`` actors with the most events (reports of one event merged) whose both sides
    are known, in the window."""
    where, params = window.sql("e")
    rows = store.fetch(
        f"""
        WITH {merged_events_sql(_PAIR_EVENT)}
        SELECT actor, count(*) AS n FROM (
            SELECT unnest([e.source_id, e.target_id]) AS actor FROM merged e WHERE {where}
        ) GROUP BY actor ORDER BY n DESC, actor LIMIT $top
        """,
        {**params, "top": max(0, top)},
    )
    return [(str(r[0]), int(r[1])) for r in rows]


def triad_counts(signs: IntMatrix) -> tuple[int, int]:
    """All signed triads and the balanced ones, from traces: trace(|S|³) counts each triangle
    six times, and trace(S³) adds +6 for each balanced one and −6 for each unbalanced one."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    if signs.size == 0:
        return 0, 0
    adjacency = np.abs(signs)
    total = int(np.trace(adjacency @ adjacency @ adjacency)) // 6
    net = int(np.trace(signs @ signs @ signs)) // 6
    return total, (total + net) // 2


def strongest_triads(signs: IntMatrix, weights: FloatMatrix, limit: int) -> list[Triad]:
    """Up to ``limit`` triads, those whose weakest edge is strongest first."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    n = len(signs)
    adjacency = signs != 0
    found: list[NDArray[np.int64]] = []
    for i in range(n):
        neighbours = np.flatnonzero(adjacency[i, i + 1 :]) + i + 1
        if len(neighbours) < 2:
            continue
        sub = np.triu(adjacency[np.ix_(neighbours, neighbours)], 1)
        p, q = np.nonzero(sub)
        if len(p):
            found.append(np.column_stack([np.full(len(p), i), neighbours[p], neighbours[q]]))
    if not found or limit <= 0:
        return []
    triples = np.concatenate(found)
    first, second, third = triples[:, 0], triples[:, 1], triples[:, 2]
    strength = np.minimum(
        np.abs(weights[first, second]),
        np.minimum(np.abs(weights[first, third]), np.abs(weights[second, third])),
    )
    if len(triples) > limit:
        keep = np.argpartition(-strength, limit - 1)[:limit]
    else:
        keep = np.arange(len(triples))
    keep = keep[np.lexsort((keep, -strength[keep]))]
    return [
        Triad(
            (int(a), int(b), int(c)),
            (int(signs[a, b]), int(signs[a, c]), int(signs[b, c])),
            (float(weights[a, b]), float(weights[a, c]), float(weights[b, c])),
        )
        for a, b, c in triples[keep]
    ]


def frustration_and_blocs(
    signs: IntMatrix, exact_max: int
) -> tuple[Frustration, list[tuple[int, list[int]]]]:
    """The frustration index and the two camps of the best split of each connected part."""
    import networkx as nx  # here, not with the module: a tenth of a second of every start-up
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    graph = nx.Graph()
    graph.add_nodes_from(range(len(signs)))
    graph.add_edges_from(zip(*np.nonzero(np.triu(signs, 1)), strict=True))
    parts = sorted(
        (sorted(int(n) for n in c) for c in nx.connected_components(graph) if len(c) > 1),
        key=lambda c: c[0],
    )
    total = 0
    exact = True
    frustrated: list[tuple[int, int]] = []
    blocs: list[tuple[int, list[int]]] = []
    for number, nodes in enumerate(parts, start=1):
        sub = signs[np.ix_(nodes, nodes)]
        if len(nodes) <= exact_max:
            sides = best_split_exact(sub)
        else:
            sides = best_split_heuristic(sub)
            exact = False
        bad = frustrated_pairs(sub, sides)
        total += len(bad)
        frustrated += [(nodes[a], nodes[b]) for a, b in bad]
        if sides[0] < 0:  # the part's most active actor's camp first
            sides = -sides
        for side in (1, -1):
            members = [nodes[m] for m in np.flatnonzero(sides == side)]
            if members:
                blocs.append((number, members))
    edges = int(np.count_nonzero(np.triu(signs, 1)))
    return Frustration(total, edges, exact, sorted(frustrated)), blocs


def frustrated_pairs(signs: IntMatrix, sides: IntMatrix) -> list[tuple[int, int]]:
    """Edges positive across camps or negative inside one."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    bad = np.triu(signs * np.outer(sides, sides) < 0, 1)
    return [(int(a), int(b)) for a, b in zip(*np.nonzero(bad), strict=True)]


def best_split_exact(signs: IntMatrix) -> IntMatrix:
    """The split with the fewest frustrated edges, by trying all 2^(n-1) of them."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    n = len(signs)
    u, v = np.nonzero(np.triu(signs, 1))
    edge_signs = signs[u, v]
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    bits = (codes[:, None] >> np.arange(n - 1, dtype=np.int64)) & 1
    sides = np.concatenate([np.ones((len(codes), 1), dtype=np.int64), 1 - 2 * bits], axis=1)
    frustrated = (edge_signs * sides[:, u] * sides[:, v] < 0).sum(axis=1)
    best: IntMatrix = sides[int(np.argmin(frustrated))]
    return best


def best_split_heuristic(signs: IntMatrix) -> IntMatrix:
    """An upper-bound split: spectral and spanning-tree starts, improved by single moves."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    starts = [_spectral_split(signs), _tree_split(signs)]
    improved = [_local_moves(signs, s) for s in starts]
    scores = [len(frustrated_pairs(signs, s)) for s in improved]
    return improved[int(np.argmin(scores))]


def _spectral_split(signs: IntMatrix) -> IntMatrix:
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    _, vectors = np.linalg.eigh(signs.astype(np.float64))
    leading = vectors[:, -1]
    return np.where(leading >= 0, 1, -1).astype(np.int64)


def _tree_split(signs: IntMatrix) -> IntMatrix:
    """Walk a breadth-first tree: a friend joins the camp, an enemy the other."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    n = len(signs)
    sides = np.zeros(n, dtype=np.int64)
    for root in range(n):
        if sides[root]:
            continue
        sides[root] = 1
        queue = [root]
        while queue:
            node = queue.pop(0)
            for other in np.flatnonzero(signs[node]):
                if not sides[other]:
                    sides[other] = sides[node] * signs[node, other]
                    queue.append(int(other))
    return sides


def _local_moves(signs: IntMatrix, sides: IntMatrix) -> IntMatrix:
    """Move the actor whose move unfrustrates most edges, while any move helps."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    x = sides.copy()
    field = signs @ x  # field[i] * x[i] = satisfied − frustrated edges at i
    for _ in range(10 * len(x)):
        gain = field * x
        worst = int(np.argmin(gain))
        if gain[worst] >= 0:
            break
        x[worst] = -x[worst]
        field += 2 * x[worst] * signs[:, worst]
    return x


def infer_signs(
    signs: IntMatrix,
    weights: FloatMatrix,
    limit: int,
    paths_per_pair: int,
    *,
    events: IntMatrix | None = None,
    min_events: int = 1,
) -> tuple[list[Inference], int]:
    """Pairs without an edge and with two-step paths whose both legs rest on ``min_events``
    events or more (``events`` per edge): the sign those paths imply, strongest first."""
    import numpy as np  # imported here: a tenth of a second of every command's start-up

    if signs.size == 0:
        return [], 0
    direct = signs != 0
    strong = direct if events is None else direct & (events >= min_events)
    adjacency = strong.astype(np.int64)
    legs = np.where(strong, signs, 0)
    path_count = adjacency @ adjacency
    path_sum = legs @ legs
    candidates = np.triu(~direct & (path_count > 0), 1)
    a, b = np.nonzero(candidates)
    total = len(a)
    if not total or limit <= 0:
        return [], total
    order = np.lexsort((b, a, -path_count[a, b], -np.abs(path_sum[a, b])))[:limit]
    out = []
    for i, j in zip(a[order], b[order], strict=True):
        via = np.flatnonzero(adjacency[i] & adjacency[j])
        strength = np.minimum(np.abs(weights[i, via]), np.abs(weights[via, j]))
        via = via[np.argsort(-strength, kind="stable")][:paths_per_pair]
        total_sum, count = int(path_sum[i, j]), int(path_count[i, j])
        sign = 1 if total_sum > 0 else -1 if total_sum < 0 else 0
        out.append(
            Inference(
                int(i),
                int(j),
                sign,
                (count + total_sum) // 2,
                (count - total_sum) // 2,
                [(int(v), int(legs[i, v]), int(legs[v, j])) for v in via],
            )
        )
    return out, total


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)
