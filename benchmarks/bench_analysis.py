"""Analysis response times on a synthetic store of a million events.

    python benchmarks/bench_analysis.py [--events 1000000] [--actors 2000] [--db PATH]

The generator writes a real detente store: the schema comes from ``Store.open`` (so every
migration is applied), then documents, sentences, actors and events are bulk-inserted by
DuckDB itself with ``INSERT ... SELECT`` over ``range()``, pseudo-random through ``hash()`` so
the same arguments always give the same store. Activity is skewed as in news: a few actors
are in most events (an actor is drawn as ``actors × u^2.5``), so the busiest dyad has many
thousands of events. Each event has its own sentence; 10% are relation-state statements,
some span a year or a decade, some are undated, some lack a target.

It then times, best of several runs after one warm-up:

- ``dyad`` for the busiest pair and for a quiet pair (target: under 200 ms),
- ``relations`` at the store's last date (all pairs, with evidence),
- ``balance`` over the 200 most active actors (target: under 5 s),
- the grouping of reports into events (``event_groups``): a full rebuild, kept in the store,
  against grouping the busiest dyad's reports in Python at query time,

and prints the figures. ``--db PATH`` keeps the store (and reuses it when it exists).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from detente.analysis import dyad_history, relations, structural_balance
from detente.events.ontology import PLOVER_TYPES, load_ontology
from detente.store import Store
from detente.store.event_groups import GroupingRules, Report, group_reports


def build_store(path: Path, events: int, actors: int, per_document: int = 10) -> None:
    """A store of ``events`` events among ``actors`` actors, one sentence per event."""
    Store.open(path).close()  # creates the schema through the migrations
    ontology = load_ontology()
    types = [(name, ontology[name].quad_class, ontology[name].intensity) for name in PLOVER_TYPES]
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "CREATE TEMP TABLE kinds AS SELECT * FROM (VALUES "
            + ", ".join(f"({n}, '{t}', {q}, {i})" for n, (t, q, i) in enumerate(types))
            + ") AS k(n, type, quad_class, intensity)"
        )
        documents = (events + per_document - 1) // per_document
        con.execute(
            """
            INSERT INTO actors (id, name, kind, country)
            SELECT printf('actor-%05d', i), printf('Synthetic Actor %d', i), 'state', NULL
            FROM range($actors) t(i)
            """,
            {"actors": actors},
        )
        con.execute(
            """
            INSERT INTO documents (id, origin, title, published, published_origin, text,
                                   n_sentences)
            SELECT printf('doc%013d', d), 'synthetic', printf('Synthetic %d', d),
                   DATE '1990-01-01' + CAST(d * 12000 // $documents AS INTEGER), 'metadata',
                   'Synthetic text.', $per
            FROM range($documents) t(d)
            """,
            {"documents": documents, "per": per_document},
        )
        con.execute(
            """
            INSERT INTO sentences (doc_id, idx, paragraph, start_char, end_char, text)
            SELECT printf('doc%013d', i // $per), i % $per, 0, 0, 60,
                   printf('Synthetic sentence %d reports an act between two actors.', i)
            FROM range($documents * $per) t(i)
            """,
            {"documents": documents, "per": per_document},
        )
        con.execute(
            """
            INSERT INTO events (id, doc_id, sentence_idx, source_id, target_id, type,
                quad_class, intensity, polarity, modality, hedged, reciprocal,
                time_start, time_end, time_precision, time_origin, confidence, extractor,
                extractor_version)
            WITH draws AS (
                SELECT i,
                    (hash(i, 1) % 1000003) / 1000003.0 AS u1,
                    (hash(i, 2) % 1000003) / 1000003.0 AS u2,
                    (hash(i, 3) % 1000003) / 1000003.0 AS u3,
                    (hash(i, 4) % 1000003) / 1000003.0 AS u4,
                    (hash(i, 5) % 1000003) / 1000003.0 AS u5,
                    (hash(i, 6) % 1000003) / 1000003.0 AS u6
                FROM range($events) t(i)
            ),
            picked AS (
                SELECT *,
                    CAST(floor($actors * pow(u1, 2.5)) AS INTEGER) AS s,
                    CAST(floor($actors * pow(u2, 2.5)) AS INTEGER) AS t0,
                    DATE '1990-01-01' + CAST(u4 * 12750 AS INTEGER) AS day
                FROM draws
            )
            SELECT printf('ev%014d', i), printf('doc%013d', i // $per), i % $per,
                printf('actor-%05d', s),
                CASE WHEN u6 < 0.1 THEN NULL
                     ELSE printf('actor-%05d', CASE WHEN t0 = s THEN (s + 1) % $actors
                                                    ELSE t0 END) END,
                CASE WHEN u3 < 0.1 THEN 'RELATION' ELSE k.type END,
                CASE WHEN u3 < 0.1 THEN NULL ELSE k.quad_class END,
                CASE WHEN u3 < 0.1 THEN (CASE WHEN u5 < 0.5 THEN 3.0 ELSE -3.0 END)
                     ELSE k.intensity END,
                CASE WHEN u3 < 0.1 THEN (CASE WHEN u5 < 0.5 THEN 1 ELSE -1 END)
                     WHEN k.intensity >= 0 THEN 1 ELSE -1 END,
                CASE WHEN u5 < 0.80 THEN 'asserted' WHEN u5 < 0.90 THEN 'reported'
                     WHEN u5 < 0.95 THEN 'negated' ELSE 'future' END,
                u6 > 0.95, false,
                CASE WHEN u4 < 0.01 THEN NULL
                     WHEN u3 > 0.97 THEN make_date(year(day) // 10 * 10, 1, 1)
                     WHEN u3 > 0.92 THEN make_date(year(day), 1, 1) ELSE day END,
                CASE WHEN u4 < 0.01 THEN NULL
                     WHEN u3 > 0.97 THEN make_date(year(day) // 10 * 10 + 9, 12, 31)
                     WHEN u3 > 0.92 THEN make_date(year(day), 12, 31) ELSE day END,
                CASE WHEN u4 < 0.01 THEN NULL WHEN u3 > 0.97 THEN 'decade'
                     WHEN u3 > 0.92 THEN 'year' ELSE 'day' END,
                CASE WHEN u4 < 0.01 THEN 'none' ELSE 'sentence' END,
                0.8, 'synthetic', '1'
            FROM picked JOIN kinds k ON k.n = CAST(floor(u3 * 16) AS INTEGER) % 16
            WHERE i < $events
            """,
            {"events": events, "actors": actors, "per": per_document},
        )
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    with Store.open(path) as store:  # events written by SQL: group their reports once
        store.rebuild_event_groups()


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time in milliseconds over ``repeat`` runs after a warm-up, and the result."""
    result = call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="keep the synthetic store here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        if not path.exists():
            started = time.perf_counter()
            build_store(path, args.events, args.actors)
            print(f"built {path}: {time.perf_counter() - started:.1f} s")
        with Store.open(path, read_only=True) as store:
            print(
                f"store: {store.count('events'):,} events, {store.count('sentences'):,} "
                f"sentences, {store.count('documents'):,} documents, "
                f"{store.count('actors'):,} actors"
            )
            busiest = store.fetch(
                """
                SELECT least(source_id, target_id), greatest(source_id, target_id), count(*)
                FROM events WHERE target_id IS NOT NULL AND source_id <> target_id
                GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1
                """
            )[0]
            quiet = store.fetch(
                """
                SELECT least(source_id, target_id), greatest(source_id, target_id), count(*)
                FROM events WHERE target_id IS NOT NULL AND source_id <> target_id
                GROUP BY 1, 2 HAVING count(*) BETWEEN 10 AND 20 ORDER BY 1, 2 LIMIT 1
                """
            )[0]
            ms, history = timed(lambda: dyad_history(store, busiest[0], busiest[1]), args.repeat)
            print(
                f"dyad {busiest[0]}–{busiest[1]} ({busiest[2]:,} events, "
                f"{len(history.periods)} periods): {ms:.0f} ms (target < 200 ms)"
            )
            ms, _ = timed(
                lambda: dyad_history(store, busiest[0], busiest[1], by="month"), args.repeat
            )
            print(f"dyad, same pair by month: {ms:.0f} ms")
            ms, _ = timed(lambda: dyad_history(store, quiet[0], quiet[1]), args.repeat)
            print(f"dyad {quiet[0]}–{quiet[1]} ({quiet[2]} events): {ms:.0f} ms")
            ms, _ = timed(lambda: _group_at_query_time(store, busiest[0], busiest[1]), 3)
            print(f"grouping the busiest dyad's reports at query time: {ms:.0f} ms")
            ms, result = timed(
                lambda: structural_balance(store, top=args.top), max(1, args.repeat // 2)
            )
            counts = result.as_json()["triad_counts"]
            print(
                f"balance over the {args.top} most active actors ({result.n_edges:,} signed "
                f"edges, {counts['total']:,} triads, frustration {result.frustration.edges} "
                f"{'exact' if result.frustration.exact else 'heuristic'}): {ms:.0f} ms "
                "(target < 5000 ms)"
            )
            ms, graph = timed(lambda: relations(store), max(1, args.repeat // 2))
            print(
                f"relations at the last date ({graph.edges_total:,} pairs, the strongest "
                f"{len(graph.edges):,} with evidence): {ms:.0f} ms"
            )
        with Store.open(path) as store:
            started = time.perf_counter()
            shared = store.rebuild_event_groups()
            print(
                f"event_groups rebuilt for all reports ({shared:,} share an event): "
                f"{(time.perf_counter() - started) * 1000:.0f} ms"
            )


def _group_at_query_time(store: Store, a: str, b: str) -> int:
    """The alternative to the stored grouping: read a dyad's reports and group them here."""
    rows = store.fetch(
        "SELECT id, source_id, target_id, type, polarity, modality, hedged, time_start, "
        "time_end, coalesce(confidence, 0) FROM events WHERE (source_id = $a AND target_id = $b)"
        " OR (source_id = $b AND target_id = $a)",
        {"a": a, "b": b},
    )
    return len(group_reports((Report(*r) for r in rows), GroupingRules.default()))


if __name__ == "__main__":
    main()
