"""Questions an analyst asks of the store, each answered with the evidence behind it.

A stage after the store: it only reads (open the store read-only), aggregates in DuckDB and
returns typed results whose ``as_json()`` is the stable JSON of the command line and views.

- :func:`dyad_history` — two actors over time: counts, net score, sign, change points.
- :func:`relations` — the signed, decayed graph of actor pairs at a date or in a window.
- :func:`structural_balance` — structural balance of that graph: triads, frustration, blocs,
  inferences.
- :func:`check_claim` — a claim read by the extractor, weighed against the evidence by period.

Every figure is built from one per-event weight (:mod:`detente.analysis.scoring`) whose
numbers are in the ``[analysis]`` section of the configuration.

Every name is imported on first use (:func:`__getattr__`): a command imports only the
modules its question needs, so ``detente check`` does without the dyad's change points and
the balance's numpy, and ``detente dyad`` without the claim reader.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.analysis.balance import Balance, structural_balance
    from detente.analysis.claims import ClaimCheck, check_claim
    from detente.analysis.dyad import DyadHistory, DyadPeriod, dyad_history
    from detente.analysis.evidence import ActorRef, Evidence
    from detente.analysis.graph import Edge, Relations, relations
    from detente.analysis.scoring import Scoring
    from detente.analysis.window import TimeWindow

# Each public name and the submodule that defines it. No name here is also a submodule's
# name: once imported, a submodule is an attribute of this package and would shadow it.
_EXPORTS = {
    "ActorRef": "evidence",
    "Balance": "balance",
    "ClaimCheck": "claims",
    "DyadHistory": "dyad",
    "DyadPeriod": "dyad",
    "Edge": "graph",
    "Evidence": "evidence",
    "Relations": "graph",
    "Scoring": "scoring",
    "TimeWindow": "window",
    "check_claim": "claims",
    "dyad_history": "dyad",
    "relations": "graph",
    "structural_balance": "balance",
}

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
    "check_claim",
    "dyad_history",
    "relations",
    "structural_balance",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its submodule on first use and kept here after."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'detente.analysis' has no attribute {name!r}")
    value = getattr(import_module(f"detente.analysis.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
