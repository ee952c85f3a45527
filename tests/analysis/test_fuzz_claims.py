"""The claim reader fuzzed with Hypothesis: any string gets an answer or one coded line.

``check_claim`` with the light reader ``detente check`` uses (loaded once) on a small store
written through the store's own writer: whatever the string (empty, control characters,
brackets, scripts, a thousand words), it returns a check whose JSON can be printed, or
raises a DetenteError whose message is one line with one code; never anything else. The
real command is run on a few of the worst strings for its exit status and single line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.analysis.claims import check_claim
from detente.config import load_settings
from detente.errors import DetenteError
from detente.pipeline import ClaimReader, load_claim_reader
from detente.store import Store
from detente.terminal import visible
from tests.analysis.builders import event, write_store
from tests.support import run_cli

SETTINGS = load_settings()
CODE = re.compile(r"\[E\d{3}\]")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(
        tmp_path_factory.mktemp("claims") / "store.duckdb",
        [
            event("iran", "ASSAULT", "afghanistan", "2023-05-27"),
            event("iran", "CONSULT", "tajikistan", "2025-01-16"),
        ],
    )


@pytest.fixture(scope="module")
def reader() -> ClaimReader:
    return load_claim_reader(SETTINGS)


shapes = st.sampled_from(
    [
        "{a} attacked {b}",
        "{a} and {b} are allies",
        "{a} supports {b}",
        "{a} {b}",
        "did {a} ever threaten {b}?",
        "{a}",
    ]
)
names = st.sampled_from(["Iran", "Tajikistan", "the Taliban", "Atlantis", "", "[/]", "\x1b[2J"])
claims = st.one_of(
    st.text(max_size=200),
    st.builds(lambda s, a, b: s.format(a=a, b=b), shapes, names | st.text(max_size=20), names),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(claim=claims)
def test_any_claim_is_answered_or_refused_in_one_line(
    db: Path, reader: ClaimReader, claim: str
) -> None:
    with Store.open(db, read_only=True) as store:
        try:
            answer = check_claim(store, claim, extraction=reader, settings=SETTINGS)
        except DetenteError as error:
            line = visible(str(error), one_line=True)
            assert len(CODE.findall(line)) == 1, line
            return
    json.dumps(answer.as_json(), default=str)
    assert answer.as_json()["verdict"] in {
        "supported",
        "contradicted",
        "mixed",
        "not_enough_evidence",
    }


@pytest.mark.parametrize("claim", ["", "\x1b]52;c;aGk=\x07 Iran [bold]supports", "word " * 2000])
def test_the_command_answers_a_hostile_claim_in_one_line(db: Path, claim: str) -> None:
    result = run_cli("--db", db, "check", claim)
    assert "Traceback" not in result.stderr
    if result.returncode:
        assert result.returncode in (1, 2)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "\x1b" not in result.stdout + result.stderr
