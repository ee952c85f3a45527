"""Where a relationship changes sign, and the one-line story of its signs.

A period's sign is that of its net score, neutral within ±``neutral_band`` of zero.

Change points. With at least ``changepoint_min_periods`` non-empty periods, penalised change
point detection (the PELT search with the linear kernel, i.e. a least-squares cost on the
mean, as ``ruptures.KernelCPD`` does it, in :mod:`detente.analysis.segmentation`; penalty
``changepoint_penalty`` × variance × ln n) splits the series of period scores into segments
of steady mean; a change point is a boundary where the segments' signs differ. PELT looks past a
single odd period, which a short series cannot afford: on fewer periods the plain sign-run
rule applies, and every change of sign between consecutive non-empty periods is a change.

Summary. Consecutive periods of the same sign merge into runs (a gap with no events ends a
run), each named in words ("hostile in the 1990s; cooperative 2021–2025").
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from detente.analysis.periods import span_phrase
from detente.analysis.segmentation import mean_shift_ends

__all__ = [
    "Change",
    "PeriodSign",
    "Run",
    "change_points",
    "label_of",
    "sign_of",
    "sign_runs",
    "summary",
]

Method = Literal["pelt", "sign-run"]
LABELS = {1: "cooperative", -1: "hostile", 0: "neutral"}


def sign_of(value: float, band: float) -> int:
    """+1, -1, or 0 when ``value`` is within ``band`` of zero."""
    if value > band:
        return 1
    if value < -band:
        return -1
    return 0


def label_of(sign: int) -> str:
    return LABELS[sign]


@dataclass(frozen=True, slots=True)
class PeriodSign:
    """What change detection needs of a period."""

    label: str
    start: dt.date
    end: dt.date
    net: float


@dataclass(frozen=True, slots=True)
class Change:
    """The relationship's sign differs between the period ``before`` and the period ``after``."""

    before: str
    after: str
    from_sign: int
    to_sign: int
    method: Method

    def as_json(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "from": label_of(self.from_sign),
            "to": label_of(self.to_sign),
            "from_polarity": self.from_sign,
            "to_polarity": self.to_sign,
            "method": self.method,
        }


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive periods of one sign."""

    sign: int
    start: dt.date
    end: dt.date
    periods: int

    def phrase(self) -> str:
        return f"{label_of(self.sign)} {span_phrase(self.start, self.end)}"


def change_points(
    periods: Sequence[PeriodSign], *, band: float, min_periods: int, penalty: float
) -> tuple[list[Change], Method]:
    """Sign changes of a series of non-empty periods (in time order), and how they were found."""
    if len(periods) >= max(min_periods, 4):
        return _pelt_changes(periods, band=band, penalty=penalty), "pelt"
    signs = [sign_of(p.net, band) for p in periods]
    changes = [
        Change(periods[i - 1].label, periods[i].label, signs[i - 1], signs[i], "sign-run")
        for i in range(1, len(periods))
        if signs[i] != signs[i - 1]
    ]
    return changes, "sign-run"


def _pelt_changes(periods: Sequence[PeriodSign], *, band: float, penalty: float) -> list[Change]:
    signal = [p.net for p in periods]
    n = len(periods)
    mean = _mean(signal)
    variance = _mean([(x - mean) ** 2 for x in signal])
    if variance == 0.0:
        return []
    pen = penalty * variance * math.log(n)
    ends = mean_shift_ends(signal, pen)  # ruptures' KernelCPD, without scipy
    bounds = [0, *ends]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    signs = [sign_of(_mean(signal[a:b]), band) for a, b in segments]
    return [
        Change(periods[a - 1].label, periods[a].label, signs[i - 1], signs[i], "pelt")
        for i, (a, _) in enumerate(segments)
        if i > 0 and signs[i] != signs[i - 1]
    ]


def _mean(values: Sequence[float]) -> float:
    """The mean of a few dozen period scores: plain Python, since numpy would add a fifth of
    a second to the start-up of every command that draws a dyad."""
    return math.fsum(values) / len(values)


def sign_runs(periods: Sequence[PeriodSign], *, band: float) -> list[Run]:
    """Merge consecutive periods (no empty period between) of the same sign."""
    runs: list[Run] = []
    for period in periods:
        sign = sign_of(period.net, band)
        last = runs[-1] if runs else None
        adjacent = last is not None and (period.start - last.end).days == 1
        if last is not None and adjacent and last.sign == sign:
            runs[-1] = Run(sign, last.start, period.end, last.periods + 1)
        else:
            runs.append(Run(sign, period.start, period.end, 1))
    return runs


def summary(runs: Sequence[Run]) -> str:
    """``hostile in the 1990s; cooperative 2021–2025``."""
    return "; ".join(run.phrase() for run in runs)
