"""Relations at a date: undirected signed edges, half-life decay, windows, evidence."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from detente.analysis import relations
from detente.config import AnalysisSettings
from detente.errors import AnalysisError, BadTimeWindow
from detente.store import Store
from tests.analysis.builders import event, write_store

KZ, KG, UZ, TM = "kazakhstan", "kyrgyzstan", "uzbekistan", "turkmenistan"


def build(tmp_path: Path) -> Path:
    return write_store(
        tmp_path / "relations.duckdb",
        [
            event(KZ, "COOPERATE", KG, "2020-01-01", intensity=6.0),
            event(KG, "ACCUSE", KZ, "2020-04-10", intensity=-2.0),  # 100 days later
            event(KZ, "ASSAULT", UZ, "2019-01-01", "2020-12-31", intensity=-8.0),
            event(UZ, "CONSULT", TM, "2021-06-01", intensity=2.0),
            event(KZ, "ASSAULT", None, "2020-01-01", intensity=-9.0),  # no target: no edge
            event(KZ, "AID", KZ, "2020-01-01", intensity=7.0),  # itself: no edge
            event(KG, "CONSULT", TM, None, intensity=2.0),  # undated: left out
        ],
    )


def edge(result: object, a: str, b: str) -> dict[str, object]:
    for item in result.as_json()["edges"]:  # type: ignore[attr-defined]
        if {item["a"]["id"], item["b"]["id"]} == {a, b}:
            return item  # type: ignore[no-any-return]
    raise AssertionError(f"no edge {a}–{b}")


def test_decay_halves_weight_every_half_life(tmp_path: Path, settings: AnalysisSettings) -> None:
    with Store.open(build(tmp_path), read_only=True) as store:
        graph = relations(store, at=dt.date(2020, 4, 10), half_life_days=100, settings=settings)
        kz_kg = edge(graph, KZ, KG)
        # both directions in one undirected edge: 6.0 × 0.5 (100 days old) − 2.0 (today)
        assert kz_kg["weight"] == pytest.approx(6.0 * 0.5 - 2.0)
        assert kz_kg["events"] == 2 and kz_kg["sign"] == 1
        assert kz_kg["cooperative"] == pytest.approx(3.0)
        assert kz_kg["hostile"] == pytest.approx(-2.0)
        # a span still running on the date has age zero
        assert edge(graph, KZ, UZ)["weight"] == pytest.approx(-8.0)
        # the 2021 consultation had not happened yet
        assert {(e.a, e.b) for e in graph.edges} == {(KZ, KG), (KZ, UZ)}
        assert graph.reference == dt.date(2020, 4, 10)


def test_evidence_is_strongest_first(tmp_path: Path, settings: AnalysisSettings) -> None:
    with Store.open(build(tmp_path), read_only=True) as store:
        graph = relations(store, at=dt.date(2020, 4, 10), half_life_days=100, settings=settings)
        evidence = edge(graph, KZ, KG)["evidence"]
        assert [e["weight"] for e in evidence] == pytest.approx([3.0, -2.0])  # type: ignore[union-attr]
        assert evidence[0]["type"] == "COOPERATE"  # type: ignore[index]
        assert evidence[0]["text"].startswith("Test sentence 0")  # type: ignore[index]


def test_no_decay_and_default_reference(tmp_path: Path, settings: AnalysisSettings) -> None:
    with Store.open(build(tmp_path), read_only=True) as store:
        graph = relations(store, half_life_days=math.inf, settings=settings)
        assert graph.reference == dt.date(2021, 6, 1)  # the latest date an event reaches
        assert edge(graph, KZ, KG)["weight"] == pytest.approx(4.0)
        assert graph.as_json()["half_life_days"] is None
        assert graph.undated_events == 1
        # strongest first
        assert [abs(e.weight) for e in graph.edges] == sorted(
            (abs(e.weight) for e in graph.edges), reverse=True
        )
        assert all(None not in (e.a, e.b) and e.a != e.b for e in graph.edges)


def test_default_half_life_from_settings(tmp_path: Path, settings: AnalysisSettings) -> None:
    with Store.open(build(tmp_path), read_only=True) as store:
        graph = relations(store, at=dt.date(2022, 1, 1), settings=settings)
        age = (dt.date(2022, 1, 1) - dt.date(2021, 6, 1)).days
        assert edge(graph, UZ, TM)["weight"] == pytest.approx(2.0 * 0.5 ** (age / 730), rel=1e-5)


def test_window_and_actor(tmp_path: Path, settings: AnalysisSettings) -> None:
    with Store.open(build(tmp_path), read_only=True) as store:
        window = relations(
            store, since=dt.date(2021, 1, 1), until=dt.date(2021, 12, 31), settings=settings
        )
        assert [(e.a, e.b) for e in window.edges] == [(TM, UZ)]
        mine = relations(store, actor=KG, half_life_days=math.inf, settings=settings)
        assert [(e.a, e.b) for e in mine.edges] == [(KZ, KG)]
        limited = relations(store, max_edges=1, half_life_days=math.inf, settings=settings)
        assert len(limited.edges) == 1 and limited.edges_total == 3


def test_bad_windows(tmp_path: Path, settings: AnalysisSettings) -> None:
    with Store.open(build(tmp_path), read_only=True) as store:
        with pytest.raises(BadTimeWindow):
            relations(store, at=dt.date(2020, 1, 1), since=dt.date(2019, 1, 1))
        with pytest.raises(BadTimeWindow):
            relations(store, since=dt.date(2021, 1, 1), until=dt.date(2020, 1, 1))
        with pytest.raises(AnalysisError, match="half-life"):
            relations(store, half_life_days=0, settings=settings)
