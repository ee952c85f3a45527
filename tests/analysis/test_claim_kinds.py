"""Event claims and state claims, judged differently, on stores of hand-made events.

Event claims ("Azerbaijan attacked Armenia") hold when the act is in the evidence and are
contradicted only by its denial; state claims ("Iran supports Hamas") hold period by period,
and at a date the latest evidence up to then decides. The sentences are written for these
tests; the claims are read by the real extractor.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from detente.analysis.claims import check_claim, claim_rules, read_claim
from detente.config import load_settings
from detente.errors import ClaimNotUnderstood
from detente.pipeline import Extraction
from detente.store import Store
from tests.analysis.builders import Spec, event, write_store


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extraction(load_settings())


def _trace(trigger: str, cue: str | None = None) -> str:
    return json.dumps({"trigger": trigger, "modality_cue": cue})


def check(
    tmp_path: Path, specs: list[Spec], extraction: Extraction, claim: str, **window: Any
) -> dict[str, Any]:
    path = tmp_path / "claims.duckdb"
    if not path.exists():
        write_store(path, specs)
    with Store.open(path, read_only=True) as store:
        return check_claim(store, claim, extraction=extraction, **window).as_json()


ATTACK_THEN_PEACE = [
    event(
        "azerbaijan",
        "ASSAULT",
        "armenia",
        "2020-09-27",
        text="On 27 September 2020 Azerbaijan attacked Armenia.",
        trace=_trace("attacked"),
    ),
    event(
        "azerbaijan",
        "RELATION",
        "armenia",
        "2024-01-01",
        "2024-12-31",
        polarity=1,
        reciprocal=True,
        text="In 2024 relations between Azerbaijan and Armenia warmed.",
    ),
    event(
        "azerbaijan",
        "COOPERATE",
        "armenia",
        "2025-08-08",
        reciprocal=True,
        text="On 8 August 2025 Azerbaijan and Armenia agreed to cooperate.",
    ),
]


def test_an_event_claim_is_supported_by_the_act(tmp_path: Path, extraction: Extraction) -> None:
    answer = check(tmp_path, ATTACK_THEN_PEACE, extraction, "Azerbaijan attacked Armenia")
    assert answer["parsed"]["kind"] == "event" and answer["kind"] == "event"
    assert answer["verdict"] == "supported"
    assert [e["text"] for e in answer["supporting"]] == [ATTACK_THEN_PEACE[0].text]


def test_a_later_reconciliation_never_contradicts_a_past_attack(
    tmp_path: Path, extraction: Extraction
) -> None:
    answer = check(tmp_path, ATTACK_THEN_PEACE, extraction, "Azerbaijan attacked Armenia")
    assert answer["contradicting"] == []
    assert {p["verdict"] for p in answer["periods"]} == {"supported"}
    # ... while the state claim of hostility is judged by period, and is over by 2025
    state = check(tmp_path, ATTACK_THEN_PEACE, extraction, "Azerbaijan and Armenia are enemies")
    assert state["kind"] == "state" and state["verdict"] == "mixed"
    at = check(
        tmp_path,
        ATTACK_THEN_PEACE,
        extraction,
        "Azerbaijan and Armenia are enemies",
        at=dt.date(2025, 9, 1),
    )
    assert at["verdict"] == "contradicted"


def test_an_event_claim_in_a_window_needs_the_act_in_it(
    tmp_path: Path, extraction: Extraction
) -> None:
    answer = check(
        tmp_path,
        ATTACK_THEN_PEACE,
        extraction,
        "Azerbaijan attacked Armenia",
        since=dt.date(2023, 1, 1),
    )
    assert answer["verdict"] == "not_enough_evidence"


def test_an_event_claim_is_contradicted_by_a_denial(tmp_path: Path, extraction: Extraction) -> None:
    specs = [
        event(
            "india",
            "SANCTION",
            "china",
            "2021-03-01",
            modality="negated",
            text="In March 2021 India did not sanction China.",
            trace=_trace("sanction", "not"),
        ),
        event(
            "india",
            "ASSAULT",
            "china",
            "2021-06-01",
            text="In June 2021 India attacked China.",
        ),
    ]
    answer = check(tmp_path, specs, extraction, "India sanctioned China")
    assert answer["kind"] == "event"
    assert answer["verdict"] == "contradicted"
    [denial] = answer["contradicting"]
    assert denial["modality"] == "negated"  # the attack, another act, is left out


IRAN_AND_HAMAS = [
    event(
        "iran",
        "SUPPORT",
        "hamas",
        "2010-01-01",
        "2010-12-31",
        text="In 2010 Iran supported Hamas.",
        trace=_trace("supported"),
    ),
    event(
        "iran",
        "SUPPORT",
        "hamas",
        "2020-05-01",
        modality="negated",
        text="Since May 2020 Iran no longer supports Hamas.",
        trace=_trace("supports", "no longer"),
    ),
]


def test_a_state_claim_at_a_date_takes_the_latest_evidence_by_then(
    tmp_path: Path, extraction: Extraction
) -> None:
    overall = check(tmp_path, IRAN_AND_HAMAS, extraction, "Iran supports Hamas")
    assert overall["kind"] == "state" and overall["verdict"] == "mixed"
    assert [(p["period"], p["verdict"]) for p in overall["periods"]] == [
        ("2010", "supported"),
        ("2020", "contradicted"),
    ]
    then = check(
        tmp_path, IRAN_AND_HAMAS, extraction, "Iran supports Hamas", at=dt.date(2015, 1, 1)
    )
    assert then["verdict"] == "supported"
    assert [p["period"] for p in then["periods"]] == ["2010"]
    now = check(tmp_path, IRAN_AND_HAMAS, extraction, "Iran supports Hamas", at=dt.date(2022, 1, 1))
    assert now["verdict"] == "contradicted"
    assert len(now["periods"]) == 2  # the periods are still listed


def test_no_longer_ends_the_state_from_that_point(tmp_path: Path, extraction: Extraction) -> None:
    claim = "Iran no longer supports Hamas"
    answer = check(tmp_path, IRAN_AND_HAMAS, extraction, claim)
    assert answer["parsed"]["negated"] and answer["parsed"]["negation_cue"] == "no longer"
    assert answer["verdict"] == "supported"
    [change] = answer["supporting"]
    assert change["changes_state"] and "no longer" in change["text"]
    assert answer["contradicting"][0]["text"] == IRAN_AND_HAMAS[0].text


def test_a_change_sets_aside_earlier_evidence_of_the_same_year(
    tmp_path: Path, extraction: Extraction
) -> None:
    specs = [
        event(
            "qatar", "SUPPORT", "hamas", "2023-02-01", text="In February 2023 Qatar aided Hamas."
        ),
        event("qatar", "SUPPORT", "hamas", "2023-03-01", text="In March 2023 Qatar aided Hamas."),
        event(
            "qatar",
            "SUPPORT",
            "hamas",
            "2023-10-01",
            text="In October 2023 Qatar ceased supporting Hamas.",
            trace=_trace("supporting"),  # read as asserted: the analysis sees "ceased"
        ),
    ]
    answer = check(tmp_path, specs, extraction, "Qatar supports Hamas", at=dt.date(2023, 12, 1))
    assert answer["verdict"] == "contradicted"
    ceased = [e for e in answer["contradicting"] if "ceased" in e["text"]]
    assert ceased and ceased[0]["changes_state"]


def test_severed_and_restored_relations_change_the_state(
    tmp_path: Path, extraction: Extraction
) -> None:
    specs = [
        event(
            "saudi-arabia",
            "SANCTION",
            "iran",
            "2016-01-03",
            text="On 3 January 2016 Saudi Arabia severed ties with Iran.",
            trace=_trace("severed"),
        ),
        event(
            "saudi-arabia",
            "SUPPORT",
            "iran",
            "2023-03-10",
            reciprocal=True,
            text="On 10 March 2023 Saudi Arabia and Iran restored ties.",
            trace=_trace("restored"),
        ),
    ]
    claim = "Iran and Saudi Arabia have diplomatic relations"
    parsed = check(tmp_path, specs, extraction, claim)["parsed"]
    assert parsed["type"] == "RELATION" and parsed["reading"] == "phrasing: diplomatic relations"
    before = check(tmp_path, specs, extraction, claim, at=dt.date(2020, 1, 1))
    after = check(tmp_path, specs, extraction, claim, at=dt.date(2024, 1, 1))
    assert (before["verdict"], after["verdict"]) == ("contradicted", "supported")


def test_never_and_has_not_contradict_the_state(tmp_path: Path, extraction: Extraction) -> None:
    specs = [
        event(
            "bahrain",
            "SUPPORT",
            "hamas",
            "2024-02-01",
            modality="negated",
            text="In 2024 Bahrain has not recognised Hamas.",
            trace=_trace("recognised", "not"),
        ),
        event(
            "bahrain",
            "SUPPORT",
            "yemen",
            "1995-01-01",
            text="In 1995 Bahrain recognised Yemen.",
            trace=_trace("recognised"),
        ),
    ]
    assert check(tmp_path, specs, extraction, "Bahrain recognises Hamas")["verdict"] == (
        "contradicted"
    )
    never = check(tmp_path, specs, extraction, "Bahrain has never recognised Hamas")
    assert never["parsed"]["negated"] and never["verdict"] == "supported"
    # "never" is false as soon as one period held it
    assert check(tmp_path, specs, extraction, "Bahrain has never recognised Yemen")["verdict"] == (
        "contradicted"
    )


def test_the_kind_of_claim_follows_its_phrasing(extraction: Extraction) -> None:
    kinds = {
        "Egypt attacked Israel": "event",
        "Egypt accused Israel of attacking its ships": "event",
        "Egypt sanctioned Israel": "event",
        "Egypt supports Hamas": "state",
        "Egypt and Israel are allies": "state",
        "Egypt has not recognised Hamas": "state",
        "Egypt and Israel are at war": "state",
        "Egypt is at peace with Israel": "state",
    }
    assert {claim: read_claim(claim, extraction).kind for claim in kinds} == kinds
    assert read_claim("Egypt and Israel are not at war", extraction).sign == 1


def test_an_unreadable_claim_says_what_was_understood(extraction: Extraction) -> None:
    with pytest.raises(ClaimNotUnderstood, match="actors: Egypt, Israel") as raised:
        read_claim("Egypt and Israel, a question of history", extraction)
    assert "\n" not in str(raised.value)


def test_change_words_are_read_from_the_data_file() -> None:
    rules = claim_rules()
    ceased, ended = "Oman ceased all its supporting", "Oman ended the war, supporting"
    assert rules.change_before(ceased, ceased.index("supporting")) == "ceased"
    assert rules.change_before(ended, ended.index("supporting")) is None
    assert rules.negation_kind("no longer") == "change"
    assert rules.negation_kind("never") == "never"


def test_an_event_reported_by_two_documents_is_weighed_once(
    tmp_path: Path, extraction: Extraction
) -> None:
    db = tmp_path / "twice.duckdb"
    shelling = dict(intensity=-9.0, text="Azerbaijani forces shelled Armenian positions.")
    write_store(db, [event("azerbaijan", "ASSAULT", "armenia", "2023-09-19", **shelling)])
    write_store(db, [event("azerbaijan", "ASSAULT", "armenia", "2023-09-19", **shelling)])
    with Store.open(db, read_only=True) as store:
        result = check_claim(store, "Azerbaijan attacked Armenia", extraction=extraction)
    assert result.verdict == "supported"
    assert len(result.evidence) == 1  # one event, two reports
