"""The one dict behind the report and the web app's pages.

The report embeds it as JSON and the web app serves it from ``/api/view``; the same
``views.js`` draws both, so the two views cannot drift apart. It only reads the store and
calls :mod:`detente.analysis` (relations for the network, dyad histories for the timelines,
balance for the diagnostics); every figure it shows is one an analysis command also prints.

Its events are real events, as ``detente events --merged`` lists them: the reports of one
happening (several articles, a later recall) are one event, shown by the report that speaks
for it, with every report of it (document, date, sentence) listed under it. The analysis
counts such an event once, and so do the evidence table and its count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

from detente import analysis
from detente.analysis.scoring import Scoring
from detente.config import AnalysisSettings, load_settings
from detente.errors import DetenteError
from detente.model import ActorRecord
from detente.store import Store
from detente.views.filters import EventFilter

__all__ = ["DEFAULT_DYADS", "MAX_EVENTS", "view_data"]

#: Timelines drawn for this many of the most active pairs.
DEFAULT_DYADS: Final = 6
#: At most this many events are embedded (the evidence table and edge panels); the rest are
#: counted, and the network and timelines still cover every event.
MAX_EVENTS: Final = 5000


def view_data(
    store: Store,
    filters: EventFilter | None = None,
    *,
    settings: AnalysisSettings | None = None,
    dyads: int = DEFAULT_DYADS,
    max_events: int = MAX_EVENTS,
) -> dict[str, Any]:
    """Network, dyad timelines, balance, events and documents for one filter."""
    chosen = filters or EventFilter()
    config = settings or load_settings().analysis
    scoring = Scoring.from_settings(config)
    records = store.actor_records()
    rows = chosen.events(store, merged=True)
    shown = rows[:max_events]
    network = _network(store, chosen, config, records)
    pairs = [(edge["a"], edge["b"]) for edge in network["edges"]]
    busiest = sorted(pairs, key=lambda p: -_pair_events(network["edges"], p))[:dyads]
    return {
        "filters": chosen.as_json(),
        "store": store.path.name,
        "counts": {
            "documents": store.count("documents"),
            "events": len(rows),
            "events_shown": len(shown),
            "reports": sum(len(row["reports"]) for row in rows),
        },
        "network": network,
        "dyads": [
            {**_dyad(store, a, b, chosen, config), "drivers": _drivers(store, a, b, chosen)}
            for a, b in busiest
        ],
        "balance": _balance(store, chosen, config),
        "events": [_event(row, scoring) for row in shown],
        "documents": _documents(store, {r["document"] for row in shown for r in row["reports"]}),
    }


def _network(
    store: Store,
    chosen: EventFilter,
    config: AnalysisSettings,
    records: Mapping[str, ActorRecord],
) -> dict[str, Any]:
    """Actor nodes and signed edges from :func:`detente.analysis.relations` (decayed to the
    window's reference date, as ``detente relations`` shows them)."""
    found = analysis.relations(
        store,
        since=chosen.since,
        until=chosen.until,
        actor=chosen.actor,
        evidence_per_edge=0,
        settings=config,
    )
    payload = found.as_json()
    events_of: dict[str, int] = {}
    edges = []
    for edge in found.edges:
        events_of[edge.a] = events_of.get(edge.a, 0) + edge.events
        events_of[edge.b] = events_of.get(edge.b, 0) + edge.events
        edges.append(
            {
                "a": edge.a,
                "b": edge.b,
                "weight": round(edge.weight, 4),
                "sign": edge.sign,
                "events": edge.events,
                "cooperative": round(edge.cooperative, 4),
                "hostile": round(edge.hostile, 4),
            }
        )
    nodes = []
    for actor_id, ref in sorted(found.actors.items()):
        record = records.get(actor_id)
        nodes.append(
            {
                "id": actor_id,
                "name": ref.name,
                "kind": record.kind if record else "unknown",
                "country": record.country if record else None,
                "code": record.cameo_code if record else None,
                "events": events_of.get(actor_id, 0),
            }
        )
    return {
        "nodes": nodes,
        "edges": edges,
        "reference_date": payload["reference_date"],
        "half_life_days": payload["half_life_days"],
        "decay": payload["decay"],
        "undated_events_left_out": payload["undated_events_left_out"],
        "scoring": payload["scoring"],
    }


def _pair_events(edges: Sequence[Mapping[str, Any]], pair: tuple[str, str]) -> int:
    return next(int(e["events"]) for e in edges if (e["a"], e["b"]) == pair)


def _dyad(
    store: Store, a: str, b: str, chosen: EventFilter, config: AnalysisSettings
) -> dict[str, Any]:
    history = analysis.dyad_history(
        store, a, b, by="year", since=chosen.since, until=chosen.until, settings=config
    )
    payload = history.as_json()
    return {
        "a": payload["a"],
        "b": payload["b"],
        "by": payload["by"],
        "summary": payload["summary"],
        "periods": [
            {key: p[key] for key in ("period", "start", "end", "events", "net", "polarity")}
            for p in payload["periods"]
        ],
        "changes": payload["changes"],
        "change_method": payload["change_method"],
        "neutral_band": payload["scoring"]["neutral_band"],
    }


#: Driver groups shown beside a dyad, per direction.
DRIVERS_PER_SIDE: Final = 4


def _drivers(store: Store, a: str, b: str, chosen: EventFilter) -> list[dict[str, Any]]:
    """Why each side of a pair acts toward the other, as the corpus states it: the strongest
    driver groups of each direction (``detente drivers A --toward B``)."""
    from detente.actors.kb import load_knowledge_base
    from detente.analysis.drivers import drivers_of

    kb = load_knowledge_base()
    out: list[dict[str, Any]] = []
    for actor, toward in ((a, b), (b, a)):
        if actor not in kb.actors or toward not in kb.actors:
            continue  # a provisional actor has no organs or relatives to follow
        found = drivers_of(store, kb, actor, toward, since=chosen.since, until=chosen.until)
        for group in found.as_json()["drivers"][:DRIVERS_PER_SIDE]:
            best = max(group["evidence"], key=lambda e: e["confidence"] or 0.0)
            out.append(
                {
                    "actor": found.actor.as_json(),
                    "toward": found.toward.as_json() if found.toward else None,
                    "context": group["context"],
                    "kind": group["kind"],
                    "statements": group["statements"],
                    "text": best["text"],
                    "document": best["document"],
                    "sentence": best["sentence"],
                }
            )
    return out


def _balance(store: Store, chosen: EventFilter, config: AnalysisSettings) -> dict[str, Any]:
    """The balance diagnostics, or the reason they could not be computed."""
    try:
        payload = analysis.structural_balance(
            store, since=chosen.since, until=chosen.until, settings=config
        ).as_json()
    except DetenteError as error:
        return {"error": str(error)}
    payload.pop("edges", None)  # evidence is in the report's own event list
    return payload


def _event(row: Mapping[str, Any], scoring: Scoring) -> dict[str, Any]:
    return {
        "id": row["id"],
        "start": _day(row["time_start"]),
        "end": _day(row["time_end"]),
        "precision": row["time_precision"],
        "source": row["source_id"],
        "source_name": row["source_name"],
        "target": row["target_id"],
        "target_name": row["target_name"],
        "type": row["type"],
        "polarity": row["polarity"],
        "intensity": row["intensity"],
        "modality": row["modality"],
        "hedged": bool(row["hedged"]),
        "asserted_by": row["asserted_by"],
        "reciprocal": bool(row["reciprocal"]),
        "weight": round(
            scoring.contribution(
                type_=row["type"],
                intensity=row["intensity"],
                polarity=int(row["polarity"] or 0),
                modality=row["modality"],
                hedged=bool(row["hedged"]),
            ),
            4,
        ),
        "document": row["doc_id"],
        "sentence": row["sentence_idx"],
        "text": row["sentence_text"],
        "reports": [_report(report) for report in row["reports"]],
        "documents": len({report["document"] for report in row["reports"]}),
    }


def _report(report: Mapping[str, Any]) -> dict[str, Any]:
    """One report of an event: the sentence of a document that tells of it, and when."""
    return {
        "id": report["id"],
        "document": report["document"],
        "published": _day(report["doc_published"]),
        "sentence": report["sentence"],
        "text": report["text"],
        "modality": report["modality"],
        "hedged": report["hedged"],
        "start": _day(report["time_start"]),
        "end": _day(report["time_end"]),
    }


def _documents(store: Store, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The documents of the events shown, with the genre each declares (opinion, analysis,
    blog; None for a report)."""
    documents = [d for d in store.documents() if d.id in ids]
    genres = store.document_genres([d.id for d in documents])
    return {
        d.id: {
            "title": d.title,
            "published": _day(d.published),
            "source": d.source,
            "origin": d.origin,
            "genre": genres.get(d.id),
        }
        for d in documents
    }


def _day(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return None
