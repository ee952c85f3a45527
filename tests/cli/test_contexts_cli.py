"""PLOVER contexts through the real command: `detente run`, `events --context`, exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.support import run_cli

# Written for this test.
NEWS = """\
Tehran and Dushanbe signed an agreement to expand trade and boost exports in 2023.

Pakistan deported thousands of Afghan refugees to Afghanistan in March 2024.

Russia accused Ukraine of firing missiles at its troops in April 2024.

Turkey and Greece held talks in Athens in May 2024. The meeting was long.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("contexts")
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    db = folder / "store.duckdb"
    result = run_cli("--db", db, "run", folder / "news.txt")
    assert result.returncode == 0, result.stderr
    return db


def listed(db: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("--db", db, "events", "--json", *args)
    assert result.returncode == 0, result.stderr
    events: list[dict[str, object]] = json.loads(result.stdout)["events"]
    return events


def test_every_event_carries_its_contexts(store: Path) -> None:
    events = listed(store)
    assert events and all(isinstance(e["contexts"], list) for e in events)
    by_source = {(e["source"]["id"], e["target"]["id"]): e["contexts"] for e in events}  # type: ignore[index]
    assert by_source[("pakistan", "afghanistan")] == ["migration"]
    assert "military" in by_source[("russia", "ukraine")]  # type: ignore[operator]


def test_events_filtered_by_context(store: Path) -> None:
    everything = listed(store)
    migration = listed(store, "--context", "migration")
    assert [e["evidence"]["sentence"] for e in migration] == [1]  # type: ignore[index]
    either = listed(store, "--context", "migration", "--context", "diplomatic")
    assert {e["evidence"]["sentence"] for e in either} == {1, 3}  # type: ignore[index]
    assert all({"migration", "diplomatic"} & set(e["contexts"]) for e in either)  # type: ignore[arg-type]
    assert len(either) < len(everything)
    # the older name a gold file uses means the same context
    assert listed(store, "--context", "refugees") == migration
    assert listed(store, "--context", "cyber") == []


def test_an_unknown_context_is_one_line_error(store: Path) -> None:
    result = run_cli("--db", store, "events", "--context", "wizardry")
    assert result.returncode == 2  # a usage error, as every bad argument
    assert result.stderr.strip().startswith("error: [E902] --context 'wizardry' is unknown")
    assert "valid: " in result.stderr and "migration" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_exports_carry_contexts(store: Path, tmp_path: Path) -> None:
    expected = [e["contexts"] for e in listed(store)]
    csv_path, jsonl_path = tmp_path / "e.csv", tmp_path / "e.jsonl"
    for path, fmt in ((csv_path, "csv"), (jsonl_path, "jsonl")):
        result = run_cli("--db", store, "export", "--format", fmt, "-o", path)
        assert result.returncode == 0, result.stderr
    with csv_path.open(encoding="utf-8") as handle:
        joined = [row["contexts"] for row in csv.DictReader(handle)]
    assert joined == [";".join(c) for c in expected]  # type: ignore[arg-type]
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["contexts"] for line in lines] == expected


def test_eval_scores_contexts(tmp_path: Path) -> None:
    def record(ident: str, text: str, context: str | None) -> dict[str, object]:
        event: dict[str, object] = {
            "code_plover_2023": "COERCE",
            "source": ["PAK"],
            "target": ["AFG"],
            "source_actors": [{"actorText": "Pakistan", "code": "PAK"}],
            "target_actors": [{"actorText": "Afghanistan", "code": "AFG"}],
        }
        if context is not None:
            event["context"] = context
        return {"id": ident, "text": text, "date": "2024-01-01", "events": [event]}

    gold = tmp_path / "gold.jsonl"
    records = [
        record("c-1", "Pakistan deported Afghan refugees to Afghanistan.", "refugees"),
        record(
            "c-2",
            "Pakistan fired artillery at border posts in Afghanistan.",
            "military, historical",
        ),
        record("c-3", "Pakistan warned Afghanistan.", None),
    ]
    gold.write_text("\n".join(json.dumps(r) for r in records))
    result = run_cli("eval", gold, "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["events"]["contexts"]
    assert scores["sentences_with_gold_context"] == 2
    assert scores["unmapped_gold_labels"] == {"historical": 1}
    sentence = scores["sentence"]
    # c-1: {migration} for {migration}; c-2: {military, territory} for {military}
    assert (sentence["gold"], sentence["correct"], sentence["predicted"]) == (2, 2, 3)
    assert scores["sentence_gold_labels"]["predicted"] == 2
    text = run_cli("eval", gold)
    assert "of the sentence" in text.stdout and "historical (1)" in text.stdout
