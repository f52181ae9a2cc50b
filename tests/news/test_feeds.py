"""RSS and Atom feeds of the press feed and the iCalendar feed of upcoming events, each parsed
back the way a subscriber's program reads it."""

from datetime import UTC, date, datetime, time, timedelta

import feedparser
import pytest
from icalendar import Calendar

from news.models import Kind, Status
from tests.factories import make_article, make_event
from tests.helpers import frozen_at, page_queries

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
TODAY = date(2022, 6, 28)


frozen = frozen_at(NOW)


def ago(**delta):
    return NOW - timedelta(**delta)


@pytest.fixture
def content():
    make_article(
        "Speech in Yerevan",
        slug="yerevan",
        kind=Kind.SPEECH,
        lead="A statement & a plan.",
        body="<p>Full text of the speech.</p>",
        published_at=ago(days=2),
    )
    make_article("Interview with the BBC", kind=Kind.INTERVIEW, published_at=ago(days=1))
    make_event("Talks in Tehran", slug="tehran", published_at=ago(hours=3))
    make_article("Draft speech", status=Status.DRAFT)
    make_article("Scheduled speech", published_at=NOW + timedelta(minutes=1))
    make_event("Draft event", status=Status.DRAFT)
    make_event("Scheduled event", published_at=NOW + timedelta(minutes=1))


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize(
    ("path", "version", "content_type"),
    [
        ("/news/feed/rss/", "rss20", "application/rss+xml; charset=utf-8"),
        ("/news/feed/atom/", "atom10", "application/atom+xml; charset=utf-8"),
    ],
)
def test_all_news_feeds_list_published_items_newest_first(
    client, content, path, version, content_type
):
    response, feed = parse(client, path)
    assert response["Content-Type"] == content_type
    assert feed.version == version
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Embassy in London: all messages"
    assert [entry.title for entry in feed.entries] == [
        "Talks in Tehran",
        "Interview with the BBC",
        "Speech in Yerevan",
    ]
    speech = feed.entries[2]
    assert speech.link == "http://testserver/news/2022/06/26/yerevan/"
    assert speech.published_parsed[:5] == (2022, 6, 26, 11, 0)
    assert "<p>A statement &amp; a plan.</p><p>Full text of the speech.</p>" in speech.summary
    assert [tag.term for tag in speech.tags] == ["Speech"]
    assert feed.entries[0].link == "http://testserver/news/events/tehran/"


@pytest.mark.parametrize("flavour", ["rss", "atom"])
@pytest.mark.parametrize(
    ("kind", "titles"),
    [
        ("speech", ["Speech in Yerevan"]),
        ("interview", ["Interview with the BBC"]),
        ("event", ["Talks in Tehran"]),
        ("statement", []),
    ],
)
def test_feeds_per_kind(client, content, flavour, kind, titles):
    _, feed = parse(client, f"/news/feed/{kind}/{flavour}/")
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == titles
    assert feed.feed.link == f"http://testserver/news/?kind={kind}"


@pytest.mark.parametrize("path", ["/news/feed/zzz/rss/", "/news/feed/draft/atom/"])
def test_an_unknown_kind_has_no_feed(client, path):
    assert client.get(path).status_code == 404


def test_a_feed_holds_the_newest_thirty(client):
    for n in range(35):
        make_article(f"Item {n}", published_at=ago(hours=n))
    _, feed = parse(client, "/news/feed/rss/")
    assert len(feed.entries) == 30
    assert feed.entries[-1].title == "Item 29"


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/events/", "/news/search/?q=x", "/news/2022/06/26/yerevan/"]
)
def test_every_page_links_the_feeds_in_its_head(client, content, path):
    html = client.get(path).content.decode()
    head = html[: html.index("</head>")]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="/news/feed/rss/"' in head
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'href="/news/feed/atom/"' in head


def calendar(client):
    response = client.get("/news/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_calendar_lists_upcoming_published_events(client):
    make_event(
        "Forum",
        slug="forum",
        starts_on=date(2022, 7, 1),
        ends_on=date(2022, 7, 3),
        place="St Petersburg",
        teaser="Three days of talks.",
    )
    make_event(
        "Visit", slug="visit", starts_on=date(2022, 7, 5), starts_at=time(10), ends_at=time(12, 30)
    )
    make_event("Today", starts_on=TODAY)
    make_event("Yesterday", starts_on=TODAY - timedelta(days=1))
    make_event("Draft", status=Status.DRAFT, starts_on=TODAY + timedelta(days=2))
    make_event("Scheduled", published_at=NOW + timedelta(hours=1), starts_on=TODAY)
    cal = calendar(client)
    events = {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}
    assert set(events) == {"Forum", "Visit", "Today"}
    forum = events["Forum"]
    assert forum.decoded("DTSTART") == date(2022, 7, 1)
    # DTEND of an all-day event is the day after its last day.
    assert forum.decoded("DTEND") == date(2022, 7, 4)
    assert str(forum["LOCATION"]) == "St Petersburg"
    assert str(forum["DESCRIPTION"]) == "Three days of talks."
    assert str(forum["URL"]) == "http://testserver/news/events/forum/"
    assert str(forum["UID"]).endswith("@testserver")
    visit = events["Visit"]
    assert visit.decoded("DTSTART").astimezone(UTC) == datetime(2022, 7, 5, 9, 0, tzinfo=UTC)
    assert visit.decoded("DTEND").astimezone(UTC) == datetime(2022, 7, 5, 11, 30, tzinfo=UTC)
    assert visit["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert events["Today"].decoded("DTEND") == TODAY + timedelta(days=1)


def test_calendar_uids_are_stable(client):
    make_event("Visit", starts_on=TODAY)
    first = [str(e["UID"]) for e in calendar(client).walk("VEVENT")]
    second = [str(e["UID"]) for e in calendar(client).walk("VEVENT")]
    assert first == second and len(first) == 1


def test_an_empty_calendar_is_still_a_calendar(client):
    cal = calendar(client)
    assert cal.walk("VEVENT") == []
    assert str(cal["VERSION"]) == "2.0"


@pytest.mark.usefixtures("no_page_cache")
def test_feeds_cost_one_query(client, content, django_assert_num_queries):
    for path in (
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/news/feed/speech/rss/",
        "/news/events.ics",
    ):
        with django_assert_num_queries(page_queries(1)):
            assert client.get(path).status_code == 200
