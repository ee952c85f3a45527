"""`detente drivers` on stores built by the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import SEEDS, run_cli

# Why Egypt keeps close to Sudan, as an op-ed of our own might argue it.
ARTICLE = """Why Cairo stands by Khartoum

Egypt has backed the government in Sudan since 2023. Several factors explain it.

Egypt fears that a collapse in Sudan could send another large wave of refugees across the \
border.

Sudan's weak economy has provided Egypt with a major opportunity to expand its exports of \
wheat and fuel.

Egypt seeks to secure its share of the Nile water under a bilateral agreement. Drought has \
made the question urgent, and talks with Sudan on the river have stalled.

In 2024, Ethiopia attacked an Egyptian convoy near the border. Egypt views Sudan's firm stance \
against Ethiopia as a major factor in their rapprochement.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drivers")
    (folder / "nile.txt").write_text(ARTICLE, encoding="utf-8")
    db = folder / "drivers.duckdb"
    result = run_cli("--db", db, "run", folder / "nile.txt", "--published", "2025-03-01")
    assert result.returncode == 0, result.stderr
    return db


def drivers(db: Path, *args: str) -> dict[str, Any]:
    result = run_cli("--db", db, "drivers", *args, "--json")
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def test_drivers_toward_an_actor_grouped_by_context(store: Path) -> None:
    answer = drivers(store, "Egypt", "--toward", "Sudan")
    assert answer["actor"]["id"] == "egypt" and answer["toward"]["id"] == "sudan"
    groups = {(g["context"], g["kind"]) for g in answer["drivers"]}
    assert ("migration", "fear") in groups
    assert ("economic", "interest") in groups
    # The water statement names no other actor; its paragraph names Sudan.
    water = [g for g in answer["drivers"] if g["context"] in ("natural_resource", "human_security")]
    assert water and water[0]["evidence"][0]["toward_origin"] == "paragraph"
    for group in answer["drivers"]:
        assert group["summary"] and group["evidence"]
        for item in group["evidence"]:
            assert item["text"] and item["document"] and isinstance(item["sentence"], int)


def test_hostile_acts_of_the_other_side_are_grievances(store: Path) -> None:
    answer = drivers(store, "Egypt", "--toward", "Ethiopia")
    kinds = {g["kind"] for g in answer["drivers"]}
    assert "grievance" in kinds


def test_all_drivers_of_an_actor_and_a_text_listing(store: Path) -> None:
    answer = drivers(store, "Egypt")
    assert answer["toward"] is None and len(answer["drivers"]) >= 3
    text = run_cli("--db", store, "drivers", "Egypt", "--toward", "Sudan")
    assert "migration · fear" in text.stdout


def test_an_unknown_actor_is_one_line(store: Path) -> None:
    result = run_cli("--db", store, "drivers", "Atlantis")
    assert result.returncode == 1 and result.stderr.count("\n") == 1


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not beside this checkout")
def test_the_four_drivers_of_the_op_ed(tmp_path: Path) -> None:
    db = tmp_path / "seeds.duckdb"
    assert run_cli("--db", db, "run", *sorted(SEEDS.glob("*.txt"))).returncode == 0
    contexts = {g["context"] for g in drivers(db, "Iran", "--toward", "Taliban")["drivers"]}
    assert {"terrorism", "migration", "economic"} <= contexts
    assert contexts & {"human_security", "natural_resource"}
    isis_k = drivers(db, "Iran", "--toward", "ISIS-K")["drivers"]
    assert any(g["context"] == "terrorism" and g["kind"] == "fear" for g in isis_k)
    assert any("Kerman" in e["text"] for g in isis_k for e in g["evidence"])
