"""Events as a flat table: one row per event, the columns analysts' tools expect.

GDELT and ICEWS users join, filter and chart by columns they already know, so each column
says which GDELT 2.0 event field or ICEWS event field means the same thing (``None`` where
neither has one). The README's export table is this list; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from detente.model import ActorRecord

__all__ = ["COLUMNS", "Column", "event_table"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str  # DuckDB type, kept in Parquet
    description: str
    gdelt: str | None = None
    icews: str | None = None


COLUMNS: Final[tuple[Column, ...]] = (
    Column("event_id", "VARCHAR", "detente's event id", "GLOBALEVENTID", "Event ID"),
    Column(
        "event_date",
        "DATE",
        "start of the event's time span (YYYY-MM-DD)",
        "SQLDATE",
        "Event Date",
    ),
    Column("event_date_end", "DATE", "end of the time span (same as the start for a day)"),
    Column("date_precision", "VARCHAR", "day, month, year or decade"),
    Column("date_text", "VARCHAR", "the time expression the date was read from"),
    Column("date_origin", "VARCHAR", "where the date came from: sentence, paragraph, document"),
    Column("source_id", "VARCHAR", "source actor id (`iran`, `taliban`)"),
    Column("source_name", "VARCHAR", "source actor name", "Actor1Name", "Source Name"),
    Column("source_code", "VARCHAR", "source actor CAMEO-style code", "Actor1Code"),
    Column(
        "source_country",
        "VARCHAR",
        "source actor country, ISO 3166 alpha-3",
        "Actor1CountryCode",
        "Source Country",
    ),
    Column("source_kind", "VARCHAR", "state, government, armed_group, igo, person, …"),
    Column("event_type", "VARCHAR", "PLOVER event type, or RELATION for a relation-state"),
    Column(
        "cameo_root",
        "VARCHAR",
        "CAMEO root code (01–20)",
        "EventRootCode",
        "CAMEO Code (its first two digits)",
    ),
    Column(
        "quad_class",
        "INTEGER",
        "1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict",
        "QuadClass",
    ),
    Column(
        "intensity",
        "DOUBLE",
        "Goldstein-style −10…+10 (negative for conflict)",
        "GoldsteinScale",
        "Intensity",
    ),
    Column("polarity", "INTEGER", "−1 hostile, 0 neutral, +1 cooperative"),
    Column("modality", "VARCHAR", "asserted, negated, reported or future"),
    Column("hedged", "BOOLEAN", "“may”, “reportedly”, a conditional"),
    Column("asserted_by", "VARCHAR", "who the text says claims it (reported events)"),
    Column("reciprocal", "BOOLEAN", "both sides act (“A and B signed”), stored once"),
    Column("target_id", "VARCHAR", "target actor id"),
    Column("target_name", "VARCHAR", "target actor name", "Actor2Name", "Target Name"),
    Column("target_code", "VARCHAR", "target actor CAMEO-style code", "Actor2Code"),
    Column(
        "target_country",
        "VARCHAR",
        "target actor country, ISO 3166 alpha-3",
        "Actor2CountryCode",
        "Target Country",
    ),
    Column("target_kind", "VARCHAR", "target actor kind"),
    Column("confidence", "DOUBLE", "the extractor's confidence, 0…1"),
    Column("extractor", "VARCHAR", "extractor name and version (`detente-rules/1`)"),
    Column("doc_id", "VARCHAR", "document id (hash of its text)", None, "Story ID"),
    Column(
        "sentence_idx",
        "INTEGER",
        "sentence number in the document, from 0",
        None,
        "Sentence Number (from 1)",
    ),
    Column("evidence_text", "VARCHAR", "the sentence the event was read from"),
    Column("doc_origin", "VARCHAR", "path or URL the document was read from", "SOURCEURL"),
    Column("doc_title", "VARCHAR", "document title"),
    Column("doc_published", "DATE", "document publication date (or its estimate)"),
    Column(
        "contexts",
        "VARCHAR[]",
        "PLOVER contexts (economic, migration, …); in CSV joined by `;`",
    ),
)


def event_table(
    rows: Sequence[Mapping[str, Any]], actors: Mapping[str, ActorRecord]
) -> list[dict[str, Any]]:
    """Rows of :meth:`Store.query_events` as flat records with :data:`COLUMNS` as keys."""
    return [_flat(row, actors) for row in rows]


def _flat(row: Mapping[str, Any], actors: Mapping[str, ActorRecord]) -> dict[str, Any]:
    source = actors.get(row["source_id"] or "")
    target = actors.get(row["target_id"] or "")
    version = row.get("extractor_version")
    return {
        "event_id": row["id"],
        "event_date": _day(row["time_start"]),
        "event_date_end": _day(row["time_end"]),
        "date_precision": row["time_precision"],
        "date_text": row["time_text"],
        "date_origin": row["time_origin"],
        "source_id": row["source_id"],
        "source_name": row["source_name"],
        "source_code": source.cameo_code if source else None,
        "source_country": source.country if source else None,
        "source_kind": source.kind if source else None,
        "event_type": row["type"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "intensity": row["intensity"],
        "polarity": row["polarity"],
        "modality": row["modality"],
        "hedged": row["hedged"],
        "asserted_by": row["asserted_by"],
        "reciprocal": row["reciprocal"],
        "target_id": row["target_id"],
        "target_name": row["target_name"],
        "target_code": target.cameo_code if target else None,
        "target_country": target.country if target else None,
        "target_kind": target.kind if target else None,
        "confidence": row["confidence"],
        "extractor": f"{row['extractor']}/{version}" if version else row["extractor"],
        "doc_id": row["doc_id"],
        "sentence_idx": row["sentence_idx"],
        "evidence_text": row["sentence_text"],
        "doc_origin": row["doc_origin"],
        "doc_title": row["doc_title"],
        "doc_published": _day(row["doc_published"]),
        "contexts": list(row.get("contexts") or ()),
    }


def _day(value: Any) -> dt.date | None:
    """A DATE column's value (DuckDB gives ``date``; a timestamp is cut to its day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
