"""A verdict says when the evidence it rests on comes only from opinion pieces: a store built
by the real pipeline from an op-ed and a report written for this test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detente.analysis.claims import check_claim
from detente.config import load_settings
from detente.pipeline import Extraction, run
from detente.store import Store
from tests.support import run_cli

OPED = """Why The Caucasus Will Not Settle

OPED By Jane Roe

On 27 September 2020 Azerbaijan attacked Armenia across the line of contact.

On 3 March 2024 India sanctioned China over the border dispute in Ladakh.

Neither quarrel, in this writer's view, is anywhere near its end.
"""

REPORT = """India imposes new measures on Chinese firms

On 3 March 2024 India sanctioned China, the trade ministry in New Delhi said on Monday.

The measures cover exports of electronic parts and take effect next month, officials said.
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    (folder / "oped.txt").write_text(OPED, encoding="utf-8")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    path = folder / "store.duckdb"
    with Store.open(path) as store:
        run(store, [str(folder / "oped.txt"), str(folder / "report.txt")])
    return path


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extraction(load_settings())


def check(store_path: Path, extraction: Extraction, claim: str) -> dict[str, Any]:
    with Store.open(store_path, read_only=True) as store:
        return check_claim(store, claim, extraction=extraction).as_json()


def test_a_verdict_resting_only_on_an_op_ed_says_so(
    store_path: Path, extraction: Extraction
) -> None:
    answer = check(store_path, extraction, "Azerbaijan attacked Armenia")
    assert answer["verdict"] == "supported"
    assert answer["sources"] == {
        "documents": 1,
        "opinion_pieces": 1,
        "genres": {"opinion": 1},
        "opinion_only": True,
    }
    assert [e["document_genre"] for e in answer["supporting"]] == ["opinion"]
    assert "only from opinion pieces" in answer["explanation"]


def test_a_report_beside_the_op_ed_is_enough(store_path: Path, extraction: Extraction) -> None:
    answer = check(store_path, extraction, "India sanctioned China")
    assert answer["verdict"] == "supported"
    assert answer["sources"]["documents"] == 2 and answer["sources"]["opinion_pieces"] == 1
    assert answer["sources"]["opinion_only"] is False
    assert "opinion pieces" not in answer["explanation"]


def test_the_command_line_says_so_too(store_path: Path) -> None:
    text = run_cli("--db", store_path, "check", "Azerbaijan attacked Armenia")
    assert text.returncode == 0, text.stderr
    assert "sources: only opinion pieces (opinion; 1 document(s))" in text.stdout
    report = run_cli("--db", store_path, "check", "India sanctioned China", "--json")
    assert json.loads(report.stdout)["sources"]["opinion_only"] is False
