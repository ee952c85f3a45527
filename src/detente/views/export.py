"""Exports: the store's events as CSV, JSON Lines or Parquet, the actor network as GraphML
or GEXF, for pandas, R, Gephi and the GDELT/ICEWS tooling analysts already have.

Tables are written by DuckDB (``COPY … TO``) from a typed in-memory table, so the three
formats agree on types and nulls and Parquet keeps DATE, BOOLEAN and DOUBLE columns without
another dependency. Graphs are written by networkx (:mod:`detente.views.graph`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, get_args

import duckdb
import networkx as nx

from detente.analysis.scoring import Scoring
from detente.config import AnalysisSettings, load_settings
from detente.errors import ExportFailed, UnknownExportFormat
from detente.store import Store
from detente.views.filters import EventFilter
from detente.views.graph import actor_graph
from detente.views.table import COLUMNS, Column, event_table

__all__ = ["FORMATS", "ExportFormat", "ExportResult", "export", "write_table"]

ExportFormat = Literal["csv", "jsonl", "parquet", "graphml", "gexf"]
FORMATS: Final[tuple[str, ...]] = get_args(ExportFormat)
_COPY_OPTIONS: Final = {
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    events: int
    nodes: int | None = None
    edges: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "format": self.format,
            "events": self.events,
            "nodes": self.nodes,
            "edges": self.edges,
        }


def export(
    store: Store,
    path: str | Path,
    *,
    format: str,
    filters: EventFilter | None = None,
    settings: AnalysisSettings | None = None,
) -> ExportResult:
    """Write the events ``filters`` selects to ``path`` in ``format`` (see :data:`FORMATS`)."""
    if format not in FORMATS:
        raise UnknownExportFormat(
            f"cannot export as {format!r}: choose one of {', '.join(FORMATS)}"
        )
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportFailed(f"cannot write {target}: folder {target.parent} does not exist")
    rows = event_table((filters or EventFilter()).events(store), store.actor_records())
    if format in _COPY_OPTIONS:
        write_table(rows, target, format)
        return ExportResult(target, format, len(rows))
    scoring = Scoring.from_settings(settings or load_settings().analysis)
    # the network counts each real event once, its reports merged (the table lists reports)
    events = event_table(
        (filters or EventFilter()).events(store, merged=True), store.actor_records()
    )
    graph = actor_graph(events, store.actor_records(), scoring)
    try:
        if format == "graphml":
            nx.write_graphml(graph, target, named_key_ids=True)
        else:
            nx.write_gexf(graph, target)
    except OSError as exc:
        raise ExportFailed(f"cannot write {target}: {exc.strerror or exc}") from exc
    return ExportResult(target, format, len(rows), graph.number_of_nodes(), graph.number_of_edges())


def _is_list(column: Column) -> bool:
    return column.sql_type.endswith("[]")


def write_table(rows: Sequence[dict[str, Any]], path: Path, format: str) -> None:
    """Write flat event records (:data:`COLUMNS`) to ``path`` as csv, jsonl or parquet."""
    connection = duckdb.connect()
    try:
        definition = ", ".join(f"{c.name} {c.sql_type}" for c in COLUMNS)
        connection.execute(f"CREATE TABLE export ({definition})")
        if rows:
            unnested = ", ".join(f"unnest(?::{c.sql_type}[])" for c in COLUMNS)
            connection.execute(
                f"INSERT INTO export SELECT {unnested}",
                [[row[c.name] for row in rows] for c in COLUMNS],
            )
        quoted = str(path).replace("'", "''")
        source = "export"
        if format == "csv":  # CSV has no lists: join them with ';'
            joined = [f"array_to_string({c.name}, ';') AS {c.name}" for c in COLUMNS if _is_list(c)]
            if joined:
                source = f"(SELECT * REPLACE ({', '.join(joined)}) FROM export)"
        connection.execute(f"COPY {source} TO '{quoted}' ({_COPY_OPTIONS[format]})")
    except duckdb.IOException as exc:
        raise ExportFailed(f"cannot write {path}: {exc}") from exc
    finally:
        connection.close()
