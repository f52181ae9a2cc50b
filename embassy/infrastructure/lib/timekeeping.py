"""Time-zone arithmetic for the header: clocks, the date line and the day counters.

Plain Python with zoneinfo and no Django, so it is tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

Name = TypeVar("Name")


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def is_known_zone(name: str) -> bool:
    """True for an IANA zone name this machine's tz database knows (e.g. "Europe/Moscow")."""
    if name not in available_timezones():
        return False
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class CityTime(Generic[Name]):
    city: Name  # a str, or the header's text with its language
    zone_name: str
    local: datetime

    @property
    def hours_minutes(self) -> str:
        """ "15:46": formatted here, since Django's time filter would convert to TIME_ZONE."""
        return self.local.strftime("%H:%M")

    @property
    def iso(self) -> str:
        """The machine-readable moment for <time datetime>, with the local UTC offset."""
        return self.local.isoformat(timespec="minutes")


def city_time(city: Name, zone_name: str, now: datetime) -> CityTime[Name]:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return CityTime(city=city, zone_name=zone_name, local=now.astimezone(zone(zone_name)))


def local_date(now: datetime, zone_name: str) -> date:
    return now.astimezone(zone(zone_name)).date()


def days_since(event_date: date, today: date) -> int:
    """Whole days from the event's date to today: the figure of a counter (0 on the day itself)."""
    return (today - event_date).days


def next_local_midnight(now: datetime, zone_name: str) -> datetime:
    """The next moment the date changes in the zone, as an aware datetime.

    Midnight may not exist on a daylight-saving day in some zones; the first valid local time
    after it is what zoneinfo gives for the folded or skipped wall time.
    """
    tz = zone(zone_name)
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time.min, tzinfo=tz)


def is_within(now: datetime, starts_at: datetime, ends_at: datetime | None) -> bool:
    """True from `starts_at` until just before `ends_at` (None: no end)."""
    return starts_at <= now and (ends_at is None or now < ends_at)
