"""Claims as analysts phrase them, and events as the extractor leaves them, judged by kind.

* A charge that someone other than its maker denies ("Egypt accuses Israel of shelling its
  border post; Israel denies the charge") still happened: the extractor may hang the denial on
  the accusation and store it negated, but only the accuser's own denial undoes it.
* A reciprocal verb ("X fights Y") is read as one act both ways, a state in the present.
* "allied with", "hostile to", "at odds" are relations; "opposes" in the present is a stance.

The sentences and claims are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from detente.analysis.claims import answered_charge, check_claim, claim_rules, read_claim
from detente.config import load_settings
from detente.pipeline import Extraction
from detente.store import Store
from tests.analysis.builders import Spec, event, write_store


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extraction(load_settings())


def _trace(trigger: str, cue: str | None = None, source_text: str | None = None) -> str:
    found: dict[str, Any] = {"trigger": trigger, "modality_cue": cue}
    if source_text:
        found["source"] = {"text": source_text}
    return json.dumps(found)


def _store(path: Path, specs: list[Spec], deniers: list[str | None]) -> Path:
    """The builders' store, with who asserts each event (the denier of a denial) set as the
    extractor sets it: the builders leave it empty."""
    write_store(path, specs)
    con = duckdb.connect(str(path))
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM events ORDER BY id").fetchall()]
        for event_id, denier in zip(ids, deniers, strict=True):
            con.execute("UPDATE events SET asserted_by = ? WHERE id = ?", [denier, event_id])
    finally:
        con.close()
    return path


def _verdict(path: Path, claim: str, extraction: Extraction) -> dict[str, Any]:
    with Store.open(path, read_only=True) as store:
        return check_claim(store, claim, extraction=extraction).as_json()


def _accusation(text: str) -> Spec:
    return event(
        "egypt",
        "ACCUSE",
        "israel",
        "2023-05-04",
        modality="negated",
        text=text,
        trace=_trace("accuses", "deny", "Egypt"),
    )


ANSWERED = "Egypt accuses Israel of shelling its border post; Israel denies the charge."
RETRACTED = "Egypt denied accusing Israel of shelling its border post."
VAGUE = "Egypt accuses Israel of shelling its border post, but they deny it."


@pytest.mark.parametrize(
    ("sentence", "denier", "verdict"),
    [
        (ANSWERED, "Israel", "supported"),  # the accused denies the charge, not the accusation
        (ANSWERED, "the Israeli government", "supported"),  # anyone but the accuser
        (RETRACTED, "Egypt", "contradicted"),  # the accuser denies having accused
        (VAGUE, "they", "contradicted"),  # a denier who is no one named: the negation stands
        (VAGUE, None, "contradicted"),
    ],
)
def test_a_charge_denied_by_another_was_still_made(
    tmp_path: Path, extraction: Extraction, sentence: str, denier: str | None, verdict: str
) -> None:
    path = _store(tmp_path / "charge.duckdb", [_accusation(sentence)], [denier])
    answer = _verdict(path, "Egypt accused Israel", extraction)
    assert answer["kind"] == "event"
    assert answer["verdict"] == verdict


def test_an_answered_charge_counts_as_hostility_in_a_state_claim(
    tmp_path: Path, extraction: Extraction
) -> None:
    path = _store(tmp_path / "state.duckdb", [_accusation(ANSWERED)], ["Israel"])
    answer = _verdict(path, "Egypt and Israel are allies", extraction)
    assert answer["verdict"] == "contradicted"
    assert "denial answers it" in answer["contradicting"][0]["why"]


def test_a_denied_act_stays_denied_whoever_denies_it(
    tmp_path: Path, extraction: Extraction
) -> None:
    """Only charges are answered by a denial: a denied attack did not happen."""
    shelling = event(
        "israel",
        "ASSAULT",
        "egypt",
        "2023-05-04",
        modality="negated",
        text="Israel denied shelling the Egyptian border post, the army said.",
        trace=_trace("shelling", "deny", "Israel"),
    )
    path = _store(tmp_path / "act.duckdb", [shelling], ["the army"])
    assert _verdict(path, "Israel attacked Egypt", extraction)["verdict"] == "contradicted"


def _row(**fields: Any) -> dict[str, Any]:
    row = {"type": "ACCUSE", "source_id": "egypt", "source_name": "Egypt", "asserted_by": "Israel"}
    return {**row, **fields}


@pytest.mark.parametrize(
    ("row", "cue", "answered"),
    [
        (_row(), "deny", True),
        (_row(type="PROTEST"), "denied", True),
        (_row(asserted_by="Cairo"), "deny", False),  # the accuser as the text names it
        (_row(asserted_by="the Egypt's"), "deny", False),  # the accuser, loosely written
        (_row(), "not", False),  # "did not accuse": a negation, not a denial
        (_row(type="ASSAULT"), "deny", False),
        (_row(asserted_by="It"), "deny", False),
    ],
)
def test_which_negated_charges_a_denial_answers(
    row: dict[str, Any], cue: str, answered: bool
) -> None:
    trace = {"modality_cue": cue, "source": {"text": "Cairo"}}
    assert answered_charge(row, trace, claim_rules()) is answered


# -- reading ------------------------------------------------------------------------------


def test_a_reciprocal_verb_is_one_act_both_ways(extraction: Extraction) -> None:
    now = read_claim("Israel fights Hamas", extraction)
    assert (now.type, now.polarity, now.kind, now.reciprocal) == ("ASSAULT", -1, "state", True)
    assert {now.source.id, now.target.id} == {"israel", "hamas"}
    assert now.reading == "shape: act"
    then = read_claim("Israel fought Hamas", extraction)
    assert (then.type, then.kind, then.reciprocal) == ("ASSAULT", "event", True)


def test_a_fight_is_supported_by_attacks_either_way(tmp_path: Path, extraction: Extraction) -> None:
    specs = [
        event("hamas", "ASSAULT", "israel", "2023-10-07", text="Hamas fighters attacked Israel."),
        event("israel", "ASSAULT", "hamas", "2023-10-27", text="Israel struck Hamas in Gaza."),
    ]
    path = _store(tmp_path / "fight.duckdb", specs, [None, None])
    answer = _verdict(path, "Israel fights Hamas", extraction)
    assert answer["verdict"] == "supported"
    assert len(answer["supporting"]) == 2  # neither is "the other way round"
    assert all("other way" not in e["why"] for e in answer["supporting"])
    assert "both ways" in answer["explanation"]


@pytest.mark.parametrize(
    ("claim", "polarity", "negated"),
    [
        ("Iran is allied with Syria", 1, False),
        ("Iran and Syria are closely allied", 1, False),
        ("Egypt is not allied with Iran", 1, True),
        ("Iran and Israel are at odds", -1, False),
        ("Iran and Israel are hostile", -1, False),
        ("Russia is hostile to Ukraine", -1, False),
        ("Egypt is no longer at odds with Qatar", -1, True),
    ],
)
def test_relations_as_analysts_phrase_them(
    claim: str, polarity: int, negated: bool, extraction: Extraction
) -> None:
    read = read_claim(claim, extraction)
    assert read.reading.startswith("phrasing: ")
    assert (read.type, read.polarity, read.negated, read.kind) == (
        "RELATION",
        polarity,
        negated,
        "state",
    )


def test_opposing_in_the_present_is_a_stance(extraction: Extraction) -> None:
    assert read_claim("Russia opposes the Taliban", extraction).kind == "state"
    assert read_claim("Russia opposed the Taliban", extraction).kind == "event"
