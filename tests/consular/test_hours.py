"""The opening-hours arithmetic, without a database: open now, until when, next opening."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consular.lib.hours import (
    Range,
    Schedule,
    clock,
    clock_range,
    day_word,
    overlapping_pairs,
    status,
    wall_instant,
)

LONDON = ZoneInfo("Europe/London")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def r(opens: str, closes: str) -> Range:
    return Range(time.fromisoformat(opens), time.fromisoformat(closes))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


WEEKDAYS = Schedule(weekly={day: [r("09:30", "12:30"), r("14:00", "17:00")] for day in range(5)})


def test_open_in_the_morning_range_until_its_end():
    # Tuesday 28 June 2022, 10:00 in London (BST).
    result = status(WEEKDAYS, utc(2022, 6, 28, 9, 0), LONDON)
    assert result.is_open
    assert result.closes_at == datetime(2022, 6, 28, 12, 30, tzinfo=LONDON)


def test_closed_at_lunch_opens_in_the_afternoon():
    result = status(WEEKDAYS, utc(2022, 6, 28, 11, 30), LONDON)  # 12:30 BST
    assert not result.is_open
    assert result.next_opening == datetime(2022, 6, 28, 14, 0, tzinfo=LONDON)


def test_closing_time_itself_is_closed_opening_time_itself_is_open():
    assert not status(WEEKDAYS, utc(2022, 6, 28, 16, 0), LONDON).is_open  # 17:00 BST
    assert status(WEEKDAYS, utc(2022, 6, 28, 8, 30), LONDON).is_open  # 09:30 BST


def test_friday_evening_next_opening_is_monday_morning():
    result = status(WEEKDAYS, utc(2022, 7, 1, 17, 0), LONDON)  # Friday 18:00 BST
    assert not result.is_open
    assert result.next_opening == datetime(2022, 7, 4, 9, 30, tzinfo=LONDON)
    assert result.next_opening.astimezone(UTC) == utc(2022, 7, 4, 8, 30)


def test_across_local_midnight_not_utc_midnight():
    # 23:30 UTC on Monday is already 00:30 on Tuesday in London (BST).
    night = Schedule(weekly={TUE: [r("00:00", "01:00")]})
    assert status(night, utc(2022, 6, 27, 23, 30), LONDON).is_open
    # In winter London is on UTC: 23:30 UTC on Monday is still Monday.
    result = status(night, utc(2022, 12, 5, 23, 30), LONDON)
    assert not result.is_open
    assert result.next_opening == utc(2022, 12, 6, 0, 0)


def test_ranges_that_meet_at_midnight_are_one_opening():
    # Open from Friday 18:00 through the night to Saturday 02:00.
    late = Schedule(weekly={FRI: [r("18:00", "00:00")], SAT: [r("00:00", "02:00")]})
    before_midnight = status(late, utc(2022, 12, 9, 23, 59), LONDON)
    after_midnight = status(late, utc(2022, 12, 10, 0, 0), LONDON)
    assert before_midnight.is_open and after_midnight.is_open
    assert before_midnight.closes_at == after_midnight.closes_at == utc(2022, 12, 10, 2, 0)
    assert not status(late, utc(2022, 12, 10, 2, 0), LONDON).is_open


def test_open_until_midnight_closes_at_the_start_of_the_next_day():
    evening = Schedule(weekly={MON: [r("20:00", "00:00")]})
    result = status(evening, utc(2022, 6, 27, 20, 0), LONDON)  # 21:00 BST Monday
    assert result.is_open
    assert result.closes_at == datetime(2022, 6, 28, 0, 0, tzinfo=LONDON)


# The clocks went forward in London at 01:00 UTC on Sunday 27 March 2022 (01:00 GMT -> 02:00 BST):
# no clock in London read 01:30 that night.
SPRING_SUNDAY = date(2022, 3, 27)
SPRING = Schedule(weekly={SUN: [r("01:30", "03:00")]})


def test_spring_forward_a_skipped_opening_time_opens_when_the_clocks_jump():
    assert wall_instant(SPRING_SUNDAY, time(1, 30), LONDON) == utc(2022, 3, 27, 1, 0)
    before = status(SPRING, utc(2022, 3, 27, 0, 59), LONDON)
    assert not before.is_open
    assert before.next_opening == utc(2022, 3, 27, 1, 0)
    assert before.next_opening.astimezone(LONDON).strftime("%H:%M") == "02:00"
    at_jump = status(SPRING, utc(2022, 3, 27, 1, 0), LONDON)
    assert at_jump.is_open
    # 03:00 BST is 02:00 UTC: one hour of real time, from 02:00 to 03:00 on the wall clock.
    assert at_jump.closes_at == utc(2022, 3, 27, 2, 0)


def test_spring_forward_the_week_before_and_after_keep_wall_clock_times():
    before = status(SPRING, utc(2022, 3, 20, 0, 0), LONDON)
    assert before.next_opening == utc(2022, 3, 20, 1, 30)  # GMT: 01:30 on the clock
    after = status(SPRING, utc(2022, 4, 3, 0, 0), LONDON)
    assert after.next_opening == utc(2022, 4, 3, 0, 30)  # BST: 01:30 on the clock


# The clocks went back at 01:00 UTC on Sunday 30 October 2022 (02:00 BST -> 01:00 GMT):
# London clocks read 01:00-01:59 twice that night.
FALL = Schedule(weekly={SUN: [r("01:30", "03:00")]})


def test_fall_back_an_ambiguous_opening_time_counts_its_first_reading():
    assert wall_instant(date(2022, 10, 30), time(1, 30), LONDON) == utc(2022, 10, 30, 0, 30)
    assert not status(FALL, utc(2022, 10, 30, 0, 29), LONDON).is_open
    first_reading = status(FALL, utc(2022, 10, 30, 0, 30), LONDON)
    assert first_reading.is_open
    # 03:00 GMT: two and a half hours of real time for a range of one and a half on the clock.
    assert first_reading.closes_at == utc(2022, 10, 30, 3, 0)
    # At the second reading of 01:30 (GMT) the desk is still open.
    assert status(FALL, utc(2022, 10, 30, 1, 30), LONDON).is_open


def test_fall_back_a_range_closing_at_an_ambiguous_time_closes_at_its_first_reading():
    short = Schedule(weekly={SUN: [r("00:30", "01:30")]})
    assert status(short, utc(2022, 10, 29, 23, 45), LONDON).is_open  # 00:45 BST
    assert not status(short, utc(2022, 10, 30, 0, 30), LONDON).is_open  # 01:30 BST
    # 01:00 GMT reads 01:00 on the clock again, but the range has closed: no second opening.
    assert not status(short, utc(2022, 10, 30, 1, 0), LONDON).is_open


def test_exception_closes_a_usual_day():
    closed = Schedule(weekly=WEEKDAYS.weekly, exceptions={date(2022, 12, 26): []})
    # Monday 26 December, 10:00 GMT: the usual Monday hours are replaced by the closure.
    result = status(closed, utc(2022, 12, 26, 10, 0), LONDON)
    assert not result.is_open
    assert result.next_opening == utc(2022, 12, 27, 9, 30)


def test_exception_with_special_hours_replaces_the_usual_ranges():
    short_day = Schedule(
        weekly=WEEKDAYS.weekly, exceptions={date(2022, 12, 23): [r("09:30", "11:00")]}
    )
    assert status(short_day, utc(2022, 12, 23, 10, 0), LONDON).closes_at == utc(2022, 12, 23, 11)
    after = status(short_day, utc(2022, 12, 23, 14, 30), LONDON)
    assert not after.is_open
    assert after.next_opening == utc(2022, 12, 26, 9, 30)


def test_exception_opens_a_usually_closed_day():
    saturday = Schedule(
        weekly=WEEKDAYS.weekly, exceptions={date(2022, 7, 2): [r("10:00", "12:00")]}
    )
    result = status(saturday, utc(2022, 7, 1, 17, 0), LONDON)  # Friday 18:00 BST
    assert result.next_opening == datetime(2022, 7, 2, 10, 0, tzinfo=LONDON)


def test_exception_on_the_spring_forward_night():
    special = Schedule(
        weekly={}, exceptions={SPRING_SUNDAY: [r("01:15", "01:45"), r("09:00", "10:00")]}
    )
    # The whole first range falls in the skipped hour: it never opens.
    result = status(special, utc(2022, 3, 27, 0, 30), LONDON)
    assert not result.is_open
    assert result.next_opening == utc(2022, 3, 27, 8, 0)  # 09:00 BST


def test_around_the_clock_has_no_closing_time():
    always = Schedule(weekly={day: [r("00:00", "00:00")] for day in range(7)})
    result = status(always, utc(2022, 3, 27, 1, 0), LONDON, horizon_days=30)
    assert result.is_open and result.closes_at is None


def test_no_hours_is_closed_with_no_next_opening():
    result = status(Schedule(), utc(2022, 6, 28, 12, 0), LONDON)
    assert not result.is_open and result.next_opening is None
    assert Schedule().is_empty
    assert not WEEKDAYS.is_empty


def test_a_long_closure_pushes_the_next_opening_beyond_it():
    closure = {date(2022, 8, 1) + timedelta(days=n): [] for n in range(21)}
    summer = Schedule(weekly=WEEKDAYS.weekly, exceptions=closure)
    result = status(summer, utc(2022, 7, 29, 17, 0), LONDON)
    assert result.next_opening == datetime(2022, 8, 22, 9, 30, tzinfo=LONDON)


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        status(WEEKDAYS, datetime(2022, 6, 28, 12, 0), LONDON)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (r("09:00", "12:00"), r("11:00", "13:00"), True),
        (r("09:00", "12:00"), r("10:00", "11:00"), True),
        (r("09:00", "12:00"), r("12:00", "13:00"), False),  # touching is fine
        (r("09:00", "12:00"), r("13:00", "14:00"), False),
        (r("20:00", "00:00"), r("23:00", "23:30"), True),  # midnight is the end of the day
        (r("00:00", "00:00"), r("09:00", "10:00"), True),
    ],
)
def test_overlap(first, second, overlap):
    assert first.overlaps(second) is overlap
    assert second.overlaps(first) is overlap


def test_overlapping_pairs_names_each_pair_once():
    ranges = [r("09:00", "12:00"), r("11:00", "13:00"), r("14:00", "15:00"), r("14:30", "16:00")]
    assert overlapping_pairs(ranges) == [(ranges[0], ranges[1]), (ranges[2], ranges[3])]


def test_times_and_ranges_are_written_on_the_24_hour_clock_with_an_en_dash():
    assert clock(time(9, 5)) == "09:05"
    assert clock(time(17, 30, 59)) == "17:30"
    assert clock_range(r("09:30", "12:30")) == "09:30\u201312:30"
    assert clock_range(r("18:00", "00:00")) == "18:00\u201300:00"
    assert clock_range(r("18:00", "00:00"), midnight="midnight") == "18:00\u2013midnight"
    assert clock_range(r("00:00", "09:00"), midnight="midnight") == "00:00\u201309:00"


def test_valid_ranges():
    assert r("09:00", "09:01").is_valid()
    assert r("09:00", "00:00").is_valid()
    assert not r("09:00", "09:00").is_valid()
    assert not r("17:00", "09:00").is_valid()


def test_day_words():
    today = date(2022, 6, 28)
    assert day_word(today, today) == "today"
    assert day_word(date(2022, 6, 29), today) == "tomorrow"
    assert day_word(date(2022, 7, 4), today) == "weekday"
    assert day_word(date(2022, 7, 5), today) == "date"


minutes = st.integers(min_value=0, max_value=24 * 60 - 1)


@given(
    opens=minutes,
    length=st.integers(min_value=1, max_value=600),
    moment=st.datetimes(
        min_value=datetime(2021, 1, 1), max_value=datetime(2024, 12, 31), timezones=st.just(UTC)
    ),
)
def test_status_agrees_with_its_own_answers(opens, length, moment):
    """Whatever the range and the moment: when closed, the desk is open at its next opening and
    closed a second before; when open, it is closed at its closing time."""
    end = min(opens + length, 24 * 60)
    opening = Range(time(opens // 60, opens % 60), time((end // 60) % 24, end % 60))
    schedule = Schedule(weekly={day: [opening] for day in (MON, WED, SUN)})
    result = status(schedule, moment, LONDON, horizon_days=10)
    if result.is_open:
        assert result.closes_at > moment
        assert not status(schedule, result.closes_at, LONDON, horizon_days=10).is_open
    else:
        assert result.next_opening > moment
        assert status(schedule, result.next_opening, LONDON, horizon_days=10).is_open
        assert not status(
            schedule, result.next_opening - timedelta(seconds=1), LONDON, horizon_days=10
        ).is_open
