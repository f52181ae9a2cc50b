"""What every page's header shows: the date line, the clocks, the day counters, the consular
contact and the urgent consular notices. The rows are read once and remembered until the content
changes (embassy.infrastructure.caching); the times, day counts and which notices are current
are worked out for each request from the remembered rows, so the cache never holds a stale
figure: a notice remembered before its start appears at its start, and one past its end is gone,
though the cache was not touched.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import CharField, DateField, F, Value
from django.utils import timezone, translation

from consular.models import ContactPoint, Notice, PhoneNumber
from embassy.infrastructure import caching, translated
from embassy.infrastructure.lib import timekeeping
from embassy.infrastructure.translated import Text
from embassy.sitewide.models import Clock, IncidentCounter

# The name changes with the shape of HeaderRows, so a shared cache never hands a new process
# the rows an older one pickled.
REMEMBERED_AS = "header-rows:v3"


@dataclass(frozen=True)
class CounterRow:
    event_name: Text
    event_date: date
    note: Text


@dataclass(frozen=True)
class PhoneRow:
    tel: str  # E.164, for the tel: link
    display: str  # as the host country writes it: "020 7946 0321"


@dataclass(frozen=True)
class ContactRow:
    name: Text
    email: str
    phone_numbers: list[PhoneRow] = field(default_factory=list)


@dataclass(frozen=True)
class NoticeRow:
    title: Text
    text: Text
    url: str
    starts_at: datetime
    ends_at: datetime | None

    def is_current(self, now: datetime) -> bool:
        return timekeeping.is_within(now, self.starts_at, self.ends_at)


@dataclass(frozen=True)
class HeaderRows:
    clocks: list[tuple[Text, str]]
    counters: list[CounterRow]
    contact: ContactRow | None
    # Urgent notices not ended when the rows were read, current or still to start.
    urgent_notices: list[NoticeRow] = field(default_factory=list)


def read_rows(now: datetime | None = None) -> HeaderRows:
    """Read the header's rows from the database: three queries (clocks and counters together,
    the contact with its numbers, the urgent notices). Each text is the current language's,
    else the default language's (translated.pick): the header is never empty."""
    clocks, counters = read_clocks_and_counters()
    return HeaderRows(
        clocks=clocks,
        counters=counters,
        contact=read_contact(),
        urgent_notices=notice_rows(
            Notice.objects.urgent().not_ended(now or timezone.now()).order_by("starts_at", "pk")
        ),
    )


def notice_rows(notices: Iterable[Notice]) -> list[NoticeRow]:
    return [
        NoticeRow(
            title=translated.text_of(notice, "title"),
            text=translated.text_of(notice, "text"),
            url=notice.get_absolute_url(),
            starts_at=notice.starts_at,
            ends_at=notice.ends_at,
        )
        for notice in notices
    ]


def read_clocks_and_counters() -> tuple[list[tuple[Text, str]], list[CounterRow]]:
    """The clocks and the shown counters, each in their order, in one UNION ALL query: both
    are a handful of rows, and every uncached page needs them. The texts are read in every
    language (row_name_en, row_name_ru, …)."""

    def rows(queryset, kind: str, **columns):
        return (
            translated.as_written(queryset)
            .order_by()
            .values(
                row_kind=Value(kind, output_field=CharField()),
                row_order=F("order"),
                row_id=F("pk"),
                **columns,
            )
        )

    def texts(prefix: str, field: str | None) -> dict:
        """The columns of `field` in every language, or empty texts of the same shape."""
        return {
            f"{prefix}_{code}": F(column) if field else Value("", output_field=CharField())
            for code, column in translated.columns(field or prefix).items()
        }

    no_text, no_date = Value("", output_field=CharField()), Value(None, output_field=DateField())
    clock_rows = rows(
        Clock.objects.all(),
        "clock",
        **texts("row_name", "city"),
        row_zone=F("time_zone"),
        row_day=no_date,
        **texts("row_note", None),
    )
    counter_rows = rows(
        IncidentCounter.objects.shown(),
        "counter",
        **texts("row_name", "event_name"),
        row_zone=no_text,
        row_day=F("event_date"),
        **texts("row_note", "note"),
    )
    clocks, counters = [], []
    merged = clock_rows.union(counter_rows, all=True).order_by("row_kind", "row_order", "row_id")
    for row in merged:
        name, note = pick_column(row, "row_name"), pick_column(row, "row_note")
        if row["row_kind"] == "clock":
            clocks.append((name, row["row_zone"]))
        else:
            counters.append(CounterRow(name, row["row_day"], note))
    return clocks, counters


def pick_column(row: dict, prefix: str) -> Text:
    return translated.pick({code: row[f"{prefix}_{code}"] for code in translated.columns(prefix)})


def read_contact() -> ContactRow | None:
    """The header's contact point with its numbers in order, in one query (a LEFT JOIN: a
    contact point without numbers still shows)."""
    names = translated.columns("name")
    rows = list(
        translated.as_written(ContactPoint.objects.for_header())
        .order_by("phone_numbers__order", "phone_numbers__pk")
        .values("pk", *names.values(), "email", "phone_numbers__number")
    )
    if not rows:
        return None
    phones = [
        PhoneNumber(number=row["phone_numbers__number"])
        for row in rows
        if row["phone_numbers__number"]
    ]
    return ContactRow(
        name=translated.pick({code: rows[0][column] for code, column in names.items()}),
        email=rows[0]["email"],
        phone_numbers=[
            PhoneRow(tel=phone.tel_uri_number, display=phone.display) for phone in phones
        ],
    )


def cached_rows() -> HeaderRows:
    """The header's rows, remembered until the content changes: no query once remembered.
    Which notices are current is decided per request (build), so the rows need not expire."""
    return caching.remember(REMEMBERED_AS, read_rows, changes_by_itself=False)


@dataclass(frozen=True)
class Counter:
    event_name: Text
    event_date: date
    note: Text
    days: int


@dataclass(frozen=True)
class Header:
    today: date
    zone_name: str
    clocks: list[timekeeping.CityTime[Text]]
    counters: list[Counter]
    contact: ContactRow | None
    urgent_notices: list[NoticeRow] = field(default_factory=list)
    # A count for each plural form of the counters' sentence (plural_samples).
    plural_samples: tuple[int, ...] = ()

    @property
    def host_city(self) -> Text | None:
        """The name of the city of the site's time zone, as its clock writes it."""
        return next((c.city for c in self.clocks if c.zone_name == self.zone_name), None)


@functools.cache
def plural_samples(language: str) -> tuple[int, ...]:
    """The smallest count for each plural form of the site's messages in `language`: (0, 1) in
    English ("0 days", "1 day"), (0, 1, 2) in Russian ("0 дней", "1 день", "2 дня"). The header
    renders each counter's sentence once for each, unseen, so that static/js/clock.js can word
    the count it reaches at midnight as the server would: it takes the sample of the same plural
    category (Intl.PluralRules), which for the site's languages is the same gettext form."""
    catalog = gettext.translation("django", settings.LOCALE_PATHS[0], [language], fallback=True)
    form = getattr(catalog, "plural", lambda n: int(n != 1))  # no catalog: English's rule
    first_of_each_form: dict[int, int] = {}
    for count in range(200):
        first_of_each_form.setdefault(form(count), count)
    return tuple(sorted(first_of_each_form.values()))


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
        urgent_notices=[notice for notice in rows.urgent_notices if notice.is_current(now)],
        plural_samples=plural_samples(translation.get_language()),
    )
