"""Questions an analyst asks of the store, each answered with the evidence behind it.

A stage after the store: it only reads (open the store read-only), aggregates in DuckDB and
returns typed results whose ``as_json()`` is the stable JSON of the command line and views.

- :func:`dyad_history` — two actors over time: counts, net score, sign, change points.
- :func:`relations` — the signed, decayed graph of actor pairs at a date or in a window.
- :func:`balance` — structural balance of that graph: triads, frustration, blocs, inferences.
- :func:`check_claim` — a claim read by the extractor, weighed against the evidence by period.

Every figure is built from one per-event weight (:mod:`detente.analysis.scoring`) whose
numbers are in the ``[analysis]`` section of the configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from detente.analysis.balance import Balance, balance
from detente.analysis.dyad import DyadHistory, DyadPeriod, dyad_history
from detente.analysis.evidence import ActorRef, Evidence
from detente.analysis.graph import Edge, Relations, relations
from detente.analysis.scoring import Scoring
from detente.analysis.window import TimeWindow

if TYPE_CHECKING:
    from detente.analysis.claims import ClaimCheck, check_claim

__all__ = [
    "ActorRef",
    "Balance",
    "ClaimCheck",
    "DyadHistory",
    "DyadPeriod",
    "Edge",
    "Evidence",
    "Relations",
    "Scoring",
    "TimeWindow",
    "balance",
    "check_claim",
    "dyad_history",
    "relations",
]


def __getattr__(name: str) -> Any:
    """The claim checker, imported on first use: it brings the knowledge base and the
    sentence splitter, which the other questions (and their commands' start-up) do without."""
    if name in ("ClaimCheck", "check_claim"):
        from detente.analysis import claims

        return getattr(claims, name)
    raise AttributeError(f"module 'detente.analysis' has no attribute {name!r}")
