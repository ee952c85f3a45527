"""A year, a month or a decade given as a date option means all of it (``--since 2024`` is
1 January, ``--until 2024`` 31 December), on the command line and in the API alike."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.cli.arguments import day, time_window

D = dt.date


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("1990s", D(1990, 1, 1), D(1999, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("May 2024", D(2024, 5, 1), D(2024, 5, 31)),
        ("Sep 2023", D(2023, 9, 1), D(2023, 9, 30)),
        ("2024-05-03", D(2024, 5, 3), D(2024, 5, 3)),
    ],
)
def test_a_period_is_its_first_day_as_a_start_and_its_last_as_an_end(
    typed: str, first: dt.date, last: dt.date
) -> None:
    assert day(typed, "--since") == first
    assert day(typed, "--until", end=True) == last


def test_since_and_until_the_same_year_is_that_whole_year() -> None:
    window = time_window(since="2024", until="2024", prefix="")
    assert (window.since, window.until) == (D(2024, 1, 1), D(2024, 12, 31))
    assert time_window(at="2023").at == D(2023, 12, 31)
