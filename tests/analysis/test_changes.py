"""Sign runs, change points and the words of the one-line summary."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.analysis.changes import PeriodSign, change_points, sign_of, sign_runs, summary
from detente.analysis.periods import period_bounds, period_label, span_phrase


def years(values: dict[int, float]) -> list[PeriodSign]:
    return [
        PeriodSign(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), net)
        for year, net in sorted(values.items())
    ]


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("1990-01-01", "1999-12-31", "in the 1990s"),
        ("1990-01-01", "2009-12-31", "1990s–2000s"),
        ("2021-01-01", "2025-12-31", "2021–2025"),
        ("2001-01-01", "2001-12-31", "in 2001"),
        ("1993-01-01", "1999-12-31", "1993–1999"),
        ("2024-03-01", "2024-05-31", "March–May 2024"),
        ("2024-03-01", "2024-03-31", "in March 2024"),
        ("2021-06-01", "2025-06-30", "June 2021–June 2025"),
    ],
)
def test_span_phrase(start: str, end: str, words: str) -> None:
    assert span_phrase(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == words


def test_period_keys_round_trip() -> None:
    assert period_label("month", 2024 * 12 + 1) == "2024-02"
    assert period_bounds("month", 2024 * 12 + 1) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_label("decade", 199) == "1990s"
    assert period_bounds("decade", 199) == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert period_label("year", 2001) == "2001"


def test_neutral_band() -> None:
    assert [sign_of(v, 0.5) for v in (0.6, 0.5, -0.2, -0.51)] == [1, 0, 0, -1]


def test_runs_merge_adjacent_periods_and_stop_at_gaps() -> None:
    series = years({1990: -2, 1991: -1, 1992: -3, 2001: 4, 2021: 1, 2022: 2, 2023: 1})
    runs = sign_runs(series, band=0.5)
    assert [(r.sign, r.periods) for r in runs] == [(-1, 3), (1, 1), (1, 3)]
    assert summary(runs) == "hostile 1990–1992; cooperative in 2001; cooperative 2021–2023"


def test_a_whole_decade_is_named_as_one() -> None:
    series = years({year: -1.0 for year in range(1990, 2000)} | {2021: 3.0})
    assert summary(sign_runs(series, band=0.5)) == "hostile in the 1990s; cooperative in 2021"


def test_short_series_uses_the_sign_run_rule() -> None:
    series = years({2000: -3, 2001: 2, 2002: -1, 2003: 0.1})
    changes, method = change_points(series, band=0.5, min_periods=8, penalty=2.0)
    assert method == "sign-run"
    assert [(c.before, c.after, c.from_sign, c.to_sign) for c in changes] == [
        ("2000", "2001", -1, 1),
        ("2001", "2002", 1, -1),
        ("2002", "2003", -1, 0),
    ]


def test_long_series_uses_pelt_and_looks_past_one_odd_period() -> None:
    values = {year: -4.0 for year in range(2000, 2010)} | {year: 5.0 for year in range(2010, 2020)}
    values[2004] = 1.0  # one cooperative blip inside a hostile decade
    series = years(values)
    changes, method = change_points(series, band=0.5, min_periods=8, penalty=2.0)
    assert method == "pelt"
    assert [(c.before, c.after, c.from_sign, c.to_sign) for c in changes] == [
        ("2009", "2010", -1, 1)
    ]
    # the plain rule would have flipped three times
    rule, _ = change_points(series, band=0.5, min_periods=100, penalty=2.0)
    assert len(rule) == 3


def test_a_constant_series_has_no_change() -> None:
    series = years({year: 2.0 for year in range(2000, 2012)})
    assert change_points(series, band=0.5, min_periods=8, penalty=2.0) == ([], "pelt")
