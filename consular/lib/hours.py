"""Opening-hours arithmetic for the consular desks: open now? until when? when next?

Plain Python with zoneinfo and no Django, so it is tested without a database.

Hours are wall-clock times in the host city's zone. A range opens at the first instant at which
the local clock reads its opening time or later, and closes at the first instant at which it
reads its closing time or later. That one rule settles the daylight-saving days:

- when the clocks go forward and the opening time never appears on the clock (01:30 on a
  London spring Sunday), the desk opens the moment the clocks jump (02:00 BST);
- when the clocks go back and a time appears twice, the first appearance counts, so a range
  never lasts longer than the wall clock says.

A closing time of midnight (00:00) means the end of the day, so a desk can stay open until
midnight and, with a range from 00:00 the next day, through the night.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MIDNIGHT = time(0, 0)
# How far ahead to look for the next opening: a desk closed for longer has no "next opening".
HORIZON_DAYS = 366


@dataclass(frozen=True, order=True)
class Range:
    """One opening on one day, in wall-clock time: 09:30-12:30. closes == 00:00 is midnight."""

    opens: time
    closes: time

    @property
    def closes_at_midnight(self) -> bool:
        return self.closes == MIDNIGHT

    def is_valid(self) -> bool:
        """Closes after it opens (a midnight close is the end of the day, after any opening)."""
        return self.closes_at_midnight or self.closes > self.opens

    def overlaps(self, other: Range) -> bool:
        """True when the two ranges share a moment; ranges that only touch do not overlap."""
        return _minutes(self.opens) < _end_minutes(other) and _minutes(other.opens) < _end_minutes(
            self
        )


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _end_minutes(opening: Range) -> int:
    return 24 * 60 if opening.closes_at_midnight else _minutes(opening.closes)


def clock(moment: time) -> str:
    """A wall-clock time as the site writes it, on every page and in the admin: "09:30"."""
    return f"{moment:%H:%M}"


def clock_range(opening: Range, *, midnight: str | None = None) -> str:
    """A range as the site writes it: 09:30 to 12:30 with an en dash between. A closing time of
    midnight is written `midnight` when given (the pages pass the word, translated), else 00:00."""
    closes = (
        midnight if midnight is not None and opening.closes_at_midnight else clock(opening.closes)
    )
    return f"{clock(opening.opens)}\u2013{closes}"


def overlapping_pairs(ranges: Sequence[Range]) -> list[tuple[Range, Range]]:
    """Every pair of ranges that overlap, each pair once, in the order the ranges were given."""
    return [
        (first, second)
        for index, first in enumerate(ranges)
        for second in ranges[index + 1 :]
        if first.overlaps(second)
    ]


@dataclass(frozen=True)
class Schedule:
    """A desk's usual week and its dated exceptions.

    weekly maps a weekday (Monday 0 … Sunday 6, as date.weekday()) to its ranges; a weekday
    absent from it is closed. exceptions maps a date to the ranges that replace that day's usual
    ones; an empty sequence means closed all day.
    """

    weekly: Mapping[int, Sequence[Range]] = field(default_factory=dict)
    exceptions: Mapping[date, Sequence[Range]] = field(default_factory=dict)

    def ranges_on(self, day: date) -> list[Range]:
        if day in self.exceptions:
            return sorted(self.exceptions[day])
        return sorted(self.weekly.get(day.weekday(), ()))

    @property
    def is_empty(self) -> bool:
        """True for a desk with no hours at all: neither weekly hours nor special openings."""
        return not any(self.weekly.values()) and not any(self.exceptions.values())


def wall_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The first instant at which the clock in the zone reads `wall` or later on `day`, in UTC.

    UTC, because an aware datetime holding an ambiguous local time compares unequal to every
    datetime of another zone (PEP 495); callers convert to the zone for display.
    """
    naive = datetime.combine(day, wall)
    # fold=0 is the first of two readings of an ambiguous wall time: the one we want.
    candidate = naive.replace(tzinfo=zone).astimezone(UTC)
    if _local(candidate, zone) == naive:
        return candidate
    # The wall time falls in a gap (the clocks jumped over it). Search between the two
    # readings of the offset for the first instant whose wall time is at or after it.
    low = int(naive.replace(tzinfo=zone, fold=1).timestamp())
    high = int(candidate.timestamp())
    if low > high:
        low, high = high, low
    while low < high:
        middle = (low + high) // 2
        if _local(datetime.fromtimestamp(middle, UTC), zone) >= naive:
            high = middle
        else:
            low = middle + 1
    return datetime.fromtimestamp(high, UTC)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def intervals_on(schedule: Schedule, day: date, zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The day's ranges as (opens, closes) instants in UTC, in order."""
    result = []
    for opening in schedule.ranges_on(day):
        if not opening.is_valid():
            continue
        start = wall_instant(day, opening.opens, zone)
        if opening.closes_at_midnight:
            end = wall_instant(day + timedelta(days=1), MIDNIGHT, zone)
        else:
            end = wall_instant(day, opening.closes, zone)
        if end > start:
            result.append((start, end))
    return result


@dataclass(frozen=True)
class Status:
    """Whether a desk is open at a moment, and what changes next (instants in UTC).

    closes_at: when open, the end of the current opening (ranges that follow each other without
    a gap count as one); None when it stays open beyond the horizon.
    next_opening: when closed, the next moment it opens; None when it does not open within the
    horizon.
    """

    is_open: bool
    closes_at: datetime | None = None
    next_opening: datetime | None = None


def status(
    schedule: Schedule, now: datetime, zone: ZoneInfo, horizon_days: int = HORIZON_DAYS
) -> Status:
    """The desk's status at `now` (an aware datetime), reading the schedule day by day."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    today = now.astimezone(zone).date()
    # Yesterday's range may run to midnight and join today's from 00:00.
    day = today - timedelta(days=1)
    last_day = today + timedelta(days=horizon_days)
    current_end: datetime | None = None
    while day <= last_day:
        for start, end in intervals_on(schedule, day, zone):
            if current_end is not None:
                if start > current_end:
                    return Status(is_open=True, closes_at=current_end)
                current_end = max(current_end, end)
            elif start <= now < end:
                current_end = end
            elif start > now:
                return Status(is_open=False, next_opening=start)
        day += timedelta(days=1)
    if current_end is not None:
        # Open for the whole horizon: around the clock.
        return Status(is_open=True, closes_at=None)
    return Status(is_open=False)


def day_word(target: date, today: date) -> str:
    """How to name a day relative to today: "today", "tomorrow", "weekday" within the coming
    week, else "date". The caller words and translates it."""
    delta = (target - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 1 < delta < 7:
        return "weekday"
    return "date"
