"""Settings: packaged defaults, overridden by the user, never edited in code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout_seconds: float
    max_bytes: int
    user_agent: str
    max_feed_entries: int


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """The reference numbers of ``detente.analysis`` (documented in the README, "Analysis")."""

    modality_weights: dict[str, float]
    hedged_weight: float
    relation_intensity: float
    neutral_band: float
    changepoint_min_periods: int
    changepoint_penalty: float
    evidence_per_period: int
    evidence_per_edge: int
    half_life_days: float
    max_edges: int
    top_actors: int
    max_triads: int
    max_frustrated_edges: int
    max_inferences: int
    paths_per_inference: int
    exact_frustration_max_nodes: int
    same_event_modality_classes: dict[str, str]
    same_event_tolerance_days: int
    background_after_days: int
    period_min_background_reports: int
    inference_min_events: int


@dataclass(frozen=True, slots=True)
class Settings:
    store_path: str
    batch_size: int
    max_document_bytes: int
    fetch: FetchSettings
    spacy_model: str
    actor_files: tuple[str, ...]
    propose_unknown_actors: bool
    workers: int
    analysis: AnalysisSettings


@cache
def _packaged_defaults() -> dict[str, Any]:
    text = files("detente").joinpath("default_config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults with dotted-key overrides applied (``{"fetch.timeout_seconds": 5}``)."""
    raw = {section: dict(values) for section, values in _packaged_defaults().items()}
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.partition(".")
        if section not in raw or key not in raw[section]:
            raise KeyError(f"unknown setting {dotted!r}")
        raw[section][key] = value
    return Settings(
        store_path=raw["store"]["path"],
        batch_size=int(raw["store"]["batch_size"]),
        max_document_bytes=int(raw["ingest"]["max_document_bytes"]),
        fetch=FetchSettings(**raw["fetch"]),
        spacy_model=raw["nlp"]["spacy_model"],
        actor_files=tuple(raw["actors"]["extra_files"]),
        propose_unknown_actors=bool(raw["actors"]["propose_unknown"]),
        workers=max(1, int(raw["pipeline"]["workers"])),
        analysis=_analysis_settings(raw["analysis"]),
    )


def _analysis_settings(raw: dict[str, Any]) -> AnalysisSettings:
    weights = {str(k): float(v) for k, v in dict(raw["modality_weights"]).items()}
    return AnalysisSettings(
        modality_weights=weights,
        hedged_weight=float(raw["hedged_weight"]),
        relation_intensity=float(raw["relation_intensity"]),
        neutral_band=float(raw["neutral_band"]),
        changepoint_min_periods=int(raw["changepoint_min_periods"]),
        changepoint_penalty=float(raw["changepoint_penalty"]),
        evidence_per_period=int(raw["evidence_per_period"]),
        evidence_per_edge=int(raw["evidence_per_edge"]),
        half_life_days=float(raw["half_life_days"]),
        max_edges=int(raw["max_edges"]),
        top_actors=int(raw["top_actors"]),
        max_triads=int(raw["max_triads"]),
        max_frustrated_edges=int(raw["max_frustrated_edges"]),
        max_inferences=int(raw["max_inferences"]),
        paths_per_inference=int(raw["paths_per_inference"]),
        exact_frustration_max_nodes=int(raw["exact_frustration_max_nodes"]),
        same_event_modality_classes={
            str(k): str(v) for k, v in dict(raw["same_event_modality_classes"]).items()
        },
        same_event_tolerance_days=int(raw["same_event_tolerance_days"]),
        background_after_days=int(raw["background_after_days"]),
        period_min_background_reports=int(raw["period_min_background_reports"]),
        inference_min_events=int(raw["inference_min_events"]),
    )
