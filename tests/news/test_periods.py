"""Calendar arithmetic of the newsroom (plain Python, no database)."""

from datetime import UTC, date, datetime, time

import pytest

from news.lib.periods import event_span, period_bounds

LONDON = "Europe/London"


def test_a_month_starts_and_ends_at_local_midnight():
    start, end = period_bounds(2022, 6, LONDON)
    assert start.astimezone(UTC) == datetime(2022, 5, 31, 23, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2022, 6, 30, 23, 0, tzinfo=UTC)


def test_december_ends_at_the_new_year_and_a_year_spans_twelve_months():
    assert period_bounds(2022, 12, LONDON)[1] == period_bounds(2023, None, LONDON)[0]
    start, end = period_bounds(2022, None, LONDON)
    assert (start.year, start.month, end.year, end.month) == (2022, 1, 2023, 1)


@pytest.mark.parametrize(("year", "month"), [(2022, 0), (2022, 13), (1899, None), (3000, 1)])
def test_impossible_periods_are_refused(year, month):
    with pytest.raises(ValueError):
        period_bounds(year, month, LONDON)


def test_an_all_day_event_is_dates():
    assert event_span(date(2022, 6, 24), None, None, None, LONDON) == (date(2022, 6, 24), None)
    assert event_span(date(2022, 6, 24), None, date(2022, 6, 26), None, LONDON) == (
        date(2022, 6, 24),
        date(2022, 6, 26),
    )


def test_a_timed_event_is_aware_in_the_host_zone():
    start, end = event_span(date(2022, 6, 24), time(10), None, time(12, 30), LONDON)
    assert start.astimezone(UTC) == datetime(2022, 6, 24, 9, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2022, 6, 24, 11, 30, tzinfo=UTC)


def test_a_timed_event_with_only_an_end_date_ends_at_the_end_of_that_day():
    start, end = event_span(date(2022, 6, 24), time(10), date(2022, 6, 25), None, LONDON)
    assert end == datetime(2022, 6, 26, 0, 0, tzinfo=start.tzinfo)


def test_an_end_before_the_start_is_dropped():
    assert event_span(date(2022, 6, 24), time(10), None, time(9), LONDON)[1] is None
    assert event_span(date(2022, 6, 24), None, date(2022, 6, 20), None, LONDON)[1] is None
