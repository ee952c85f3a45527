"""The stable JSON object of one event, as ``detente events --json`` prints it (documented in
the README, "Events"); ``/api/events`` answers the same objects, which a test checks."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["event_json"]


def event_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of :meth:`detente.store.Store.query_events` as the event JSON object."""

    def day(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    trace = row["trace"]
    payload: dict[str, Any] = {
        "id": row["id"],
        "source": {"id": row["source_id"], "name": row["source_name"]},
        "target": {"id": row["target_id"], "name": row["target_name"]},
        "type": row["type"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "intensity": row["intensity"],
        "polarity": row["polarity"],
        "modality": row["modality"],
        "hedged": row["hedged"],
        "asserted_by": row["asserted_by"],
        "reciprocal": row["reciprocal"],
        "time": {
            "start": day(row["time_start"]),
            "end": day(row["time_end"]),
            "precision": row["time_precision"],
            "text": row["time_text"],
            "origin": row["time_origin"],
        },
        "evidence": {
            "document": row["doc_id"],
            "title": row["doc_title"],
            "sentence": row["sentence_idx"],
            "text": row["sentence_text"],
            "trigger": [row["trigger_start"], row["trigger_end"]],
            "source_span": [row["source_start"], row["source_end"]],
            "target_span": [row["target_start"], row["target_end"]],
        },
        "confidence": row["confidence"],
        "extractor": {"name": row["extractor"], "version": row["extractor_version"]},
        "trace": json.loads(trace) if isinstance(trace, str) else trace,
        "contexts": list(row.get("contexts") or ()),
    }
    if "reports" in row:  # a merged event (``query_events(merged=True)``): its reports
        payload["report_id"] = row["report_id"]
        payload["reports"] = [
            {
                **{k: v for k, v in report.items() if k not in ("time_start", "time_end")},
                "time": {"start": day(report["time_start"]), "end": day(report["time_end"])},
                "doc_published": day(report["doc_published"]),
            }
            for report in row["reports"]
        ]
        payload["documents"] = len({r["document"] for r in row["reports"]})
    return payload
