"""Calendar arithmetic for the newsroom, with no Django in it.

The archive filters by local year and month and the event pages give an event's start and end;
both depend on the host city's time zone, never on UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# The years a filter accepts: wide enough for any archive, narrow enough that the bounds of
# every period stay valid datetimes.
FIRST_YEAR = 1900
LAST_YEAR = 2999


def period_bounds(year: int, month: int | None, zone_name: str) -> tuple[datetime, datetime]:
    """The aware start (inclusive) and end (exclusive) of a local year, or of a month in it.

    Comparing a timestamp with these bounds (rather than extracting its year and month) lets
    the database use the index on the publication time.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is not between 1 and 12")
    zone = ZoneInfo(zone_name)
    if month is None:
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    elif month == 12:
        start, end = datetime(year, 12, 1), datetime(year + 1, 1, 1)
    else:
        start, end = datetime(year, month, 1), datetime(year, month + 1, 1)
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)


def event_span(
    starts_on: date,
    starts_at: time | None,
    ends_on: date | None,
    ends_at: time | None,
    zone_name: str,
) -> tuple[date | datetime, date | datetime | None]:
    """An event's start and end: aware datetimes when it has a time, plain dates otherwise.

    An event with a start time and an end time but no end date ends on its start day. An end
    before the start (a typing slip) is dropped rather than published as nonsense.
    """
    zone = ZoneInfo(zone_name)
    if starts_at is None:
        start: date | datetime = starts_on
        end: date | datetime | None = ends_on if ends_on and ends_on > starts_on else None
        return start, end
    start = datetime.combine(starts_on, starts_at, tzinfo=zone)
    if ends_at is not None:
        end = datetime.combine(ends_on or starts_on, ends_at, tzinfo=zone)
    elif ends_on is not None:
        end = datetime.combine(ends_on, time(0), tzinfo=zone) + timedelta(days=1)
    else:
        end = None
    if end is not None and end <= start:
        end = None
    return start, end
