"""Structural balance: triads, ratio, frustration, blocs and inferred signs."""

from __future__ import annotations

import dataclasses
import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from detente.analysis import structural_balance
from detente.analysis.balance import (
    best_split_exact,
    best_split_heuristic,
    frustrated_pairs,
    triad_counts,
)
from detente.config import AnalysisSettings
from detente.store import Store
from tests.analysis.builders import event, write_store

KZ, KG, UZ, TM, MN = "kazakhstan", "kyrgyzstan", "uzbekistan", "turkmenistan", "mongolia"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    day = "2022-05-01"
    return write_store(
        tmp_path / "balance.duckdb",
        [
            event(KZ, "COOPERATE", KG, day, intensity=6.0),
            event(KZ, "ASSAULT", UZ, day, intensity=-8.0),
            event(UZ, "ASSAULT", KG, day, intensity=-8.0),
            event(KZ, "ACCUSE", TM, day, intensity=-2.0),
            event(KG, "ACCUSE", TM, day, intensity=-2.0),
            event(UZ, "THREATEN", TM, day, intensity=-5.0),
            event(UZ, "SANCTION", MN, day, intensity=-6.0),
        ],
    )


def names(items: list[dict[str, str]]) -> list[str]:
    return [item["id"] for item in items]


def test_triads_under_the_strict_definition(db: Path, settings: AnalysisSettings) -> None:
    with Store.open(db, read_only=True) as store:
        result = structural_balance(store, settings=settings, half_life_days=math.inf).as_json()
    assert "strict" in result["definition"] and "Cartwright" in result["definition"]
    assert result["triad_counts"] == {"total": 4, "balanced": 2, "unbalanced": 2, "listed": 4}
    assert result["balance_ratio"] == 0.5
    found = {frozenset(names(t["actors"])): (t["signs"], t["balanced"]) for t in result["triads"]}
    assert sorted(found[frozenset({KZ, KG, UZ})][0]) == sorted("+−−")
    assert found[frozenset({KZ, KG, UZ})][1] is True
    assert found[frozenset({KZ, KG, TM})][1] is True
    assert found[frozenset({KZ, UZ, TM})] == ("−−−", False)
    assert found[frozenset({KG, UZ, TM})] == ("−−−", False)
    for triad in result["triads"]:
        signs = [edge["sign"] for edge in triad["edges"]]
        assert triad["balanced"] == (math.prod(signs) > 0)


def test_frustration_and_blocs(db: Path, settings: AnalysisSettings) -> None:
    with Store.open(db, read_only=True) as store:
        result = structural_balance(store, settings=settings).as_json()
    frustration = result["frustration"]
    assert (frustration["edges"], frustration["of"], frustration["method"]) == (1, 7, "exact")
    assert [(e["a"], e["b"]) for e in frustration["frustrated_edges"]] == [(TM, UZ)]
    blocs = sorted(sorted(names(b["actors"])) for b in result["blocs"])
    assert blocs == [sorted([KG, KZ, MN]), sorted([TM, UZ])]
    assert {b["component"] for b in result["blocs"]} == {1}


def test_heuristic_frustration_on_the_same_graph(db: Path, settings: AnalysisSettings) -> None:
    heuristic = dataclasses.replace(settings, exact_frustration_max_nodes=2)
    with Store.open(db, read_only=True) as store:
        result = structural_balance(store, settings=heuristic).as_json()
    assert result["frustration"]["edges"] == 1
    assert result["frustration"]["method"] == "heuristic (upper bound)"


def test_enemy_of_my_enemy_inferences(db: Path, settings: AnalysisSettings) -> None:
    # one event a leg here; test_same_event.py tests the minimum evidence on both legs
    lenient = dataclasses.replace(settings, inference_min_events=1)
    with Store.open(db, read_only=True) as store:
        result = structural_balance(store, settings=lenient).as_json()
    assert result["inferences_total"] == 3
    inferred = {frozenset((i["a"]["id"], i["b"]["id"])): i for i in result["inferences"]}
    assert set(inferred) == {frozenset({KZ, MN}), frozenset({KG, MN}), frozenset({TM, MN})}
    kz_mn = inferred[frozenset({KZ, MN})]
    assert kz_mn["inferred"] is True and kz_mn["sign"] == 1
    assert kz_mn["positive_paths"] == 1 and kz_mn["negative_paths"] == 0
    [path] = kz_mn["paths"]
    assert {k: path[k] for k in ("via", "signs", "implies")} == {
        "via": {"id": UZ, "name": "Uzbekistan"},
        "signs": [-1, -1],
        "implies": 1,
    }
    assert [leg["events"] for leg in path["legs"]] == [1, 1]
    with Store.open(db, read_only=True) as store:
        assert structural_balance(store, settings=settings).as_json()["inferences_total"] == 0
    # the edges the answer rests on carry their evidence
    cited = {tuple(e["pair"]) for e in result["edges"]}
    assert (KZ, UZ) in cited and all(e["evidence"] for e in result["edges"])


def test_top_keeps_the_most_active_actors(db: Path, settings: AnalysisSettings) -> None:
    with Store.open(db, read_only=True) as store:
        result = structural_balance(store, top=1, settings=settings).as_json()
        assert result["actors"] == [] and result["balance_ratio"] is None
        three = structural_balance(store, top=3, settings=settings).as_json()
    assert len(three["actors"]) == 3
    assert three["actors"][0]["id"] == UZ and three["actors"][0]["events"] == 4


def brute_force_triads(signs: np.ndarray) -> tuple[int, int]:
    total = balanced = 0
    for i, j, k in itertools.combinations(range(len(signs)), 3):
        product = signs[i, j] * signs[i, k] * signs[j, k]
        if product:
            total += 1
            balanced += product > 0
    return total, balanced


def random_signed(n: int, density: float, seed: int, camps: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    side = rng.choice([-1, 1], size=n)
    signs = np.zeros((n, n), dtype=np.int64)
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < density:
            sign = side[i] * side[j] if camps else rng.choice([-1, 1])
            signs[i, j] = signs[j, i] = sign
    return signs


@pytest.mark.parametrize("seed", range(5))
def test_trace_counts_match_brute_force(seed: int) -> None:
    signs = random_signed(12, 0.5, seed)
    assert triad_counts(signs) == brute_force_triads(signs)


@pytest.mark.parametrize("seed", range(5))
def test_heuristic_is_an_upper_bound_of_the_exact_index(seed: int) -> None:
    signs = random_signed(11, 0.6, seed)
    exact = len(frustrated_pairs(signs, best_split_exact(signs)))
    heuristic = len(frustrated_pairs(signs, best_split_heuristic(signs)))
    assert heuristic >= exact


@pytest.mark.parametrize("seed", range(3))
def test_a_graph_of_two_camps_has_no_frustration(seed: int) -> None:
    signs = random_signed(40, 0.3, seed, camps=True)
    assert len(frustrated_pairs(signs, best_split_heuristic(signs))) == 0
    small = signs[:10, :10]
    assert len(frustrated_pairs(small, best_split_exact(small))) == 0
