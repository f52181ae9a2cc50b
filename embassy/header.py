"""What every page's header shows: the date line, the clocks, the day counters and the consular
contact. The rows are read once and cached until one of them changes; the times and day counts
are computed for each request from the cached rows, so the cache never holds a stale figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache

from embassy.lib import timekeeping

CACHE_KEY = "embassy:header-rows:v1"


@dataclass(frozen=True)
class CounterRow:
    event_name: str
    event_date: date
    note: str


@dataclass(frozen=True)
class PhoneRow:
    tel: str  # for the tel: link
    display: str  # as the host country writes it


@dataclass(frozen=True)
class ContactRow:
    name: str
    email: str
    phone_numbers: list[PhoneRow] = field(default_factory=list)


@dataclass(frozen=True)
class HeaderRows:
    clocks: list[tuple[str, str]]
    counters: list[CounterRow]
    contact: ContactRow | None


def read_rows() -> HeaderRows:
    """Read the header's rows from the database: four queries."""
    from consular.models import ContactPoint
    from embassy.models import Clock, IncidentCounter

    contact_point = ContactPoint.objects.for_header().first()
    contact = None
    if contact_point is not None:
        contact = ContactRow(
            name=contact_point.name,
            email=contact_point.email,
            phone_numbers=[
                PhoneRow(tel=phone.tel_uri_number, display=phone.display)
                for phone in contact_point.phone_numbers.all()
            ],
        )
    return HeaderRows(
        clocks=list(Clock.objects.values_list("city", "time_zone")),
        counters=[
            CounterRow(counter.event_name, counter.event_date, counter.note)
            for counter in IncidentCounter.objects.shown().only("event_name", "event_date", "note")
        ],
        contact=contact,
    )


def cached_rows() -> HeaderRows:
    """The header's rows from the cache: no query once cached."""
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = read_rows()
        cache.set(CACHE_KEY, rows, timeout=None)
    return rows


def forget_rows(**kwargs) -> None:
    """Signal receiver: drop the cached rows after any change to what the header shows."""
    cache.delete(CACHE_KEY)


@dataclass(frozen=True)
class Counter:
    event_name: str
    event_date: date
    note: str
    days: int


@dataclass(frozen=True)
class Header:
    today: date
    zone_name: str
    clocks: list[timekeeping.CityTime]
    counters: list[Counter]
    contact: ContactRow | None


def build(now: datetime, rows: HeaderRows, zone_name: str | None = None) -> Header:
    """The header for the moment `now`: today's date and the counters in the host city's zone."""
    zone_name = zone_name or settings.TIME_ZONE
    today = timekeeping.local_date(now, zone_name)
    return Header(
        today=today,
        zone_name=zone_name,
        clocks=[timekeeping.city_time(city, tz, now) for city, tz in rows.clocks],
        counters=[
            Counter(
                row.event_name,
                row.event_date,
                row.note,
                timekeeping.days_since(row.event_date, today),
            )
            for row in rows.counters
            if row.event_date <= today
        ],
        contact=rows.contact,
    )
