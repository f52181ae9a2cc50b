"""An event abroad keeps its own time zone: its page, the calendar and the structured data say
its times in that zone, with the offset; an event at home is in the host city's."""

import json
from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from tests.factories import make_event
from tests.helpers import admin_form, frozen_at, text

pytestmark = pytest.mark.django_db

frozen = frozen_at(datetime(2022, 6, 20, 9, 0, tzinfo=UTC))


@pytest.fixture
def tehran():
    return make_event(
        "News conference in Tehran",
        slug="tehran",
        starts_on=date(2022, 6, 23),
        starts_at=time(11, 30),
        ends_at=time(13, 0),
        time_zone="Asia/Tehran",
        place="Tehran",
        published_at=datetime(2022, 6, 19, tzinfo=UTC),
    )


def test_the_page_gives_the_time_with_the_offset_of_the_events_zone(client, frozen, tehran):
    page = client.get(tehran.get_absolute_url()).content.decode()
    assert 'datetime="2022-06-23T11:30+04:30"' in page
    assert 'datetime="2022-06-23T13:00+04:30"' in page
    assert "23 June 2022, 11:30 – 13:00 (UTC+04:30)" in text(client.get(tehran.get_absolute_url()))


def test_an_event_at_home_is_in_the_host_citys_time(client, frozen):
    event = make_event(slug="reception", starts_on=date(2022, 7, 4), starts_at=time(18, 30))
    page = client.get(event.get_absolute_url())
    assert 'datetime="2022-07-04T18:30+01:00"' in page.content.decode()
    assert "4 July 2022, 18:30 (UTC+01:00)" in text(page)


def test_the_calendar_puts_the_event_in_its_zone(client, frozen, tehran):
    calendar = Calendar.from_ical(client.get("/news/events.ics").content)
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime(2022, 6, 23, 11, 30, tzinfo=start.tzinfo)
    assert start.utcoffset().total_seconds() == 4.5 * 3600
    assert "Asia/Tehran" in [zone["tzid"] for zone in calendar.walk("VTIMEZONE")]


def test_the_structured_data_gives_the_start_in_the_events_zone(client, frozen, tehran):
    page = client.get(tehran.get_absolute_url()).content.decode()
    data = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    assert data["startDate"] == "2022-06-23T11:30:00+04:30"


def test_an_unknown_zone_is_refused_in_the_admin(admin_client, frozen):
    data = {
        "title": "Visit",
        "slug": "visit",
        "starts_on": "2022-06-23",
        "starts_at": "11:30",
        "time_zone": "Asia/Atlantis",
        "status": "draft",
        "published_at_0": "2022-06-20",
        "published_at_1": "10:00",
    }
    response = admin_client.post("/admin/news/event/add/", admin_form(data))
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()
    response = admin_client.post(
        "/admin/news/event/add/", admin_form(data | {"time_zone": "Asia/Tehran"})
    )
    assert response.status_code == 302
