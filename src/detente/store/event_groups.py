"""Which stored reports are one real event: the ``event_groups`` table and how it is built.

An *event* row of the store is a **report**: one sentence of one document saying that
something happened. The same happening is reported by several documents (a wire story and
its rewrites) and recalled as background by later ones ("ties were severed in 2016"); GDELT
keeps it as one event with NumMentions / NumArticles. Here two reports are **the same event**
when all of these hold:

1. **Same source, same target, same type.** A different actor or a different PLOVER type is a
   different act. A reciprocal report ("A and B signed", "the rebels fought IS") is stored
   with its actors in the order its text gives them, so reciprocal reports compare their
   pairs unordered: "B and A signed" is the same act.
2. **Same polarity, compatible modality.** Modalities fall into classes
   (``[analysis] same_event_modality_classes``): by default *asserted* and *reported* are one
   class (the act occurred; "reportedly" only lowers our certainty of it), while *negated* (a
   denial) and *future* (an intention) are classes of their own, since a denial or a plan is
   not the act. Hedging never separates reports.
3. **Compatible times at the dates' precision.** Reports are taken finest first (shortest
   span, then earliest, then id). A report of the same precision as an event joins it when
   their spans overlap once each is widened by ``same_event_tolerance_days`` (a "yesterday"
   read against two publication dates); a coarser report ("in 2016", "in the 1990s") joins
   an event whose span lies inside its own: it recalls that event at a coarser grain and
   says nothing new. When a coarse report fits several events it joins the one with the most
   reports, then the earliest, then the smallest id, since it adds no event of its own in
   any case. Undated reports of one kind form one event.

Why this and not a looser rule: chaining (a year mention bridging two distinct attacks in
that year) would merge acts that are separate, so each event keeps the *core* span of its
finest report and a coarse report only ever attaches to one event. A stricter rule (same
day only) would leave every background recall as a second event and double its weight.

The grouping is a pure function of the reports (:func:`group_reports`): sorted on a total
key, so independent of the order in which documents were ingested, and the id of a group is
a hash of its sorted member ids. It is kept in the store, rebuilt for the keys a write
touches (``Store.write_extraction``), as rows ``(event_id, group_id, rank, time_start,
time_end)`` for reports that share their event with another; a report with no row is an
event on its own whose id is its own. ``rank`` 0 is the report that speaks for the event
(asserted before reported, unhedged before hedged, then the finest time, the most confident,
the smallest id); the event's time is its finest report's span. Every report stays in
``events``: the grouping adds no copy of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

__all__ = [
    "GroupingRules",
    "Report",
    "group_reports",
    "merged_events_sql",
    "rebuild_event_groups",
]

#: Strength of a modality for picking the report that speaks for an event (lower first).
_MODALITY_ORDER = {"asserted": 0, "reported": 1, "future": 2, "negated": 3}


@dataclass(frozen=True, slots=True)
class GroupingRules:
    """The numbers of the definition, from ``[analysis]`` of the configuration."""

    modality_classes: Mapping[str, str]
    tolerance_days: int

    @classmethod
    def from_settings(cls, settings: Any) -> GroupingRules:
        return cls(
            modality_classes=dict(settings.same_event_modality_classes),
            tolerance_days=int(settings.same_event_tolerance_days),
        )

    @classmethod
    def default(cls) -> GroupingRules:
        from detente.config import load_settings

        return cls.from_settings(load_settings().analysis)

    def modality_class(self, modality: str) -> str:
        return self.modality_classes.get(modality, modality)

    def class_sql(self, column: str) -> tuple[str, dict[str, Any]]:
        """SQL for the modality class of ``column``, with its parameters."""
        params: dict[str, Any] = {}
        cases = []
        for n, (modality, name) in enumerate(sorted(self.modality_classes.items())):
            params[f"mc_m{n}"], params[f"mc_c{n}"] = modality, name
            cases.append(f"WHEN $mc_m{n} THEN $mc_c{n}")
        if not cases:
            return column, params
        return f"(CASE {column} {' '.join(cases)} ELSE {column} END)", params


@dataclass(frozen=True, slots=True)
class Report:
    """What the grouping needs of one stored event row."""

    id: str
    source_id: str | None
    target_id: str | None
    type: str
    polarity: int
    modality: str
    hedged: bool
    time_start: dt.date | None
    time_end: dt.date | None
    confidence: float
    reciprocal: bool = False

    @property
    def pair(self) -> tuple[str | None, str | None]:
        """(source, target), unordered for a reciprocal report (either side acted)."""
        if self.reciprocal and (self.source_id or "") > (self.target_id or ""):
            return self.target_id, self.source_id
        return self.source_id, self.target_id

    @property
    def span_days(self) -> int:
        if self.time_start is None:
            return 1 << 30
        return ((self.time_end or self.time_start) - self.time_start).days

    def speaking_order(self) -> tuple[int, bool, int, float, str]:
        return (
            _MODALITY_ORDER.get(self.modality, 1),
            self.hedged,
            self.span_days,
            -self.confidence,
            self.id,
        )


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    members: tuple[Report, ...]  # in speaking order: the first speaks for the event
    time_start: dt.date | None
    time_end: dt.date | None


def group_reports(reports: Iterable[Report], rules: GroupingRules) -> list[Group]:
    """The events the reports make (see the module docstring), each with its reports."""
    kinds: dict[tuple[Any, ...], list[Report]] = {}
    for r in reports:
        key = (*r.pair, r.type, r.polarity, rules.modality_class(r.modality))
        kinds.setdefault(key, []).append(r)
    groups: list[Group] = []
    for key in sorted(kinds, key=repr):
        groups += _group_kind(kinds[key], rules.tolerance_days)
    return groups


def _group_kind(reports: Sequence[Report], tolerance: int) -> list[Group]:
    """Group reports of one source, target, type, polarity and modality class."""
    undated = [r for r in reports if r.time_start is None]
    dated = sorted(
        (r for r in reports if r.time_start is not None),
        key=lambda r: (r.span_days, r.time_start, r.id),
    )
    clusters: list[_Cluster] = []
    starts: list[tuple[int, int]] = []  # (core start ordinal, cluster index), sorted
    for report in dated:
        assert report.time_start is not None
        start = report.time_start.toordinal()
        end = start + report.span_days
        low = start - 2 * tolerance - report.span_days
        first = bisect.bisect_left(starts, (low, -1))
        last = bisect.bisect_right(starts, (end + tolerance, 1 << 62))
        best: _Cluster | None = None
        for _, index in starts[first:last]:
            cluster = clusters[index]
            if cluster.accepts(start, end, tolerance) and (
                best is None or cluster.preferred_to(best)
            ):
                best = cluster
        if best is None:
            best = _Cluster(start, end, [])
            bisect.insort(starts, (start, len(clusters)))
            clusters.append(best)
        best.members.append(report)
    if undated:
        clusters.append(_Cluster(None, None, list(undated)))
    return [c.group() for c in clusters]


@dataclass(slots=True)
class _Cluster:
    core_start: int | None  # ordinal days of the finest report's span
    core_end: int | None
    members: list[Report]

    def accepts(self, start: int, end: int, tolerance: int) -> bool:
        assert self.core_start is not None and self.core_end is not None
        if end - start <= self.core_end - self.core_start + tolerance:  # the same grain
            return start - tolerance <= self.core_end and self.core_start <= end + tolerance
        return start <= self.core_start and self.core_end <= end  # a coarser recall

    def preferred_to(self, other: _Cluster) -> bool:
        mine = (-len(self.members), self.core_start, self.members[0].id)
        theirs = (-len(other.members), other.core_start, other.members[0].id)
        return mine < theirs

    def group(self) -> Group:
        members = tuple(sorted(self.members, key=Report.speaking_order))
        ids = sorted(m.id for m in members)
        group_id = ids[0] if len(ids) == 1 else _hash_ids(ids)
        day = dt.date.fromordinal
        return Group(
            id=group_id,
            members=members,
            time_start=day(self.core_start) if self.core_start is not None else None,
            time_end=day(self.core_end) if self.core_end is not None else None,
        )


def _hash_ids(ids: Sequence[str]) -> str:
    return "g" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:15]


_REPORT_COLUMNS = (
    "e.id, e.source_id, e.target_id, e.type, e.polarity, e.modality, e.hedged, "
    "e.time_start, e.time_end, coalesce(e.confidence, 0.0), e.reciprocal"
)
# A report's pair as grouping compares it: unordered for a reciprocal report (Report.pair)
_PAIR_SQL = (
    "CASE WHEN e.reciprocal THEN least(e.source_id, e.target_id) ELSE e.source_id END, "
    "CASE WHEN e.reciprocal THEN greatest(e.source_id, e.target_id) ELSE e.target_id END"
)


def rebuild_event_groups(
    con: duckdb.DuckDBPyConnection,
    rules: GroupingRules,
    keys: Sequence[tuple[str | None, str | None, str]] | None = None,
) -> int:
    """Recompute the groups of the reports of ``keys`` (source, target, type), or of every
    report; return how many reports share an event with another. Call inside a transaction.

    Only kinds with two reports or more are read into Python: a report alone in its kind is
    an event alone, and needs no row.
    """
    klass, params = rules.class_sql("e.modality")
    kind = f"{_PAIR_SQL}, e.type, e.polarity, {klass}"
    if keys is None:
        con.execute("DELETE FROM event_groups")
        scope = "true"
    else:
        if not keys:
            return 0
        params |= {
            "k_source": [k[0] for k in keys],
            "k_target": [k[1] for k in keys],
            "k_type": [k[2] for k in keys],
        }
        touched = """
            (SELECT unnest($k_source::VARCHAR[]) AS s, unnest($k_target::VARCHAR[]) AS t,
                    unnest($k_type::VARCHAR[]) AS y)
        """
        # either order: a reciprocal report may have come in as (B, A) for a stored (A, B)
        scope = (
            f"EXISTS (SELECT 1 FROM {touched} k WHERE k.y = e.type AND ("
            "(k.s IS NOT DISTINCT FROM e.source_id AND k.t IS NOT DISTINCT FROM e.target_id) "
            "OR (k.s IS NOT DISTINCT FROM e.target_id AND k.t IS NOT DISTINCT FROM e.source_id)))"
        )
        con.execute(
            f"""
            DELETE FROM event_groups WHERE event_id IN (
                SELECT e.id FROM events e WHERE {scope}
            ) OR event_id NOT IN (SELECT id FROM events)
            """,
            {k: v for k, v in params.items() if k.startswith("k_")},
        )
    rows = con.execute(
        f"""
        SELECT * EXCLUDE (n) FROM (
            SELECT {_REPORT_COLUMNS}, count(*) OVER (PARTITION BY {kind}) AS n
            FROM events e WHERE {scope}
        ) WHERE n > 1
        """,
        params,
    ).fetchall()
    groups = group_reports((Report(*row) for row in rows), rules)
    out: tuple[list[Any], ...] = ([], [], [], [], [])
    for group in groups:
        if len(group.members) < 2:
            continue
        for rank, member in enumerate(group.members):
            for column, value in zip(
                out, (member.id, group.id, rank, group.time_start, group.time_end), strict=True
            ):
                column.append(value)
    if out[0]:
        con.execute(
            """
            INSERT INTO event_groups (event_id, group_id, rank, time_start, time_end)
            SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
                   unnest(?::DATE[]), unnest(?::DATE[])
            """,
            list(out),
        )
    return len(out[0])


def merged_events_sql(
    where: str = "true", *, name: str = "merged", background_days: int | None = None
) -> str:
    """Two CTEs (no ``WITH``): ``{name}_reports``, the ``events`` rows (alias ``e``) that
    satisfy ``where`` with their group, and ``{name}``, one row per event they make.

    An event row has every column of ``events``, taken from the report that speaks for it
    (so the scoring formula applies to it unchanged: asserted weighs over reported), except
    ``id``, the event's id (its group's, or the report's own when it is alone), and the time
    (its finest report's span); and adds ``report_id`` (the speaking report), ``reports``,
    ``documents`` (distinct documents reporting it) and ``confidence`` (1 − Π(1 − c) over
    its reports: more reports, more confidence, never more weight).

    ``where`` must keep or drop whole events: conditions on actors and type do, conditions
    on time or modality belong on ``{name}``. With ``background_days`` (a ``$background_days``
    parameter the caller binds), reports carry ``background``: the text dates them at least
    that many days before their document's publication; an event is background when all its
    reports are, and ``background_reports`` counts them.
    """
    background = "false"
    join = ""
    if background_days is not None:
        join = "LEFT JOIN documents d ON d.id = e.doc_id"
        background = (
            "coalesce(e.time_origin NOT IN ('document', 'none') AND e.time_start IS NOT NULL "
            "AND date_diff('day', coalesce(e.time_end, e.time_start), d.published) "
            ">= $background_days, false)"
        )
    return f"""
        {name}_reports AS (
            SELECT e.*, coalesce(g.group_id, e.id) AS group_id, coalesce(g.rank, 0) AS group_rank,
                   g.event_id IS NOT NULL AS grouped, g.time_start AS group_start,
                   g.time_end AS group_end, {background} AS background
            FROM events e LEFT JOIN event_groups g ON g.event_id = e.id {join}
            WHERE {where}
        ),
        {name}_counts AS (
            SELECT group_id, count(*) AS reports, count(DISTINCT doc_id) AS documents,
                   1 - exp(sum(ln(1 - least(coalesce(confidence, 0.0), 0.999)))) AS confidence,
                   bool_and(background) AS background,
                   count(*) FILTER (WHERE background) AS background_reports
            FROM {name}_reports WHERE grouped GROUP BY group_id
        ),
        {name} AS (
            SELECT r.* EXCLUDE (id, time_start, time_end, confidence, group_id, group_rank,
                                grouped, group_start, group_end, background),
                   r.group_id AS id, r.id AS report_id,
                   CASE WHEN r.grouped THEN r.group_start ELSE r.time_start END AS time_start,
                   CASE WHEN r.grouped THEN r.group_end ELSE r.time_end END AS time_end,
                   coalesce(c.reports, 1) AS reports, coalesce(c.documents, 1) AS documents,
                   coalesce(c.confidence, r.confidence) AS confidence,
                   coalesce(c.background, r.background) AS background,
                   coalesce(c.background_reports, r.background::INTEGER) AS background_reports
            FROM {name}_reports r LEFT JOIN {name}_counts c ON c.group_id = r.group_id
            WHERE r.group_rank = 0
        )
    """
