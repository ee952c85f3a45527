"""Settings: packaged defaults, overridden by the user, never edited in code.

The defaults are ``default_config.toml`` inside the package. A user changes any of them
without touching the installed package, in a TOML file of the same sections and keys:
``$DETENTE_CONFIG`` when set, else ``$XDG_CONFIG_HOME/detente/config.toml`` (by default
``~/.config/detente/config.toml``) when it exists. A file that cannot be read, is not TOML,
names a key detente does not have or gives a value of the wrong kind is refused in one line
(:class:`~detente.errors.ConfigFileError`), never half applied.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from detente.errors import ConfigFileError

#: The variable naming the user's configuration file (else the XDG location is used).
CONFIG_ENV = "DETENTE_CONFIG"


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
    busy_wait_seconds: float
    cluster_connect_timeout: float = 10.0
    cluster_workers_timeout: float = 30.0


@cache
def _packaged_defaults() -> dict[str, Any]:
    text = files("detente").joinpath("default_config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def modality_names() -> tuple[str, ...]:
    """Every modality an event can have: those the analysis gives a weight to
    (``[analysis] modality_weights`` of the packaged defaults), so the list is kept once, in
    the data, and a user's configuration can reweigh modalities but not invent one."""
    return tuple(_packaged_defaults()["analysis"]["modality_weights"])


def user_config_path() -> Path | None:
    """The user's configuration file: ``$DETENTE_CONFIG`` (which must then exist), else
    ``$XDG_CONFIG_HOME/detente/config.toml`` if there is one, else None."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named).expanduser()
    home = os.environ.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    path = Path(home) / "detente" / "config.toml"
    return path if path.is_file() else None


def read_user_config(path: Path) -> dict[str, dict[str, Any]]:
    """The settings a user file sets, checked against the packaged defaults: each section
    and key must exist there and each value be of the default's kind (a number for a
    number, a table of the same keys for a table), so a typo cannot pass for a setting."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigFileError(f"{path}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"{path}: cannot read the configuration file: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: not TOML: {exc}") from None
    defaults = _packaged_defaults()
    checked: dict[str, dict[str, Any]] = {}
    for section, values in raw.items():
        if section not in defaults or not isinstance(values, dict):
            raise ConfigFileError(
                f"{path}: unknown section [{section}]; known: {', '.join(defaults)}"
            )
        for key, value in values.items():
            if key not in defaults[section]:
                known = ", ".join(defaults[section])
                raise ConfigFileError(
                    f"{path}: unknown setting {section}.{key}; [{section}] has: {known}"
                )
            problem = _kind_problem(value, defaults[section][key])
            if problem:
                raise ConfigFileError(f"{path}: {section}.{key} {problem}, not {value!r}")
        checked[section] = dict(values)
    return checked


def _kind_problem(value: Any, default: Any) -> str | None:
    """What is wrong with ``value`` as a replacement for ``default``, or None."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(default, int | float):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if isinstance(default, int) and not isinstance(value, int):
            number = False
        if not number or not math.isfinite(value) or value < 0:
            kind = "a whole number" if isinstance(default, int) else "a number"
            return f"must be {kind}, 0 or more"
        return None
    if isinstance(default, str):
        return None if isinstance(value, str) else "must be a string"
    if isinstance(default, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "must be a list of strings"
    if isinstance(default, dict):
        if not isinstance(value, dict) or not set(value) <= set(default):
            return f"must be a table of {', '.join(default)}"
        for key, item in value.items():
            sample = default[key]
            if isinstance(sample, int | float) and not isinstance(sample, bool):
                if not isinstance(item, int | float) or isinstance(item, bool):
                    return f"must give a number for {key}"
            elif not isinstance(item, type(sample)):
                return f"must give a {type(sample).__name__} for {key}"
        return None
    return None


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults, then the user's configuration file (:func:`user_config_path`), then
    dotted-key overrides (``{"fetch.timeout_seconds": 5}``)."""
    raw = {section: dict(values) for section, values in _packaged_defaults().items()}
    user = user_config_path()
    for section, values in (read_user_config(user) if user else {}).items():
        for key, value in values.items():
            default = raw[section][key]
            raw[section][key] = {**default, **value} if isinstance(default, dict) else value
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
        busy_wait_seconds=max(0.0, float(raw["store"]["busy_wait_seconds"])),
        cluster_connect_timeout=float(raw["cluster"]["connect_timeout_seconds"]),
        cluster_workers_timeout=float(raw["cluster"]["workers_timeout_seconds"]),
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
