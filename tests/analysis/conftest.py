"""Analysis settings with the numbers the hand-computed tests use, whatever the defaults."""

from __future__ import annotations

import dataclasses

import pytest

from detente.config import AnalysisSettings, load_settings


@pytest.fixture
def settings() -> AnalysisSettings:
    return dataclasses.replace(
        load_settings().analysis,
        modality_weights={"asserted": 1.0, "reported": 0.5, "future": 0.5, "negated": -0.25},
        hedged_weight=0.5,
        relation_intensity=3.0,
        neutral_band=0.5,
        changepoint_min_periods=8,
        changepoint_penalty=2.0,
        evidence_per_period=5,
        evidence_per_edge=3,
        half_life_days=730.0,
        exact_frustration_max_nodes=16,
    )
