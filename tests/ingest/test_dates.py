import datetime as dt

from detente.ingest.dates import latest_mentioned_date, parse_date

TODAY = dt.date(2026, 1, 1)


def test_latest_explicit_date_is_the_lower_bound() -> None:
    text = (
        "The dam dispute began in 1998. Talks resumed in April 2025 and a deal was signed "
        "on 3 June 2025. Trade in 2024 reached a record."
    )
    assert latest_mentioned_date(text, not_after=TODAY) == dt.date(2025, 6, 3)


def test_month_and_year_mean_the_start_of_the_period() -> None:
    assert latest_mentioned_date("in August 2021", not_after=TODAY) == dt.date(2021, 8, 1)
    assert latest_mentioned_date("by 2019", not_after=TODAY) == dt.date(2019, 1, 1)
    assert latest_mentioned_date("on March 5, 2023,", not_after=TODAY) == dt.date(2023, 3, 5)


def test_numbers_and_decades_are_not_years() -> None:
    text = "Exports of USD 2,024 million; 2030 targets; the 1990s; 2015 km of road"
    assert latest_mentioned_date(text, not_after=dt.date(2029, 1, 1)) is None


def test_future_dates_are_not_evidence_of_age() -> None:
    assert latest_mentioned_date("a plan for 2040, agreed in 2022", not_after=TODAY) == dt.date(
        2022, 1, 1
    )


def test_no_date_gives_none() -> None:
    assert latest_mentioned_date("No dates here at all.", not_after=TODAY) is None


def test_metadata_dates_in_common_notations() -> None:
    assert parse_date("2024-03-18T08:30:00Z") == dt.date(2024, 3, 18)
    assert parse_date("Mon, 18 Mar 2024 08:30:00 GMT") == dt.date(2024, 3, 18)
    assert parse_date("March 18, 2024") == dt.date(2024, 3, 18)
    assert parse_date("not a date at all") is None
    assert parse_date("") is None
