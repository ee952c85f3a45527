"""Relations at a date: the signed, weighted graph of actor pairs.

An edge joins two actors (an unordered pair: what A did to B and what B did to A add up)
that some dated event in the window connects; events with no source or no target, or with
the same actor on both sides, are no edge. Its weight is the sum of its events'
contributions (:mod:`detente.analysis.scoring`), each decayed by age:

    weight = Σ contribution × 0.5 ^ (age_days / half_life_days)

where ``age_days`` runs from the end of the event's span (its start when it has none) to the
reference date (:mod:`detente.analysis.window`), and is zero for a span still running then.
An event one half-life old counts half, two half-lives a quarter. The default half-life
(``[analysis] half_life_days``, two years) keeps a relationship's history visible while
letting recent events lead; ``--half-life`` changes it, and ``inf`` turns decay off.

The edge's sign is its weight's. Each edge lists its ``evidence_per_edge`` strongest events
(largest decayed weight). Aggregation runs in DuckDB, one group per pair.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from detente.analysis.evidence import (
    EVENT_FIELDS,
    EVENT_STRUCT,
    ActorRef,
    Evidence,
    actor_refs,
    rounded,
    sentence_texts,
)
from detente.analysis.scoring import Scoring
from detente.analysis.window import TimeWindow
from detente.config import AnalysisSettings, load_settings
from detente.errors import AnalysisError
from detente.store import Store
from detente.store.event_groups import merged_events_sql

__all__ = ["Edge", "Relations", "relations"]

#: Below this an edge's weight counts as no sign at all (floating-point noise).
ZERO = 1e-9


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    weight: float
    events: int
    cooperative: float  # sum of the positive decayed contributions
    hostile: float  # sum of the negative ones
    evidence: list[Evidence] = field(default_factory=list)
    reports: int = 0  # the sentences telling its events (each event counts once)

    @property
    def sign(self) -> int:
        return 1 if self.weight > ZERO else -1 if self.weight < -ZERO else 0

    def as_json(self, names: dict[str, ActorRef]) -> dict[str, Any]:
        return {
            "a": names[self.a].as_json(),
            "b": names[self.b].as_json(),
            "weight": rounded(self.weight),
            "sign": self.sign,
            "events": self.events,
            "reports": self.reports,
            "cooperative": rounded(self.cooperative),
            "hostile": rounded(self.hostile),
            "evidence": [e.as_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Relations:
    window: TimeWindow
    reference: dt.date | None
    half_life_days: float
    edges: list[Edge]
    edges_total: int
    actors: dict[str, ActorRef]
    undated_events: int
    scoring: Scoring

    def as_json(self) -> dict[str, Any]:
        return {
            "window": self.window.as_json(),
            "reference_date": self.reference.isoformat() if self.reference else None,
            "half_life_days": None if math.isinf(self.half_life_days) else self.half_life_days,
            "decay": "weight × 0.5 ^ (age in days / half-life), age to the reference date",
            "actors": [a.as_json() for a in sorted(self.actors.values(), key=lambda a: a.id)],
            "edges_total": self.edges_total,
            "edges": [e.as_json(self.actors) for e in self.edges],
            "undated_events_left_out": self.undated_events,
            "scoring": self.scoring.as_json(),
        }


def relations(
    store: Store,
    *,
    at: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    half_life_days: float | None = None,
    max_edges: int | None = None,
    evidence_per_edge: int | None = None,
    settings: AnalysisSettings | None = None,
) -> Relations:
    """The signed graph of actor pairs from the events up to ``at`` (or in ``since``…``until``),
    strongest edges first; with ``actor``, only that actor's edges.

    ``max_edges`` (default ``[analysis] max_edges``) keeps the strongest pairs (all are
    counted in ``edges_total``); evidence is fetched for those alone.
    """
    config = settings or load_settings().analysis
    window = TimeWindow(at=at, since=since, until=until)
    half_life = config.half_life_days if half_life_days is None else half_life_days
    scoring = Scoring.from_settings(config)
    limit = config.evidence_per_edge if evidence_per_edge is None else evidence_per_edge
    reference = reference_date(store, window)
    edges, total = signed_edges(
        store,
        window,
        reference,
        half_life,
        scoring,
        touching=actor,
        limit=config.max_edges if max_edges is None else max_edges,
    )
    with_evidence = attach_evidence(store, edges, window, reference, half_life, scoring, limit)
    names = actor_refs(store, [i for e in edges for i in (e.a, e.b)] + ([actor] if actor else []))
    return Relations(
        window=window,
        reference=reference,
        half_life_days=half_life,
        edges=with_evidence,
        edges_total=total,
        actors=names,
        undated_events=_undated_pair_events(store, actor),
        scoring=scoring,
    )


def reference_date(store: Store, window: TimeWindow) -> dt.date | None:
    """``at``, else ``until``, else the latest day an event in the window reaches."""
    if window.last_day is not None:
        return window.last_day
    where, params = window.sql("e")
    row = store.fetch(
        f"WITH {merged_events_sql()} "
        f"SELECT max(coalesce(e.time_end, e.time_start)) FROM merged e WHERE {where}",
        params,
    )
    return row[0][0] if row and row[0][0] is not None else None


def _scored_sql(
    window: TimeWindow,
    reference: dt.date | None,
    half_life: float,
    scoring: Scoring,
    *,
    touching: str | None = None,
    among: Sequence[str] | None = None,
    columns: str = "",
) -> tuple[str, dict[str, Any]]:
    """``scored``: per event between two actors (its reports merged, see
    :func:`~detente.store.event_groups.merged_events_sql`), the unordered pair (a < b), its
    decayed contribution and its number of reports."""
    if not half_life > 0:
        raise AnalysisError(f"the half-life must be a positive number of days, not {half_life}")
    contribution, params = scoring.sql("e")
    where, window_params = window.sql("e")
    params.update(window_params)
    conditions = [
        "e.source_id IS NOT NULL",
        "e.target_id IS NOT NULL",
        "e.source_id <> e.target_id",
    ]
    if touching is not None:
        conditions.append("(e.source_id = $touching OR e.target_id = $touching)")
        params["touching"] = touching
    if among is not None:
        conditions.append("e.source_id IN (SELECT unnest($among::VARCHAR[]))")
        conditions.append("e.target_id IN (SELECT unnest($among::VARCHAR[]))")
        params["among"] = list(among)
    if math.isinf(half_life) or reference is None:
        decay = "1.0"
    else:
        decay = (
            "pow(0.5, greatest(0, date_diff('day', coalesce(e.time_end, e.time_start), "
            "$reference::DATE)) / $half_life)"
        )
        params["reference"] = reference
        params["half_life"] = half_life
    sql = f"""
        {merged_events_sql(" AND ".join(conditions))},
        scored AS (
            SELECT least(e.source_id, e.target_id) AS a, greatest(e.source_id, e.target_id) AS b,
                   {contribution} * {decay} AS w, e.reports AS n_reports {columns}
            FROM merged e
            WHERE {where}
        )
    """
    return sql, params


def signed_edges(
    store: Store,
    window: TimeWindow,
    reference: dt.date | None,
    half_life: float,
    scoring: Scoring,
    *,
    touching: str | None = None,
    among: Sequence[str] | None = None,
    limit: int | None = None,
) -> tuple[list[Edge], int]:
    """The pairs' decayed weights, strongest first (at most ``limit``), and how many pairs
    there are: one DuckDB aggregation, no evidence yet."""
    scored, params = _scored_sql(
        window, reference, half_life, scoring, touching=touching, among=among
    )
    if limit is not None:
        params["limit"] = max(0, limit)
    rows = store.fetch(
        f"""
        WITH {scored}
        SELECT a, b, sum(w), count(*), coalesce(sum(w) FILTER (WHERE w > 0), 0),
               coalesce(sum(w) FILTER (WHERE w < 0), 0), count(*) OVER (), sum(n_reports)
        FROM scored GROUP BY a, b ORDER BY abs(sum(w)) DESC, a, b
        {"LIMIT $limit" if limit is not None else ""}
        """,
        params,
    )
    edges = [
        Edge(r[0], r[1], float(r[2]), int(r[3]), float(r[4]), float(r[5]), reports=int(r[7]))
        for r in rows
    ]
    return edges, int(rows[0][6]) if rows else 0


def attach_evidence(
    store: Store,
    edges: Sequence[Edge],
    window: TimeWindow,
    reference: dt.date | None,
    half_life: float,
    scoring: Scoring,
    limit: int,
) -> list[Edge]:
    """The edges with their ``limit`` strongest events each, in one query for all of them."""
    if limit <= 0 or not edges:
        return list(edges)
    actors = sorted({i for e in edges for i in (e.a, e.b)})
    scored, params = _scored_sql(
        window,
        reference,
        half_life,
        scoring,
        among=actors,
        columns=", " + EVENT_FIELDS,
    )
    params["pair_a"] = [e.a for e in edges]
    params["pair_b"] = [e.b for e in edges]
    params["limit"] = limit
    rows = store.fetch(
        f"""
        WITH {scored},
        pairs AS (SELECT unnest($pair_a::VARCHAR[]) AS a, unnest($pair_b::VARCHAR[]) AS b)
        SELECT e.a, e.b,
            list(struct_insert({EVENT_STRUCT}, weight := e.w)
                 ORDER BY abs(e.w) DESC, e.time_start, e.id)[1:$limit]
        FROM scored e JOIN pairs p ON p.a = e.a AND p.b = e.b
        GROUP BY e.a, e.b
        """,
        params,
    )
    texts = sentence_texts(
        store, [(item["doc_id"], item["sentence_idx"]) for row in rows for item in row[2]]
    )
    found = {
        (row[0], row[1]): [
            Evidence.from_struct(
                item, texts.get((item["doc_id"], item["sentence_idx"]), ""), item["weight"]
            )
            for item in row[2]
        ]
        for row in rows
    }
    return [dataclasses.replace(e, evidence=found.get((e.a, e.b), [])) for e in edges]


def _undated_pair_events(store: Store, actor: str | None) -> int:
    """Events that would be edges but have no time, so no place in a dated graph."""
    where = "e.source_id IS NOT NULL AND e.target_id IS NOT NULL"
    params: dict[str, Any] = {}
    if actor is not None:
        where += " AND (e.source_id = $actor OR e.target_id = $actor)"
        params["actor"] = actor
    sql = f"WITH {merged_events_sql(where)} SELECT count(*) FROM merged WHERE time_start IS NULL"
    return int(store.fetch(sql, params)[0][0])
