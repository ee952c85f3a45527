"""detente: evidence-backed, time-aware graphs of political actors from geopolitical news.

The public entry points are re-exported here; everything else is an implementation detail
that may move between releases.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from detente.model import DateOrigin, Document, Sentence
from detente.pipeline import IngestReport, ingest, run
from detente.store import Store

try:
    __version__ = version("detente")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "DateOrigin",
    "Document",
    "IngestReport",
    "Sentence",
    "Store",
    "__version__",
    "ingest",
    "run",
]
