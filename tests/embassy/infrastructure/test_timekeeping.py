"""The plain time-zone arithmetic behind the header, without a database."""

from datetime import UTC, date, datetime

import pytest

from embassy.infrastructure.lib import timekeeping


def test_known_and_unknown_zones():
    assert timekeeping.is_known_zone("Europe/Moscow")
    assert not timekeeping.is_known_zone("Mars/Olympus_Mons")
    assert not timekeeping.is_known_zone("../../etc/passwd")
    assert not timekeeping.is_known_zone("")


def test_city_time_of_the_reference_capture():
    now = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
    moscow = timekeeping.city_time("Moscow", "Europe/Moscow", now)
    london = timekeeping.city_time("London", "Europe/London", now)
    assert moscow.local.strftime("%H:%M") == "15:46"
    assert london.local.strftime("%H:%M") == "13:46"
    assert london.iso == "2022-06-28T13:46+01:00"


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        timekeeping.city_time("London", "Europe/London", datetime(2022, 6, 28, 12, 46))


@pytest.mark.parametrize(
    ("utc", "london"),
    [
        # Clocks go forward at 01:00 UTC on the last Sunday of March.
        (datetime(2022, 3, 27, 0, 59, tzinfo=UTC), "00:59"),
        (datetime(2022, 3, 27, 1, 0, tzinfo=UTC), "02:00"),
        # And back at 01:00 UTC on the last Sunday of October: 01:xx happens twice.
        (datetime(2022, 10, 30, 0, 30, tzinfo=UTC), "01:30"),
        (datetime(2022, 10, 30, 1, 30, tzinfo=UTC), "01:30"),
        (datetime(2022, 10, 30, 2, 0, tzinfo=UTC), "02:00"),
    ],
)
def test_london_across_both_daylight_saving_changes(utc, london):
    assert timekeeping.city_time("London", "Europe/London", utc).local.strftime("%H:%M") == london


def test_days_since_counts_whole_local_days():
    assert timekeeping.days_since(date(2018, 3, 4), date(2022, 6, 28)) == 1577
    assert timekeeping.days_since(date(2018, 3, 12), date(2022, 6, 28)) == 1569
    assert timekeeping.days_since(date(2022, 6, 27), date(2022, 6, 28)) == 1


def test_local_date_changes_at_local_midnight_not_utc():
    # 23:30 UTC on 28 June is already 29 June in London (BST, UTC+1).
    assert timekeeping.local_date(datetime(2022, 6, 28, 23, 30, tzinfo=UTC), "Europe/London") == (
        date(2022, 6, 29)
    )
    assert timekeeping.local_date(datetime(2022, 6, 28, 22, 59, tzinfo=UTC), "Europe/London") == (
        date(2022, 6, 28)
    )


def test_next_local_midnight():
    now = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
    midnight = timekeeping.next_local_midnight(now, "Europe/London")
    assert midnight.astimezone(UTC) == datetime(2022, 6, 28, 23, 0, tzinfo=UTC)
    winter = timekeeping.next_local_midnight(datetime(2022, 12, 1, 9, tzinfo=UTC), "Europe/London")
    assert winter.astimezone(UTC) == datetime(2022, 12, 2, 0, 0, tzinfo=UTC)
