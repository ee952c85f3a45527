"""detente: evidence-backed, time-aware graphs of political actors from geopolitical news.

The public entry points are re-exported here and imported on first use, so that
``import detente`` (and every command's start-up) stays cheap; everything else is an
implementation detail that may move between releases.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.model import DateOrigin, Document, Event, Mention, Sentence
    from detente.pipeline import IngestReport, extract, ingest, run
    from detente.store import Store

try:
    __version__ = version("detente")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

_EXPORTS = {
    "DateOrigin": "detente.model",
    "Document": "detente.model",
    "Event": "detente.model",
    "Mention": "detente.model",
    "Sentence": "detente.model",
    "IngestReport": "detente.pipeline",
    "extract": "detente.pipeline",
    "ingest": "detente.pipeline",
    "run": "detente.pipeline",
    "Store": "detente.store",
}

__all__ = [
    "DateOrigin",
    "Document",
    "Event",
    "IngestReport",
    "Mention",
    "Sentence",
    "Store",
    "__version__",
    "extract",
    "ingest",
    "run",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    return getattr(import_module(module), name)
