"""Which evidence bears on which claim, by kind (``data/claims.yaml``), on stores of hand-made
events: a signing is an agreement; a state of support rests also on cooperation, weighed lower,
but a meeting claim needs a meeting and a recognition needs a recognition; talks, truces and
releases between belligerents do not make them friends; a threat is made when it is told; a
person in a claim reads as the actor they act for, and evidence about a rival of theirs is
left out. The sentences and claims are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from detente.analysis.claims import check_claim, claim_rules, read_claim
from detente.config import load_settings
from detente.pipeline import Extraction
from detente.store import Store
from tests.analysis.builders import Spec, event, write_store


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extraction(load_settings())


def _trace(pattern: str, trigger: str, cue: str | None = None, **sides: str) -> str:
    found: dict[str, Any] = {"pattern": pattern, "trigger": trigger, "modality_cue": cue}
    for side, text in sides.items():
        found[side] = {"text": text}
    return json.dumps(found)


def check(
    tmp_path: Path, specs: list[Spec], extraction: Extraction, claim: str, **window: Any
) -> dict[str, Any]:
    path = tmp_path / "kinds.duckdb"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_store(path, specs)
    with Store.open(path, read_only=True) as store:
        return check_claim(store, claim, extraction=extraction, **window).as_json()


# -- a signing is an agreement ---------------------------------------------------------------


def test_a_signing_claim_reads_as_an_agreement(extraction: Extraction) -> None:
    parsed = read_claim("Chile and Peru signed a trade agreement", extraction)
    assert (parsed.type, parsed.kind, parsed.reciprocal) == ("AGREE", "event", True)


def test_a_signing_claim_rests_on_signings_and_agreements_not_on_support(
    tmp_path: Path, extraction: Extraction
) -> None:
    signed = event(
        "chile",
        "SUPPORT",
        "peru",
        "2021-04-02",
        reciprocal=True,
        text="On 2 April 2021 Chile and Peru signed a fisheries accord.",
        trace=_trace("sign/VERB", "signed"),
    )
    agreed = event(
        "chile",
        "AGREE",
        "peru",
        "2023-05-05",
        reciprocal=True,
        text="In May 2023 Chile and Peru agreed a customs deal.",
        trace=_trace("agree/VERB", "agreed"),
    )
    backed = event(
        "chile",
        "SUPPORT",
        "peru",
        "2022-01-10",
        text="In January 2022 Chile backed Peru's bid.",
        trace=_trace("back/VERB", "backed"),
    )
    answer = check(tmp_path, [signed, agreed, backed], extraction, "Chile and Peru signed a deal")
    assert answer["verdict"] == "supported"
    assert sorted(e["text"] for e in answer["supporting"]) == sorted([signed.text, agreed.text])
    only_backing = check(
        tmp_path / "b", [backed], extraction, "Chile and Peru signed an agreement"
    )  # a store of its own
    assert only_backing["verdict"] == "not_enough_evidence"


# -- a state rests on what goes with it; an event and a formal act do not ---------------------

JOINT_PATROLS = [
    event(
        "france",
        "COOPERATE",
        "senegal",
        "2022-03-01",
        reciprocal=True,
        text="In March 2022 France and Senegal ran joint naval patrols.",
        trace=_trace("joint/ADJ", "joint"),
    ),
]


def test_a_state_of_support_rests_on_cooperation_weighed_lower(
    tmp_path: Path, extraction: Extraction
) -> None:
    answer = check(tmp_path, JOINT_PATROLS, extraction, "France supports Senegal")
    assert answer["kind"] == "state" and answer["verdict"] == "supported"
    [patrols] = answer["supporting"]
    assert patrols["weight"] == pytest.approx(claim_rules().state_evidence["SUPPORT"]["COOPERATE"])
    assert "goes with the state" in patrols["why"]


def test_a_meeting_claim_needs_a_meeting(tmp_path: Path, extraction: Extraction) -> None:
    answer = check(tmp_path, JOINT_PATROLS, extraction, "France met Senegal")
    assert answer["kind"] == "event" and answer["verdict"] == "not_enough_evidence"


def test_recognition_is_not_made_by_an_agreement(tmp_path: Path, extraction: Extraction) -> None:
    specs = [
        event(
            "norway",
            "AGREE",
            "kosovo",
            "2024-02-01",
            text="In February 2024 Norway accepted an envoy from Kosovo.",
            trace=_trace("accept/VERB", "accepted"),
        )
    ]
    assert check(tmp_path, specs, extraction, "Norway recognises Kosovo")["verdict"] == (
        "not_enough_evidence"
    )
    assert check(tmp_path, specs, extraction, "Norway supports Kosovo")["verdict"] == ("supported")


# -- managing a conflict is not ending it ----------------------------------------------------

WAR_THEN_TALKS = [
    event(
        "armenia",
        "ASSAULT",
        "azerbaijan",
        "2020-10-01",
        text="In October 2020 Armenia shelled Azerbaijani towns.",
        trace=_trace("shell/VERB", "shelled"),
    ),
    event(
        "azerbaijan",
        "ASSAULT",
        "armenia",
        "2022-09-13",
        text="On 13 September 2022 Azerbaijan struck Armenian border posts.",
        trace=_trace("strike/VERB", "struck"),
    ),
    event(
        "azerbaijan",
        "CONSULT",
        "armenia",
        "2024-05-10",
        reciprocal=True,
        text="On 10 May 2024 Azerbaijan agreed to resume negotiations with Armenia.",
        trace=_trace("negotiation/NOUN", "negotiations"),
    ),
    event(
        "azerbaijan",
        "RETREAT",
        "armenia",
        "2024-05-20",
        reciprocal=True,
        text="On 20 May 2024 Azerbaijan and Armenia agreed to a prisoner exchange.",
        trace=_trace("prisoner/NOUN", "prisoner"),
    ),
    event(
        "azerbaijan",
        "AGREE",
        "armenia",
        "2024-05-20",
        reciprocal=True,
        text="On 20 May 2024 Azerbaijan and Armenia agreed to a prisoner exchange.",
        trace=_trace("agree/VERB", "agreed"),
    ),
]


def _same_sentence(path: Path) -> None:
    """The agreement and the exchange it embeds told by one sentence, as the extractor
    stores them (the builders give each event its own sentence)."""
    import duckdb

    con = duckdb.connect(str(path))
    try:
        con.execute(
            "UPDATE events SET sentence_idx = sentence_idx - 1 WHERE type = 'AGREE' "
            "AND time_start = DATE '2024-05-20'"
        )
    finally:
        con.close()


@pytest.fixture()
def war_then_talks(tmp_path: Path) -> Path:
    path = write_store(tmp_path / "kinds.duckdb", WAR_THEN_TALKS)
    _same_sentence(path)
    return path


def test_talks_and_exchanges_between_belligerents_do_not_make_them_friends(
    tmp_path: Path, war_then_talks: Path, extraction: Extraction
) -> None:
    enemies = check(tmp_path, WAR_THEN_TALKS, extraction, "Azerbaijan and Armenia are enemies")
    assert enemies["verdict"] == "supported"
    light = enemies["reported"]["contradicting"]  # weighed, never deciding
    assert {e["type"] for e in light} == {"CONSULT", "RETREAT", "AGREE"}
    assert all("manages a conflict" in e["why"] and not e["changes_state"] for e in light)
    allies = check(tmp_path, WAR_THEN_TALKS, extraction, "Azerbaijan and Armenia are allies")
    assert allies["verdict"] == "contradicted"
    # "resume negotiations" is no change of state: at a date the fighting still holds
    at = check(
        tmp_path,
        WAR_THEN_TALKS,
        extraction,
        "Azerbaijan and Armenia are enemies",
        at=dt.date(2024, 12, 31),
    )
    assert at["verdict"] == "supported"


def test_talks_between_partners_still_count(tmp_path: Path, extraction: Extraction) -> None:
    specs = [
        event(
            "ghana",
            "CONSULT",
            "togo",
            "2019-06-01",
            reciprocal=True,
            text="In June 2019 Ghana and Togo held talks on trade.",
            trace=_trace("talk/NOUN", "talks"),
        )
    ]
    answer = check(tmp_path, specs, extraction, "Ghana and Togo are allies")
    assert answer["verdict"] == "supported"
    assert "manages" not in answer["supporting"][0]["why"]


# -- a threat is made when it is told ---------------------------------------------------------


def _threat(modality: str, cue: str) -> Spec:
    return event(
        "serbia",
        "THREATEN",
        "kosovo",
        "2023-09-25",
        modality=modality,
        text=f"In September 2023 Serbia {cue} to close the border with Kosovo.",
        trace=_trace("close/VERB", "close", cue),
    )


def test_a_threat_of_a_future_act_supports_a_threat_claim(
    tmp_path: Path, extraction: Extraction
) -> None:
    answer = check(
        tmp_path, [_threat("future", "threatened")], extraction, "Serbia threatened Kosovo"
    )
    assert answer["verdict"] == "supported"
    [made] = answer["supporting"]
    assert made["modality"] == "future" and "made when told" in made["why"]


def test_a_negated_threat_contradicts_it(tmp_path: Path, extraction: Extraction) -> None:
    answer = check(
        tmp_path, [_threat("negated", "did not threaten")], extraction, "Serbia threatened Kosovo"
    )
    assert answer["verdict"] == "contradicted"


def test_an_agreement_is_made_when_the_agreeing_verb_looks_ahead(
    tmp_path: Path, extraction: Extraction
) -> None:
    def agreement(cue: str, day: str) -> Spec:
        return event(
            "kenya",
            "AGREE",
            "uganda",
            day,
            modality="future",
            reciprocal=True,
            text=f"On {day} Kenya and Uganda {cue} extend their pipeline.",
            trace=_trace("extend/VERB", "extend", cue),
        )

    made = check(
        tmp_path, [agreement("agreed", "2022-02-02")], extraction, "Kenya and Uganda are allies"
    )
    assert made["verdict"] == "supported"
    only_will = check(
        tmp_path / "w", [agreement("will", "2022-02-02")], extraction, "Kenya and Uganda are allies"
    )
    assert only_will["verdict"] == "not_enough_evidence"


# -- a person reads as the actor they act for ---------------------------------------------------

RIVALS = [
    event(
        "colombia",
        "SUPPORT",
        "venezuela",
        "2019-01-24",
        text="On 24 January 2019 Colombia backed Juan Guaidó as interim president.",
        trace=_trace("back/VERB", "backed", target="Juan Guaidó"),
    ),
    event(
        "colombia",
        "SUPPORT",
        "venezuela",
        "2019-01-25",
        modality="negated",
        text="On 25 January 2019 Colombia said it did not recognise the Maduro government.",
        trace=_trace("recognise/VERB", "recognise", "not", target="the Maduro government"),
    ),
]


def test_a_surname_in_a_claim_reads_as_the_person_in_office(extraction: Extraction) -> None:
    parsed = read_claim("Colombia recognises Maduro", extraction, on=dt.date(2019, 6, 30))
    assert parsed.target.id == "venezuela"
    [person] = parsed.persons
    assert (person.side, person.person.id) == ("target", "nicolas-maduro")
    assert "Maduro" in parsed.target.name  # the one-line reading says who was meant


def test_a_claim_about_a_person_leaves_out_what_names_their_rival(
    tmp_path: Path, extraction: Extraction
) -> None:
    at = dt.date(2019, 6, 30)
    guaido = check(tmp_path, RIVALS, extraction, "Colombia recognises Guaidó", at=at)
    assert guaido["verdict"] == "supported"
    assert [e["text"] for e in guaido["contradicting"]] == []
    assert "read as Venezuela" in guaido["explanation"]
    maduro = check(tmp_path, RIVALS, extraction, "Colombia recognises Maduro", at=at)
    assert maduro["verdict"] == "contradicted"
    assert [e["text"] for e in maduro["supporting"]] == []
    # the state itself, named as a state, takes all of it
    state = check(tmp_path, RIVALS, extraction, "Colombia supports Venezuela", at=at)
    assert len(state["supporting"]) + len(state["contradicting"]) == 2
