"""`detente run` extracting events and `detente events` listing them, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import EXAMPLES, SEEDS, run_cli


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("events") / "store.duckdb"
    result = run_cli("--db", db, "run", EXAMPLES / "corpus")
    assert result.returncode == 0, result.stderr
    assert "events from" in result.stdout and "sentences parsed" in result.stdout
    return db


def events(db: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("--db", db, "events", "--json", *args)
    assert result.returncode == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["events"]
    return found


def test_event_json_shape_and_evidence(store: Path) -> None:
    listed = events(store)
    assert len(listed) >= 20
    keys = {
        "id",
        "source",
        "target",
        "type",
        "cameo_root",
        "quad_class",
        "intensity",
        "polarity",
        "modality",
        "asserted_by",
        "time",
        "evidence",
        "confidence",
        "extractor",
    }
    for event in listed:
        assert keys <= set(event)
        evidence = event["evidence"]
        assert isinstance(evidence, dict) and evidence["text"] and evidence["document"]
        assert event["modality"] in ("asserted", "negated", "reported", "future")
        assert event["polarity"] in (-1, 0, 1)


def test_filters(store: Path) -> None:
    taliban = events(store, "--actor", "the Islamic Emirate")
    assert taliban and all("taliban" in (e["source"]["id"], e["target"]["id"]) for e in taliban)  # type: ignore[index]
    assaults = events(store, "--type", "ASSAULT")
    assert assaults and {e["type"] for e in assaults} == {"ASSAULT"}
    negated = events(store, "--modality", "negated")
    assert all(e["modality"] == "negated" for e in negated)
    recent = events(store, "--since", "2025-01-01")
    assert all(e["time"]["end"] >= "2025-01-01" for e in recent)  # type: ignore[index]


def test_unknown_actor_argument(store: Path) -> None:
    result = run_cli("--db", store, "events", "--actor", "Atlantis")
    assert result.returncode == 1 and "no actor named 'Atlantis'" in result.stderr


def test_kerman_bombing_is_an_assault_in_january_2024(store: Path) -> None:
    kerman = [
        e
        for e in events(
            store, "--type", "ASSAULT", "--since", "2024-01-01", "--until", "2024-01-31"
        )
    ]
    assert kerman, "the example corpus reports the 3 January 2024 bombing"


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not beside this checkout")
def test_seed_relations(tmp_path: Path) -> None:
    db = tmp_path / "seeds.duckdb"
    assert run_cli("--db", db, "run", *sorted(SEEDS.glob("*.txt"))).returncode == 0
    found = events(db, "--actor", "Iran", "--with", "Taliban")
    nineties = [e for e in found if e["polarity"] == -1 and str(e["time"]["start"]) < "2000"]  # type: ignore[index]
    recent = [e for e in found if e["polarity"] == 1 and str(e["time"]["end"]) >= "2021"]  # type: ignore[index]
    assert nineties and recent
    negated = events(db, "--actor", "Iran", "--modality", "negated")
    assert {"national-resistance-front", "taliban", "united-states"} <= {
        e["target"]["id"]
        for e in negated  # type: ignore[index]
    }
