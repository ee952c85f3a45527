"""Reading gold files: the JSONL format users bring their own gold data in."""

from __future__ import annotations

import json
from pathlib import Path

from detente.evaluation.gold import read_gold


def test_legacy_country_codes_read_as_iso(tmp_path: Path) -> None:
    record = {
        "id": "g1",
        "text": "Japan sent food aid to Vietnam.",
        "date": "1999-03-01",
        "events": [
            {
                "code": "AID",
                "source": ["JAPGOV"],
                "target": ["VTN"],
                "source_actors": [{"actorText": "Japan", "code": "JAP", "sector": "GOV"}],
                "target_actors": [{"actorText": "Vietnam", "code": "VTN"}],
            }
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [sentence] = list(read_gold(gold))
    assert sentence.events[0].triples("country") == {("JPN", "AID", "VNM")}
    assert sentence.events[0].triples("sector") == {("JPNGOV", "AID", "VNM")}
    assert [a.country for a in sentence.actors] == ["JPN", "VNM"]


def test_acts_read_with_an_unnamed_side_are_counted_not_kept(tmp_path: Path) -> None:
    from detente.evaluation.events import evaluate_events
    from detente.pipeline import load_extraction

    extraction = load_extraction()
    record = {
        "id": "g2",
        "text": "Ecuador signed the deal on Monday.",  # signed with whom: the text does not say
        "date": "2000-01-01",
        "events": [
            {
                "code": "SUPPORT",
                "source": ["ECU"],
                "target": None,
                "source_actors": [{"actorText": "Ecuador", "code": "ECU"}],
                "target_actors": [],
            }
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [sentence] = list(read_gold(gold))
    batch = extraction.run([sentence.as_document()])
    assert batch.events == []
    assert [e.type for e in batch.held_back] == ["SUPPORT"]
    assert batch.report.held_back == {"SUPPORT": 1}
    assert "1 acts with a side the text does not name" in batch.report.summary()
    result = evaluate_events(extraction, [sentence], extraction.kb)
    assert (result.type_accuracy, result.type_accuracy_read) == (0.0, 1.0)
