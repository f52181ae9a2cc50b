"""Details a visitor meets: an event's own calendar file, past events in the past tense, and
an Atom entry updated no earlier than it was published."""

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from news.models import Status
from tests.factories import make_article, make_event
from tests.helpers import frozen_at, text

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


def test_an_event_page_offers_its_own_calendar_file(client, frozen):
    event = make_event(
        "Reception", slug="reception", starts_on=date(2022, 7, 4), starts_at=time(18, 30)
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<a href="/news/events/reception/event.ics" download>' in page
    response = client.get("/news/events/reception/event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reception.ics"'
    (component,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(component["summary"]) == "Reception"
    assert component.decoded("dtstart").replace(tzinfo=None) == datetime(2022, 7, 4, 18, 30)


def test_a_past_events_calendar_file_is_there_and_a_drafts_is_not(client, frozen):
    make_event(slug="wreath", starts_on=date(2022, 5, 9))
    make_event(slug="secret", status=Status.DRAFT)
    assert client.get("/news/events/wreath/event.ics").status_code == 200
    assert client.get("/news/events/secret/event.ics").status_code == 404
    assert client.get("/ru/news/events/wreath/event.ics").status_code == 200


def test_the_archive_says_a_past_event_took_place(client, frozen):
    make_event("Wreath laying", starts_on=date(2022, 5, 9), published_at=NOW - timedelta(days=60))
    make_event("Reception", starts_on=date(2022, 7, 4), published_at=NOW - timedelta(days=1))
    make_event("Exhibition", starts_on=date(2022, 6, 20), ends_on=date(2022, 6, 30))
    page = text(client.get("/news/"))
    assert "took place on 9 May 2022" in page
    assert "takes place on 4 July 2022" in page
    # Still going on: not yet in the past.
    assert "takes place on 20 June 2022" in page
    russian = text(client.get("/ru/news/"))
    assert "состоялось 9 мая 2022" in russian


def test_an_atom_entry_is_updated_no_earlier_than_it_was_published(client, frozen):
    article = make_article(slug="scheduled-then-out", published_at=NOW - timedelta(hours=1))
    # Written the day before its publication, never changed since.
    type(article).objects.filter(pk=article.pk).update(updated_at=NOW - timedelta(days=1))
    root = ET.fromstring(client.get("/news/feed/atom/").content)  # noqa: S314 - our own feed
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    (entry,) = root.findall("atom:entry", ns)
    assert entry.find("atom:updated", ns).text == "2022-06-28T10:00:00+00:00"
