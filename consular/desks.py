"""What the consular page shows of each desk, worded for visitors: open or closed now, when it
next opens or closes, its week and its coming changes of hours. No query: it reads the rows
ContactPoint.objects.for_page() prefetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from consular.lib import hours
from consular.models import ContactPoint, HoursException, Weekday
from embassy.infrastructure import translated
from embassy.infrastructure.translated import Text

# How far ahead the page lists changes to the usual hours.
EXCEPTIONS_AHEAD = timedelta(days=60)

# The weekday as it reads in "Opens Monday at 09:30", Monday first (date.weekday()). Names of
# their own, not the date format's, because some languages inflect the word there: Russian
# says "в понедельник", "во вторник", "в среду".
ON_WEEKDAY = [
    pgettext_lazy("opens or closes on a weekday", "Monday"),
    pgettext_lazy("opens or closes on a weekday", "Tuesday"),
    pgettext_lazy("opens or closes on a weekday", "Wednesday"),
    pgettext_lazy("opens or closes on a weekday", "Thursday"),
    pgettext_lazy("opens or closes on a weekday", "Friday"),
    pgettext_lazy("opens or closes on a weekday", "Saturday"),
    pgettext_lazy("opens or closes on a weekday", "Sunday"),
]


@dataclass(frozen=True)
class DayHours:
    """One row of the week's table: a weekday's hours on its next date from today on, so a row
    whose date has an exception (a closure, shorter hours) shows that day's hours and the
    exception's reason instead of the usual ones."""

    weekday: str
    date: date
    ranges: list[str]
    is_today: bool
    reason: Text | str = ""  # the exception's, when the date has one


@dataclass(frozen=True)
class ChangedDay:
    date: date
    hours: str  # "closed", "09:30-12:00"
    reason: Text


@dataclass(frozen=True)
class Desk:
    contact_point: ContactPoint
    schedule: hours.Schedule
    status: hours.Status
    status_text: str  # "Opens Monday at 09:30"
    has_hours: bool
    week: list[DayHours]
    coming_exceptions: list[HoursException]
    changed_days: list[ChangedDay]


def range_text(opening: hours.Range) -> str:
    if opening.opens == hours.MIDNIGHT and opening.closes_at_midnight:
        return _("all day")
    return hours.clock_range(opening, midnight=_("midnight"))


def moment_text(kind: str, moment: datetime, today: date, zone: ZoneInfo) -> str:
    """ "Opens Monday at 09:30", "Closes today at 17:00": whole sentences, so each language can
    order the words its own way."""
    local = moment.astimezone(zone)
    values = {
        "time": hours.clock(local.time()),
        "weekday": ON_WEEKDAY[local.weekday()],
        "date": date_format(local, "j E"),
    }
    if kind == "closes" and local.time() == hours.MIDNIGHT and local.date() == today + timedelta(1):
        return _("Closes at midnight")
    sentences = {
        ("opens", "today"): _("Opens today at %(time)s"),
        ("opens", "tomorrow"): _("Opens tomorrow at %(time)s"),
        ("opens", "weekday"): _("Opens %(weekday)s at %(time)s"),
        ("opens", "date"): _("Opens on %(date)s at %(time)s"),
        ("closes", "today"): _("Closes today at %(time)s"),
        ("closes", "tomorrow"): _("Closes tomorrow at %(time)s"),
        ("closes", "weekday"): _("Closes %(weekday)s at %(time)s"),
        ("closes", "date"): _("Closes on %(date)s at %(time)s"),
    }
    return sentences[kind, hours.day_word(local.date(), today)] % values


def status_text(status: hours.Status, today: date, zone: ZoneInfo) -> str:
    if status.is_open:
        if status.closes_at is None:
            return _("Open around the clock")
        return moment_text("closes", status.closes_at, today, zone)
    if status.next_opening is None:
        return _("No opening hours are planned.")
    return moment_text("opens", status.next_opening, today, zone)


def desk(contact_point: ContactPoint, now: datetime, zone: ZoneInfo) -> Desk:
    today = now.astimezone(zone).date()
    schedule = contact_point.schedule()
    status = hours.status(schedule, now, zone)
    coming = [
        exception
        for exception in contact_point.day_exceptions()
        if today <= exception.date <= today + EXCEPTIONS_AHEAD
    ]
    reasons = {exception.date: translated.text_of(exception, "reason") for exception in coming}
    week = []
    # Monday first, each weekday on its next date: today, or one of the six days after it.
    for number, label in Weekday.choices:
        day = today + timedelta(days=(number - today.weekday()) % 7)
        week.append(
            DayHours(
                weekday=str(label),
                date=day,
                ranges=[range_text(opening) for opening in schedule.ranges_on(day)],
                is_today=day == today,
                reason=reasons.get(day, ""),
            )
        )
    return Desk(
        contact_point=contact_point,
        schedule=schedule,
        status=status,
        status_text=status_text(status, today, zone),
        has_hours=not schedule.is_empty,
        week=week,
        coming_exceptions=coming,
        changed_days=[
            ChangedDay(
                date=exception.date,
                hours=", ".join(map(range_text, exception.ranges())) or _("closed"),
                reason=translated.text_of(exception, "reason"),
            )
            for exception in coming
        ],
    )
