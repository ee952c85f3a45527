"""A dyad's history: what two actors did to each other, period by period, and its sign.

Events between the two in either direction are counted as *events*, not as reports: the
reports of one real event (several documents, a later recall) are merged first
(:mod:`detente.store.event_groups`), the event weighing as its strongest report (asserted over
reported) and counting once. They are grouped by calendar period (month, year or decade). An
event whose time is a span (a relation-state statement "since 1975", an act dated only to a
decade) belongs to every period its span [time_start, time_end] overlaps, its weight shared
equally among them: it counts once over its span, not once per period, so a long span never
outweighs the events inside any one of its periods.

A period needs evidence of its own: one whose events are all *background* (recalls dated at
least ``background_after_days`` before their document's publication) and told by fewer than
``period_min_background_reports`` reports is no period: it is listed apart
(``background_only``) and takes no part in the change points or the summary. A relation-state
statement whose span covers the whole period ("throughout the 1990s relations were tense",
by decade) is the period's own evidence however late it was written: it is a statement about
that period, where a recalled act ("ties were severed in 2016") is one moment of it.

Per period:

- the count of events by quad class (1 verbal cooperation, 2 material cooperation, 3 verbal
  conflict, 4 material conflict), of relation-state statements by polarity, and of negated
  events (which are *not* counted as their type);
- the net cooperation score: the sum of the events' contributions (signed intensity ×
  modality weight × hedged weight, see :mod:`detente.analysis.scoring`);
- its sign: cooperative above ``+neutral_band``, hostile below ``-neutral_band``, else neutral;
- the evidence: the ``evidence_per_period`` events of largest weight, with their sentences.

What the evidence rests on, in each period and for each event cited: ``background_only``
when every event is a recall (a period of them is kept only when enough reports tell them),
and ``opinion_only`` when every report comes from a document that declares itself opinion,
analysis or a blog (``documents.genre``, read at ingest): such claims about events still
count, but the answer says what they rest on, as ``detente check`` does.

Then the change points and the one-line summary (:mod:`detente.analysis.changes`). Events
with no time are listed apart as undated. Counting and summing run in DuckDB; only the
per-period figures and the evidence rows come back to Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from detente.analysis.changes import (
    Change,
    PeriodSign,
    change_points,
    label_of,
    sign_of,
    sign_runs,
    summary,
)
from detente.analysis.evidence import (
    EVENT_STRUCT,
    ActorRef,
    Evidence,
    actor_refs,
    rounded,
    sentence_texts,
)
from detente.analysis.periods import (
    GRANULARITIES,
    Granularity,
    bounds_sql,
    key_sql,
    period_bounds,
    period_label,
)
from detente.analysis.scoring import Scoring
from detente.analysis.window import TimeWindow
from detente.config import AnalysisSettings, load_settings
from detente.errors import AnalysisError, SameActor
from detente.store import Store
from detente.store.event_groups import merged_events_sql

__all__ = ["DyadHistory", "DyadPeriod", "Undated", "dyad_history"]

#: Count keys of a period, in order: quad classes, relation statements, negated events.
COUNT_KEYS = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "relation_positive",
    "relation_negative",
    "relation_neutral",
    "negated",
)


@dataclass(frozen=True, slots=True)
class Basis:
    """What an event, or a period's events, rest on: recalls only, opinion pieces only."""

    background_only: bool = False  # every event a recall, dated well before its document
    opinion_only: bool = False  # every report from an opinion, analysis or blog document

    def as_json(self) -> dict[str, bool]:
        return {"background_only": self.background_only, "opinion_only": self.opinion_only}


def _with_basis(evidence: list[Evidence], bases: dict[str, Basis]) -> list[dict[str, Any]]:
    """Evidence as JSON, each item with what its event rests on."""
    return [{**e.as_json(), **bases.get(e.event, Basis()).as_json()} for e in evidence]


@dataclass(frozen=True, slots=True)
class DyadPeriod:
    label: str
    start: dt.date
    end: dt.date
    events: int
    net: float
    polarity: int
    counts: dict[str, int]
    evidence: list[Evidence] = field(default_factory=list)
    reports: int = 0  # the sentences telling its events (each event counts once)
    background_reports: int = 0  # of them, recalls dated well before their document
    opinion_reports: int = 0  # of them, from opinion, analysis or blog documents
    basis: Basis = Basis()  # what the period as a whole rests on
    bases: dict[str, Basis] = field(default_factory=dict)  # what each cited event rests on

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "events": self.events,
            "reports": self.reports,
            "background_reports": self.background_reports,
            "opinion_reports": self.opinion_reports,
            **self.basis.as_json(),
            "net": rounded(self.net),
            "polarity": self.polarity,
            "relationship": label_of(self.polarity),
            "counts": dict(self.counts),
            "evidence": _with_basis(self.evidence, self.bases),
        }


@dataclass(frozen=True, slots=True)
class Undated:
    """Events between the two with no time: counted, never placed in a period."""

    events: int
    net: float
    evidence: list[Evidence]
    bases: dict[str, Basis] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "net": rounded(self.net),
            "evidence": _with_basis(self.evidence, self.bases),
        }


@dataclass(frozen=True, slots=True)
class DyadHistory:
    a: ActorRef
    b: ActorRef
    by: Granularity
    window: TimeWindow
    periods: list[DyadPeriod]
    changes: list[Change]
    change_method: str
    summary: str
    undated: Undated
    scoring: Scoring
    neutral_band: float
    background_only: list[DyadPeriod] = field(default_factory=list)

    @property
    def evidence(self) -> list[Evidence]:
        """Every event cited by a period, once, oldest first."""
        seen: dict[str, Evidence] = {}
        for period in self.periods:
            for item in period.evidence:
                seen.setdefault(item.event, item)
        return sorted(seen.values(), key=lambda e: (e.time_start or dt.date.min, e.event))

    @property
    def basis(self) -> Basis:
        """What the periods behind the summary rest on, all of them together."""
        return Basis(
            background_only=bool(self.periods)
            and all(p.basis.background_only for p in self.periods),
            opinion_only=bool(self.periods) and all(p.basis.opinion_only for p in self.periods),
        )

    def as_json(self) -> dict[str, Any]:
        bases = {k: v for p in self.periods for k, v in p.bases.items()}
        return {
            "a": self.a.as_json(),
            "b": self.b.as_json(),
            "by": self.by,
            "window": self.window.as_json(),
            "periods": [p.as_json() for p in self.periods],
            "changes": [c.as_json() for c in self.changes],
            "change_method": self.change_method,
            "summary": self.summary,
            "summary_basis": self.basis.as_json(),
            "evidence": _with_basis(self.evidence, bases),
            "undated": self.undated.as_json(),
            "background_only": [p.as_json() for p in self.background_only],
            "scoring": {**self.scoring.as_json(), "neutral_band": self.neutral_band},
        }


def dyad_history(
    store: Store,
    a_id: str,
    b_id: str,
    *,
    by: Granularity = "year",
    since: dt.date | None = None,
    until: dt.date | None = None,
    evidence_per_period: int | None = None,
    settings: AnalysisSettings | None = None,
) -> DyadHistory:
    """The history of the relationship between actors ``a_id`` and ``b_id`` (both directions).

    ``since``/``until`` keep the events whose span overlaps that window (undated events are
    then left out). ``evidence_per_period`` and the weights default to the configuration.
    """
    if by not in GRANULARITIES:
        raise AnalysisError(f"cannot group by {by!r}: choose one of {', '.join(GRANULARITIES)}")
    if a_id == b_id:
        raise SameActor(f"a dyad needs two different actors, got {a_id!r} twice")
    config = settings or load_settings().analysis
    scoring = Scoring.from_settings(config)
    window = TimeWindow(since=since, until=until)
    limit = config.evidence_per_period if evidence_per_period is None else evidence_per_period
    band = config.neutral_band

    rows = _period_rows(store, a_id, b_id, by, window, scoring, limit, config.background_after_days)
    texts = sentence_texts(
        store, [(item["doc_id"], item["sentence_idx"]) for row in rows for item in row[-1]]
    )
    periods, thin, undated = [], [], Undated(0, 0.0, [])
    for key, events, net, *counts, firsthand, reports, recalled, opinion, strongest in rows:
        evidence = [
            Evidence.from_struct(
                item, texts.get((item["doc_id"], item["sentence_idx"]), ""), item["weight"]
            )
            for item in strongest
        ]
        bases = {item["id"]: _event_basis(item) for item in strongest}
        if key is None:
            undated = Undated(int(events), float(net), evidence, bases)
            continue
        start, end = period_bounds(by, key)
        period = DyadPeriod(
            label=period_label(by, key),
            start=start,
            end=end,
            events=int(events),
            net=float(net),
            polarity=sign_of(float(net), band),
            counts=dict(zip(COUNT_KEYS, map(int, counts), strict=True)),
            evidence=evidence,
            reports=int(reports),
            background_reports=int(recalled),
            opinion_reports=int(opinion),
            basis=Basis(
                background_only=not firsthand, opinion_only=bool(reports) and opinion == reports
            ),
            bases=bases,
        )
        if not firsthand and recalled < config.period_min_background_reports:
            thin.append(period)  # a period is never made of a lone background mention
        else:
            periods.append(period)
    series = [PeriodSign(p.label, p.start, p.end, p.net) for p in periods]
    changes, method = change_points(
        series,
        band=band,
        min_periods=config.changepoint_min_periods,
        penalty=config.changepoint_penalty,
    )
    runs = sign_runs(series, band=band)
    refs = actor_refs(store, [a_id, b_id])
    text = summary(runs) if runs else "no dated events between them"
    return DyadHistory(
        a=refs[a_id],
        b=refs[b_id],
        by=by,
        window=window,
        periods=periods,
        changes=changes,
        change_method=method,
        summary=text,
        undated=undated,
        scoring=scoring,
        neutral_band=band,
        background_only=thin,
    )


def _event_basis(item: dict[str, Any]) -> Basis:
    """What one event of :func:`_period_rows`'s strongest rests on."""
    reports = int(item.get("reports") or 1)
    return Basis(
        background_only=bool(item.get("background")),
        opinion_only=int(item.get("opinion_reports") or 0) >= reports,
    )


_DYAD = "((e.source_id = $a AND e.target_id = $b) OR (e.source_id = $b AND e.target_id = $a))"


def _period_rows(
    store: Store,
    a: str,
    b: str,
    by: Granularity,
    window: TimeWindow,
    scoring: Scoring,
    limit: int,
    background_days: int,
) -> list[tuple[Any, ...]]:
    """Per period (None for the undated): events, net, the counts of :data:`COUNT_KEYS`, the
    events not resting on background alone, the reports, the background reports, the
    reports from opinion pieces, and the ``limit`` strongest events as structs (each with
    its ``background`` and ``opinion_reports``), in one query.

    The dyad's reports are found by a scan of the two actor columns alone (``rowid IN``), so
    the other columns are read for those rows only, and merged into events
    (:func:`~detente.store.event_groups.merged_events_sql`). A dated event is spread over
    every period its span overlaps with ``unnest(range(...))``, its weight shared among them.
    """
    contribution, params = scoring.sql("e")
    where = "true"  # no window: undated events too, as period NULL
    if window.since is not None or window.last_day is not None:
        where, window_params = window.sql("e")
        params.update(window_params)
    start = key_sql(by, "e.time_start")
    end = key_sql(by, "coalesce(e.time_end, e.time_start)")
    kept = "e.modality <> 'negated'"
    relation = f"{kept} AND e.type = 'RELATION' AND e.polarity"
    first_day, last_day = bounds_sql(by, "e.period")
    merged = merged_events_sql(
        f"{store.row_key('events', 'e')} IN "
        f"(SELECT {store.row_key('events', 'e')} FROM events e WHERE {_DYAD})",
        background_days=background_days,
    )
    sql = f"""
        WITH {merged},
        sources AS (
            SELECT r.group_id AS id, count(*) FILTER (WHERE d.genre IS NOT NULL) AS opinion
            FROM merged_reports r JOIN documents d ON d.id = r.doc_id GROUP BY r.group_id
        ),
        dyad AS (
            SELECT e.*, coalesce(o.opinion, 0) AS opinion_reports,
                   {contribution} AS full_weight, {start} AS k0, {end} AS k1
            FROM merged e LEFT JOIN sources o ON o.id = e.id WHERE {where}
        ),
        spread AS (
            SELECT * EXCLUDE (full_weight),
                full_weight / (CASE WHEN k0 IS NULL THEN 1
                                    ELSE greatest(k0, k1) - k0 + 1 END) AS weight,
                unnest(CASE WHEN k0 IS NULL THEN [NULL::BIGINT]
                            ELSE range(k0, greatest(k0, k1) + 1) END) AS period
            FROM dyad
        )
        SELECT e.period, count(*), sum(e.weight),
            count(*) FILTER (WHERE {kept} AND e.quad_class = 1),
            count(*) FILTER (WHERE {kept} AND e.quad_class = 2),
            count(*) FILTER (WHERE {kept} AND e.quad_class = 3),
            count(*) FILTER (WHERE {kept} AND e.quad_class = 4),
            count(*) FILTER (WHERE {relation} > 0),
            count(*) FILTER (WHERE {relation} < 0),
            count(*) FILTER (WHERE {relation} = 0),
            count(*) FILTER (WHERE e.modality = 'negated'),
            count(*) FILTER (WHERE NOT e.background OR (e.type = 'RELATION'
                AND e.time_start <= {first_day} AND e.time_end >= {last_day})),
            sum(e.reports),
            coalesce(sum(e.background_reports) FILTER (WHERE e.background), 0),
            sum(e.opinion_reports),
            list(struct_insert({EVENT_STRUCT}, weight := e.weight, background := e.background,
                               opinion_reports := e.opinion_reports)
                 ORDER BY abs(e.weight) DESC, e.time_start, e.id)[1:$limit]
        FROM spread e GROUP BY e.period ORDER BY e.period NULLS LAST
    """
    params |= {"a": a, "b": b, "limit": limit, "background_days": background_days}
    return store.fetch(sql, params)
