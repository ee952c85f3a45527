"""Where a series of numbers shifts its mean: exact penalised least-squares segmentation.

The dyad's change points were found with ``ruptures.KernelCPD(kernel="linear").predict(pen=)``,
whose import brings in scipy: a second of start-up for ``detente dyad``, for a computation of
a few dozen lines. This is the same computation (PELT over the linear kernel, minimum segment
length 1), step for step and in the same floating-point order, so the breakpoints are the
same, ties included; ``tests/analysis/test_segmentation.py`` compares the two.
"""

from __future__ import annotations

from collections.abc import Sequence


def mean_shift_ends(values: Sequence[float], penalty: float) -> list[int]:
    """The end (exclusive) of each segment of ``values``, the last being ``len(values)``, of
    the split that minimises the segments' summed squared deviations from their means plus
    ``penalty`` per segment.

    ``within[s]`` holds, for the values seen so far (up to ``t``), the sum of the products of
    every pair within ``values[s:t]`` (the kernel sum), ``squares[t]`` the sum of squares of
    ``values[:t]``; a segment's cost is its sum of squares less its kernel sum over its
    length. Start points that can no longer win are pruned (PELT).
    """
    count = len(values)
    squares = [0.0] * (count + 1)
    within = [0.0] * (count + 1)
    best = [0.0] * (count + 1)  # the least penalised cost of values[:t]
    bound = [0.0] * (count + 1)  # best[s] plus the cost of values[s:t], for pruning
    previous_end = [0] * (count + 1)
    first_start = 0
    for end in range(1, count + 1):
        last = values[end - 1]
        own = last * last
        squares[end] = squares[end - 1] + own
        running = 0.0
        for start in range(end - 1, first_start - 1, -1):
            running += values[start] * last
            within[start] += 2 * running - own
        if end == 1:
            best[end] = squares[end] - squares[0] - within[0] / end + penalty
            continue
        for start in range(first_start, end):
            cost = squares[end] - squares[start] - within[start] / (end - start)
            total = best[start] + cost
            bound[start] = total
            total += penalty
            if start == first_start or best[end] > total:
                best[end] = total
                previous_end[end] = start
        while bound[first_start] >= best[end] and first_start < end:
            first_start += 1
    ends: list[int] = []
    end = count
    while end > 0:
        ends.append(end)
        end = previous_end[end]
    return ends[::-1]
