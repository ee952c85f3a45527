"""`detente dyad`, `relations` and `balance` through the real command, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.store import Store
from tests.analysis.builders import event, write_store
from tests.support import run_cli

KZ, KG, UZ, TM = "kazakhstan", "kyrgyzstan", "uzbekistan", "turkmenistan"

STEPPE = """Border Quarrels on the Steppe

In the 1990s, relations between Kazakhstan and Kyrgyzstan were tense. Kyrgyzstan accused \
Kazakhstan of closing the border in 1996.

Since 2020, ties between Astana and Bishkek have remained warm. In 2022 Kazakhstan and \
Kyrgyzstan signed a water-sharing agreement. Kazakhstan sent food aid to Kyrgyzstan in 2023.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analysis-cli") / "store.duckdb"
    return write_store(
        path,
        [
            event(
                KZ,
                "RELATION",
                KG,
                "1990-01-01",
                "1999-12-31",
                polarity=-1,
                text="All through the 1990s the two capitals distrusted each other.",
            ),
            event(
                KG,
                "ACCUSE",
                KZ,
                "1997-02-01",
                intensity=-2.0,
                text="Bishkek accused Astana of blocking trucks in 1997.",
            ),
            event(
                KZ,
                "COOPERATE",
                KG,
                "2022-03-01",
                intensity=6.8,
                text="The two governments built a joint dam in 2022.",
            ),
            event(
                KZ,
                "ASSAULT",
                UZ,
                "2022-03-01",
                intensity=-9.3,
                text="A border skirmish with Uzbekistan followed.",
            ),
            event(
                KG,
                "ASSAULT",
                UZ,
                "2022-04-01",
                intensity=-9.3,
                text="Kyrgyz and Uzbek units exchanged fire.",
            ),
            event(
                UZ,
                "CONSULT",
                TM,
                "2022-05-01",
                intensity=2.1,
                text="Tashkent hosted Turkmen envoys.",
            ),
        ],
        published="2022-06-01",
    )


def cli_json(db: Path, *args: str) -> dict[str, object]:
    result = run_cli("--db", db, *args, "--json")
    assert result.returncode == 0, result.stderr
    payload: dict[str, object] = json.loads(result.stdout)
    return payload


def test_dyad_json_shape_with_aliases(db: Path) -> None:
    payload = cli_json(db, "dyad", "Astana", "bishkek")
    assert {"a", "b", "periods", "changes", "summary", "evidence", "undated"} <= set(payload)
    assert payload["a"] == {"id": KZ, "name": "Kazakhstan"}
    assert payload["b"] == {"id": KG, "name": "Kyrgyzstan"}
    # the 1990s statement counts once over its span: −0.3 a year, neutral but for 1997
    assert payload["summary"] == (
        "neutral 1990–1996; hostile in 1997; neutral 1998–1999; cooperative in 2022"
    )
    periods = payload["periods"]
    assert isinstance(periods, list) and len(periods) == 11
    first = periods[0]
    assert {"period", "start", "end", "events", "net", "polarity", "counts", "evidence"} <= set(
        first
    )
    assert (first["period"], first["start"], first["end"]) == ("1990", "1990-01-01", "1990-12-31")
    assert payload["changes"] == [
        {
            "before": "1999",
            "after": "2022",
            "from": "neutral",
            "to": "cooperative",
            "from_polarity": 0,
            "to_polarity": 1,
            "method": "pelt",
        }
    ]
    assert payload["background_only"] == []


def test_dyad_text(db: Path) -> None:
    result = run_cli("--db", db, "dyad", "Kazakhstan", "Kyrgyzstan", "--by", "decade")
    assert result.returncode == 0, result.stderr
    assert "summary: hostile in the 1990s; cooperative in the 2020s" in result.stdout
    assert "change: hostile → cooperative between 1990s and 2020s" in result.stdout
    assert "The two governments built a joint dam in 2022." in result.stdout


def test_unknown_actor_and_bad_options(db: Path) -> None:
    unknown = run_cli("--db", db, "dyad", "Atlantis", "Kazakhstan")
    assert unknown.returncode == 1
    assert unknown.stderr.strip().count("\n") == 0
    assert "no actor named 'Atlantis'" in unknown.stderr
    same = run_cli("--db", db, "dyad", "Astana", "Kazakhstan")
    assert same.returncode == 1 and "[E501]" in same.stderr
    both = run_cli("--db", db, "relations", "--at", "2022-01-01", "--since", "2021-01-01")
    assert both.returncode == 2 and "not both" in both.stderr
    bad_date = run_cli("--db", db, "balance", "--at", "someday")
    assert bad_date.returncode == 2
    unknown_actor = run_cli("--db", db, "relations", "--actor", "Atlantis")
    assert unknown_actor.returncode == 1 and "Atlantis" in unknown_actor.stderr


def test_relations_json_shape(db: Path) -> None:
    payload = cli_json(db, "relations", "--at", "2022-06-01", "--half-life", "365")
    assert payload["reference_date"] == "2022-06-01"
    assert payload["half_life_days"] == 365
    edges = payload["edges"]
    assert isinstance(edges, list) and edges
    for edge in edges:
        assert {"a", "b", "weight", "sign", "events", "evidence"} <= set(edge)
        assert edge["evidence"] and len(edge["evidence"]) <= 3
    mine = cli_json(db, "relations", "--actor", "Tashkent")
    pairs = [{e["a"]["id"], e["b"]["id"]} for e in mine["edges"]]  # type: ignore[union-attr]
    assert pairs and all(UZ in pair for pair in pairs)


def test_balance_json_and_text(db: Path) -> None:
    payload = cli_json(db, "balance", "--top", "10")
    assert "strict" in str(payload["definition"])
    assert payload["triad_counts"] == {"total": 1, "balanced": 1, "unbalanced": 0, "listed": 1}
    triad = payload["triads"][0]  # type: ignore[index]
    assert {a["id"] for a in triad["actors"]} == {KZ, KG, UZ}
    assert triad["balanced"] is True
    assert {"frustration", "blocs", "inferences", "balance_ratio", "note"} <= set(payload)
    inferred = payload["inferences"]
    assert isinstance(inferred, list) and all(i["inferred"] is True for i in inferred)
    text = run_cli("--db", db, "balance")
    assert text.returncode == 0, text.stderr
    assert "balanced" in text.stdout and "definition: strict" in text.stdout


@pytest.mark.slow
def test_dyad_after_a_real_run(tmp_path: Path) -> None:
    """The whole way: a text written for this test, extracted, then asked about."""
    article = tmp_path / "steppe.txt"
    article.write_text(STEPPE, encoding="utf-8")
    db = tmp_path / "run.duckdb"
    run = run_cli("--db", db, "run", article, "--published", "2024-05-01")
    assert run.returncode == 0, run.stderr
    payload = cli_json(db, "dyad", "Kazakhstan", "Kyrgyzstan")
    polarity = {p["period"]: p["polarity"] for p in payload["periods"]}  # type: ignore[union-attr]
    assert polarity.get("1996") == -1  # the accusation, and the 1990s' share
    assert polarity.get("2023") == 1
    # the 2022 agreement, told once two years on, is a background mention: no period alone
    assert "2022" not in polarity
    assert "2022" in [p["period"] for p in payload["background_only"]]  # type: ignore[union-attr]
    # by year the 1990s statement weighs a tenth a year; by decade it is the 1990s' own sign
    decades = cli_json(db, "dyad", "Kazakhstan", "Kyrgyzstan", "--by", "decade")
    assert any(c["from"] == "hostile" and c["to"] == "cooperative" for c in decades["changes"])  # type: ignore[union-attr]


def test_dyad_text_says_what_periods_and_events_rest_on(tmp_path: Path) -> None:
    path = write_store(
        tmp_path / "basis.duckdb",
        [
            event(KZ, "ACCUSE", KG, "2016-02-01", intensity=-2.0, text="They quarrelled in 2016."),
            event(KZ, "COOPERATE", KG, "2024-05-01", intensity=6.8, text="A dam deal in May."),
        ],
        published="2024-06-01",
    )
    recalled = run_cli("--db", path, "dyad", "Kazakhstan", "Kyrgyzstan")
    assert recalled.returncode == 0, recalled.stderr
    lines = recalled.stdout.splitlines()
    # the 2016 quarrel, recalled once eight years on, is no period but is shown as a recall
    assert any(line.startswith("2016: no period, only 1 background report") for line in lines)
    quarrel = next(line for line in lines if "They quarrelled in 2016." in line)
    assert quarrel.endswith("(only background mentions)")
    deal = next(line for line in lines if "A dam deal in May." in line)
    assert "(only" not in deal and "rests on" not in recalled.stdout
    with Store.open(path) as store:  # the document declares itself opinion (as ingest marks)
        store.fetch("UPDATE documents SET genre = 'opinion'")
    opinion = run_cli("--db", path, "dyad", "Kazakhstan", "Kyrgyzstan")
    assert opinion.returncode == 0, opinion.stderr
    assert "  (rests on opinion pieces alone)" in opinion.stdout.splitlines()
    row = next(line for line in opinion.stdout.splitlines() if line.strip().startswith("2024"))
    assert row.rstrip().endswith("opinion")
    deal = next(line for line in opinion.stdout.splitlines() if "A dam deal in May." in line)
    assert deal.endswith("(only opinion pieces)")
    payload = cli_json(path, "dyad", "Kazakhstan", "Kyrgyzstan")
    assert payload["summary_basis"] == {"background_only": False, "opinion_only": True}
