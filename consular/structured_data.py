"""schema.org JSON-LD for the consular section: a GovernmentOffice with a ContactPoint for each
desk and their opening hours, so search engines can answer "when is the consulate open"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Any

from consular.desks import Desk
from consular.lib import hours

SCHEMA_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def _clock(moment: time, *, closing: bool = False) -> str:
    # schema.org has no 24:00; 23:59 is the convention for "until midnight".
    if closing and moment == hours.MIDNIGHT:
        return "23:59"
    return hours.clock(moment)


def weekly_specification(schedule: hours.Schedule) -> list[dict[str, Any]]:
    """One OpeningHoursSpecification per distinct range, listing every weekday that has it."""
    days_by_range: dict[hours.Range, list[str]] = {}
    for weekday in range(7):
        for opening in sorted(schedule.weekly.get(weekday, ())):
            days_by_range.setdefault(opening, []).append(SCHEMA_DAYS[weekday])
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": days,
            "opens": _clock(opening.opens),
            "closes": _clock(opening.closes, closing=True),
        }
        for opening, days in sorted(days_by_range.items())
    ]


def exception_specification(day: date, ranges: Iterable[hours.Range]) -> list[dict[str, Any]]:
    """A dated change; closed all day is written 00:00-00:00, as search engines read it."""
    dated = {"validFrom": day.isoformat(), "validThrough": day.isoformat()}
    times = [(_clock(r.opens), _clock(r.closes, closing=True)) for r in ranges] or [
        ("00:00", "00:00")
    ]
    return [
        {"@type": "OpeningHoursSpecification", **dated, "opens": opens, "closes": closes}
        for opens, closes in times
    ]


def hours_specification(desk: Desk) -> list[dict[str, Any]]:
    specification = weekly_specification(desk.schedule)
    for exception in desk.coming_exceptions:
        specification += exception_specification(exception.date, exception.ranges())
    return specification


def contact_point(desk: Desk, page_url: str) -> dict[str, Any]:
    point = desk.contact_point
    data: dict[str, Any] = {
        "@type": "ContactPoint",
        "name": point.name,
        "contactType": point.name,
        "url": f"{page_url}#{point.anchor}",
    }
    numbers = [phone.tel_uri_number for phone in point.phone_numbers.all()]
    if numbers:
        data["telephone"] = numbers[0] if len(numbers) == 1 else numbers
    if point.email:
        data["email"] = point.email
    if desk.has_hours:
        data["hoursAvailable"] = hours_specification(desk)
    return data


def office(name: str, page_url: str, desks: list[Desk]) -> dict[str, Any]:
    """The office as a whole; its own address, numbers and hours are those of the desk shown in
    the header (the section's main desk), else of the first desk."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": name,
        "url": page_url,
    }
    main = next(
        (desk for desk in desks if desk.contact_point.in_header), desks[0] if desks else None
    )
    if main is not None:
        point = main.contact_point
        if point.address:
            data["address"] = point.address
        numbers = [phone.tel_uri_number for phone in point.phone_numbers.all()]
        if numbers:
            data["telephone"] = numbers[0]
        if point.email:
            data["email"] = point.email
        if main.has_hours:
            data["openingHoursSpecification"] = hours_specification(main)
    data["contactPoint"] = [contact_point(desk, page_url) for desk in desks]
    return data
