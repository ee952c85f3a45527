"""How much one event says about a relationship: its signed contribution.

Every analysis (dyad histories, relations at a date, structural balance) weighs events with
the same formula, so the figures agree with one another:

    contribution = s × m × h

- ``s``, the signed intensity: the event's −10…+10 intensity (Goldstein-style, already
  negative for conflict), or for a relation-state statement (type ``RELATION``, no intensity
  of its own) its polarity × ``relation_intensity``.
- ``m``, the modality weight: what the text asserts counts fully; what it reports someone
  saying, or says will happen, counts less; a *negated* event is not counted as its type but
  as weak evidence of the opposite ("has not recognised" weighs against recognition), which
  the negative weight expresses.
- ``h``, the hedging weight: "may", "reportedly", a conditional lower it again.

The numbers live in the ``[analysis]`` section of the configuration, not here, and are
computed in DuckDB (the formula is SQL) so a million events never travel into Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente.config import AnalysisSettings

__all__ = ["Scoring"]


@dataclass(frozen=True, slots=True)
class Scoring:
    """The contribution formula's numbers, and the SQL that applies them."""

    modality_weights: dict[str, float]
    hedged_weight: float
    relation_intensity: float

    @classmethod
    def from_settings(cls, settings: AnalysisSettings) -> Scoring:
        return cls(
            modality_weights=dict(settings.modality_weights),
            hedged_weight=settings.hedged_weight,
            relation_intensity=settings.relation_intensity,
        )

    def weight(self, modality: str, hedged: bool) -> float:
        """``m × h`` for one event (an unknown modality weighs as an asserted one)."""
        m = self.modality_weights.get(modality, self.modality_weights.get("asserted", 1.0))
        return m * (self.hedged_weight if hedged else 1.0)

    def contribution(
        self, *, type_: str, intensity: float | None, polarity: int, modality: str, hedged: bool
    ) -> float:
        """The formula in Python, for one event (the analyses use :meth:`sql`)."""
        signed = polarity * self.relation_intensity if type_ == "RELATION" else intensity or 0.0
        return signed * self.weight(modality, hedged)

    def sql(self, alias: str = "e") -> tuple[str, dict[str, Any]]:
        """A SQL expression for the contribution of a row of ``events`` named ``alias``,
        with its named parameters."""
        params: dict[str, Any] = {
            "relation_intensity": self.relation_intensity,
            "hedged_weight": self.hedged_weight,
            "default_weight": self.modality_weights.get("asserted", 1.0),
        }
        cases = []
        for number, (modality, value) in enumerate(sorted(self.modality_weights.items())):
            params[f"modality_{number}"] = modality
            params[f"modality_weight_{number}"] = value
            cases.append(f"WHEN $modality_{number} THEN $modality_weight_{number}")
        expression = (
            f"(CASE WHEN {alias}.type = 'RELATION' "
            f"THEN {alias}.polarity * $relation_intensity "
            f"ELSE coalesce({alias}.intensity, 0.0) END)"
            f" * (CASE {alias}.modality {' '.join(cases)} ELSE $default_weight END)"
            f" * (CASE WHEN {alias}.hedged THEN $hedged_weight ELSE 1.0 END)"
        )
        return expression, params

    def as_json(self) -> dict[str, Any]:
        return {
            "formula": "signed intensity × modality weight × hedged weight",
            "modality_weights": dict(self.modality_weights),
            "hedged_weight": self.hedged_weight,
            "relation_intensity": self.relation_intensity,
        }
