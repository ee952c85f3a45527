"""`detente actors`, `resolve`, `mentions`, `eval` and `--actors FILE` through the real command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support import EXAMPLES, SEEDS, run_cli


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "store.duckdb"
    result = run_cli("--db", db, "run", "--quiet", EXAMPLES / "corpus")
    assert result.returncode == 0, result.stderr
    return db


def test_actors_lists_resolved_actors_with_activity(example_store: Path) -> None:
    result = run_cli("--db", example_store, "actors", "--json")
    assert result.returncode == 0, result.stderr
    actors = {a["id"]: a for a in json.loads(result.stdout)["actors"]}
    for expected in (
        "iran",
        "taliban",
        "isis-k",
        "tajikistan",
        "azerbaijan",
        "israel",
        "pakistan",
        "united-states",
        "russia",
    ):
        assert expected in actors, expected
    taliban = actors["taliban"]
    assert taliban["kind"] == "armed_group" and taliban["country"] == "AFG"
    assert taliban["documents"] >= 3
    assert taliban["first"] <= taliban["last"]
    assert actors["iran"]["cameo_code"] == "IRN"


def test_mentions_of_a_document(example_store: Path) -> None:
    docs = json.loads(run_cli("--db", example_store, "docs", "--json").stdout)["documents"]
    thaw = next(d for d in docs if d["title"].startswith("Dushanbe and Tehran"))
    result = run_cli("--db", example_store, "mentions", thaw["id"], "--json")
    assert result.returncode == 0, result.stderr
    mentions = json.loads(result.stdout)["mentions"]
    text = json.loads(run_cli("--db", example_store, "show", thaw["id"], "--json").stdout)["text"]
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
    dushanbe = [m for m in mentions if m["text"] == "Dushanbe"]
    assert dushanbe and all(m["actor"]["id"] == "tajikistan" for m in dushanbe)
    assert {m["resolution"] for m in dushanbe} == {"metonym"}


@pytest.mark.parametrize(
    ("surface", "date", "actor"),
    [
        ("Dushanbe", None, "tajikistan"),
        ("Baku", None, "azerbaijan"),
        ("Azeri", None, "azerbaijan"),
        ("ISIS-Khorasan", None, "isis-k"),
        ("iskp", None, "isis-k"),
        ("the Islamic Emirate", None, "taliban"),
        ("the Afghan government", "2023-01-01", "taliban"),
        ("the Afghan government", "2010-01-01", "afghanistan-republic"),
        ("Daesh", None, "isis"),
    ],
)
def test_resolve_names(surface: str, date: str | None, actor: str) -> None:
    args = ["resolve", surface, "--json", *(["--date", date] if date else [])]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    readings = json.loads(result.stdout)["readings"]
    assert readings[0]["actor"]["id"] == actor


def test_unknown_name_gets_the_nearest_known_names() -> None:
    result = run_cli("resolve", "Talibn")
    assert result.returncode == 1
    assert "no actor named 'Talibn'" in result.stderr and "Taliban" in result.stderr


def test_user_actor_file_adds_an_actor(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - id: hindu-kush-front\n"
        "    name: Hindu Kush Front\n"
        "    kind: armed_group\n"
        "    country: AFG\n"
        "    aliases: [HKF]\n"
    )
    result = run_cli("--actors", extra, "resolve", "HKF", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["readings"][0]["actor"]["id"] == "hindu-kush-front"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("actors:\n  - id: x\n    name: [unclosed\n", "E301"),
        ("actors:\n  - id: iran\n    name: Iran again\n    kind: state\n", "E302"),
        (
            "actors:\n  - id: other-front\n    name: Other Front\n    kind: armed_group\n"
            "    aliases: [ISKP]\n",
            "E303",
        ),
    ],
)
def test_bad_actor_files_are_rejected_in_one_line(
    tmp_path: Path, content: str, problem: str
) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content)
    result = run_cli("--actors", extra, "resolve", "Iran")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert problem in lines[0] and "bad.yaml" in lines[0]
    assert re.search(r"bad\.yaml:\d+", lines[0])


def test_eval_scores_a_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "t-1",
            "text": "Kazakh officials met a delegation from Kyrgyzstan in Astana.",
            "date": "2020-01-01",
            "events": [
                {
                    "source_actors": [
                        {"actorText": "Kazakh officials", "code": "KAZ", "sector": "GOV"}
                    ],
                    "target_actors": [{"actorText": "Kyrgyzstan", "code": "KGZ"}],
                }
            ],
        },
        {
            "id": "t-2",
            "text": "Fishermen from Lower Marsh protested outside the ministry.",
            "date": "2020-01-01",
            "events": [
                {
                    "source_actors": [
                        {"actorText": "Fishermen from Lower Marsh", "code": "FRA", "sector": "CVL"}
                    ],
                    "target_actors": [],
                }
            ],
        },
    ]
    gold.write_text("\n".join(json.dumps(r) for r in records))
    result = run_cli("eval", gold, "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["actors"]
    assert scores["country"]["gold"] == 3
    assert scores["country"]["found"] == 2
    assert scores["country"]["precision"] == 1.0
    assert scores["country"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["country_sector"]["found"] == 2


def test_eval_lists_the_sentences_it_got_wrong(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "miss-1",
        "text": "Peru recalled its ambassador from Chile.",
        "date": "2020-01-01",
        "events": [
            {
                "code_plover_2023": "PROTEST",
                "source": ["PER"],
                "target": ["CHL"],
                "source_actors": [{"actorText": "Peru", "code": "PER"}],
                "target_actors": [{"actorText": "Chile", "code": "CHL"}],
            }
        ],
    }
    gold.write_text(json.dumps(record))
    quiet = json.loads(run_cli("eval", gold, "--json").stdout)["events"]
    assert "errors" not in quiet
    report = json.loads(run_cli("eval", gold, "--errors", "--json").stdout)["events"]
    [error] = report["errors"]
    assert error["id"] == "miss-1" and error["gold"] == ["PER PROTEST CHL"]
    assert error["type_correct"] is False
    text = run_cli("eval", gold, "--errors")
    assert (
        "miss-1 [type]: Peru recalled" in text.stdout
        and "gold:      PER PROTEST CHL" in text.stdout
    )


def test_eval_matches_a_reciprocal_event_with_one_way_gold_either_way(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "ties-1",
        "text": "Bhutan established diplomatic relations with Nepal on Monday.",
        "date": "2020-01-01",
        "events": [
            {
                "code_plover_2023": "SUPPORT",
                "source": ["NPL"],
                "target": ["BTN"],
                "source_actors": [{"actorText": "Nepal", "code": "NPL"}],
                "target_actors": [{"actorText": "Bhutan", "code": "BTN"}],
            }
        ],
    }
    gold.write_text(json.dumps(record))
    events = json.loads(run_cli("eval", gold, "--json").stdout)["events"]
    assert events["triple"]["country"]["found"] == 1


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not beside this checkout")
def test_seed_actors_each_under_one_id(tmp_path: Path) -> None:
    db = tmp_path / "seeds.duckdb"
    assert run_cli("--db", db, "run", *sorted(SEEDS.glob("*.txt"))).returncode == 0
    found = {a["id"] for a in json.loads(run_cli("--db", db, "actors", "--json").stdout)["actors"]}
    expected = {
        "iran",
        "irgc",
        "taliban",
        "afghanistan-republic",
        "afghanistan-mujahideen-government",
        "jamiat-e-islami",
        "national-resistance-front",
        "isis-k",
        "isis",
        "tajikistan",
        "azerbaijan",
        "israel",
        "united-states",
        "pakistan",
        "china",
        "russia",
        "uzbekistan",
        "turkmenistan",
        "turkey",
        "armenia",
        "syria",
        "iraq",
        "soviet-union",
        "irpt",
        "unama",
        "iom",
        "afghanistan",
    }
    assert expected <= found, expected - found
    assert not any("khorasan" in actor for actor in found - {"isis-k"})
