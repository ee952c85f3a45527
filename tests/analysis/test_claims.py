"""Claim checking on a store built by the real pipeline from project-written text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from detente.analysis.claims import Weighed, check_claim, overall_verdict, periods_of
from detente.config import load_settings
from detente.errors import ClaimNotUnderstood
from detente.pipeline import Extraction, run
from detente.store import Store
from tests.support import run_cli

# Enemies in the 1990s, partners since 2021; a recognition denied, a hedged report of arms.
ARTICLE = """Oman and Yemen: from enemies to partners

During the 1990s, Oman and Yemen were bitter enemies. In 1995, Oman attacked Yemen.

Over the past three years, relations between Oman and Yemen have remained warm. In 2023, \
Oman signed a trade agreement with Yemen. In 2023, Oman supported Yemen at the United Nations.

Oman has not formally recognized the Houthis. Analysts say Oman may be arming the Houthis.
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("claims")
    article = folder / "gulf.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    path = folder / "claims.duckdb"
    settings = load_settings({"pipeline.workers": 1})
    with Store.open(path) as store:
        run(store, [str(article)], settings=settings, published=dt.date(2024, 3, 1))
    return path


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extraction(load_settings())


def check(store_path: Path, extraction: Extraction, claim: str, **window: Any) -> dict[str, Any]:
    with Store.open(store_path, read_only=True) as store:
        return check_claim(store, claim, extraction=extraction, **window).as_json()


def test_a_relationship_that_changed_sign_is_mixed_with_its_periods(
    store_path: Path, extraction: Extraction
) -> None:
    answer = check(store_path, extraction, "Oman and Yemen are allies")
    assert answer["parsed"]["type"] == "RELATION" and answer["parsed"]["polarity"] == 1
    assert answer["verdict"] == "mixed"
    periods = {p["period"]: p["verdict"] for p in answer["periods"]}
    assert periods["1990s"] == "contradicted"
    assert any(v == "supported" and k.startswith("2021") for k, v in periods.items())
    assert answer["current"]["verdict"] == "supported"
    texts = " ".join(e["text"] for e in answer["supporting"] + answer["contradicting"])
    assert "bitter enemies" in texts and "remained warm" in texts
    assert all(isinstance(e["contexts"], list) for e in answer["supporting"])


def test_a_window_narrows_the_answer(store_path: Path, extraction: Extraction) -> None:
    answer = check(store_path, extraction, "Oman and Yemen are allies", since=dt.date(2021, 1, 1))
    assert answer["verdict"] == "supported"
    assert answer["window"]["since"] == "2021-01-01"


def test_a_negated_act_contradicts_and_a_hedged_report_decides_nothing(
    store_path: Path, extraction: Extraction
) -> None:
    answer = check(store_path, extraction, "Oman recognizes the Houthis")
    assert answer["verdict"] == "contradicted"
    [against] = answer["contradicting"]
    assert against["modality"] == "negated" and "not formally recognized" in against["text"]
    reported = answer["reported"]["supporting"]
    assert [e["modality"] for e in reported] == ["reported"] and reported[0]["hedged"]
    assert reported[0]["weight"] < against["weight"]


def test_hostility_counts_against_support(store_path: Path, extraction: Extraction) -> None:
    answer = check(store_path, extraction, "Oman supports Yemen")
    by_period = {p["period"]: p["verdict"] for p in answer["periods"]}
    assert by_period["1990s"] == "contradicted" and by_period["2023"] == "supported"
    assert answer["verdict"] == "mixed"


def test_a_claim_without_two_actors_says_what_was_understood(extraction: Extraction) -> None:
    with pytest.raises(ClaimNotUnderstood, match="actors: Oman"):
        from detente.analysis.claims import read_claim

        read_claim("Oman is prosperous", extraction)


def _item(year: int, lean: int, decisive: bool = True, last: int | None = None) -> Weighed:
    row = {
        "id": f"e{year}{lean}",
        "time_start": dt.date(year, 1, 1),
        "time_end": dt.date(last or year, 12, 31),
    }
    return Weighed(row, lean, 1.0, "test", decisive)


def test_periods_merge_close_years_and_split_on_silence() -> None:
    periods = periods_of(
        [_item(1990, -1, last=1999), _item(2001, 1), _item(2021, 1), _item(2023, 1)],
        merge_gap_years=2,
    )
    assert [(p.label, p.verdict) for p in periods] == [
        ("1990s", "contradicted"),
        ("2001", "supported"),
        ("2021–2023", "supported"),
    ]
    assert overall_verdict(periods) == "mixed"


def test_reports_alone_decide_no_period() -> None:
    periods = periods_of([_item(2024, 1, decisive=False)])
    assert [p.verdict for p in periods] == ["not_enough_evidence"]
    assert overall_verdict(periods) == "not_enough_evidence"


def test_check_command_json_and_errors(store_path: Path) -> None:
    result = run_cli("--db", store_path, "check", "Oman and Yemen are allies", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    for key in (
        "claim",
        "parsed",
        "verdict",
        "periods",
        "supporting",
        "contradicting",
        "structural",
        "explanation",
    ):
        assert key in answer
    assert answer["claim"] == "Oman and Yemen are allies"
    text = run_cli("--db", store_path, "check", "Oman and Yemen are allies")
    assert "verdict: mixed" in text.stdout
    bad = run_cli("--db", store_path, "check", "Oman is prosperous")
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "[E503]" in bad.stderr
