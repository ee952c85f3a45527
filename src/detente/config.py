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
class Settings:
    store_path: str
    batch_size: int
    max_document_bytes: int
    fetch: FetchSettings
    spacy_model: str
    actor_files: tuple[str, ...]
    propose_unknown_actors: bool
    workers: int


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
    )
