"""`detente export` in every format, read back with the tools analysts would use."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pytest

from detente.analysis import relations
from detente.analysis.scoring import Scoring
from detente.config import load_settings
from detente.store import Store
from detente.views.table import COLUMNS
from tests.views.conftest import HOSTILE_MARKUP, cli

NAMES = [c.name for c in COLUMNS]


def export(db: Path, out: Path, fmt: str, *filters: str) -> dict[str, Any]:
    result = cli("--db", db, "export", "--format", fmt, "-o", out, "--json", *filters)
    assert result.returncode == 0, result.stderr
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def stored_events(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        return store.count("events")


def test_csv_has_every_event_and_column(views_store: Path, tmp_path: Path) -> None:
    summary = export(views_store, tmp_path / "events.csv", "csv")
    rows = read_csv(tmp_path / "events.csv")
    assert summary["events"] == len(rows) == stored_events(views_store) > 5
    assert list(rows[0]) == NAMES
    for row in rows:
        assert row["event_id"] and row["doc_id"] and row["evidence_text"]
        assert row["modality"] in {"asserted", "negated", "reported", "future"}
        assert -10 <= float(row["intensity"]) <= 10
    iran = [r for r in rows if r["source_id"] == "iran"]
    assert iran and {r["source_country"] for r in iran} == {"IRN"}
    assert {r["source_code"] for r in iran} == {"IRN"} and {r["source_kind"] for r in iran} == {
        "state"
    }
    # untrusted text is exported as it was written, quoted, not mangled
    assert any(HOSTILE_MARKUP in r["evidence_text"] for r in rows)


def test_jsonl_one_object_per_event(views_store: Path, tmp_path: Path) -> None:
    export(views_store, tmp_path / "events.jsonl", "jsonl")
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == stored_events(views_store)
    assert all(list(r) == NAMES for r in records)
    assert all(
        isinstance(r["hedged"], bool) and isinstance(r["quad_class"], int | None) for r in records
    )


def test_parquet_keeps_types(views_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    export(views_store, out, "parquet")
    connection = duckdb.connect()
    described = dict(
        (row[0], row[1]) for row in connection.execute(f"DESCRIBE SELECT * FROM '{out}'").fetchall()
    )
    assert list(described) == NAMES
    assert described["event_date"] == "DATE" and described["hedged"] == "BOOLEAN"
    assert described["intensity"] == "DOUBLE" and described["quad_class"] == "INTEGER"
    count = connection.execute(f"SELECT count(*) FROM '{out}'").fetchone()
    assert count is not None and count[0] == stored_events(views_store)


def test_filters_match_detente_events(views_store: Path, tmp_path: Path) -> None:
    export(views_store, tmp_path / "tehran.csv", "csv", "--actor", "Tehran")
    rows = read_csv(tmp_path / "tehran.csv")
    assert rows and all("iran" in (r["source_id"], r["target_id"]) for r in rows)
    export(
        views_store, tmp_path / "assault.csv", "csv", "--type", "ASSAULT", "--since", "2024-01-01"
    )
    rows = read_csv(tmp_path / "assault.csv")
    assert rows and {r["event_type"] for r in rows} == {"ASSAULT"}
    assert all((r["event_date_end"] or r["event_date"]) >= "2024-01-01" for r in rows)
    listed = cli(
        "--db", views_store, "events", "--json", "--type", "ASSAULT", "--since", "2024-01-01"
    )
    assert len(json.loads(listed.stdout)["events"]) == len(rows)


def test_graphml_signed_weights(views_store: Path, tmp_path: Path) -> None:
    summary = export(views_store, tmp_path / "graph.graphml", "graphml")
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert (
        summary["nodes"] == graph.number_of_nodes() and summary["edges"] == graph.number_of_edges()
    )
    assert {"iran", "taliban", "isis-k", "tajikistan"} <= set(graph.nodes)
    assert graph.nodes["iran"]["label"] == "Iran" and graph.nodes["iran"]["country"] == "IRN"
    assert graph.nodes["taliban"]["kind"] == "armed_group"

    # weights are the pair sums of the scored events in the table export, each real event
    # once: the table lists reports, and a report that is not the one speaking for its
    # event (rank 0 in event_groups) adds no weight
    export(views_store, tmp_path / "all.csv", "csv")
    scoring = Scoring.from_settings(load_settings().analysis)
    with Store.open(views_store, read_only=True) as store:
        repeated = {r[0] for r in store.fetch("SELECT event_id FROM event_groups WHERE rank > 0")}
    expected: dict[frozenset[str], list[float]] = {}
    for row in read_csv(tmp_path / "all.csv"):
        a, b = row["source_id"], row["target_id"]
        if a and b and a != b and row["event_id"] not in repeated:
            score = scoring.contribution(
                type_=row["event_type"],
                intensity=float(row["intensity"]) if row["intensity"] else None,
                polarity=int(row["polarity"]),
                modality=row["modality"],
                hedged=row["hedged"] == "true",
            )
            expected.setdefault(frozenset((a, b)), []).append(score)
    assert {frozenset(e) for e in graph.edges} == set(expected)
    for a, b, data in graph.edges(data=True):
        scores = expected[frozenset((a, b))]
        assert data["weight"] == pytest.approx(sum(scores), abs=1e-6)
        assert data["events"] == len(scores)
        assert data["positive"] == sum(s > 0 for s in scores)
        assert data["negative"] == sum(s < 0 for s in scores)
        assert data["sign"] == (1 if sum(scores) > 0 else -1 if sum(scores) < 0 else 0)
        assert data["abs_weight"] == pytest.approx(abs(data["weight"]), abs=1e-6)

    # the story the corpus tells: ISIS-K attacked Iran; Iran and Tajikistan agreed to cooperate
    assert graph.edges["iran", "isis-k"]["sign"] == -1
    assert graph.edges["iran", "tajikistan"]["sign"] == 1

    # and, with every event dated, the same figures as `detente relations` without decay
    with Store.open(views_store, read_only=True) as store:
        found = relations(store, half_life_days=math.inf, evidence_per_edge=0)
    for edge in found.edges:
        assert graph.edges[edge.a, edge.b]["weight"] == pytest.approx(edge.weight, abs=1e-6)


def test_gexf_for_gephi(views_store: Path, tmp_path: Path) -> None:
    export(views_store, tmp_path / "graph.gexf", "gexf", "--actor", "iran")
    graph = nx.read_gexf(tmp_path / "graph.gexf")
    assert "iran" in graph.nodes and graph.number_of_edges() >= 3
    assert all("iran" in (a, b) for a, b in graph.edges)
    assert {d["sign"] for _, _, d in graph.edges(data=True)} <= {-1, 0, 1}


def test_bad_requests_fail_in_one_line(views_store: Path, tmp_path: Path) -> None:
    missing = cli("--db", views_store, "export", "--format", "csv", "-o", tmp_path / "no" / "x.csv")
    assert missing.returncode == 1 and "[E602]" in missing.stderr
    unknown = cli("--db", views_store, "export", "--format", "xlsx", "-o", tmp_path / "x.xlsx")
    assert unknown.returncode == 2
    nobody = cli(
        "--db",
        views_store,
        "export",
        "--format",
        "csv",
        "-o",
        tmp_path / "x.csv",
        "--actor",
        "Atlantis",
    )
    assert nobody.returncode == 1 and "no actor named 'Atlantis'" in nobody.stderr


def test_readme_documents_every_column() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    documented = [
        line.split("|")[1].strip().strip("`")
        for line in readme.split("### Export columns", 1)[1].split("\n\n")[1].splitlines()[2:]
    ]
    assert documented == NAMES
