"""The ordered table of argument rules: read from its data file, recorded in the trace."""

from __future__ import annotations

import json
from typing import Any

import pytest

from detente.events.argument_rules import ArgumentRulesError, parse_argument_rules
from tests.events.test_extract import events_of, setup

__all__ = ["setup"]

IMPLEMENTED: dict[Any, tuple[str, ...]] = {"source": ("a", "b"), "target": ("c",)}
GOOD = """\
source:
  - {name: a, certainty: 1.0, reads: the subject}
  - {name: b, certainty: 0.8, reads: a guess}
target:
  - {name: c, certainty: 0.85, reads: the object}
"""


def test_a_rules_file_gives_the_order_and_the_certainty() -> None:
    rules = parse_argument_rules(GOOD, "rules.yaml", IMPLEMENTED)
    assert rules.names("source") == ("a", "b")
    assert rules.certainty("source", "b") == 0.8
    assert rules.certainty("target", "c") == 0.85
    assert rules.certainty("target", None) == 1.0


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (GOOD.replace("name: b,", "name: z,"), 3, "source rule 'z' is not implemented"),
        (GOOD.replace("certainty: 0.8", "certainty: 1.5"), 3, "must be in (0, 1]"),
        (GOOD.replace("certainty: 0.8", "certainty: high"), 3, "certainty must be a number"),
        (GOOD.replace("name: b,", "name: a,"), 3, "'a' is listed twice"),
        (GOOD.replace(", reads: the object", ""), 5, "say what it reads"),
        (GOOD.replace("  - {name: b, certainty: 0.8, reads: a guess}\n", ""), 1, "missing: b"),
        (GOOD + "other: []\n", 6, "unknown top-level key 'other'"),
        ("source: [\n", 2, "YAML syntax error"),
    ],
)
def test_a_broken_rules_file_names_its_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(ArgumentRulesError) as caught:
        parse_argument_rules(text, "rules.yaml", IMPLEMENTED)
    assert f"rules.yaml:{line}:" in str(caught.value)
    assert problem in str(caught.value)


def test_the_trace_names_the_rule_that_found_each_side(setup: Any) -> None:
    events = events_of(setup, "Kyiv said it would attack Russian positions in Crimea.")
    attack = next(e for e in events if e.target_id == "russia")
    trace = json.loads(attack.trace)
    assert (trace["source_rule"], trace["target_rule"]) == ("pronoun", "trigger_slot")

    events = events_of(setup, "Egyptian police dispersed the demonstrators.")
    dispersal = next(e for e in events if e.source_id == "egypt")
    assert json.loads(dispersal.trace)["target_rule"] == "implied_part"
