"""The demo content a newcomer sees on a fresh installation.

Facts and dates follow the reference capture of 28 June 2022; every sentence is our own.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from consular.models import ContactPoint, HoursException, Notice, OpeningHours, PhoneNumber
from embassy.infrastructure import caching
from embassy.sitewide.models import Clock, IncidentCounter
from news.models import Article, Event, Kind, Status

LONDON = ZoneInfo("Europe/London")


def site_is_empty() -> bool:
    """True when no content of any kind has been entered yet."""
    return not any(model._default_manager.exists() for model in caching.content_models())


def content_snapshot() -> dict[str, list]:
    """Every content row as plain values, to compare the site before and after a command."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in caching.content_models()
    }


def load() -> None:
    """Create the demo content. Call only on an empty site (see site_is_empty)."""
    load_header()
    load_consular()
    load_news()


def load_header() -> None:
    Clock.objects.create(city="Moscow", time_zone="Europe/Moscow", order=1)
    Clock.objects.create(city="London", time_zone="Europe/London", order=2)
    IncidentCounter.objects.create(
        event_name="the Salisbury incident",
        event_date=date(2018, 3, 4),
        note="and still the British side has offered no credible facts and no answer",
        order=1,
    )
    IncidentCounter.objects.create(
        event_name="the death of Nikolay Glushkov in Britain",
        event_date=date(2018, 3, 12),
        note="and still the British side has offered no credible facts and no answer",
        order=2,
    )
    queries = ContactPoint.objects.create(
        name="Consular queries",
        email="consular@example.org",
        address=CONSULAR_ADDRESS,
        in_header=True,
        order=1,
    )
    PhoneNumber.objects.create(contact_point=queries, number="+44 20 7946 0321")


# Every number is in Ofcom's range for drama, 020 7946 0000-0999: none can reach anyone.
CONSULAR_ADDRESS = "Consular Section\n1 Example Gardens\nLondon W8 0AA"
DEMO_DESKS = [
    # (name, numbers, email, notes, weekly hours as {weekday: [(opens, closes)]})
    (
        "Visas",
        ["+44 20 7946 0322"],
        "visas@example.org",
        "Applications are received by appointment only; book one by email first.",
        {day: [("09:30", "12:30")] for day in range(5)},
    ),
    (
        "Passports",
        ["+44 20 7946 0323", "+44 20 7946 0324"],
        "passports@example.org",
        "Bring the old passport and two recent photographs.",
        {day: [("09:30", "12:30"), ("14:00", "16:00")] for day in (0, 1, 3)},
    ),
    (
        "Emergency assistance",
        ["+44 20 7946 0999"],
        "",
        "For citizens in distress only: arrest, serious illness, a death, a lost passport "
        "before travel. Other questions go to the consular queries line.",
        {day: [("00:00", "00:00")] for day in range(7)},
    ),
]
# Open on public holidays too: the section's closures do not apply.
STAYS_OPEN_ON_HOLIDAYS = {"Emergency assistance"}
QUERIES_HOURS = {day: [("09:30", "12:30"), ("14:00", "17:00")] for day in range(5)}


def load_consular(today: date | None = None) -> None:
    """The desks besides the header contact, their weekly hours, one closure and one notice."""
    today = today or timezone.localdate()
    queries = ContactPoint.objects.get(in_header=True)
    desks = [(queries, QUERIES_HOURS)]
    for order, (name, numbers, email, notes, weekly) in enumerate(DEMO_DESKS, start=2):
        desk = ContactPoint.objects.create(
            name=name,
            email=email,
            address=CONSULAR_ADDRESS,
            notes=notes,
            order=order,
            follows_section_changes=name not in STAYS_OPEN_ON_HOLIDAYS,
        )
        for number_order, number in enumerate(numbers):
            PhoneNumber.objects.create(contact_point=desk, number=number, order=number_order)
        desks.append((desk, weekly))
    for desk, weekly in desks:
        OpeningHours.objects.bulk_create(
            OpeningHours(
                contact_point=desk,
                weekday=weekday,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )
            for weekday, ranges in weekly.items()
            for opens, closes in ranges
        )
    christmas = date(today.year, 12, 25)
    if christmas < today:
        christmas = date(today.year + 1, 12, 25)
    # A public holiday closes every desk: one change for the whole section.
    HoursException.objects.create(contact_point=None, date=christmas, reason="Christmas Day")
    Notice.objects.create(
        title="Appointments for visas by email only",
        text=(
            "The visa desk no longer takes appointment requests by telephone. Write to "
            "visas@example.org with your name, your nationality and the dates you mean to "
            "travel, and we will reply with a time.\n\nPlease bring the printed reply."
        ),
        starts_at=timezone.now() - timedelta(days=1),
        level="information",
    )


def at(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


FEATURED_BODY = """
<p>The foreign ministers of the Collective Security Treaty Organization met in Yerevan and
agreed two documents. The first sets down, for the first time in the organisation's own words,
that no state should strengthen its security at the cost of another's. The second is a plan of
consultations between the member states' foreign and defence ministries.</p>
<p>The plan covers the agenda of the United Nations General Assembly, regional crises,
information security, peacekeeping training and regular contact between the ministries' press
services.</p>
<p><strong>Question:</strong> The alliance has six members and NATO has thirty. How can it
weigh as much?</p>
<p><strong>Answer:</strong> The Minister said that numbers were not the only measure, and that
the organisation had long offered NATO a working dialogue that had been turned down.</p>
<blockquote><p>Dialogue remains open to anyone willing to take part in it.</p></blockquote>
""".strip()

DEMO_EVENTS = [
    # (date, place, title, teaser)
    (
        date(2022, 6, 24),
        "Moscow",
        "Interview with Belarusian state television and radio, Moscow, 23 June 2022",
        "The Minister spoke about open competition between cultures and the freedom of the press.",
    ),
    (
        date(2022, 6, 23),
        "Tehran",
        "News conference after talks with the Foreign Minister of Iran, Tehran, 23 June 2022",
        "Two days of talks in Tehran confirmed a shared wish to deepen cooperation in every field.",
    ),
    (
        date(2022, 6, 22),
        "Moscow",
        "Excerpt from an interview with Belarusian state television and radio",
        "A short passage on truthfulness in public statements about the conflict.",
    ),
    (
        date(2022, 6, 17),
        "St Petersburg",
        "Interview with the BBC, St Petersburg, 16 June 2022",
        "The Minister answered the BBC's questions on the Minsk agreements and Donbass.",
    ),
    (
        date(2022, 6, 17),
        "St Petersburg",
        "Interview with the TASS news agency, St Petersburg, 16 June 2022",
        "A conversation with TASS about the path to a settlement.",
    ),
    (
        date(2022, 6, 9),
        "Ankara",
        "News conference after talks with the Foreign Minister of Turkey, Ankara, 8 June 2022",
        "The ministers described relations between the two neighbours as pragmatic and mature.",
    ),
    (
        date(2022, 5, 18),
        "Moscow",
        "Meeting with participants of the New Horizons educational marathon, Moscow, 17 May 2022",
        "Questions from young participants on humanitarian issues and the work of diplomats.",
    ),
    (
        date(2022, 5, 17),
        "Moscow",
        "Remarks at the 30th Assembly of the Council on Foreign and Defence Policy, 14 May 2022",
        "On a world that is becoming more diverse and the limits of isolation.",
    ),
    (
        date(2022, 5, 12),
        "Muscat",
        "News conference after talks with the Foreign Minister of Oman, 11 May 2022",
        "A day of meetings in Muscat on trade, culture, education and political dialogue.",
    ),
    (
        date(2022, 5, 7),
        "Moscow",
        "Wreath-laying at the Foreign Ministry's memorial plaques, Moscow, 6 May 2022",
        "A ceremony ahead of Victory Day in memory of the ministry's staff who fell in the war.",
    ),
]


def load_news() -> None:
    Article.objects.create(
        kind=Kind.SPEECH,
        title=(
            "Foreign Minister's statement and answers to questions after the CSTO Council of "
            "Foreign Ministers, Yerevan, 10 June 2022"
        ),
        slug="csto-foreign-ministers-yerevan",
        status=Status.PUBLISHED,
        published_at=at(2022, 6, 11),
        delivered_on=date(2022, 6, 10),
        delivered_at="Yerevan",
        lead="The ministers adopted a statement on security and a plan of consultations.",
        body=FEATURED_BODY,
        source_url="https://mid.ru/en/foreign_policy/news/1817245/",
        is_featured=True,
    )
    for number, (day, place, title, teaser) in enumerate(DEMO_EVENTS):
        Event.objects.create(
            title=title,
            slug=slugify(title)[:100],
            status=Status.PUBLISHED,
            published_at=at(day.year, day.month, day.day, 9, number),
            starts_on=day,
            place=place,
            teaser=teaser,
            body=f"<p>{teaser}</p>",
        )
