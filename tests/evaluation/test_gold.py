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
