"""The change-point segmentation gives ruptures' breakpoints exactly, ties included."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from detente.analysis.segmentation import mean_shift_ends

ruptures = pytest.importorskip("ruptures")


def _ruptures_ends(values: list[float], penalty: float) -> list[int]:
    signal = np.array(values, dtype=float).reshape(-1, 1)
    detector = ruptures.KernelCPD(kernel="linear", min_size=1)
    return [int(end) for end in detector.fit(signal).predict(pen=penalty)]


def _series(seed: int) -> list[float]:
    draw = random.Random(seed)
    length = draw.randint(4, 60)
    if seed % 3 == 0:  # few distinct values: ties between splits
        return [float(draw.choice((-1, 0, 1, 2))) for _ in range(length)]
    levels = [draw.uniform(-3, 3) for _ in range(draw.randint(1, 4))]
    return [draw.choice(levels) + draw.gauss(0, 0.4) for _ in range(length)]


@pytest.mark.parametrize("seed", range(300))
def test_same_breakpoints_as_ruptures(seed: int) -> None:
    values = _series(seed)
    variance = float(np.var(values))
    if variance == 0.0:
        return
    for factor in (0.1, 0.5, 1.0, 3.0):
        penalty = factor * variance * math.log(len(values))
        assert mean_shift_ends(values, penalty) == _ruptures_ends(values, penalty)


def test_a_clear_shift_is_found() -> None:
    assert mean_shift_ends([-2.0, -2.1, -1.9, 2.0, 2.1, 1.9], 1.0) == [3, 6]
