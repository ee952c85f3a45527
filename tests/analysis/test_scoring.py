"""The per-event contribution: signed intensity × modality weight × hedged weight."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.analysis.scoring import Scoring
from detente.config import AnalysisSettings
from detente.store import Store
from tests.analysis.builders import event, write_store


@pytest.mark.parametrize(
    ("type_", "intensity", "polarity", "modality", "hedged", "expected"),
    [
        ("ASSAULT", -9.3, -1, "asserted", False, -9.3),
        ("ACCUSE", -2.0, -1, "reported", False, -1.0),
        ("ACCUSE", -2.0, -1, "reported", True, -0.5),
        ("AGREE", 4.0, 1, "future", False, 2.0),
        # a negated positive act is weak evidence against it, not evidence for it
        ("SUPPORT", 4.6, 1, "negated", False, -1.15),
        # a negated hostile act ("did not oppose") is weak evidence of the opposite
        ("REJECT", -4.0, -1, "negated", False, 1.0),
        # relation-state statements: polarity × relation_intensity, whatever is stored
        ("RELATION", 0.0, -1, "asserted", False, -3.0),
        ("RELATION", 99.0, 1, "reported", False, 1.5),
        ("RELATION", 0.0, 0, "asserted", False, 0.0),
    ],
)
def test_contribution_by_hand(
    settings: AnalysisSettings,
    type_: str,
    intensity: float,
    polarity: int,
    modality: str,
    hedged: bool,
    expected: float,
) -> None:
    scoring = Scoring.from_settings(settings)
    got = scoring.contribution(
        type_=type_, intensity=intensity, polarity=polarity, modality=modality, hedged=hedged
    )
    assert got == pytest.approx(expected)


def test_sql_and_python_agree(tmp_path: Path, settings: AnalysisSettings) -> None:
    specs = [
        event("kazakhstan", "ASSAULT", "kyrgyzstan", "2020-01-01", intensity=-9.3),
        event(
            "kazakhstan",
            "ACCUSE",
            "kyrgyzstan",
            "2020-01-01",
            intensity=-2.0,
            modality="reported",
            hedged=True,
        ),
        event(
            "kazakhstan", "SUPPORT", "kyrgyzstan", "2020-01-01", intensity=4.6, modality="negated"
        ),
        event("kazakhstan", "RELATION", "kyrgyzstan", "2020-01-01", polarity=1, intensity=7.0),
        event("kazakhstan", "AGREE", "kyrgyzstan", "2020-01-01", intensity=4.2, modality="future"),
        event(
            "kazakhstan",
            "CONSULT",
            "kyrgyzstan",
            "2020-01-01",
            intensity=2.1,
            modality="something-new",
        ),
    ]
    db = write_store(tmp_path / "s.duckdb", specs)
    scoring = Scoring.from_settings(settings)
    expression, params = scoring.sql("e")
    with Store.open(db, read_only=True) as store:
        rows = store.fetch(
            f"SELECT e.type, e.intensity, e.polarity, e.modality, e.hedged, {expression} "
            "FROM events e ORDER BY e.id",
            params,
        )
    assert len(rows) == len(specs)
    for type_, intensity, polarity, modality, hedged, in_sql in rows:
        in_python = scoring.contribution(
            type_=type_, intensity=intensity, polarity=polarity, modality=modality, hedged=hedged
        )
        assert in_sql == pytest.approx(in_python)
    # an unknown modality weighs as an asserted event
    assert rows[-1][-1] == pytest.approx(2.1)
